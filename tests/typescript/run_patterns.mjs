// Searches values with the TypeScript runtime's `pattern` and prints the verdicts as JSON.
// Usage: node run_patterns.mjs DIST BATCHES, where BATCHES is a JSON file of [source, values]
// pairs (a source as registry/generate/typescript_patterns.py writes it).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dist, batchesPath] = process.argv.slice(2);
const { pattern } = await import(pathToFileURL(`${dist}/runtime/checks.js`).href);
const batches = JSON.parse(readFileSync(batchesPath, "utf8"));
const verdicts = batches.map(([source, values]) => {
  const regex = pattern(source);
  return values.map((value) => regex.test(value));
});
process.stdout.write(JSON.stringify(verdicts));

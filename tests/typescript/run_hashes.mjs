// Runs the compiled TypeScript Redactor on tests/vectors/hash_v1.json and prints, per key, its
// key id and the hash of every value, as JSON. Usage: node run_hashes.mjs DIST VECTORS
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dist, vectorsPath] = process.argv.slice(2);
const { Redactor } = await import(pathToFileURL(`${dist}/runtime/redact.js`).href);

const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));
const results = vectors.keys.map(({ key, values }) => {
  const redactor = new Redactor(key);
  return { key_id: redactor.keyId, hashed: values.map(({ value }) => redactor.hash(value)) };
});
process.stdout.write(JSON.stringify(results));

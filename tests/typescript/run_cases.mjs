// Calls the compiled package's AuditLog methods and prints, per call, the message of the
// InvalidEvent it threw (null when it wrote the event), as JSON. Usage: node run_cases.mjs
// DIST CASES, where CASES is a JSON file of {method, fields, envelope?} (envelope: members
// that replace those of a valid call); a field value {"$int": "..."} is
// a bigint, {"$float": "nan"} a number JSON cannot write.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dist, casesPath] = process.argv.slice(2);
const { AuditLog, InvalidEvent, MemorySink } = await import(pathToFileURL(`${dist}/index.js`).href);

function typed(value) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(typed);
  if ("$int" in value) return BigInt(value.$int);
  if ("$float" in value) return Number(value.$float);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typed(item)]));
}

const messages = [];
for (const { method, fields, envelope } of JSON.parse(readFileSync(casesPath, "utf8"))) {
  const log = new AuditLog({ sink: new MemorySink(), hmacKey: "conformance-tests-hmac-key-0123456789" });
  try {
    const call = { actor: { type: "user", id: "u_42" }, targets: [], outcome: "success", ...envelope };
    log[method]({ ...call, fields: typed(fields) });
    messages.push(null);
  } catch (error) {
    if (!(error instanceof InvalidEvent)) throw error;
    messages.push(error.message);
  }
}
process.stdout.write(JSON.stringify(messages));

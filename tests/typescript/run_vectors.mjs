// Runs the compiled TypeScript runtime on tests/vectors/emit_v1.json and prints, per case, the
// body, line and hash it produced (hex), as JSON. Usage: node run_vectors.mjs DIST VECTORS
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dist, vectorsPath] = process.argv.slice(2);
const load = (name) => import(pathToFileURL(`${dist}/runtime/${name}.js`).href);
const { Emitter } = await load("emitter");
const { MemorySink } = await load("sink");
const { seal } = await load("chain");

function typed(value, kind) {
  if (value === null || typeof value !== "object") return value;
  if ("$float" in value) return Number(value.$float);
  if ("$int" in value) {
    const big = BigInt(value.$int);
    return kind === "integer" && Number.isSafeInteger(Number(big)) && BigInt(Number(big)) === big ? Number(big) : big;
  }
  if (Array.isArray(value)) return value.map((item) => typed(item, kind));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typed(item, kind)]));
}

function fields(specs, values) {
  const out = {};
  for (const [name, value] of Object.entries(values)) {
    const spec = specs.find((field) => field.name === name);
    out[name] = typed(value, spec?.kind);
  }
  return out;
}

const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));
const spec = vectors.spec;
const results = [];
for (const c of vectors.cases) {
  const sink = new MemorySink();
  const emitter = new Emitter({
    sink, hmacKey: vectors.hmac_key, truncateTo: vectors.truncate_to, clock: () => c.ms, newId: () => c.id,
  });
  const e = c.envelope;
  const context = e.context === null ? null : {
    ip: e.context.ip, userAgent: e.context.user_agent, requestId: e.context.request_id, sessionId: e.context.session_id,
  };
  emitter.emit(spec, {
    actor: e.actor, targets: e.targets, outcome: e.outcome, reason: e.reason, context, tenant: e.tenant,
    fields: fields(spec.fields, c.fields),
  });
  const [line, hash] = seal(sink.bodies[0], c.prev_hash, c.stream, c.seq);
  results.push({ name: c.name, body_hex: sink.bodies[0].toString("hex"), line_hex: line.toString("hex"), hash });
}
process.stdout.write(JSON.stringify(results));

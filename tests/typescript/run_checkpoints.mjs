// Runs the compiled TypeScript runtime on tests/vectors/checkpoint_v1.json: each checkpoint's
// payload, line and checkpoint hash, and the files a JsonLinesSink leaves for the sink scenario
// (run in DIR), as JSON. Usage: node run_checkpoints.mjs DIST VECTORS DIR
import { createPrivateKey, sign } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dist, vectorsPath, dir] = process.argv.slice(2);
const load = (name) => import(pathToFileURL(`${dist}/runtime/${name}.js`).href);
const { checkpointHash, payload, signLine } = await load("checkpoint");
const { recordsRoot } = await load("merkle");
const { keyId } = await load("signing");
const { formatTimestamp } = await load("ids");
const { JsonLinesSink } = await load("sink");

const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");
const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));
const signers = vectors.keys.map(({ seed_hex, public_key_hex }) => {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, Buffer.from(seed_hex, "hex")]), format: "der", type: "pkcs8" });
  return { publicKey: Buffer.from(public_key_hex, "hex"), sign: (data) => sign(null, data, key) };
});

const checkpoints = vectors.checkpoints.map((c) => {
  const signer = signers[c.key];
  const data = payload({
    stream: c.stream, first: c.first, last: c.first + c.hashes.length - 1, root: recordsRoot(c.hashes),
    lastHash: c.last_hash, prev: c.prev, time: formatTimestamp(c.ms), key: keyId(signer.publicKey),
    nextKey: c.next_key === null ? null : signers[c.next_key].publicKey,
  });
  const line = signLine(data, signer);
  return { name: c.name, payload: data.toString(), line: line.toString(), checkpoint_hash: checkpointHash(line.subarray(0, -1)) };
});

const s = vectors.sink;
mkdirSync(join(dir, s.mirror));
let ms = s.clock.start_ms;
const sink = new JsonLinesSink(join(dir, s.log), {
  stream: s.stream, signer: signers[0], checkpointEvery: s.options.checkpoint_every,
  checkpointMirror: join(dir, s.mirror), rotateBytes: s.options.rotate_bytes,
  clock: () => { const now = ms; ms += s.clock.step_ms; return now; },
});
for (const step of s.steps) {
  if ("write" in step) sink.write(Buffer.from(step.write, "utf8"));
  else if ("flush" in step) sink.flush();
  else if ("rotate_key" in step) sink.rotateKey(signers[step.rotate_key]);
  else sink.close();
}
const files = {};
const walk = (sub) => {
  for (const name of readdirSync(join(dir, sub)).sort()) {
    const path = sub ? `${sub}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) walk(path);
    else files[path] = readFileSync(join(dir, path), "utf8");
  }
};
walk("");
process.stdout.write(JSON.stringify({ checkpoints, files }));

// Drives a JsonLinesSink of the generated package through the steps of a JSON plan and prints
// what it saw, as JSON. Usage: node sink_run.mjs DIST PLAN_JSON
//
// plan: {log, options, callbackKey?: PEM path (the signer is then a callback, as a signing
// service would be), signerFailsAfter?: n (the callback throws from its n+1-th signature),
// mirrorFailsOnce?: true (a callback mirror that throws once), mirror?: "up" | "down" (a
// callback mirror that keeps the lines while up and throws while down),
// steps: [{emit: n} | {emitEach: n} (n emits, each on its own: an error stops only its own)
//         | {sleep: ms} | {flush: true} | {close: true} | {checkpoints: true}
//         | {rotateKey: PEM path} | {mirror: "up" | "down"}]}
// output: {stream, seen: [checkpoint line counts], error: null | the first {name, message, step},
// errors: every one, mirrored: the lines the mirror kept} (the steps go on after an error,
// unless the sink could not be made)
import { createPrivateKey, sign } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";

const [dist, planText] = process.argv.slice(2);
const plan = JSON.parse(planText);
const m = await import(pathToFileURL(`${dist}/index.js`).href);

function callbackSigner(pemPath, failsAfter) {
  const loaded = m.signerFromPem(readFileSync(pemPath), pemPath); // only for its public key
  const key = createPrivateKey(readFileSync(pemPath));
  let signed = 0;
  return {
    publicKey: loaded.publicKey,
    sign(data) {
      if (failsAfter !== undefined && signed >= failsAfter) throw new Error("the signing service is unreachable");
      signed += 1;
      return sign(null, data, key);
    },
  };
}

const options = { ...plan.options };
if (plan.callbackKey !== undefined) options.signer = callbackSigner(plan.callbackKey, plan.signerFailsAfter);
if (plan.mirrorFailsOnce) {
  let calls = 0;
  options.checkpointMirror = () => {
    calls += 1;
    if (calls === 1) throw new Error("the mirror store is unreachable");
  };
}
const mirrored = [];
let mirrorDown = plan.mirror === "down";
if (plan.mirror !== undefined) {
  options.checkpointMirror = (line) => {
    if (mirrorDown) throw new Error("the mirror store is unreachable");
    mirrored.push(line.toString("utf8"));
  };
}
const checkpointFile = options.checkpointPath ?? `${plan.log}.checkpoints`;
const seen = [];
const errors = [];
let sink = null;
let audit = null;
let n = 0;
const steps = [{ open: true }, ...plan.steps];
function emit() {
  audit.userSignedIn({
    actor: { type: "user", id: `u-${n}` }, targets: [], outcome: "success",
    fields: { method: "password", mfa_used: true, login_name: "alice@example.com", failed_attempts: n },
  });
  n += 1;
}
for (const [index, step] of steps.entries()) {
  try {
    if ("open" in step) {
      sink = new m.JsonLinesSink(plan.log, options);
      audit = new m.AuditLog({ sink, hmacKey: "test-key" });
    } else if ("emit" in step) {
      for (let i = 0; i < step.emit; i++) emit();
    } else if ("emitEach" in step) {
      for (let i = 0; i < step.emitEach; i++) {
        try {
          emit();
        } catch (caught) {
          errors.push({ name: caught.name, message: caught.message, step: index });
        }
      }
    } else if ("mirror" in step) mirrorDown = step.mirror === "down";
    else if ("sleep" in step) await sleep(step.sleep);
    else if ("flush" in step) sink.flush();
    else if ("close" in step) audit.close();
    else if ("rotateKey" in step) sink.rotateKey(m.loadSigner(step.rotateKey));
    else if ("checkpoints" in step) {
      seen.push(existsSync(checkpointFile) ? readFileSync(checkpointFile, "utf8").split("\n").length - 1 : 0);
    }
  } catch (caught) {
    errors.push({ name: caught.name, message: caught.message, step: index });
    if (sink === null) break;
  }
}
process.stdout.write(JSON.stringify({ stream: sink?.stream ?? null, seen, error: errors[0] ?? null, errors, mirrored }));

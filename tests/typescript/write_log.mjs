// Writes a chained log from Node with the generated package: node write_log.mjs DIST LOG
import { pathToFileURL } from "node:url";

const [dist, log] = process.argv.slice(2);
const { AuditLog, JsonLinesSink, InvalidEvent } = await import(pathToFileURL(`${dist}/index.js`).href);

const audit = new AuditLog({ sink: new JsonLinesSink(log, { stream: "node-writer-1" }), hmacKey: "test-key" });
const actor = { type: "user", id: "u-1" };
audit.userSignedIn({
  actor, targets: [{ type: "session", id: "s-1" }], outcome: "success",
  context: { ip: "203.0.113.9", userAgent: "node", requestId: "r-1" },
  fields: { method: "password", mfa_used: true, login_name: "alice@example.com", failed_attempts: 0 },
});
audit.userSignedIn({
  actor: { type: "anonymous", id: "anon" }, targets: [], outcome: "failure", reason: "unknown_user",
  fields: { method: "password", login_name: "mallory@example.com", failed_attempts: 9007199254740993n },
});
let refused = "";
try {
  audit.userSignedIn({ actor, targets: [], outcome: "success", fields: { method: "telepathy", login_name: "bob@example.com" } });
} catch (error) {
  if (!(error instanceof InvalidEvent)) throw error;
  refused = error.message;
}
audit.close();
process.stdout.write(JSON.stringify({ refused }));

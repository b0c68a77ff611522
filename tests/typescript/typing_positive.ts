// Calls tsc --strict must accept (tests/typescript/test_typescript.py compiles this file).
import { AuditLog, MemorySink } from "./index.js";

export function positive(): void {
  const log = new AuditLog({ sink: new MemorySink(), hmacKey: "k" });
  log.userSignedIn({
    actor: { type: "user", id: "u-1" },
    targets: [{ type: "session", id: "s-1" }],
    outcome: "success",
    fields: { method: "password", mfa_used: true, failed_attempts: 2n },
  });
  log.userSignedIn({
    actor: { type: "user", id: "u-1" },
    targets: [],
    outcome: "failure",
    reason: "invalid_credentials",
    context: { ip: "203.0.113.9", requestId: "r-1" },
    fields: { method: "sso", identity_provider: null, failed_attempts: 3 },
  });
}

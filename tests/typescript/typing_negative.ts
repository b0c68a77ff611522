// Calls tsc --strict must refuse: every `@ts-expect-error` line must be an error, or tsc fails
// with "Unused '@ts-expect-error' directive" (tests/typescript/test_typescript.py).
import { AuditLog, MemorySink } from "./index.js";

const log = new AuditLog({ sink: new MemorySink(), hmacKey: "k" });
const actor = { type: "user", id: "u-1" } as const;

export function negative(): void {
  // wrong enum value
  // @ts-expect-error
  log.userSignedIn({ actor, targets: [], outcome: "success", fields: { method: "carrier_pigeon" } });
  // missing required field
  // @ts-expect-error
  log.userSignedIn({ actor, targets: [], outcome: "success", fields: { mfa_used: true } });
  // unknown field
  // @ts-expect-error
  log.userSignedIn({ actor, targets: [], outcome: "success", fields: { method: "sso", nickname: "x" } });
  // wrong type
  // @ts-expect-error
  log.userSignedIn({ actor, targets: [], outcome: "success", fields: { method: "sso", mfa_used: "yes" } });
  // wrong outcome for the event
  // @ts-expect-error
  log.userSignedIn({ actor, targets: [], outcome: "maybe", fields: { method: "sso" } });
  // an actor type the event does not allow
  // @ts-expect-error
  log.userSignedIn({ actor: { type: "robot", id: "r" }, targets: [], outcome: "success", fields: { method: "sso" } });
  // a failure reason the event does not declare
  // @ts-expect-error
  log.userSignedIn({ actor, targets: [], outcome: "failure", reason: "bad_luck", fields: { method: "sso" } });
  // no such event
  // @ts-expect-error
  log.userTeleported({ actor, targets: [], outcome: "success", fields: {} });
}

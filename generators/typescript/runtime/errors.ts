// Errors that never carry a value: a field's name and what is wrong with it, no more.

/** Set-up problems (no HMAC key, a bad option): thrown by constructors, never by an emit. */
export class AuditConfigurationError extends Error {
  override name = "AuditConfigurationError";
}

/** The log cannot be written as configured (sealing failed, a signer's answer is unusable). */
export class AuditError extends Error {
  override name = "AuditError";
}

/** An event refused before anything is written: its name, the field and the problem, worded
 * as registry_runtime.errors.InvalidEvent (`<event>: <field>: <problem>`). */
export class InvalidEvent extends Error {
  override name = "InvalidEvent";
  constructor(
    readonly event: string,
    readonly field: string | null,
    readonly problem: string,
  ) {
    super(field === null ? `${event}: ${problem}` : `${event}: ${field}: ${problem}`);
  }
}

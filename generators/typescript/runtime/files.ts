// Files the sink appends to: opened for appending (owner only), written whole.
import { openSync, writeSync } from "node:fs";

import { AuditConfigurationError } from "./errors.js";

/** What the system said, without the path Node appends (`no such file or directory`). */
export function systemReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /^[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
}

/** `path` opened for appending; `what` names it in the error (`the audit log`). */
export function openForAppend(path: string, what: string): number {
  try {
    return openSync(path, "a", 0o600);
  } catch (error) {
    throw new AuditConfigurationError(`cannot open ${what} ${path}: ${systemReason(error)}`);
  }
}

/** Writes all of `data` (a short write is rare: a signal, a full disk). */
export function appendAll(fd: number, data: Uint8Array): void {
  let written = writeSync(fd, data);
  while (written < data.length) written += writeSync(fd, data, written);
}

// Files the sink appends to: opened for appending (owner only), written whole.
import { fstatSync, openSync, readSync, writeSync } from "node:fs";

import { AuditConfigurationError } from "./errors.js";

/** What the system said, without the path Node appends (`no such file or directory`). */
export function systemReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /^[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
}

/** `path` opened for appending (and reading, with `readable`: `appendLine`); `what` names it in
 * the error (`the audit log`). */
export function openForAppend(path: string, what: string, readable = false): number {
  try {
    return openSync(path, readable ? "a+" : "a", 0o600);
  } catch (error) {
    throw new AuditConfigurationError(`cannot open ${what} ${path}: ${systemReason(error)}`);
  }
}

/** Writes all of `data` (a short write is rare: a signal, a full disk). */
export function appendAll(fd: number, data: Uint8Array): void {
  let written = writeSync(fd, data);
  while (written < data.length) written += writeSync(fd, data, written);
}

const NEWLINE = Buffer.from("\n");

/** Appends the line `data` whole, after a newline if the file ends inside a line (what a writer
 * killed in the middle of one leaves), so that the fragment stays a line of its own. `fd` must
 * be readable. Without a file lock (Node has none), as the sink's own lines. */
export function appendLine(fd: number, data: Uint8Array): void {
  const size = fstatSync(fd).size;
  if (size > 0) {
    const last = Buffer.alloc(1);
    if (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a) {
      appendAll(fd, Buffer.concat([NEWLINE, data]));
      return;
    }
  }
  appendAll(fd, data);
}

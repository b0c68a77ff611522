// Sinks: the chained JSON Lines file of docs/integrity.md (one stream per sink, seq from 0,
// prev_hash/hash as registry_runtime.jsonl writes them), and memory for tests.
import { randomBytes } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { hostname } from "node:os";

import { ZERO_HASH, seal, validStreamId } from "./chain.js";
import { AuditConfigurationError } from "./errors.js";
import type { Sink } from "./emitter.js";

const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** `<host>-<pid>-<6 random hex>`, as Python's `default_stream_id`. */
export function defaultStreamId(): string {
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 40) || "host";
  return `${host}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

/** Appends the chained records of one new stream to `path` (append-only, one write per line). */
export class JsonLinesSink implements Sink {
  readonly stream: string;
  #fd: number;
  #seq = 0;
  #prev = ZERO_HASH;

  constructor(path: string, options: { stream?: string } = {}) {
    this.stream = options.stream ?? defaultStreamId();
    if (!validStreamId(this.stream)) {
      throw new AuditConfigurationError("stream must be 1 to 64 ASCII letters, digits, '.', '_' or '-'");
    }
    this.#fd = openSync(path, "a", 0o600);
  }

  write(body: Buffer): void {
    if (this.#fd < 0) throw new AuditConfigurationError("the sink is closed");
    const [line, hash] = seal(body, this.#prev, this.stream, this.#seq);
    if (line.length > MAX_LINE_BYTES) throw new RangeError("a record longer than 16 MiB is refused");
    let written = 0;
    while (written < line.length) written += writeSync(this.#fd, line, written);
    this.#prev = hash;
    this.#seq += 1;
  }

  close(): void {
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#fd = -1;
  }
}

/** Keeps the record bodies (tests, conformance vectors). */
export class MemorySink implements Sink {
  readonly bodies: Buffer[] = [];
  write(body: Buffer): void {
    this.bodies.push(body);
  }
  close(): void {}
}

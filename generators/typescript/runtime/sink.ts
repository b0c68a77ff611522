// Sinks: the chained JSON Lines file of docs/integrity.md (one stream per sink, seq from 0,
// prev_hash/hash as registry_runtime.jsonl writes them), optionally sealed by signed
// checkpoints and rotated, and memory for tests.
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, renameSync } from "node:fs";
import { hostname } from "node:os";
import { performance } from "node:perf_hooks";

import { ZERO_HASH, seal, validStreamId } from "./chain.js";
import type { Sink } from "./emitter.js";
import { AuditConfigurationError, AuditError } from "./errors.js";
import { appendAll, openForAppend, systemReason } from "./files.js";
import { nextRotatedName, sameFile } from "./rotation.js";
import { Sealer, type Mirror } from "./sealing.js";
import { checkedSigner, loadSigner, type Signer } from "./signing.js";

const MAX_LINE_BYTES = 16 * 1024 * 1024;
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** `<host>-<pid>-<6 random hex>`, as Python's `default_stream_id`. */
export function defaultStreamId(): string {
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 40) || "host";
  return `${host}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

/** The options of `JsonLinesSink`, as registry_runtime.jsonl's (docs/typescript.md). */
export interface JsonLinesSinkOptions {
  /** The stream id (default: `defaultStreamId()`); it must be new in the log. */
  readonly stream?: string;
  /** Seal the stream with signed checkpoints: a `Signer`, a PEM private key file, or `"env"`
   * for `$REGISTRY_AUDIT_SIGNING_KEY`. */
  readonly signer?: Signer | string;
  /** A checkpoint every this many records (default 1000). */
  readonly checkpointEvery?: number;
  /** A checkpoint once a record has been unsealed this long (seconds, default 60). */
  readonly checkpointSeconds?: number;
  /** Default `<path>.checkpoints`. */
  readonly checkpointPath?: string;
  /** Each checkpoint also to this directory, or handed to this function. */
  readonly checkpointMirror?: string | Mirror;
  /** An empty checkpoint every `checkpointSeconds` while idle (for `verify-log --max-gap`). */
  readonly heartbeat?: boolean;
  /** Rotate before a write that would pass this size (bytes), or once the file is this old. */
  readonly rotateBytes?: number;
  readonly rotateSeconds?: number;
  /** Unix time in milliseconds of the checkpoints (default `Date.now`). */
  readonly clock?: () => number;
}

function positive(name: string, value: number | undefined, integer: boolean): void {
  if (value === undefined) return;
  const ok = typeof value === "number" && value > 0 && (integer ? Number.isSafeInteger(value) : Number.isFinite(value));
  if (!ok) throw new AuditConfigurationError(`${name} must be a positive ${integer ? "integer" : "number"}, not ${String(value)}`);
}

function resolveSigner(signer: Signer | string | undefined): Signer | null {
  if (signer === undefined) return null;
  if (typeof signer === "string") return loadSigner(signer === "env" ? undefined : signer);
  return checkedSigner(signer);
}

/** Appends the chained records of one new stream to `path` (one write per line, on a file opened
 * for appending); with a `signer` seals them with checkpoints; rotates by size or age. */
export class JsonLinesSink implements Sink {
  readonly path: string;
  readonly stream: string;
  #fd: number;
  #seq = 0;
  #prev = ZERO_HASH;
  #error: unknown = null;
  readonly #sealer: Sealer | null = null;
  readonly #every: number;
  readonly #sealMs: number;
  readonly #heartbeat: boolean;
  #timer: NodeJS.Timeout | undefined;
  readonly #rotating: boolean;
  readonly #rotateBytes: number | undefined;
  readonly #rotateMs: number | undefined;
  #openedAt = performance.now();

  constructor(path: string, options: JsonLinesSinkOptions = {}) {
    positive("checkpointEvery", options.checkpointEvery, true);
    positive("checkpointSeconds", options.checkpointSeconds, false);
    positive("rotateBytes", options.rotateBytes, true);
    positive("rotateSeconds", options.rotateSeconds, false);
    this.path = path;
    this.stream = options.stream ?? defaultStreamId();
    if (!validStreamId(this.stream)) {
      throw new AuditConfigurationError("stream must be 1 to 64 ASCII letters, digits, '.', '_' or '-'");
    }
    this.#every = options.checkpointEvery ?? 1000;
    this.#sealMs = (options.checkpointSeconds ?? 60) * 1000;
    this.#heartbeat = options.heartbeat ?? false;
    this.#rotateBytes = options.rotateBytes;
    this.#rotateMs = options.rotateSeconds === undefined ? undefined : options.rotateSeconds * 1000;
    this.#rotating = this.#rotateBytes !== undefined || this.#rotateMs !== undefined;
    const signer = resolveSigner(options.signer);
    this.#fd = openForAppend(path, "the audit log");
    if (signer !== null) {
      const where = options.checkpointPath ?? `${path}.checkpoints`;
      try {
        this.#sealer = new Sealer(signer, this.stream, where, options.checkpointMirror ?? null, options.clock ?? Date.now);
      } catch (error) {
        closeSync(this.#fd);
        throw error;
      }
      if (this.#heartbeat) this.#arm();
    }
  }

  write(body: Buffer): void {
    if (this.#fd < 0 || this.#error !== null) this.#refuse();
    if (this.#rotating) this.#maybeRotate(body.length);
    const [line, hash] = seal(body, this.#prev, this.stream, this.#seq);
    if (line.length > MAX_LINE_BYTES) {
      throw new AuditError(`the record is ${line.length} bytes, longer than the log's limit of ${MAX_LINE_BYTES}`);
    }
    appendAll(this.#fd, line);
    this.#prev = hash;
    this.#seq += 1;
    const sealer = this.#sealer;
    if (sealer !== null) {
      const pending = sealer.add(hash);
      if (pending >= this.#every) sealer.seal();
      else if (pending === 1 && this.#timer === undefined) this.#arm();
    }
  }

  /** Seal the records not sealed yet (nothing without a signer). */
  flush(): void {
    if (this.#fd < 0 || this.#error !== null) this.#refuse();
    this.#sealer?.seal();
  }

  /** Seal what is pending with a checkpoint naming `signer`'s key as the next one; later
   * checkpoints are signed by `signer`. */
  rotateKey(signer: Signer): void {
    if (this.#fd < 0 || this.#error !== null) this.#refuse();
    if (this.#sealer === null) throw new AuditConfigurationError("this sink does not sign checkpoints (no signer)");
    this.#sealer.seal(checkedSigner(signer));
  }

  /** Seal pending records and close the files. Idempotent. */
  close(): void {
    if (this.#fd < 0) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const fd = this.#fd;
    this.#fd = -1;
    try {
      this.#sealer?.seal();
    } finally {
      closeSync(fd);
      this.#sealer?.close();
    }
    if (this.#error !== null) this.#refuse();
  }

  #refuse(): never {
    const error = this.#error;
    if (error === null) throw new AuditError(`the audit log sink for ${this.path} is closed`);
    this.#error = null;
    if (this.#fd >= 0) this.#arm();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AuditError(`sealing the audit log ${this.path} failed: ${reason}`, { cause: error });
  }

  // -- sealing by time: one unref'd timer, set for when the oldest pending record (or, with
  // heartbeat, the last checkpoint) will be `checkpointSeconds` old.

  #arm(): void {
    const sealer = this.#sealer;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (sealer === null) return;
    let due: number;
    if (sealer.pending > 0) due = sealer.oldest + this.#sealMs;
    else if (this.#heartbeat) due = sealer.sealedAt + this.#sealMs;
    else return;
    const wait = Math.min(LONGEST_TIMER_MS, Math.max(10, due - performance.now()));
    this.#timer = setTimeout(() => this.#tick(), wait).unref();
  }

  #tick(): void {
    this.#timer = undefined;
    const sealer = this.#sealer;
    if (this.#fd < 0 || sealer === null) return;
    try {
      const now = performance.now();
      if (sealer.pending > 0 && now - sealer.oldest >= this.#sealMs) sealer.seal();
      else if (this.#heartbeat && sealer.pending === 0 && now - sealer.sealedAt >= this.#sealMs) sealer.seal(null, true);
    } catch (error) {
      this.#error = error; // thrown by the next write, flush or close
      return;
    }
    this.#arm();
  }

  // -- rotation, Python's rule: before a write that would pass the size (the body and a margin
  // of 400 bytes for what the chain adds to it), or once the file is older than the time

  #maybeRotate(adding: number): void {
    const size = fstatSync(this.#fd).size;
    if (size === 0) return;
    const bytes = this.#rotateBytes;
    const ms = this.#rotateMs;
    const due =
      (bytes !== undefined && size + adding + 400 > bytes) ||
      (ms !== undefined && performance.now() - this.#openedAt >= ms);
    if (!due) return;
    try {
      if (sameFile(this.path, this.#fd)) renameSync(this.path, nextRotatedName(this.path));
    } catch (error) {
      throw new AuditError(`cannot rotate the audit log ${this.path}: ${systemReason(error)}`);
    }
    const fd = openForAppend(this.path, "the audit log");
    closeSync(this.#fd);
    this.#fd = fd;
    this.#openedAt = performance.now();
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

// Sealing one stream with signed checkpoints, as registry_runtime.sealing: the hashes of the
// records not yet sealed, the range's first sequence number, the last record hash and the
// previous checkpoint hash; each checkpoint is one write to the checkpoint file (opened for
// appending: the streams of a log share it) and to the mirror. The sink decides when to seal.
//
// A checkpoint is sealed once it is in its file: a mirror that fails then is an `AuditError`
// thrown with the state already moved on. The lines the mirror refused are kept, at most
// `MIRROR_BACKLOG` (the oldest dropped beyond), and sent again, oldest first, before the next
// checkpoint and on each later `seal` (the sink's `flush` and `close`), as Python's sealer does.
// A line is appended after a newline when its file ends inside a line (`appendLine`).
import { closeSync } from "node:fs";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";

import { ZERO_HASH } from "./chain.js";
import { checkpointHash, payload, signLine } from "./checkpoint.js";
import { AuditError } from "./errors.js";
import { appendLine, openForAppend, systemReason } from "./files.js";
import { formatTimestamp } from "./ids.js";
import { recordsRoot } from "./merkle.js";
import { keyId, type Signer } from "./signing.js";

/** Given each checkpoint line (with its newline): ship it to a store the writer cannot rewrite. */
export type Mirror = (line: Buffer) => void;

/** The most checkpoint lines kept for a failing mirror (about 500 bytes each). */
export const MIRROR_BACKLOG = 1024;

export class Sealer {
  readonly stream: string;
  readonly path: string;
  /** The range's first sequence number (the next record's, when nothing is pending). */
  first = 0;
  /** The checkpoint hash of the stream's last checkpoint (64 zeros before its first). */
  prev = ZERO_HASH;
  /** `performance.now()` of the oldest pending record, and of the last checkpoint. */
  oldest = 0;
  sealedAt = performance.now();
  /** Lines dropped from a full backlog: the mirror lacks them for good. */
  dropped = 0;
  #signer: Signer;
  #key: string;
  #clock: () => number;
  #fd: number;
  #mirrorFd = -1;
  #mirror: Mirror | null = null;
  /** Lines the mirror refused, oldest first. */
  #unsent: Buffer[] = [];
  #hashes: string[] = [];
  #last = ZERO_HASH;

  constructor(signer: Signer, stream: string, path: string, mirror: string | Mirror | null, clock: () => number) {
    this.#signer = signer;
    this.#key = keyId(signer.publicKey);
    this.stream = stream;
    this.path = path;
    this.#clock = clock;
    this.#fd = openForAppend(path, "the checkpoint file", true);
    if (typeof mirror === "function") this.#mirror = mirror;
    else if (mirror !== null) this.#mirrorFd = openForAppend(join(mirror, basename(path)), "the checkpoint mirror", true);
  }

  /** Records written since the last checkpoint. */
  get pending(): number {
    return this.#hashes.length;
  }

  /** Note a record just written (its hash, hex); the records now pending. */
  add(recordHash: string): number {
    const hashes = this.#hashes;
    if (hashes.length === 0) this.oldest = performance.now();
    return hashes.push(recordHash);
  }

  /** Write a checkpoint of the pending records, if any; with none only for a key rotation
   * (`nextKey`) or when `empty` (a heartbeat: the writer was alive); then send the mirror
   * what it lacks (with nothing to seal, only that). The line, or null. */
  seal(nextKey: Signer | null = null, empty = false): Buffer | null {
    const hashes = this.#hashes;
    const count = hashes.length;
    if (count === 0 && nextKey === null && !empty) {
      if (this.#unsent.length > 0) this.#ship(null);
      return null;
    }
    const last = count === 0 ? this.#last : hashes[count - 1]!;
    const data = payload({
      stream: this.stream,
      first: this.first,
      last: this.first + count - 1,
      root: recordsRoot(hashes),
      lastHash: last,
      prev: this.prev,
      time: formatTimestamp(this.#clock()),
      key: this.#key,
      nextKey: nextKey === null ? null : nextKey.publicKey,
    });
    const line = signLine(data, this.#signer);
    appendLine(this.#fd, line);
    // the stream is sealed once the line is in the checkpoint file: a mirror that fails after
    // it must not make the next checkpoint seal the range again after the same `prev`
    const first = this.first;
    this.prev = checkpointHash(line.subarray(0, line.length - 1));
    this.sealedAt = performance.now();
    this.first += count;
    this.#last = last;
    this.#hashes = [];
    if (nextKey !== null) {
      this.#signer = nextKey;
      this.#key = keyId(nextKey.publicKey);
    }
    if (this.#mirrorFd >= 0 || this.#mirror !== null) {
      const unsent = this.#unsent;
      unsent.push(line);
      if (unsent.length > MIRROR_BACKLOG) {
        unsent.shift();
        this.dropped += 1;
      }
      this.#ship(count > 0 ? `sealing records ${first} to ${first + count - 1}` : "(no new records)");
    }
    return line;
  }

  /** Send the mirror the lines it lacks, oldest first; an `AuditError` when it fails (`what`
   * names the checkpoint just sealed, null for a retry with nothing new). */
  #ship(what: string | null): void {
    const unsent = this.#unsent;
    try {
      while (unsent.length > 0) {
        const line = unsent[0]!;
        if (this.#mirrorFd >= 0) appendLine(this.#mirrorFd, line);
        if (this.#mirror !== null) this.#mirror(line);
        unsent.shift();
      }
    } catch (error) {
      const lacks = unsent.length + this.dropped;
      const head =
        what === null
          ? `the checkpoint mirror of stream ${this.stream} failed again`
          : `the checkpoint ${what} of stream ${this.stream} is in ${this.path}, but the checkpoint mirror failed`;
      const tail = lacks === 1 && what !== null ? "this checkpoint" : `${lacks} checkpoints`;
      const kept = this.dropped === 0 ? "" : ` (${this.dropped} of them dropped for good)`;
      const name = error instanceof Error ? error.name : typeof error;
      throw new AuditError(`${head}, so it lacks ${tail}${kept}: ${name}: ${systemReason(error)}`, { cause: error });
    }
  }

  close(): void {
    for (const fd of [this.#fd, this.#mirrorFd]) if (fd >= 0) closeSync(fd);
    this.#fd = this.#mirrorFd = -1;
  }
}

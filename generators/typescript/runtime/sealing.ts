// Sealing one stream with signed checkpoints, as registry_runtime.sealing: the hashes of the
// records not yet sealed, the range's first sequence number, the last record hash and the
// previous checkpoint hash; each checkpoint is one write to the checkpoint file (opened for
// appending: the streams of a log share it) and to the mirror. The sink decides when to seal.
import { closeSync } from "node:fs";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";

import { ZERO_HASH } from "./chain.js";
import { checkpointHash, payload, signLine } from "./checkpoint.js";
import { appendAll, openForAppend } from "./files.js";
import { formatTimestamp } from "./ids.js";
import { recordsRoot } from "./merkle.js";
import { keyId, type Signer } from "./signing.js";

/** Given each checkpoint line (with its newline): ship it to a store the writer cannot rewrite. */
export type Mirror = (line: Buffer) => void;

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
  #signer: Signer;
  #key: string;
  #clock: () => number;
  #fd: number;
  #mirrorFd = -1;
  #mirror: Mirror | null = null;
  #hashes: string[] = [];
  #last = ZERO_HASH;

  constructor(signer: Signer, stream: string, path: string, mirror: string | Mirror | null, clock: () => number) {
    this.#signer = signer;
    this.#key = keyId(signer.publicKey);
    this.stream = stream;
    this.path = path;
    this.#clock = clock;
    this.#fd = openForAppend(path, "the checkpoint file");
    if (typeof mirror === "function") this.#mirror = mirror;
    else if (mirror !== null) this.#mirrorFd = openForAppend(join(mirror, basename(path)), "the checkpoint mirror");
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
   * (`nextKey`) or when `empty` (a heartbeat: the writer was alive). The line, or null. */
  seal(nextKey: Signer | null = null, empty = false): Buffer | null {
    const hashes = this.#hashes;
    const count = hashes.length;
    if (count === 0 && nextKey === null && !empty) return null;
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
    appendAll(this.#fd, line);
    // the stream is sealed once the line is in the checkpoint file: a mirror that fails after
    // it must not make the next checkpoint seal the range again after the same `prev`
    this.prev = checkpointHash(line.subarray(0, line.length - 1));
    this.sealedAt = performance.now();
    this.first += count;
    this.#last = last;
    this.#hashes = [];
    if (nextKey !== null) {
      this.#signer = nextKey;
      this.#key = keyId(nextKey.publicKey);
    }
    if (this.#mirrorFd >= 0) appendAll(this.#mirrorFd, line);
    if (this.#mirror !== null) this.#mirror(line);
    return line;
  }

  close(): void {
    for (const fd of [this.#fd, this.#mirrorFd]) if (fd >= 0) closeSync(fd);
    this.#fd = this.#mirrorFd = -1;
  }
}

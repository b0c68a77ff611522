// The checkpoint line of docs/integrity.md ("Checkpoints"), byte for byte as
// registry_runtime.checkpoint writes it: compact JSON, keys in a fixed order, signed.
import { createHash } from "node:crypto";

import { AuditError } from "./errors.js";
import type { Signer } from "./signing.js";

/** What the signature covers before the payload. */
export const DOMAIN = Buffer.from("registry-checkpoint-v1\n", "ascii");

/** What a checkpoint states, before it is signed. */
export interface Seal {
  readonly stream: string;
  /** The range's first and last sequence numbers (`last = first - 1` seals nothing). */
  readonly first: number;
  readonly last: number;
  /** The Merkle root of the range (32 bytes). */
  readonly root: Uint8Array;
  readonly lastHash: string;
  /** The checkpoint hash of the stream's previous checkpoint (64 zeros for its first). */
  readonly prev: string;
  /** `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
  readonly time: string;
  readonly key: string;
  /** A key rotation: the raw public key that signs the stream's next checkpoints. */
  readonly nextKey: Uint8Array | null;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("hex");

/** The signed payload of a checkpoint: its line without `sig`. */
export function payload(seal: Seal): Buffer {
  const rotation = seal.nextKey === null ? "null" : `"${hex(seal.nextKey)}"`;
  return Buffer.from(
    `{"checkpoint":1,"stream":"${seal.stream}","first":${seal.first},"last":${seal.last},` +
      `"count":${seal.last - seal.first + 1},"root":"${hex(seal.root)}","last_hash":"${seal.lastHash}",` +
      `"prev":"${seal.prev}","time":"${seal.time}","key":"${seal.key}","next_key":${rotation}}`,
    "ascii",
  );
}

/** The checkpoint line (with its newline) of payload `data` signed by `signer`. */
export function signLine(data: Buffer, signer: Signer): Buffer {
  const signature = signer.sign(Buffer.concat([DOMAIN, data]));
  if (!(signature instanceof Uint8Array) || signature.length !== 64) {
    throw new AuditError("the signer did not return a 64-byte Ed25519 signature");
  }
  return Buffer.concat([data.subarray(0, data.length - 1), Buffer.from(`,"sig":"${hex(signature)}"}\n`, "ascii")]);
}

/** The checkpoint hash of a checkpoint line (without its newline). */
export function checkpointHash(line: Uint8Array): string {
  return createHash("sha256").update(line).digest("hex");
}

// Merkle tree hash of RFC 6962 section 2.1, as registry_runtime.merkle `root`: the root a
// checkpoint signs over its range of records (docs/integrity.md, "Checkpoints").
import { createHash } from "node:crypto";

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** The root of the tree with no leaves: `SHA-256("")`. */
export const EMPTY_ROOT: Buffer = createHash("sha256").digest();

/** `SHA-256(0x00 || data)`: the hash of one leaf. */
export function leafHash(data: Uint8Array): Buffer {
  return createHash("sha256").update(LEAF).update(data).digest();
}

/** `SHA-256(0x01 || left || right)`: the hash of an inner node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash("sha256").update(NODE).update(left).update(right).digest();
}

/** The root over already hashed leaves, level by level: pairing neighbours and carrying an odd
 * last node up builds RFC 6962's tree (split at the largest power of two below the size). */
function fold(hashes: Buffer[]): Buffer {
  let level = hashes;
  while (level.length > 1) {
    const paired: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) paired.push(nodeHash(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) paired.push(level[level.length - 1]!);
    level = paired;
  }
  return level[0] ?? EMPTY_ROOT;
}

/** The Merkle tree hash (RFC 6962 MTH) of `leaves`, the leaves' data in order. */
export function merkleRoot(leaves: readonly Uint8Array[]): Buffer {
  return fold(leaves.map(leafHash));
}

/** The root of a checkpoint's range: one leaf per record, its hash (hex) as 32 raw bytes. */
export function recordsRoot(recordHashes: readonly string[]): Buffer {
  return fold(recordHashes.map((hash) => leafHash(Buffer.from(hash, "hex"))));
}

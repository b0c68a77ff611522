// The hash-chained JSON Lines format of docs/integrity.md ("Format"), as registry_runtime.chain.
import { createHash } from "node:crypto";

export const ZERO_HASH = "0".repeat(64);
const STREAM = /^[A-Za-z0-9._-]{1,64}$/;

export function validStreamId(stream: string): boolean {
  return STREAM.test(stream);
}

/** The file line (with its newline) of `body` chained after `prevHash`, and its hash. */
export function seal(body: Buffer, prevHash: string, stream: string, seq: number | bigint): [Buffer, string] {
  const head = Buffer.concat([
    body.subarray(0, body.length - 1),
    Buffer.from(`,"stream":"${stream}","seq":${seq.toString()}`, "ascii"),
  ]);
  const hash = createHash("sha256").update(prevHash, "ascii").update(head).update("}").digest("hex");
  const line = Buffer.concat([head, Buffer.from(`,"prev_hash":"${prevHash}","hash":"${hash}"}\n`, "ascii")]);
  return [line, hash];
}

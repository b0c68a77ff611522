// UUIDv7 ids (RFC 9562, the layout of registry_runtime.ids) and RFC 3339 timestamps.
import { randomFillSync } from "node:crypto";

const SEED_MASK = (1n << 41n) - 1n;
const LIMIT = 1n << 42n;
let lastMs = -1;
let counter = 0n;

// Random bytes are drawn from the CSPRNG 4 KiB at a time and handed out 10 per id: one
// `randomBytes(10)` per id cost more than the rest of the id (a call into the CSPRNG each).
const POOL = Buffer.alloc(4096);
let drawn = POOL.length;

function random10(): Buffer {
  if (drawn + 10 > POOL.length) {
    randomFillSync(POOL);
    drawn = 0;
  }
  const bytes = POOL.subarray(drawn, drawn + 10);
  drawn += 10;
  return bytes;
}

function hex(value: bigint, width: number): string {
  return value.toString(16).padStart(width, "0");
}

/** A new UUIDv7 for Unix time `ms`: strictly increasing within this process. */
export function uuid7(ms: number = Date.now()): string {
  const random = random10();
  if (ms > lastMs) {
    lastMs = ms;
    counter = random.readBigUInt64BE(2) & SEED_MASK;
  } else {
    counter += 1n;
    if (counter >= LIMIT) {
      lastMs += 1;
      counter = random.readBigUInt64BE(2) & SEED_MASK;
    }
  }
  const time = BigInt(lastMs);
  const tail = random.readUInt32BE(0).toString(16).padStart(8, "0");
  const low = hex(0x80000000n | (counter & 0x3fffffffn), 8);
  return `${hex(time >> 16n, 8)}-${hex(time & 0xffffn, 4)}-7${hex(counter >> 30n, 3)}-${low.slice(0, 4)}-${low.slice(4)}${tail}`;
}

/** `2026-11-27T21:00:00.123Z` for Unix time `ms` (what Python's `format_timestamp` writes). */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

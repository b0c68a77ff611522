// The record encoder: the bytes Python's registry_runtime writes for the same values
// (docs/typescript.md, "Byte-identical"). Python serializes with orjson and falls back to the
// standard library for a record orjson refuses (a lone surrogate anywhere, an integer outside
// [-2^63, 2^64)): this encoder makes the same choice and writes what that encoder writes.

/** A float of a `number` field: written as Python writes a float (never as an integer). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** An object with its keys in record order (JavaScript objects reorder integer-like keys). */
export class Entries {
  constructor(readonly entries: Array<[string, JsonValue]>) {}
}

export type JsonValue = null | boolean | string | number | bigint | PyFloat | Entries | JsonValue[];

const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NON_ASCII = /[\u007f-\uffff]/g;

type Mode = "orjson" | "stdlib" | "ascii";

/** Whether `text` holds a UTF-16 surrogate without its pair (Python: a lone surrogate). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE.test(text);
}

function scan(value: JsonValue, found: { huge: boolean; lone: boolean }): void {
  if (typeof value === "string") {
    if (!found.lone && LONE.test(value)) found.lone = true;
  } else if (typeof value === "bigint") {
    if (value < I64_MIN || value > U64_MAX) found.huge = true;
  } else if (Array.isArray(value)) {
    for (const item of value) scan(item, found);
  } else if (value instanceof Entries) {
    for (const [key, item] of value.entries) {
      if (!found.lone && LONE.test(key)) found.lone = true;
      scan(item, found);
    }
  }
}

/** Shortest round-trip digits and the decimal exponent of the first digit (|x| > 0). */
function digits(x: number): [string, number] {
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e");
  return [mantissa!.replace(".", ""), Number(exponent)];
}

/** A finite float as orjson writes it (fixed for exponents -5..15, else `1e+16`, `1.5e-7`). */
export function orjsonFloat(x: number): string {
  return formatFloat(x, -5, false);
}

/** A finite float as Python's `repr` (and `str`, and the json module) writes it. */
export function pythonFloat(x: number): string {
  return formatFloat(x, -4, true);
}

function formatFloat(x: number, low: number, padExponent: boolean): string {
  if (!Number.isFinite(x)) throw new RangeError("a non-finite number has no JSON form");
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [ds, exp] = digits(x);
  const point = exp + 1;
  if (exp >= low && exp < 16) {
    if (point <= 0) return `${sign}0.${"0".repeat(-point)}${ds}`;
    if (point >= ds.length) return `${sign}${ds}${"0".repeat(point - ds.length)}.0`;
    return `${sign}${ds.slice(0, point)}.${ds.slice(point)}`;
  }
  const mantissa = ds.length > 1 ? `${ds[0]}.${ds.slice(1)}` : ds;
  const magnitude = String(Math.abs(exp)).padStart(padExponent ? 2 : 1, "0");
  return `${sign}${mantissa}e${exp < 0 ? "-" : "+"}${magnitude}`;
}

function quote(text: string, mode: Mode): string {
  const quoted = JSON.stringify(text);
  if (mode !== "ascii") return quoted;
  return quoted.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function write(value: JsonValue, mode: Mode, out: string[]): void {
  if (value === null) out.push("null");
  else if (typeof value === "string") out.push(quote(value, mode));
  else if (typeof value === "boolean") out.push(value ? "true" : "false");
  else if (typeof value === "bigint") out.push(value.toString());
  else if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError("an integer outside ±(2^53-1) must be a bigint");
    out.push(String(value === 0 ? 0 : value));
  } else if (value instanceof PyFloat) {
    out.push(mode === "orjson" ? orjsonFloat(value.value) : pythonFloat(value.value));
  } else if (Array.isArray(value)) {
    out.push("[");
    value.forEach((item, index) => {
      if (index) out.push(",");
      write(item, mode, out);
    });
    out.push("]");
  } else {
    out.push("{");
    value.entries.forEach(([key, item], index) => {
      out.push(index ? "," : "", quote(key, mode), ":");
      write(item, mode, out);
    });
    out.push("}");
  }
}

/** One compact JSON line (no newline), as UTF-8: the bytes Python's `encode.dumps` gives. */
export function dumps(value: JsonValue): Buffer {
  const found = { huge: false, lone: false };
  scan(value, found);
  const mode: Mode = found.lone ? "ascii" : found.huge ? "stdlib" : "orjson";
  const out: string[] = [];
  write(value, mode, out);
  return Buffer.from(out.join(""), mode === "ascii" ? "latin1" : "utf8");
}

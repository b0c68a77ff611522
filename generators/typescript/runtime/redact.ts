// Field redaction as registry_runtime.redact writes it: hash ("hmac:" + key id + ":" + HMAC-SHA256
// hex of the value's text as UTF-8, lone surrogates encoded as Python's "surrogatepass", an e-mail
// address normalised first), mask (every code point but the last 4 of values of 8 or more code
// points), truncate (the first N code points), drop; credentials and drop are never written, at
// any depth.
import { createHmac } from "node:crypto";

import { EMAIL_SPACE, isEmail } from "./checks.js";
import { AuditConfigurationError } from "./errors.js";
import { Entries, PyFloat, hasLoneSurrogate, pythonFloat, type JsonValue } from "./json.js";

export type Redaction = "none" | "truncate" | "mask" | "hash" | "drop";
export type Kind =
  | "string" | "integer" | "number" | "boolean" | "timestamp" | "date" | "uuid" | "enum" | "list" | "object";

const STRENGTH: Record<Redaction, number> = { none: 0, truncate: 1, mask: 2, hash: 3, drop: 4 };
export const MASK_MIN_LENGTH = 8;
export const MASK_KEEP = 4;
/** The key id: the first 8 hex digits of HMAC-SHA256(key, "registry key id"). */
export const KEY_ID_INPUT = "registry key id";
export const KEY_ID_LENGTH = 8;
/** What `emailText` trims: `EMAIL_SPACE` (registry_runtime.redact.EMAIL_SPACE). */
const EMAIL_TRIM = new RegExp(`^[${EMAIL_SPACE}]+|[${EMAIL_SPACE}]+$`, "gu");

/** The text hashed for a string: an e-mail address (after trimming) trimmed, NFC, lower-cased. */
export function emailText(text: string): string {
  const trimmed = text.replace(EMAIL_TRIM, "");
  return isEmail(trimmed) ? trimmed.normalize("NFC").toLowerCase() : text;
}

/** A declared field, member (of an object) or the items (`"[]"`) of a list. */
export interface FieldSpec {
  readonly name: string;
  readonly kind: Kind;
  readonly redact: Redaction;
  readonly credential?: boolean;
  readonly required?: boolean;
  readonly members?: readonly FieldSpec[];
  readonly items?: FieldSpec;
  readonly values?: readonly (string | number)[];
  readonly checks?: readonly Check[];
}

/** A constraint after the type test, with the problem Python reports for it. */
export type Check =
  | readonly ["maxLength", number, string]
  | readonly ["pattern", RegExp, string]
  | readonly ["email", null, string]
  | readonly ["finite", null, string]
  | readonly ["minimum", number, string]
  | readonly ["maximum", number, string];

export const OMIT = Symbol("omit");
export type Writer = (value: unknown) => JsonValue | typeof OMIT;

/** UTF-8 of `text`, a lone surrogate as its three bytes (Python's "surrogatepass"). */
export function surrogatePass(text: string): Buffer {
  if (!hasLoneSurrogate(text)) return Buffer.from(text, "utf8");
  const bytes: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(...Buffer.from(char, "utf8"));
  }
  return Buffer.from(bytes);
}

/** Python's `str()` of a scalar the emitter writes (`True`, `3`, `0.1`, `1e+16`). */
export function pythonText(value: JsonValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value instanceof PyFloat) return pythonFloat(value.value);
  if (typeof value === "number" || typeof value === "bigint") return value.toString();
  throw new TypeError("only scalars are redacted as one value");
}

export class Redactor {
  readonly #key: Buffer;
  readonly #prefix: string;
  /** Names the key in every value it hashes; reveals nothing of the key. */
  readonly keyId: string;
  readonly truncateTo: number;

  constructor(key: Buffer | string, truncateTo = 8) {
    const bytes = typeof key === "string" ? Buffer.from(key, "utf8") : key;
    if (bytes.length === 0) throw new AuditConfigurationError("hmacKey is empty; an empty key is refused");
    if (!Number.isSafeInteger(truncateTo) || truncateTo < 0) {
      throw new AuditConfigurationError("truncateTo must be a non-negative integer");
    }
    this.#key = bytes;
    this.keyId = createHmac("sha256", bytes).update(KEY_ID_INPUT).digest("hex").slice(0, KEY_ID_LENGTH);
    this.#prefix = `hmac:${this.keyId}:`;
    this.truncateTo = truncateTo;
  }

  hash(value: JsonValue): string {
    let text = pythonText(value);
    if (typeof value === "string" && text.includes("@")) text = emailText(text);
    return this.#prefix + createHmac("sha256", this.#key).update(surrogatePass(text)).digest("hex");
  }

  mask(value: JsonValue): string {
    const points = Array.from(pythonText(value));
    if (points.length < MASK_MIN_LENGTH) return "*".repeat(points.length);
    return "*".repeat(points.length - MASK_KEEP) + points.slice(-MASK_KEEP).join("");
  }

  truncate(value: JsonValue): string {
    return Array.from(pythonText(value)).slice(0, this.truncateTo).join("");
  }

  apply(mode: Redaction, value: JsonValue): JsonValue {
    switch (mode) {
      case "none": case "drop": return value;
      case "hash": return this.hash(value);
      case "mask": return this.mask(value);
      case "truncate": return this.truncate(value);
    }
  }
}

function stronger(a: Redaction, b: Redaction): Redaction {
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}

/** A checked scalar as the JSON value Python holds for it (a `number` field's value: a float). */
export function scalar(kind: Kind, value: unknown): JsonValue {
  if (kind === "number") return new PyFloat(value as number);
  return value as JsonValue;
}

/** The function that writes a valid value of `spec` (null: never written). */
export function writer(spec: FieldSpec, redactor: Redactor, enclosing: Redaction = "none"): Writer | null {
  const mode = stronger(spec.redact, enclosing);
  if (spec.credential || mode === "drop") return null;
  if (spec.members !== undefined) {
    const members: Array<[string, Writer]> = [];
    for (const member of spec.members) {
      const write = writer(member, redactor, mode);
      if (write !== null) members.push([member.name, write]);
    }
    return (value) => {
      const object = value as Record<string, unknown>;
      const out: Array<[string, JsonValue]> = [];
      for (const [name, write] of members) {
        if (!Object.prototype.hasOwnProperty.call(object, name) || object[name] === undefined) continue;
        const member = object[name];
        if (member === null) out.push([name, null]);
        else {
          const written = write(member);
          if (written !== OMIT) out.push([name, written]);
        }
      }
      return new Entries(out);
    };
  }
  if (spec.items !== undefined) {
    const items = writer(spec.items, redactor, mode);
    if (items === null) return null;
    return (value) => {
      const out: JsonValue[] = [];
      for (const item of value as unknown[]) {
        const written = item === null ? null : items(item);
        if (written !== OMIT) out.push(written);
      }
      return out;
    };
  }
  const kind = spec.kind;
  return mode === "none" ? (value) => scalar(kind, value) : (value) => redactor.apply(mode, scalar(kind, value));
}

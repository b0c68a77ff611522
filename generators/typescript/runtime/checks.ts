// The run-time tests of the field types: the same expressions as registry_runtime.checks.

const DAY = "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])";
const TIME = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?";
const OFFSET = "(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])";

const TIMESTAMP = new RegExp(`^${DAY}[Tt]${TIME}${OFFSET}$`);
const DATE = new RegExp(`^${DAY}$`);
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** The white space an e-mail address cannot contain, and `emailText` trims around one (Unicode
 * White_Space and U+FEFF): registry_runtime.checks.EMAIL_SPACE_CLASS, the same text. Spelled
 * out because `\s` differs: U+001C-U+001F and U+0085 are white space only to Python's `re`,
 * U+FEFF only to JavaScript. The inside of a RegExp class. */
export const EMAIL_SPACE =
  "\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028-\\u2029\\u202f\\u205f\\u3000\\ufeff";
const EMAIL = new RegExp(`^[^@${EMAIL_SPACE}]+@[^@${EMAIL_SPACE}]+\\.[^@${EMAIL_SPACE}]+$`, "u");
const HASHED = /^hmac:(?:[\s\S]{8}:)?[\s\S]{64}$/u; // registry_runtime.redact.HASHED_PATTERN

/** `YYYY-MM-DD` naming a day of the calendar (no 30 February). */
export function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  if (year < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** RFC 3339 date and time with a time zone, on a day of the calendar. */
export function isTimestamp(text: string): boolean {
  return TIMESTAMP.test(text) && isDate(text.slice(0, 10));
}

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** The number of code points of `text` (Python's `len`; a lone surrogate counts as one). */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** `hmac:<key id>:<64 hex>`, or `hmac:<64 hex>` as written before key ids. */
export function isHashed(text: string): boolean {
  return HASHED.test(text);
}

/** A catalog pattern as a RegExp: `source` is the pattern as the generator wrote it for
 * JavaScript (registry/generate/typescript_patterns.py: Python's `re` verdict on every string,
 * with no flag but Unicode mode, which reads code points as Python does). Searched. */
export function pattern(source: string): RegExp {
  return new RegExp(source, "u");
}

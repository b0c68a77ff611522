// The checks of an event's fields, in the order and with the problems of the Python emitters
// (registry/generate/python_domain.py; registry.catalog.types.constraints): errors name the
// field and the problem, never the value.
import { codePoints, isDate, isEmail, isTimestamp, isUuid } from "./checks.js";
import type { FieldSpec } from "./redact.js";

export type Problem = [string | null, string];

/** The name Python's emitters give the type of the value (`type(value).__name__`) for the
 * JavaScript one: problems are worded alike in both languages. A whole number is an `int`. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (Array.isArray(value)) return "list";
  switch (typeof value) {
    case "boolean": return "bool";
    case "bigint": return "int";
    case "number": return Number.isInteger(value) ? "int" : "float";
    case "string": return "str";
    case "object": return "dict";
    default: return typeof value;
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function constraints(spec: FieldSpec, value: string | number | bigint, where: string, problems: Problem[]): void {
  for (const [kind, bound, problem] of spec.checks ?? []) {
    let failed: boolean;
    switch (kind) {
      case "maxLength": failed = codePoints(value as string) > bound; break;
      case "pattern": bound.lastIndex = 0; failed = !bound.test(value as string); break;
      case "email": failed = !isEmail(value as string); break;
      case "finite": failed = typeof value === "number" && !Number.isFinite(value); break;
      case "minimum": failed = (value as number) < bound; break;
      case "maximum": failed = (value as number) > bound; break;
    }
    if (failed) {
      problems.push([where, problem]);
      return;
    }
  }
}

/** Append the problem of `value` against `spec` (at most one per value, as Python). */
export function check(spec: FieldSpec, value: unknown, where: string, problems: Problem[]): void {
  switch (spec.kind) {
    case "string":
      if (typeof value !== "string") problems.push([where, `must be a string, not ${typeName(value)}`]);
      else constraints(spec, value, where, problems);
      return;
    case "integer":
      if (typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value))) {
        constraints(spec, value, where, problems);
      } else if (typeof value === "number" && Number.isInteger(value)) {
        problems.push([where, "must be a safe integer (pass a bigint beyond 2^53 - 1)"]);
      } else problems.push([where, `must be an integer, not ${typeName(value)}`]);
      return;
    case "number":
      if (typeof value !== "number") problems.push([where, `must be a number, not ${typeName(value)}`]);
      else constraints(spec, value, where, problems);
      return;
    case "boolean":
      if (typeof value !== "boolean") problems.push([where, `must be true or false, not ${typeName(value)}`]);
      return;
    case "timestamp":
      if (typeof value !== "string" || !isTimestamp(value)) {
        problems.push([where, "must be an RFC 3339 timestamp with a time zone"]);
      }
      return;
    case "date":
      if (typeof value !== "string") problems.push([where, "must be a date"]);
      else if (!isDate(value)) problems.push([where, "must be a date as YYYY-MM-DD"]);
      return;
    case "uuid":
      if (typeof value !== "string" || !isUuid(value)) problems.push([where, "must be a UUID"]);
      return;
    case "enum":
      if (!(spec.values ?? []).includes(value as string | number)) {
        problems.push([where, `must be one of: ${(spec.values ?? []).join(", ")}`]);
      }
      return;
    case "list":
      if (!Array.isArray(value)) problems.push([where, `must be a list, not ${typeName(value)}`]);
      else if (spec.items !== undefined) for (const item of value) check(spec.items, item, where, problems);
      return;
    case "object":
      if (!isMapping(value)) problems.push([where, `must be a mapping, not ${typeName(value)}`]);
      else members(spec.members ?? [], value, where, problems);
      return;
  }
}

function members(specs: readonly FieldSpec[], value: Record<string, unknown>, where: string, problems: Problem[]): void {
  const known = new Set(specs.map((member) => member.name));
  const unknown = Object.keys(value).filter((key) => !known.has(key) && value[key] !== undefined).length;
  if (unknown) problems.push([where, `has ${unknown} unknown member(s)`]);
  for (const member of specs) {
    const inner = value[member.name];
    const at = `${where}.${member.name}`;
    if (inner === undefined || (inner === null && member.required)) {
      if (member.required) problems.push([at, "is required"]);
    } else check(member, inner, at, problems);
  }
}

/** The problems of an event's own fields, then the count of unknown ones (never their names). */
export function checkFields(specs: readonly FieldSpec[], fields: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const spec of specs) {
    const value = fields[spec.name];
    if (value === undefined || value === null) {
      if (spec.required) problems.push([spec.name, "is required"]);
    } else check(spec, value, spec.name, problems);
  }
  const known = new Set(specs.map((spec) => spec.name));
  const unknown = Object.keys(fields).filter((key) => !known.has(key) && fields[key] !== undefined).length;
  if (unknown) problems.push([null, `has ${unknown} unknown field(s)`]);
  return problems;
}

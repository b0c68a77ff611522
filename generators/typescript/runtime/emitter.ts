// `Emitter`: validates a call, fills the envelope, redacts, serializes (the bytes Python's
// Emitter writes) and hands the record to a sink. Generated `AuditLog` methods call `emit`.
import { AuditConfigurationError, InvalidEvent } from "./errors.js";
import { formatTimestamp, uuid7 } from "./ids.js";
import { Entries, dumps, type JsonValue } from "./json.js";
import { OMIT, Redactor, writer, type FieldSpec, type Redaction, type Writer } from "./redact.js";
import { checkFields, typeName, type Problem } from "./validate.js";

export interface Party<T extends string = string> {
  readonly type: T;
  readonly id: string;
}

export interface Context {
  readonly ip?: string | null;
  readonly userAgent?: string | null;
  readonly requestId?: string | null;
  readonly sessionId?: string | null;
}

/** The envelope of every call; `Fields` are the event's own. */
export interface Call<Actor extends string, Target extends string, Outcome extends string, Reason extends string, Fields> {
  readonly actor: Party<Actor>;
  readonly targets: readonly Party<Target>[];
  readonly outcome: Outcome;
  readonly reason?: Reason | null;
  readonly context?: Context | null;
  readonly tenant?: string | null;
  readonly fields: Fields;
}

export interface EventSpec {
  readonly name: string;
  readonly version: number;
  readonly fields: readonly FieldSpec[];
  readonly actorTypes: readonly string[];
  readonly targetTypes: readonly string[];
  readonly outcomes: readonly string[];
  readonly failureReasons: readonly string[];
}

/** Where records go: `write` gets one record body (compact JSON, no newline). */
export interface Sink {
  write(body: Buffer): void;
  close(): void;
}

export interface EmitterOptions {
  readonly sink: Sink;
  /** The HMAC key of the hash redaction (default: `process.env[hmacKeyEnv]`). */
  readonly hmacKey?: Buffer | string;
  readonly hmacKeyEnv?: string;
  readonly tenant?: string;
  readonly contextRedaction?: Partial<Record<ContextKey, Redaction>>;
  readonly truncateTo?: number;
  /** Unix time in milliseconds (default `Date.now`): injected by tests and conformance vectors. */
  readonly clock?: () => number;
  /** The record id for a millisecond (default: a new UUIDv7). */
  readonly newId?: (ms: number) => string;
}

type ContextKey = "ip" | "user_agent" | "request_id" | "session_id";
const CONTEXT: ReadonlyArray<[ContextKey, keyof Context]> = [
  ["ip", "ip"], ["user_agent", "userAgent"], ["request_id", "requestId"], ["session_id", "sessionId"],
];
const DEFAULT_CONTEXT: Record<ContextKey, Redaction> = { ip: "hash", user_agent: "hash", request_id: "none", session_id: "hash" };
export const DEFAULT_KEY_ENV = "REGISTRY_AUDIT_HMAC_KEY";

type AnyCall = Call<string, string, string, string, object>;

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

/** `values` sorted, as Python writes a list of names (`['a', 'b']`): the problems name the
 * allowed values in Python's words. Catalog names are printable ASCII without quotes. */
function allowedList(values: readonly string[]): string {
  const written = [...values].sort().map((v) => (/^[ -&(-[\]-~]*$/.test(v) ? `'${v}'` : JSON.stringify(v)));
  return `[${written.join(", ")}]`;
}

function party(value: unknown, where: string, allowed: readonly string[], noun: string, problems: Problem[]): void {
  const p = value as Partial<Party> | null;
  if (typeof p !== "object" || p === null) {
    problems.push([where, `must be an object with type and id`]);
    return;
  }
  if (!nonEmpty(p.type)) problems.push([`${where}.type`, "must be a non-empty string"]);
  else if (allowed.length && !allowed.includes(p.type)) {
    problems.push([`${where}.type`, `is not an allowed ${noun} type (expected one of ${allowedList(allowed)})`]);
  }
  if (!nonEmpty(p.id)) problems.push([`${where}.id`, "must be a non-empty string"]);
}

function envelopeProblems(spec: EventSpec, call: AnyCall): Problem[] {
  const problems: Problem[] = [];
  party(call.actor, "actor", spec.actorTypes, "actor", problems);
  if (!Array.isArray(call.targets)) problems.push(["targets", "must be an array of {type, id}"]);
  else call.targets.forEach((t, i) => party(t, `targets[${i}]`, spec.targetTypes, "target", problems));
  const { outcome, reason } = call;
  if (!nonEmpty(outcome)) problems.push(["outcome", "must be a non-empty string"]);
  else if (spec.outcomes.length && !spec.outcomes.includes(outcome)) {
    problems.push(["outcome", `is not an allowed outcome (expected one of ${allowedList(spec.outcomes)})`]);
  }
  if (outcome === "failure") {
    if (!nonEmpty(reason)) problems.push(["reason", "a failure needs a reason"]);
    else if (spec.failureReasons.length && !spec.failureReasons.includes(reason)) {
      problems.push(["reason", `is not a declared failure reason (expected one of ${allowedList(spec.failureReasons)})`]);
    }
  } else if (reason !== undefined && reason !== null) {
    problems.push(["reason", "a reason is only recorded when the outcome is 'failure'"]);
  }
  if (call.tenant !== undefined && call.tenant !== null && typeof call.tenant !== "string") {
    problems.push(["tenant", `must be a string or None, not ${typeName(call.tenant)}`]);
  }
  return problems;
}

export class Emitter {
  readonly sink: Sink;
  readonly #redactor: Redactor;
  readonly #context: ReadonlyArray<[ContextKey, keyof Context, Redaction]>;
  readonly #tenant: string | null;
  readonly #clock: () => number;
  readonly #newId: (ms: number) => string;
  readonly #plans = new Map<EventSpec, ReadonlyArray<[string, Writer]>>();

  constructor(options: EmitterOptions) {
    const env = options.hmacKeyEnv ?? DEFAULT_KEY_ENV;
    const key = options.hmacKey ?? process.env[env];
    if (key === undefined) {
      throw new AuditConfigurationError(
        `no HMAC key for hash redaction: pass hmacKey or set the environment variable ${env}`,
      );
    }
    this.#redactor = new Redactor(key, options.truncateTo ?? 8);
    const policy = { ...DEFAULT_CONTEXT };
    for (const [name, mode] of Object.entries(options.contextRedaction ?? {})) {
      if (!(name in policy)) throw new AuditConfigurationError(`contextRedaction: unknown context attribute ${JSON.stringify(name)}`);
      policy[name as ContextKey] = mode;
    }
    this.#context = CONTEXT.map(([key, attribute]) => [key, attribute, policy[key]]);
    this.sink = options.sink;
    this.#tenant = options.tenant ?? null;
    this.#clock = options.clock ?? Date.now;
    this.#newId = options.newId ?? uuid7;
  }

  #plan(spec: EventSpec): ReadonlyArray<[string, Writer]> {
    let plan = this.#plans.get(spec);
    if (plan === undefined) {
      const writers: Array<[string, Writer]> = [];
      for (const field of spec.fields) {
        const write = writer(field, this.#redactor);
        if (write !== null) writers.push([field.name, write]);
      }
      plan = writers;
      this.#plans.set(spec, plan);
    }
    return plan;
  }

  /** The record body of one call (validated, redacted, serialized), as Python writes it. */
  encode(spec: EventSpec, call: AnyCall): Buffer {
    const plan = this.#plan(spec);
    const fields = (call.fields ?? {}) as Record<string, unknown>;
    const problems = [...envelopeProblems(spec, call), ...checkFields(spec.fields, fields)];
    if (problems.length) {
      const [field, problem] = problems[0]!;
      throw new InvalidEvent(spec.name, field, problem);
    }
    const ms = this.#clock();
    const out: Array<[string, JsonValue]> = [];
    for (const [name, write] of plan) {
      const value = fields[name];
      if (value === undefined || value === null) continue;
      const written = write(value);
      if (written !== OMIT) out.push([name, written]);
    }
    const context = call.context ?? {};
    const ctx = new Entries(
      this.#context.map(([key, attribute, mode]): [string, JsonValue] => {
        const value = context[attribute];
        if (value === undefined || value === null || mode === "drop") return [key, null];
        return [key, this.#redactor.apply(mode, value)];
      }),
    );
    const record = new Entries([
      ["id", this.#newId(ms)],
      ["event", spec.name],
      ["version", spec.version],
      ["occurred_at", formatTimestamp(ms)],
      ["actor", new Entries([["type", call.actor.type], ["id", call.actor.id]])],
      ["targets", call.targets.map((t) => new Entries([["type", t.type], ["id", t.id]]))],
      ["outcome", call.outcome],
      ["reason", call.reason ?? null],
      ["context", ctx],
      ["tenant", call.tenant ?? this.#tenant],
      ["fields", new Entries(out)],
    ]);
    return dumps(record);
  }

  /** Validate, redact, serialize and write one event (throws `InvalidEvent`, writing nothing). */
  emit(spec: EventSpec, call: AnyCall): void {
    this.sink.write(this.encode(spec, call));
  }

  close(): void {
    this.sink.close();
  }
}

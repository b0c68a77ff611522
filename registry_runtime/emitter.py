"""`Emitter`: validates an event, fills the envelope, redacts, serializes, hands it to a sink.

Generated facades call `Emitter._emit` once per typed call; nothing else is on the hot path.
Set-up problems (no HMAC key, unknown option) raise `AuditConfigurationError` in the
constructor, never at the first emit.

On invalid input the default (``on_invalid="raise"``) is to raise `InvalidEvent` for the first
problem, before anything is written. ``on_invalid="record"`` is for production code that must
never lose an audit event: the event is written anyway, with the usual redaction and a
``validation_errors`` list as the record's last key, and every problem is reported to
``on_report`` (default: a warning on the ``registry.audit`` logger).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, Literal, Self

from .encode import fast_dumps, stdlib_dumps
from .envelope import (
    CONTEXT_KEYS,
    DEFAULT_CONTEXT_REDACTION,
    REDACTIONS,
    Actor,
    Context,
    EventSpec,
    Target,
)
from .errors import AuditConfigurationError, InvalidEvent
from .ids import format_timestamp, uuid7
from .redact import DEFAULT_KEY_ENV, OMIT, Redactor, Writer, resolve_key, strongest, writer
from .sinks import Sink

_MAX_PLANS: Final = 4096


class _Plan:
    """What `_emit` needs from an `EventSpec`, precomputed once per spec: per field, the
    function that writes its value (see `redact.writer`), in spec order.

    ``writers`` serve a valid event: a field with no redaction and no declared shape inside
    is written as it is (``None``: no function to call; the hot path of scalars). ``careful``
    writers serve an invalid one (on_invalid="record"): every value goes through its spec, so
    values of another shape are never written in clear. Members a spec does not declare are
    never written either way.
    """

    __slots__ = ("careful", "names", "spec", "writers")

    def __init__(self, spec: EventSpec, redactor: Redactor) -> None:
        writers: list[tuple[str, Writer | None]] = []
        careful: list[tuple[str, Writer]] = []
        for field in spec.fields:
            try:
                function = writer(field, redactor)
            except AuditConfigurationError as error:
                raise AuditConfigurationError(f"{spec.name}: {error}") from None
            if function is None:
                continue
            careful.append((field.name, function))
            plain = strongest(field) == "none" and field.members is None and field.items is None
            writers.append((field.name, None if plain else function))
        self.spec = spec
        self.writers = tuple(writers)
        self.careful = tuple(careful)
        self.names = frozenset(field.name for field in spec.fields)


def _default_report(error: InvalidEvent) -> None:
    import logging

    logging.getLogger("registry.audit").warning("invalid audit event recorded: %s", error)


class Emitter:
    """Turns validated calls into redacted, serialized audit records for one sink."""

    __slots__ = (
        "_context_writers",
        "_on_report",
        "_plans",
        "_raise",
        "_redactor",
        "_stamp",
        "_tenant",
        "sink",
    )

    def __init__(
        self,
        sink: Sink,
        *,
        hmac_key: bytes | str | None = None,
        hmac_key_env: str = DEFAULT_KEY_ENV,
        tenant: str | None = None,
        on_invalid: Literal["raise", "record"] = "raise",
        on_report: Callable[[InvalidEvent], None] | None = None,
        context_redaction: Mapping[str, str] | None = None,
        truncate_to: int = 8,
    ) -> None:
        if on_invalid not in ("raise", "record"):
            raise AuditConfigurationError(
                f"on_invalid must be 'raise' or 'record', not {on_invalid!r}"
            )
        if tenant is not None and not isinstance(tenant, str):
            raise AuditConfigurationError(f"tenant must be a string, not {type(tenant).__name__}")
        self._redactor = Redactor(resolve_key(hmac_key, hmac_key_env), truncate_to)
        policy = dict(DEFAULT_CONTEXT_REDACTION)
        for key, mode in (context_redaction or {}).items():
            if key not in policy:
                raise AuditConfigurationError(
                    f"context_redaction: unknown context attribute {key!r}; expected one of "
                    f"{list(CONTEXT_KEYS)}"
                )
            if mode not in REDACTIONS:
                raise AuditConfigurationError(
                    f"context_redaction: {key}: unknown redaction {mode!r}; expected one of "
                    f"{sorted(REDACTIONS)}"
                )
            policy[key] = mode
        # (attribute, drop?, function or None for "none")
        self._context_writers = tuple(
            (key, policy[key] == "drop", self._redactor.functions.get(policy[key]))
            for key in CONTEXT_KEYS
        )
        self.sink = sink
        self._tenant = tenant
        self._raise = on_invalid == "raise"
        self._on_report = on_report if on_report is not None else _default_report
        self._plans: dict[int, _Plan] = {}
        self._stamp: tuple[int, str] = (-1, "")  # (ms, occurred_at): reused within one ms

    # -- helpers ---------------------------------------------------------------------------

    def _plan(self, spec: EventSpec) -> _Plan:
        plan = self._plans.get(id(spec))
        if plan is None or plan.spec is not spec:
            plan = _Plan(spec, self._redactor)
            if len(self._plans) >= _MAX_PLANS:
                self._plans.clear()
            self._plans[id(spec)] = plan
        return plan

    @staticmethod
    def _envelope_problems(
        spec: EventSpec,
        actor: Any,
        targets: Any,
        outcome: Any,
        reason: Any,
        context: Any,
        tenant: Any,
    ) -> list[tuple[str | None, str]]:
        problems: list[tuple[str | None, str]] = []
        if not isinstance(actor, Actor):
            problems.append(("actor", f"must be an Actor, not {type(actor).__name__}"))
        else:
            if not isinstance(actor.type, str) or not actor.type:
                problems.append(("actor.type", "must be a non-empty string"))
            elif spec.actor_types and actor.type not in spec.actor_types:
                allowed = sorted(spec.actor_types)
                message = f"is not an allowed actor type (expected one of {allowed})"
                problems.append(("actor.type", message))
            if not isinstance(actor.id, str) or not actor.id:
                problems.append(("actor.id", "must be a non-empty string"))
        if isinstance(targets, str | bytes) or not isinstance(targets, Sequence):
            kind = type(targets).__name__
            problems.append(("targets", f"must be a sequence of Target, not {kind}"))
        else:
            for index, target in enumerate(targets):
                where = f"targets[{index}]"
                if not isinstance(target, Target):
                    problems.append((where, f"must be a Target, not {type(target).__name__}"))
                    continue
                if not isinstance(target.type, str) or not target.type:
                    problems.append((f"{where}.type", "must be a non-empty string"))
                elif spec.target_types and target.type not in spec.target_types:
                    allowed = sorted(spec.target_types)
                    message = f"is not an allowed target type (expected one of {allowed})"
                    problems.append((f"{where}.type", message))
                if not isinstance(target.id, str) or not target.id:
                    problems.append((f"{where}.id", "must be a non-empty string"))
        if not isinstance(outcome, str) or not outcome:
            problems.append(("outcome", "must be a non-empty string"))
        elif spec.outcomes and outcome not in spec.outcomes:
            problems.append(
                (
                    "outcome",
                    f"is not an allowed outcome (expected one of {sorted(spec.outcomes)})",
                )
            )
        if outcome == "failure":
            if not isinstance(reason, str) or not reason:
                problems.append(("reason", "a failure needs a reason"))
            elif spec.failure_reasons and reason not in spec.failure_reasons:
                allowed = sorted(spec.failure_reasons)
                message = f"is not a declared failure reason (expected one of {allowed})"
                problems.append(("reason", message))
        elif reason is not None:
            problems.append(("reason", "a reason is only recorded when the outcome is 'failure'"))
        if context is not None and not isinstance(context, Context):
            kind = type(context).__name__
            problems.append(("context", f"must be a Context or None, not {kind}"))
        if tenant is not None and not isinstance(tenant, str):
            problems.append(("tenant", f"must be a string or None, not {type(tenant).__name__}"))
        return problems

    @staticmethod
    def _field_problems(
        plan: _Plan, fields: dict[str, Any], found: list[tuple[str, str]]
    ) -> list[tuple[str | None, str]]:
        """The validator's problems, then the number of unknown fields (never their names:
        a caller's key may be a value)."""
        problems: list[tuple[str | None, str]] = list(found)
        unknown = len(fields.keys() - plan.names)
        if unknown:
            problems.append((None, f"has {unknown} unknown field(s)"))
        return problems

    # -- the hot path ----------------------------------------------------------------------

    def _emit(
        self,
        spec: EventSpec,
        fields: dict[str, Any],
        *,
        actor: Actor,
        targets: Sequence[Target],
        outcome: str,
        reason: str | None,
        context: Context | None,
        tenant: str | None,
    ) -> dict[str, Any]:
        """Validate, build, redact, serialize and write one event; return the record."""
        plan = self._plans.get(id(spec))
        if plan is None or plan.spec is not spec:
            plan = self._plan(spec)
        # 1. validation: a quick test of the envelope (building the target dicts on the way);
        #    the full check, with messages, only when the quick one fails.
        envelope_ok = (
            type(actor) is Actor
            and type(actor.type) is str
            and type(actor.id) is str
            and actor.id != ""
            and (actor.type in spec.actor_types if spec.actor_types else actor.type != "")
            and type(outcome) is str
            and (outcome in spec.outcomes if spec.outcomes else outcome != "")
            and (
                reason is None
                if outcome != "failure"
                else type(reason) is str
                and reason != ""
                and (not spec.failure_reasons or reason in spec.failure_reasons)
            )
            and (context is None or type(context) is Context)
            and (tenant is None or type(tenant) is str)
            and (type(targets) is list or type(targets) is tuple)
        )
        target_dicts: list[dict[str, Any]] = []
        if envelope_ok:
            allowed = spec.target_types
            for target in targets:
                if (
                    type(target) is Target
                    and type(target.type) is str
                    and type(target.id) is str
                    and target.id != ""
                    and (target.type in allowed if allowed else target.type != "")
                ):
                    target_dicts.append({"type": target.type, "id": target.id})
                else:
                    envelope_ok = False
                    break
        field_problems = spec.validate(fields)
        problems: list[tuple[str | None, str]] | None = None
        if not envelope_ok or field_problems or not plan.names.issuperset(fields):
            problems = []
            if not envelope_ok:
                problems = self._envelope_problems(
                    spec, actor, targets, outcome, reason, context, tenant
                )
                target_dicts = _parties(targets)
            problems.extend(self._field_problems(plan, fields, field_problems))
            if problems and self._raise:
                field, problem = problems[0]
                raise InvalidEvent(spec.name, field, problem)

        # 2. the record.
        ms = time.time_ns() // 1_000_000
        cached = self._stamp  # one tuple: safe to share between threads
        if cached[0] == ms:
            stamp = cached[1]
        else:
            stamp = format_timestamp(ms)
            self._stamp = (ms, stamp)
        if context is None:
            ctx: dict[str, Any] = {
                "ip": None,
                "user_agent": None,
                "request_id": None,
                "session_id": None,
            }
        else:
            ctx = {}
            for key, drop, function in self._context_writers:
                value = getattr(context, key, None)
                if value is None or drop:
                    ctx[key] = None
                else:
                    ctx[key] = value if function is None else function(value)
        out: dict[str, Any] = {}
        if problems is None:
            for name, function in plan.writers:
                value = fields.get(name)
                if value is not None and (
                    function is None or (value := function(value)) is not OMIT
                ):
                    out[name] = value
        else:  # invalid: every value through its spec
            for name, careful in plan.careful:
                value = fields.get(name)
                if value is not None and (value := careful(value)) is not OMIT:
                    out[name] = value
        record: dict[str, Any] = {
            "id": uuid7(ms),
            "event": spec.name,
            "version": spec.version,
            "occurred_at": stamp,
            "actor": {"type": actor.type, "id": actor.id} if envelope_ok else _party(actor),
            "targets": target_dicts,
            "outcome": outcome,
            "reason": reason,
            "context": ctx,
            "tenant": self._tenant if tenant is None else tenant,
            "fields": out,
        }
        if problems:
            record["validation_errors"] = [{"field": f, "problem": p} for f, p in problems]
        try:
            line = fast_dumps(record)
        except TypeError:  # what orjson refuses (lone surrogates, huge integers)
            line = stdlib_dumps(record)
        self.sink.write(record, line)
        if problems:
            for field, problem in problems:
                self._on_report(InvalidEvent(spec.name, field, problem))
        return record

    def close(self) -> None:
        """Close the sink (flushes files, writes the JSON Lines head)."""
        self.sink.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _parties(targets: Any) -> list[dict[str, Any]]:
    if isinstance(targets, str | bytes) or not isinstance(targets, Sequence):
        return []
    return [_party(target) for target in targets]


def _party(party: Any) -> dict[str, Any]:
    """``{"type", "id"}`` of an Actor or Target (best effort for invalid ones)."""
    kind = getattr(party, "type", None)
    ident = getattr(party, "id", None)
    return {
        "type": kind if kind is None or isinstance(kind, str) else str(kind),
        "id": ident if ident is None or isinstance(ident, str) else str(ident),
    }

"""Checks of the envelope every record carries, as `registry_runtime.emitter` writes it.

The record (key order as written): ``id`` (a UUID; the runtime writes UUIDv7), ``event``,
``version``, ``occurred_at`` (RFC 3339 in UTC: the runtime writes ``...T21:00:00.123Z``),
``actor`` ``{type, id}``, ``targets`` ``[{type, id}]``, ``outcome``, ``reason`` (a string exactly
when the outcome is ``failure``), ``context`` ``{ip, user_agent, request_id, session_id}``
(strings or null), ``tenant`` (string or null), ``fields``; then ``validation_errors`` when the
emitter recorded an invalid call, and the chain keys on the lines of a chained log
(`registry_runtime.chain.CHAIN_KEYS`: ``stream``, ``seq``, ``prev_hash``, ``hash``; the first
format has the last two only).
The per-event JSON Schema (`registry.generate.jsonschema_target`) describes the same record.

`check_envelope` checks what does not depend on the event; `party_types` and `outcome_reason`
what does (declared actor and target types, outcomes and failure reasons).
"""

from __future__ import annotations

from typing import Any, Final

from registry.checkevents import codes
from registry.checkevents.fieldchecks import Problem, json_type, safe_key
from registry_runtime.chain import CHAIN_KEYS, valid_stream_id
from registry_runtime.checks import UTC_TIMESTAMP, UUID, is_date
from registry_runtime.envelope import CONTEXT_KEYS, RECORD_KEYS

REQUIRED: Final = RECORD_KEYS
REQUIRED_KEYS: Final = frozenset(REQUIRED)
OPTIONAL_KEYS: Final = frozenset({"validation_errors", *CHAIN_KEYS})
ALLOWED_KEYS: Final = REQUIRED_KEYS | OPTIONAL_KEYS
CONTEXT: Final = frozenset(CONTEXT_KEYS)
PARTY_KEYS: Final = frozenset({"type", "id"})
HASH_LENGTH: Final = 64
"""Chain keys are checked for shape only; `registry verify-log` checks the chain itself."""

_MALFORMED: Final = codes.MALFORMED_ENVELOPE


class DateCache:
    """Calendar dates already found valid: the records of a stream share a few days."""

    __slots__ = ("_days",)

    LIMIT: Final = 4096

    def __init__(self) -> None:
        self._days: set[str] = set()

    def valid(self, day: str) -> bool:
        if day in self._days:
            return True
        if is_date(day):
            if len(self._days) >= self.LIMIT:
                self._days.clear()
            self._days.add(day)
            return True
        return False


def _party(value: Any, where: str, problems: list[Problem]) -> bool:
    """Whether ``value`` is ``{type, id}`` with two non-empty strings (else report it)."""
    if type(value) is not dict:
        problems.append(
            (_MALFORMED, where, f"must be an object {{type, id}}, not {json_type(value)}")
        )
        return False
    ok = True
    for key in ("type", "id"):
        item = value.get(key)
        if type(item) is not str or not item:
            problems.append((_MALFORMED, f"{where}.{key}", "must be a non-empty string"))
            ok = False
    if not PARTY_KEYS.issuperset(value):
        for key in sorted(value.keys() - PARTY_KEYS):
            problems.append(
                (_MALFORMED, f"{where}.{safe_key(key)}", "is not a member of the envelope")
            )
    return ok


class EnvelopeCheck:
    """The event-independent envelope checks (holds a small date cache)."""

    __slots__ = ("_dates",)

    def __init__(self) -> None:
        self._dates = DateCache()

    def check(self, record: dict[str, Any], problems: list[Problem]) -> None:
        keys = record.keys()
        if not REQUIRED_KEYS <= keys <= ALLOWED_KEYS:
            for name in REQUIRED:
                if name not in record:
                    problems.append((_MALFORMED, name, "is missing"))
            for name in sorted(keys - ALLOWED_KEYS, key=str):
                problems.append((_MALFORMED, safe_key(name), "is not a member of the envelope"))
        ident = record.get("id")
        if "id" in record and (type(ident) is not str or UUID.fullmatch(ident) is None):
            problems.append((_MALFORMED, "id", "must be a UUID"))
        if "event" in record and (type(record["event"]) is not str or not record["event"]):
            problems.append((_MALFORMED, "event", "must be a non-empty string"))
        version = record.get("version")
        if "version" in record and type(version) is not int:
            problems.append(
                (_MALFORMED, "version", f"must be an integer, not {json_type(version)}")
            )
        stamp = record.get("occurred_at")
        if "occurred_at" in record and (
            type(stamp) is not str
            or UTC_TIMESTAMP.fullmatch(stamp) is None
            or not self._dates.valid(stamp[:10])
        ):
            problems.append(
                (
                    _MALFORMED,
                    "occurred_at",
                    "must be an RFC 3339 timestamp in UTC (like 2026-11-27T21:00:00.123Z)",
                )
            )
        if "actor" in record:
            _party(record["actor"], "actor", problems)
        targets = record.get("targets")
        if "targets" in record:
            if type(targets) is not list:
                problems.append(
                    (_MALFORMED, "targets", f"must be an array, not {json_type(targets)}")
                )
            else:
                for index, target in enumerate(targets):
                    _party(target, f"targets[{index}]", problems)
        outcome = record.get("outcome")
        if "outcome" in record and (type(outcome) is not str or not outcome):
            problems.append((_MALFORMED, "outcome", "must be a non-empty string"))
        reason = record.get("reason")
        if reason is not None and type(reason) is not str:
            problems.append(
                (_MALFORMED, "reason", f"must be a string or null, not {json_type(reason)}")
            )
        context = record.get("context")
        if "context" in record:
            if type(context) is not dict:
                problems.append(
                    (_MALFORMED, "context", f"must be an object, not {json_type(context)}")
                )
            else:
                for key, value in context.items():
                    if key not in CONTEXT:
                        problems.append(
                            (
                                _MALFORMED,
                                f"context.{safe_key(key)}",
                                "is not a member of the context",
                            )
                        )
                    elif value is not None and type(value) is not str:
                        problems.append(
                            (
                                _MALFORMED,
                                f"context.{key}",
                                f"must be a string or null, not {json_type(value)}",
                            )
                        )
        tenant = record.get("tenant")
        if tenant is not None and type(tenant) is not str:
            problems.append(
                (_MALFORMED, "tenant", f"must be a string or null, not {json_type(tenant)}")
            )
        fields = record.get("fields")
        if "fields" in record and type(fields) is not dict:
            problems.append((_MALFORMED, "fields", f"must be an object, not {json_type(fields)}"))
        stream = record.get("stream")
        if "stream" in record and (type(stream) is not str or not valid_stream_id(stream)):
            problems.append((_MALFORMED, "stream", "must be a stream id (`registry verify-log`)"))
        seq = record.get("seq")
        if "seq" in record and (type(seq) is not int or seq < 0):
            problems.append(
                (_MALFORMED, "seq", "must be a sequence number (`registry verify-log`)")
            )
        if "hash" in record or "prev_hash" in record:
            for key in ("prev_hash", "hash"):
                value = record.get(key)
                if type(value) is not str or len(value) != HASH_LENGTH:
                    problems.append(
                        (
                            _MALFORMED,
                            key,
                            "must be a 64-character hash (`registry verify-log` checks the chain)",
                        )
                    )


def party_types(
    record: dict[str, Any],
    actors: frozenset[str],
    targets: frozenset[str],
    problems: list[Problem],
) -> None:
    """Actor and target types outside the event's declared ones (empty: any is allowed)."""
    actor = record.get("actor")
    if actors and type(actor) is dict:
        kind = actor.get("type")
        if type(kind) is str and kind and kind not in actors:
            problems.append(
                (
                    codes.NOT_ALLOWED,
                    "actor.type",
                    f"is not a declared actor type ({', '.join(sorted(actors))})",
                )
            )
    parties = record.get("targets")
    if targets and type(parties) is list:
        for index, target in enumerate(parties):
            if type(target) is dict:
                kind = target.get("type")
                if type(kind) is str and kind and kind not in targets:
                    problems.append(
                        (
                            codes.NOT_ALLOWED,
                            f"targets[{index}].type",
                            f"is not a declared target type ({', '.join(sorted(targets))})",
                        )
                    )


def outcome_reason(
    record: dict[str, Any],
    outcomes: frozenset[str],
    reasons: frozenset[str],
    problems: list[Problem],
) -> None:
    """The outcome is declared; a failure has a (declared) reason; nothing else has one."""
    outcome = record.get("outcome")
    reason = record.get("reason")
    if type(outcome) is str and outcome and outcome not in outcomes:
        problems.append(
            (
                codes.NOT_ALLOWED,
                "outcome",
                f"is not a declared outcome ({', '.join(sorted(outcomes))})",
            )
        )
    if outcome == "failure":
        if type(reason) is not str or not reason:
            problems.append((_MALFORMED, "reason", "a failure needs a reason"))
        elif reasons and reason not in reasons:
            problems.append(
                (
                    codes.NOT_ALLOWED,
                    "reason",
                    f"is not a declared failure reason ({', '.join(sorted(reasons))})",
                )
            )
    elif reason is not None and "outcome" in record:
        problems.append((_MALFORMED, "reason", "is only recorded when the outcome is failure"))

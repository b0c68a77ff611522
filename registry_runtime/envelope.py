"""The value types of an audit event: envelope parts and the per-event specification.

Generated emitters build one `EventSpec` per event at import time and hand it, with the call's
field values, to `Emitter._emit`. Everything here is a frozen, slotted dataclass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

#: Redaction modes a field (or a context attribute) can carry, weakest first: a value inside
#: another gets the stronger of its own and the enclosing one's (see `FieldSpec`).
STRENGTH: Final[Mapping[str, int]] = {"none": 0, "truncate": 1, "mask": 2, "hash": 3, "drop": 4}
REDACTIONS: Final = frozenset(STRENGTH)

#: The members of every record the emitter writes, in record order, with the kind of value
#: each holds and what it means. Defined here once: the catalog side
#: (`registry.catalog.model.ENVELOPE`), check-events and the JSON Schema target derive from it.
ENVELOPE_MEMBERS: Final = (
    ("id", "uuid", "Unique id of this record (UUIDv7, time-ordered)."),
    ("event", "string", "Name of the event."),
    ("version", "integer", "Version of the event's schema."),
    ("occurred_at", "timestamp", "When it happened (RFC 3339, UTC)."),
    ("actor", "object", "Who did it: {type, id}."),
    ("targets", "list", "What it was done to: [{type, id}]."),
    ("outcome", "enum", "success, failure or unknown."),
    ("reason", "string", "Why it failed (set when outcome is failure)."),
    ("context", "object", "Where from: {ip, user_agent, request_id, session_id}."),
    ("tenant", "string", "Tenant or organisation the event belongs to."),
    ("fields", "object", "The event's own fields."),
)
RECORD_KEYS: Final = tuple(name for name, _kind, _description in ENVELOPE_MEMBERS)

#: The context attributes of the envelope, in record order.
CONTEXT_KEYS: Final = ("ip", "user_agent", "request_id", "session_id")

#: Default redaction of the context attributes (ip, user agent and session id are
#: quasi-identifiers; a request id is an opaque correlation handle).
DEFAULT_CONTEXT_REDACTION: Final[Mapping[str, str]] = {
    "ip": "hash",
    "user_agent": "hash",
    "request_id": "none",
    "session_id": "hash",
}

Validator = Callable[[Mapping[str, Any]], list[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did it: an actor type from the catalog's vocabulary (``user``, ``service`` ...) and id."""

    type: str
    id: str


@dataclass(frozen=True, slots=True)
class Target:
    """What it was done to: a target type (``release``, ``integration`` ...) and id."""

    type: str
    id: str


@dataclass(frozen=True, slots=True)
class Context:
    """Where it came from. Redacted by default (see `DEFAULT_CONTEXT_REDACTION`), and its
    `repr` shows only which of those attributes are set, never their values."""

    ip: str | None = None
    user_agent: str | None = None
    request_id: str | None = None
    session_id: str | None = None

    def __repr__(self) -> str:
        shown = []
        for key in CONTEXT_KEYS:
            value = getattr(self, key)
            if value is None or DEFAULT_CONTEXT_REDACTION[key] == "none":
                shown.append(f"{key}={value!r}")
            else:
                shown.append(f"{key}=<redacted>")
        return f"Context({', '.join(shown)})"


ITEMS: Final = "[]"
"""The `FieldSpec.name` of the items of a list."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One declared field of an event, or a member of an object, or the items of a list (named
    `ITEMS`), with its redaction and the shape inside it.

    ``redact`` is one of `REDACTIONS`; a value inside another is redacted at least as strongly
    as the enclosing one. A ``credential`` (or ``drop``) field, member or item is never written
    anywhere, whatever encloses it (its key is omitted from the record). ``members`` are the
    declared members of an object: only those are ever written (``()``: an object that declares
    none, so every key is unknown); ``None`` declares no shape (a scalar, or any value). ``items``
    is the shape of each item of a list (None: any item). See `registry_runtime.redact` for what
    the emitter writes for each shape.
    """

    name: str
    redact: str
    credential: bool = False
    members: tuple[FieldSpec, ...] | None = None
    items: FieldSpec | None = None


@dataclass(frozen=True, slots=True)
class EventSpec:
    """Everything the runtime needs to know about one event (built by generated code).

    Empty ``actor_types`` / ``target_types`` / ``outcomes`` accept any non-empty string; empty
    ``failure_reasons`` accept any non-empty reason. ``validate`` checks the event's own fields
    and returns ``(field, problem)`` pairs (no pairs: valid).
    """

    name: str
    version: int
    fields: tuple[FieldSpec, ...]
    actor_types: frozenset[str]
    target_types: frozenset[str]
    outcomes: frozenset[str]
    failure_reasons: frozenset[str]
    validate: Validator


def no_field_checks(fields: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A ``validate`` that accepts anything (for hand-built specs in tests)."""
    return []

"""The resolved catalog: a typed, frozen model that rules and generators consume.

Every node keeps its `Origin` (file and pointer), so any finding about it can be located.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain, repeat
from typing import Any

from registry.findings import Origin
from registry_runtime.envelope import CONTEXT_KEYS, ENVELOPE_MEMBERS


class Kind(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    TIMESTAMP = "timestamp"
    DATE = "date"
    UUID = "uuid"
    ENUM = "enum"
    LIST = "list"
    OBJECT = "object"


BUILTIN_KINDS = frozenset(kind.value for kind in Kind)


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
    UNKNOWN = "unknown"


class Redaction(StrEnum):
    NONE = "none"
    HASH = "hash"
    MASK = "mask"
    TRUNCATE = "truncate"
    DROP = "drop"


@dataclass(frozen=True, slots=True)
class Suppression:
    rule: str
    reason: str
    origin: Origin


@dataclass(frozen=True, slots=True)
class Deprecation:
    reason: str
    replaced_by: str | None
    since: str | None
    origin: Origin


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """A field's type with its constraints, after named types are expanded."""

    kind: Kind
    type_name: str | None = None
    """The declared named type this came from, when it did."""
    pattern: str | None = None
    format: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    values: tuple[str | int, ...] = ()
    items: TypeSpec | None = None
    fields: tuple[Field, ...] = ()
    sensitivity: frozenset[str] = frozenset()
    redact: Redaction | None = None
    description: str | None = None
    examples: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class FieldNotes:
    """Whether a field is required, and what only some fields declare: kept apart, and shared
    by the fields that declare nothing else, so that a field takes three slots fewer."""

    required: bool
    redact_reason: str | None = None
    deprecated: Deprecation | None = None
    suppressions: tuple[Suppression, ...] = ()


_REQUIRED = FieldNotes(True)
_OPTIONAL = FieldNotes(False)


@dataclass(frozen=True, slots=True, init=False)
class Field:
    name: str
    type: TypeSpec
    description: str | None
    parent: Origin
    """The origin of the mapping that holds the field (an event's or an object's `fields`),
    shared by its members; the field's own is `origin`. An Origin with its own pointer per
    field took 1.4 KB per event of a large catalog (issue 14)."""
    notes: FieldNotes
    """Whether the field is required, its redaction reason, deprecation and suppressions: one
    of two shared `FieldNotes` when the field has no more than `required`, five slots instead
    of eight, 24 bytes less for each of the 1.17 million fields of 100,000 events (issue 14)."""

    def __init__(
        self,
        name: str,
        type: TypeSpec,
        required: bool,
        description: str | None,
        parent: Origin,
        redact_reason: str | None = None,
        deprecated: Deprecation | None = None,
        suppressions: tuple[Suppression, ...] = (),
    ) -> None:
        noted = redact_reason is not None or deprecated is not None or suppressions
        if noted:
            notes = FieldNotes(required, redact_reason, deprecated, suppressions)
        else:
            notes = _REQUIRED if required else _OPTIONAL
        for slot, value in (
            ("name", name),
            ("type", type),
            ("description", description),
            ("parent", parent),
            ("notes", notes),
        ):
            object.__setattr__(self, slot, value)

    @property
    def required(self) -> bool:
        return self.notes.required

    @property
    def redact_reason(self) -> str | None:
        return self.notes.redact_reason

    @property
    def deprecated(self) -> Deprecation | None:
        return self.notes.deprecated

    @property
    def suppressions(self) -> tuple[Suppression, ...]:
        return self.notes.suppressions

    @property
    def origin(self) -> Origin:
        return Origin(self.parent.path, (*self.parent.pointer, self.name))

    @property
    def sensitivity(self) -> frozenset[str]:
        return self.type.sensitivity

    @property
    def examples(self) -> tuple[Any, ...]:
        return self.type.examples


def all_fields(fields: tuple[Field, ...]) -> Iterator[Field]:
    """Fields and the members of object fields, depth first."""
    for field in fields:
        yield field
        if field.type.fields:
            yield from all_fields(field.type.fields)
        items = field.type.items
        while items is not None:
            if items.fields:
                yield from all_fields(items.fields)
            items = items.items


@dataclass(frozen=True, slots=True)
class NamedType:
    name: str
    spec: TypeSpec
    origin: Origin


@dataclass(frozen=True, slots=True)
class EnvelopeField:
    """A member of the envelope the registry adds to every event."""

    name: str
    kind: Kind
    description: str
    sensitivity: frozenset[str] = frozenset()


ENVELOPE: tuple[EnvelopeField, ...] = tuple(
    EnvelopeField(
        name,
        Kind(kind),
        description,
        frozenset({"quasi_identifier"}) if name == "context" else frozenset(),
    )
    for name, kind, description in ENVELOPE_MEMBERS
)
ENVELOPE_NAMES = frozenset(field.name for field in ENVELOPE) | frozenset(CONTEXT_KEYS)


@dataclass(frozen=True, slots=True)
class EventNotes:
    """What only some events declare, kept apart so that an event takes six slots fewer."""

    deprecated: Deprecation | None = None
    suppressions: tuple[Suppression, ...] = ()
    metadata: tuple[tuple[str, Any], ...] = ()
    failure_reasons: tuple[str, ...] = ()
    covers: tuple[str, ...] | None = None
    xref: tuple[tuple[str, tuple[str, ...]], ...] = ()
    envelope: tuple[EnvelopeField, ...] = ENVELOPE


_NO_EVENT_NOTES = EventNotes()


@dataclass(frozen=True, slots=True, init=False)
class Event:
    name: str
    domain: str
    description: str | None
    category: str | None
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    version: int
    fields: tuple[Field, ...]
    origin: Origin
    targets_declared: bool
    """`targets` is present, possibly as `[]` for events that act on no object."""
    notes: EventNotes
    """The deprecation, suppressions, metadata, failure reasons, coverage requirements,
    cross-references and envelope: one shared `EventNotes` when the event declares none,
    12 slots instead of 18, 48 bytes less per event (issue 14)."""

    def __init__(
        self,
        name: str,
        domain: str,
        description: str | None,
        category: str | None,
        actors: tuple[str, ...],
        targets: tuple[str, ...],
        outcomes: tuple[Outcome, ...],
        version: int,
        fields: tuple[Field, ...],
        origin: Origin,
        deprecated: Deprecation | None = None,
        suppressions: tuple[Suppression, ...] = (),
        metadata: tuple[tuple[str, Any], ...] = (),
        failure_reasons: tuple[str, ...] = (),
        targets_declared: bool = False,
        covers: tuple[str, ...] | None = None,
        xref: tuple[tuple[str, tuple[str, ...]], ...] = (),
        envelope: tuple[EnvelopeField, ...] = ENVELOPE,
    ) -> None:
        notes = EventNotes(
            deprecated, suppressions, metadata, failure_reasons, covers, xref, envelope
        )
        for slot, value in (
            ("name", name),
            ("domain", domain),
            ("description", description),
            ("category", category),
            ("actors", actors),
            ("targets", targets),
            ("outcomes", outcomes),
            ("version", version),
            ("fields", fields),
            ("origin", origin),
            ("targets_declared", targets_declared),
            ("notes", _NO_EVENT_NOTES if notes == _NO_EVENT_NOTES else notes),
        ):
            object.__setattr__(self, slot, value)

    @property
    def deprecated(self) -> Deprecation | None:
        return self.notes.deprecated

    @property
    def suppressions(self) -> tuple[Suppression, ...]:
        return self.notes.suppressions

    @property
    def metadata(self) -> tuple[tuple[str, Any], ...]:
        return self.notes.metadata

    @property
    def failure_reasons(self) -> tuple[str, ...]:
        """Reason codes a failure of this event may carry (the envelope's `reason`)."""
        return self.notes.failure_reasons

    @property
    def covers(self) -> tuple[str, ...] | None:
        """Coverage requirements (PROFILE:ITEM) the event declares; None when it declares
        none, so coverage is derived from its category and outcomes."""
        return self.notes.covers

    @property
    def xref(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Cross-references to other vocabularies (owasp, ocsf_class, ocsf_activity ...)."""
        return self.notes.xref

    @property
    def envelope(self) -> tuple[EnvelopeField, ...]:
        return self.notes.envelope

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class CatalogFile:
    path: str
    domain: str
    description: str | None
    owners: tuple[str, ...]
    includes: tuple[str, ...]
    origin: Origin
    suppressions: tuple[Suppression, ...] = ()
    builtin: bool = False
    """Pulled in by `include: [builtin:...]`; its findings are not the user's to fix."""
    compatibility: str | None = None
    """The file's own compatibility mode for `registry diff` (else the configuration's)."""


@dataclass(frozen=True, slots=True)
class FieldUses:
    """(event, field) pairs, kept as the fields in order with each event once and the number
    of fields it uses: a pair each would cost 56 bytes more per field, and the event beside
    each field 8 bytes, about 0.09 KB per event of a large catalog (issue 14)."""

    users: tuple[Event, ...] = ()
    """Each event that uses a field, once, in the order of `fields`."""
    counts: tuple[int, ...] = ()
    """How many of `fields`, one after another, each of `users` uses."""
    fields: tuple[Field, ...] = ()

    def __iter__(self) -> Iterator[tuple[Event, Field]]:
        events = chain.from_iterable(map(repeat, self.users, self.counts))
        return zip(events, self.fields, strict=True)

    def __len__(self) -> int:
        return len(self.fields)


@dataclass(frozen=True, slots=True)
class Catalog:
    files: tuple[CatalogFile, ...]
    events: tuple[Event, ...]
    types: tuple[NamedType, ...]
    field_uses: FieldUses = FieldUses()
    """Every field (nested members included) with the first event that uses it, each
    field once: members of a named type are shared by all events that use the type."""

    def event(self, name: str) -> Event | None:
        return next((e for e in self.events if e.name == name), None)

    def file(self, path: str) -> CatalogFile | None:
        return next((f for f in self.files if f.path == path), None)

"""Hand-built event specs and emitters for the runtime tests (no generated code needed)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from registry_runtime import (
    Actor,
    Emitter,
    EventSpec,
    FieldSpec,
    JsonLinesSink,
    MemorySink,
    Sink,
    Target,
)
from registry_runtime.chain import seal

KEY = "test-key-0123456789abcdef"

_RELEASE = re.compile(r"^rel_[a-z0-9]{8,}$")


def validate_promoted(fields: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What generated code would check for `user.promoted_production`."""
    problems: list[tuple[str, str]] = []
    release_id = fields.get("release_id")
    if release_id is None:
        problems.append(("release_id", "is required"))
    elif not isinstance(release_id, str):
        problems.append(("release_id", f"must be a string, not {type(release_id).__name__}"))
    elif not _RELEASE.match(release_id):
        problems.append(("release_id", "does not match ^rel_[a-z0-9]{8,}$"))
    environment = fields.get("environment")
    if environment is None:
        problems.append(("environment", "is required"))
    elif environment not in ("staging", "production"):
        problems.append(("environment", "must be one of 'staging', 'production'"))
    note = fields.get("note")
    if note is not None and (not isinstance(note, str) or len(note) > 500):
        problems.append(("note", "must be a string of at most 500 characters"))
    return problems


PROMOTED = EventSpec(
    name="user.promoted_production",
    version=1,
    fields=(
        FieldSpec("release_id", "none"),
        FieldSpec("environment", "none"),
        FieldSpec("approver_email", "hash"),
        FieldSpec("note", "none"),
        FieldSpec("card_number", "mask"),
        FieldSpec("city", "truncate"),
        FieldSpec("internal_note", "drop"),
        FieldSpec("api_token", "hash", credential=True),
    ),
    actor_types=frozenset({"user", "service"}),
    target_types=frozenset({"release"}),
    outcomes=frozenset({"success", "failure"}),
    failure_reasons=frozenset({"approval_missing", "tests_failed"}),
    validate=validate_promoted,
)

ANY_EVENT = EventSpec(
    name="thing.happened",
    version=3,
    fields=(FieldSpec("value", "none"),),
    actor_types=frozenset(),
    target_types=frozenset(),
    outcomes=frozenset({"success", "failure"}),
    failure_reasons=frozenset(),
    validate=lambda fields: [],
)

USER = Actor("user", "u_42")
RELEASE = Target("release", "rel_8f3k2m1q")
GOOD_FIELDS: dict[str, Any] = {"release_id": "rel_8f3k2m1q", "environment": "production"}


def emitter(sink: Sink | None = None, **options: Any) -> Emitter:
    options.setdefault("hmac_key", KEY)
    return Emitter(MemorySink() if sink is None else sink, **options)


def emit(e: Emitter, spec: EventSpec = PROMOTED, fields: dict[str, Any] | None = None,
         **envelope: Any) -> dict[str, Any]:
    envelope.setdefault("actor", USER)
    envelope.setdefault("targets", [RELEASE])
    envelope.setdefault("outcome", "success")
    envelope.setdefault("reason", None)
    envelope.setdefault("context", None)
    envelope.setdefault("tenant", None)
    return e._emit(spec, dict(GOOD_FIELDS if fields is None else fields), **envelope)


def write_log(path: Path, count: int, *, start: int = 0, head: bool = True) -> None:
    """Append `count` chained records to `path` through the real sink."""
    with JsonLinesSink(path, head=head) as sink:
        e = emitter(sink)
        for index in range(start, start + count):
            emit(e, ANY_EVENT, {"value": index})


def forge_line(body: bytes, prev_hash: bytes) -> bytes:
    """A correctly sealed line, as a tamperer who knows the format would write it."""
    return seal(body, prev_hash)[0]

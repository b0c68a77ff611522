"""Comparing the fields of two versions of an event: removed, renamed, added, required or not,
their types (bounds, patterns, formats, enum values, list items, nested members), and what
privacy they lose (`registry.diff.privacy`: sensitivity, redaction, credentials appearing)."""

from __future__ import annotations

from collections.abc import Iterable

from registry.catalog.model import Event, Field, TypeSpec
from registry.catalog.type_keys import shape_key
from registry.diff.changes import (
    BREAKS_BACKWARD,
    BREAKS_BOTH,
    BREAKS_FORWARD,
    BREAKS_NEITHER,
    ChangeKind,
    Changes,
    sub,
)
from registry.diff.privacy import (
    credentials_added,
    field_privacy,
    redaction_weakened,
    tags_removed,
)
from registry.findings import Origin
from registry.findings.codes import (
    DEPRECATION_ADDED,
    DESCRIPTION_CHANGED,
    ENUM_VALUE_ADDED,
    ENUM_VALUE_REMOVED,
    FIELD_BECAME_OPTIONAL,
    FIELD_BECAME_REQUIRED,
    FIELD_REMOVED,
    FIELD_RENAMED,
    OPTIONAL_FIELD_ADDED,
    REQUIRED_FIELD_ADDED,
    TYPE_CHANGED,
    TYPE_NARROWED,
    TYPE_WIDENED,
)


def compare_fields(
    changes: Changes,
    event: Event,
    prefix: str,
    old: Iterable[Field],
    new: Iterable[Field],
    *,
    nested: bool = False,
) -> None:
    """The fields `old` became `new` (an event's, or an object's members under `prefix`).

    A removed field and an added one of the same shape are taken for a rename. The redaction
    of a top-level field is compared at every depth at once (`redaction_weakened`), so
    members (`nested`) are not compared again."""
    old_by = {f.name: f for f in old}
    new_by = {f.name: f for f in new}
    removed = [f for n, f in old_by.items() if n not in new_by]
    added = [f for n, f in new_by.items() if n not in old_by]
    renamed: list[tuple[Field, Field]] = []
    if removed and added:
        pool = {id(f): shape_key(f.type) for f in added}
        for gone in removed:
            signature = shape_key(gone.type)
            match = next((f for f in added if pool.get(id(f)) == signature), None)
            if match is not None:
                del pool[id(match)]
                renamed.append((gone, match))
        matched = {id(f) for pair in renamed for f in pair}
        removed = [f for f in removed if id(f) not in matched]
        added = [f for f in added if id(f) not in matched]
    name = event.name
    for gone in removed:
        path = prefix + gone.name
        changes.schema(
            FIELD_REMOVED,
            BREAKS_BACKWARD | (BREAKS_FORWARD if gone.required else BREAKS_NEITHER),
            name,
            path,
            f"field {path!r} removed",
            gone.origin,
            in_base=True,
        )
    for before, after in renamed:
        path = prefix + after.name
        changes.schema(
            FIELD_RENAMED,
            BREAKS_BOTH,
            name,
            path,
            f"field {prefix + before.name!r} renamed to {path!r}",
            after.origin,
        )
        field_privacy(changes, event, path, before, after)
        if not nested:
            redaction_weakened(changes, event, path, before, after)
    for field in added:
        path = prefix + field.name
        if field.required:
            changes.schema(
                REQUIRED_FIELD_ADDED,
                BREAKS_BACKWARD,
                name,
                path,
                f"required field {path!r} added",
                field.origin,
            )
        else:
            changes.add(
                ChangeKind.NON_BREAKING,
                OPTIONAL_FIELD_ADDED,
                name,
                path,
                f"optional field {path!r} added",
                field.origin,
            )
        credentials_added(changes, event, prefix, (field,))
    for field_name, current in new_by.items():
        previous = old_by.get(field_name)
        if previous is not None:
            _field(changes, event, prefix + field_name, previous, current)
            if not nested:
                redaction_weakened(changes, event, prefix + field_name, previous, current)


def _field(changes: Changes, event: Event, path: str, old: Field, new: Field) -> None:
    name = event.name
    if not old.required and new.required:
        changes.schema(
            FIELD_BECAME_REQUIRED,
            BREAKS_BACKWARD,
            name,
            path,
            f"field {path!r} became required",
            sub(new.origin, "required"),
        )
    elif old.required and not new.required:
        changes.schema(
            FIELD_BECAME_OPTIONAL,
            BREAKS_FORWARD,
            name,
            path,
            f"field {path!r} became optional",
            sub(new.origin, "required"),
        )
    if (old.description or "") != (new.description or ""):
        changes.add(
            ChangeKind.NON_BREAKING,
            DESCRIPTION_CHANGED,
            name,
            path,
            f"description of field {path!r} changed",
            new.origin,
        )
    if old.deprecated is None and new.deprecated is not None:
        changes.add(
            ChangeKind.NON_BREAKING,
            DEPRECATION_ADDED,
            name,
            path,
            f"field {path!r} deprecated",
            new.deprecated.origin,
        )
    field_privacy(changes, event, path, old, new)
    _type(changes, event, path, old.type, new.type, new.origin)


def _type(
    changes: Changes, event: Event, path: str, old: TypeSpec, new: TypeSpec, origin: Origin
) -> None:
    name = event.name

    def narrowed(what: str) -> None:
        message = f"type of {path!r} narrowed: {what}"
        changes.schema(TYPE_NARROWED, BREAKS_BACKWARD, name, path, message, origin)

    def widened(what: str) -> None:
        message = f"type of {path!r} widened: {what}"
        changes.schema(TYPE_WIDENED, BREAKS_FORWARD, name, path, message, origin)

    if old.kind != new.kind:
        changes.schema(
            TYPE_CHANGED,
            BREAKS_BOTH,
            name,
            path,
            f"type of {path!r} changed from {old.kind} to {new.kind}",
            origin,
        )
        return
    for label, before, after in (
        ("minimum", old.minimum, new.minimum),
        ("maximum", old.maximum, new.maximum),
        ("max_length", old.max_length, new.max_length),
    ):
        if before == after:
            continue
        lower_bound = label == "minimum"
        if before is None:
            narrowed(f"{label} {after} added")
        elif after is None:
            widened(f"{label} {before} removed")
        elif (after > before) == lower_bound:
            narrowed(f"{label} {before} -> {after}")
        else:
            widened(f"{label} {before} -> {after}")
    for label, before_text, after_text in (
        ("pattern", old.pattern, new.pattern),
        ("format", old.format, new.format),
    ):
        if before_text == after_text:
            continue
        if before_text is None:
            narrowed(f"{label} {after_text!r} added")
        elif after_text is None:
            widened(f"{label} {before_text!r} removed")
        else:
            changes.schema(
                TYPE_NARROWED,
                BREAKS_BOTH,
                name,
                path,
                f"{label} of {path!r} changed from {before_text!r} to {after_text!r}",
                origin,
            )
    for value in old.values:
        if value not in new.values:
            changes.schema(
                ENUM_VALUE_REMOVED,
                BREAKS_BACKWARD,
                name,
                path,
                f"enum value {value!r} removed from {path!r}",
                origin,
            )
    for value in new.values:
        if value not in old.values:
            changes.schema(
                ENUM_VALUE_ADDED,
                BREAKS_FORWARD,
                name,
                path,
                f"enum value {value!r} added to {path!r}",
                origin,
            )
    if old.items is not None and new.items is not None:
        tags_removed(changes, event, path + "[]", old.items, new.items, sub(origin, "items"))
        _type(changes, event, path + "[]", old.items, new.items, origin)
    if old.fields or new.fields:
        compare_fields(changes, event, path + ".", old.fields, new.fields, nested=True)

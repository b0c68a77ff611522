"""Comparing two catalogs event by event: events removed and added, the files' modes, and for an
event in both what its envelope changed (category, failure reasons, actor and target types,
description, deprecation, outcomes, replacement, version); its fields go to
`registry.diff.fields`."""

from __future__ import annotations

from registry.catalog.model import Catalog, Event
from registry.diff.changes import (
    BREAKS_BACKWARD,
    BREAKS_BOTH,
    BREAKS_FORWARD,
    ChangeKind,
    Changes,
    sub,
)
from registry.diff.fields import compare_fields
from registry.diff.privacy import credentials_added
from registry.findings import Origin
from registry.findings.codes import (
    ACTOR_OR_TARGET_TYPE_ADDED,
    ACTOR_OR_TARGET_TYPE_REMOVED,
    CATEGORY_CHANGED,
    COMPATIBILITY_MODE_CHANGED,
    DEPRECATED_EVENT_REMOVED,
    DEPRECATION_ADDED,
    DESCRIPTION_CHANGED,
    EVENT_ADDED,
    EVENT_REMOVED,
    FAILURE_REASON_ADDED,
    FAILURE_REASON_REMOVED,
    OUTCOME_ADDED,
    OUTCOME_REMOVED,
    REPLACEMENT_NOT_IN_HEAD,
    VERSION_NOT_BUMPED,
    Code,
)


def compare_catalogs(changes: Changes, base: Catalog, head: Catalog) -> None:
    """Every change from `base` to `head`, each event's under the mode of its BASE file."""
    base_events = {e.name: e for e in base.events}
    head_events = {e.name: e for e in head.events}
    # Events BASE reused from HEAD (identical files, see registry.catalog.reuse) carry HEAD paths:
    # their file declares the same mode on both sides.
    base_modes = {**_file_modes(head), **_file_modes(base)}
    _mode_changes(changes, base, head)
    for name, old in base_events.items():
        new = head_events.get(name)
        if new is old:
            continue  # the same resolved event: nothing changed
        changes.use_mode_of(old, base_modes)
        if new is None:
            if old.deprecated is not None:
                changes.add(
                    ChangeKind.NON_BREAKING,
                    DEPRECATED_EVENT_REMOVED,
                    name,
                    None,
                    f"deprecated event {name!r} removed",
                    old.origin,
                    in_base=True,
                )
            else:
                changes.schema(
                    EVENT_REMOVED,
                    BREAKS_BOTH,
                    name,
                    None,
                    f"event {name!r} removed without being deprecated first",
                    old.origin,
                    in_base=True,
                )
            continue
        _event(changes, old, new)
    for name, new in head_events.items():
        if name not in base_events:
            changes.add(
                ChangeKind.NON_BREAKING,
                EVENT_ADDED,
                name,
                None,
                f"event {name!r} added",
                new.origin,
            )
            credentials_added(changes, new, "", new.fields)
    for new in head_events.values():
        _replacement(changes, base_events.get(new.name), new, base_events, head_events)


def _file_modes(catalog: Catalog) -> dict[str, str]:
    return {f.path: f.compatibility for f in catalog.files if f.compatibility}


def _mode_changes(changes: Changes, base: Catalog, head: Catalog) -> None:
    """B029: a catalog file (matched by domain) declares a different mode than it did."""
    before = {f.domain: f.compatibility or changes.mode for f in base.files if not f.builtin}
    for file in head.files:
        was = before.get(file.domain)
        now = file.compatibility or changes.mode
        if file.builtin or was is None or was == now:
            continue
        pointer: tuple[str, ...] = ("compatibility",) if file.compatibility else ()
        changes.add(
            ChangeKind.NON_BREAKING,
            COMPATIBILITY_MODE_CHANGED,
            "",
            None,
            f"compatibility mode of the {file.domain!r} catalog changed from {was} to {now} "
            "(this change is checked under the old mode)",
            Origin(file.path, pointer),
        )


def _event(changes: Changes, old: Event, new: Event) -> None:
    name = new.name
    start = len(changes.found)
    if (old.category or "") != (new.category or ""):
        changes.schema(
            CATEGORY_CHANGED,
            BREAKS_BOTH,
            name,
            None,
            f"category changed from {old.category!r} to {new.category!r}",
            sub(new.origin, "category"),
        )
    _vocabulary(
        changes,
        name,
        "failure reason",
        FAILURE_REASON_REMOVED,
        FAILURE_REASON_ADDED,
        old.failure_reasons,
        new.failure_reasons,
        sub(new.origin, "failure_reasons"),
    )
    if old.actors and new.actors:
        _vocabulary(
            changes,
            name,
            "actor type",
            ACTOR_OR_TARGET_TYPE_REMOVED,
            ACTOR_OR_TARGET_TYPE_ADDED,
            old.actors,
            new.actors,
            sub(new.origin, "actor"),
        )
    if old.targets and new.targets:
        _vocabulary(
            changes,
            name,
            "target type",
            ACTOR_OR_TARGET_TYPE_REMOVED,
            ACTOR_OR_TARGET_TYPE_ADDED,
            old.targets,
            new.targets,
            sub(new.origin, "targets"),
        )
    if (old.description or "") != (new.description or ""):
        changes.add(
            ChangeKind.NON_BREAKING,
            DESCRIPTION_CHANGED,
            name,
            None,
            "event description changed",
            sub(new.origin, "description"),
        )
    if old.deprecated is None and new.deprecated is not None:
        changes.add(
            ChangeKind.NON_BREAKING,
            DEPRECATION_ADDED,
            name,
            None,
            f"event {name!r} deprecated",
            new.deprecated.origin,
        )
    for outcome in old.outcomes:
        if outcome not in new.outcomes:
            changes.schema(
                OUTCOME_REMOVED,
                BREAKS_BACKWARD,
                name,
                None,
                f"outcome {str(outcome)!r} removed",
                sub(new.origin, "outcomes"),
            )
    for outcome in new.outcomes:
        if outcome not in old.outcomes:
            changes.schema(
                OUTCOME_ADDED,
                BREAKS_FORWARD,
                name,
                None,
                f"outcome {str(outcome)!r} added",
                sub(new.origin, "outcomes"),
            )
    compare_fields(changes, new, "", old.fields, new.fields)
    if changes.breaking_since(start) and new.version <= old.version:
        changes.add(
            ChangeKind.BREAKING,
            VERSION_NOT_BUMPED,
            name,
            None,
            f"event {name!r} changed in a breaking way but its version stayed "
            f"{new.version} (bump it to {old.version + 1})",
            sub(new.origin, "version"),
        )


def _vocabulary(
    changes: Changes,
    event: str,
    what: str,
    removed_code: Code,
    added_code: Code,
    old: tuple[str, ...],
    new: tuple[str, ...],
    origin: Origin,
) -> None:
    """Values consumers match on (failure reasons, actor and target types): removing one
    narrows the event, adding one widens it (like an enum)."""
    for value in old:
        if value not in new:
            message = f"{what} {value!r} removed"
            changes.schema(removed_code, BREAKS_BACKWARD, event, None, message, origin)
    for value in new:
        if value not in old:
            message = f"{what} {value!r} added"
            changes.schema(added_code, BREAKS_FORWARD, event, None, message, origin)


def _replacement(
    changes: Changes,
    old: Event | None,
    new: Event,
    base_events: dict[str, Event],
    head_events: dict[str, Event],
) -> None:
    """B018: HEAD deprecates `new` in favour of an event HEAD does not define."""
    deprecated = new.deprecated
    if deprecated is None or deprecated.replaced_by is None:
        return
    target = deprecated.replaced_by
    if target in head_events:
        return
    was = old.deprecated.replaced_by if old and old.deprecated else None
    if was == target and target not in base_events:
        return  # not this change's doing (lint's R009 reports it)
    changes.add(
        ChangeKind.BREAKING,
        REPLACEMENT_NOT_IN_HEAD,
        new.name,
        None,
        f"{new.name!r} is replaced by {target!r}, which HEAD does not define",
        sub(deprecated.origin, "replaced_by"),
    )

"""What privacy a field loses between two versions, at every depth: sensitivity tags removed
(B014), effective redaction weakened (B015: what the record holds, from
`registry.privacy.policy.redaction_plan`, so a member inherits the redaction around it) and
credentials appearing (B016). Reported whatever the compatibility mode."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from registry.catalog.model import Event, Field, Redaction, TypeSpec
from registry.diff.changes import ChangeKind, Changes, sub
from registry.findings import Origin
from registry.findings.codes import (
    CREDENTIAL_FIELD_ADDED,
    REDACTION_WEAKENED,
    SENSITIVITY_REMOVED,
)
from registry.privacy.policy import CREDENTIAL_TAG, ITEMS, STRENGTH, RedactionPlan, redaction_plan


def field_privacy(changes: Changes, event: Event, path: str, old: Field, new: Field) -> None:
    """B014 and B016 of one field or member (`path` names it)."""
    tags_removed(changes, event, path, old.type, new.type, new.origin)
    _credential(changes, event, path, old, new)


def tags_removed(
    changes: Changes, event: Event, path: str, old: TypeSpec, new: TypeSpec, origin: Origin
) -> None:
    """B014: tags `old` had and `new` lacks (a field's, a member's or a list's items')."""
    lost = sorted(old.sensitivity - new.sensitivity)
    if lost:
        changes.add(
            ChangeKind.PRIVACY,
            SENSITIVITY_REMOVED,
            event.name,
            path,
            f"sensitivity {', '.join(lost)} removed from {path!r}",
            origin,
        )


def redaction_weakened(changes: Changes, event: Event, path: str, old: Field, new: Field) -> None:
    """B015 for a top-level field and everything inside it, by the redaction the record holds
    at each depth. A member whose weakening is its parent's (the same before and after) is
    not reported again."""
    scalars = not (old.type.fields or old.type.items or new.type.fields or new.type.items)
    if scalars and old.type.redact == new.type.redact and old.sensitivity == new.sensitivity:
        return  # scalars with the same inputs have the same effective redaction
    config = changes.config
    _weakened(
        changes,
        event,
        path,
        (old.type, redaction_plan(old, config)),
        (new.type, redaction_plan(new, config)),
        new.origin,
        None,
    )


def _level(plan: RedactionPlan) -> Redaction:
    """What the record holds of a value: drop for one never written (credentials too)."""
    return plan.redaction if plan.written else Redaction.DROP


def _weakened(
    changes: Changes,
    event: Event,
    path: str,
    old: tuple[TypeSpec, RedactionPlan],
    new: tuple[TypeSpec, RedactionPlan],
    origin: Origin,
    parent: tuple[Redaction, Redaction] | None,
) -> None:
    (old_spec, old_plan), (new_spec, new_plan) = old, new
    transition = (_level(old_plan), _level(new_plan))
    before, after = transition
    if STRENGTH[after] < STRENGTH[before] and transition != parent:
        changes.add(
            ChangeKind.PRIVACY,
            REDACTION_WEAKENED,
            event.name,
            path,
            f"redaction of {path!r} weakened from {before} to {after}",
            origin,
        )
    if (
        old_spec.items is not None
        and old_plan.items is not None
        and new_spec.items is not None
        and new_plan.items is not None
    ):
        _weakened(
            changes,
            event,
            path + ITEMS,
            (old_spec.items, old_plan.items),
            (new_spec.items, new_plan.items),
            sub(origin, "items"),
            transition,
        )
    old_members = {
        member.name: (member.type, plan)
        for member, plan in zip(old_spec.fields, old_plan.members, strict=True)
    }
    for member, plan in zip(new_spec.fields, new_plan.members, strict=True):
        was = old_members.get(member.name)
        if was is not None:
            _weakened(
                changes,
                event,
                f"{path}.{member.name}",
                was,
                (member.type, plan),
                member.origin,
                transition,
            )


def credentials_added(changes: Changes, event: Event, prefix: str, fields: Iterable[Field]) -> None:
    """The credential-tagged fields among new `fields` and their nested members."""
    for path, field in _walk(fields, prefix):
        _credential(changes, event, path, None, field)


def _credential(changes: Changes, event: Event, path: str, old: Field | None, new: Field) -> None:
    if CREDENTIAL_TAG in new.sensitivity and (old is None or CREDENTIAL_TAG not in old.sensitivity):
        changes.add(
            ChangeKind.PRIVACY,
            CREDENTIAL_FIELD_ADDED,
            event.name,
            path,
            f"credential-tagged field {path!r} appears in the event",
            new.origin,
        )


def _walk(fields: Iterable[Field], prefix: str) -> Iterator[tuple[str, Field]]:
    """Every field with its dotted path, nested members (objects, list items) too."""
    for field in fields:
        path = prefix + field.name
        yield path, field
        spec: TypeSpec | None = field.type
        suffix = ""
        while spec is not None and spec.items is not None:
            spec, suffix = spec.items, suffix + "[]"
        if spec is not None and spec.fields:
            yield from _walk(spec.fields, path + suffix + ".")

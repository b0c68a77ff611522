"""Breaking-change detection between two resolved catalogs (`registry diff`).

The library never prints. `diff_catalogs` compares two `Catalog` models and classifies every
change as breaking, privacy-breaking or non-breaking; `locate` gives the changes their line and
column once the caller has the locators of both sides.

Compatibility modes have the meaning they have in schema registries (Confluent):

* ``backward`` (default): the new schema must read every record written under the old one
  (upgrade consumers first). Narrowing breaks it: a field became required, a required field was
  added, bounds tightened, a pattern added, an enum value or an outcome removed. Audit addition:
  removing or renaming a field or an event also breaks it, because consumers (SIEM rules,
  dashboards, auditors' queries) select fields and events by name.
* ``forward``: records written under the new schema must be readable by consumers of the old
  one (upgrade producers first). Widening breaks it: an enum value or an outcome added, bounds
  loosened, a required field removed or made optional. Removing an optional field is fine;
  adding a field, required or not, is fine (old consumers ignore it).
* ``full``: both; ``none``: no schema change is breaking.

The mode comes from ``--compatibility`` when given (for every event), else from the catalog file
that holds the event in BASE (its top-level ``compatibility`` key: the contract consumers were
promised), else from the configuration. A file's mode changing is itself listed (B029), and
takes effect for the next change.

Privacy changes (a sensitivity tag removed, a redaction weakened, a credential-tagged field
appearing) are reported whatever the mode: they are about leaking data, not about readers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from registry.catalog.config import Config
from registry.catalog.model import Catalog, Event, Field, TypeSpec
from registry.catalog.type_keys import shape_key
from registry.findings import Finding, Origin, Pointer, Severity, finding_at
from registry.findings.codes import (
    ACTOR_OR_TARGET_TYPE_ADDED,
    ACTOR_OR_TARGET_TYPE_REMOVED,
    CATEGORY_CHANGED,
    COMPATIBILITY_MODE_CHANGED,
    CREDENTIAL_FIELD_ADDED,
    DEPRECATED_EVENT_REMOVED,
    DEPRECATION_ADDED,
    DESCRIPTION_CHANGED,
    ENUM_VALUE_ADDED,
    ENUM_VALUE_REMOVED,
    EVENT_ADDED,
    EVENT_REMOVED,
    FAILURE_REASON_ADDED,
    FAILURE_REASON_REMOVED,
    FIELD_BECAME_OPTIONAL,
    FIELD_BECAME_REQUIRED,
    FIELD_REMOVED,
    FIELD_RENAMED,
    OPTIONAL_FIELD_ADDED,
    OUTCOME_ADDED,
    OUTCOME_REMOVED,
    REDACTION_WEAKENED,
    REPLACEMENT_NOT_IN_HEAD,
    REQUIRED_FIELD_ADDED,
    SENSITIVITY_REMOVED,
    TYPE_CHANGED,
    TYPE_NARROWED,
    TYPE_WIDENED,
    VERSION_NOT_BUMPED,
    Code,
    lookup,
)
from registry.privacy.policy import STRENGTH, effective_redaction

BACKWARD, FORWARD = "backward", "forward"
_BOTH = frozenset({BACKWARD, FORWARD})
_B = frozenset({BACKWARD})
_F = frozenset({FORWARD})
_NEVER: frozenset[str] = frozenset()
MODE_DIRECTIONS = {
    "backward": _B,
    "forward": _F,
    "full": _BOTH,
    "none": _NEVER,
}


class ChangeKind(StrEnum):
    BREAKING = "breaking"
    PRIVACY = "privacy"
    NON_BREAKING = "non_breaking"


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    code: str
    event: str
    field: str | None
    message: str
    origin: Origin
    """Where in HEAD; for removals, where it was in BASE."""
    in_base: bool = False
    """`origin` is a BASE location (the thing is gone from HEAD)."""
    at_key: bool = True
    line: int = 0
    column: int = 0

    @property
    def path(self) -> str:
        return self.origin.path

    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.event, self.field or "", self.code, self.message)

    def as_record(self) -> dict[str, object]:
        return {
            "kind": str(self.kind),
            "code": self.code,
            "event": self.event,
            "field": self.field,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "side": "base" if self.in_base else "head",
        }


@dataclass(frozen=True, slots=True)
class DiffResult:
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]
    """B findings for the breaking and privacy changes (non-breaking ones are changes only)."""
    mode: str
    base_events: int = 0
    head_events: int = 0

    def of_kind(self, kind: ChangeKind) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind is kind)

    @property
    def breaking(self) -> tuple[Change, ...]:
        return self.of_kind(ChangeKind.BREAKING)

    @property
    def privacy(self) -> tuple[Change, ...]:
        return self.of_kind(ChangeKind.PRIVACY)

    @property
    def non_breaking(self) -> tuple[Change, ...]:
        return self.of_kind(ChangeKind.NON_BREAKING)

    @property
    def exit_code(self) -> int:
        return 1 if self.breaking or self.privacy else 0


# -- comparing ---------------------------------------------------------------------------------


class _Differ:
    def __init__(self, config: Config, mode: str, *, override: bool = False) -> None:
        if mode not in MODE_DIRECTIONS:
            raise ValueError(f"unknown compatibility mode {mode!r}")
        self.config = config
        self.mode = mode
        self.override = override
        self.directions = MODE_DIRECTIONS[mode]
        self.changes: list[Change] = []

    def use_mode_of(self, event: Event, modes: dict[str, str]) -> None:
        """Classify the next changes under the mode of the file that holds `event`."""
        mode = self.mode if self.override else modes.get(event.origin.path, self.mode)
        self.directions = MODE_DIRECTIONS.get(mode, self.directions)

    # a change that breaks readers in `directions`
    def schema(
        self,
        code: Code,
        directions: frozenset[str],
        event: str,
        field: str | None,
        message: str,
        origin: Origin,
        *,
        in_base: bool = False,
    ) -> None:
        kind = ChangeKind.BREAKING if directions & self.directions else ChangeKind.NON_BREAKING
        self.changes.append(Change(kind, code.id, event, field, message, origin, in_base))

    def add(
        self,
        kind: ChangeKind,
        code: Code,
        event: str,
        field: str | None,
        message: str,
        origin: Origin,
        *,
        in_base: bool = False,
    ) -> None:
        self.changes.append(Change(kind, code.id, event, field, message, origin, in_base))

    # -- events

    def run(self, base: Catalog, head: Catalog) -> None:
        base_events = {e.name: e for e in base.events}
        head_events = {e.name: e for e in head.events}
        # Events BASE reused from HEAD (identical files, see registry.catalog.reuse) carry HEAD paths:
        # their file declares the same mode on both sides.
        base_modes = {**_file_modes(head), **_file_modes(base)}
        self.mode_changes(base, head)
        for name, old in base_events.items():
            new = head_events.get(name)
            if new is old:
                continue  # the same resolved event: nothing changed
            self.use_mode_of(old, base_modes)
            if new is None:
                if old.deprecated is not None:
                    self.add(
                        ChangeKind.NON_BREAKING,
                        DEPRECATED_EVENT_REMOVED,
                        name,
                        None,
                        f"deprecated event {name!r} removed",
                        old.origin,
                        in_base=True,
                    )
                else:
                    self.schema(
                        EVENT_REMOVED,
                        _BOTH,
                        name,
                        None,
                        f"event {name!r} removed without being deprecated first",
                        old.origin,
                        in_base=True,
                    )
                continue
            self.event(old, new)
        for name, new in head_events.items():
            if name not in base_events:
                self.add(
                    ChangeKind.NON_BREAKING,
                    EVENT_ADDED,
                    name,
                    None,
                    f"event {name!r} added",
                    new.origin,
                )
                for path, field in _walk(new.fields, ""):
                    self.credential(new, path, None, field)
        for new in head_events.values():
            self.replacement(base_events.get(new.name), new, base_events, head_events)

    def mode_changes(self, base: Catalog, head: Catalog) -> None:
        """B029: a catalog file (matched by domain) declares a different mode than it did."""
        before = {f.domain: f.compatibility or self.mode for f in base.files if not f.builtin}
        for file in head.files:
            was = before.get(file.domain)
            now = file.compatibility or self.mode
            if file.builtin or was is None or was == now:
                continue
            pointer: tuple[str, ...] = ("compatibility",) if file.compatibility else ()
            self.add(
                ChangeKind.NON_BREAKING,
                COMPATIBILITY_MODE_CHANGED,
                "",
                None,
                f"compatibility mode of the {file.domain!r} catalog changed from {was} to {now} "
                "(this change is checked under the old mode)",
                Origin(file.path, pointer),
            )

    def event(self, old: Event, new: Event) -> None:
        name = new.name
        start = len(self.changes)
        if (old.category or "") != (new.category or ""):
            self.schema(
                CATEGORY_CHANGED,
                _BOTH,
                name,
                None,
                f"category changed from {old.category!r} to {new.category!r}",
                _sub(new.origin, "category"),
            )
        self.vocabulary(
            name,
            "failure reason",
            FAILURE_REASON_REMOVED,
            FAILURE_REASON_ADDED,
            old.failure_reasons,
            new.failure_reasons,
            _sub(new.origin, "failure_reasons"),
        )
        if old.actors and new.actors:
            self.vocabulary(
                name,
                "actor type",
                ACTOR_OR_TARGET_TYPE_REMOVED,
                ACTOR_OR_TARGET_TYPE_ADDED,
                old.actors,
                new.actors,
                _sub(new.origin, "actor"),
            )
        if old.targets and new.targets:
            self.vocabulary(
                name,
                "target type",
                ACTOR_OR_TARGET_TYPE_REMOVED,
                ACTOR_OR_TARGET_TYPE_ADDED,
                old.targets,
                new.targets,
                _sub(new.origin, "targets"),
            )
        if (old.description or "") != (new.description or ""):
            self.add(
                ChangeKind.NON_BREAKING,
                DESCRIPTION_CHANGED,
                name,
                None,
                "event description changed",
                _sub(new.origin, "description"),
            )
        if old.deprecated is None and new.deprecated is not None:
            self.add(
                ChangeKind.NON_BREAKING,
                DEPRECATION_ADDED,
                name,
                None,
                f"event {name!r} deprecated",
                new.deprecated.origin,
            )
        for outcome in old.outcomes:
            if outcome not in new.outcomes:
                self.schema(
                    OUTCOME_REMOVED,
                    _B,
                    name,
                    None,
                    f"outcome {str(outcome)!r} removed",
                    _sub(new.origin, "outcomes"),
                )
        for outcome in new.outcomes:
            if outcome not in old.outcomes:
                self.schema(
                    OUTCOME_ADDED,
                    _F,
                    name,
                    None,
                    f"outcome {str(outcome)!r} added",
                    _sub(new.origin, "outcomes"),
                )
        self.fields(new, "", old.fields, new.fields)
        breaking = any(c.kind is ChangeKind.BREAKING for c in self.changes[start:])
        if breaking and new.version <= old.version:
            self.add(
                ChangeKind.BREAKING,
                VERSION_NOT_BUMPED,
                name,
                None,
                f"event {name!r} changed in a breaking way but its version stayed "
                f"{new.version} (bump it to {old.version + 1})",
                _sub(new.origin, "version"),
            )

    def vocabulary(
        self,
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
                self.schema(removed_code, _B, event, None, f"{what} {value!r} removed", origin)
        for value in new:
            if value not in old:
                self.schema(added_code, _F, event, None, f"{what} {value!r} added", origin)

    def replacement(
        self,
        old: Event | None,
        new: Event,
        base_events: dict[str, Event],
        head_events: dict[str, Event],
    ) -> None:
        deprecated = new.deprecated
        if deprecated is None or deprecated.replaced_by is None:
            return
        target = deprecated.replaced_by
        if target in head_events:
            return
        was = old.deprecated.replaced_by if old and old.deprecated else None
        if was == target and target not in base_events:
            return  # not this change's doing (lint's R009 reports it)
        self.add(
            ChangeKind.BREAKING,
            REPLACEMENT_NOT_IN_HEAD,
            new.name,
            None,
            f"{new.name!r} is replaced by {target!r}, which HEAD does not define",
            _sub(deprecated.origin, "replaced_by"),
        )

    # -- fields

    def fields(self, event: Event, prefix: str, old: Iterable[Field], new: Iterable[Field]) -> None:
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
            self.schema(
                FIELD_REMOVED,
                _B | (_F if gone.required else _NEVER),
                name,
                path,
                f"field {path!r} removed",
                gone.origin,
                in_base=True,
            )
        for before, after in renamed:
            path = prefix + after.name
            self.schema(
                FIELD_RENAMED,
                _BOTH,
                name,
                path,
                f"field {prefix + before.name!r} renamed to {path!r}",
                after.origin,
            )
            self.privacy(event, path, before, after)
        for field in added:
            path = prefix + field.name
            if field.required:
                self.schema(
                    REQUIRED_FIELD_ADDED,
                    _B,
                    name,
                    path,
                    f"required field {path!r} added",
                    field.origin,
                )
            else:
                self.add(
                    ChangeKind.NON_BREAKING,
                    OPTIONAL_FIELD_ADDED,
                    name,
                    path,
                    f"optional field {path!r} added",
                    field.origin,
                )
            for sub_path, sub in _walk((field,), prefix):
                self.credential(event, sub_path, None, sub)
        for field_name, current in new_by.items():
            previous = old_by.get(field_name)
            if previous is not None:
                self.field(event, prefix + field_name, previous, current)

    def field(self, event: Event, path: str, old: Field, new: Field) -> None:
        name = event.name
        if not old.required and new.required:
            self.schema(
                FIELD_BECAME_REQUIRED,
                _B,
                name,
                path,
                f"field {path!r} became required",
                _sub(new.origin, "required"),
            )
        elif old.required and not new.required:
            self.schema(
                FIELD_BECAME_OPTIONAL,
                _F,
                name,
                path,
                f"field {path!r} became optional",
                _sub(new.origin, "required"),
            )
        if (old.description or "") != (new.description or ""):
            self.add(
                ChangeKind.NON_BREAKING,
                DESCRIPTION_CHANGED,
                name,
                path,
                f"description of field {path!r} changed",
                new.origin,
            )
        if old.deprecated is None and new.deprecated is not None:
            self.add(
                ChangeKind.NON_BREAKING,
                DEPRECATION_ADDED,
                name,
                path,
                f"field {path!r} deprecated",
                new.deprecated.origin,
            )
        self.privacy(event, path, old, new)
        self.type(event, path, old.type, new.type, new.origin)

    def type(self, event: Event, path: str, old: TypeSpec, new: TypeSpec, origin: Origin) -> None:
        name = event.name

        def narrowed(what: str) -> None:
            self.schema(TYPE_NARROWED, _B, name, path, f"type of {path!r} narrowed: {what}", origin)

        def widened(what: str) -> None:
            self.schema(TYPE_WIDENED, _F, name, path, f"type of {path!r} widened: {what}", origin)

        if old.kind != new.kind:
            self.schema(
                TYPE_CHANGED,
                _BOTH,
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
                self.schema(
                    TYPE_NARROWED,
                    _BOTH,
                    name,
                    path,
                    f"{label} of {path!r} changed from {before_text!r} to {after_text!r}",
                    origin,
                )
        for value in old.values:
            if value not in new.values:
                self.schema(
                    ENUM_VALUE_REMOVED,
                    _B,
                    name,
                    path,
                    f"enum value {value!r} removed from {path!r}",
                    origin,
                )
        for value in new.values:
            if value not in old.values:
                self.schema(
                    ENUM_VALUE_ADDED,
                    _F,
                    name,
                    path,
                    f"enum value {value!r} added to {path!r}",
                    origin,
                )
        if old.items is not None and new.items is not None:
            self.type(event, path + "[]", old.items, new.items, origin)
        if old.fields or new.fields:
            self.fields(event, path + ".", old.fields, new.fields)

    # -- privacy

    def privacy(self, event: Event, path: str, old: Field, new: Field) -> None:
        lost = sorted(old.sensitivity - new.sensitivity)
        if lost:
            self.add(
                ChangeKind.PRIVACY,
                SENSITIVITY_REMOVED,
                event.name,
                path,
                f"sensitivity {', '.join(lost)} removed from {path!r}",
                new.origin,
            )
        if old.type.redact == new.type.redact and old.sensitivity == new.sensitivity:
            before = after = None  # same inputs, same effective redaction
        else:
            before = effective_redaction(old, self.config)
            after = effective_redaction(new, self.config)
        if before is not None and after is not None and STRENGTH[after] < STRENGTH[before]:
            self.add(
                ChangeKind.PRIVACY,
                REDACTION_WEAKENED,
                event.name,
                path,
                f"redaction of {path!r} weakened from {before} to {after}",
                new.origin,
            )
        self.credential(event, path, old, new)

    def credential(self, event: Event, path: str, old: Field | None, new: Field) -> None:
        if "credential" in new.sensitivity and (old is None or "credential" not in old.sensitivity):
            self.add(
                ChangeKind.PRIVACY,
                CREDENTIAL_FIELD_ADDED,
                event.name,
                path,
                f"credential-tagged field {path!r} appears in the event",
                new.origin,
            )


def _file_modes(catalog: Catalog) -> dict[str, str]:
    return {f.path: f.compatibility for f in catalog.files if f.compatibility}


def _sub(origin: Origin, *parts: str | int) -> Origin:
    return Origin(origin.path, origin.pointer + parts)


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


def diff_catalogs(
    base: Catalog, head: Catalog, config: Config, *, mode: str | None = None
) -> DiffResult:
    """Every change from `base` to `head`, classified under the compatibility mode: `mode` for
    every event when given, else each BASE file's own mode, else `config.compatibility`."""
    differ = _Differ(config, mode or config.compatibility, override=mode is not None)
    differ.run(base, head)
    changes = tuple(sorted(differ.changes, key=Change.sort_key))
    return DiffResult(
        changes=changes,
        findings=tuple(_finding(c) for c in changes if c.kind is not ChangeKind.NON_BREAKING),
        mode=differ.mode,
        base_events=len(base.events),
        head_events=len(head.events),
    )


def _finding(change: Change) -> Finding:
    # Only breaking and privacy changes become findings, and each is an error whatever its
    # code's default severity: the compatibility mode, not the code, decides that it breaks.
    severity = Severity.ERROR
    if change.line:
        return Finding(
            change.path,
            change.line,
            change.column,
            change.code,
            severity,
            change.message,
            event=change.event,
            field=change.field,
        )
    return finding_at(
        change.origin,
        lookup(change.code),
        change.message,
        severity=severity,
        event=change.event,
        field_name=change.field,
        at_key=change.at_key,
    )


Position = Callable[[str, Pointer, bool], tuple[int, int]]


def locate(
    result: DiffResult,
    base_position: Position,
    head_position: Position,
    base_display: Callable[[str], str] = str,
    head_display: Callable[[str], str] = str,
) -> DiffResult:
    """Give every change its line and column, and its path as the user should see it."""
    located = []
    for change in result.changes:
        position, display = (
            (base_position, base_display) if change.in_base else (head_position, head_display)
        )
        line, column = position(change.origin.path, change.origin.pointer, change.at_key)
        origin = Origin(display(change.origin.path), change.origin.pointer)
        located.append(dataclasses.replace(change, origin=origin, line=line, column=column))
    changes = tuple(located)
    return dataclasses.replace(
        result,
        changes=changes,
        findings=tuple(_finding(c) for c in changes if c.kind is not ChangeKind.NON_BREAKING),
    )

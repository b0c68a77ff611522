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

This module ties the diff together; the comparing is in `registry.diff.events` (catalogs,
events) and `registry.diff.fields` (fields, types, privacy), the results and their
classification in `registry.diff.changes`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from registry.catalog.config import Config
from registry.catalog.model import Catalog
from registry.diff.changes import Change, ChangeKind, Changes, DiffResult
from registry.diff.events import compare_catalogs
from registry.findings import Finding, Origin, Pointer, Severity, finding_at
from registry.findings.codes import lookup


def diff_catalogs(
    base: Catalog, head: Catalog, config: Config, *, mode: str | None = None
) -> DiffResult:
    """Every change from `base` to `head`, classified under the compatibility mode: `mode` for
    every event when given, else each BASE file's own mode, else `config.compatibility`."""
    collected = Changes(config, mode or config.compatibility, override=mode is not None)
    compare_catalogs(collected, base, head)
    changes = tuple(sorted(collected.found, key=Change.sort_key))
    return DiffResult(
        changes=changes,
        findings=_findings(changes),
        mode=collected.mode,
        base_events=len(base.events),
        head_events=len(head.events),
    )


def _findings(changes: tuple[Change, ...]) -> tuple[Finding, ...]:
    return tuple(_finding(c) for c in changes if c.kind is not ChangeKind.NON_BREAKING)


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
        findings=_findings(changes),
    )

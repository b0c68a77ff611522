"""The one result type every stage produces: a located, coded finding."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # codes.py imports Severity from here
    from registry.findings.codes import Code

Pointer = tuple[str | int, ...]
"""A path to a node inside one YAML document, like a JSON Pointer split into parts."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a model node comes from: a file and a pointer into its document.

    Line and column are not stored: the loader computes them only for the files that
    have findings (see `registry.catalog.loading.locate`).
    """

    path: str
    pointer: Pointer = ()


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """A problem found in a catalog or configuration, by any stage of the pipeline.

    `line` and `column` are 1-based. A finding made by a rule carries an `origin`
    (file and pointer) and gets its line and column when it is reported.
    """

    path: str
    line: int
    column: int
    rule: str
    severity: Severity = dataclasses.field(compare=False)
    message: str = dataclasses.field(compare=False)
    event: str | None = dataclasses.field(default=None, compare=False)
    field: str | None = dataclasses.field(default=None, compare=False)
    hint: str | None = dataclasses.field(default=None, compare=False)
    pointer: Pointer | None = dataclasses.field(default=None, compare=False)
    at_key: bool = dataclasses.field(default=False, compare=False)

    @property
    def located(self) -> bool:
        return self.line > 0

    def as_record(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "event": self.event,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


def finding_at(
    origin: Origin,
    code: Code,
    message: str,
    *,
    severity: Severity | None = None,
    event: str | None = None,
    field_name: str | None = None,
    hint: str | None = None,
    at_key: bool = False,
    sub: Pointer = (),
) -> Finding:
    """A finding to be located later at `origin` (plus `sub`), on the key or the value.

    Its severity is the code's default unless the caller works out another one (`severity`).
    """
    return Finding(
        path=origin.path,
        line=0,
        column=0,
        rule=code.id,
        severity=code.severity if severity is None else severity,
        message=message,
        event=event,
        field=field_name,
        hint=hint,
        pointer=origin.pointer + sub,
        at_key=at_key,
    )


def finding_at_line(
    path: str, line: int, column: int, code: Code, message: str, *, hint: str | None = None
) -> Finding:
    """A finding whose position is already known (1-based), at the code's default severity."""
    return Finding(path, line, column, code.id, code.severity, message, hint=hint)

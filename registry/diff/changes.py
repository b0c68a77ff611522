"""What a diff produces: changes, their kinds, the result; and how a change gets its kind.

A schema change breaks readers in some directions (`BREAKS_BACKWARD`, `BREAKS_FORWARD`, both or
neither); the compatibility mode says which directions count (`MODE_DIRECTIONS`, explained in
`registry.diff.compare`). `Changes` collects the changes of one diff, classifying each under the
mode in force when it is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from registry.catalog.config import Config
from registry.catalog.model import Event
from registry.findings import Finding, Origin
from registry.findings.codes import Code

BACKWARD, FORWARD = "backward", "forward"
BREAKS_BOTH = frozenset({BACKWARD, FORWARD})
BREAKS_BACKWARD = frozenset({BACKWARD})
BREAKS_FORWARD = frozenset({FORWARD})
BREAKS_NEITHER: frozenset[str] = frozenset()
MODE_DIRECTIONS = {
    "backward": BREAKS_BACKWARD,
    "forward": BREAKS_FORWARD,
    "full": BREAKS_BOTH,
    "none": BREAKS_NEITHER,
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


class Changes:
    """The changes of one diff as they are found, with what classifies them: the configuration
    (for privacy), the mode given or configured, and the directions of the mode in force."""

    def __init__(self, config: Config, mode: str, *, override: bool = False) -> None:
        if mode not in MODE_DIRECTIONS:
            raise ValueError(f"unknown compatibility mode {mode!r}")
        self.config = config
        self.mode = mode
        self.override = override
        """`mode` was given for every event: the files' own modes do not count."""
        self.directions = MODE_DIRECTIONS[mode]
        self.found: list[Change] = []

    def use_mode_of(self, event: Event, modes: dict[str, str]) -> None:
        """Classify the next changes under the mode of the file that holds `event`."""
        mode = self.mode if self.override else modes.get(event.origin.path, self.mode)
        self.directions = MODE_DIRECTIONS.get(mode, self.directions)

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
        """A change that breaks readers in `directions`: breaking if the mode counts one."""
        kind = ChangeKind.BREAKING if directions & self.directions else ChangeKind.NON_BREAKING
        self.add(kind, code, event, field, message, origin, in_base=in_base)

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
        """A change of `kind` whatever the mode."""
        self.found.append(Change(kind, code.id, event, field, message, origin, in_base))

    def breaking_since(self, start: int) -> bool:
        """Whether a change recorded after the first `start` ones is breaking."""
        return any(c.kind is ChangeKind.BREAKING for c in self.found[start:])


def sub(origin: Origin, *parts: str | int) -> Origin:
    """`origin` with `parts` appended to its pointer: a key inside the node."""
    return Origin(origin.path, origin.pointer + parts)

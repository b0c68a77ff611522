"""Counts per event and version, and the coverage summary: declared and never seen, seen and
not declared. Memory is bounded: at most `MAX_UNDECLARED` undeclared names are kept by name,
the rest are counted together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

MAX_UNDECLARED: Final = 1000


@dataclass(frozen=True, slots=True)
class EventCount:
    event: str
    declared: bool
    total: int
    deprecated: bool
    versions: tuple[tuple[str, int], ...]
    """(version as text, records); a version that is not an integer counts as "?"."""


@dataclass(frozen=True, slots=True)
class CoverageSummary:
    declared: int
    seen: tuple[EventCount, ...]
    declared_never_seen: tuple[str, ...]
    seen_not_declared: tuple[str, ...]
    other_undeclared_records: int
    """Records of undeclared events beyond the first `MAX_UNDECLARED` names."""
    seen_deprecated: tuple[str, ...] = ()
    """Declared events marked deprecated that still appear in the stream."""


class Coverage:
    __slots__ = ("_counts", "_declared", "_deprecated", "_other", "_undeclared")

    def __init__(self, declared: tuple[str, ...], deprecated: tuple[str, ...] = ()) -> None:
        self._declared = frozenset(declared)
        self._deprecated = frozenset(deprecated)
        self._counts: dict[str, dict[object, int]] = {}
        self._undeclared = 0
        self._other = 0

    def add(self, event: str, version: object, records: int = 1) -> None:
        versions = self._counts.get(event)
        if versions is None:
            if event not in self._declared:
                if self._undeclared >= MAX_UNDECLARED:
                    self._other += records
                    return
                self._undeclared += 1
            versions = self._counts[event] = {}
        key = version if type(version) is int else "?"
        versions[key] = versions.get(key, 0) + records

    def summary(self) -> CoverageSummary:
        seen = tuple(
            EventCount(
                name,
                name in self._declared,
                sum(versions.values()),
                name in self._deprecated,
                tuple((str(v), n) for v, n in sorted(versions.items(), key=lambda i: str(i[0]))),
            )
            for name, versions in sorted(self._counts.items())
        )
        return CoverageSummary(
            declared=len(self._declared),
            seen=seen,
            declared_never_seen=tuple(sorted(self._declared - self._counts.keys())),
            seen_not_declared=tuple(c.event for c in seen if not c.declared),
            other_undeclared_records=self._other,
            seen_deprecated=tuple(c.event for c in seen if c.deprecated),
        )

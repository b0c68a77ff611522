"""Give findings their line and column, composing only the files that have findings.

A file's own text is searched first (`textpos`): that finds the position the composed source
map would give without composing, and answers None when unsure; the file is composed then.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from registry.catalog.loading.compose import Composed, Limits, compose
from registry.catalog.loading.source import SourceFile
from registry.findings import Finding, Pointer

if TYPE_CHECKING:
    from registry.catalog.loading.textpos import TextIndex

CACHED_FILES = 4
"""Files whose source map or text index is kept after use (built again when needed later):
each holds the file's whole text and more, so keeping every file's would hold a large
catalog's text again (issue 14). Findings are located one file at a time (`locate`)."""


class Locator:
    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self._sources: dict[str, SourceFile] = {}
        self._parsed: dict[str, Composed] = {}
        """Source maps of the files the composer parsed (kept: they cost nothing more)."""
        self._maps: dict[str, Composed] = {}
        self._texts: dict[str, TextIndex] = {}

    def add(self, source: SourceFile, composed: Composed | None) -> None:
        self._sources[source.path] = source
        if composed is not None:
            self._parsed[source.path] = composed

    def sources(self) -> list[SourceFile]:
        return list(self._sources.values())

    def source(self, path: str) -> SourceFile | None:
        return self._sources.get(path)

    def map_for(self, path: str) -> Composed | None:
        composed = self._parsed.get(path) or self._maps.get(path)
        if composed is None:
            source = self._sources.get(path)
            if source is None:
                return None
            composed = _cache(self._maps, path, compose(source.text, path, self._limits))
        return composed

    def position(self, path: str, pointer: Pointer, at_key: bool = False) -> tuple[int, int]:
        """Line and column of the node at `pointer`, or of its nearest ancestor present."""
        if path not in self._parsed and path not in self._maps:
            found = self._text_position(path, pointer, at_key)
            if found is not None:
                return found
        composed = self.map_for(path)
        if composed is None:
            return 1, 1
        spans = composed.spans
        probe = pointer
        while probe and probe not in spans:
            probe = probe[:-1]
        span = spans.get(probe)
        if span is None:
            return 1, 1
        if at_key or probe != pointer:
            return span[0], span[1]
        return span[2], span[3]

    def _text_position(self, path: str, pointer: Pointer, at_key: bool) -> tuple[int, int] | None:
        index = self._texts.get(path)
        if index is None:
            source = self._sources.get(path)
            if source is None:
                return None
            from registry.catalog.loading.textpos import TextIndex  # its expressions: ~30 ms

            index = _cache(self._texts, path, TextIndex(source.text))
        return index.position(pointer, at_key)

    def raw_text(self, path: str, pointer: Pointer) -> str | None:
        """The source text of a plain scalar that YAML did not read as a string."""
        composed = self.map_for(path)
        return None if composed is None else composed.raw.get(pointer)

    def locate(self, findings: Iterable[Finding]) -> list[Finding]:
        """`findings` in the same order, each with its line and column. The files are taken
        one at a time, so that no more than `CACHED_FILES` texts are inflated at once."""
        located = list(findings)
        by_file: dict[str, list[int]] = {}
        for index, finding in enumerate(located):
            if finding.located:
                continue
            if finding.pointer is None:
                located[index] = dataclasses.replace(finding, line=1, column=1)
            else:
                by_file.setdefault(finding.path, []).append(index)
        for path, indices in by_file.items():
            for index in indices:
                finding = located[index]
                assert finding.pointer is not None
                line, column = self.position(path, finding.pointer, finding.at_key)
                located[index] = dataclasses.replace(finding, line=line, column=column)
        return located


Cached = TypeVar("Cached")


def _cache(cache: dict[str, Cached], path: str, value: Cached) -> Cached:
    """Keep `value` as `path`'s, letting the oldest entry go beyond `CACHED_FILES`."""
    cache[path] = value
    if len(cache) > CACHED_FILES:
        del cache[next(iter(cache))]
    return value

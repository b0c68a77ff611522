"""Give findings their line and column, composing only the files that have findings.

A file's own text is searched first (`textpos`): that finds the position the composed source
map would give without composing, and answers None when unsure; the file is composed then.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from registry.catalog.loading.compose import Composed, Limits, compose
from registry.catalog.loading.source import SourceFile
from registry.catalog.loading.textpos import TextIndex
from registry.findings import Finding, Pointer


class Locator:
    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self._sources: dict[str, SourceFile] = {}
        self._maps: dict[str, Composed] = {}
        self._texts: dict[str, TextIndex] = {}

    def add(self, source: SourceFile, composed: Composed | None) -> None:
        self._sources[source.path] = source
        if composed is not None:
            self._maps[source.path] = composed

    def sources(self) -> list[SourceFile]:
        return list(self._sources.values())

    def source(self, path: str) -> SourceFile | None:
        return self._sources.get(path)

    def map_for(self, path: str) -> Composed | None:
        if path not in self._maps:
            source = self._sources.get(path)
            if source is None:
                return None
            self._maps[path] = compose(source.text, path, self._limits)
        return self._maps[path]

    def position(self, path: str, pointer: Pointer, at_key: bool = False) -> tuple[int, int]:
        """Line and column of the node at `pointer`, or of its nearest ancestor present."""
        if path not in self._maps:
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
            index = self._texts[path] = TextIndex(source.text)
        return index.position(pointer, at_key)

    def raw_text(self, path: str, pointer: Pointer) -> str | None:
        """The source text of a plain scalar that YAML did not read as a string."""
        composed = self.map_for(path)
        return None if composed is None else composed.raw.get(pointer)

    def locate(self, findings: Iterable[Finding]) -> list[Finding]:
        located = []
        for finding in findings:
            if finding.located or finding.pointer is None:
                located.append(
                    finding if finding.located else dataclasses.replace(finding, line=1, column=1)
                )
                continue
            line, column = self.position(finding.path, finding.pointer, finding.at_key)
            located.append(dataclasses.replace(finding, line=line, column=column))
        return located

"""Loading: discover files, read them safely, parse them, and locate findings on demand."""

from __future__ import annotations

import marshal
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from registry.catalog.loading.compose import Limits
from registry.catalog.loading.discover import discover
from registry.catalog.loading.locate import Locator
from registry.catalog.loading.parsers import Parser, make_parser
from registry.catalog.loading.source import SourceFile, read_source
from registry.findings import Finding

__all__ = ["Document", "Limits", "LoadResult", "Locator", "load_documents", "load_file"]


@dataclass(frozen=True, slots=True)
class Document:
    source: SourceFile
    data: Any
    packed: bytes | None = None
    """The whole document, packed with marshal, when the loader set its events aside
    (`data` then holds everything but `events`; see `load_documents`'s `check`)."""

    def events(self) -> Any:
        """The document's `events` node (unpacked anew from `packed` when set aside)."""
        if self.packed is not None:
            return marshal.loads(self.packed).get("events")
        return self.data.get("events") if isinstance(self.data, dict) else None


@dataclass(frozen=True, slots=True)
class LoadResult:
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    locator: Locator
    files: int
    clean: Mapping[str, Any] = field(default_factory=dict)
    """The data of every file that parsed without findings, by its text (for `known`)."""


def load_file(
    path: str, display: str, parser: Parser, limits: Limits, locator: Locator
) -> tuple[Document | None, list[Finding]]:
    from pathlib import Path

    source = read_source(Path(path), display, limits)
    if isinstance(source, Finding):
        return None, [source]
    return _parse(source, parser, limits, locator)


def _parse(
    source: SourceFile, parser: Parser, limits: Limits, locator: Locator
) -> tuple[Document | None, list[Finding]]:
    parsed = parser.parse(source, limits)
    locator.add(source, parsed.composed)
    if parsed.findings and parsed.data is None:
        return None, parsed.findings
    if parsed.numbers:  # a float or a huge integer: one the catalog may not mean (S008)
        from registry.catalog.loading.numbers import number_findings

        path = source.path
        found = number_findings(parsed.data, path, lambda p: locator.raw_text(path, p))
        return Document(source, parsed.data), [*parsed.findings, *found]
    return Document(source, parsed.data), parsed.findings


PARALLEL_MIN_BYTES = 4_000_000
"""Below this much catalog text, parsing in one process is about as fast as forking."""


def load_documents(
    paths: tuple[str, ...],
    *,
    parser: Parser | None = None,
    limits: Limits | None = None,
    known: Mapping[str, Any] | None = None,
    keep_clean: bool = True,
    check: Callable[[Document, Locator], list[Finding]] | None = None,
) -> LoadResult:
    """Read every catalog file under `paths`; never raises for bad input.

    `known`: data already parsed cleanly, by file text (another version's `clean`); a file
    with that exact text takes it instead of being parsed again. `keep_clean=False` leaves
    `LoadResult.clean` empty (the texts, kept compressed, are then never inflated for it).

    `check`: findings of each document as soon as it is parsed (the schema check); its
    events are then set aside, packed (`Document.packed`, a fifth of their size in objects),
    before the next file is parsed, so that a large catalog's parsed documents are never all
    in memory at once (issue 14). Used only without `known` and `keep_clean`.
    """
    limits = limits or Limits()
    parser = parser or make_parser()
    known = known or {}
    locator = Locator(limits)
    discovered = discover(paths)
    documents: list[Document] = []
    findings: list[Finding] = list(discovered.findings)
    clean: dict[str, Any] = {}
    sources = [read_source(fs_path, display, limits) for fs_path, display in discovered.files]
    files = [s for s in sources if isinstance(s, SourceFile)]
    texts = {s.path: s.text for s in files} if known or keep_clean else {}
    unknown = [s for s in files if texts.get(s.path) not in known]
    parsed_early = _parse_in_two(unknown, parser, limits) if _worth_forking(unknown) else {}
    set_aside = check is not None and not known and not keep_clean
    for source in sources:
        if isinstance(source, Finding):
            findings.append(source)
            continue
        text = texts.pop(source.path, None)
        data = known.get(text) if text is not None else None
        packed = parsed_early.pop(source.path, None)
        if data is None and packed is not None:
            data = marshal.loads(packed)
        if data is not None:
            locator.add(source, None)
            document = Document(source, data)
            if set_aside:
                assert check is not None
                findings.extend(check(document, locator))
                document = _set_aside(document, packed)
            documents.append(document)
            if text is not None and keep_clean:
                clean[text] = data
            continue
        parsed, problems = _parse(source, parser, limits, locator)
        findings.extend(problems)
        if parsed is not None:
            if set_aside:
                assert check is not None
                findings.extend(check(parsed, locator))
                parsed = _set_aside(parsed, None)
            documents.append(parsed)
            if not problems and text is not None and keep_clean:
                clean[text] = parsed.data
    return LoadResult(tuple(documents), tuple(findings), locator, len(discovered.files), clean)


def _set_aside(document: Document, packed: bytes | None) -> Document:
    """`document` with its events packed (`packed`: the document already packed)."""
    data = document.data
    if not isinstance(data, dict) or "events" not in data:
        return document
    if packed is None:
        try:
            packed = marshal.dumps(data)
        except ValueError:  # not plain data (cannot happen with the parsers): kept as it is
            return document
    rest = {key: value for key, value in data.items() if key != "events"}
    return Document(document.source, rest, packed)


def _worth_forking(sources: list[SourceFile]) -> bool:
    from registry.catalog.forking import fork_allowed

    return len(sources) > 1 and fork_allowed() and sum(map(_size, sources)) >= PARALLEL_MIN_BYTES


def _size(source: SourceFile) -> int:
    return source.size


def _parse_in_two(sources: list[SourceFile], parser: Parser, limits: Limits) -> dict[str, bytes]:
    """Data of the files that parsed cleanly with the fast parser, parsed on two cores, each
    file's packed with marshal (unpacked one at a time: see `load_documents`).

    The rest (findings, or read by the composer, whose source map stays here) are left
    out, to be parsed again in this process as usual."""
    from registry.catalog.forking import map_in_two

    def clean_parse(source: SourceFile) -> bytes | None:
        parsed = parser.parse(source, limits)
        odd = parsed.findings or parsed.composed is not None or parsed.numbers
        if odd:
            return None
        try:
            return marshal.dumps(parsed.data)
        except ValueError:  # not plain data (cannot happen with the parsers): parsed here
            return None

    def dumps(results: list[Any]) -> bytes:
        return marshal.dumps(results)  # plain data only; ValueError otherwise (then: here)

    parsed = map_in_two(clean_parse, sources, dumps=dumps, loads=marshal.loads)
    return {s.path: data for s, data in zip(sources, parsed, strict=True) if data is not None}

"""Loading: discover files, read them safely, parse them, and locate findings on demand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from registry.findings import Finding
from registry.loading.compose import Limits
from registry.loading.discover import discover
from registry.loading.locate import Locator
from registry.loading.parsers import Parser, make_parser
from registry.loading.source import SourceFile, read_source

__all__ = ["Document", "Limits", "LoadResult", "Locator", "load_documents", "load_file"]


@dataclass(frozen=True, slots=True)
class Document:
    source: SourceFile
    data: Any


@dataclass(frozen=True, slots=True)
class LoadResult:
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    locator: Locator
    files: int


def load_file(
    path: str, display: str, parser: Parser, limits: Limits, locator: Locator
) -> tuple[Document | None, list[Finding]]:
    from pathlib import Path

    source = read_source(Path(path), display, limits)
    if isinstance(source, Finding):
        return None, [source]
    parsed = parser.parse(source, limits)
    locator.add(source, parsed.composed)
    if parsed.findings and parsed.data is None:
        return None, parsed.findings
    return Document(source, parsed.data), parsed.findings


def load_documents(
    paths: tuple[str, ...], *, parser: Parser | None = None, limits: Limits | None = None
) -> LoadResult:
    """Read every catalog file under `paths`; never raises for bad input."""
    limits = limits or Limits()
    parser = parser or make_parser()
    locator = Locator(limits)
    discovered = discover(paths)
    documents: list[Document] = []
    findings: list[Finding] = list(discovered.findings)
    for fs_path, display in discovered.files:
        document, problems = load_file(str(fs_path), display, parser, limits, locator)
        findings.extend(problems)
        if document is not None:
            documents.append(document)
    return LoadResult(tuple(documents), tuple(findings), locator, len(discovered.files))

"""Run a generator on catalogs: load, refuse structurally broken input, render, write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from registry.config import Config
from registry.engine import LintResult, lint
from registry.findings import Finding, Severity
from registry.generate.writer import WriteResult, content_hash, write

TARGETS = ("python", "jsonschema", "markdown", "html")
BLOCKING = ("Y", "S", "R")
"""Findings of these families make generated output meaningless; other rules do not."""


@dataclass(frozen=True, slots=True)
class GenerateResult:
    blocking: tuple[Finding, ...]
    written: WriteResult | None
    lint: LintResult


def renderer(target: str) -> Callable[..., dict[str, str]]:
    if target == "python":
        from registry.generate.python import render as render_python

        return render_python
    if target == "markdown":
        from registry.generate.markdown_target import render as render_markdown

        return render_markdown
    if target == "html":
        from registry.generate.html_target import render as render_html

        return render_html
    from registry.generate.jsonschema_target import render as render_schema

    return render_schema


def generate(
    target: str,
    paths: tuple[str, ...],
    config: Config,
    out: Path,
    *,
    check: bool = False,
    package: str | None = None,
) -> GenerateResult:
    result = lint(paths, config, select=BLOCKING)
    blocking = tuple(f for f in result.findings if f.severity is Severity.ERROR)
    if blocking:
        return GenerateResult(blocking, None, result)
    digest = content_hash(result.source_texts)
    if target == "python":
        from registry.generate.python import DEFAULT_PACKAGE
        from registry.generate.python import render as render_python

        package = package or DEFAULT_PACKAGE
        files = render_python(result.catalog, config, digest, package)
        return GenerateResult((), write(files, out, check=check, scope=package), result)
    files = renderer(target)(result.catalog, config, digest)
    return GenerateResult((), write(files, out, check=check), result)

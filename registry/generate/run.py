"""Run a generator on catalogs: load, refuse structurally broken input, render, write."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from registry.catalog.config import Config
from registry.findings import Finding, Severity
from registry.generate.changelog import Changes, changes_against
from registry.generate.writer import WriteResult, content_hash, write
from registry.lint.engine import LintResult, lint

_RENDERERS = {
    "python": "registry.generate.python_target",
    "jsonschema": "registry.generate.jsonschema_target",
    "markdown": "registry.generate.markdown_target",
    "html": "registry.generate.html_target",
}
DOCS_TARGETS = ("markdown", "html")
BLOCKING = ("Y", "S", "R")
"""Findings of these families make generated output meaningless; other rules do not."""


@dataclass(frozen=True, slots=True)
class GenerateResult:
    blocking: tuple[Finding, ...]
    written: WriteResult | None
    lint: LintResult


def blocking_findings(result: LintResult) -> tuple[Finding, ...]:
    return tuple(
        f for f in result.findings if f.severity is Severity.ERROR and f.rule.startswith(BLOCKING)
    )


def render_target(
    target: str,
    result: LintResult,
    config: Config,
    out: Path,
    *,
    check: bool = False,
    package: str | None = None,
    changes: Changes | None = None,
) -> WriteResult:
    """Render `target` from an already loaded catalog and write (or check) its files;
    `changes` give the docs targets their changelog."""
    module = importlib.import_module(_RENDERERS[target])
    digest = content_hash(result.source_texts)
    if target == "python":
        package = package or module.DEFAULT_PACKAGE
        files = module.render(result.catalog, config, digest, package)
        return write(files, out, check=check, scope=package)
    if target in DOCS_TARGETS:
        return write(module.render(result.catalog, config, digest, changes), out, check=check)
    return write(module.render(result.catalog, config, digest), out, check=check)


def generate(
    target: str,
    paths: tuple[str, ...],
    config: Config,
    out: Path,
    *,
    check: bool = False,
    package: str | None = None,
    changelog_against: str | None = None,
) -> GenerateResult:
    result = lint(paths, config, select=BLOCKING)
    blocking = blocking_findings(result)
    if blocking:
        return GenerateResult(blocking, None, result)
    changes = None
    if changelog_against is not None and target in DOCS_TARGETS:
        changes = changes_against(changelog_against, paths, result.catalog, config)
    written = render_target(
        target, result, config, out, check=check, package=package, changes=changes
    )
    return GenerateResult((), written, result)

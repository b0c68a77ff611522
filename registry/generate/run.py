"""Run a generator on catalogs: load, refuse structurally broken input, render, write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from registry.catalog.config import Config
from registry.catalog.model import Catalog
from registry.findings import Finding, Severity
from registry.generate.writer import (
    NOTHING_SETTLED,
    Settle,
    Settled,
    WriteResult,
    content_hash,
    settle,
    write,
)
from registry.lint.engine import LintResult, lint

if TYPE_CHECKING:  # the docs' modules import much: only the docs targets load them
    from registry.generate.changelog import Changes
    from registry.generate.docs_model import DocsView
    from registry.generate.packs.manifest import Pack
    from registry.generate.packs.model import PackView

DOCS_TARGETS = ("markdown", "html")
BLOCKING = ("Y", "S", "R")
"""Findings of these families make generated output meaningless; other rules do not."""


@dataclass(frozen=True, slots=True)
class GenerateResult:
    blocking: tuple[Finding, ...]
    written: WriteResult | None
    lint: LintResult


@dataclass(slots=True)
class Inputs:
    """What targets render from: the resolved catalog and the options some targets take. One
    object serves every target of a build, so the sources are hashed once and the docs' view
    (Markdown and HTML render from the same one) is built once."""

    catalog: Catalog
    config: Config
    content_hash: str
    package: str | None = None
    """The python target's package name (its default when None)."""
    changes: Changes | None = None
    """The docs targets' changelog, when asked for."""
    dialect: str | None = None
    """The sql target's dialect (its default when None)."""
    pack: Pack | None = None
    """The template pack the `templates` target renders."""
    _docs: DocsView | None = None

    @classmethod
    def of(
        cls,
        result: LintResult,
        config: Config,
        package: str | None,
        changes: Changes | None,
        dialect: str | None = None,
        pack: Pack | None = None,
    ) -> Inputs:
        return cls(
            result.catalog,
            config,
            content_hash(source.digest for source in result.sources),
            package,
            changes,
            dialect,
            pack,
        )

    def docs(self) -> DocsView:
        if self._docs is None:
            from registry.generate.docs_model import docs_view

            self._docs = docs_view(self.catalog, self.config, self.content_hash)
        return self._docs

    def view(self) -> PackView:
        """The view model template packs see (built from the docs' view)."""
        from registry.generate.packs.model import pack_view

        return pack_view(self.docs(), self.content_hash)


@dataclass(frozen=True, slots=True)
class _Rendered:
    files: dict[str, str]
    """Relative path -> file text."""
    scope: str | None = None
    """The subdirectory that holds everything the target writes (see `writer.write`)."""
    confined: bool = False
    """Refuse to write through a link in `out` that leads elsewhere (paths come from a
    pack's manifest, not from the tool)."""
    settled: Settled = NOTHING_SETTLED
    """Files the target settled itself as it made them (see `writer.settle`)."""


def _python(inputs: Inputs, settle: Settle) -> _Rendered:
    from registry.generate import python_target

    package = inputs.package or python_target.DEFAULT_PACKAGE
    files, settled = python_target.render(
        inputs.catalog, inputs.config, inputs.content_hash, settle, package
    )
    return _Rendered(files, scope=package, settled=settled)


def _jsonschema(inputs: Inputs, _settle: Settle) -> _Rendered:
    from registry.generate import jsonschema_target

    return _Rendered(jsonschema_target.render(inputs.catalog, inputs.config, inputs.content_hash))


def _markdown(inputs: Inputs, _settle: Settle) -> _Rendered:
    from registry.generate import markdown_target
    from registry.generate.changelog import changelog_view

    view = inputs.docs()
    return _Rendered(markdown_target.render_view(view, changelog_view(inputs.changes, view)))


def _html(inputs: Inputs, _settle: Settle) -> _Rendered:
    from registry.generate import html_target
    from registry.generate.changelog import changelog_view

    view = inputs.docs()
    return _Rendered(html_target.render_view(view, changelog_view(inputs.changes, view)))


def _typescript(inputs: Inputs, _settle: Settle) -> _Rendered:
    from registry.generate import typescript_target

    package = inputs.package or typescript_target.DEFAULT_PACKAGE
    files = typescript_target.render(inputs.catalog, inputs.config, inputs.content_hash, package)
    return _Rendered(files, scope=typescript_target.scope(package))


def _sql(inputs: Inputs, _settle: Settle) -> _Rendered:
    from registry.generate import sql_target

    dialect = inputs.dialect or sql_target.DEFAULT_DIALECT
    return _Rendered(sql_target.render(inputs.catalog, inputs.config, inputs.content_hash, dialect))


def _templates(inputs: Inputs, _settle: Settle) -> _Rendered:
    from registry.generate.packs.render import render_pack

    assert inputs.pack is not None, "the templates target renders a pack"
    return _Rendered(render_pack(inputs.pack, inputs.view()), confined=True)


_RENDERERS: dict[str, Callable[[Inputs, Settle], _Rendered]] = {
    "python": _python,
    "typescript": _typescript,
    "jsonschema": _jsonschema,
    "markdown": _markdown,
    "html": _html,
    "sql": _sql,
    "templates": _templates,
}
"""Every target by name. Each function imports its target module when it runs, so that a run
loads only the target it renders (and `registry` starts without any of them). A target that
writes files as it makes them (python) does so through the `Settle` it is given."""


def lint_blocking(paths: tuple[str, ...], config: Config) -> LintResult:
    """The lint every generator runs first: the rules of the `BLOCKING` families only. Parse
    and rules share a large catalog with a forked child as `lint` does: in one process it cost
    the same CPU and 10% more wall-clock time on 10,000 events (bench/bench_generate.py)."""
    return lint(paths, config, select=BLOCKING)


def blocking_findings(result: LintResult) -> tuple[Finding, ...]:
    return tuple(
        f for f in result.findings if f.severity is Severity.ERROR and f.rule.startswith(BLOCKING)
    )


def render_target(target: str, inputs: Inputs, out: Path, *, check: bool = False) -> WriteResult:
    """Render `target` from an already loaded catalog and write (or check) its files."""
    rendered = _RENDERERS[target](inputs, partial(settle, out=out, check=check))
    if rendered.confined:
        from registry.generate.packs.render import refuse_outside

        refuse_outside(out, rendered.files)
    return write(rendered.files, out, check=check, scope=rendered.scope, settled=rendered.settled)


def generate(
    target: str,
    paths: tuple[str, ...],
    config: Config,
    out: Path,
    *,
    check: bool = False,
    package: str | None = None,
    changelog_against: str | None = None,
    dialect: str | None = None,
    pack: Pack | None = None,
) -> GenerateResult:
    result = lint_blocking(paths, config)
    blocking = blocking_findings(result)
    if blocking:
        return GenerateResult(blocking, None, result)
    changes = None
    if changelog_against is not None and target in DOCS_TARGETS:
        from registry.generate.changelog import changes_against

        changes = changes_against(changelog_against, paths, result.catalog, config)
    inputs = Inputs.of(result, config, package, changes, dialect, pack)
    written = render_target(target, inputs, out, check=check)
    return GenerateResult((), written, result)

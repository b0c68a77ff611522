"""The lint pipeline: load, validate, resolve, run rules, select, locate."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registry.config import Config
from registry.findings import Finding, Severity
from registry.loading import Document, Locator, load_documents, load_file
from registry.loading.parsers import make_parser
from registry.model import Catalog
from registry.resolve import BUILTIN_PREFIX, include_target, resolve
from registry.run_rules import run_rules
from registry.selection import Selector, apply
from registry.validate import catalog_checker


@dataclass(frozen=True, slots=True)
class LintResult:
    findings: tuple[Finding, ...]
    files: int
    events: int
    catalog: Catalog
    strict: bool = False
    source_texts: tuple[str, ...] = ()
    """Text of every catalog file read, includes too (generators hash it)."""
    source_paths: tuple[Path, ...] = ()
    """Where each of `source_texts` was read from (the lint cache hashes the includes)."""

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 clean, 1 findings at the failing severity (errors; warnings too when strict)."""
        if self.errors or (self.strict and self.warnings):
            return 1
        return 0


@dataclass(frozen=True, slots=True)
class Loaded:
    """A resolved catalog with the findings of loading, validating and resolving it."""

    catalog: Catalog
    findings: tuple[Finding, ...]
    locator: Locator
    files: int
    clean: Mapping[str, Any] = field(default_factory=dict)
    """The data of every file that parsed and validated without findings, by its text."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a catalog is built and checked.

    Loading allocates millions of small dicts, tuples and frozen dataclasses that stay
    alive; each automatic collection then walks the whole heap again, which cost 40% of a
    10,000-event lint (see bench/results.md). The model holds no reference cycles, so
    nothing is left for the collector; it is resumed (as it was) when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_catalog(
    paths: tuple[str, ...], config: Config, *, reuse_from: Loaded | None = None
) -> Loaded:
    """Load, validate and resolve the catalogs under `paths` (no lint rules).

    `reuse_from`: another version of these catalogs, already loaded; its events are reused for
    files with identical text (`registry diff` loads BASE this way, after HEAD).
    """
    with collector_paused():
        return _load_catalog(paths, config, reuse_from)


def _load_catalog(paths: tuple[str, ...], config: Config, reuse_from: Loaded | None) -> Loaded:
    parser = make_parser(config.parser)
    known = reuse_from.clean if reuse_from is not None else None
    loaded = load_documents(paths, parser=parser, limits=config.limits, known=known)
    locator = loaded.locator
    checker = catalog_checker()
    findings = list(loaded.findings)
    clean = dict(loaded.clean)

    def schema_check(document: Document) -> list[Finding]:
        path = document.source.path
        return checker.check(document.data, path, lambda p: locator.raw_text(path, p))

    for document in loaded.documents:
        text = document.source.text
        if known is not None and known.get(text) is document.data:
            continue  # the other version validated this very data
        problems = schema_check(document)
        if problems:
            findings.extend(problems)
            clean.pop(text, None)

    def fetch(ref: str, includer: Document) -> tuple[Document | None, list[Finding]]:
        target = include_target(ref, includer)
        display = ref if ref.startswith(BUILTIN_PREFIX) else _display(target)
        if not target.is_file():
            return None, []
        document, problems = load_file(str(target), display, parser, config.limits, locator)
        if document is not None:
            problems = [*problems, *schema_check(document)]
        return document, problems

    if reuse_from is not None:
        from registry.reuse import IdenticalFiles

        texts = {s.path: s.text for s in reuse_from.locator.sources()}
        offer = IdenticalFiles(reuse_from.catalog, texts)
        catalog, resolve_findings = resolve(
            loaded.documents, config, fetch, locator.position, offer.events_for
        )
        if offer.reused and not offer.accepts(catalog):  # a named type changed
            catalog, resolve_findings = resolve(loaded.documents, config, fetch, locator.position)
    else:
        catalog, resolve_findings = resolve(loaded.documents, config, fetch, locator.position)
    findings.extend(resolve_findings)
    return Loaded(catalog, tuple(findings), locator, loaded.files, clean)


def lint(
    paths: tuple[str, ...],
    config: Config,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    strict: bool | None = None,
) -> LintResult:
    with collector_paused():
        return _lint(paths, config, select, ignore, strict)


def _lint(
    paths: tuple[str, ...],
    config: Config,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool | None,
) -> LintResult:
    loaded = load_catalog(paths, config)
    catalog = loaded.catalog
    selector = Selector(config, select, ignore)
    findings = list(loaded.findings)
    findings.extend(run_rules(catalog, config, selector))
    builtin = {f.path for f in catalog.files if f.builtin}
    reported = [f for f in apply(findings, catalog, selector) if f.path not in builtin]
    located = sorted(loaded.locator.locate(reported))
    return LintResult(
        findings=tuple(located),
        files=loaded.files,
        events=sum(1 for e in catalog.events if e.origin.path not in builtin),
        catalog=catalog,
        strict=config.strict if strict is None else strict,
        source_texts=tuple(source.text for source in loaded.locator.sources()),
        source_paths=tuple(source.fs_path for source in loaded.locator.sources()),
    )


_UNCACHEABLE = frozenset({"R005", "Y012"})
"""Findings about files that are missing or unreadable (see `lint_cached`)."""


def lint_cached(
    paths: tuple[str, ...],
    config: Config,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    strict: bool | None = None,
) -> LintResult:
    """`lint`, answered from the content-hash cache (registry.cache) when nothing it
    depends on changed. A result from the cache has the findings, counts and exit code of
    the run that stored it, but no catalog or source texts."""
    from registry.cache import CachedLint, LintCache, cache_directory

    cache = LintCache(cache_directory(config))
    key = cache.key(paths, config, select, ignore, strict)
    hit = cache.load(key) if key is not None else None
    if hit is not None:
        return LintResult(
            findings=hit.findings,
            files=hit.files,
            events=hit.events,
            catalog=Catalog((), (), ()),
            strict=config.strict if strict is None else strict,
        )
    result = lint(paths, config, select=select, ignore=ignore, strict=strict)
    # Stored only when no file changed while lint read it (the key is taken again), and not
    # when a file could not be read or an include was missing: creating or unlocking that
    # file later changes no hashed byte.
    unreadable = any(f.rule in _UNCACHEABLE for f in result.findings)
    if (
        key is not None
        and not unreadable
        and key == cache.key(paths, config, select, ignore, strict)
    ):
        found = {Path(p).resolve() for p in _found_files(paths)}
        includes = [p for p in result.source_paths if p.resolve() not in found]
        cache.store(key, CachedLint(result.findings, result.files, result.events), includes)
    return result


def _found_files(paths: tuple[str, ...]) -> list[Path]:
    from registry.loading.discover import discover

    return [fs_path for fs_path, _ in discover(paths).files]


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)

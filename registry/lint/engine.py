"""The lint pipeline: load, validate, resolve, run rules, select, locate."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from registry.catalog.config import Config
from registry.catalog.heap import give_back
from registry.catalog.load import collector_paused, load_catalog
from registry.catalog.loading.reads import recording
from registry.catalog.loading.source import SourceFile
from registry.catalog.model import Catalog
from registry.findings import Finding, Severity
from registry.findings.codes import MISSING_INCLUDE, UNREADABLE
from registry.lint.run_rules import PARALLEL_MIN_FIELDS, run_rules
from registry.lint.selection import Selector, apply


@dataclass(frozen=True, slots=True)
class LintResult:
    findings: tuple[Finding, ...]
    files: int
    events: int
    catalog: Catalog
    strict: bool = False
    sources: tuple[SourceFile, ...] = ()
    """Every catalog file read, includes too, with its text kept compressed."""
    files_read: tuple[Path, ...] = ()
    """Other files the run read (a rule's option files, noted by `note_read`): the lint
    cache hashes them too."""

    @property
    def source_paths(self) -> tuple[Path, ...]:
        """Where each source was read from (the lint cache hashes the includes)."""
        return tuple(source.fs_path for source in self.sources)

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


def lint(
    paths: tuple[str, ...],
    config: Config,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    strict: bool | None = None,
) -> LintResult:
    with collector_paused(), recording() as read:
        result = _lint(paths, config, select, ignore, strict)
    return replace(result, files_read=tuple(dict.fromkeys(read)))


def _lint(
    paths: tuple[str, ...],
    config: Config,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool | None,
) -> LintResult:
    loaded = load_catalog(paths, config, keep_clean=False)
    catalog = loaded.catalog
    if len(catalog.field_uses) >= PARALLEL_MIN_FIELDS:  # large: before the rules' fork
        give_back()
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
        sources=tuple(loaded.locator.sources()),
    )


_UNCACHEABLE = frozenset({MISSING_INCLUDE.id, UNREADABLE.id})
"""Findings about files that are missing or unreadable (see `lint_cached`)."""


def lint_cached(
    paths: tuple[str, ...],
    config: Config,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    strict: bool | None = None,
) -> LintResult:
    """`lint`, answered from the content-hash cache (registry.lint.cache) when nothing it
    depends on changed. A result from the cache has the findings, counts and exit code of
    the run that stored it, but no catalog or source texts."""
    from registry.lint.cache import CachedLint, LintCache, cache_directory

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
    # file later changes no hashed byte. Files read beyond the catalogs (`files_read`) are
    # stored like includes: a hit needs them unchanged (and all of them readable).
    unreadable = any(f.rule in _UNCACHEABLE for f in result.findings)
    if (
        key is not None
        and not unreadable
        and key == cache.key(paths, config, select, ignore, strict)
    ):
        found = {Path(p).resolve() for p in _found_files(paths)}
        includes = [p for p in result.source_paths if p.resolve() not in found]
        includes.extend(result.files_read)
        cache.store(key, CachedLint(result.findings, result.files, result.events), includes)
    return result


def _found_files(paths: tuple[str, ...]) -> list[Path]:
    from registry.catalog.loading.discover import discover

    return [fs_path for fs_path, _ in discover(paths).files]

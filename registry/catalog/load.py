"""Load catalogs: read, parse, validate and resolve them into the typed model (no rules)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registry.catalog.config import Config
from registry.catalog.loading import Document, Locator, load_documents, load_file
from registry.catalog.loading.parsers import make_parser
from registry.catalog.model import Catalog
from registry.catalog.resolve import BUILTIN_PREFIX, include_target, resolve
from registry.catalog.validate import catalog_checker
from registry.findings import Finding


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
    paths: tuple[str, ...],
    config: Config,
    *,
    reuse_from: Loaded | None = None,
    keep_clean: bool = True,
) -> Loaded:
    """Load, validate and resolve the catalogs under `paths` (no lint rules).

    `reuse_from`: another version of these catalogs, already loaded; its events are reused for
    files with identical text (`registry diff` loads BASE this way, after HEAD).
    `keep_clean=False`: leave `Loaded.clean` empty, so the parsed documents are freed once the
    model is built; only a later `reuse_from` reads them, and on a large catalog they take more
    memory than the model itself (bench/bench_lint_memory.py).
    """
    with collector_paused():
        return _load_catalog(paths, config, reuse_from, keep_clean)


def _load_catalog(
    paths: tuple[str, ...], config: Config, reuse_from: Loaded | None, keep_clean: bool
) -> Loaded:
    parser = make_parser(config.parser)
    known = reuse_from.clean if reuse_from is not None else None
    checker = catalog_checker()

    def schema_check(document: Document, locator: Locator) -> list[Finding]:
        path = document.source.path
        return checker.check(document.data, path, lambda p: locator.raw_text(path, p))

    # Without another version to share with, each file is checked as soon as it is parsed
    # and its events are set aside packed (see `load_documents`).
    early = known is None and not keep_clean
    loaded = load_documents(
        paths,
        parser=parser,
        limits=config.limits,
        known=known,
        keep_clean=keep_clean,
        check=schema_check if early else None,
    )
    locator, files, documents = loaded.locator, loaded.files, list(loaded.documents)
    findings = list(loaded.findings)
    clean = dict(loaded.clean) if keep_clean else {}
    del loaded  # `documents` alone holds the parsed data now (see `release` below)

    for document in [] if early else documents:
        text = document.source.text if known is not None or clean else None
        if known is not None and text is not None and known.get(text) is document.data:
            continue  # the other version validated this very data
        problems = schema_check(document, locator)
        if problems:
            findings.extend(problems)
            if text is not None:
                clean.pop(text, None)

    def fetch(ref: str, includer: Document) -> tuple[Document | None, list[Finding]]:
        target = include_target(ref, includer)
        display = ref if ref.startswith(BUILTIN_PREFIX) else _display(target)
        if not target.is_file():
            return None, []
        document, problems = load_file(str(target), display, parser, config.limits, locator)
        if document is not None:
            problems = [*problems, *schema_check(document, locator)]
        return document, problems

    if reuse_from is not None:
        from registry.catalog.reuse import IdenticalFiles

        texts = {s.path: s.text for s in reuse_from.locator.sources()}
        offer = IdenticalFiles(reuse_from.catalog, texts)
        catalog, resolve_findings = resolve(
            documents, config, fetch, locator.position, offer.events_for
        )
        if offer.reused and not offer.accepts(catalog):  # a named type changed
            catalog, resolve_findings = resolve(documents, config, fetch, locator.position)
    else:  # each file's parsed data is freed once its events are built (unless kept clean)
        catalog, resolve_findings = resolve(
            documents, config, fetch, locator.position, release=True
        )
    findings.extend(resolve_findings)
    return Loaded(catalog, tuple(findings), locator, files, clean)


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)

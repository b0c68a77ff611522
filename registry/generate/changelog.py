"""The changelog section of the generated docs: what changed since a base revision.

Built from a `registry diff` result (`registry generate markdown|html --changelog-against REV`);
the templates only lay it out. Entries link to the event's section when HEAD still has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from registry.catalog.config import Config
from registry.catalog.model import Catalog
from registry.diff.changes import ChangeKind, DiffResult
from registry.findings import Severity
from registry.findings.errors import UsageError
from registry.generate.docs_model import DocsView

_SECTIONS = (
    (ChangeKind.BREAKING, "Breaking changes"),
    (ChangeKind.PRIVACY, "Privacy-breaking changes"),
    (ChangeKind.NON_BREAKING, "Other changes"),
)


@dataclass(frozen=True, slots=True)
class Changes:
    """What the docs' changelog is built from: a diff against `base`."""

    result: DiffResult
    base: str


@dataclass(frozen=True, slots=True)
class ChangelogEntry:
    code: str
    event: str
    field: str
    message: str
    page: str
    """The event's domain page (no extension), "" when HEAD no longer has the event."""
    anchor: str


@dataclass(frozen=True, slots=True)
class ChangelogSection:
    kind: str
    title: str
    entries: tuple[ChangelogEntry, ...]


@dataclass(frozen=True, slots=True)
class ChangelogView:
    base: str
    """The revision compared against, as the user named it."""
    mode: str
    sections: tuple[ChangelogSection, ...]

    @property
    def total(self) -> int:
        return sum(len(section.entries) for section in self.sections)


def changes_against(rev: str, paths: tuple[str, ...], head: Catalog, config: Config) -> Changes:
    """The changes from `paths` at git revision `rev` to the `head` catalog being documented.

    Raises `UsageError` when `rev` is not a revision here or its catalogs do not load cleanly
    (a changelog computed from a broken base would be wrong).
    """
    from registry.catalog.gitread import is_revision, load_at_revision, repository_root
    from registry.diff.compare import diff_catalogs

    cwd = Path.cwd()
    try:  # outside a repository: say so, not that `rev` is no revision of it
        repository_root(cwd)
    except UsageError as error:
        raise UsageError(f"--changelog-against {rev}: {error}") from None
    if not is_revision(rev, cwd):
        raise UsageError(f"--changelog-against {rev}: not a git revision of this repository")
    side = load_at_revision(rev, paths, config, cwd, missing_ok=True)
    errors = [f for f in side.loaded.findings if f.severity is Severity.ERROR]
    if errors:
        first = side.loaded.locator.locate(errors[:1])[0]
        raise UsageError(
            f"--changelog-against {rev}: the catalogs at {rev} have {len(errors)} error(s), "
            f"first {side.display(first.path)}:{first.line}:{first.column}: {first.rule} "
            f"{first.message}"
        )
    return Changes(diff_catalogs(side.loaded.catalog, head, config), rev)


def changelog_view(changes: Changes | None, docs: DocsView) -> ChangelogView | None:
    if changes is None:
        return None
    result = changes.result
    where = {e.name: (e.page, e.anchor) for d in docs.domains for e in d.events}
    sections = []
    for kind, title in _SECTIONS:
        entries = tuple(
            ChangelogEntry(
                code=change.code,
                event=change.event,
                field=change.field or "",
                message=change.message,
                page=where.get(change.event, ("", ""))[0],
                anchor=where.get(change.event, ("", ""))[1],
            )
            for change in result.of_kind(kind)
        )
        if entries:
            sections.append(ChangelogSection(str(kind), title, entries))
    return ChangelogView(base=changes.base, mode=result.mode, sections=tuple(sections))

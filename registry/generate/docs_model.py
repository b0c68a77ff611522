"""The view-model of the documentation targets (`markdown`, `html`).

Everything the docs show is computed here, from the resolved `Catalog` and the configuration:
per-domain pages, counts, the domain x category and domain x sensitivity matrices, the rows of
each event's field table (type, required, constraints, sensitivity, effective redaction) and an
example of the record the emitters would write (`registry.generate.docs_examples`). The
templates only lay these
values out; escaping for the output language happens in the templates' filters (Markdown) or by
Jinja's autoescaping (HTML).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from registry import __version__
from registry.catalog.config import Config
from registry.catalog.identifiers import slug
from registry.catalog.load import collector_paused
from registry.catalog.model import Catalog, Event, Field, Redaction, TypeSpec
from registry.catalog.types import constraint_labels, type_label, written_redaction
from registry.generate.docs_coverage import (
    CoverageView,
    EventLink,
    XrefRow,
    coverage_views,
    xref_rows,
)
from registry.generate.docs_examples import Plans, Written, example
from registry.lint.rules import ALL_RULES
from registry.privacy.policy import ITEMS, RedactionPlan

UNCATEGORISED = "uncategorised"
_RESERVED_PAGES = frozenset({"index", "rules", "coverage", "changelog"})


@dataclass(frozen=True, slots=True)
class Constraint:
    label: str
    value: str
    """Shown as code (a pattern, a format, a bound)."""


@dataclass(frozen=True, slots=True)
class FieldRow:
    name: str
    """Dotted for members of objects (`parent.member`, `parent[].member` inside lists);
    `parent[]` for the items of a list that carry their own sensitivity or redaction."""
    depth: int
    type: str
    required: bool | None
    """None for the items of a list."""
    constraints: tuple[Constraint, ...]
    sensitivity: tuple[str, ...]
    """The tags the member declares (its type's included)."""
    inherited: tuple[str, ...]
    """The tags of the values that enclose it, which apply to it too (its own left out)."""
    redaction: str
    """What the record holds (`registry.privacy.policy.redaction_plan`): the effective
    redaction at this depth, inherited from every enclosing value (none, hash, mask, truncate,
    drop); `never written` for credentials and everything inside them."""
    description: str
    deprecated: str


@dataclass(frozen=True, slots=True)
class DeprecationView:
    reason: str
    replaced_by: str
    replaced_by_href: str
    """Relative link to the replacement from a domain page ("" when it is not in the catalog)."""
    replaced_by_anchor: str
    since: str


@dataclass(frozen=True, slots=True)
class EventView:
    name: str
    anchor: str
    domain: str
    page: str
    """The domain page's base name (no extension)."""
    description: str
    category: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    outcomes: tuple[str, ...]
    failure_reasons: tuple[str, ...]
    version: int
    deprecated: DeprecationView | None
    fields: tuple[FieldRow, ...]
    sensitivity: tuple[str, ...]
    """Every tag of the event's fields (nested members and items included), sorted."""
    example: dict[str, Any]
    example_json: str
    xref: tuple[XrefRow, ...] = ()
    """`covers:` and cross-references (OWASP, OCSF), labelled."""


@dataclass(frozen=True, slots=True)
class DomainView:
    name: str
    page: str
    description: str
    owners: tuple[str, ...]
    events: tuple[EventView, ...]
    categories: tuple[tuple[str, int], ...]
    """(category, count) in the order of `DocsView.categories`, zeros included."""
    sensitivity: tuple[tuple[str, int], ...]
    deprecated: int


@dataclass(frozen=True, slots=True)
class RuleView:
    code: str
    name: str
    summary: str
    severity: str
    what: str
    why: str
    bad: str
    good: str


@dataclass(frozen=True, slots=True)
class DocsView:
    header: str
    domains: tuple[DomainView, ...]
    categories: tuple[str, ...]
    sensitivity_tags: tuple[str, ...]
    actors: tuple[str, ...]
    events: int
    deprecated: int
    category_totals: tuple[int, ...]
    sensitivity_totals: tuple[int, ...]
    max_cell: int
    """Largest domain x category count (for shading)."""
    max_sensitivity_cell: int
    rules: tuple[RuleView, ...]
    coverage: tuple[CoverageView, ...] = ()
    """The security coverage matrix, one view per profile."""


# -- field rows ----------------------------------------------------------------------------------


def _constraints(spec: TypeSpec) -> tuple[Constraint, ...]:
    return tuple(Constraint(label, value) for label, value in constraint_labels(spec))


TypeColumns = dict[int, tuple[str, tuple[Constraint, ...], tuple[str, ...]]]
"""What a row shows of its type alone (label, constraints, sorted tags), by the type's id: made
once per type for a view (resolve shares one TypeSpec between equal types, and the catalog keeps
them alive while the view is built)."""


def _type_columns(
    spec: TypeSpec, columns: TypeColumns
) -> tuple[str, tuple[Constraint, ...], tuple[str, ...]]:
    made = columns.get(id(spec))
    if made is None:
        made = columns[id(spec)] = (
            type_label(spec),
            _constraints(spec),
            tuple(sorted(spec.sensitivity)),
        )
    return made


NEVER_WRITTEN = "never written"
"""The redaction the docs show for a credential, and for anything inside one."""


def _rows(field: Field, plans: Plans, columns: TypeColumns) -> list[FieldRow]:
    """The rows of a field and of everything inside it, each with the sensitivity and the
    redaction it has in the record (`redaction_plan`: inherited from every enclosing value)."""
    rows: list[FieldRow] = []
    _add_rows(
        rows,
        field.name,
        field.type,
        field,
        plans.of(field),
        columns,
        depth=0,
        inherited=frozenset(),
        hidden=False,
    )
    return rows


def _add_rows(
    rows: list[FieldRow],
    name: str,
    spec: TypeSpec,
    field: Field | None,
    plan: RedactionPlan,
    columns: TypeColumns,
    *,
    depth: int,
    inherited: frozenset[str],
    hidden: bool,
) -> None:
    """`field` is None for the items of a list, which get a row (`name[]`) of their own only
    when they carry their own sensitivity or redaction."""
    hidden = (
        hidden or plan.credential or (not plan.written and plan.redaction is not Redaction.DROP)
    )
    if field is not None or spec.sensitivity or spec.redact is not None:
        rows.append(_row(name, spec, field, plan, columns, depth, inherited, hidden))
        depth += 1
    if depth > _MAX_DEPTH:
        return
    inherited = inherited | spec.sensitivity
    if spec.items is not None and plan.items is not None:
        _add_rows(
            rows,
            name + ITEMS,
            spec.items,
            None,
            plan.items,
            columns,
            depth=depth,
            inherited=inherited,
            hidden=hidden,
        )
    for member, member_plan in zip(spec.fields, plan.members, strict=True):
        _add_rows(
            rows,
            f"{name}.{member.name}",
            member.type,
            member,
            member_plan,
            columns,
            depth=depth,
            inherited=inherited,
            hidden=hidden,
        )


_MAX_DEPTH = 8
"""Rows are shown this many levels deep."""


class RowLines:
    """A target's line for each field row, made once per row: events that share a field share
    its row objects (see `_docs_view`), so a 10,000-event page lays out a fraction of its
    117,000 rows. Rows are known by identity and each is kept with its line, so an id never
    comes to name another row while this lives (one render)."""

    def __init__(self, line: Callable[[FieldRow], str]) -> None:
        self._line = line
        self._made: dict[int, tuple[FieldRow, str]] = {}

    def __call__(self, rows: Iterable[FieldRow]) -> list[str]:
        """The line of each row, in order."""
        made = self._made
        lines = []
        for row in rows:
            known = made.get(id(row))
            if known is None:
                known = made[id(row)] = (row, self._line(row))
            lines.append(known[1])
        return lines


def _row(
    name: str,
    spec: TypeSpec,
    field: Field | None,
    plan: RedactionPlan,
    columns: TypeColumns,
    depth: int,
    inherited: frozenset[str],
    hidden: bool,
) -> FieldRow:
    description = spec.description or ""
    deprecated = ""
    if field is not None:
        description = field.description or description
        if field.deprecated is not None:
            deprecated = field.deprecated.reason
            if field.deprecated.replaced_by:
                deprecated += f" (use {field.deprecated.replaced_by})"
    label, constraints, sensitivity = _type_columns(spec, columns)
    return FieldRow(
        name=name,
        depth=depth,
        type=label,
        required=None if field is None else field.required,
        constraints=constraints,
        sensitivity=sensitivity,
        inherited=tuple(sorted(inherited - spec.sensitivity)),
        redaction=NEVER_WRITTEN if hidden else written_redaction(spec, plan).value,
        description=description,
        deprecated=deprecated,
    )


# -- the whole site ------------------------------------------------------------------------------


def _pages(domains: list[str]) -> dict[str, str]:
    pages: dict[str, str] = {}
    used = set(_RESERVED_PAGES)
    for domain in domains:
        base = slug(domain)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        pages[domain] = candidate
    return pages


def _anchors(events: tuple[Event, ...]) -> dict[str, str]:
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for event in sorted(events, key=lambda e: e.name):
        base = slug(event.name)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        anchors[event.name] = candidate
    return anchors


def docs_view(catalog: Catalog, config: Config, content_hash: str) -> DocsView:
    """The view of the whole site. The collector is paused while it is built: the view holds
    no cycles, and each automatic collection would walk the loaded catalog again."""
    with collector_paused():
        return _docs_view(catalog, config, content_hash)


def _docs_view(catalog: Catalog, config: Config, content_hash: str) -> DocsView:
    events = tuple(sorted(catalog.events, key=lambda e: (e.domain, e.name)))
    domain_names = sorted({e.domain for e in events})
    pages = _pages(domain_names)
    anchors = _anchors(events)
    by_name = {e.name: e for e in events}
    categories = tuple(sorted({e.category or UNCATEGORISED for e in events}))
    tag_vocabulary = [tag for tag, _ in config.vocabularies.sensitivity]

    views: list[EventView] = []
    written: dict[tuple[str, int], Written] = {}
    """Each field's example (see `docs_examples.example_record`)."""
    plans = Plans(config)
    columns: TypeColumns = {}
    shared_rows: dict[tuple[object, ...], list[FieldRow]] = {}
    """Rows by what they show: resolve shares one TypeSpec between identical field types, and
    the catalog keeps them alive while the view is built, so `id(field.type)` is stable."""
    for event in events:
        rows: list[FieldRow] = []
        for field in event.fields:
            if field.deprecated is not None:
                rows += _rows(field, plans, columns)
                continue
            key = (field.name, id(field.type), field.required, field.description)
            field_rows = shared_rows.get(key)
            if field_rows is None:
                field_rows = shared_rows[key] = _rows(field, plans, columns)
            rows += field_rows
        tags = tuple(sorted({t for row in rows for t in row.sensitivity}))
        deprecated = None
        if event.deprecated is not None:
            replacement = event.deprecated.replaced_by or ""
            target = by_name.get(replacement)
            href = anchor = ""
            if target is not None:
                anchor = anchors[target.name]
                href = "" if target.domain == event.domain else f"{pages[target.domain]}.md"
                href += f"#{anchor}"
            deprecated = DeprecationView(
                reason=event.deprecated.reason,
                replaced_by=replacement,
                replaced_by_href=href,
                replaced_by_anchor=anchor,
                since=event.deprecated.since or "",
            )
        record, record_json = example(event, config, written, plans)
        views.append(
            EventView(
                name=event.name,
                anchor=anchors[event.name],
                domain=event.domain,
                page=pages[event.domain],
                description=event.description or "",
                category=event.category or UNCATEGORISED,
                actors=event.actors,
                targets=event.targets,
                outcomes=tuple(o.value for o in event.outcomes),
                failure_reasons=event.failure_reasons,
                version=event.version,
                deprecated=deprecated,
                fields=tuple(rows),
                sensitivity=tags,
                example=record,
                example_json=record_json,
                xref=xref_rows(event),
            )
        )
    all_tags = {t for v in views for t in v.sensitivity}
    sensitivity_tags = tuple(
        [t for t in tag_vocabulary if t in all_tags] + sorted(all_tags - set(tag_vocabulary))
    )
    files = {f.domain: f for f in sorted(catalog.files, key=lambda f: f.path)}
    domains: list[DomainView] = []
    by_domain: dict[str, list[EventView]] = {name: [] for name in domain_names}
    for view in views:
        by_domain[view.domain].append(view)
    for name in domain_names:
        members = tuple(by_domain[name])
        per_category = Counter(v.category for v in members)
        per_tag = Counter(t for v in members for t in v.sensitivity)
        file = files.get(name)
        domains.append(
            DomainView(
                name=name,
                page=pages[name],
                description=(file.description or "") if file else "",
                owners=file.owners if file else (),
                events=members,
                categories=tuple((c, per_category[c]) for c in categories),
                sensitivity=tuple((t, per_tag[t]) for t in sensitivity_tags),
                deprecated=sum(1 for v in members if v.deprecated),
            )
        )
    rules = tuple(
        RuleView(
            code=r.code,
            name=r.name,
            summary=r.summary,
            severity=r.severity.value,
            what=r.docs.what,
            why=r.docs.why,
            bad=r.docs.bad.rstrip("\n"),
            good=r.docs.good.rstrip("\n"),
        )
        for r in sorted(ALL_RULES, key=lambda r: r.code)
    )
    return DocsView(
        header=f"Generated by registry {__version__} from catalog {content_hash}. Do not edit.",
        domains=tuple(domains),
        categories=categories,
        sensitivity_tags=sensitivity_tags,
        actors=tuple(sorted({a for v in views for a in v.actors})),
        events=len(views),
        deprecated=sum(1 for v in views if v.deprecated),
        category_totals=tuple(sum(1 for v in views if v.category == c) for c in categories),
        sensitivity_totals=tuple(
            sum(1 for v in views if t in v.sensitivity) for t in sensitivity_tags
        ),
        max_cell=max((n for d in domains for _, n in d.categories), default=0),
        max_sensitivity_cell=max((n for d in domains for _, n in d.sensitivity), default=0),
        rules=rules,
        coverage=coverage_views(
            catalog, config, {v.name: EventLink(v.name, v.anchor, v.page) for v in views}
        ),
    )

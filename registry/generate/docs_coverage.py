"""The docs' view of security coverage and of each event's cross-references.

Kept apart from `docs_model` so the coverage matrix has one home: `coverage_views` computes,
per profile, every requirement with the events that cover it (as links) and the gaps with
the baseline event to add; `xref_rows` labels an event's `covers:` and `xref:` entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from registry.catalog.config import Config
from registry.catalog.model import Catalog, Event
from registry.findings.codes import UNKNOWN_REQUIREMENT

if TYPE_CHECKING:
    from registry.coverage.compute import ItemResult

XREF_LABELS = {
    "owasp": "OWASP vocabulary",
    "ocsf_class": "OCSF class",
    "ocsf_activity": "OCSF activity",
}


@dataclass(frozen=True, slots=True)
class EventLink:
    name: str
    anchor: str
    page: str
    """The domain page's base name (no extension)."""


@dataclass(frozen=True, slots=True)
class RequirementRow:
    id: str
    item: str
    title: str
    required: bool
    status: str
    """covered, gap (required, not covered) or open (optional, not covered)."""
    events: tuple[EventLink, ...]
    envelope: str
    hint: str
    """For a gap: the event to add ("" otherwise)."""
    hint_source: str
    """Where the hinted event is defined: `builtin:security` when the baseline catalog has
    it, else the profile that names it (a team's own event), "" when it is already in the
    catalog."""


@dataclass(frozen=True, slots=True)
class CoverageView:
    name: str
    title: str
    source: str
    anchor: str
    rows: tuple[RequirementRow, ...]
    covered: int
    gaps: int


@dataclass(frozen=True, slots=True)
class XrefRow:
    label: str
    values: tuple[str, ...]


def xref_rows(event: Event) -> tuple[XrefRow, ...]:
    """`covers:` and `xref:` of an event, labelled for the docs, in the order written."""
    rows = [XrefRow(XREF_LABELS.get(key, key), values) for key, values in event.xref]
    if event.covers:
        rows.insert(0, XrefRow("Covers", event.covers))
    return tuple(rows)


def _team_profiles(config: Config) -> tuple[str, ...]:
    """Profile files listed in R012's `profiles` option that can be read (relative to the
    configuration's root)."""
    setting = dict(config.rule_setting(UNKNOWN_REQUIREMENT.id).options).get("profiles")
    if not isinstance(setting, (list, tuple)):
        return ()
    paths = [
        config.root / str(p) if not Path(str(p)).is_absolute() else Path(str(p)) for p in setting
    ]
    return tuple(str(p) for p in paths if p.is_file())


def coverage_views(
    catalog: Catalog, config: Config, links: dict[str, EventLink]
) -> tuple[CoverageView, ...]:
    """Every shipped profile (and the team's readable profile files), with the catalog's
    coverage of each requirement; () when the profiles cannot be loaded."""
    from registry.coverage import ProfileError, coverage, load_profiles, shipped_names

    try:
        profiles = load_profiles((*shipped_names(), *_team_profiles(config)))
    except ProfileError:
        profiles = load_profiles(shipped_names())
    report = coverage(catalog, profiles)
    views = []
    for result in report.profiles:
        rows = []
        for item in result.items:
            requirement = item.requirement
            status = "covered" if item.covered else "gap" if requirement.required else "open"
            rows.append(
                RequirementRow(
                    id=requirement.id,
                    item=requirement.item,
                    title=requirement.title,
                    required=requirement.required,
                    status=status,
                    events=tuple(links[name] for name in item.events if name in links),
                    envelope=item.envelope or "",
                    hint=(item.hint or "") if status == "gap" else "",
                    hint_source=_hint_source(item) if status == "gap" and item.hint else "",
                )
            )
        views.append(
            CoverageView(
                name=result.profile.name,
                title=result.profile.title,
                source=result.profile.source,
                anchor=f"coverage-{result.profile.name}".replace(".", "-"),
                rows=tuple(rows),
                covered=result.covered,
                gaps=len(result.gaps),
            )
        )
    return tuple(views)


def _hint_source(item: ItemResult) -> str:
    """`builtin:security` for a baseline event, the naming profile for a team's own event."""
    if item.hint_in_catalog:
        return ""
    if item.hint_in_baseline:
        return "builtin:security"
    return f"profile {item.hint_from}" if item.hint_from else ""

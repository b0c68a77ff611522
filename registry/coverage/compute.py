"""Which events cover which requirement of the selected profiles, and the gaps."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from registry.catalog.model import Catalog, Event
from registry.catalog.resolve import builtin_catalog_dir
from registry.coverage.profiles import Profile, ProfileSet, Requirement


@dataclass(frozen=True, slots=True)
class ItemResult:
    requirement: Requirement
    covered: bool
    events: tuple[str, ...]
    """Events that cover it, directly or through the requirements it is satisfied by."""
    envelope: str | None = None
    missing: tuple[str, ...] = ()
    """For a gap: the requirements of `satisfied_by` that are not covered."""
    hint: str | None = None
    """The built-in baseline event to add, for a gap."""
    hint_in_catalog: bool = False
    """The hinted event is in the catalog already (it lacks `covers:` or the right
    category and outcomes)."""
    hint_from: str = ""
    """The profile whose requirement names the hint."""
    hint_in_baseline: bool = False
    """The hinted event is one of the baseline catalog's (`builtin:security`); a team profile
    may hint at an event of its own."""

    @property
    def gap(self) -> bool:
        return self.requirement.required and not self.covered


@dataclass(frozen=True, slots=True)
class ProfileResult:
    profile: Profile
    items: tuple[ItemResult, ...]

    @property
    def gaps(self) -> tuple[ItemResult, ...]:
        return tuple(item for item in self.items if item.gap)

    @property
    def covered(self) -> int:
        return sum(1 for item in self.items if item.covered)


@dataclass(frozen=True, slots=True)
class CoverageReport:
    profiles: tuple[ProfileResult, ...]
    events: int

    @property
    def gaps(self) -> int:
        return sum(len(p.gaps) for p in self.profiles)

    @property
    def exit_code(self) -> int:
        """0 every required item is covered, 1 otherwise."""
        return 1 if self.gaps else 0


@cache
def baseline_events() -> frozenset[str]:
    """The event names of the baseline catalog (`builtin:security`), which hints point to."""
    import yaml

    text = (builtin_catalog_dir() / "security.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return frozenset(data.get("events", {}))


def declared_requirements(event: Event, requirements: dict[str, Requirement]) -> tuple[str, ...]:
    """What the event covers: its `covers:` when it has one, else what its category, outcomes
    and name match."""
    if event.covers is not None:
        return event.covers
    return tuple(rid for rid, r in requirements.items() if r.match and r.match.matches(event))


def coverage(catalog: Catalog, profiles: ProfileSet) -> CoverageReport:
    requirements = profiles.requirements()
    by_category: dict[str | None, dict[str, Requirement]] = {}
    """The requirements an event of each category may match (few of them have a `match`, and
    most of those name categories), in the order of `requirements`."""
    direct: dict[str, set[str]] = {}
    for event in catalog.events:
        matching = by_category.get(event.category)
        if matching is None:
            matching = by_category[event.category] = {
                rid: r
                for rid, r in requirements.items()
                if r.match and (not r.match.categories or event.category in r.match.categories)
            }
        for rid in declared_requirements(event, matching):
            direct.setdefault(rid, set()).add(event.name)
    names = {e.name for e in catalog.events}
    results: dict[str, ItemResult] = {}

    def resolve(rid: str) -> ItemResult:
        # Profiles are checked for cycles when loaded, so this recursion ends.
        if rid in results:
            return results[rid]
        requirement = requirements[rid]
        events = set(direct.get(rid, ()))
        subs = [resolve(ref) for ref in requirement.satisfied_by]
        for sub in subs:
            events |= set(sub.events)
        if requirement.all_of:
            via = bool(subs) and all(sub.covered for sub in subs)
        else:
            via = any(sub.covered for sub in subs)
        covered = bool(direct.get(rid)) or via or requirement.envelope is not None
        missing = () if covered else tuple(s.requirement.id for s in subs if not s.covered)
        hint, hint_from = None, ""
        if not covered:
            if requirement.hint:
                hint, hint_from = requirement.hint, requirement.profile
            else:
                hinting = next((s for s in subs if not s.covered and s.hint), None)
                if hinting is not None:
                    hint, hint_from = hinting.hint, hinting.hint_from
        result = ItemResult(
            requirement=requirement,
            covered=covered,
            events=tuple(sorted(events)) if covered or events else (),
            envelope=requirement.envelope,
            missing=missing,
            hint=hint,
            hint_from=hint_from,
            hint_in_catalog=hint in names if hint else False,
            hint_in_baseline=hint in baseline_events() if hint else False,
        )
        results[rid] = result
        return result

    return CoverageReport(
        profiles=tuple(
            ProfileResult(p, tuple(resolve(r.id) for r in p.requirements))
            for p in profiles.selected
        ),
        events=len(catalog.events),
    )

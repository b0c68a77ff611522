"""Properties of the coverage computation over any subset of the baseline's events."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.catalog.config import load_config
from registry.catalog.load import load_catalog
from registry.catalog.model import Catalog, Event
from registry.coverage import CoverageReport, coverage, load_profiles, shipped_names
from registry.lint.rules import known_codes

from conftest import REPO


@cache
def _events() -> tuple[Event, ...]:
    config = load_config(None, REPO, known_codes())
    return load_catalog((str(REPO / "catalog" / "security.yaml"),), config).catalog.events


def _report(events: tuple[Event, ...]) -> CoverageReport:
    return coverage(Catalog((), events, ()), load_profiles(shipped_names()))


def _covered(report: CoverageReport) -> set[str]:
    return {i.requirement.id for p in report.profiles for i in p.items if i.covered}


subsets = st.sets(st.integers(0, 35)).map(lambda picks: tuple(_events()[i] for i in sorted(picks)))


@settings(max_examples=60, deadline=None)
@given(subsets, subsets)
def test_more_events_never_cover_less(first: tuple[Event, ...], second: tuple[Event, ...]) -> None:
    union = tuple({e.name: e for e in (*first, *second)}.values())
    both = _covered(_report(union))
    assert _covered(_report(first)) <= both
    assert _covered(_report(second)) <= both


@settings(max_examples=60, deadline=None)
@given(subsets)
def test_every_gap_has_a_hint_and_every_covered_item_its_events(events: tuple[Event, ...]) -> None:
    report = _report(events)
    names = {e.name for e in events}
    for profile in report.profiles:
        for item in profile.items:
            if item.gap:
                assert item.hint is not None, item.requirement.id
                assert item.hint_in_catalog == (item.hint in names)
            if item.covered and item.envelope is None:
                assert item.events, item.requirement.id
                assert set(item.events) <= names
    assert report.exit_code == (1 if report.gaps else 0)
    assert len(_events()) == 36

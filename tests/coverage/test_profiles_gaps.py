"""For every shipped profile: the whole baseline covers it; take out the baseline events
behind one requirement and exactly that requirement is reported, with the event to add."""

from __future__ import annotations

from pathlib import Path

import pytest
from coverage_helpers import BASELINE, baseline_without, gaps, report

from registry.coverage import load_profiles, shipped_names

ONE_GAP = {
    # profile: (events taken out, the one requirement left uncovered, the hinted event)
    "baseline": (
        ("session.rejected",),
        "baseline:session_management_failure",
        "session.rejected",
    ),
    "pci-dss-4": (("audit_log.accessed",), "pci-dss-4:10.2.1.3", "audit_log.accessed"),
    "iso27002-2013": (("request.blocked",), "iso27002-2013:l", "request.blocked"),
    "nist-800-53-au2": (
        ("user.changed_password", "user.reset_password"),
        "nist-800-53-au2:password_change",
        "user.changed_password",
    ),
    "owasp": (("encryption_key.rotated",), "owasp:encryption_key_use", "encryption_key.rotated"),
}


def test_every_shipped_profile_has_a_one_gap_case() -> None:
    assert set(ONE_GAP) == set(shipped_names())


@pytest.mark.parametrize("profile", sorted(ONE_GAP))
def test_the_baseline_covers_every_required_item(profile: str) -> None:
    code, data = report(str(BASELINE), "--profile", profile)
    assert code == 0
    assert gaps(data) == []
    assert data["profiles"][0]["profile"] == profile


@pytest.mark.parametrize("profile", sorted(ONE_GAP))
def test_one_known_gap_is_reported_exactly(profile: str, tmp_path: Path) -> None:
    removed, requirement, hint = ONE_GAP[profile]
    catalog = baseline_without(tmp_path, *removed)
    code, data = report(catalog, "--profile", profile)
    assert code == 1
    assert gaps(data) == [requirement]
    (entry,) = [r for r in data["profiles"][0]["requirements"] if r["id"] == requirement]
    assert entry["hint_event"] == hint
    assert f"add {hint} from the baseline" in entry["hint"]
    assert data["summary"]["gaps"] == 1


def test_all_profiles_at_once_report_each_gap_once(tmp_path: Path) -> None:
    catalog = baseline_without(tmp_path, "session.rejected", "audit_log.accessed")
    args = [a for p in sorted(ONE_GAP) for a in ("--profile", p)]
    code, data = report(catalog, *args)
    assert code == 1
    assert [p["profile"] for p in data["profiles"]] == sorted(ONE_GAP)
    # the baseline's session_management_failure is also OWASP's; 10.2.1.3 is PCI's alone
    assert sorted(gaps(data)) == [
        "baseline:session_management_failure",
        "owasp:session_management_failure",
        "pci-dss-4:10.2.1.3",
    ]


def test_every_hint_names_a_baseline_event_that_covers_the_requirement(tmp_path: Path) -> None:
    """Adding the hinted event alone closes the gap: the hints are not decoration."""
    from registry.catalog.config import load_config
    from registry.catalog.load import load_catalog
    from registry.catalog.model import Catalog
    from registry.coverage import coverage
    from registry.lint.rules import known_codes

    profiles = load_profiles(shipped_names())
    loaded = load_catalog((str(BASELINE),), load_config(None, tmp_path, known_codes()))
    by_name = {e.name: e for e in loaded.catalog.events}
    empty = coverage(Catalog((), (), ()), profiles)
    checked = 0
    for result in empty.profiles:
        for item in result.items:
            if not item.gap:
                continue
            assert item.hint in by_name, (item.requirement.id, item.hint)
            alone = Catalog((), (by_name[item.hint],), ())
            after = coverage(alone, profiles)
            (same,) = [
                i
                for p in after.profiles
                for i in p.items
                if i.requirement.id == item.requirement.id
            ]
            assert same.covered, (item.requirement.id, item.hint)
            checked += 1
    assert checked >= 40


def test_an_empty_catalog_misses_every_required_item(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("domain: empty\ndescription: Nothing yet.\nowners: [team]\n", "utf-8")
    code, data = report(str(path), "--profile", "baseline")
    assert code == 1
    assert len(gaps(data)) == 16

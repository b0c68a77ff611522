"""`registry coverage`: derived and declared coverage, team profiles, formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from coverage_helpers import gaps, report, run

from registry.catalog.model import Outcome
from registry.coverage import ProfileError, load_profiles

from conftest import lint_text, make_config

HEAD = "domain: app\ndescription: Our events.\nowners: [team]\nevents:\n"


def event(name: str, category: str, outcomes: str = "[success, failure]", extra: str = "") -> str:
    return (
        f"  {name}:\n    description: Something a person did that we audit.\n"
        f"    category: {category}\n    actor: [user]\n    targets: []\n"
        f"    outcomes: {outcomes}\n    failure_reasons: [not_permitted]\n{extra}"
    )


def write(tmp_path: Path, text: str, name: str = "app.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_coverage_is_derived_from_category_and_outcomes(tmp_path: Path) -> None:
    catalog = write(
        tmp_path,
        HEAD
        + event("user.logged_in", "authentication")
        + event("report.exported", "data_export", "[success]")
        + event("session.refused", "session", "[failure]"),
    )
    _, data = report(catalog)
    covered = {
        r["item"]: r["events"] for r in data["profiles"][0]["requirements"] if r["covered"]
    }
    assert covered == {
        "authentication_success": ["user.logged_in"],
        "authentication_failure": ["user.logged_in"],
        "login_success": ["user.logged_in"],
        "login_failure": ["user.logged_in"],
        "data_export_success": ["report.exported"],
        "session_management_failure": ["session.refused"],
    }


def test_declared_covers_replace_the_derived_ones(tmp_path: Path) -> None:
    catalog = write(
        tmp_path,
        HEAD
        + event("user.logged_in", "authentication", extra="    covers: [baseline:privilege_use]\n")
        + event("user.signed_up", "authentication", extra="    covers: []\n"),
    )
    _, data = report(catalog)
    covered = {r["item"] for r in data["profiles"][0]["requirements"] if r["covered"]}
    assert covered == {"privilege_use"}


def test_requirements_satisfied_through_other_profiles(tmp_path: Path) -> None:
    catalog = write(
        tmp_path,
        HEAD
        + event("user.logged_in", "authentication", "[failure]")
        + event("record.opened", "data_access", "[success]"),
    )
    _, data = report(catalog, "--profile", "iso27002-2013", "--profile", "pci-dss-4")
    iso, pci = data["profiles"]
    status = {r["item"]: r["covered"] for r in iso["requirements"]}
    # a, d, k: the envelope; e needs successful *and* rejected access attempts (all: true)
    assert [status["a"], status["d"], status["k"]] == [True, True, True]
    assert not status["e"]
    (e,) = [r for r in iso["requirements"] if r["item"] == "e"]
    assert e["missing"] == ["baseline:login_success"]
    assert e["hint_event"] == "user.signed_in"
    pci_status = {r["item"]: r["covered"] for r in pci["requirements"]}
    assert pci_status["10.2.1.4"]
    assert pci_status["10.2.1.1"]
    assert not pci_status["10.2.1.3"]


def test_hint_when_the_event_is_there_but_does_not_cover(tmp_path: Path) -> None:
    catalog = write(tmp_path, HEAD + event("user.signed_in", "account_management"))
    result = run(catalog)
    assert result.exit_code == 1
    assert "user.signed_in is in the catalog but does not cover it" in result.output


def test_text_output_lists_covered_items_gaps_and_hints(tmp_path: Path) -> None:
    catalog = write(tmp_path, HEAD + event("user.logged_in", "authentication"))
    result = run(catalog)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("baseline: Security event baseline (4/16 covered, 12 required")
    assert "  ok   authentication_success" in result.output
    assert "covered by: user.logged_in" in result.output
    assert "  GAP  privilege_use" in result.output
    assert (
        "hint: add impersonation.started from the baseline (include: [builtin:security]"
        in result.output
    )
    assert lines[-1] == "12 required items not covered by the 1 event."


def test_including_the_baseline_covers_everything(tmp_path: Path) -> None:
    catalog = write(
        tmp_path, HEAD.replace("events:", "include: [builtin:security]\nevents:") + event(
            "invoice.approved", "billing"
        )
    )
    for profile in ("baseline", "owasp", "pci-dss-4", "iso27002-2013", "nist-800-53-au2"):
        result = run(catalog, "--profile", profile)
        assert result.exit_code == 0, result.output
        assert "Every required item is covered by the 37 events." in result.output


def test_markdown_output_escapes_and_marks_gaps(tmp_path: Path) -> None:
    profile = write(
        tmp_path,
        "profile: acme\ntitle: 'Acme <script>alert(1)</script> | pipes'\nrequirements:\n"
        "  - id: signin\n    title: 'Sign-ins *bold* | <b>x</b>'\n"
        "    satisfied_by: [baseline:login_success]\n",
        "acme.yaml",
    )
    catalog = write(tmp_path, HEAD + event("user.logged_in", "billing"))
    result = run(catalog, "--profile", profile, "--format", "markdown")
    assert result.exit_code == 1
    assert "<script>" not in result.output
    assert "<b>" not in result.output
    assert "&lt;script&gt;" in result.output
    assert "Sign-ins \\*bold\\* &#124; &lt;b&gt;x&lt;/b&gt;" in result.output
    assert "| ❌ | <code>signin</code>" in result.output
    assert "add user.signed\\_in from the baseline" in result.output


def test_json_output_is_complete(tmp_path: Path) -> None:
    catalog = write(tmp_path, HEAD + event("user.logged_in", "authentication"))
    result = run(catalog, "--format", "json", "--profile", "iso27002-2013")
    data = json.loads(result.output)
    assert data["summary"] == {"events": 1, "gaps": len(gaps(data))}
    (a,) = [r for r in data["profiles"][0]["requirements"] if r["item"] == "a"]
    assert a == {
        "id": "iso27002-2013:a",
        "item": "a",
        "title": "User IDs",
        "required": True,
        "covered": True,
        "events": [],
        "envelope": "actor",
        "missing": [],
        "hint": None,
        "hint_event": None,
    }


# -- team profiles ---------------------------------------------------------------------------

TEAM = """profile: acme-soc2
title: Acme SOC 2 logging controls
source: Our auditor's list.
requirements:
  - id: signin_monitored
    title: Sign-ins are recorded, failures too
    satisfied_by: [baseline:login_success, baseline:login_failure]
    all: true
  - id: invoice_approval
    title: Invoice approvals
    match: {categories: [billing]}
    hint: invoice.approved
  - id: quarterly_review
    title: Access reviews
    required: false
"""


def test_team_profile_file(tmp_path: Path) -> None:
    profile = write(tmp_path, TEAM, "acme-soc2.yaml")
    catalog = write(tmp_path, HEAD + event("user.logged_in", "authentication"))
    code, data = report(catalog, "--profile", profile)
    assert code == 1
    assert gaps(data) == ["acme-soc2:invoice_approval"]
    assert data["profiles"][0]["requirements"][0]["events"] == ["user.logged_in"]
    covered = write(
        tmp_path,
        HEAD + event("user.logged_in", "authentication") + event("invoice.approved", "billing"),
    )
    assert report(covered, "--profile", profile)[0] == 0


def test_r012_knows_team_profiles_listed_in_its_option(tmp_path: Path) -> None:
    write(tmp_path, TEAM, "acme-soc2.yaml")
    text = HEAD + event(
        "user.logged_in",
        "authentication",
        extra="    covers: [acme-soc2:signin_monitored, acme-soc2:signin]\n",
    )
    config = "rules:\n  R012: {options: {profiles: [acme-soc2.yaml]}}\n"
    result = lint_text(tmp_path, text, config_yaml=config)
    found = [(f.line, f.column, f.message) for f in result.findings if f.rule == "R012"]
    assert found == [
        (12, 42, "'acme-soc2:signin': profile 'acme-soc2' has no requirement 'signin'")
    ]
    hint = next(f.hint for f in result.findings if f.rule == "R012")
    assert hint == "did you mean 'acme-soc2:signin_monitored'?"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("profile: x\ntitle: X\nrequirements: [{id: a, title: A, satisfied_by: [baseline:nope]}]\n",
         "requirement 'a': satisfied_by names 'baseline:nope', which no profile defines"),
        ("profile: x\ntitle: X\nrequirements:\n  - id: a\n    title: A\n    requird: true\n",
         "team.yaml:4: requirements/0: Additional properties are not allowed ('requird'"),
        ("profile: x\ntitle: X\nrequirements:\n  - {id: a, title: A}\n  - {id: a, title: B}\n",
         "team.yaml:5: requirement 'a' is defined twice"),
        (("profile: x\ntitle: X\nrequirements:\n  - {id: a, title: A, satisfied_by: [x:b]}\n"
          "  - {id: b, title: B, satisfied_by: [x:a]}\n"),
         "coverage requirements refer to each other: x:a -> x:b -> x:a"),
        ("profile: baseline\ntitle: X\nrequirements: [{id: a, title: A}]\n",
         "profile 'baseline' has the name of a shipped profile"),
        ("profile: x\ntitle: [unclosed\n", "team.yaml:3:1: not valid YAML"),
        ("- just a list\n", "team.yaml:1: (top level): ['just a list'] is not of type 'object'"),
        ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
         "team.yaml:2: aliases (*name) are not allowed in profiles"),
        ("profile: x\ntitle: X\n" + "# padding\n" * 110_000, "larger than 1000000 bytes"),
    ],
    ids=["unknown-reference", "unknown-key", "duplicate", "cycle", "shipped-name", "yaml",
         "not-a-mapping", "alias", "too-large"],
)
def test_bad_team_profiles_exit_2_with_a_located_message(
    tmp_path: Path, text: str, message: str
) -> None:
    write(tmp_path, text, "team.yaml")
    catalog = write(tmp_path, HEAD + event("user.logged_in", "authentication"))
    result = run(catalog, "--profile", str(tmp_path / "team.yaml"))
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    with pytest.raises(ProfileError):
        load_profiles([str(tmp_path / "team.yaml")])


def test_unknown_profile_name_and_broken_catalog_exit_2(tmp_path: Path) -> None:
    catalog = write(tmp_path, HEAD + event("user.logged_in", "authentication"))
    unknown = run(catalog, "--profile", "pci-dss-3")
    assert unknown.exit_code == 2
    assert "pci-dss-3: neither a shipped coverage profile" in unknown.output
    broken = write(tmp_path, HEAD + "  user.logged_in: [not, a, mapping]\n", "broken.yaml")
    result = run(broken)
    assert result.exit_code == 2
    assert "broken.yaml:5:" in result.output
    assert "fix them (`registry lint`) before checking coverage" in result.output
    missing = run(str(tmp_path / "nowhere"))
    assert missing.exit_code == 2


def test_catalogs_from_the_configuration(in_tmp: Path) -> None:
    (in_tmp / "catalog").mkdir()
    write(in_tmp / "catalog", HEAD + event("user.logged_in", "authentication"))
    (in_tmp / "registry.yaml").write_text("catalogs: [catalog/]\n", "utf-8")
    assert make_config(in_tmp).catalogs
    code, data = report()
    assert code == 1
    assert data["summary"]["events"] == 1


def test_an_event_of_your_own_replaces_the_baseline_one(tmp_path: Path) -> None:
    own = HEAD.replace("events:", "include: [builtin:security]\nevents:") + event(
        "user.signed_in", "authentication", "[success]"
    )
    catalog = write(tmp_path, own)
    lint = lint_text(tmp_path, own, name="app.yaml")
    assert [f.rule for f in lint.findings] == ["A005"]  # success only; no R003 duplicate
    assert lint.catalog.event("user.signed_in").outcomes == (Outcome.SUCCESS,)
    code, data = report(catalog)
    assert code == 1
    assert gaps(data) == ["baseline:authentication_failure", "baseline:login_failure"]
    result = run(catalog)
    assert "user.signed_in is in the catalog but does not cover it" in result.output

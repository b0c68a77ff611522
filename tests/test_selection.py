"""Which findings are reported and how severe: select/ignore by prefix (the longest
matching prefix wins, as in flake8), severity overrides, per-path ignores, strict mode."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from registry.findings import Severity
from registry.lint.engine import LintResult, lint

from conftest import lint_text, make_config

# Findings: N003 5:3 (error), N011 10:3 (warning), N005 15:3 (error),
# D002 21:18 (warning), N007 26:7 (error).
CATALOG = """\
domain: deployments
description: Release promotion and deploys.
owners: [platform-team]
events:
  user.promote_production:
    description: A user promoted a release from staging to production.
    category: deployment
    actor: [user]
    targets: [release]
  user.updated:
    description: A user changed something about their account.
    category: account_management
    actor: [user]
    targets: [user]
  user.promoted_test:
    description: A user promoted a release to the test environment.
    category: deployment
    actor: [user]
    targets: [release]
  user.promoted_release:
    description: Promoted release.
    category: deployment
    actor: [user]
    targets: [release]
    fields:
      releaseId: {type: string, description: Identifier of the release.}
"""
ALL = {"N003", "N011", "N005", "D002", "N007"}

# Only warnings: N011 5:3 and D002 11:18.
WARNINGS_ONLY = """\
domain: accounts
description: Account lifecycle.
owners: [identity-team]
events:
  user.updated:
    description: A user changed something about their account.
    category: account_management
    actor: [user]
    targets: [user]
  user.changed_email:
    description: Changed email.
    category: account_management
    actor: [user]
    targets: [user]
"""


def run(
    tmp_path: Path,
    text: str = CATALOG,
    *,
    config_yaml: str | None = None,
    name: str = "catalog.yaml",
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    strict: bool | None = None,
) -> LintResult:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    config = make_config(tmp_path, config_yaml)
    # The fixtures exercise naming and docs rules; privacy and audit rules have their own
    # cases (tests/rules/cases) and stay out of these findings.
    ignore = (*ignore, "A", "P")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return lint((name,), config, select=select, ignore=ignore, strict=strict)
    finally:
        os.chdir(cwd)


def codes(result: LintResult) -> set[str]:
    return {f.rule for f in result.findings}


def severities(result: LintResult) -> dict[str, Severity]:
    return {f.rule: f.severity for f in result.findings}


def test_everything_is_selected_by_default(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert [(f.rule, f.line, f.column) for f in result.findings] == [
        ("N003", 5, 3),
        ("N011", 10, 3),
        ("N005", 15, 3),
        ("D002", 21, 18),
        ("N007", 26, 7),
    ]
    assert severities(result) == {
        "N003": Severity.ERROR,
        "N011": Severity.WARNING,
        "N005": Severity.ERROR,
        "D002": Severity.WARNING,
        "N007": Severity.ERROR,
    }


# -- select / ignore --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        pytest.param((), (), ALL, id="default"),
        pytest.param(("N",), (), {"N003", "N011", "N005", "N007"}, id="select-family"),
        pytest.param(("D",), (), {"D002"}, id="select-other-family"),
        pytest.param(("N003", "D"), (), {"N003", "D002"}, id="select-code-and-family"),
        pytest.param(("N00",), (), {"N003", "N005", "N007"}, id="select-two-digit-prefix"),
        pytest.param((), ("N",), {"D002"}, id="ignore-family"),
        pytest.param(("N",), ("N0",), set(), id="ignore-N0-turns-off-all-N0xx"),
        pytest.param(("N",), ("N00",), {"N011"}, id="ignore-N00-keeps-N01x"),
        pytest.param(("N003",), ("N",), {"N003"}, id="longer-select-beats-shorter-ignore"),
        pytest.param(("N",), ("N003",), {"N011", "N005", "N007"}, id="longer-ignore-wins"),
        pytest.param(("N0",), ("N00", "N011"), set(), id="ignore-code-in-selected-prefix"),
        pytest.param(("N003",), ("N003",), set(), id="equal-length-ignore-wins"),
        pytest.param(
            ("N00", "N011"), ("N0",), ALL - {"D002"}, id="longer-selects-beat-shorter-ignore"
        ),
        pytest.param(("N0", "D"), ("N00", "D002"), {"N011"}, id="longest-match-per-code"),
        pytest.param(("",), ("D",), ALL - {"D002"}, id="empty-prefix-selects-all"),
    ],
)
def test_select_and_ignore_by_longest_prefix(
    tmp_path: Path, select: tuple[str, ...], ignore: tuple[str, ...], expected: set[str]
) -> None:
    assert codes(run(tmp_path, select=select, ignore=ignore)) == expected


def test_select_and_ignore_from_config(tmp_path: Path) -> None:
    result = run(tmp_path, config_yaml="select: [N]\nignore: [N0]\n")
    assert codes(result) == set()
    result = run(tmp_path, config_yaml="select: [N003]\nignore: [N]\n")
    assert codes(result) == {"N003"}


def test_command_line_select_replaces_config_select(tmp_path: Path) -> None:
    result = run(tmp_path, config_yaml="select: [D]\n", select=("N005",))
    assert codes(result) == {"N005"}


def test_command_line_ignore_adds_to_config_ignore(tmp_path: Path) -> None:
    result = run(tmp_path, config_yaml="ignore: [D]\n", ignore=("N00",))
    assert codes(result) == {"N011"}


def test_lint_text_select_argument(tmp_path: Path) -> None:
    result = lint_text(tmp_path, CATALOG, select=("N005", "N007"))
    assert codes(result) == {"N005", "N007"}


# -- severity overrides -----------------------------------------------------------------


def test_warning_raised_to_error(tmp_path: Path) -> None:
    result = run(tmp_path, WARNINGS_ONLY)
    assert severities(result) == {"N011": Severity.WARNING, "D002": Severity.WARNING}
    assert result.exit_code == 0
    result = run(tmp_path, WARNINGS_ONLY, config_yaml="rules: {N011: error}\n")
    assert severities(result) == {"N011": Severity.ERROR, "D002": Severity.WARNING}
    assert (result.errors, result.warnings) == (1, 1)
    assert result.exit_code == 1


def test_error_lowered_to_warning(tmp_path: Path) -> None:
    config = "rules:\n  N003: warning\n  N005: {severity: warning}\n  N007: warning\n"
    result = run(tmp_path, config_yaml=config)
    assert codes(result) == ALL
    assert set(severities(result).values()) == {Severity.WARNING}
    assert result.exit_code == 0


def test_rule_turned_off(tmp_path: Path) -> None:
    result = run(tmp_path, config_yaml='rules: {N003: "off", D002: {severity: "off"}}\n')
    assert codes(result) == ALL - {"N003", "D002"}


def test_severity_override_needs_the_rule_selected(tmp_path: Path) -> None:
    result = run(tmp_path, config_yaml="rules: {N011: error}\nignore: [N01]\n")
    assert "N011" not in codes(result)


def test_options_without_severity_keep_the_default_severity(tmp_path: Path) -> None:
    result = run(tmp_path, config_yaml="rules: {D002: {options: {min_words: 2}}}\n")
    assert severities(result)["D002"] is Severity.WARNING


def test_suppression_findings_follow_selection_and_severity(tmp_path: Path) -> None:
    text = CATALOG.replace(
        "  user.updated:\n",
        "  user.updated:\n    lint:\n      ignore: [{rule: N003, reason: not needed here}]\n",
    )
    result = run(tmp_path, text)
    assert [
        (f.rule, f.line, f.column, f.severity) for f in result.findings if f.rule[0] == "L"
    ] == [("L001", 12, 16, Severity.WARNING)]
    result = run(tmp_path, text, config_yaml="rules: {L001: error}\n")
    assert severities(result)["L001"] is Severity.ERROR
    assert "L001" not in codes(run(tmp_path, text, ignore=("L",)))
    assert "L001" not in codes(run(tmp_path, text, select=("N",)))


# -- per-path ignores -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("legacy/old.yaml", ALL - {"N003", "N005", "N007"}, id="matching-glob"),
        pytest.param("legacy/deep/old.yaml", ALL - {"N003", "N005", "N007"}, id="star-spans-dirs"),
        pytest.param("current/new.yaml", ALL, id="other-path"),
        pytest.param("legacy.yaml", ALL, id="glob-needs-the-directory"),
    ],
)
def test_per_path_ignores(tmp_path: Path, name: str, expected: set[str]) -> None:
    config = 'per_path_ignores:\n  "legacy/*": [N00]\n'
    assert codes(run(tmp_path, name=name, config_yaml=config)) == expected


def test_per_path_ignores_several_globs(tmp_path: Path) -> None:
    config = 'per_path_ignores:\n  "*.yaml": [D]\n  "team_*/*.yaml": [N011, N005]\n'
    result = run(tmp_path, name="team_a/events.yaml", config_yaml=config)
    assert codes(result) == {"N003", "N007"}
    result = run(tmp_path, name="events.yaml", config_yaml=config)
    assert codes(result) == ALL - {"D002"}


# -- strict -----------------------------------------------------------------------------


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    result = run(tmp_path, WARNINGS_ONLY)
    assert (result.errors, result.warnings, result.strict) == (0, 2, False)
    assert result.exit_code == 0


@pytest.mark.parametrize(
    "config_yaml", ["strict: true\n", "extends: strict\n"], ids=["strict-key", "strict-preset"]
)
def test_strict_config_makes_warnings_fail(tmp_path: Path, config_yaml: str) -> None:
    result = run(tmp_path, WARNINGS_ONLY, config_yaml=config_yaml)
    assert result.strict
    assert (result.errors, result.warnings) == (0, 2)
    assert result.exit_code == 1


def test_strict_argument_overrides_config(tmp_path: Path) -> None:
    assert run(tmp_path, WARNINGS_ONLY, strict=True).exit_code == 1
    assert run(tmp_path, WARNINGS_ONLY, config_yaml="strict: true\n", strict=False).exit_code == 0


def test_strict_with_no_findings_passes(tmp_path: Path) -> None:
    result = run(tmp_path, WARNINGS_ONLY, config_yaml="strict: true\nignore: [N011, D002]\n")
    assert result.findings == ()
    assert result.exit_code == 0


def test_strict_counts_only_reported_warnings(tmp_path: Path) -> None:
    config = "strict: true\nrules: {N011: 'off'}\nper_path_ignores:\n  '*.yaml': [D002]\n"
    assert run(tmp_path, WARNINGS_ONLY, config_yaml=config).exit_code == 0
    config = "strict: true\nrules: {N011: 'off'}\n"
    assert run(tmp_path, WARNINGS_ONLY, config_yaml=config).exit_code == 1

"""Table-driven rule tests: every `cases/<CODE>.yaml` lists catalogs and the exact
(line, column) of each finding of that rule.

Case file format::

    rule: N003
    cases:
      - name: base_form_verb_flagged
        catalog: |            # the whole catalog file
          ...
        config: |             # optional registry.yaml text
          naming: {verb_tense: base}
        expect: [[5, 3]]      # (line, column) of every finding of `rule`; [] for a pass
        xfail: why            # optional: a known bug outside the rule modules
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from registry.lint.rules import ALL_RULES

from conftest import lint_text

CASES_DIR = Path(__file__).parent / "cases"
SUPPRESSION_RULES = ("L001", "L002")
CASE_KEYS = {"name", "catalog", "config", "expect", "xfail"}
MIN_CASES = 4


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def _params() -> list[Any]:
    params = []
    for path in _case_files():
        data = _load(path)
        for case in data["cases"]:
            marks = (
                [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            )
            params.append(
                pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}", marks=marks)
            )
    return params


def _rules_needing_cases() -> set[str]:
    return {r.code for r in ALL_RULES if r.check is not None} | set(SUPPRESSION_RULES)


@pytest.mark.parametrize(("code", "case"), _params())
def test_rule_case(tmp_path: Path, code: str, case: dict[str, Any]) -> None:
    result = lint_text(tmp_path, case["catalog"], config_yaml=case.get("config"))
    found = sorted((f.line, f.column) for f in result.findings if f.rule == code)
    expected = sorted((line, column) for line, column in case["expect"])
    assert found == expected, "\n".join(
        f"{f.rule} {f.line}:{f.column} {f.message}" for f in result.findings
    )


def test_every_checked_rule_has_a_cases_file() -> None:
    have = {path.stem for path in _case_files()}
    missing = sorted(_rules_needing_cases() - have)
    assert not missing, f"rules without tests/rules/cases/<CODE>.yaml: {missing}"


@pytest.mark.parametrize("path", _case_files(), ids=lambda p: p.stem)
def test_cases_file_is_well_formed(path: Path) -> None:
    data = _load(path)
    assert data["rule"] == path.stem
    assert data["rule"] in _rules_needing_cases()
    cases = data["cases"]
    names = [case["name"] for case in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    assert len(cases) >= MIN_CASES
    for case in cases:
        assert set(case) <= CASE_KEYS, case["name"]
        assert isinstance(case["catalog"], str), case["name"]
        assert all(len(pair) == 2 for pair in case["expect"]), case["name"]
    # each rule needs both findings and clean catalogs
    assert any(case["expect"] for case in cases if "xfail" not in case)
    assert any(not case["expect"] for case in cases if "xfail" not in case)

"""Finding codes are written once: `registry.findings.codes` holds every code of the families
Y S R N P A B D L C with its name, default severity and summary; the pipeline uses its
constants, and the rules read their name, summary and severity from them."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import registry
from registry.checkevents import codes as stream_codes
from registry.cli import main
from registry.findings import Origin, Severity, finding_at, finding_at_line
from registry.findings.codes import (
    ALL_CODES,
    BY_ID,
    DUPLICATE_KEY,
    UNUSED_SUPPRESSION,
    Code,
    lookup,
)
from registry.findings.docs import DOCS
from registry.lint.rules import ALL_RULES, FAMILIES, LINT_RULES, Rule, by_code, get

PACKAGE = Path(registry.__file__).resolve().parent
CODE_LITERAL = re.compile(r"[A-Z][0-9]{3}")
"""A string that is nothing but a code, as in `"Y002"`."""
CODE_TABLES = {PACKAGE / "findings" / "codes.py", PACKAGE / "checkevents" / "codes.py"}
"""The only modules that spell a code's id."""
SEVERITY_CHOOSERS = {PACKAGE / "lint" / "selection.py", PACKAGE / "diff" / "compare.py"}
"""Callers that report a code at another severity than its default (configured; diff's)."""


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_module_outside_the_code_tables_spells_a_code() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {value!r}"
        for path in _sources()
        if path not in CODE_TABLES
        for line, value in _strings(ast.parse(path.read_text("utf-8")))
        if CODE_LITERAL.fullmatch(value)
    ]
    assert found == [], "use the constants of registry.findings.codes:\n" + "\n".join(found)


def test_the_source_check_sees_a_bare_code() -> None:
    tree = ast.parse('finding_at(origin, "Y002", "duplicate key")\nx = f"{a}"\n')
    assert [v for _, v in _strings(tree) if CODE_LITERAL.fullmatch(v)] == ["Y002"]


def test_only_the_code_table_writes_a_severity_for_a_code() -> None:
    """Rules, docs and finding constructors take the severity from the code; only the
    selection (the configured severity) and diff (a breaking change is an error) pass one."""
    passing = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("finding_at", "finding_at_line")
                and any(k.arg == "severity" for k in node.keywords)
            ):
                passing.add(path)
    assert passing <= SEVERITY_CHOOSERS, sorted(str(p) for p in passing - SEVERITY_CHOOSERS)
    for path in [*(PACKAGE / "lint" / "rules").glob("*.py"), *PACKAGE.glob("findings/docs*.py")]:
        assert "Severity." not in path.read_text("utf-8"), path


def test_codes_are_unique_well_formed_and_in_family_order() -> None:
    ids = [code.id for code in ALL_CODES]
    assert len(ids) == len(set(ids)) == len(BY_ID)
    assert len({code.name for code in ALL_CODES}) == len(ids)
    assert all(re.fullmatch(r"[YSRNPABDLC][0-9]{3}", i) for i in ids), ids
    assert "".join(dict.fromkeys(code.family for code in ALL_CODES)) == "".join(FAMILIES)
    for family in FAMILIES:
        numbers = [int(c.id[1:]) for c in ALL_CODES if c.family == family]
        assert numbers == list(range(1, len(numbers) + 1)), family
    assert all(code.summary.strip() and code.name.strip() for code in ALL_CODES)
    assert all(isinstance(code.severity, Severity) for code in ALL_CODES)


def test_a_code_is_its_id_in_text_and_can_be_looked_up() -> None:
    assert str(DUPLICATE_KEY) == "Y002"
    assert f"{DUPLICATE_KEY}" == "Y002"
    assert DUPLICATE_KEY.name == "loading.duplicate-key"
    assert DUPLICATE_KEY.severity is Severity.ERROR
    assert lookup("Y002") is DUPLICATE_KEY
    with pytest.raises(KeyError):
        lookup("Q999")
    with pytest.raises(dataclasses.FrozenInstanceError):
        DUPLICATE_KEY.severity = Severity.WARNING  # type: ignore[misc]


def test_findings_carry_the_id_and_the_default_severity_of_their_code() -> None:
    finding = finding_at(Origin("a.yaml", ("events",)), UNUSED_SUPPRESSION, "unused")
    assert (finding.rule, finding.severity) == ("L001", Severity.WARNING)
    raised = finding_at(Origin("a.yaml"), UNUSED_SUPPRESSION, "x", severity=Severity.ERROR)
    assert raised.severity is Severity.ERROR
    located = finding_at_line("a.yaml", 3, 5, DUPLICATE_KEY, "dup", hint="remove it")
    assert (located.rule, located.severity, located.line, located.hint) == (
        "Y002",
        Severity.ERROR,
        3,
        "remove it",
    )


@pytest.mark.parametrize("code", ALL_CODES, ids=str)
def test_every_code_is_explained(code: Code) -> None:
    result = CliRunner().invoke(main, ["explain", code.id])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == [f"{code.id} {code.name} ({code.severity})", "", code.summary]
    assert "What it does" in lines
    assert "Why it matters" in lines
    assert "Use instead" in lines


def test_rules_take_code_name_summary_and_severity_from_their_code() -> None:
    assert not {"code", "name", "summary", "severity"} & {
        field.name for field in dataclasses.fields(Rule)
    }
    assert [rule.spec for rule in ALL_RULES] == list(ALL_CODES)
    for rule in ALL_RULES:
        spec = lookup(rule.code)
        assert rule.spec is spec
        assert (rule.code, rule.name, rule.summary, rule.severity) == (
            spec.id,
            spec.name,
            spec.summary,
            spec.severity,
        )
        assert rule.family == spec.family
        assert by_code()[spec.id] is rule
        assert get(spec.id.lower()) is rule


def test_a_code_has_a_lint_rule_or_docs_beside_the_codes_never_both() -> None:
    checked = {rule.spec for rule in LINT_RULES}
    assert all(rule.check is not None for rule in LINT_RULES)
    assert [rule for rule in ALL_RULES if rule.check is not None] == list(LINT_RULES)
    assert not checked & set(DOCS)
    assert checked | set(DOCS) == set(ALL_CODES)
    for rule in ALL_RULES:
        assert (rule.check is not None) == (rule.spec in checked)
        if rule.check is None:
            assert rule.docs is DOCS[rule.spec]
            assert not rule.options


def test_the_rules_package_holds_only_rules_with_a_check() -> None:
    folder = PACKAGE / "lint" / "rules"
    modules = sorted(
        p.stem for p in folder.glob("*.py") if not p.stem.startswith("_") and p.stem != "base"
    )
    assert all(re.fullmatch(r"[a-z][0-9]{3}_[a-z0-9_]+", m) for m in modules), modules
    listed = sorted(f"{rule.code.lower()}_" for rule in LINT_RULES)
    assert [m[:5] for m in modules] == listed


def test_stream_codes_share_the_code_type() -> None:
    assert all(isinstance(code, Code) for code in stream_codes.CODES)
    assert all(code.family == "E" for code in stream_codes.CODES)
    assert {code.id for code in stream_codes.CODES}.isdisjoint(BY_ID)
    assert stream_codes.BY_CODE[stream_codes.NOT_JSON].code == stream_codes.NOT_JSON
    assert stream_codes.severity(stream_codes.TORN) is Severity.WARNING

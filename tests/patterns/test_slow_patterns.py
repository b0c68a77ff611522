"""R013 findings: the exact code, line and column of the quantifier, and the analysis's
behaviour on any input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.catalog.pattern_position import column_in_scalar
from registry.catalog.patterns import slow_pattern
from registry.catalog.usable_pattern import pattern_problem
from registry.findings.codes import INVALID_PATTERN, SLOW_PATTERN

from conftest import lint_text

HEAD = (
    "domain: communication\n"
    "description: Team chat.\n"
    "owners: [chat-team]\n"
    "events:\n"
    "  user.added_bot:\n"
    "    description: A user added a bot to a channel.\n"
    "    category: integration\n"
    "    actor: [user]\n"
    "    targets: [channel]\n"
    "    fields:\n"
    "      bot_id:\n"
    "        type: string\n"
    "        description: Identifier of the bot.\n"
)

# (the pattern line as written in YAML, code or None, line, column)
CASES = [
    ("        pattern: ^(a+)+$\n", SLOW_PATTERN.id, 14, 23),
    ("        pattern: '^(a+)+$'\n", SLOW_PATTERN.id, 14, 24),
    ('        pattern: "^(a+)+$"\n', SLOW_PATTERN.id, 14, 24),
    ('        pattern: "^\\\\d+\\\\d+$"\n', SLOW_PATTERN.id, 14, 27),
    ("        pattern: ^\\d+\\d+$\n", SLOW_PATTERN.id, 14, 24),
    ("        pattern: '^it''s(a|b|ab)*c$'\n", SLOW_PATTERN.id, 14, 33),
    ("        pattern: '[a-z]+x'\n", SLOW_PATTERN.id, 14, 24),
    ('        pattern: "\\u005E(a+)+$"\n', SLOW_PATTERN.id, 14, 18),  # escape: scalar start
    ("        pattern: |-\n          ^(a+)+$\n", SLOW_PATTERN.id, 14, 18),  # block: start
    ("        pattern: '^(\\w+)\\s\\1$'\n", SLOW_PATTERN.id, 14, 18),  # backreference
    ("        pattern: '^bot_[a-z0-9]{8,}$'\n", None, 0, 0),
    ("        pattern: '^(?>a+)+$'\n", None, 0, 0),
    ("        pattern: '^(a++)+$'\n", None, 0, 0),
    ("        pattern: '\\d+'\n", None, 0, 0),
    ("        pattern: '^[a-z]+(?:-[a-z]+)*$'\n", None, 0, 0),
    ("        pattern: '^(a+'\n", INVALID_PATTERN.id, 14, 18),
]


@pytest.mark.parametrize(
    ("line", "code", "row", "column"), CASES, ids=[c[0].strip() for c in CASES]
)
def test_finding_points_at_the_quantifier(
    tmp_path: Path, line: str, code: str | None, row: int, column: int
) -> None:
    codes = (SLOW_PATTERN.id, INVALID_PATTERN.id)  # R014 (searched, no max_length) aside
    findings = [f for f in lint_text(tmp_path, HEAD + line).findings if f.rule in codes]
    if code is None:
        assert findings == []
        return
    assert [(f.rule, f.line, f.column) for f in findings] == [(code, row, column)]


def test_message_names_the_construct_and_the_hint_the_rewrite() -> None:
    slow = slow_pattern("^(a+)+$")
    assert slow is not None
    assert slow.offset == 5
    assert "`(a+)+`" in slow.message
    assert "exponential" in slow.message
    assert "possessive" in slow.hint
    assert "(?>" in slow.hint
    search = slow_pattern("[a-z]+x")
    assert search is not None
    assert "every start position" in search.message
    assert "`^`" in search.hint


@pytest.mark.parametrize(
    ("line", "column", "value", "offset", "expected"),
    [
        ("p: ab+", 4, "ab+", 2, 6),
        ("p: 'a''b+'", 4, "a'b+", 3, 9),
        ('p: "a\\\\b+"', 4, "a\\b+", 3, 9),
        ('p: "a\\x41+"', 4, "aA+", 2, None),
        ("p: ab+", 4, "ax+", 2, None),
        ("p: ab", 4, "ab+", 2, None),
    ],
)
def test_column_in_scalar(
    line: str, column: int, value: str, offset: int, expected: int | None
) -> None:
    assert column_in_scalar(line, column, value, offset) == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="ab()|*+?{},0123456789^$\\.[]-dws:=!<>#", max_size=40))
def test_analysis_never_raises_and_is_fast(pattern: str) -> None:
    """On every pattern resolve lets through to R013 (`pattern_problem` finds none)."""
    if pattern_problem(pattern) is not None:
        return
    start = time.perf_counter()
    slow_pattern.__wrapped__(pattern)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    "pattern",
    [
        "a" * 10_000,
        "(?:ab|cd)" * 1_200,
        "(" * 90 + "a+" + ")+" * 90,
        "[a-z]" * 2_000 + "x",
        "|".join(f"{n:05d}" for n in range(1_700)),
        "(?:a{30}){30}" * 10,
    ],
    ids=["literal", "alternations", "nesting", "classes", "branches", "counted"],
)
def test_a_huge_pattern_analyses_in_bounded_time(pattern: str) -> None:
    assert len(pattern) >= 100
    start = time.perf_counter()
    slow_pattern.__wrapped__(pattern)
    assert time.perf_counter() - start < 3.0

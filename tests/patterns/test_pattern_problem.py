"""`pattern_problem`: the one test of whether a catalog pattern is usable (R008, shared by
resolve and R014), with the nesting limit that makes its answer the same in every command."""

from __future__ import annotations

import pytest

from registry.catalog.usable_pattern import MAX_GROUP_DEPTH, group_depth, pattern_problem


@pytest.mark.parametrize(
    ("pattern", "depth"),
    [
        ("abc", 0),
        ("(a)", 1),
        ("((a))", 2),
        ("(a)(b)", 1),
        ("(?:(a)|(b))", 2),
        (r"\(\(a", 0),
        ("[(]", 0),
        ("[]()]", 0),
        ("[^]()]", 0),
        (r"[\]((]", 0),
        ("[(]" * 5 + "((x))", 2),
        ("(" * 3 + "a", 3),
        (")(a)", 1),
    ],
)
def test_group_depth(pattern: str, depth: int) -> None:
    assert group_depth(pattern) == depth


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("^[a-z]{3}$", None),
        ("(" * MAX_GROUP_DEPTH + "a" + ")" * MAX_GROUP_DEPTH, None),
        (
            "(" * (MAX_GROUP_DEPTH + 1) + "a" + ")" * (MAX_GROUP_DEPTH + 1),
            "its groups nest 101 levels deep, more than the 100 supported",
        ),
        ("(?:" * 2000 + "a" + ")" * 2000, "more than the 100 supported"),
        ("a{99999999999}", "the repetition number is too large"),
        ("^[a-z+$", "not a valid regular expression"),
        ("[[a-z]--x]", "pattern is ambiguous"),
    ],
)
def test_pattern_problem(pattern: str, problem: str | None) -> None:
    found = pattern_problem(pattern)
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert problem in found

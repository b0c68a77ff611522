"""The white space an e-mail address cannot hold is one list, spelled out the same in both
runtimes (`\\s` means different characters in Python's `re` and in JavaScript); the verdicts on
each such character are in conformance_cases.py (`string_email`) and, for Node against
Python, in tests/vectors/hash_v1.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from registry_runtime.checks import EMAIL_SPACE_CLASS, is_email
from registry_runtime.redact import EMAIL_SPACE

CHECKS_TS = Path(__file__).parents[2] / "generators" / "typescript" / "runtime" / "checks.ts"


def test_checks_ts_spells_the_same_class() -> None:
    literal = json.dumps(EMAIL_SPACE_CLASS)  # the TypeScript string literal of the same text
    assert f"export const EMAIL_SPACE =\n  {literal};" in CHECKS_TS.read_text("utf-8")


def test_the_class_is_exactly_the_trimmed_white_space() -> None:
    inside = re.compile(f"[{EMAIL_SPACE_CLASS}]")
    matched = {chr(point) for point in range(0x10000) if inside.fullmatch(chr(point))}
    assert matched == set(EMAIL_SPACE)


@pytest.mark.parametrize("space", sorted(EMAIL_SPACE))
def test_no_white_space_inside_an_address(space: str) -> None:
    assert not is_email(f"a{space}da@example.com")
    assert not is_email(f"ada@exa{space}mple.com")

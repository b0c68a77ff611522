"""How profiles are read (issue 14, item 6): shipped profiles through libyaml and jsonschema-rs,
with the same result as the pure-Python reader and the same located messages when something
is wrong; a docs run's profiles do not import jsonschema."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from registry.coverage import ProfileError, shipped_names
from registry.coverage.profiles import PROFILES_DIR, _parse

BROKEN = [
    ("profile: x\ntitle: [unclosed\n", "x.yaml:3:1: not valid YAML: expected ',' or ']', but got"),
    ("a: &a [x, x]\nb: &b [*a, *a]\n", "x.yaml:2: aliases (*name) are not allowed in profiles"),
    ("profile: x\ntitle: X\ntitle: Y\n", "x.yaml:3: key 'title' is given twice"),
    (
        "a:\n" + "".join("  " * n + "- \n" for n in range(1, 40)),
        "x.yaml:33: nesting deeper than 32 levels",
    ),
    ("- just a list\n", "x.yaml:1: (top level): ['just a list'] is not of type 'object'"),
    (
        "profile: x\ntitle: X\nrequirements:\n  - id: a\n    title: A\n    requird: true\n",
        "x.yaml:4: requirements/0: Additional properties are not allowed ('requird'",
    ),
    (
        "profile: x\ntitle: X\nsource: 2024-01-01\nrequirements: [{id: a, title: A}]\n",
        "x.yaml:3: source: datetime.date(2024, 1, 1) is not of type 'string'",
    ),
]


@pytest.mark.parametrize("name", shipped_names())
def test_a_shipped_profile_reads_the_same_through_both_readers(name: str) -> None:
    text = (PROFILES_DIR / f"{name}.yaml").read_text("utf-8")
    fast = _parse(text, name, shipped=True)
    slow = _parse(text, name, shipped=False)
    assert fast.requirements
    assert fast == dataclasses.replace(slow, path=None)


@pytest.mark.parametrize(("text", "message"), BROKEN)
@pytest.mark.parametrize("shipped", [True, False], ids=["shipped", "team"])
def test_what_is_wrong_is_said_in_the_same_words_by_either_reader(
    text: str, message: str, shipped: bool
) -> None:
    with pytest.raises(ProfileError) as raised:
        _parse(text, "x.yaml", shipped=shipped)
    assert str(raised.value).startswith(message)


def test_reading_the_shipped_profiles_does_not_import_jsonschema() -> None:
    code = (
        "import sys\n"
        "from registry.coverage import load_profiles, shipped_names\n"
        "assert len(load_profiles(shipped_names()).known) == len(shipped_names())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jsonschema'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"

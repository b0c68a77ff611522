"""check-events' pattern search (`registry.checkevents.patterns`) answers as `re` does.

RE2 searches long values (issue 15: bounded repetitions and long alternations cost `re` work
at every start position); it is used only where it reads the pattern as `re` does and the
value cannot tell the engines apart. Every case here is checked on a short value (`re`) and
on the same value padded past `SHORT` (RE2 where it applies), against `re.search`.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from registry.catalog.patterns import slow_pattern
from registry.checkevents.patterns import RE2, SHORT, for_re2, pattern_search

if RE2 is None and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    pytest.fail("CI=true but google-re2 (the re2 extra) is not installed", pytrace=False)
needs_re2 = pytest.mark.skipif(RE2 is None, reason="google-re2 (the re2 extra) is not installed")

PAD = "~" * (SHORT + 1)

# (pattern, text): each searched as is and after PAD, and compared with `re`
CASES = [
    (r"[0-9]{2,12}(-[0-9A-Z]{,30})?-[0-9]{2}", "1234-AB-56"),  # {,30} is {0,30} to `re`
    (r"a{,3}b", "aab"),
    (r"a{,3}b", "a{,3}b"),  # RE2 would read {,3} as text
    (r"a\{,3}b", "a{,3}b"),  # an escaped brace is text to both
    (r"[[:alpha:]]+", "abc"),  # a POSIX class to RE2, a set and a ] to `re`
    (r"[[:alpha:]]+", "a]"),
    (r"^\d{3}$", "١٢٣"),  # Arabic-Indic digits: `re`'s \d takes them, RE2's does not
    (r"\d{3}", "x١٢٣x"),
    (r"\w+é", "café"),
    (r"(?i)STRASSE", "strasse"),
    (r"(?i)k", "\u212a"),  # the Kelvin sign folds to k in `re`
    (r"end$", "the end\n"),  # `re`'s $ matches before a final line break
    (r"a\sb", "a\x1cb"),  # `re`'s \s takes \x1c-\x1f and \v, RE2's does not
    (r"a\sb", "a\vb"),
    (r"a\Sb", "a\x1fb"),
    (r"\bword\b", "a word here"),
    (r"^ord_[a-z0-9]{8}$", "ord_8f3k2m1q"),
    (r"(a)\1", "xaa"),  # RE2 refuses backreferences: `re`
    (r"(?=.*[0-9])[a-z]+", "abc1"),  # lookaround: `re`
    (r"colou?r", "the color red"),
    (r"\Aab", "ab"),
    (r"ab\Z", "ab"),
]


@pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning")
@pytest.mark.parametrize(("pattern", "text"), CASES, ids=[f"{p} {t!r}" for p, t in CASES])
@pytest.mark.parametrize("engine", [RE2, None], ids=["google-re2", "re"])
def test_the_search_answers_as_re_does(pattern: str, text: str, engine: object) -> None:
    search = pattern_search(pattern, engine)  # type: ignore[arg-type]
    for value in (text, text + PAD, PAD + text):
        assert search(value) == (re.search(pattern, value) is not None), repr(value[:40])


@pytest.mark.parametrize(
    ("pattern", "written"),
    [
        (r"a{,3}", "a{0,3}"),
        (r"a\{,3}", r"a\{,3}"),
        (r"a\\{,3}", r"a\\{0,3}"),
        (r"x{,2}y{,}", "x{0,2}y{0,}"),
        (r"[0-9]{2,12}", "[0-9]{2,12}"),
        (r"[[:digit:]]", None),
        (r"[[=a=]]", None),
        (r"é+", None),
    ],
)
def test_for_re2_writes_the_pattern_as_re_reads_it(pattern: str, written: str | None) -> None:
    assert for_re2(pattern) == written


PIECES = st.sampled_from(
    [r"\d", r"\w", r"\s", r"\S", "[0-9]", "[a-z]", "a", "-", ".", r"\b", "é", "(?:a|bc)"]
)
QUANTIFIERS = st.sampled_from(["", "?", "*", "+", "{2}", "{,3}", "{1,4}", "{2,}"])
ANCHORS = st.sampled_from(["", "^", "$"])


@st.composite
def patterns(draw: st.DrawFn) -> str:
    body = "".join(draw(PIECES) + draw(QUANTIFIERS) for _ in range(draw(st.integers(1, 4))))
    return draw(ANCHORS).replace("$", "") + body + draw(ANCHORS).replace("^", "")


TEXT = st.lists(
    st.sampled_from(["a", "bc", "1", "12", " ", "-", "_", "é", "١٢٣", "\n", "\v", "\x1c", "{,3}"]),
    max_size=6,
).map("".join)
"""Runs of the characters that tell the engines apart (non-ASCII digits and letters, final
line breaks, the spaces only `re` knows) among ones both read alike."""


@needs_re2
@settings(max_examples=200, deadline=None)
@given(patterns(), TEXT, TEXT)
def test_property_long_values_get_the_answer_of_re(pattern: str, head: str, tail: str) -> None:
    """Random patterns that lint clean, of the pieces whose meaning differs between the
    engines, on values long enough for RE2, with the characters that tell the engines apart.
    (A pattern `registry lint` refuses is searched with RE2 whatever the value: safety
    first, the differences accepted.)"""
    try:
        re.compile(pattern)
    except re.error:
        assume(False)
    assume(slow_pattern(pattern) is None)  # lint refuses the others: RE2 on every value
    search = pattern_search(pattern, RE2)
    for value in (head + PAD + tail, head + tail + PAD, PAD + head + tail):
        assert search(value) == (re.search(pattern, value) is not None), (pattern, value[-30:])

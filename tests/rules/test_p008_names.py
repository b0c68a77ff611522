"""P008's judgement of names, over names hypothesis writes (any case, any separator)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from registry.lint.rules.p008_opaque_value import OPAQUE_NOUNS, POSITION_WORDS, opaque_name

_POSITION = st.lists(st.sampled_from(sorted(POSITION_WORDS)), max_size=2)
_SEPARATORS = st.sampled_from(["_", "-", ""])


def _spell(words: list[str], separator: str) -> str:
    if separator:
        return separator.join(words)
    return words[0] + "".join(w.capitalize() for w in words[1:])  # camelCase


@given(
    before=_POSITION,
    noun=st.sampled_from(sorted(OPAQUE_NOUNS)),
    after=_POSITION,
    separator=_SEPARATORS,
)
def test_a_slot_noun_with_position_words_is_opaque(
    before: list[str], noun: str, after: list[str], separator: str
) -> None:
    assert opaque_name(_spell([*before, noun, *after], separator))


@given(
    qualifier=st.lists(st.sampled_from(sorted(OPAQUE_NOUNS | POSITION_WORDS)), max_size=2),
    noun=st.sampled_from(["role", "email", "plan", "retention_days", "region", "quota"]),
    after=_POSITION,
    separator=_SEPARATORS,
)
def test_a_name_that_ends_in_what_it_holds_is_not_opaque(
    qualifier: list[str], noun: str, after: list[str], separator: str
) -> None:
    words = [*qualifier, *noun.split("_"), *after]
    assert not opaque_name(_spell(words, separator))


@given(st.lists(st.sampled_from(sorted(POSITION_WORDS)), min_size=1, max_size=3))
def test_only_position_words_name_nothing(words: list[str]) -> None:
    assert opaque_name("_".join(words))

"""Properties of the word checks of the naming rules (issue 17): N014's one-typo test and its
deletion index agree with a plain pairwise search; N013 and N015 on open-ended names."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from registry.lint.rules.n013_two_actions import two_actions
from registry.lint.rules.n014_misspelt_word import near_misses, one_edit
from registry.lint.rules.n015_repeated_object import repeated

WORD = st.text(alphabet="abcdefghij", min_size=5, max_size=12)


@given(WORD, st.data())
def test_an_interior_letter_removed_is_one_edit(word: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=1, max_value=len(word) - 2))
    typo = word[:index] + word[index + 1 :]
    if typo != word:
        assert one_edit(typo, word) or word[index] == word[index - 1] or word[index] == word[-1]


@given(WORD, WORD)
def test_one_edit_is_symmetric(word: str, other: str) -> None:
    assert one_edit(word, other) == one_edit(other, word)


@given(WORD)
def test_a_word_is_not_its_own_typo(word: str) -> None:
    assert not one_edit(word, word)


@given(st.lists(WORD, min_size=1, max_size=30), st.data())
def test_the_deletion_index_finds_what_a_pairwise_search_finds(
    vocabulary: list[str], data: st.DataObject
) -> None:
    counts = Counter({word: data.draw(st.integers(1, 4)) for word in vocabulary})
    found = near_misses(counts)
    for word, other in found.items():
        assert one_edit(word, other)
        assert counts[other] >= counts[word]
    for word in counts:
        pairwise = [
            o
            for o in counts
            if o != word
            and one_edit(word, o)
            and (counts[o] > counts[word] or (counts[o] == counts[word] and o < word))
        ]
        if not pairwise:
            assert word not in found


@given(st.lists(st.sampled_from(["user", "role", "team", "key", "x"]), min_size=1, max_size=6))
def test_names_without_verbs_never_name_two_actions_or_repeat_the_object(
    words: list[str],
) -> None:
    assert two_actions(tuple(words)) is None
    assert repeated("user", tuple(words), ".") is None

"""The one pass over a long value (`registry.privacy.valueshape`) only skips recognisers that
cannot match: each condition holds wherever its recogniser finds something, so a long value
is reported exactly as it is when every recogniser runs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.privacy import leaks
from registry.privacy.valueshape import ANY, LONG, shape_of

PAD = "x" * LONG + " "

# (value, the kind it holds): each recogniser the shape gates, at the edges of its condition
FOUND = [
    ("ada@example.org", leaks.EMAIL),
    ("+44 7700 900469", leaks.PHONE_NUMBER),
    ("(212) 555-0143", leaks.PHONE_NUMBER),
    ("4111 1111 1111 1111", leaks.CARD_NUMBER),
    ("4111-1111-1111-1111", leaks.CARD_NUMBER),
    ("4111111111111111", leaks.CARD_NUMBER),  # one word of 16 digits
    ("+447700900469", leaks.PHONE_NUMBER),
    ("386-23-0530", leaks.NATIONAL_ID),  # US SSN, its own grouping
    ("111.444.777-35", leaks.NATIONAL_ID),  # Brazilian CPF
    ("X1234567L", leaks.NATIONAL_ID),  # Spanish NIE: capitals before and after the digits
    ("RSSMRA85T10A562S", leaks.NATIONAL_ID),  # codice fiscale: no six digits in a row
    ("fe80::1ff:fe23:4567:890a", leaks.IP_ADDRESS),
    ("::ffff:192.0.2.128", leaks.IP_ADDRESS),
    ("figd_Qm7Xp2LwR9tZc4VnB8yHs1KdF6gJe3Ua5WqT", leaks.SECRET),  # issuer-shaped token
    ("h7Rk2Lp9QwXz4Vn8Bt3Mc6Yd1Fg5Js0HaWe7Ur2K", leaks.SECRET),  # 40 of base64, no prefix
    ("Basic " + "dXNlcjpwYXNzd29yZA==", leaks.SECRET),
    ("qq_tok_6JVR7siFTrUT_LzFoJusTeKuD", leaks.SECRET),  # `_` in an issuer token's body
    ("V1NIuk8Io5yaGKbXJD2aSJd7n2Khd9fsuUeRSeZ5JHY0i9Lo7f3V", leaks.SECRET),  # 52, no prefix
    ("rk_acct_BU8Tf7SJ:Fmi7ZCPvmW0QdpaJD6oCzf", leaks.SECRET),  # a key id and its secret
]


@pytest.mark.parametrize(("value", "kind"), FOUND, ids=[kind for _, kind in FOUND])
@pytest.mark.parametrize("where", ["after", "before", "repeated"])
def test_a_padded_value_is_reported_as_without_the_shape(value: str, kind: str, where: str) -> None:
    alone = leaks.find_leaks(value)
    assert kind in [leak.kind for leak in alone]
    long = {"after": PAD + value, "before": value + " " + PAD, "repeated": (value + " ") * LONG}
    assert shape_of(long[where]) is not ANY
    if where != "repeated":  # repeated, digits of two copies may join into another number
        assert kind in [leak.kind for leak in leaks.find_leaks(long[where])]
    assert leaks.find_leaks(long[where]) == _unshaped(long[where])


@pytest.mark.parametrize(
    ("value", "condition"),
    [
        ("0123456789abcdef0123@h ", "digit_word"),  # digits glued to letters: no phone, card
        ("a1234567b ", "id_word"),  # small letters: no national identifier
        ("12345x", "six_digits"),
        ("(1) (2) ", "phone_digits"),  # three separators between digits break a chain
        ("4111 1111 1111  1111x", "card_digits"),  # two spaces break a card's chain
        ("Ab1+" * 11 + "_", "urlsafe_run"),  # `+` breaks every run of a URL-safe token
    ],
)
def test_a_near_miss_fails_its_condition(value: str, condition: str) -> None:
    shape = shape_of(value * (LONG // len(value) + 1))
    assert getattr(shape, condition) is False


def test_a_short_value_is_not_mapped() -> None:
    assert shape_of("x" * (LONG - 1)) is ANY
    assert (ANY.digit_word, ANY.card_digits, ANY.key_run) == (True, True, 40)


def _unshaped(text: str) -> list[leaks.Leak]:
    """What every recogniser finds in ``text``, none skipped by the shape."""
    namespace = vars(leaks)
    original = namespace["shape_of"]
    try:
        namespace["shape_of"] = lambda _: ANY
        return leaks.find_leaks(text)
    finally:
        namespace["shape_of"] = original


PIECES = [" ", "-", ".", "(", ")", "@", ":", "/", "_", "+", "=", "A", "a", "0", "7", "X1234567L",
          "4111 1111 1111 1111", "+44 7700 900469", "ada@example.org", "386-23-0530", "::1",
          "fe80::1", "aB3kZ9qWx", "é", "password=", "https://"]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30), st.sampled_from(PIECES))
def test_the_shape_never_hides_what_each_piece_holds(pieces: list[str], planted: str) -> None:
    """A long value built of pieces is reported as a scan without the shape reports it."""
    unit = "".join(pieces)
    text = (unit * (LONG // len(unit) + 1)) + " " + planted
    assert leaks.find_leaks(text) == _unshaped(text)

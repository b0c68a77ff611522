"""One cheap pass over a long value that tells each recogniser whether it can match at all.

A recogniser's expression costs a match attempt at every position where it may start, and a
value built of near misses (digits glued to letters, long runs of a token's alphabet) makes
every attempt fail late. `shape_of` maps the value, once, to a few byte strings of character
classes (`bytes.translate` runs at memory speed) and tests in them the necessary conditions
of the recognisers: a digit word, six or more digits in a row once separators are taken out,
a run of a key's alphabet. A recogniser whose condition does not hold is not run. Each
condition is implied by every match of the expression it guards (the docstrings of `Shape`
say why), so what is found does not change: only the time to find nothing.

Values shorter than `LONG` are not mapped: there the expressions are cheaper than the
mapping, and every condition is taken to hold (`Shape.ANY`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

LONG: Final = 1024
"""Values at least this long are mapped (shorter ones cost a few microseconds to search)."""


class Shape:
    """The necessary conditions of the recognisers in one value, each computed when first
    asked (a recogniser that another one's find makes moot never pays for its view). A
    "word" is a maximal run of ASCII letters and digits; a "chain" is digits joined by the
    separators a recogniser allows. A value shorter than `LONG` (``text=None``) allows
    everything."""

    def __init__(self, text: str | None) -> None:
        # one byte per character, ``?`` where not ASCII: the views keep every class apart
        self._ascii = None if text is None else text.encode("ascii", "replace")

    @functools.cached_property
    def _words(self) -> bytes:
        assert self._ascii is not None
        return b" " + self._ascii.translate(_WORDS) + b" "

    @functools.cached_property
    def _keys(self) -> bytes:
        assert self._ascii is not None
        return self._ascii.translate(_KEYS)

    @functools.cached_property
    def digit_word(self) -> bool:
        """A word of 1 to 19 digits alone. Every phone-number candidate (at most 15 digits)
        and card candidate (at most 19) starts at a digit that follows no letter or digit
        and runs through digits until a separator or its end, which no letter or digit
        follows: its first word."""
        if self._ascii is None:
            return True
        words = self._words
        # `in` first: its search skips a run of one class faster than `re` finds a prefix
        return b" 0" in words and _DIGIT_WORD.search(words) is not None

    @functools.cached_property
    def id_word(self) -> bool:
        """A word of capitals and digits, at most six capitals before its first digit and at
        most 30 characters after it: the first word of every national identifier candidate
        (it starts after no letter or digit, its leading capitals join its first digit,
        and it ends before no letter or digit)."""
        if self._ascii is None or self.digit_word:
            return True
        words = self._words
        return any(lead in words and word.search(words) is not None for lead, word in _ID_WORDS)

    @functools.cached_property
    def six_digits(self) -> bool:
        """Six digits joined by single ``space . / -``: what `_SIX_DIGITS` finds."""
        return self._ascii is None or _SIX.holds(self._ascii)

    @functools.cached_property
    def phone_digits(self) -> bool:
        """A digit word and eight digits joined by up to two of ``space ( ) . -``: what every
        phone-number candidate holds."""
        return self._ascii is None or (self.digit_word and _PHONE.holds(self._ascii))

    @functools.cached_property
    def card_digits(self) -> bool:
        """A digit word and thirteen digits joined by single spaces or dashes: what every card
        number holds."""
        return self._ascii is None or (self.digit_word and _CARD.holds(self._ascii))

    @functools.cached_property
    def key_run(self) -> int:
        """The longest run of ``A-Za-z0-9+/_-``, capped at 40: 32 for the issuer-token
        search (its body), 40 for a key without a prefix (group 1 of `_BASE64_KEY`)."""
        if self._ascii is None:
            return 40
        alphabet = self._keys.translate(_KEY_ALPHABET)
        return 40 if b"k" * 40 in alphabet else 32 if b"k" * 32 in alphabet else 0

    @functools.cached_property
    def urlsafe_run(self) -> bool:
        """41 characters of ``A-Za-z0-9_-`` in a row: what a long token without a prefix is
        (`registry.privacy.secrets._LONG_TOKEN`)."""
        return self._ascii is None or b"k" * 41 in self._ascii.translate(_URLSAFE)

    @property
    def mapped(self) -> bool:
        """Whether the value was mapped (long): then `key_run` is exact, not a bound."""
        return self._ascii is not None


ANY: Final = Shape(None)
"""What a short value is taken to allow: everything."""


def _table(classes: dict[str, str], default: str) -> bytes:
    table = bytearray(default.encode() * 256)
    for chars, cls in classes.items():
        for char in chars:
            table[ord(char)] = ord(cls)
    return bytes(table)


_DIGITS: Final = "0123456789"
_UPPER: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER: Final = _UPPER.lower()
_WORDS: Final = _table({_DIGITS: "0", _UPPER: "A", _LOWER: "a"}, " ")
"""Digits to ``0``, capitals to ``A``, small letters to ``a``, anything else to a space."""
_KEYS: Final = _table({_DIGITS + _UPPER + _LOWER: "k", "+/_-": "+"}, " ")
_KEY_ALPHABET: Final = _table({"k+": "k"}, " ")
_URLSAFE: Final = _table({_DIGITS + _UPPER + _LOWER + "_-": "k"}, " ")
_DIGIT_WORD: Final = re.compile(rb" 0{1,19}+ ")
_ID_WORDS: Final = (
    (b" 0", re.compile(rb" 0[0A]{0,30}+ ")),
    (b" A", re.compile(rb" A{1,6}+0[0A]{0,30}+ ")),
)
"""Led by two literal bytes each, so `re` looks only at the words that start so."""


@dataclass(frozen=True, slots=True)
class _Chain:
    """Digits joined by at most ``most`` of ``separators`` in a row: the value is mapped to
    digits ``0``, separators ``s`` and anything else ``x``; a run of more than ``most``
    separators becomes ``x`` and the others are taken out, so a chain of n digits leaves n
    zeros in a row."""

    table: bytes
    most: int
    digits: int

    def holds(self, ascii_text: bytes) -> bool:
        view = ascii_text.translate(self.table).replace(b"s" * (self.most + 1), b"x")
        return b"0" * self.digits in view.translate(None, b"s")


def _chain(separators: str, most: int, digits: int) -> _Chain:
    return _Chain(_table({_DIGITS: "0", separators: "s"}, "x"), most, digits)


_SIX: Final = _chain(" ./-", 1, 6)
_PHONE: Final = _chain(" ().-", 2, 8)
_CARD: Final = _chain(" -", 1, 13)


def shape_of(text: str) -> Shape:
    """The conditions of ``text`` (`ANY` for a value shorter than `LONG`)."""
    return ANY if len(text) < LONG else Shape(text)

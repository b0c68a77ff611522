"""Which keys of a long sequence may occur more than once, told apart without a table of keys.

A rule that looks for two events with the same derived key (R004's generated names) would
hold a dict of every event's key while it runs: a new string and a dict entry per event, about
230 MB at 1,000,000 events (issue 14). `Repeats` keeps each key's hash (8 bytes) and two
bitmaps of hash buckets (seen, seen again). A key whose bucket was seen once is unique, so
the rule's table needs only the few keys that share a bucket with another: the answers are
the same, since a key left out of the table can meet no equal key in it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

_BITS_PER_KEY = 32
"""Buckets per key (4 bytes of bitmap per key in all): about 1 in 32 unique keys shares a
bucket with another and is put in the rule's table anyway."""


class Repeats:
    """The buckets of `hashes` that hold two or more of them."""

    __slots__ = ("_hashes", "_mask", "_twice")

    def __init__(self, hashes: Iterable[int]) -> None:
        self._hashes = hashes if isinstance(hashes, array) else array("q", hashes)
        buckets = 1 << max(3, (len(self._hashes) * _BITS_PER_KEY - 1).bit_length())
        mask = buckets - 1
        seen = bytearray(buckets >> 3)
        twice = bytearray(buckets >> 3)
        for value in self._hashes:
            bucket = value & mask
            byte, bit = bucket >> 3, 1 << (bucket & 7)
            if seen[byte] & bit:
                twice[byte] |= bit
            else:
                seen[byte] |= bit
        self._mask = mask
        self._twice = twice

    def shared(self, index: int) -> bool:
        """Whether the key at `index` may equal another (False: it is unique)."""
        bucket = self._hashes[index] & self._mask
        return bool(self._twice[bucket >> 3] & (1 << (bucket & 7)))

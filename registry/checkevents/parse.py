"""What a line of the stream says, exactly and unambiguously.

orjson parses every line (fast); what it cannot tell is settled here:

- `torn`: whether a line that does not parse is a torn record or an error (the one place of
  that rule);
- `duplicates`: a key that appears twice in one object. JSON leaves the meaning open and
  readers differ (orjson, Python's `json` and `jq` keep the last value, others the first), so
  a record ``{"email": "<raw>", "email": "hmac:..."}`` passes a last-wins check while a
  first-wins reader sees the raw value. orjson keeps the last value without a word, so the
  parsed record is written again with orjson (the runtime writes its lines that way): when
  that gives back the line byte for byte, no key was dropped; only a line written otherwise
  is parsed again by the standard library, which sees every key;
- `exact_integers`: integers beyond 64 bits, which orjson reads as floats.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, Final

import orjson

from registry_runtime.chain import abandoned_of

UNREADABLE: Final = object()


def torn(raw: bytes, following: bytes | None) -> bool:
    """Whether ``raw``, a line that does not parse, is a torn record (E002, a warning: a
    writer crashed mid-write) rather than an error (E001); ``following`` is the next line.

    A crash leaves a torn line in two places only: at the very end of the stream, without a
    line break (the reader gives a line without one only there), or closed by the recovering
    writer, whose next line is the chained log's ``abandoned`` control record naming the
    fragment's length and SHA-256 (`registry_runtime.chain.abandoned_body`). Any other line
    that does not parse is an error: a complete forged record followed by `` {}`` on one line
    is not a crash, and `jq` reads the forged record as a real event.
    """
    if not raw.endswith(b"\n"):
        return True
    if following is None:
        return False
    named = abandoned_of(following)
    if named is None:
        return False
    fragment = raw[:-1]
    length, digest = named
    return length == len(fragment) and hashlib.sha256(fragment).hexdigest().encode() == digest


def with_following(
    lines: Iterable[tuple[int, bytes | None]],
) -> Iterator[tuple[int, bytes | None, bytes | None]]:
    """``(line number, raw, next raw)``: each line with the one after it (None at the end)."""
    iterator = iter(lines)
    previous = next(iterator, None)
    for current in iterator:
        assert previous is not None
        yield previous[0], previous[1], current[1]
        previous = current
    if previous is not None:
        yield previous[0], previous[1], None


def stdlib_loads(raw: bytes) -> Any:
    """What orjson refuses but the runtime may write through its stdlib fallback (lone
    surrogates as escapes, NaN): parsed by the stdlib; `UNREADABLE` when that fails too."""
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return UNREADABLE


def duplicates(raw: bytes, record: dict[str, Any]) -> list[tuple[str, Any]]:
    """``(key, value)`` of every value a repeated key hides (the earlier ones: what a reader
    that keeps the first value sees), in the order the line holds them; empty when no object
    of the line repeats a key."""
    body = raw[:-1] if raw.endswith(b"\n") else raw
    try:
        if orjson.dumps(record) == body:
            return []
    except (TypeError, orjson.JSONEncodeError):  # lone surrogates, integers beyond 64 bits
        pass
    hidden: list[tuple[str, Any]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                hidden.append((key, result[key]))
            result[key] = value
        return result

    try:
        json.loads(raw, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return []
    return hidden


_LONG_INTEGER: Final = re.compile(rb"-[0-9]{19}|[0-9]{20}")
"""A run of digits that may be an integer beyond 64 bits (below -2**63 or above 2**64 - 1),
which orjson reads as a float."""


def exact_integers(raw: bytes, record: dict[str, Any]) -> dict[str, Any]:
    """The record with integers of any size kept as integers: read again by the stdlib when the
    line holds a run of 20 digits, or a minus and 19 (orjson reads integers beyond 64 bits as
    floats). Only records that fail the quick test pay for the search."""
    if _LONG_INTEGER.search(raw) is None:
        return record
    exact = stdlib_loads(raw)
    return exact if type(exact) is dict else record

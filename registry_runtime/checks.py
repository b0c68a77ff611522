"""The run-time half of the field types' meaning: the tests a value must pass.

Generated emitters and `registry check-events` both call these, so an emitter and the stream
checker cannot disagree about what a timestamp, a date, a UUID or an e-mail address is, nor
about the shape of a redacted value. The catalog half (which constraints a field type has,
how they read in docs and in JSON Schema) is `registry.catalog.types`.

Standard library only, like the rest of the runtime.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Final

from .redact import (
    EMAIL_SPACE,
    HASH_PREFIX,
    HASHED_LENGTH,
    HASHED_PATTERN,
    MASK_KEEP,
    MASK_MIN_LENGTH,
    is_hashed,
)

_DAY: Final = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_TIME: Final = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
_OFFSET: Final = r"(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"

#: RFC 3339 ``date-time`` with a time zone. Second 60 (a leap second) is refused: neither
#: Python's datetime nor JavaScript's Date can hold it, and no emitter writes it.
TIMESTAMP: Final = re.compile(f"{_DAY}[Tt]{_TIME}{_OFFSET}")
#: The same, in UTC only (``Z`` or ``+00:00``), as the emitters write ``occurred_at``.
UTC_TIMESTAMP: Final = re.compile(f"{_DAY}[Tt]{_TIME}(?:[Zz]|\\+00:00)")
#: ``YYYY-MM-DD`` (a day of the calendar is checked by `is_date`).
DATE: Final = re.compile(_DAY)
UUID: Final = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


def _character_class(characters: str) -> str:
    """The inside of a regular-expression class matching exactly ``characters`` (of the Basic
    Multilingual Plane), as ``\\uXXXX`` escapes and ranges: text that means the same
    characters in Python's `re` and in ECMAScript, which ``\\s`` does not (U+001C to U+001F
    and U+0085 are white space only to Python, U+FEFF only to ECMAScript)."""
    points = sorted({ord(character) for character in characters})
    parts: list[str] = []
    start = 0
    for at, point in enumerate(points):
        if at + 1 < len(points) and points[at + 1] == point + 1:
            continue
        first = points[start]
        parts.append(f"\\u{first:04x}" if first == point else f"\\u{first:04x}-\\u{point:04x}")
        start = at + 1
    return "".join(parts)


#: The white space an e-mail address cannot contain: `redact.EMAIL_SPACE` (Unicode White_Space
#: and U+FEFF), what the ``hash`` redaction trims around one; checks.ts spells the same text.
EMAIL_SPACE_CLASS: Final = _character_class(EMAIL_SPACE)
#: Something ``@`` something ``.`` something, no white space: a deliberately loose test (an
#: address that mail servers accept is what matters, and only sending proves that).
EMAIL: Final = re.compile(
    f"[^@{EMAIL_SPACE_CLASS}]+@[^@{EMAIL_SPACE_CLASS}]+\\.[^@{EMAIL_SPACE_CLASS}]+"
)


def is_date(text: str) -> bool:
    """``YYYY-MM-DD`` naming a day of the calendar (no 30 February)."""
    if DATE.fullmatch(text) is None:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_timestamp(text: str) -> bool:
    """RFC 3339 date and time with a time zone, on a day of the calendar."""
    return TIMESTAMP.fullmatch(text) is not None and is_date(text[:10])


def is_uuid(text: str) -> bool:
    return UUID.fullmatch(text) is not None


def is_email(text: str) -> bool:
    return EMAIL.fullmatch(text) is not None


def is_finite(value: float) -> bool:
    """Not NaN and not infinite (JSON has no such numbers); an integer of any size is finite."""
    return isinstance(value, int) or math.isfinite(value)


def is_masked(text: str) -> bool:
    """Whether ``text`` has the shape the ``mask`` redaction writes."""
    stars = len(text) - len(text.lstrip("*"))
    if len(text) < MASK_MIN_LENGTH:
        return stars == len(text)
    return stars >= len(text) - MASK_KEEP


__all__ = [
    "DATE",
    "EMAIL",
    "EMAIL_SPACE_CLASS",
    "HASHED_LENGTH",
    "HASHED_PATTERN",
    "HASH_PREFIX",
    "MASK_KEEP",
    "MASK_MIN_LENGTH",
    "TIMESTAMP",
    "UTC_TIMESTAMP",
    "UUID",
    "is_date",
    "is_email",
    "is_finite",
    "is_hashed",
    "is_masked",
    "is_timestamp",
    "is_uuid",
]

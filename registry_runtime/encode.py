"""Record serialization: orjson when installed, else the stdlib, compact either way.

`dumps(record)` gives one line of UTF-8 JSON without a trailing newline. Values JSON has no
type for are converted by `json_default` (datetimes and dates to ISO 8601, ``Decimal`` to its
string, sets to lists, bytes to hex, an enum member to its value, a dataclass instance to an
object of its fields, as orjson writes the last two, anything else to ``str``) so that an unusual value never
makes an audit emit fail. A string orjson refuses (a lone surrogate) falls back to the stdlib
encoder with ASCII escapes.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
import re
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from decimal import Decimal
from enum import Enum
from typing import Any


def json_default(value: Any) -> Any:
    """Convert a value JSON has no type for (used by both encoders)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None and value.utcoffset() == _dt.timedelta(0):
            return value.replace(tzinfo=None).isoformat() + "Z"
        return value.isoformat()
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return list(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, Enum):  # orjson writes a member as its value
        return value.value
    if is_dataclass(value) and not isinstance(value, type):  # orjson: the fields, in order
        return {field.name: getattr(value, field.name) for field in fields(value)}
    return str(value)


def _finite(value: Any) -> Any:
    """`value` with NaN and infinities as None, as orjson writes them: the stdlib would write
    `NaN` and `Infinity`, which are not JSON and which strict readers refuse."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_finite(item) for item in value]
    return value


def _stdlib_dumps(record: Any) -> bytes:
    try:
        text = json.dumps(
            record, separators=(",", ":"), ensure_ascii=False, allow_nan=False,
            default=json_default,
        )  # fmt: skip
    except ValueError:  # NaN or an infinity somewhere (rare): write them as null
        record = _finite(record)
        text = json.dumps(record, separators=(",", ":"), ensure_ascii=False, default=json_default)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: ASCII escapes carry it
        return json.dumps(
            record, separators=(",", ":"), ensure_ascii=True, default=json_default
        ).encode("ascii")


# A number token with a negative exponent, after skipping whole strings: the only tokens whose
# layout differs between the json module (`1e-05`, `1.5e-07`) and orjson (`0.00001`, `1.5e-7`).
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|(-?[0-9.]+)e-([0-9]+)')
_SMALL_FLOAT = re.compile(rb"[0-9]e-0[5-9]")
"""The exponents the two layouts write differently (-5 to -9: `e-05` to `e-09`), searched in
the bytes: a uuid7 id holds `9e-7` in about one record in twelve, which `e-[0-9]` sent down
the slow path."""


def _orjson_float(token: re.Match[str]) -> str:
    mantissa, exponent = token[1], token[2]
    if mantissa is None:  # a string, kept as it is
        return token[0]
    power = int(exponent)
    if power == 5:  # orjson writes decimal exponents down to -5 in fixed notation
        sign, digits = ("-", mantissa[1:]) if mantissa[0] == "-" else ("", mantissa)
        return f"{sign}0.0000{digits.replace('.', '')}"
    return f"{mantissa}e-{power}"


def _orjson_refuses(value: Any) -> bool:
    """Whether orjson would refuse ``value`` (a lone surrogate, an integer outside
    [-2^63, 2^64), a key that is not a string): then the json module's layout is the record's."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, bool | float) or value is None:
        return False
    if isinstance(value, int):
        return not -(2**63) <= value < 2**64
    if isinstance(value, dict):
        return any(
            not isinstance(key, str) or _orjson_refuses(key) or _orjson_refuses(item)
            for key, item in value.items()
        )
    if isinstance(value, list | tuple):
        return any(_orjson_refuses(item) for item in value)
    converted = json_default(value)
    return not isinstance(converted, str) and _orjson_refuses(converted)


def _orjson_layout_dumps(record: Any) -> bytes:
    """What orjson writes, without orjson: the json module's text, whose floats with a negative
    exponent are laid out as orjson lays them out, unless orjson would refuse the record (then
    the json module's text is what orjson's caller writes too)."""
    line = _stdlib_dumps(record)
    if _SMALL_FLOAT.search(line) is None:
        return line
    if _orjson_refuses(record):
        return line
    return _TOKENS.sub(_orjson_float, line.decode("utf-8")).encode("utf-8")


def _make_dumps() -> tuple[Callable[[Any], bytes], Callable[[Any], bytes], str]:
    try:
        import orjson
    except ImportError:  # the extra `fast` is not installed: the same bytes, more slowly
        return _orjson_layout_dumps, _orjson_layout_dumps, "json"
    fast = functools.partial(orjson.dumps, default=json_default, option=orjson.OPT_UTC_Z)

    def dumps(record: Any) -> bytes:
        try:
            return fast(record)
        except TypeError:  # orjson.JSONEncodeError: lone surrogates, integers over 64 bits
            return _stdlib_dumps(record)

    return dumps, fast, "orjson"


#: `dumps(record)`: one compact JSON line; `fast_dumps` is the same without the fallback (it
#: raises TypeError where `dumps` falls back to `stdlib_dumps`), for callers that inline it.
dumps, fast_dumps, ENCODER = _make_dumps()
stdlib_dumps = _stdlib_dumps

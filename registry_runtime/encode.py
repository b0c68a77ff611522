"""Record serialization: orjson when installed, else the stdlib, compact either way.

`dumps(record)` gives one line of UTF-8 JSON without a trailing newline. Values JSON has no
type for are converted by `json_default` (datetimes and dates to ISO 8601, ``Decimal`` to its
string, sets to lists, bytes to hex, anything else to ``str``) so that an unusual value never
makes an audit emit fail. A string orjson refuses (a lone surrogate) falls back to the stdlib
encoder with ASCII escapes.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
from collections.abc import Callable
from decimal import Decimal
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


def _make_dumps() -> tuple[Callable[[Any], bytes], Callable[[Any], bytes], str]:
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency; the fallback is tested
        return _stdlib_dumps, _stdlib_dumps, "json"
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

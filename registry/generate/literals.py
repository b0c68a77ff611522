"""Safe Python source fragments for catalog text: every value becomes a literal, never code."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

_UNSAFE_IN_DOCSTRING = re.compile(
    # backslash, quote, C0 and C1 controls, line separators, byte-order mark, and the
    # bidirectional controls that make source display in another order than it runs
    r'[\\"\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e'
    r"\u2066-\u2069\ufeff]"
)


def py_literal(value: Any) -> str:
    """A Python literal for a JSON-like value (str, int, float, bool, None, list, dict)."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return f"float({str(value)!r})"
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(py_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{py_literal(str(k))}: {py_literal(v)}" for k, v in value.items())
            + "}"
        )
    return _string(str(value))


@lru_cache(maxsize=1 << 16)
def _string(text: str) -> str:
    """A double-quoted literal (the formatter's style), escaped so it cannot end early.
    Cached: generated code repeats the same names and labels thousands of times."""
    body = repr(text)
    if body.startswith("'") and '"' not in text:
        return '"' + body[1:-1].replace("\\'", "'") + '"'
    return body


@lru_cache(maxsize=1 << 16)
def docstring_body(text: str) -> str:
    """Text that can sit between triple double quotes whatever it holds."""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        if char == "\\":
            return "\\\\"
        if char == '"':
            return '\\"'
        return f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}"

    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(_UNSAFE_IN_DOCSTRING.sub(escape, line) for line in lines)


LINE_LIMIT = 100


def fit(indent: int, head: str, items: list[str], tail: str) -> list[str]:
    """`head + items + tail` on one line when it fits, else one item per line with a
    trailing comma (the layout a formatter keeps)."""
    pad = " " * indent
    one = pad + head + ", ".join(items) + tail
    if len(one) <= LINE_LIMIT and "\n" not in one:
        return [one]
    return [pad + head, *(pad + "    " + item + "," for item in items), pad + tail]


def fit_set(indent: int, head: str, items: list[str], tail: str) -> list[str]:
    """Like `fit` for `head + frozenset({items}) + tail` (exploded the formatter's way)."""
    if not items:
        return [" " * indent + head + "frozenset()" + tail]
    one = fit(indent, head + "frozenset({", items, "})" + tail)
    if len(one) == 1:
        return one
    pad = " " * indent
    inner = [pad + "        " + item + "," for item in items]
    return [pad + head + "frozenset(", pad + "    {", *inner, pad + "    }", pad + ")" + tail]


def fit_condition(indent: int, tests: list[str]) -> list[str]:
    """`if a or b:`, wrapped as the formatter would when it is too long."""
    pad = " " * indent
    one = f"{pad}if {' or '.join(tests)}:"
    if len(one) <= LINE_LIMIT:
        return [one]
    rest = [f"{pad}    or {test}" for test in tests[1:]]
    return [f"{pad}if (", f"{pad}    {tests[0]}", *rest, f"{pad}):"]


def fit_append(indent: int, label: str, message: str) -> list[str]:
    """`problems.append((label, message))`, wrapped as the formatter would."""
    pad = " " * indent
    one = f"{pad}problems.append(({label}, {message}))"
    if len(one) <= LINE_LIMIT:
        return [one]
    middle = f"{pad}    ({label}, {message})"
    if len(middle) <= LINE_LIMIT:
        return [f"{pad}problems.append(", middle, f"{pad})"]
    return [
        f"{pad}problems.append(",
        f"{pad}    (",
        f"{pad}        {label},",
        f"{pad}        {message},",
        f"{pad}    )",
        f"{pad})",
    ]

"""Where a character of a `pattern` value is in its YAML text (to point at a quantifier).

Plain, single-quoted and double-quoted scalars on one line are walked character by
character; anything else (block scalars, line folding, escapes other than the ones that
stand for one printable character) answers None, and the finding stays at the scalar's start.
"""

from __future__ import annotations

_SIMPLE_ESCAPES = {"\\": "\\", '"': '"', "/": "/", "t": "\t", " ": " "}


def column_in_scalar(line: str, column: int, value: str, offset: int) -> int | None:
    """The 1-based column, on `line`, of `value[offset]`, when the scalar holding `value`
    starts at `column` (1-based) of `line`; None when unsure."""
    at = column - 1
    if at >= len(line):
        return None
    quote = line[at] if line[at] in "'\"" else ""
    at += len(quote)
    for expected in value[:offset]:
        if at >= len(line):
            return None
        char = line[at]
        if quote == "'" and char == "'":
            char, at = ("'", at + 2) if line.startswith("''", at) else ("", at)
        elif quote == '"' and char == "\\":
            char, at = _SIMPLE_ESCAPES.get(line[at + 1 : at + 2], ""), at + 2
        else:
            at += 1
        if char != expected:
            return None
    if at >= len(line) or line[at] != value[offset : offset + 1]:
        return None
    return at + 1

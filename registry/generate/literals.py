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
"""The line length generated code is laid out for (the formatter's and the linter's)."""


def fit(indent: int, head: str, items: list[str], tail: str) -> list[str]:
    """`head + items + tail` on one line when it fits, else one item per line with a
    trailing comma (the layout a formatter keeps)."""
    pad = " " * indent
    one = pad + head + ", ".join(items) + tail
    if len(one) <= LINE_LIMIT and "\n" not in one:
        return [one]
    return [pad + head, *(pad + "    " + item + "," for item in items), pad + tail]


def fit_set(indent: int, head: str, items: list[str], tail: str) -> list[str]:
    """Like `fit` for `head + frozenset({items}) + tail`, laid out the formatter's way: on one
    line, else the set on a line of its own, else one item per line."""
    if not items:
        return [" " * indent + head + "frozenset()" + tail]
    pad = " " * indent
    one = pad + head + "frozenset({" + ", ".join(items) + "})" + tail
    if len(one) <= LINE_LIMIT:
        return [one]
    middle = pad + "    {" + ", ".join(items) + "}"
    if len(middle) <= LINE_LIMIT:
        return [pad + head + "frozenset(", middle, pad + ")" + tail]
    inner = [pad + "        " + item + "," for item in items]
    return [pad + head + "frozenset(", pad + "    {", *inner, pad + "    }", pad + ")" + tail]


def _operand(indent: str, prefix: str, test: str) -> list[str]:
    """A test on lines of its own in a split condition; a comparison too long for one line is
    broken before its operator, as the formatter does."""
    line = indent + prefix + test
    if len(line) <= LINE_LIMIT:
        return [line]
    for operator in (" not in ", " in ", " is not ", " is "):
        left, found, right = test.partition(operator)
        if found and "(" not in left:
            return [indent + prefix + left, indent + operator.strip() + " " + right]
    return [line]


_GROUPING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[()]", re.DOTALL)
"""A string literal (skipped whole: it may hold parentheses) or a parenthesis."""


def _groups(expression: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost pair of parentheses of `expression` (string literals in
    it are skipped)."""
    spans = []
    depth = 0
    start = 0
    for match in _GROUPING.finditer(expression):
        token = match.group()
        if token == "(":
            if depth == 0:
                start = match.start()
            depth += 1
        elif token == ")":
            depth -= 1
            if depth == 0:
                spans.append((start, match.start()))
    return spans


def _arguments(text: str) -> list[str]:
    """The arguments of a call, split at its own commas."""
    parts = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts


def fit_if(
    indent: int,
    keyword: str,
    tests: list[str],
    operator: str = "or",
    group: tuple[list[str], str] | None = None,
) -> list[str]:
    """`keyword test operator test ...:` (`if`, `elif`), the last test `(a or b ...)` when a
    `group` (tests, operator) is given, wrapped as the formatter does when it is too long.

    Tests joined by at most one operator that end in parentheses (a call, the group) keep the
    condition unparenthesized when the line fits up to the first parenthesis: then each pair
    of parentheses, left to right, is split when what follows it up to the next one does not
    fit. Any other condition goes in parentheses of its own, on one line or a test a line.
    """
    pad = " " * indent
    parts = list(tests)
    if group is not None:
        parts.append("(" + f" {group[1]} ".join(group[0]) + ")")
    expression = f" {operator} ".join(parts)
    start = f"{pad}{keyword} "
    if len(start) + len(expression) + 1 <= LINE_LIMIT:
        return [f"{start}{expression}:"]
    inner = pad + "    "
    if len(parts) <= 2 and expression.endswith(")"):
        spans = _groups(expression)
        if len(start) + spans[0][0] + 1 <= LINE_LIMIT:
            return _split_groups(start, inner, expression, spans, group)
    if len(inner + expression) <= LINE_LIMIT:
        return [f"{pad}{keyword} (", inner + expression, pad + "):"]
    lines = [f"{pad}{keyword} (", *_operand(inner, "", parts[0])]
    for part in parts[1:]:
        lines += _operand(inner, operator + " ", part)
    return [*lines, pad + "):"]


def _split_groups(
    start: str,
    inner: str,
    expression: str,
    spans: list[tuple[int, int]],
    group: tuple[list[str], str] | None,
) -> list[str]:
    """The lines of an unparenthesized condition whose parentheses split where needed."""
    pad = inner[:-4]
    lines: list[str] = []
    current = start
    position = 0
    for number, (opening, closing) in enumerate(spans):
        current += expression[position : opening + 1]
        content = expression[opening + 1 : closing]
        last = number + 1 == len(spans)
        following = expression[closing : len(expression) if last else spans[number + 1][0] + 1]
        position = closing
        if len(current) + len(content) + len(following) + last <= LINE_LIMIT:
            current += content
            continue
        lines.append(current)
        if len(inner) + len(content) <= LINE_LIMIT:
            lines.append(inner + content)
        elif group is not None and last and (opening == 0 or expression[opening - 1] == " "):
            grouped, joiner = group
            lines += _operand(inner, "", grouped[0])
            for test in grouped[1:]:
                lines += _operand(inner, joiner + " ", test)
        else:
            lines += [f"{inner}{argument}," for argument in _arguments(content)]
        current = pad
    lines.append(current + expression[position:] + ":")
    return lines


def fit_annotated(
    indent: int, head: str, annotation: str, tail: str = "", optional: bool = False
) -> list[str]:
    """`head annotation tail` (a parameter, a class attribute, a dict item), or with
    `| None = None` after the annotation when `optional`; too long, it is split inside the
    annotation's brackets (before `| None` first), or a bare annotation is parenthesized (in a
    class body), as the formatter does."""
    pad = " " * indent
    rest = " | None = None" + tail if optional else tail
    one = pad + head + annotation + rest
    if len(one) <= LINE_LIMIT:
        return [one]
    bracket = annotation.find("[")
    if bracket < 0:
        if tail or optional:  # nothing the formatter can split
            return [one]
        return [pad + head + "(", pad + "    " + annotation, pad + ")"]
    if optional and len(pad + head + annotation) <= LINE_LIMIT:
        return [pad + head + annotation, pad + "| None = None" + tail]
    lines = [pad + head + annotation[: bracket + 1], pad + "    " + annotation[bracket + 1 : -1]]
    if optional:
        return [*lines, pad + "]", pad + "| None = None" + tail]
    return [*lines, pad + "]" + tail]


def fit_for(indent: int, target: str, iterable: str) -> list[str]:
    """`for target in iterable:`, the iterable in parentheses of its own when too long."""
    pad = " " * indent
    one = f"{pad}for {target} in {iterable}:"
    if len(one) <= LINE_LIMIT:
        return [one]
    return [f"{pad}for {target} in (", f"{pad}    {iterable}", pad + "):"]


def fit_call(indent: int, head: str, argument: str) -> list[str]:
    """`head(argument)` (a statement ending in a call of one argument), the argument on a line
    of its own when too long."""
    pad = " " * indent
    one = f"{pad}{head}({argument})"
    if len(one) <= LINE_LIMIT:
        return [one]
    return [f"{pad}{head}(", f"{pad}    {argument}", pad + ")"]


def split_literal(text: str, width: int) -> list[str]:
    """Literals of consecutive pieces of `text`, each at most `width` long where a space allows
    (the pieces end at spaces; together, implicitly concatenated, they are `text`)."""
    words = text.split(" ")
    pieces: list[str] = []
    current = words[0]
    for word in words[1:]:
        candidate = current + " " + word
        if len(_string(candidate + " ")) <= width:
            current = candidate
        else:
            pieces.append(current + " ")
            current = word
    pieces.append(current)
    return [_string(piece) for piece in pieces]


def fit_append(indent: int, label: str, text: str, suffix: str | None = None) -> list[str]:
    """`problems.append((label, message))`, the message the literal of `text` (`+ suffix` when
    given), wrapped as the formatter would; a message too long for its line is split into
    implicitly concatenated pieces (in parentheses, so no missing comma is suspected)."""
    pad = " " * indent
    message = _string(text) + (f" + {suffix}" if suffix else "")
    one = f"{pad}problems.append(({label}, {message}))"
    if len(one) <= LINE_LIMIT:
        return [one]
    middle = f"{pad}    ({label}, {message})"
    if len(middle) <= LINE_LIMIT:
        return [f"{pad}problems.append(", middle, f"{pad})"]
    inner = pad + "        "
    if len(f"{inner}{message},") <= LINE_LIMIT:
        lines = [f"{inner}{message},"]
    elif suffix:
        lines = [inner + _string(text), f"{inner}+ {suffix},"]
    else:
        pieces = split_literal(text, LINE_LIMIT - len(inner) - 4)
        lines = [inner + "(", *(f"{inner}    {piece}" for piece in pieces), inner + "),"]
    return [
        f"{pad}problems.append(",
        f"{pad}    (",
        f"{inner}{label},",
        *lines,
        f"{pad}    )",
        f"{pad})",
    ]


def wrap(text: str, first: int, rest: int) -> list[str]:
    """`text` broken at spaces into lines of at most `first` characters (the first line) and
    `rest` (the others); a word longer than a line stays whole."""
    lines: list[str] = []
    width = first
    while len(text) > width:
        cut = text.rfind(" ", 0, width + 1)
        if cut <= 0:  # a word longer than the line: it ends at the next space
            cut = text.find(" ", width)
            if cut < 0:
                break
        lines.append(text[:cut])
        text = text[cut + 1 :]
        width = rest
    lines.append(text)
    return lines


def docstring(blocks: list[tuple[str, int, int]], indent: int) -> str:
    """The text between the triple quotes of a docstring at `indent`.

    Each block is (text, indentation, hanging indentation): its lines are escaped
    (`docstring_body`) and wrapped at spaces to the line limit, continuation lines indented
    `hanging` more; an empty text is an empty line. A docstring of one line stays on the line
    of its quotes (as the formatter keeps it); any other ends with a line break, so the closing
    quotes get a line of their own.
    """
    out: list[str] = []
    for text, extra, hanging in blocks:
        out += _block(text, indent + extra, hanging, not out, len(blocks) == 1)
    if len(out) == 1:
        return out[0]
    return "\n".join(out) + "\n" + " " * indent


@lru_cache(maxsize=1 << 16)
def _block(text: str, indent: int, hanging: int, opens: bool, alone: bool) -> tuple[str, ...]:
    """The lines of one block of a docstring (see `docstring`). `opens`: the block starts the
    docstring (its first line follows the opening quotes); `alone`: it is the only block.
    Cached: the blocks of fields repeat in every event that has the field."""
    lines = (docstring_body(text) if text else "").split("\n")
    quotes = 6 if alone and len(lines) == 1 else 3  # room for the closing quotes on a lone line
    out: list[str] = []
    pad = " " * indent
    more = pad + " " * hanging
    for number, line in enumerate(lines):
        if not line:
            out.append("")
            continue
        first_line = opens and number == 0
        first = LINE_LIMIT - len(pad) - (quotes if first_line else 0)
        lead = "" if first_line else pad
        if len(line) <= first:
            out.append(lead + line)
            continue
        pieces = wrap(line, first, LINE_LIMIT - len(more))
        out.append(lead + pieces[0])
        out.extend(more + piece for piece in pieces[1:])
    return tuple(out)


# -- sorting as the linter's import and __all__ rules do -------------------------------------


_DIGITS = re.compile(r"([0-9]+)")


def _natural(name: str) -> tuple[str | int, ...]:
    """Natural-order key (digit runs compare by value), as the linter's `natord` sorts names
    made of letters, digits and underscores."""
    parts: list[str | int] = _DIGITS.split(name)
    for index in range(1, len(parts), 2):
        parts[index] = int(parts[index])
    return tuple(parts)


def _member_type(name: str) -> int:
    """0 for CONSTANTS, 1 for Classes, 2 for everything else."""
    if len(name) > 1 and name.isupper():
        return 0
    return 1 if name[:1].isupper() else 2


def sort_all(names: list[str] | set[str]) -> list[str]:
    """`__all__` order: constants, classes, the rest, each in natural order (RUF022)."""
    return sorted(names, key=lambda n: (_member_type(n), _natural(n)))


def sort_key(module: str) -> tuple[object, ...]:
    """The order of modules in an import block (case-blind natural order)."""
    return (_natural(module.lower()), _natural(module))


def sort_imported(names: list[str] | set[str]) -> list[str]:
    """The order of the names of one `from ... import` (isort's order by type, case-blind)."""
    return sorted(names, key=lambda n: (_member_type(n), _natural(n.lower()), _natural(n)))


def import_from(module: str, names: list[str] | set[str]) -> list[str]:
    """`from module import names` (sorted), one name per line when it does not fit."""
    ordered = sort_imported(names)
    one = f"from {module} import {', '.join(ordered)}"
    if len(one) <= LINE_LIMIT:
        return [one]
    return [f"from {module} import (", *(f"    {name}," for name in ordered), ")"]

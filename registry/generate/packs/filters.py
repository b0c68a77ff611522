"""The filters a pack's templates have besides Jinja's own: names in the cases languages use
(the same words the Python and TypeScript targets make their names from), and literals that
carry any catalog string safely into the output's language."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from registry.catalog.identifiers import pascal, snake, words
from registry.query.output import neutralised

_PLAIN = re.compile(r"[ !#-\[\]-~]*")
"""Printable ASCII but `"` and `\\`: what a Go literal holds as is."""


def camel(name: str) -> str:
    """`user.promoted_production` -> `userPromotedProduction`."""
    ident = pascal(name)
    return ident[:1].lower() + ident[1:] if not ident.startswith("_") else ident


def constant(name: str) -> str:
    """`user.promoted_production` -> `USER_PROMOTED_PRODUCTION`."""
    return snake(name).upper()


def kebab(name: str) -> str:
    """`user.promoted_production` -> `user-promoted-production`."""
    return "-".join(words(name)) or "_"


def go_string(text: str) -> str:
    """A Go interpreted string literal of `text`: printable ASCII as is (`"` and `\\`
    escaped), everything else as `\\u`/`\\U` escapes (line breaks, bidirectional controls and
    U+2028 included), a lone surrogate as the bytes Python's `surrogatepass` gives it."""
    if _PLAIN.fullmatch(text):
        return f'"{text}"'
    out = ['"']
    for char in text:
        point = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif 0x20 <= point < 0x7F:
            out.append(char)
        elif 0xD800 <= point <= 0xDFFF:
            out.append("".join(f"\\x{b:02x}" for b in char.encode("utf-8", "surrogatepass")))
        elif point <= 0xFFFF:
            out.append(f"\\u{point:04x}")
        else:
            out.append(f"\\U{point:08x}")
    out.append('"')
    return "".join(out)


def json_literal(value: Any) -> str:
    """A JSON value (also a JavaScript expression): non-ASCII as `\\u` escapes."""
    return json.dumps(value, ensure_ascii=True, sort_keys=True)


def csv_row(cells: Iterable[Any]) -> str:
    """One CSV record (RFC 4180 quoting, no line break): a cell a spreadsheet would run as a
    formula gets a leading `'`, as `registry query --format csv` does; a list becomes its
    items joined by spaces."""
    buffer = io.StringIO()
    row = [" ".join(map(str, c)) if isinstance(c, list | tuple) else c for c in cells]
    # The writer quotes a cell holding a character of its line terminator: "\r\n" makes it
    # quote both line breaks (the terminator itself is left to the template).
    csv.writer(buffer, lineterminator="\r\n").writerow([neutralised(c) for c in row])
    return buffer.getvalue().removesuffix("\r\n")


def one_line(text: str) -> str:
    """`text` on one line, for a line comment: every run of white space (line breaks
    included) and of characters that are not printable (controls, bidirectional overrides)
    as one space, stripped."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(text.split())


FILTERS: dict[str, Callable[..., str]] = {
    "snake": snake,
    "pascal": pascal,
    "camel": camel,
    "constant": constant,
    "kebab": kebab,
    "go_string": go_string,
    "json": json_literal,
    "csv_row": csv_row,
    "one_line": one_line,
}
"""Every filter a pack may use besides Jinja's built-in ones (docs/templates.md)."""

CASES: dict[str, Callable[[str], str]] = {
    name: FILTERS[name] for name in ("snake", "pascal", "camel", "constant", "kebab")
}
"""The cases a path placeholder may take (`{event|snake}`)."""

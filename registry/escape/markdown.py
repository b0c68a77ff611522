"""Escaping catalog text for Markdown (GitHub Flavored Markdown and Python-Markdown/MkDocs).

Catalog text is data: whatever a description holds (`<script>`, table pipes, backticks, HTML
comments, emphasis markers, headings) must render as the same characters, as text, and never
change the page's structure. Both renderers accept HTML entities and backslash escapes of ASCII
punctuation, so every character that could start markup is turned into one or the other.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "|": "&#124;",
    "~": "&#126;",
}
"""Characters written as entities: HTML, table cell separators, strikethrough. An entity never
splits a table row (cells are split before inline markup is parsed)."""
_BACKSLASHED = frozenset("\\`*_[]{}")
"""Inline markup punctuation that CommonMark and Python-Markdown both accept a backslash before."""
_LINE_START = {"#": "\\#", "-": "\\-", "+": "\\+", "=": "&#61;"}
"""Block markup that only counts at the start of a line: headings, list items, thematic
breaks and setext underlines (`>` for block quotes is already an entity)."""
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])")


_TRANSLATION = str.maketrans({**_ENTITIES, **{char: "\\" + char for char in _BACKSLASHED}})
"""Every inline markup character to its entity or backslash escape, in one pass."""


def _escape_line(line: str) -> str:
    """One line of text: no leading indentation (a code block), each markup character escaped,
    and a leading number cannot start an ordered list."""
    line = line.strip()
    if line[:1] in _LINE_START:
        return _LINE_START[line[0]] + line[1:].translate(_TRANSLATION)
    escaped = line.translate(_TRANSLATION)
    if escaped[:1].isdigit():
        return _ORDERED_ITEM.sub(
            lambda m: m.group(1) + ("\\." if m.group(2) == "." else "&#41;"), escaped
        )
    return escaped


def md_escape(value: object, *, table: bool = True) -> str:
    """Text safe to place in a Markdown paragraph or table cell.

    In a table cell (the default) line breaks become `<br>` (after escaping, so the only HTML
    in the result is the `<br>` this adds); outside tables, lines are kept as separate lines of
    one paragraph (blank lines are dropped so the text stays one block).
    """
    return _escaped("" if value is None else str(value), table)


@lru_cache(maxsize=1 << 16)
def _escaped(text: str, table: bool) -> str:
    """`md_escape` of a string; cached, as docs repeat type names, tags and labels across
    thousands of rows."""
    if "\n" not in text and "\r" not in text:
        return _escape_line(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_escape_line(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    return ("<br>" if table else "\n").join(lines)


def md_code(value: object) -> str:
    """`value` as code in running text or a table cell: an HTML `<code>` element around escaped
    text, which GFM and Python-Markdown both render (a backtick span cannot hold a table pipe
    in both)."""
    text = md_escape(value)
    return f"<code>{text}</code>" if text else ""


def fence_for(text: str, minimum: int = 3) -> str:
    """A backtick fence longer than any run of backticks inside `text`."""
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(minimum, run + 1)

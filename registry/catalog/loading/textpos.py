"""Line and column of a node, found by scanning the text instead of composing the YAML.

`compose` gives every node a position, but costs about 0.1 s for a 300 KB file. Findings
need the positions of a few nodes only, so `TextIndex` finds them in the text with string
searches and compiled regular expressions, following the pointer down the block structure:
keys at the mapping's indentation (an index of the keys for a large mapping, `str.find`
for a small one), `- ` items at the sequence's, and flow collections (`{type: string}`,
`[a, b]`) entry by entry. It answers exactly what `Locator.position` gives from the
composed source map (the start of the node as PyYAML's C parser marks it, key or value, or
the key of the nearest ancestor for a node the document does not have), or None when it is
not sure; the caller composes the file then.

What makes a line search unsafe is text that is not at the indentation it appears at: the
continuation lines of quoted scalars and flow collections that run over several lines, which
YAML lets start at any column. `_Scan` finds those once per file (the lines that could leave
one open are picked out by their quotes and brackets alone, at C speed) and marks their
lines; a key or item found on a marked line, or on a line after anything the scan could not
follow, gives None. So do anchors, aliases, tags, explicit keys, escaped keys, tabs, a
byte-order mark, line breaks other than LF and CR, directives and document markers.

A line the scan reads as block structure may be text of a block or plain scalar instead.
That is harmless: such text opens nothing, and when the scan takes it for the start of a
quoted scalar or flow collection, the lines it then skips are all indented more than it (or
the scan stops), so they are text of the same scalar too, never structure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import NamedTuple

from registry.findings import Pointer

Offsets = tuple[int, int]
"""(offset of the key, offset of the value) in the text; the same offset twice for items."""

_MAX_FLOW_DEPTH = 32
_MAX_KEY = 1024  # libyaml refuses longer implicit keys

# -- text the scanner does not follow (the caller composes such files) ------------------------

_ODD_CHARACTERS = re.compile("[\x85\u2028\u2029\ufeff]")
_MARKER = re.compile(r"\n(?:---|\.\.\.|%)")


def supported(text: str) -> bool:
    """False for text whose lines or columns a plain scan could count differently from
    libyaml (tabs, line breaks other than LF, BOM) or that holds directives or document
    markers. (`TextIndex` writes CR LF and CR as LF first.)"""
    if any(character in text for character in "\t\r\v\f\x1c\x1d\x1e"):
        return False
    if not text.isascii() and _ODD_CHARACTERS.search(text) is not None:
        return False
    return not text.startswith(("---", "...", "%")) and _MARKER.search(text) is None


# -- tokens ----------------------------------------------------------------------------------

_EOL = r"(?=\n|\Z)"
# Quoted scalars: on one line, and over several lines.
_DQ_LINE = r'"(?:[^"\\\n]++|\\[^\n])*+"'
_SQ_LINE = r"'(?:[^'\n]++|'')*+'"
_DQ_ANY = re.compile(r'"(?:[^"\\]++|\\[\s\S])*+"')
_SQ_ANY = re.compile(r"'(?:[^']++|'')*+'")
_INDICATOR = r"\s\-?:,\[\]{}#&*!|>'\"%@`"
_INDICATOR_CHARACTERS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_ODD_KEY_START = frozenset("?!&*\"'[{")
"""A line that starts with one of these may be a key spelled other than plainly."""

# A plain scalar in flow context: it ends at `,[]{}`, at `: ` and at ` #`.
_FLOW_PLAIN_START = rf"(?:[^{_INDICATOR}]|[-?:](?=[^\s,\[\]{{}}]))"
_FLOW_PLAIN_LINE = (
    _FLOW_PLAIN_START + r"(?:[^\s:,\[\]{}]++|:(?=[^\s,\[\]{}])| ++(?=[^\s:#,\[\]{}]))*+"
)
_FLOW_PLAIN = re.compile(
    _FLOW_PLAIN_START + r"(?:[^\s:,\[\]{}]++|:(?=[^\s,\[\]{}])|[ \n]++(?=[^\s:#,\[\]{}]))*+"
)


def _flow_end_pattern(depth: int) -> str:
    """Where a flow collection ends: only brackets, quoted scalars and comments matter. A
    quote starts a quoted scalar only where a node starts (after `[`, `{`, `,` or `: `);
    anywhere else (`[don't]`) the pattern fails, and the slower parser decides. So it does
    at a `#` after a quote: libyaml starts a comment at a `#` wherever a token may start
    (`[a,#b`, `["a"#b`), but reads `[a#b]` as text."""
    quoted = (
        r"(?:(?<=[\[{,])|(?<=[\[{,:][ \n])|(?<=[\[{,:][ \n][ \n]))"
        rf"(?:{_DQ_ANY.pattern}|{_SQ_ANY.pattern})"
    )
    nested = "" if depth <= 1 else "|" + _flow_end_pattern(depth - 1)
    body = rf"(?:[^\[\]{{}}\"'#]++|(?<=[ \n\[{{,])#[^\n]*+|{quoted}{nested})*+"
    return rf"(?:\[{body}\]|\{{{body}\}})"


_FLOW_END = re.compile(_flow_end_pattern(4))
_FLOW_END_SOURCE = _flow_end_pattern(3)

# One entry of a flow mapping, or one item of a flow sequence, with what follows it.
_FLOW_ENTRY = re.compile(
    rf"""[ \n]*+(?:(?P<plain>{_FLOW_PLAIN_LINE})|(?P<dq>{_DQ_LINE})|(?P<sq>{_SQ_LINE}))"""
    rf""" *+:[ \n]++(?P<value>{_DQ_ANY.pattern}|{_SQ_ANY.pattern}|{_FLOW_END_SOURCE}"""
    rf"""|{_FLOW_PLAIN.pattern})[ \n]*+(?P<next>[,}}])"""
)
_FLOW_ITEM = re.compile(
    rf"""[ \n]*+(?P<value>{_DQ_ANY.pattern}|{_SQ_ANY.pattern}|{_FLOW_END_SOURCE}"""
    rf"""|{_FLOW_PLAIN.pattern})[ \n]*+(?P<next>[,\]])"""
)
_FLOW_EMPTY = re.compile(r"[ \n]*+[\]}]")

# An implicit key in block context, up to the `: ` that ends it.
_BLOCK_KEY = re.compile(
    rf"""(?:(?P<dq>{_DQ_LINE})|(?P<sq>{_SQ_LINE})|(?P<plain>(?:[^{_INDICATOR}]|[-?:](?=\S))"""
    r"""(?:[^\n: ]++|:(?=\S)| ++(?=[^\n: #]))*+))(?P<colon> *+:)(?= |\n|\Z)"""
)
# A line that opens a flow collection or a quoted scalar as its value, to where that ends.
_OPENS = re.compile(
    rf"""( *+)(?:-(?: ++|{_EOL}))*+(?:(?:{_DQ_LINE}|{_SQ_LINE}|(?:[^{_INDICATOR}]|[-?:](?=\S))"""
    rf"""(?:[^\n: ]++|:(?=\S)| ++(?=[^\n: #]))*+) *+:(?: ++|{_EOL}))?+"""
    rf"""(?:{_FLOW_END.pattern}|{_DQ_ANY.pattern}|{_SQ_ANY.pattern})"""
)
_SPACES = re.compile(" *+")
_LINE_HEAD = re.compile(rf" *+(?:-(?: ++|{_EOL}))*+")
_AFTER_NODE = re.compile(rf"(?: *+| ++#[^\n]*+){_EOL}")
_NEXT_CONTENT = re.compile(r"\n( *+)(?=[^ \n#])")
_FIRST_CONTENT = re.compile(r"(?:[ ]*+(?:#[^\n]*+)?\n)*+([ ]*+)(?=[^ \n#])")

# What is left of each line after deleting all characters but these: a line whose rest is
# properly nested brackets and closing brackets cannot leave a quoted scalar or a flow
# collection open at its end (its brackets are all the indicators it has), nor start with a
# character of _ODD_KEY_START.
_KEEP = b"[]{}\"'#\n?!&*"
_DELETE = bytes(b for b in range(256) if b not in _KEEP)
_NESTED = r"(?:\[\]|\{\})"
for _ in range(3):
    _NESTED = rf"(?:\[\]|\{{\}}|\[{_NESTED}*+\]|\{{{_NESTED}*+\}})"
_ODD_LINE = re.compile(rf"\n(?!(?:{_NESTED}|[\]}}])*+(?:\n|\Z))".encode())


_PATTERNS: dict[tuple[str, int], re.Pattern[str]] = {}


def _pattern(kind: str, indent: int) -> re.Pattern[str]:
    """Per-indentation patterns (a handful per file, kept for the process)."""
    found = _PATTERNS.get((kind, indent))
    if found is not None:
        return found
    blank = r"(?! *+(?:#|\n|\Z))"  # not a blank or comment line
    if kind == "map-end":  # a line less indented than a mapping's keys ends the mapping
        source = rf"\n(?! {{{indent}}}){blank}" if indent > 0 else r"(?!)"
    elif kind == "seq-end":  # ...and for a sequence, also a line at its column but no item
        source = rf"\n(?! {{{indent}}}(?: |-(?:[ \n]|\Z))){blank}"
    elif kind == "not-deeper":  # a line at the column or less indented; at its first character
        source = rf"\n(?! {{{indent + 1}}}){blank} *+"
    elif kind == "odd-key":  # siblings that could be a key spelled in a way we do not search
        source = rf"\n {{{indent}}}(?:[?!&*%@`|>\[{{]|\"[^\"\\\n]*+\\)"
    else:  # "less": a line less indented than `indent` that is not blank
        source = rf"\n(?! {{{indent}}})(?! *+(?:\n|\Z))" if indent > 0 else r"(?!)"
    compiled = re.compile(source)
    _PATTERNS[(kind, indent)] = compiled
    return compiled


# -- flow collections ------------------------------------------------------------------------


class _Flow(NamedTuple):
    end: int
    mapping: bool
    entries: tuple[tuple[str | None, int, int], ...]
    """(key text or None when not a plain string we read exactly, key offset, value offset);
    for a sequence, (None, item offset, item offset)."""


def _parse_flow(text: str, start: int) -> _Flow | None:
    """The flow collection at `start`; None for anything but plain entries."""
    mapping = text[start] == "{"
    entries: list[tuple[str | None, int, int]] = []
    pattern = _FLOW_ENTRY if mapping else _FLOW_ITEM
    at = start + 1
    empty = _FLOW_EMPTY.match(text, at)
    if empty is not None:
        if text[empty.end() - 1] != ("}" if mapping else "]"):
            return None
        return _Flow(empty.end(), mapping, ())
    while True:
        match = pattern.match(text, at)
        if match is None:
            return _parse_flow_slowly(text, start, 0)
        value = match.start("value")
        if mapping:
            key: str | None
            if match["plain"] is not None:
                key_at, key = match.start("plain"), match["plain"]
            elif match["dq"] is not None:
                key_at, key = match.start("dq"), match["dq"][1:-1]
                if "\\" in key:
                    key = None
            else:
                key_at, key = match.start("sq"), match["sq"][1:-1].replace("''", "'")
            entries.append((key, key_at, value))
        else:
            entries.append((None, value, value))
        at = match.end()
        if match["next"] != ",":
            return _Flow(at, mapping, tuple(entries))
        empty = _FLOW_EMPTY.match(text, at)  # a trailing comma
        if empty is not None:
            if text[empty.end() - 1] != ("}" if mapping else "]"):
                return None
            return _Flow(empty.end(), mapping, tuple(entries))


def _flow_space(text: str, at: int) -> int:
    """Skip spaces, line breaks and comments inside a flow collection, from where a token may
    start (there a `#` starts a comment even right after `,` or a quote)."""
    size = len(text)
    while at < size:
        char = text[at]
        if char == " " or char == "\n":
            at += 1
        elif char == "#":
            at = text.find("\n", at)
            if at < 0:
                return size
        else:
            break
    return at


def _flow_node(text: str, at: int, depth: int) -> tuple[str | None, int] | None:
    """(text when a one-line scalar read exactly, end) of the flow node at `at`."""
    char = text[at : at + 1]
    if char in ("[", "{"):
        inner = _parse_flow_slowly(text, at, depth + 1)
        return None if inner is None else (None, inner.end)
    if char == '"':
        match = _DQ_ANY.match(text, at)
        if match is None:
            return None
        body = match.group()[1:-1]
        return (None if "\\" in body or "\n" in body else body), match.end()
    if char == "'":
        match = _SQ_ANY.match(text, at)
        if match is None:
            return None
        body = match.group()[1:-1]
        return (None if "\n" in body else body.replace("''", "'")), match.end()
    match = _FLOW_PLAIN.match(text, at)
    if match is None:
        return None
    value = match.group()
    return (None if "\n" in value else value), match.end()


def _value_colon(text: str, at: int) -> bool:
    """A `:` that separates a key from its value in flow context."""
    return text[at : at + 1] == ":" and text[at + 1 : at + 2] in (" ", "\n", ",", "]", "}", "")


def _parse_flow_slowly(text: str, start: int, depth: int) -> _Flow | None:
    """`_parse_flow` token by token, for comments and deep nesting. None for empty values,
    keys without values, single-pair mappings in sequences, explicit keys, anchors, aliases,
    tags, JSON-style `"key":value` and keys over several lines."""
    if depth > _MAX_FLOW_DEPTH:
        return None
    mapping = text[start] == "{"
    closer = "}" if mapping else "]"
    entries: list[tuple[str | None, int, int]] = []
    at = start + 1
    while True:
        at = _flow_space(text, at)
        if at >= len(text):
            return None
        if text[at] == closer:
            return _Flow(at + 1, mapping, tuple(entries))
        node = _flow_node(text, at, depth)
        if node is None:
            return None
        key, end = node
        after = _flow_space(text, end)
        if mapping:
            if not _value_colon(text, after) or text.find("\n", at, after) >= 0:
                return None
            value_at = _flow_space(text, after + 1)
            if value_at >= len(text) or text[value_at] in ",}":
                return None
            value = _flow_node(text, value_at, depth)
            if value is None:
                return None
            entries.append((key, at, value_at))
            after = _flow_space(text, value[1])
        else:
            if _value_colon(text, after):
                return None
            entries.append((None, at, at))
        if text[after : after + 1] == ",":
            at = after + 1
        elif text[after : after + 1] == closer:
            return _Flow(after + 1, mapping, tuple(entries))
        else:
            return None


def _flow_end(text: str, start: int) -> int | None:
    match = _FLOW_END.match(text, start)
    if match is not None:
        return match.end()
    parsed = _parse_flow_slowly(text, start, 0)
    return None if parsed is None else parsed.end


# -- the scan for lines inside multi-line scalars and collections ---------------------------


def _construct_end(text: str, start: int) -> int | None:
    """Read the line at `start` as block structure (no construct open at its start).

    None: it leaves nothing open. Otherwise the offset where the quoted scalar or flow
    collection it opens ends (on a later line), or -1 when unsure.
    """
    at = _LINE_HEAD.match(text, start).end()  # type: ignore[union-attr]
    key = _BLOCK_KEY.match(text, at)
    if key is not None:
        at = _SPACES.match(text, key.end()).end()  # type: ignore[union-attr]
    char = text[at : at + 1]
    if char in ("", "\n", "#", "|", ">"):
        return None
    if char == '"' or char == "'":
        match = (_DQ_ANY if char == '"' else _SQ_ANY).match(text, at)
        end = None if match is None else match.end()
    elif char == "[" or char == "{":
        end = _flow_end(text, at)
    elif char in "&*!%@`" or (char in "-?:" and text[at + 1 : at + 2] in (" ", "\n", "")):
        return -1
    else:
        return None  # a plain scalar; whatever follows on the line is part of it or a comment
    if end is None or _AFTER_NODE.match(text, end) is None:
        return -1
    return None if text.find("\n", start, end) < 0 else end


def _in_scalar_text(
    text: str, start: int, indent: int, inside: Callable[[int], bool] | None = None
) -> bool:
    """The line at `start`, indented `indent`, is text of a block scalar or continues a plain
    scalar begun on an earlier line (then it opens nothing, whatever it holds).

    That is so when the nearest line above it that is less indented (not blank) holds a block
    scalar's header or a plain scalar, as the value of a collection at a column less than
    `indent`: libyaml continues a plain scalar on every following line indented more than
    its collection, and a block scalar likewise."""
    at = start - 1  # the line break before the line
    while at > 0:
        line = text.rfind("\n", 0, at) + 1
        first = _SPACES.match(text, line).end()  # type: ignore[union-attr]
        if first < at and first - line < indent:
            break
        at = line - 1
    else:
        return False
    if inside is not None and inside(line):
        return False  # that line is itself text of a quoted scalar or flow collection
    if text[first] == "#":
        return False  # a comment ends a plain scalar
    head = _LINE_HEAD.match(text, line).end()  # type: ignore[union-attr]
    column = text.rfind("-", first, head) - line if head > first else first - line
    key = _BLOCK_KEY.match(text, head)
    if key is not None:
        column = head - line
        head = _SPACES.match(text, key.end()).end()  # type: ignore[union-attr]
    char = text[head : head + 1]
    if column >= indent or char in ("", "\n", "#") or char in "\"'[{&*!%@`":
        return False
    if char in "|>":
        return True
    return not (char in "-?:" and text[head + 1 : head + 2] in (" ", "\n", ""))


class _Scan:
    """Where the lines that are part of multi-line quoted scalars and flow collections are,
    and the lines that start with a character of _ODD_KEY_START (by column)."""

    __slots__ = ("ends", "odd_starts", "starts", "unknown_from")

    def __init__(self, text: str, line_starts: list[int]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.odd_starts: dict[int, list[int]] = {}
        self.unknown_from = len(text) + 1
        starts_append, ends_append = self.starts.append, self.ends.append
        less: dict[int, re.Pattern[str]] = {}
        skeleton = b"\n" + text.encode("utf-8").translate(None, _DELETE)
        resume = 0
        line = 0
        counted = 0
        for match in _ODD_LINE.finditer(skeleton):
            at = match.start()
            line += skeleton.count(b"\n", counted, at)
            counted = at
            start = line_starts[line]
            if start < resume:
                continue
            following = line_starts[line + 1]  # the start of the next line
            opens = _OPENS.match(text, start)
            if opens is not None:
                first = opens.end(1)
                stop = opens.end()
                end = None if stop < following else stop  # None: closed on its line
            else:
                first = _SPACES.match(text, start).end()  # type: ignore[union-attr]
                end = _construct_end(text, start)
            if text[first : first + 1] in _ODD_KEY_START:
                self.odd_starts.setdefault(first - start, []).append(first)
            if end is None:
                continue
            indent = first - start
            if end < 0:
                if _in_scalar_text(text, start, indent, self._inside):
                    continue
                self.unknown_from = start
                return
            last = text.find("\n", end)
            last = len(text) if last < 0 else last
            if indent > 0:
                pattern = less.get(indent)
                if pattern is None:
                    pattern = less[indent] = _pattern("less", indent)
                if pattern.search(text, following - 1, last) is not None:
                    # Lines less indented than the opening one inside: the opening line
                    # might be text of a block or plain scalar (see the module docs).
                    if _in_scalar_text(text, start, indent, self._inside):
                        continue
                    self.unknown_from = start
                    return
            starts_append(following)
            ends_append(last)
            resume = last + 1

    def _inside(self, offset: int) -> bool:
        """`offset` is on a line of a multi-line construct found so far."""
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset <= self.ends[index]

    def blocked(self, offset: int) -> bool:
        """The line holding `offset` is inside a multi-line construct, or past the scan."""
        if offset >= self.unknown_from:
            return True
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset <= self.ends[index]

    def odd_key_between(self, low: int, high: int, column: int) -> bool:
        """A line in (low, high) starts at `column` with a character of _ODD_KEY_START."""
        starts = self.odd_starts.get(column)
        if not starts:
            return False
        index = bisect_right(starts, low)
        return index < len(starts) and starts[index] < high


# -- the index of one file -------------------------------------------------------------------


ABSENT: Offsets = (-1, -1)
"""`offsets` of a node the document certainly does not have."""

_Found = Offsets | None
"""Offsets, ABSENT, or None when unsure."""

_UNSURE = -2


class TextIndex:
    """Positions of nodes in one YAML text; every answer equals the composed source map."""

    def __init__(self, text: str) -> None:
        if "\r" in text:
            # libyaml counts CR LF, and a lone CR, as one line break, like LF: lines and
            # columns are those of the text with every break written LF.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.text = text
        self.supported = supported(text)
        self._line_starts: list[int] | None = None
        self._scan: _Scan | None = None
        self._nodes: dict[Pointer, _Found] = {}
        self._ends: dict[tuple[str, int], int] = {}
        self._items: dict[int, list[int]] = {}
        self._flows: dict[int, _Flow | None] = {}
        self._flow_scalars: set[int] = set()
        self._indexes: dict[int, tuple[dict[str, tuple[int, int]], int, int]] = {}
        self._lookups: dict[int, int] = {}
        self._first_keys: dict[int, tuple[str, int] | None] = {}

    # -- public ---------------------------------------------------------------------------

    def position(self, pointer: Pointer, at_key: bool = False) -> tuple[int, int] | None:
        """(line, column), 1-based, that `Locator.position` gives from the composed source
        map: of the node's key (`at_key`) or value, or of the key of its nearest ancestor
        present when the document does not have it. None when unsure."""
        if not self.supported:
            return None
        found = self.offsets(pointer)
        if found is None:
            return None
        if found == ABSENT:
            probe = pointer
            while found == ABSENT:
                if not probe:
                    return None
                probe = probe[:-1]
                found = self.offsets(probe)
                if found is None:
                    return None
            return self.line_column(found[0])
        return self.line_column(found[0] if at_key else found[1])

    def offsets(self, pointer: Pointer) -> _Found:
        """Offsets of the key and value of the node at `pointer`, ABSENT, or None."""
        if pointer in self._nodes:
            return self._nodes[pointer]
        if not pointer:
            found: _Found = self._root()
        else:
            parent = self.offsets(pointer[:-1])
            if parent is None or parent == ABSENT:
                found = parent
            else:
                found = self._child(parent[1], pointer[-1], len(pointer))
        self._nodes[pointer] = found
        return found

    def line_column(self, offset: int) -> tuple[int, int]:
        starts = self.line_starts()
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            # `supported` leaves `\n` the only line break `splitlines` knows of.
            starts = list(accumulate(map(len, self.text.splitlines(True)), initial=0))
            if not self.text.endswith("\n"):
                starts[-1] = len(self.text) + 1  # past the last line, which has no break
            self._line_starts = starts
        return self._line_starts

    # -- helpers --------------------------------------------------------------------------

    def _scan_(self) -> _Scan:
        if self._scan is None:
            self._scan = _Scan(self.text, self.line_starts())
        return self._scan

    def _blocked(self, offset: int) -> bool:
        scan = self._scan if self._scan is not None else self._scan_()
        if offset >= scan.unknown_from:
            return True
        index = bisect_right(scan.starts, offset) - 1
        return index >= 0 and offset <= scan.ends[index]

    def _column(self, offset: int) -> int:
        """0-based column of `offset`."""
        return offset - (self.text.rfind("\n", 0, offset) + 1)

    def _root(self) -> _Found:
        match = _FIRST_CONTENT.match(self.text)
        if match is None:
            return None
        at = match.end()
        if self._odd_start(at) or self._blocked(at):
            return None
        return at, at

    def _odd_start(self, at: int) -> bool:
        """A node start we do not follow: anchors, aliases, tags, explicit keys and values,
        directives and reserved characters."""
        text = self.text
        char = text[at : at + 1]
        if char in ("&", "*", "!", "%", "@", "`"):
            return True
        return char in ("?", ":") and text[at + 1 : at + 2] in (" ", "\n", "")

    def _child(self, at: int, part: str | int, depth: int) -> _Found:
        text = self.text
        char = text[at : at + 1]
        if char in ("", " ", "\n"):
            return ABSENT  # an empty value (null)
        if char == "[" or char == "{":
            return self._flow_child(at, part)
        if at in self._flow_scalars:
            return ABSENT
        if char == "-" and text[at + 1 : at + 2] in (" ", "\n", ""):
            return self._item(at, part) if isinstance(part, int) else ABSENT
        if at in self._first_keys:
            first = self._first_keys[at]
        else:
            first = self._first_keys[at] = self._key_at(at)
        if first is not None:
            return self._entry(at, first, part, depth) if isinstance(part, str) else ABSENT
        return ABSENT if self._scalar(at) else None

    def _scalar(self, at: int) -> bool:
        """The block node at `at` is certainly a scalar (not a mapping we cannot read)."""
        text = self.text
        char = text[at]
        if char == "|" or char == ">":
            return True
        if char == '"' or char == "'":
            match = (_DQ_ANY if char == '"' else _SQ_ANY).match(text, at)
            return match is not None and _AFTER_NODE.match(text, match.end()) is not None
        if char in _INDICATOR_CHARACTERS and not (
            char in "-?:" and text[at + 1 : at + 2] not in (" ", "\n", "")
        ):
            return False
        end = text.find("\n", at)
        line = text[at : len(text) if end < 0 else end]
        return ": " not in line and not line.endswith(":")

    # -- flow -----------------------------------------------------------------------------

    def _flow(self, at: int) -> _Flow | None:
        if at not in self._flows:
            self._flows[at] = _parse_flow(self.text, at)
        return self._flows[at]

    def _flow_child(self, at: int, part: str | int) -> _Found:
        flow = self._flow(at)
        if flow is None:
            return None
        if flow.mapping:
            if not isinstance(part, str):
                return ABSENT
            for key, key_at, value_at in flow.entries:
                if key is None:
                    return None  # might be `part` spelled with escapes
                if key == part:
                    return self._flow_value(key_at, value_at)
            return ABSENT
        if not isinstance(part, int) or not 0 <= part < len(flow.entries):
            return ABSENT
        _, item_at, _ = flow.entries[part]
        return self._flow_value(item_at, item_at)

    def _flow_value(self, key_at: int, value_at: int) -> _Found:
        if self.text[value_at] not in "[{":
            if self._odd_start(value_at):
                return None
            self._flow_scalars.add(value_at)
        return key_at, value_at

    # -- block mappings -------------------------------------------------------------------

    def _end(self, kind: str, at: int, indent: int) -> int:
        """Offset of the line break before the line that ends the collection at `at`."""
        cached = self._ends.get((kind, at))
        if cached is None and indent == 0 and kind == "map-end":
            cached = self._ends[(kind, at)] = len(self.text)
        if cached is None:
            found = _pattern(kind, indent).search(self.text, at)
            cached = len(self.text) if found is None else found.start()
            self._ends[(kind, at)] = cached
        return cached

    def _first_odd_key(self, at: int, indent: int, end: int) -> int:
        """The first line in (at, end) at column `indent` that could be a key spelled in a
        way `_find_key` does not search; `end` if none."""
        found = _pattern("odd-key", indent).search(self.text, at, end)
        return end if found is None else found.start()

    def _key_at(self, at: int) -> tuple[str, int] | None:
        """(key, offset of its `:`) of the implicit key at `at`, if read exactly."""
        match = _BLOCK_KEY.match(self.text, at)
        if match is None:
            return None
        if match["dq"] is not None:
            key = match["dq"][1:-1]
            if "\\" in key:
                return None
        elif match["sq"] is not None:
            key = match["sq"][1:-1].replace("''", "'")
        else:
            key = match["plain"]
        if match.end() - at > _MAX_KEY:
            return None
        return key, match.end() - 1

    def _entry(self, at: int, first: tuple[str, int], key: str, depth: int) -> _Found:
        """The entry `key` of the block mapping whose first key, at `at`, is `first`; the
        mapping is `depth` levels below the root."""
        indent = self._column(at)
        if first[0] == key:
            value = self._block_value(first[1] + 1, indent, in_mapping=True)
            return None if value is None else (at, value)
        looked = self._lookups[at] = self._lookups.get(at, 0) + 1
        if indent > 0 and (depth <= 2 or looked > 1):
            keys, unsure, end = self._key_index(at, first, indent)
            hit = keys.get(key)
            if hit is None:
                if unsure < end or self._blocked(min(end + 1, len(self.text))):
                    return None
                return ABSENT
            found, colon = hit
        else:
            text = self.text
            end = self._ends.get(("map-end", at), -1)  # -1: not known yet
            found, colon = self._find_key(key, [key], at, len(text) if end < 0 else end, indent)
            if found == _UNSURE:
                return None
            if found >= 0 and end < 0 and indent > 0:
                # Inside the mapping unless a less indented line comes first (a search up
                # to the key, not to the end of the mapping, which may be far below it).
                before = _pattern("map-end", indent).search(text, at, found)
                if before is not None:
                    found, end = -1, before.start()
                    self._ends[("map-end", at)] = end
            if found < 0 and end < 0:
                end = self._end("map-end", at, indent)
            limit = end if found < 0 else found
            if self._scan_().odd_key_between(at, limit, indent):
                # Quoted keys among the siblings before it; or escaped, explicit, tagged or
                # anchored ones, which could spell the same key.
                if self._first_odd_key(at, indent, limit) < limit:
                    return None
                spellings = ["'" + key.replace("'", "''") + "'"]
                if '"' not in key and "\\" not in key:
                    spellings.append('"' + key + '"')
                quoted, quoted_colon = self._find_key(key, spellings, at, limit, indent)
                if quoted == _UNSURE:
                    return None
                if quoted >= 0:
                    found, colon = quoted, quoted_colon
            if found < 0:
                return None if self._blocked(min(end + 1, len(self.text))) else ABSENT
        if self._blocked(found):
            return None
        value = self._block_value(colon + 1, indent, in_mapping=True)
        return None if value is None else (found, value)

    def _key_index(
        self, at: int, first: tuple[str, int], indent: int
    ) -> tuple[dict[str, tuple[int, int]], int, int]:
        """The keys of a block mapping at column `indent` (> 0), with the offsets of the key
        and its `:`; the offset of the first line at its column that could be a key we cannot
        read (the keys after it are left out); and the end of the mapping."""
        cached = self._indexes.get(at)
        if cached is None:
            text = self.text
            keys = {first[0]: (at, first[1])}
            unsure = end = -1
            for match in _pattern("not-deeper", indent).finditer(text, at):
                line = match.end()
                if line - match.start() - 1 < indent:
                    end = match.start()  # a line less indented: the end of the mapping
                    break
                if unsure >= 0:
                    continue
                read = self._key_at(line)
                if read is not None:
                    keys.setdefault(read[0], (line, read[1]))
                elif text[line] != "-" or text[line + 1 : line + 2] not in (" ", "\n", ""):
                    unsure = line  # not an item of a sequence at the mapping's column either
            end = len(text) if end < 0 else end
            self._ends[("map-end", at)] = end
            cached = self._indexes[at] = (keys, end if unsure < 0 else unsure, end)
        return cached

    def _find_key(
        self, key: str, spellings: list[str], at: int, end: int, indent: int
    ) -> tuple[int, int]:
        """(offset, offset of the `:`) of the first line in (at, end) that holds `key` at
        column `indent`, spelled one of `spellings`; -1 if none; _UNSURE at a line there
        that could be a key we cannot read."""
        text = self.text
        margin = "\n" + " " * indent
        found, colon = -1, -1
        for spelling in spellings:
            needle = margin + spelling
            limit = end if found < 0 else found
            hit = text.find(needle, at, limit)
            while hit >= 0:
                candidate = hit + len(margin)
                read = self._key_at(candidate)
                if read is None:
                    if not self._scalar(candidate):
                        return _UNSURE, -1
                elif read[0] == key:
                    found, colon = candidate, read[1]
                    break
                hit = text.find(needle, hit + 1, limit)
        return found, colon

    def _block_value(self, after: int, indent: int, in_mapping: bool) -> int | None:
        """Offset of the value that starts at `after` (just after a key's `:` or an item's
        `-`, which is where YAML puts an empty value) in a collection at column `indent`."""
        text = self.text
        at = after + 1 if text[after : after + 1] == " " else after
        char = text[at : at + 1]
        if char == " ":
            at = _SPACES.match(text, at).end()  # type: ignore[union-attr]
            char = text[at : at + 1]
        if char not in ("", "\n", "#"):
            if self._odd_start(at):
                return None
            if in_mapping and char == "-" and text[at + 1 : at + 2] in (" ", "\n", ""):
                return None  # `key: - item` is not YAML
            return at
        match = _NEXT_CONTENT.search(text, at)
        if match is None:
            return after
        below = match.end()
        column = len(match[1])
        if column > indent or (
            in_mapping
            and column == indent
            and text[below] == "-"
            and text[below + 1 : below + 2] in (" ", "\n", "")
        ):
            if self._odd_start(below) or self._blocked(below):
                return None
            return below
        return after

    # -- block sequences ------------------------------------------------------------------

    def _item(self, at: int, index: int) -> _Found:
        text = self.text
        items = self._items.get(at)
        indent = self._column(at)
        if items is None:
            items = [at]
            self._items[at] = items
        if index >= len(items):
            end = self._end("seq-end", at, indent)
            needle = "\n" + " " * indent + "-"
            hit = text.find(needle, items[-1] + 1, end)
            while hit >= 0 and len(items) <= index:
                dash = hit + len(needle) - 1
                if text[dash + 1 : dash + 2] in (" ", "\n", ""):
                    if self._blocked(dash):
                        return None
                    items.append(dash)
                hit = text.find(needle, dash + 1, end)
            if index >= len(items):
                return None if index < 0 or self._blocked(min(end + 1, len(text))) else ABSENT
        if index < 0:
            return ABSENT
        dash = items[index]
        value = self._block_value(dash + 1, indent, in_mapping=False)
        return None if value is None else (value, value)

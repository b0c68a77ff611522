"""Catalog patterns written for JavaScript: the TypeScript emitters check a value with a RegExp
that gives the verdict Python's `re` gives (`registry_runtime.patterns`, the reference: the
Python emitters and `registry check-events` search with it).

A catalog pattern is Python `re` text, and a JavaScript RegExp made from the same text reads
it differently: ``$`` also matches before a final line break in Python, never in JavaScript;
``\\d``, ``\\w``, ``\\s`` and ``\\b`` are Unicode-aware in Python, ASCII (or another list of
spaces) in JavaScript; case folding, ``.`` and line anchors use other tables; ``\\A``, ``\\Z``,
``(?P<name>...)``, inline flags, atomic groups and possessive repeats have no JavaScript
spelling. So a pattern is never handed over as text: Python's own parser reads it
(`re._parser`) and `javascript` writes what it parsed, one construct at a time, as a source
for ``new RegExp(source, "u")`` (code points, as Python's strings) that needs no flag:

- a character, a class, ``.``, ``\\d`` ... under the flags in force is the set of code points
  Python's `re` matches with it, as a class: written out directly when the text says it (no
  category, no case folding), else asked of `re` itself over every code point (`_matched`),
  so the tables are the generating Python's;
- ``^``, ``$``, ``\\A``, ``\\Z``, ``\\b``, ``\\B`` become lookarounds with Python's meaning (with
  and without MULTILINE; ``\\b`` over Python's ``\\w``);
- groups are not captured (a search needs no capture); an atomic group or a possessive repeat
  becomes ``(?=(...))\\N``, the atomic idiom of JavaScript.

A backreference or a conditional group, and an atomic group inside a lookbehind, have no
faithful spelling: `Untranslatable` says which construct, and the generation stops.
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import Any, Final

from registry.catalog.pattern_nfa import all_code_points

_parser: Any = importlib.import_module("re._parser")  # Python's own regex parser
_compiler: Any = importlib.import_module("re._compiler")

_IGNORECASE: Final = re.IGNORECASE.value
_MULTILINE: Final = re.MULTILINE.value
_DOTALL: Final = re.DOTALL.value
_TABLES: Final = re.IGNORECASE.value | re.ASCII.value | re.UNICODE.value
"""The flags that decide which code points a character or a class matches."""

_PLAIN: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_ ")
"""Characters written as themselves, in a class or out of one."""
_SYNTAX: Final = frozenset("^$\\.*+?()[]{}|/")
"""Characters written with a backslash (an escape Unicode mode allows, in a class or not;
``\\-`` only in a class)."""

_ONE_CHARACTER: Final = frozenset({_parser.LITERAL, _parser.NOT_LITERAL, _parser.IN, _parser.ANY})
"""Constructs written as one character or one class."""

_B_ON_EMPTY: Final = re.search(r"\B", "") is not None
"""Whether Python's ``\\B`` matches in an empty value (it does not before Python 3.14)."""


class Untranslatable(ValueError):
    """A pattern with a construct JavaScript cannot check as Python does; ``construct`` names
    it."""

    def __init__(self, construct: str) -> None:
        super().__init__(construct)
        self.construct = construct


def _char(code: int) -> str:
    """A character outside a class."""
    text = chr(code)
    if text in _PLAIN or text == "-":
        return text
    if text in _SYNTAX:
        return "\\" + text
    return f"\\u{{{code:x}}}"


def _member(code: int) -> str:
    """A character in a class."""
    return "\\-" if code == ord("-") else _char(code)


_MATCHED: dict[tuple[str, int], str] = {}


def _matched(node: tuple[Any, Any], flags: int) -> str:
    """The class of the code points Python's `re` matches with the one-character ``node``
    under ``flags``: `re` itself finds the runs of them among all code points."""
    key = (repr(node), flags & _TABLES)
    known = _MATCHED.get(key)
    if known is not None:
        return known
    state = _parser.State()
    state.flags = flags
    body = _parser.SubPattern(state, [node])
    runs = _parser.SubPattern(state, [(_parser.MAX_REPEAT, (1, _parser.MAXREPEAT, body))])
    compiled = _compiler.compile(runs, flags)
    parts = []
    for match in compiled.finditer(all_code_points()):
        start, end = match.span()
        last = end - 1
        parts.append(_member(start) if start == last else f"{_member(start)}-{_member(last)}")
    written = "[" + "".join(parts) + "]"
    _MATCHED[key] = written
    return written


def _as_written(items: list[tuple[Any, Any]]) -> str | None:
    """The inside of a class whose text says what it matches (literals and ranges), else
    None (a category such as ``\\d``)."""
    parts = []
    for op, av in items:
        if op is _parser.LITERAL:
            parts.append(_member(av))
        elif op is _parser.RANGE:
            parts.append(f"{_member(av[0])}-{_member(av[1])}")
        elif op is _parser.NEGATE:
            parts.append("^")
        else:
            return None
    return "".join(parts)


def _quantifier(low: int, high: int) -> str:
    if high == _parser.MAXREPEAT:
        return {0: "*", 1: "+"}.get(low, f"{{{low},}}")
    if (low, high) == (0, 1):
        return "?"
    return f"{{{low}}}" if low == high else f"{{{low},{high}}}"


class _Writer:
    """Writes one parsed pattern; counts the groups it captures for atomic groups."""

    def __init__(self) -> None:
        self.groups = 0
        self.behind = 0
        """How many lookbehinds the construct being written is inside."""

    def sequence(self, items: Any, flags: int) -> str:
        return "".join(self.item(op, av, flags) for op, av in items)

    def atom(self, items: Any, flags: int) -> str:
        """``items`` as one atom a quantifier applies to: a character or a class as it is."""
        written = self.sequence(items, flags)
        if len(items) == 1 and items[0][0] in _ONE_CHARACTER:
            return written
        return f"(?:{written})"

    def atomic(self, items: Any, flags: int, quantifier: str = "") -> str:
        if self.behind:
            raise Untranslatable("an atomic group or possessive repeat inside a lookbehind")
        self.groups += 1
        number = self.groups
        return f"(?=({self.atom(items, flags)}{quantifier}))(?:\\{number})"

    def word(self, flags: int) -> str:
        return _matched((_parser.IN, [(_parser.CATEGORY, _parser.CATEGORY_WORD)]), flags)

    def at(self, where: Any, flags: int) -> str:
        multiline = bool(flags & _MULTILINE)
        if where is _parser.AT_BEGINNING_STRING or (
            where is _parser.AT_BEGINNING and not multiline
        ):
            return "^"
        if where is _parser.AT_BEGINNING:
            return "(?<![^\\n])"
        if where is _parser.AT_END_STRING:
            return "$"
        if where is _parser.AT_END:
            return "(?![^\\n])" if multiline else "(?=\\n?$)"
        w = self.word(flags)
        if where is _parser.AT_BOUNDARY:
            return f"(?:(?<={w})(?!{w})|(?<!{w})(?={w}))"
        if where is _parser.AT_NON_BOUNDARY:
            inside = "" if _B_ON_EMPTY else "(?:(?<=[^])|(?=[^]))"
            return f"(?:(?<={w})(?={w})|(?<!{w})(?!{w}){inside})"
        raise Untranslatable(f"the anchor {where}")

    def item(self, op: Any, av: Any, flags: int) -> str:
        folded = bool(flags & _IGNORECASE)
        if op is _parser.LITERAL:
            return _matched((op, av), flags) if folded else _char(av)
        if op is _parser.NOT_LITERAL:
            return _matched((op, av), flags) if folded else f"[^{_member(av)}]"
        if op is _parser.IN:
            written = None if folded else _as_written(av)
            return _matched((op, av), flags) if written is None else f"[{written}]"
        if op is _parser.ANY:
            return "[^]" if flags & _DOTALL else "[^\\n]"
        if op is _parser.AT:
            return self.at(av, flags)
        if op is _parser.BRANCH:
            return "(?:" + "|".join(self.sequence(branch, flags) for branch in av[1]) + ")"
        if op is _parser.SUBPATTERN:
            _group, add_flags, del_flags, body = av
            inner = _compiler._combine_flags(flags, add_flags, del_flags)
            return f"(?:{self.sequence(body, inner)})"
        if op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
            low, high, body = av
            quantifier = _quantifier(low, high)
            if op is _parser.POSSESSIVE_REPEAT:
                return self.atomic(body, flags, quantifier)
            lazy = "?" if op is _parser.MIN_REPEAT else ""
            return f"{self.atom(body, flags)}{quantifier}{lazy}"
        if op is _parser.ATOMIC_GROUP:
            return self.atomic(av, flags)
        if op in (_parser.ASSERT, _parser.ASSERT_NOT):
            direction, body = av
            behind = direction < 0
            self.behind += behind
            inner = self.sequence(body, flags)
            self.behind -= behind
            kind = ("<" if behind else "") + ("=" if op is _parser.ASSERT else "!")
            return f"(?{kind}{inner})"
        if op is _parser.GROUPREF:
            raise Untranslatable("a backreference (JavaScript matches one to an unset group)")
        if op is _parser.GROUPREF_EXISTS:
            raise Untranslatable("a conditional group (?(...)...)")
        raise Untranslatable(f"the construct {op}")


@functools.cache
def javascript(regex: str) -> str:
    """The source of a RegExp with flag ``u`` (and no other) that is found in exactly the
    strings in which Python's `re.search` finds ``regex``; `Untranslatable` when there is
    none this module can write, `re.error` when ``regex`` is not a pattern."""
    parsed = _parser.parse(regex, 0)
    return _Writer().sequence(parsed, parsed.state.flags)


__all__ = ["Untranslatable", "javascript"]

"""How a catalog `pattern` is searched in a value: the one test the generated emitters and
`registry check-events` both use, in bounded time (issue 15).

A pattern is *searched* (as `re.search` does; anchor it with ``^...$`` to match the whole
value). `registry lint` refuses a pattern whose search can take more than linear time (R013),
so every pattern an emitter is generated from is linear; but a linear pattern still costs
`re` work at every start position of an unanchored search, and a bounded repetition
(``[0-9]{2,12}-``) or an alternation of many branches retries tens of steps from each
character: up to about 25 ms for 100 KB. The cost is bounded three ways:

- A pattern whose every branch starts at the start of the value (``\\A``, or ``^`` without the
  MULTILINE flag: `starts_at_start`) can only match there: it is tried once (`re.match`, the
  same answer as `re.search`), whatever the length of the value.
- Any other pattern is searched in the whole value. A field whose pattern is searched and that
  declares no ``max_length`` holds at most `SHORT` characters (`registry.catalog.types`
  checks the length first, as for a declared ``max_length``): `re` on that many characters
  takes about a millisecond at worst.
- A value longer than `SHORT` (a declared ``max_length`` above it) is searched with
  google-re2 (the runtime's optional extra ``re2``, linear time whatever the pattern) when it
  is installed, reads the pattern as `re` does (`for_re2`) and the value cannot tell the
  engines apart (`_same_verdict`): RE2's ``\\d``, ``\\w``, ``\\s``, ``\\b`` and case folding
  differ from `re`'s on non-ASCII text, its ``\\s`` leaves out ``\\v`` and ``\\x1c``-``\\x1f``,
  and its ``$`` does not match before a final line break. Otherwise with `re`: linear, bounded
  by the declared ``max_length``.

A pattern not proven linear (``proven_linear=False``: only `registry check-events`, which also
reads catalogs that do not lint clean) is searched with RE2 whatever the value, when it is
installed and reads the pattern as `re` does: safety first, the differences above accepted.

Standard library only, like the rest of the runtime: google-re2 is imported the first time a
long value needs it, never at import.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Final

Search = Callable[[str], bool]

SHORT: Final = 4096
"""Values up to this length are searched with `re` (at most about a millisecond on a linear
pattern), and it is the most a field whose pattern is searched anywhere in the value holds
when it declares no ``max_length``."""

_sre_parse: Any = importlib.import_module("re._parser")  # Python's own regex parser
_AT: Final = _sre_parse.AT
_BRANCH: Final = _sre_parse.BRANCH
_SUBPATTERN: Final = _sre_parse.SUBPATTERN
_AT_START: Final = frozenset({_sre_parse.AT_BEGINNING, _sre_parse.AT_BEGINNING_STRING})
_MULTILINE: Final = re.MULTILINE.value


@functools.cache
def load_re2() -> ModuleType | None:
    """google-re2 when installed (``pip install 'audit-registry-runtime[re2]'``), else None."""
    try:
        return importlib.import_module("re2")
    except ImportError:
        return None


def _starts_at_start(items: Any, multiline: bool) -> bool:
    """Whether a parsed sequence can only match at the start of the text: its first item is
    ``\\A``, or ``^`` without MULTILINE, or a group or alternation all of whose branches are."""
    if not len(items):
        return False
    op, av = items[0]
    if op is _AT:
        return av is _sre_parse.AT_BEGINNING_STRING or (av in _AT_START and not multiline)
    if op is _SUBPATTERN:
        _group, add_flags, del_flags, body = av
        inner = (multiline or bool(add_flags & _MULTILINE)) and not del_flags & _MULTILINE
        return _starts_at_start(body, inner)
    if op is _BRANCH:
        return all(_starts_at_start(branch, multiline) for branch in av[1])
    return False


@functools.cache
def starts_at_start(regex: str) -> bool:
    """Whether ``regex`` can match only at the start of a value (then one `re.match` answers
    as `re.search` does, in time bounded by what the pattern reads, not by the value)."""
    try:
        parsed = _sre_parse.parse(regex, 0)
    except re.error:
        return False  # `re.compile` reports it
    return _starts_at_start(parsed, bool(parsed.state.flags & _MULTILINE))


_OPEN_MINIMUM: Final = re.compile(r"((?:^|[^\\])(?:\\\\)*)\{,")
"""``{,n}`` after an even number of backslashes: `re` reads it as ``{0,n}``, RE2 as text."""
_POSIX_CLASS: Final = re.compile(r"\[[:=.]")
"""``[[:alpha:]]``: a POSIX class to RE2, a set of characters and a ``]`` to `re`."""
_UNICODE_AWARE: Final = re.compile(r"\\[dDwWsSbB]|\(\?[a-zA-Z]*i")
"""Escapes and the case-insensitive flag that `re` applies to all of Unicode, RE2 to ASCII."""
_SPACES: Final = re.compile(r"\\[sS]")
_RE_ONLY_SPACE: Final = re.compile(r"[\v\x1c-\x1f]")
"""What `re`'s ``\\s`` matches and RE2's does not, in ASCII text."""


def for_re2(regex: str) -> str | None:
    """``regex`` written so that RE2 reads it as `re` does, or None when unsure: a pattern
    with non-ASCII characters or a ``[:``, ``[=``, ``[.`` (POSIX classes to RE2). An open
    minimum ``{,n}`` becomes ``{0,n}``, checked by comparing `re`'s parse of both."""
    if not regex.isascii() or _POSIX_CLASS.search(regex):
        return None
    written = _OPEN_MINIMUM.sub(r"\1{0,", regex)
    if written != regex:
        try:
            if repr(_sre_parse.parse(written, 0)) != repr(_sre_parse.parse(regex, 0)):
                return None
        except re.error:
            return None
    return written


def _re2_search(regex: str, engine: ModuleType) -> Callable[[str], object] | None:
    """The RE2 search of ``regex``, or None when RE2 does not read it as `re` does
    (`for_re2`) or does not accept it (backreferences, lookarounds); compile errors are not
    logged (RE2 writes them to stderr by default)."""
    written = for_re2(regex)
    if written is None:
        return None
    options = engine.Options()
    options.log_errors = False
    try:
        compiled = engine.compile(written, options)
    except Exception:  # noqa: BLE001 - re2 raises its own error type, or TypeError
        return None
    search: Callable[[str], object] = compiled.search
    return search


def _same_verdict(regex: str) -> Callable[[str], bool]:
    """A test of a value: True when RE2 and `re` cannot disagree on it for ``regex``."""
    ascii_only = _UNICODE_AWARE.search(regex) is not None
    spaces = _SPACES.search(regex) is not None

    def same(value: str) -> bool:
        if value.endswith("\n") or (ascii_only and not value.isascii()):
            return False
        return not (spaces and _RE_ONLY_SPACE.search(value) is not None)

    return same


def _engine(re2: ModuleType | bool) -> ModuleType | None:
    if isinstance(re2, ModuleType):
        return re2
    return load_re2() if re2 else None


def pattern_search(
    regex: str, *, proven_linear: bool = True, re2: ModuleType | bool = True
) -> Search:
    """A test that holds when ``regex`` is found in a string (see the module docstring).

    ``proven_linear``: R013 proves the search linear (so is every pattern of a catalog an
    emitter is generated from). ``re2``: True for google-re2 when installed (imported when
    first needed), False for `re` alone, or the module to use."""
    compiled = re.compile(regex)
    python = compiled.search
    if not proven_linear:
        engine = _engine(re2)
        linear = None if engine is None else _re2_search(regex, engine)
        if linear is None:
            return lambda value: python(value) is not None
        return lambda value: linear(value) is not None
    long_search: Search | None = None

    def search(value: str) -> bool:
        nonlocal long_search
        if len(value) <= SHORT:
            return python(value) is not None
        if long_search is None:  # the first long value: a race builds it twice, alike
            long_search = _long_search(regex, compiled, re2)
        return long_search(value)

    return search


def _long_search(regex: str, compiled: re.Pattern[str], re2: ModuleType | bool) -> Search:
    """The search of a value longer than `SHORT`: one `re.match` when the pattern starts at
    the start; else RE2 where it answers as `re` does; else `re`. Built when the first long
    value comes, so that importing an emitter parses each pattern once (`re.compile`)."""
    python = compiled.search
    if starts_at_start(regex):
        match = compiled.match
        return lambda value: match(value) is not None
    engine = _engine(re2)
    linear = None if engine is None else _re2_search(regex, engine)
    if linear is None:
        return lambda value: python(value) is not None
    same = _same_verdict(regex)
    return lambda value: linear(value) is not None if same(value) else python(value) is not None


@dataclass(frozen=True, slots=True)
class CatalogPattern:
    """A catalog pattern as the generated emitters hold it: its text, and `search`, which
    holds when it is found in a value (`pattern_search`)."""

    pattern: str
    search: Search


def compile_pattern(regex: str) -> CatalogPattern:
    """``regex`` of a catalog that lints clean (R013 proves it linear), ready to search."""
    return CatalogPattern(regex, pattern_search(regex))


__all__ = [
    "SHORT",
    "CatalogPattern",
    "Search",
    "compile_pattern",
    "for_re2",
    "load_re2",
    "pattern_search",
    "starts_at_start",
]

"""How check-events searches a catalog `pattern` in a value, in time linear in the value.

The emitters and check-events *search* a pattern (as `re.search` does). A backtracking engine
can take exponential time on some patterns (`^(a+)+$`); `registry lint` refuses those (R013,
`registry.catalog.patterns.slow_pattern`), but check-events also runs on catalogs and
records it does not control, so it does not rely on that alone. Even a pattern R013 proves
linear costs `re` a bounded but large amount of work at every start position of an
unanchored search: a bounded repetition (``[0-9]{2,12}-``) or an alternation of many
branches is retried from each character, up to about 25 ms for 100 KB.

- A pattern the R013 analysis proves linear is searched with `re` in values up to `SHORT`
  characters (a call of `re` costs a twentieth of one of google-re2's Python binding, and
  its work is bounded by the length), and with google-re2 (the optional extra ``re2``) in
  longer ones, when RE2 reads the pattern as `re` does (`for_re2`) and the value cannot
  tell the engines apart (`_same_verdict`): RE2's ``\\d``, ``\\w``, ``\\s``, ``\\b`` and
  case folding differ from `re`'s on non-ASCII text, its ``\\s`` leaves out ``\\v`` and
  ``\\x1c``-``\\x1f``, and its ``$`` does not match before a final line break. Otherwise
  `re` (linear on this pattern; the type's ``max_length`` is tested first).
- Any other pattern (one `registry lint` refuses) is searched with RE2 whatever the value,
  when it is installed and reads the pattern as `re` does: safety first, the differences
  above accepted. Otherwise with `re`, after the type's ``max_length``
  (`registry.catalog.types.constraints` puts the length before the pattern, and every
  checker built from it tests in that order).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any, Final

from registry.catalog.patterns import slow_pattern

Search = Callable[[str], bool]

SHORT: Final = 4096
"""Values up to this length are searched with `re` (at most about a millisecond on a linear
pattern); longer ones with RE2 when it can give the same answer."""

_sre_parse: Any = importlib.import_module("re._parser")  # Python's own regex parser


def _load_re2() -> ModuleType | None:
    try:
        return importlib.import_module("re2")
    except ImportError:
        return None


RE2: Final = _load_re2()
"""google-re2 when installed (``pip install 'audit-registry[re2]'``), else None."""

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


def pattern_search(regex: str, engine: ModuleType | None = RE2) -> Search:
    """A test that holds when ``regex`` is found in a string (see the module docstring);
    ``engine`` is the RE2 module to use, None to use `re` alone."""
    python = re.compile(regex).search
    linear = None if engine is None else _re2_search(regex, engine)
    if linear is None:
        return lambda value: python(value) is not None
    if slow_pattern(regex) is not None:
        return lambda value: linear(value) is not None
    same = _same_verdict(regex)

    def search(value: str) -> bool:
        if len(value) <= SHORT or not same(value):
            return python(value) is not None
        return linear(value) is not None

    return search

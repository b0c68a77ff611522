"""How check-events searches a catalog `pattern` in a value, in time linear in the value.

The emitters and check-events *search* a pattern (as `re.search` does). A backtracking engine
can take exponential time on some patterns (`^(a+)+$`); `registry lint` refuses those (R013,
`registry.catalog.patterns.slow_pattern`), but check-events also runs on catalogs and
records it does not control, so it does not rely on that alone:

- a pattern the R013 analysis proves linear is searched with `re` (both engines are linear on
  it, and a call of `re` costs a twentieth of one of google-re2's Python binding);
- any other pattern (one `registry lint` refuses) is searched with google-re2 (the optional
  extra ``re2``) when it is installed and accepts the pattern: safety first, although RE2's
  ``\\d``, ``\\w``, ``\\s`` and ``$`` differ from `re`'s on non-ASCII text and a final line break;
- otherwise with `re`, after the type's ``max_length`` (`registry.catalog.types.constraints`
  puts the length before the pattern, and every checker built from it tests in that order).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from types import ModuleType
from typing import Final

from registry.catalog.patterns import slow_pattern

Search = Callable[[str], bool]


def _load_re2() -> ModuleType | None:
    try:
        return importlib.import_module("re2")
    except ImportError:
        return None


RE2: Final = _load_re2()
"""google-re2 when installed (``pip install 'audit-registry[re2]'``), else None."""


def _re2_search(regex: str, engine: ModuleType) -> Callable[[str], object] | None:
    """The RE2 search of ``regex``, or None when RE2 does not accept it (backreferences,
    lookarounds); compile errors are not logged (RE2 writes them to stderr by default)."""
    options = engine.Options()
    options.log_errors = False
    try:
        compiled = engine.compile(regex, options)
    except Exception:  # noqa: BLE001 - re2 raises its own error type, or TypeError
        return None
    search: Callable[[str], object] = compiled.search
    return search


def pattern_search(regex: str, engine: ModuleType | None = RE2) -> Search:
    """A test that holds when ``regex`` is found in a string (see the module docstring);
    ``engine`` is the RE2 module to use, None to use `re` alone."""
    python = re.compile(regex).search
    if slow_pattern(regex) is None:
        return lambda value: python(value) is not None
    linear = None if engine is None else _re2_search(regex, engine)
    if linear is None:
        return lambda value: python(value) is not None
    return lambda value: linear(value) is not None

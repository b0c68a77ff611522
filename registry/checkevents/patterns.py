"""How check-events searches a catalog `pattern` in a value: as the generated emitters do
(`registry_runtime.patterns`, one implementation), told whether the R013 analysis proves the
pattern linear. check-events also reads catalogs and records it does not control: a pattern
`registry lint` refuses is searched with google-re2 (the extra ``re2``) whatever the value,
when it is installed and reads the pattern as `re` does."""

from __future__ import annotations

from types import ModuleType
from typing import Final

from registry.catalog.patterns import slow_pattern
from registry_runtime.patterns import SHORT, Search, for_re2, load_re2
from registry_runtime.patterns import pattern_search as runtime_search

RE2: Final = load_re2()
"""google-re2 when installed (``pip install 'audit-registry[re2]'``), else None."""


def pattern_search(regex: str, engine: ModuleType | None = RE2) -> Search:
    """A test that holds when ``regex`` is found in a string; ``engine`` is the RE2 module to
    use, None to use `re` alone."""
    linear = slow_pattern(regex) is None
    return runtime_search(regex, proven_linear=linear, re2=engine if engine is not None else False)


__all__ = ["RE2", "SHORT", "Search", "for_re2", "pattern_search"]

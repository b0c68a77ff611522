"""Finding codes: which exist, and what a configuration may say about them."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Self


class KnownCodes(frozenset[str]):
    """The rule codes a run knows, each with the options its rule declares (name -> default).

    A set of codes, so that prefixes are matched against it; the stages below the rules
    (the configuration loader) receive it instead of importing the rules.
    """

    options: Mapping[str, Mapping[str, Any]]

    def __new__(cls, options: Mapping[str, Mapping[str, Any]]) -> Self:
        known = super().__new__(cls, options)
        known.options = MappingProxyType(dict(options))
        return known

"""How catalog names become identifiers: Python names (shared by the R004 rule and the
generators) and the slugs of docs pages and anchors."""

from __future__ import annotations

import keyword
import re
from functools import lru_cache

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9a-zA-Z]+")
NAME_CACHE_SIZE = 65536
"""Names each cache here keeps (the lint rules' caches of names are as large)."""


def words(name: str) -> list[str]:
    """Lower-case words of a name written in snake_case, camelCase, kebab-case or dotted."""
    return list(_words(name))


def text_words(text: str) -> tuple[str, ...]:
    """`words` of a text seen once (an event's description): not cached, so that it does not
    push the names that recur out of the cache (and hold a tuple per text, issue 14)."""
    spaced = _CAMEL_BOUNDARY.sub("_", text)
    return tuple(w.lower() for w in _NOT_WORD.split(spaced) if w)


_words = lru_cache(maxsize=NAME_CACHE_SIZE)(text_words)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def snake(name: str) -> str:
    """`user.promoted_production` -> `user_promoted_production`; keywords get a trailing `_`."""
    ident = "_".join(words(name)) or "_"
    if ident[0].isdigit():
        ident = "_" + ident
    if keyword.iskeyword(ident) or keyword.issoftkeyword(ident):
        ident += "_"
    return ident


@lru_cache(maxsize=NAME_CACHE_SIZE)
def pascal(name: str) -> str:
    """`user.promoted_production` -> `UserPromotedProduction`."""
    ident = "".join(w.capitalize() for w in words(name)) or "_"
    return "_" + ident if ident[0].isdigit() else ident


def forget_names() -> None:
    """Empty the caches of names (lint does, between rules, on catalogs with more events than
    a cache holds: a scan of the events in order then evicts each name before the next rule
    asks for it again, so the full caches only held memory, about 50 MB, issue 14)."""
    for cached in (_words, snake, pascal):
        cached.cache_clear()


def squashed(name: str) -> str:
    """A name with case and separators removed: the key for "same name, other spelling"."""
    return "".join(words(name))


def slug(text: str) -> str:
    """An anchor or file stem: lowercase letters, digits, `_` and `-`, never empty."""
    cleaned = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-")
    return cleaned or "x"

"""How the naming rules read an event name: its object and its action, in words.

A name is split at its last segment separator (`.` by default, the rules' `separator`
option): `user.session.start` is the object `user.session` and the action `start`. A name
without the separator is one token (`project_deleted`, `delete_issue`): its object is empty and
all its words are the action, so taxonomies of single-token names are checked too. Words are
split whatever the case style (snake, camel, kebab).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from registry.catalog.identifiers import words
from registry.lint.lexicon import is_base, is_past

SEPARATOR = "."
SEPARATOR_OPTION = (("separator", SEPARATOR),)


def separator(options: dict[str, Any]) -> str:
    value = options.get("separator")
    return value if isinstance(value, str) and value else SEPARATOR


@lru_cache(maxsize=65536)
def split_name(name: str, sep: str = SEPARATOR) -> tuple[str, tuple[str, ...]]:
    """(object, action words): the object is everything before the last separator."""
    head, found, action = name.rpartition(sep)
    if not found:
        return "", tuple(words(name))
    return head, tuple(words(action))


def modifies_next(said: list[str], index: int, segment_ends: frozenset[int]) -> bool:
    """Whether word `index` modifies the word after it in the same segment (`event_hook`,
    `debug_mode`, `test_email`): then it names a domain thing, not a placeholder or filler.
    The next word must not be a verb form (`stuff_uploaded` is filler)."""
    if index in segment_ends or index + 1 >= len(said):
        return False
    following = said[index + 1]
    return not is_past(following) and not is_base(following)


def segment_words(name: str) -> tuple[list[str], frozenset[int]]:
    """All words of a name, and the indexes of the last word of each segment."""
    said: list[str] = []
    ends: set[int] = set()
    for segment in name.split("."):
        parts = words(segment)
        said.extend(parts)
        if parts:
            ends.add(len(said) - 1)
    return said, frozenset(ends)

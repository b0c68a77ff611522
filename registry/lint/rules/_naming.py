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

from registry.catalog.identifiers import NAME_CACHE_SIZE, words
from registry.lint.lexicon import is_base, is_past

SEPARATOR = "."
SEPARATOR_OPTION = (("separator", SEPARATOR),)


def separator(options: dict[str, Any]) -> str:
    value = options.get("separator")
    return value if isinstance(value, str) and value else SEPARATOR


@lru_cache(maxsize=NAME_CACHE_SIZE)
def split_name(name: str, sep: str = SEPARATOR) -> tuple[str, tuple[str, ...]]:
    """(object, action words): the object is everything before the last separator."""
    head, found, action = name.rpartition(sep)
    if not found:
        return "", tuple(words(name))
    return head, tuple(words(action))


def segment_words(name: str) -> list[list[str]]:
    """The words of each dot-separated segment of a name."""
    return [parts for parts in (words(segment) for segment in name.split(".")) if parts]


def names_a_thing(segments: list[list[str]], seg: int, index: int) -> bool:
    """Whether word `index` of segment `seg` is part of a compound noun of the domain rather
    than a placeholder or filler: it modifies the noun after it (`event_hook`, `debug_mode`;
    the next word must not be a verb form: `stuff_uploaded` is filler), or it is the head of
    a compound in the object (`scheduled_action.canceled`; in the action it is filler:
    `user.did_action`), or it is a whole inner segment of the object, qualifying the path
    (`security.events.provider`, `mim.command.generic.acknowledged`; as the first segment it
    is a namespace of filler: `misc.user.logged_in`)."""
    said = segments[seg]
    if len(said) == 1 and 0 < seg < len(segments) - 1:
        return True
    if index + 1 < len(said):
        following = said[index + 1]
        return not is_past(following) and not is_base(following)
    return index > 0 and seg < len(segments) - 1


def matches(segments: list[list[str]], wanted: frozenset[str]) -> str | None:
    """The first word of `wanted` used as a word of its own, not inside a compound noun."""
    for seg, said in enumerate(segments):
        for index, word in enumerate(said):
            if word in wanted and not names_a_thing(segments, seg, index):
                return word
    return None

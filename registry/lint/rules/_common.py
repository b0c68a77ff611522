"""Small helpers shared by rule checks."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from registry.catalog.identifiers import NAME_CACHE_SIZE
from registry.catalog.identifiers import forget_names as forget_identifier_names
from registry.catalog.model import Catalog, Event, Field


def own_events(catalog: Catalog) -> Iterator[Event]:
    """Events of the user's files, not of built-in catalogs pulled in by `include`."""
    builtin = {f.path for f in catalog.files if f.builtin}
    return (e for e in catalog.events if e.origin.path not in builtin)


def action_words(name: str) -> list[str]:
    """Words of the last segment of a dotted event name."""
    return list(_action_words(name))


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _action_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in name.rsplit(".", 1)[-1].split("_") if w)


def forget_names() -> None:
    """Empty every cache of event names the rules share (see `identifiers.forget_names`)."""
    from registry.lint.rules._naming import split_name

    forget_identifier_names()
    split_name.cache_clear()
    _action_words.cache_clear()


def event_fields(catalog: Catalog) -> Iterator[tuple[Event, Field]]:
    """(event, field) for every field of the user's events, nested ones included, each
    field once (members of named types are shared by the events that use them)."""
    builtin = {f.path for f in catalog.files if f.builtin}
    if not builtin:
        return iter(catalog.field_uses)
    return ((e, f) for e, f in catalog.field_uses if e.origin.path not in builtin)


def name_set(names: object) -> frozenset[str]:
    """Configured field names, normalised so that any spelling matches (camelCase, kebab)."""
    from registry.catalog.identifiers import words

    if not isinstance(names, (list, tuple)):
        return frozenset()
    return frozenset("_".join(words(str(n))) for n in names)


def name_key(name: str) -> str:
    from registry.catalog.identifiers import words

    return "_".join(words(name))

"""Reusing one side's resolved events when the other side's file is byte-identical.

`registry diff` loads two versions of the same catalogs, and a pull request changes a few
files out of many. Resolving an event is the costly part of loading, and an event resolves to
the same model wherever its file's bytes and every named type are the same. So BASE is
resolved after HEAD, taking HEAD's `Event` objects for files whose text is identical, and the
result is accepted only when every named type resolved identically on both sides (else BASE
is resolved again from scratch). The diff then sees the very same objects for unchanged
events and skips them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from registry.catalog.loading import Document
from registry.catalog.model import Catalog, Event
from registry.catalog.type_keys import full_key


class IdenticalFiles:
    """Offers `reference`'s events for documents whose text is identical to one of its files."""

    def __init__(self, reference: Catalog, texts: Mapping[str, str]) -> None:
        """`texts`: the reference's source text by path (its locator's sources)."""
        counts = Counter(texts.values())
        self._path_of = {text: path for path, text in texts.items() if counts[text] == 1}
        self._events: dict[str, dict[str, Event]] = {}
        for event in reference.events:
            self._events.setdefault(event.origin.path, {})[event.name] = event
        self._types = type_keys(reference)
        self.reused = 0

    def events_for(self, document: Document) -> Mapping[str, Event] | None:
        path = self._path_of.get(document.source.text)
        events = None if path is None else self._events.get(path)
        if events:
            self.reused += len(events)
        return events

    def accepts(self, catalog: Catalog) -> bool:
        """Whether reused events are valid in `catalog`: every named type resolved the same."""
        return type_keys(catalog) == self._types


def type_keys(catalog: Catalog) -> dict[str, tuple[Any, ...]]:
    return {named.name: full_key(named.spec) for named in catalog.types}

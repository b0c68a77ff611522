"""N010 naming.near-duplicate: two event names differ only in spelling or word order."""

from array import array
from collections.abc import Container, Iterator

from registry.catalog.identifiers import squashed
from registry.catalog.model import Catalog, Event
from registry.findings import Finding, finding_at
from registry.findings.codes import NEAR_DUPLICATE
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG
from registry.lint.rules._naming import SEPARATOR_OPTION, separator, split_name
from registry.lint.rules._repeats import Repeats
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

_BAD = (
    CATALOG
    + """  user.production_promoted:
    description: A user promoted a release to production (second spelling).
    category: deployment
    actor: [user]
    targets: [release]
"""
)


def _word_key(event: Event, sep: str) -> tuple[str, tuple[str, ...]] | None:
    """The object and the set of action words, the set as a sorted tuple: equal exactly when
    the sets are, at a quarter of a frozenset's size (one per event while the rule runs)."""
    head, words = split_name(event.name, sep)
    if len(words) < 2:
        return None
    return head, tuple(sorted(set(words)))


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    sep = separator(ctx.options)
    # Only the keys that may be repeated go into the tables (see `Repeats`).
    spelling_hashes: array[int] = array("q")
    word_hashes: array[int] = array("q")
    for event in catalog.events:
        spelling_hashes.append(hash(squashed(event.name)))
        word_hashes.append(hash(_word_key(event, sep)))
    spellings, word_sets = Repeats(spelling_hashes), Repeats(word_hashes)
    del spelling_hashes, word_hashes
    by_spelling: dict[str, Event] = {}
    by_words: dict[tuple[str, tuple[str, ...]], Event] = {}
    own = _own_names(catalog)
    for index, event in enumerate(catalog.events):
        first = (
            by_spelling.setdefault(squashed(event.name), event)
            if spellings.shared(index)
            else event
        )
        if first is not event:
            here, there = _reported(event, first, own)
            if here.name in own:
                yield finding_at(
                    here.origin,
                    NEAR_DUPLICATE,
                    f"{here.name!r} and {there.name!r} are the same name spelt differently",
                    event=here.name,
                    at_key=True,
                    hint="keep one spelling",
                )
            continue
        if not word_sets.shared(index):
            continue  # no other event has these words
        key = _word_key(event, sep)
        if key is None:
            continue
        other = by_words.setdefault(key, event)
        if other is event:
            continue
        here, there = _reported(event, other, own)
        if here.name in own:
            yield finding_at(
                here.origin,
                NEAR_DUPLICATE,
                f"{here.name!r} and {there.name!r} use the same words in another order",
                event=here.name,
                at_key=True,
                hint="pick one word order for the whole catalog (verb first, qualifier after)",
            )


class _Every:
    """Every name: the user's own names when no built-in catalog is included."""

    def __contains__(self, name: object) -> bool:
        return True


def _own_names(catalog: Catalog) -> Container[str]:
    """The names of the user's events (a set of every name only when some are built in)."""
    if not any(f.builtin for f in catalog.files):
        return _Every()
    return {e.name for e in own_events(catalog)}


def _reported(event: Event, first: Event, own: Container[str]) -> tuple[Event, Event]:
    """(the event to report, the one it duplicates): the later one in name order, unless
    only the first is the user's own (findings in built-in catalogs are not shown)."""
    if event.name not in own and first.name in own:
        return first, event
    return event, first


RULE = Rule(
    NEAR_DUPLICATE,
    docs=RuleDocs(
        what="Reports event names that are equal once case and separators are removed "
        "(`user.addedBot`, `user.added_bot`), and names of the same object whose action has "
        "the same words in another order (`user.added_bot`, `user.bot_added`). The action "
        "follows the last segment separator (option `separator`, default `.`); names without "
        "one are compared as a whole (`project_deleted`, `deleted_project`).",
        why="Near-duplicates are usually the same event defined twice by two teams; queries "
        "and alerts then catch half of the occurrences.",
        bad=_BAD,
        good=CATALOG,
    ),
    check=check,
    options=SEPARATOR_OPTION,
)

"""D002 docs.useless-description: a description that only repeats the name or is too short."""

from collections.abc import Iterator
from functools import lru_cache

from registry.catalog.identifiers import text_words, words
from registry.catalog.model import Catalog
from registry.findings import Finding, Origin, finding_at
from registry.findings.codes import USELESS_DESCRIPTION
from registry.lint.rules._common import event_fields, own_events
from registry.lint.rules._examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

MIN_WORDS = 3


def _judged(description: str | None, name: str, min_words: int) -> str | None:
    """Why `description` does not help (None when it does)."""
    if description is None or not description.strip():
        return None
    said = text_words(description)
    if set(said) <= set(words(name)) | {"the", "a", "an", "was", "is", "of"}:
        return "only repeats the name"
    if len(said) < min_words:
        return f"has fewer than {min_words} words"
    return None


_useless = lru_cache(maxsize=65536)(_judged)
"""`_judged` of a field: catalogs repeat field names and descriptions, so the answer is
cached; an event's description is judged uncached (each is seen once: caching them filled
the cache with a tuple of words per event, 22 MB at 100,000 events, issue 14)."""


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    min_words = int(ctx.options.get("min_words", MIN_WORDS))
    for event in own_events(catalog):
        problem = _judged(event.description, event.name, min_words)
        if problem:
            yield finding_at(
                Origin(event.origin.path, (*event.origin.pointer, "description")),
                USELESS_DESCRIPTION,
                f"the description of {event.name!r} {problem}",
                event=event.name,
                hint="say what happened, to what, and when it is recorded",
            )
    for event, field in event_fields(catalog):
        problem = _useless(field.description, field.name, 2)
        if problem:
            yield finding_at(
                field.origin,
                USELESS_DESCRIPTION,
                f"the description of field {field.name!r} {problem}",
                event=event.name,
                field_name=field.name,
                sub=("description",),
            )


RULE = Rule(
    USELESS_DESCRIPTION,
    docs=RuleDocs(
        what="Warns about event descriptions with fewer than `min_words` words (3 by default) "
        "and about event or field descriptions made only of the words of the name.",
        why="`description: User promoted production` passes a presence check and tells the "
        "reader nothing the name did not; the docs look complete while explaining nothing.",
        bad=CATALOG.replace(
            "A user promoted a release from staging to production.", "User promoted production."
        ),
        good=CATALOG,
    ),
    check=check,
    options=(("min_words", MIN_WORDS),),
)

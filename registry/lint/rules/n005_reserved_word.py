"""N005 naming.reserved-word: an event name uses a reserved or placeholder word."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import RESERVED_WORD
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG, renamed
from registry.lint.rules._naming import matches, segment_words
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    reserved = frozenset(ctx.config.naming.reserved_words)
    if not reserved:
        return
    for event in own_events(catalog):
        hit = matches(segment_words(event.name), reserved)
        if hit is None:
            continue
        yield finding_at(
            event.origin,
            RESERVED_WORD,
            f"event name {event.name!r} uses the reserved word {hit!r}",
            event=event.name,
            at_key=True,
            hint="placeholder and test names do not belong in a production trail",
        )


RULE = Rule(
    RESERVED_WORD,
    docs=RuleDocs(
        what="Reports event names containing a word from `naming.reserved_words` (by default "
        "test, tmp, temp, foo, bar, baz, debug, todo, fixme, example). A reserved word that "
        "modifies the noun after it names a thing of the domain and is not reported "
        "(`debug_mode.enabled`, `test_message.sent`), nor the head of a compound noun in the "
        "object (`load_test.started`): placeholders stand alone or trail the action.",
        why="Placeholder names leak from prototypes into production trails, where auditors "
        "cannot tell test noise from real activity.",
        bad=renamed("user.promoted_test"),
        good=CATALOG,
    ),
    check=check,
)

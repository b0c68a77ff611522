"""N006 naming.too-long: an event name is longer than the configured maximum."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import NAME_TOO_LONG
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG, renamed
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    limit = ctx.config.naming.max_length
    for event in own_events(catalog):
        if len(event.name) > limit:
            yield finding_at(
                event.origin,
                NAME_TOO_LONG,
                f"event name is {len(event.name)} characters; the limit is {limit}",
                event=event.name,
                at_key=True,
                hint="move details into fields; the name says what happened",
            )


RULE = Rule(
    NAME_TOO_LONG,
    docs=RuleDocs(
        what="Reports event names longer than `naming.max_length` characters (64 by default).",
        why="Long names are usually sentences with the event's details baked in; those details "
        "belong in fields, where they can be queried.",
        bad=renamed("user.promoted_release_from_staging_to_production_after_manual_approval_step"),
        good=CATALOG,
    ),
    check=check,
)

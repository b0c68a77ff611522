"""N002 naming.segment-count: an event name has too few or too many dot segments."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import SEGMENT_COUNT
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG, renamed
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    naming = ctx.config.naming
    for event in own_events(catalog):
        count = event.name.count(".") + 1
        if naming.min_segments <= count <= naming.max_segments:
            continue
        wanted = (
            f"{naming.min_segments}"
            if naming.min_segments == naming.max_segments
            else f"{naming.min_segments} to {naming.max_segments}"
        )
        yield finding_at(
            event.origin,
            SEGMENT_COUNT,
            f"event name {event.name!r} has {count} segment{'s' * (count != 1)}; the convention"
            f" wants {wanted}",
            event=event.name,
            at_key=True,
            hint="<object>.<past-tense action>[_<qualifier>]",
        )


RULE = Rule(
    SEGMENT_COUNT,
    docs=RuleDocs(
        what="Counts the dot-separated segments of each event name and compares them with "
        "`naming.segments` (2 to 3 by default: `object.action` or `domain.object.action`).",
        why="A fixed shape lets people and tools split names into object and action; "
        "`promoted_production` alone does not say what was promoted, and a six-level name "
        "usually hides a field in the name.",
        bad=renamed("promoted_production"),
        good=CATALOG,
    ),
    check=check,
)

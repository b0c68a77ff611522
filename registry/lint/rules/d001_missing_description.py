"""D001 docs.missing-description: an event has no description."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import MISSING_DESCRIPTION
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event in own_events(catalog):
        if event.description is None or not event.description.strip():
            yield finding_at(
                event.origin,
                MISSING_DESCRIPTION,
                f"event {event.name!r} has no description",
                event=event.name,
                at_key=True,
                hint="say in a sentence what happened and who did it",
            )


RULE = Rule(
    MISSING_DESCRIPTION,
    docs=RuleDocs(
        what="Reports events without a `description`, or with an empty one.",
        why="Auditors and IT managers read the generated documentation, not the code; an event "
        "without a description cannot be reviewed, and nobody can say whether it is recorded "
        "when it should be.",
        bad=CATALOG.replace(
            "    description: A user promoted a release from staging to production.\n", ""
        ),
        good=CATALOG,
    ),
    check=check,
)

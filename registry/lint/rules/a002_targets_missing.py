"""A002 audit.targets-missing: an event does not say what it acts on."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import TARGETS_MISSING
from registry.lint.rules._audit_examples import CATALOG
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event in own_events(catalog):
        if not event.targets_declared:
            yield finding_at(
                event.origin,
                TARGETS_MISSING,
                f"event {event.name!r} declares no target types",
                event=event.name,
                at_key=True,
                hint="add targets: [the kinds of object it acts on]; for an event that acts "
                "on nothing (a sign-in), write targets: []",
            )


RULE = Rule(
    TARGETS_MISSING,
    docs=RuleDocs(
        what="Reports events without a `targets` key. Events that act on no object declare "
        "that with an empty list, `targets: []`.",
        why="Reconstructing what happened means knowing what was acted on: which release "
        "was promoted, which user's role changed. Targets are recorded in the envelope with "
        "their ids, so every event of a kind can be traced back to its objects.",
        bad=CATALOG.replace("    targets: [user]\n", ""),
        good=CATALOG,
    ),
    check=check,
)

"""A001 audit.actor-missing: an event does not say who performs it."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import ACTOR_MISSING
from registry.lint.rules._audit_examples import CATALOG
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event in own_events(catalog):
        if not event.actors:
            yield finding_at(
                event.origin,
                ACTOR_MISSING,
                f"event {event.name!r} names no actor types",
                event=event.name,
                at_key=True,
                hint="add actor: [user, service ...]; if it can happen without a known actor, "
                "say so with actor: [anonymous]",
            )


RULE = Rule(
    ACTOR_MISSING,
    docs=RuleDocs(
        what="Reports events without `actor` types. An event that may happen without an "
        "identified actor (a failed login with an unknown user name) says so explicitly "
        "with `anonymous`.",
        why="Accountability is the first question of an audit: NIST AU-3 and ISO 27002 "
        "12.4.1 require the identity behind every recorded action. Declaring the actor "
        "types makes the emitters require one.",
        bad=CATALOG.replace("    actor: [admin]\n", ""),
        good=CATALOG,
    ),
    check=check,
)

"""N004 naming.namespace: an event name starts with a namespace that is not allowed."""

import difflib
from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import NAMESPACE_NOT_ALLOWED
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG, renamed
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    allowed = ctx.config.naming.namespaces
    if not allowed:
        return
    for event in own_events(catalog):
        namespace = event.name.split(".", 1)[0]
        if namespace in allowed:
            continue
        close = difflib.get_close_matches(namespace, allowed, n=1)
        yield finding_at(
            event.origin,
            NAMESPACE_NOT_ALLOWED,
            f"namespace {namespace!r} of {event.name!r} is not allowed",
            event=event.name,
            at_key=True,
            hint=f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(allowed),
        )


RULE = Rule(
    NAMESPACE_NOT_ALLOWED,
    docs=RuleDocs(
        what="When `naming.namespaces` lists the allowed first segments, reports event names "
        "whose first segment is not one of them. The list is empty (anything goes) by default.",
        why="A closed set of namespaces (`user`, `service`, `admin` ...) keeps the taxonomy "
        "navigable and stops near-synonyms (`usr.`, `member.`) from splitting queries.",
        bad="# with naming: {namespaces: [user, service]}\n" + renamed("usr.promoted_production"),
        good=CATALOG,
    ),
    check=check,
)

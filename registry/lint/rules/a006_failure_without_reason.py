"""A006 audit.failure-without-reason: a security event's failures carry no reason codes."""

from collections.abc import Iterator

from registry.catalog.model import Catalog, Outcome
from registry.findings import Finding, finding_at
from registry.findings.codes import FAILURE_WITHOUT_REASON
from registry.lint.rules._audit import SECURITY_CATEGORIES, security_categories
from registry.lint.rules._audit_examples import CATALOG
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    categories = security_categories(ctx.options)
    for event in own_events(catalog):
        if (
            event.category in categories
            and Outcome.FAILURE in event.outcomes
            and not event.failure_reasons
        ):
            yield finding_at(
                event.origin,
                FAILURE_WITHOUT_REASON,
                f"{event.name!r} can fail but declares no failure reasons",
                event=event.name,
                at_key=True,
                hint="add failure_reasons: [invalid_password, account_locked ...]; the "
                "emitter then requires one of them when the outcome is failure",
            )


RULE = Rule(
    FAILURE_WITHOUT_REASON,
    docs=RuleDocs(
        what="Events in a security category (option `categories`, as for A005) that allow "
        "the `failure` outcome must list `failure_reasons`: the reason codes the envelope's "
        "`reason` takes when the event fails.",
        why='"Login failed" is noise; "login failed: invalid_password, 40 times in a '
        'minute" is an alert. Declared reason codes give every failure a reason that SIEM '
        "rules can match, instead of free text that differs in every service.",
        bad=CATALOG.replace("    failure_reasons: [not_permitted, last_owner]\n", ""),
        good=CATALOG,
    ),
    check=check,
    options=(("categories", SECURITY_CATEGORIES),),
)

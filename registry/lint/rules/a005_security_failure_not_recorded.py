"""A005 audit.security-failure-not-recorded: a security event cannot record a failure."""

from collections.abc import Iterator

from registry.catalog.model import Catalog, Outcome
from registry.findings import Finding, finding_at
from registry.findings.codes import SECURITY_FAILURE_NOT_RECORDED
from registry.lint.rules._audit import SECURITY_CATEGORIES, security_categories
from registry.lint.rules._audit_examples import CATALOG
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    categories = security_categories(ctx.options)
    for event in own_events(catalog):
        if event.category in categories and Outcome.FAILURE not in event.outcomes:
            yield finding_at(
                event.origin,
                SECURITY_FAILURE_NOT_RECORDED,
                f"{event.category} event {event.name!r} cannot record a failure",
                event=event.name,
                at_key=True,
                hint="add outcomes: [success, failure]; failed attempts are what intrusion "
                "detection looks for",
            )


RULE = Rule(
    SECURITY_FAILURE_NOT_RECORDED,
    docs=RuleDocs(
        what="Events whose category is a security category (option `categories`, default "
        "authentication, authorization, session, privilege, admin_configuration, "
        "data_export) must list `failure` among their outcomes.",
        why="Failed logins, denied permissions and refused exports are the signals of an "
        "intrusion; OWASP's logging cheat sheet and PCI DSS 10.2.1.4 require them to be "
        "recorded, not only the successes.",
        bad=CATALOG.replace("    outcomes: [success, failure]\n", "").replace(
            "    failure_reasons: [not_permitted, last_owner]\n", ""
        ),
        good=CATALOG,
    ),
    check=check,
    options=(("categories", SECURITY_CATEGORIES),),
)

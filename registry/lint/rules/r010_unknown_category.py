"""R010 resolve.unknown-category: an event's category is not in the configured vocabulary."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, Origin, finding_at
from registry.findings.codes import UNKNOWN_CATEGORY
from registry.lint.lexicon import closest_by_meaning
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

_GOOD = """domain: deployments
description: Release promotion.
owners: [platform-team]
events:
  user.promoted_production:
    description: A user promoted a release from staging to production.
    category: deployment
    actor: [user]
    targets: [release]
"""


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    categories = ctx.config.vocabularies.categories
    if not categories:
        return
    for event in own_events(catalog):
        if event.category is None or event.category in categories:
            continue
        close = closest_by_meaning(event.category, list(categories))
        yield finding_at(
            Origin(event.origin.path, (*event.origin.pointer, "category")),
            UNKNOWN_CATEGORY,
            f"category {event.category!r} is not in the vocabulary",
            event=event.name,
            hint=f"did you mean {close!r}?"
            if close
            else "use one of vocabularies.categories, or add it there",
        )


RULE = Rule(
    UNKNOWN_CATEGORY,
    docs=RuleDocs(
        what="Reports `category` values that are not listed in `vocabularies.categories` "
        "(the default preset ships a vocabulary; an empty list allows any). The did-you-mean "
        "prefers meaning over spelling: `user_management` suggests `account_management` "
        "(user, account and identity are one meaning), not `change_management`.",
        why="Categories drive coverage reports, documentation and SIEM routing; a one-off "
        "spelling (`deploy` next to `deployment`) splits the trail into groups nobody queries.",
        bad=_GOOD.replace("category: deployment", "category: deploys"),
        good=_GOOD,
    ),
    check=check,
)

"""R011 resolve.unknown-party-type: an actor or target type is not in the vocabulary."""

import difflib
from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, Origin, finding_at
from registry.findings.codes import UNKNOWN_PARTY_TYPE
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

_GOOD = """domain: deployments
description: Release promotion.
owners: [platform-team]
events:
  user.promoted_production:
    description: A user or a deploy bot promoted a release to production.
    category: deployment
    actor: [user, service]
    targets: [release]
"""


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    vocab = ctx.config.vocabularies
    for event in own_events(catalog):
        for key, values, allowed in (
            ("actor", event.actors, vocab.actor_types),
            ("targets", event.targets, vocab.target_types),
        ):
            if not allowed:
                continue
            for index, value in enumerate(values):
                if value in allowed:
                    continue
                close = difflib.get_close_matches(value, allowed, n=1)
                kind = "actor" if key == "actor" else "target"
                yield finding_at(
                    Origin(event.origin.path, (*event.origin.pointer, key, index)),
                    UNKNOWN_PARTY_TYPE,
                    f"{kind} type {value!r} is not in the vocabulary",
                    event=event.name,
                    hint=f"did you mean {close[0]!r}?"
                    if close
                    else f"use one of vocabularies.{kind}_types, or add it there",
                )


RULE = Rule(
    UNKNOWN_PARTY_TYPE,
    docs=RuleDocs(
        what="Reports `actor` entries not listed in `vocabularies.actor_types` and `targets` "
        "entries not listed in `vocabularies.target_types` (an empty list allows any).",
        why='Accountability queries ("everything service accounts did") only work when every '
        "event spells the same kind of actor the same way.",
        bad=_GOOD.replace("actor: [user, service]", "actor: [user, deploy_robot]"),
        good=_GOOD,
    ),
    check=check,
)

"""R009 resolve.unknown-replacement: a deprecated event names a replacement that does not exist."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, Origin, finding_at
from registry.findings.codes import UNKNOWN_REPLACEMENT
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

_GOOD = """domain: deployments
description: Release promotion.
owners: [platform-team]
events:
  user.promoted_release:
    description: A user promoted a release to an environment.
    category: deployment
    actor: [user]
    targets: [release]
  user.promoted_build:
    description: A user promoted a build (old name of the release promotion).
    category: deployment
    actor: [user]
    targets: [release]
    deprecated: {reason: builds are called releases now, replaced_by: user.promoted_release}
"""


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    names = {e.name for e in catalog.events}
    for event in own_events(catalog):
        deprecated = event.deprecated
        if deprecated is None or deprecated.replaced_by is None:
            continue
        if deprecated.replaced_by not in names:
            yield finding_at(
                Origin(deprecated.origin.path, (*deprecated.origin.pointer, "replaced_by")),
                UNKNOWN_REPLACEMENT,
                f"{event.name!r} is replaced by {deprecated.replaced_by!r}, which is not defined",
                event=event.name,
            )
        elif deprecated.replaced_by == event.name:
            yield finding_at(
                deprecated.origin,
                UNKNOWN_REPLACEMENT,
                "an event cannot replace itself",
                event=event.name,
            )


RULE = Rule(
    UNKNOWN_REPLACEMENT,
    docs=RuleDocs(
        what="Reports `deprecated.replaced_by` values that name no event in the loaded catalogs.",
        why="Consumers migrating off a deprecated event follow `replaced_by`; a dangling name "
        "leaves them, and the SIEM rules they maintain, with nowhere to go.",
        bad=_GOOD.replace("replaced_by: user.promoted_release", "replaced_by: user.promoted_rel"),
        good=_GOOD,
    ),
    check=check,
)

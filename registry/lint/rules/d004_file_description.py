"""D004 docs.file-description: a catalog file has no description or no owners."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import FILE_DESCRIPTION_MISSING
from registry.lint.rules._examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for file in catalog.files:
        if file.builtin:
            continue
        if not (file.description or "").strip():
            yield finding_at(
                file.origin,
                FILE_DESCRIPTION_MISSING,
                f"catalog {file.domain!r} has no description",
                hint="add a top-level description of the area these events cover",
            )
        if not file.owners:
            yield finding_at(
                file.origin,
                FILE_DESCRIPTION_MISSING,
                f"catalog {file.domain!r} names no owners",
                hint="add owners: [team-name] so people know whom to ask",
            )


RULE = Rule(
    FILE_DESCRIPTION_MISSING,
    docs=RuleDocs(
        what="Warns about catalog files without a top-level `description` or `owners`.",
        why="The generated docs group events by catalog file; owners are whom an auditor or "
        "an on-call engineer asks when an event looks wrong.",
        bad=CATALOG.replace("owners: [platform-team]\n", ""),
        good=CATALOG,
    ),
    check=check,
)

"""D003 docs.field-description: a field has no description."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import FIELD_DESCRIPTION_MISSING
from registry.lint.rules._common import event_fields
from registry.lint.rules._examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event, field in event_fields(catalog):
        if field.description is None or not field.description.strip():
            yield finding_at(
                field.origin,
                FIELD_DESCRIPTION_MISSING,
                f"field {field.name!r} of {event.name!r} has no description",
                event=event.name,
                field_name=field.name,
                at_key=True,
                hint="describe it here or on its named type",
            )


RULE = Rule(
    FIELD_DESCRIPTION_MISSING,
    docs=RuleDocs(
        what="Warns about fields without a `description`, unless the named type they use has one.",
        why="Reviewers decide from field descriptions whether a field may hold personal data "
        "and what a value means in an investigation.",
        bad=CATALOG.replace(",\n                   description: Identifier of the release.}", "}"),
        good=CATALOG,
    ),
    check=check,
)

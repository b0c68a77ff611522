"""N007 naming.field-format: a field name is not snake_case."""

import re
from collections.abc import Iterator

from registry.catalog.identifiers import snake
from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import FIELD_NAME_FORMAT
from registry.lint.rules._common import event_fields
from registry.lint.rules._examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    pattern = re.compile(ctx.config.naming.field_pattern)
    for event, field in event_fields(catalog):
        if pattern.fullmatch(field.name):
            continue
        yield finding_at(
            field.origin,
            FIELD_NAME_FORMAT,
            f"field name {field.name!r} does not match {pattern.pattern!r}",
            event=event.name,
            field_name=field.name,
            at_key=True,
            hint=f"did you mean {snake(field.name)!r}?",
        )


RULE = Rule(
    FIELD_NAME_FORMAT,
    docs=RuleDocs(
        what="Checks every field name, nested ones included, against `naming.field_pattern` "
        "(lower-case snake_case by default).",
        why="Field names become JSON keys in the trail and parameters of the generated "
        "emitters; `releaseId` in one event and `release_id` in the next break every "
        "cross-event query.",
        bad=CATALOG.replace("release_id:", "releaseId:"),
        good=CATALOG,
    ),
    check=check,
)

"""N008 naming.field-keyword: a field name is a Python keyword or soft keyword."""

import keyword
from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import FIELD_KEYWORD
from registry.lint.rules._common import event_fields
from registry.lint.rules._examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event, field in event_fields(catalog):
        if keyword.iskeyword(field.name) or keyword.issoftkeyword(field.name):
            yield finding_at(
                field.origin,
                FIELD_KEYWORD,
                f"field name {field.name!r} is a Python keyword",
                event=event.name,
                field_name=field.name,
                at_key=True,
                hint=f"name what it holds, e.g. {field.name}_name or {field.name}_id",
            )


RULE = Rule(
    FIELD_KEYWORD,
    docs=RuleDocs(
        what="Reports field names that are Python keywords (`class`, `from`, `import`, "
        "`global` ...) or soft keywords (`match`, `case`, `type`, `_`).",
        why="Fields become keyword parameters of the generated emitters; a keyword has to be "
        "renamed there (`from_`), so the name engineers type differs from the name in the "
        "trail and in the docs.",
        bad=CATALOG.replace("release_id:", "from:"),
        good=CATALOG,
    ),
    check=check,
)

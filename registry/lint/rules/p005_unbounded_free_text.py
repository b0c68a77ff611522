"""P005 privacy.unbounded-free-text: a string field accepts any text of any length."""

from collections.abc import Iterator

from registry.catalog.model import Catalog, Kind, TypeSpec
from registry.findings import Finding, finding_at
from registry.findings.codes import UNBOUNDED_FREE_TEXT
from registry.lint.rules._common import event_fields, name_key, name_set
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

_BAD = CATALOG.replace(
    "      role:\n",
    """      message:
        type: string
        description: Personal message shown in the invitation.
      role:
""",
)
_GOOD = CATALOG.replace(
    "      role:\n",
    """      message:
        type: string
        max_length: 280
        description: Personal message shown in the invitation.
      role:
""",
)


def unbounded(spec: TypeSpec) -> bool:
    if spec.kind is Kind.LIST and spec.items is not None:
        return unbounded(spec.items)
    return (
        spec.kind is Kind.STRING
        and spec.max_length is None
        and spec.pattern is None
        and spec.format is None
        and not spec.values
    )


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    allow = name_set(ctx.options.get("allow"))
    for event, field in event_fields(catalog):
        if (allow and name_key(field.name) in allow) or not unbounded(field.type):
            continue
        yield finding_at(
            field.origin,
            UNBOUNDED_FREE_TEXT,
            f"field {field.name!r} accepts free text of any length",
            event=event.name,
            field_name=field.name,
            at_key=True,
            hint="bound it with max_length, pattern, format or an enum; free text collects "
            "whatever people type, personal data included",
        )


RULE = Rule(
    UNBOUNDED_FREE_TEXT,
    docs=RuleDocs(
        what="Warns about string fields (and lists of strings) with no `max_length`, "
        "`pattern`, `format` or `values`. Option: `allow`, names that may stay unbounded.",
        why="Free-text fields collect whatever users type: names, addresses, health details, "
        "sometimes passwords. A bound documents what the field is for and limits how much "
        "can leak into a trail that is kept for years.",
        bad=_BAD,
        good=_GOOD,
    ),
    check=check,
    options=(("allow", ()),),
)

"""P006 privacy.weakened-redaction: a field weakens the redaction of its named type."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import WEAKENED_REDACTION
from registry.lint.rules._common import event_fields
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs
from registry.privacy.policy import effective_redaction, weaker

_TYPES = """types:
  email_address:
    type: string
    format: email
    max_length: 254
    sensitivity: pii
    redact: hash
    description: An e-mail address of a person.
events:
"""
_GOOD = CATALOG.replace("events:\n", _TYPES).replace(
    """      invitee_email:
        type: string
        format: email
        max_length: 254
        sensitivity: pii
""",
    """      invitee_email:
        type: email_address
""",
)


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    types = {t.name: t for t in catalog.types}
    for event, field in event_fields(catalog):
        named = types.get(field.type.type_name or "")
        if named is None or field.redact_reason or field.type.redact is None:
            continue
        inherited = named.spec.redact
        if inherited is None:
            continue
        own = effective_redaction(field, ctx.config)
        if weaker(own, inherited):
            yield finding_at(
                field.origin,
                WEAKENED_REDACTION,
                f"field {field.name!r} lowers the redaction of type {named.name!r} from "
                f"{inherited.value} to {own.value}",
                event=event.name,
                field_name=field.name,
                sub=("redact",),
                hint="keep the type's redaction, or say why in `redact_reason`",
            )


RULE = Rule(
    WEAKENED_REDACTION,
    docs=RuleDocs(
        what="Reports fields that use a named type and set a weaker `redact` than the type "
        "(hash to none, drop to mask ...) without a `redact_reason`. Tags cannot be weakened "
        "at all: a field always carries its type's tags.",
        why="Named types are where a team decides once how an e-mail address or a card "
        "number is protected. A field that quietly opts out defeats that decision where "
        "nobody reviewing the type will see it.",
        bad=_GOOD.replace(
            "        type: email_address\n", "        type: email_address\n        redact: none\n"
        ),
        good=_GOOD,
    ),
    check=check,
)

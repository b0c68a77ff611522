"""P006 privacy.weakened-redaction: a field weakens the redaction of its named type."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, Pointer, finding_at
from registry.findings.codes import WEAKENED_REDACTION
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules._redaction_nodes import redaction_nodes
from registry.lint.rules.base import Rule, RuleContext, RuleDocs
from registry.privacy.policy import weaker

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
    reported: set[tuple[str, Pointer]] = set()
    for event, node in redaction_nodes(catalog, ctx.config):
        named = types.get(node.spec.type_name or "")
        if named is None or node.field.redact_reason or node.spec.redact is None:
            continue
        asked = named.spec.redact
        if asked is None:
            continue
        written = node.plan.redaction  # what the record holds, enclosing values counted
        if node.plan.written and weaker(written, asked):
            sub = (*node.sub, "redact")
            where = (node.field.origin.path, node.field.origin.pointer + sub)
            if where in reported:
                continue
            reported.add(where)
            yield finding_at(
                node.field.origin,
                WEAKENED_REDACTION,
                f"field {node.path!r} lowers the redaction of type {named.name!r} from "
                f"{asked.value} to {written.value}",
                event=event.name,
                field_name=node.field.name,
                sub=sub,
                hint="keep the type's redaction, or say why in `redact_reason`",
            )


RULE = Rule(
    WEAKENED_REDACTION,
    docs=RuleDocs(
        what="Reports fields, members of objects and items of lists that use a named type and "
        "set a weaker `redact` than the type (hash to none, drop to mask ...) without a "
        "`redact_reason`. What counts is the redaction the value gets in the record: a member "
        "of a hashed object is hashed whatever it declares, so it weakens nothing. Tags cannot "
        "be weakened at all: a field always carries its type's tags.",
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

"""P006 privacy.weakened-redaction: a field weakens the redaction of its named type."""

from collections.abc import Iterator

from registry.catalog.model import Catalog, TypeSpec
from registry.findings import Finding, Pointer, finding_at
from registry.findings.codes import WEAKENED_REDACTION
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules._redaction_nodes import redaction_nodes
from registry.lint.rules.base import Rule, RuleContext, RuleDocs
from registry.privacy.policy import RedactionPlan, weaker

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
    types = {t.name: t.spec.redact for t in catalog.types}

    def weakened(spec: TypeSpec, plan: RedactionPlan) -> bool:
        """A value of a named type that sets its own redaction, and whose record holds it
        less protected than the type asks (enclosing values counted)."""
        asked = types.get(spec.type_name or "")
        if asked is None or spec.redact is None or not plan.written:
            return False
        return weaker(plan.redaction, asked)

    reported: set[tuple[str, Pointer]] = set()
    for event, node in redaction_nodes(catalog, ctx.config, weakened):
        if node.field.redact_reason:
            continue
        sub = (*node.sub, "redact")
        where = (node.field.origin.path, node.field.origin.pointer + sub)
        if where in reported:
            continue
        reported.add(where)
        asked = types[node.spec.type_name or ""]
        assert asked is not None
        yield finding_at(
            node.field.origin,
            WEAKENED_REDACTION,
            f"field {node.path!r} lowers the redaction of type {node.spec.type_name!r} from "
            f"{asked.value} to {node.plan.redaction.value}",
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

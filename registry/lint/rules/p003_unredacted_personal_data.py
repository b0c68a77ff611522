"""P003 privacy.unredacted-personal-data: personal data written in clear without a reason."""

from collections.abc import Iterator

from registry.catalog.model import Catalog, Redaction, TypeSpec
from registry.findings import Finding, Pointer, finding_at
from registry.findings.codes import UNREDACTED_PERSONAL_DATA
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules._redaction_nodes import redaction_nodes
from registry.lint.rules.base import Rule, RuleContext, RuleDocs
from registry.privacy.policy import PERSONAL_TAGS, RedactionPlan


def _in_clear(spec: TypeSpec, plan: RedactionPlan) -> bool:
    """Personal data that the record holds as it is."""
    personal = bool(spec.sensitivity & PERSONAL_TAGS)
    return personal and plan.written and plan.redaction is Redaction.NONE


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    reported: set[tuple[str, Pointer]] = set()
    for event, node in redaction_nodes(catalog, ctx.config, _in_clear):
        if node.field.redact_reason:
            continue
        where = (node.field.origin.path, node.field.origin.pointer + node.sub)
        if where in reported:  # a member of a named type, in clear in several events
            continue
        reported.add(where)
        personal = sorted(node.spec.sensitivity & PERSONAL_TAGS)
        yield finding_at(
            node.field.origin,
            UNREDACTED_PERSONAL_DATA,
            f"field {node.path!r} is tagged {', '.join(personal)} but is written without redaction",
            event=event.name,
            field_name=node.field.name,
            at_key=True,
            sub=node.sub,
            hint="use redact: hash (joinable, not readable), or keep `redact: none` and "
            "say why in `redact_reason`",
        )


RULE = Rule(
    UNREDACTED_PERSONAL_DATA,
    docs=RuleDocs(
        what="Reports values tagged with a personal-data tag (pii, quasi_identifier, "
        "special_category, financial) that the record holds in clear, at any depth: fields, "
        "members of objects and the items of lists. What counts is the redaction the value "
        "gets in the record: its own `redact`, else its tags' default, or the stronger "
        "redaction of any value that encloses it (a member of a hashed object is hashed). "
        "A `redact_reason` on the field (on the list, for its items) says why the value must "
        "stay readable.",
        why="Data minimisation (GDPR art. 5, NIST AU-3(3)) asks that a trail keep only what "
        "it needs in clear. Sometimes that is right (an investigator needs the address a "
        "password reset went to); the reason then belongs next to the field, where a "
        "reviewer sees it.",
        bad=CATALOG.replace(
            "        sensitivity: pii\n", "        sensitivity: pii\n        redact: none\n"
        ),
        good=CATALOG.replace(
            "        sensitivity: pii\n",
            "        sensitivity: pii\n"
            "        redact: none\n        redact_reason: support staff must"
            " see where an invitation went to resend it\n",
        ),
    ),
    check=check,
)

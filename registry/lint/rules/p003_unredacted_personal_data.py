"""P003 privacy.unredacted-personal-data: personal data written in clear without a reason."""

from collections.abc import Iterator

from registry.catalog.model import Catalog, Redaction
from registry.findings import Finding, finding_at
from registry.findings.codes import UNREDACTED_PERSONAL_DATA
from registry.lint.rules._common import event_fields
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs
from registry.privacy.policy import PERSONAL_TAGS, effective_redaction


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event, field in event_fields(catalog):
        personal = sorted(field.sensitivity & PERSONAL_TAGS)
        if not personal or field.redact_reason:
            continue
        if effective_redaction(field, ctx.config) is Redaction.NONE:
            yield finding_at(
                field.origin,
                UNREDACTED_PERSONAL_DATA,
                f"field {field.name!r} is tagged {', '.join(personal)} but is written"
                " without redaction",
                event=event.name,
                field_name=field.name,
                at_key=True,
                hint="use redact: hash (joinable, not readable), or keep `redact: none` and "
                "say why in `redact_reason`",
            )


RULE = Rule(
    UNREDACTED_PERSONAL_DATA,
    docs=RuleDocs(
        what="Reports fields tagged with a personal-data tag (pii, quasi_identifier, "
        "special_category, financial) whose redaction (their own `redact`, else their tags' "
        "default) is `none`, unless `redact_reason` says why the value must stay readable.",
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

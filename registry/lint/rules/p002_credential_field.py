"""P002 privacy.credential-field: a field would hold a password, key, token or secret."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import CREDENTIAL_FIELD
from registry.lint.rules._common import event_fields, name_key, name_set
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs
from registry.privacy.names import classify_credential, concepts_from_config

_BAD = CATALOG.replace(
    "      role:\n",
    """      temporary_password:
        type: string
        max_length: 64
        sensitivity: credential
        redact: drop
        description: One-time password sent with the invitation.
      role:
""",
)
_GOOD = CATALOG.replace(
    "      role:\n",
    """      temporary_password_expires_at:
        type: timestamp
        description: When the one-time password sent with the invitation expires.
      role:
""",
)


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    allow = name_set(ctx.options.get("allow"))
    extra = concepts_from_config(
        [str(n) for n in ctx.options.get("deny") or ()], "credential", "named in the configuration"
    )
    for event, field in event_fields(catalog):
        if allow and name_key(field.name) in allow:
            continue
        concept = classify_credential(field.name, field.type.kind.value, extra)
        if concept is not None:
            message = f"field {field.name!r} would hold a credential ({concept.label})"
        elif "credential" in field.sensitivity:
            message = f"field {field.name!r} is tagged as a credential"
        else:
            continue
        yield finding_at(
            field.origin,
            CREDENTIAL_FIELD,
            message + "; credentials never belong in an audit trail",
            event=event.name,
            field_name=field.name,
            at_key=True,
            hint="record an identifier or metadata instead (key id, last 4 characters, "
            "expiry, a keyed hash), or add the name to the rule's `allow` option",
        )


RULE = Rule(
    CREDENTIAL_FIELD,
    docs=RuleDocs(
        what="Reports fields whose name says they hold a credential (password, passphrase, "
        "secret, API key, access, refresh or bearer token, private key, session cookie or "
        "id, OTP or MFA secret, recovery codes, connection strings, card verification codes) "
        "and fields tagged `credential`, whatever their redaction. Identifiers and metadata "
        "of credentials are fine: `api_key_id`, `token_last4`, `password_changed_at`, "
        "`token_type`. Options: `allow` and `deny` name lists.",
        why="An audit trail is copied to SIEMs, backups and auditors' laptops and kept for "
        "years; a credential in it is a credential leaked to all of them. OWASP, PCI DSS 3.3 "
        "and NIST AU-3 all exclude authentication secrets from logs, and redaction "
        "configured today can be switched off tomorrow.",
        bad=_BAD,
        good=_GOOD,
    ),
    check=check,
    options=(("allow", ()), ("deny", ())),
)

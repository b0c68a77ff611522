"""A006 audit.failure-without-reason: a security event's failures carry no reason codes."""

from collections.abc import Iterator

from registry.catalog.identifiers import words
from registry.catalog.model import Catalog, Event, Outcome
from registry.findings import Finding, finding_at
from registry.findings.codes import FAILURE_WITHOUT_REASON
from registry.lint.lexicon import base_of
from registry.lint.rules._audit import SECURITY_CATEGORIES, security_categories
from registry.lint.rules._audit_examples import CATALOG
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

# Reason codes to suggest, chosen by the event: the first row one of whose words the name uses
# (a past form counts as its base: `exported` is `export`), else the row of its category. The
# action's specific verbs come first (a failed token deletion is `not_found`, not
# `token_expired`), then the things an event is about, then the generic verbs.
_REASONS: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = tuple(
    (frozenset(keys.split()), tuple(reasons.split()))
    for keys, reasons in (
        ("export download extract", "not_permitted export_too_large destination_unreachable"),
        ("import upload sync", "invalid_format source_unreachable not_permitted"),
        ("deploy release rollout", "checks_failed approval_missing target_unreachable"),
        ("delete remove destroy purge erase", "not_found not_permitted has_dependents"),
        ("grant assign elevate impersonate", "not_permitted policy_denied last_owner"),
        (
            "password login logon signin authenticate authentication credential",
            "invalid_password account_locked mfa_failed",
        ),
        ("mfa otp totp factor passkey webauthn challenge", "invalid_code factor_locked expired"),
        ("token session refresh", "token_expired token_revoked session_not_found"),
        ("webhook integration api connector hook", "remote_error timeout invalid_credentials"),
        ("role permission privilege access", "not_permitted policy_denied last_owner"),
        ("create add invite register", "already_exists quota_exceeded invalid_input"),
        ("update change modify configure setting", "not_permitted invalid_input conflict"),
    )
)
_BY_CATEGORY = {
    "authentication": "password",
    "session": "session",
    "authorization": "permission",
    "privilege": "role",
    "data_export": "export",
    "deployment": "deploy",
    "admin_configuration": "setting",
}
_ANY = ("not_permitted", "invalid_input", "conflict")


def reasons_for(event: Event) -> tuple[str, ...]:
    """Reason codes that fit the event, for the hint."""
    said = set(words(event.name))
    said |= {base for word in said if (base := base_of(word))}
    for keys, reasons in _REASONS:
        if keys & said:
            return reasons
    by_category = _BY_CATEGORY.get(event.category or "")
    for keys, reasons in _REASONS:
        if by_category in keys:
            return reasons
    return _ANY


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    categories = security_categories(ctx.options)
    for event in own_events(catalog):
        if (
            event.category in categories
            and Outcome.FAILURE in event.outcomes
            and not event.failure_reasons
        ):
            yield finding_at(
                event.origin,
                FAILURE_WITHOUT_REASON,
                f"{event.name!r} can fail but declares no failure reasons",
                event=event.name,
                at_key=True,
                hint=f"add failure_reasons: [{', '.join(reasons_for(event))} ...]; the emitter "
                "then requires one of them when the outcome is failure",
            )


RULE = Rule(
    FAILURE_WITHOUT_REASON,
    docs=RuleDocs(
        what="Events in a security category (option `categories`, as for A005) that allow "
        "the `failure` outcome must list `failure_reasons`: the reason codes the envelope's "
        "`reason` takes when the event fails. The hint suggests reason codes that fit the "
        "event's verb, object or category (an export: `export_too_large`; a login: "
        "`invalid_password`).",
        why='"Login failed" is noise; "login failed: invalid_password, 40 times in a '
        'minute" is an alert. Declared reason codes give every failure a reason that SIEM '
        "rules can match, instead of free text that differs in every service.",
        bad=CATALOG.replace("    failure_reasons: [not_permitted, last_owner]\n", ""),
        good=CATALOG,
    ),
    check=check,
    options=(("categories", SECURITY_CATEGORIES),),
)

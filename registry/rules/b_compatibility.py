"""B rules (compatibility): the changes `registry diff` reports between two catalogs.

They have no `check`: `registry.diff` produces them by comparing BASE and HEAD, not lint.
Their `bad` and `good` examples are pairs, BASE then HEAD, split by the `AFTER` line;
tests diff them (`bad` shows the change, `good` does not).
"""

from __future__ import annotations

from registry.findings import Severity
from registry.rules.base import Rule, RuleDocs

AFTER = "# --- after ---\n"

_HEAD = "domain: accounts\ndescription: User accounts.\nowners: [identity-team]\nevents:\n"
_EVENT = """  user.changed_email:
    description: A user changed the e-mail address of their account.
    category: data_change
    actor: [user]
    targets: [account]
"""
_OTHER = """  user.changed_username:
    description: A user changed the name they sign in with.
    category: data_change
    actor: [user]
    targets: [account]
"""
_PLAN = (
    "      plan:\n        type: enum\n        values: [free, team]\n"
    "        description: Plan of the account.\n"
)
_REASON = (
    "      reason_text:\n        type: string\n        max_length: 200\n        description: Why.\n"
)
_REASON_REQ = _REASON + "        required: true\n"
_EMAIL = (
    "      new_email:\n        type: string\n        format: email\n        max_length: 254\n"
    "        sensitivity: pii\n        redact: hash\n        description: The new address.\n"
)


def _event(fields: str = "", extra: str = "", event: str = _EVENT) -> str:
    return event + extra + (f"    fields:\n{fields}" if fields else "")


def _pair(before: str, after: str) -> str:
    """A BASE catalog and a HEAD catalog, each holding the given events."""
    return _HEAD + before + AFTER + _HEAD + after


def split(example: str) -> tuple[str, str]:
    """The BASE and HEAD catalogs of an example."""
    before, after = example.split(AFTER)
    return before, after


_V2 = "    version: 2\n"
_DEPRECATED = "    deprecated: {reason: use user.changed_username}\n"

# (code, name, summary, what, why, bad, good); the _LISTED ones never break: warnings
_TABLE: list[tuple[str, str, str, str, str, str, str]] = [
    (
        "B001",
        "compatibility.event-removed",
        "An event was removed without being deprecated first.",
        "Reports events present in BASE and absent from HEAD that BASE did not mark `deprecated`.",
        (
            "SIEM rules, dashboards and retention jobs select events by name; removing one silently "
            "breaks them. Deprecate it first (a release), remove it later."
        ),
        _pair(_event() + _OTHER, _OTHER),
        _pair(_event(extra=_DEPRECATED) + _OTHER, _OTHER),
    ),
    (
        "B002",
        "compatibility.field-removed",
        "A field was removed from an event.",
        "Reports fields present in BASE and absent from HEAD (not explained by a rename).",
        "Consumers query fields by name; their queries return nothing once the field is gone.",
        _pair(_event(_PLAN + _REASON), _event(_PLAN, _V2)),
        _pair(_event(_PLAN + _REASON), _event(_PLAN + _REASON)),
    ),
    (
        "B003",
        "compatibility.field-renamed",
        "A field was renamed (removed, and added with the same type).",
        "Reports a field removed from an event while another one of the same type was added to it.",
        (
            "A rename breaks both the consumers that read the old name and the readers of old "
            "records under the new name."
        ),
        _pair(_event(_REASON), _event(_REASON.replace("reason_text", "reason_note"), _V2)),
        _pair(_event(_REASON), _event(_REASON)),
    ),
    (
        "B004",
        "compatibility.field-became-required",
        "An optional field became required.",
        "Reports fields optional in BASE and required in HEAD.",
        "Records written before the change lack the field; readers that rely on it fail on them.",
        _pair(_event(_REASON), _event(_REASON_REQ, _V2)),
        _pair(_event(_REASON), _event(_REASON)),
    ),
    (
        "B005",
        "compatibility.required-field-added",
        "A required field was added to an existing event.",
        "Reports fields absent from BASE and required in HEAD.",
        (
            "Records written before the change lack the field (breaks backward compatibility); "
            "add it as optional instead."
        ),
        _pair(_event(_PLAN), _event(_PLAN + _REASON_REQ, _V2)),
        _pair(_event(_PLAN), _event(_PLAN + _REASON)),
    ),
    (
        "B006",
        "compatibility.type-changed",
        "The type of a field changed kind (for example integer to string).",
        "Reports fields whose type kind differs between BASE and HEAD.",
        "Every consumer that parses, compares or aggregates the field reads it wrongly.",
        _pair(
            _event(_REASON),
            _event(
                _REASON.replace("type: string", "type: integer").replace(
                    "        max_length: 200\n", ""
                ),
                _V2,
            ),
        ),
        _pair(_event(_REASON), _event(_REASON)),
    ),
    (
        "B007",
        "compatibility.type-narrowed",
        "A field's constraints were tightened (bounds, pattern, format, max_length).",
        (
            "Reports a minimum raised, a maximum or max_length lowered, or a pattern or format "
            "added or changed."
        ),
        "Records written before the change may no longer validate against the new schema.",
        _pair(_event(_REASON), _event(_REASON.replace("200", "100"), _V2)),
        _pair(_event(_REASON), _event(_REASON)),
    ),
    (
        "B008",
        "compatibility.type-widened",
        "A field's constraints were loosened (breaks forward compatibility only).",
        "Reports a minimum lowered, a maximum or max_length raised, or a pattern or format removed.",
        (
            "Consumers still validating against the old schema reject the new records; it breaks "
            "under the `forward` and `full` modes."
        ),
        _pair(_event(_REASON), _event(_REASON.replace("200", "400"))),
        _pair(_event(_REASON), _event(_REASON)),
    ),
    (
        "B009",
        "compatibility.enum-value-removed",
        "A value was removed from an enum.",
        "Reports enum values present in BASE and absent from HEAD.",
        "Old records carry the value; consumers that switch on it lose a case.",
        _pair(_event(_PLAN), _event(_PLAN.replace("free, team", "team"), _V2)),
        _pair(_event(_PLAN), _event(_PLAN.replace("free, team", "free, team, business"))),
    ),
    (
        "B010",
        "compatibility.enum-value-added",
        "A value was added to an enum (breaks forward compatibility only).",
        "Reports enum values absent from BASE and present in HEAD.",
        (
            "Consumers built on the old schema meet a value they do not know; it breaks under "
            "the `forward` and `full` modes."
        ),
        _pair(_event(_PLAN), _event(_PLAN.replace("free, team", "free, team, business"))),
        _pair(_event(_PLAN), _event(_PLAN)),
    ),
    (
        "B011",
        "compatibility.outcome-removed",
        "An outcome was removed from an event.",
        "Reports outcomes (success, failure, unknown) declared in BASE and not in HEAD.",
        "Alerts on failures of the event stop matching, and old records carry the outcome.",
        _pair(
            _event(extra="    outcomes: [success, failure]\n"),
            _event(extra="    outcomes: [success]\n" + _V2),
        ),
        _pair(
            _event(extra="    outcomes: [success, failure]\n"),
            _event(extra="    outcomes: [success, failure]\n"),
        ),
    ),
    (
        "B012",
        "compatibility.outcome-added",
        "An outcome was added to an event (breaks forward compatibility only).",
        "Reports outcomes declared in HEAD and not in BASE.",
        (
            "Consumers of the old schema meet an outcome they did not expect; it breaks under "
            "the `forward` and `full` modes."
        ),
        _pair(
            _event(extra="    outcomes: [success]\n"),
            _event(extra="    outcomes: [success, failure]\n"),
        ),
        _pair(_event(extra="    outcomes: [success]\n"), _event(extra="    outcomes: [success]\n")),
    ),
    (
        "B013",
        "compatibility.field-became-optional",
        "A required field became optional (breaks forward compatibility only).",
        "Reports fields required in BASE and optional in HEAD.",
        (
            "Consumers of the old schema rely on the field being present; it breaks under the "
            "`forward` and `full` modes."
        ),
        _pair(_event(_REASON_REQ), _event(_REASON)),
        _pair(_event(_REASON_REQ), _event(_REASON_REQ)),
    ),
    (
        "B014",
        "compatibility.sensitivity-removed",
        "A sensitivity tag was removed from a field (privacy).",
        "Reports tags (pii, credential, ...) a field had in BASE and lost in HEAD.",
        (
            "The field keeps carrying the same data, now without the redaction and the handling "
            "its tag asked for: personal data leaks silently."
        ),
        _pair(_event(_EMAIL), _event(_EMAIL.replace("        sensitivity: pii\n", ""))),
        _pair(_event(_EMAIL), _event(_EMAIL)),
    ),
    (
        "B015",
        "compatibility.redaction-weakened",
        "A field's effective redaction was weakened (privacy).",
        (
            "Reports fields whose effective redaction in HEAD is weaker than in BASE "
            "(drop > hash > mask > truncate > none)."
        ),
        "Stored records reveal more of the value than before, in logs that are kept for years.",
        _pair(_event(_EMAIL), _event(_EMAIL.replace("redact: hash", "redact: mask"))),
        _pair(_event(_EMAIL), _event(_EMAIL.replace("redact: hash", "redact: drop"))),
    ),
    (
        "B016",
        "compatibility.credential-field-added",
        "A credential-tagged field appears (privacy).",
        "Reports fields tagged `credential` in HEAD that were absent or untagged in BASE.",
        "Secrets do not belong in audit trails; one appearing needs a reviewer's attention.",
        _pair(
            _event(_PLAN),
            _event(
                _PLAN + "      api_token:\n        type: string\n        max_length: 200\n"
                "        sensitivity: credential\n        redact: drop\n"
                "        redact_reason: Secret.\n        description: Token used.\n"
            ),
        ),
        _pair(_event(_PLAN), _event(_PLAN)),
    ),
    (
        "B017",
        "compatibility.version-not-bumped",
        "An event changed in a breaking way without a version bump.",
        "Reports events with a breaking change whose `version` in HEAD is not above BASE's.",
        (
            "Consumers tell record shapes apart by the envelope's `version`; without a bump, old "
            "and new records look alike."
        ),
        _pair(_event(_PLAN + _REASON), _event(_PLAN)),
        _pair(_event(_PLAN + _REASON), _event(_PLAN, _V2)),
    ),
    (
        "B018",
        "compatibility.unknown-replacement",
        "A deprecated event names a replacement HEAD does not define.",
        "Reports `deprecated.replaced_by` naming an event absent from HEAD.",
        "Consumers follow the replacement to migrate their queries; it must exist.",
        _pair(
            _event(),
            _event(extra="    deprecated: {reason: renamed, replaced_by: user.updated_email}\n"),
        ),
        _pair(
            _event() + _OTHER,
            _event(extra="    deprecated: {reason: merged, replaced_by: user.changed_username}\n")
            + _OTHER,
        ),
    ),
    (
        "B019",
        "compatibility.event-added",
        "An event was added (non-breaking).",
        "Reports events present in HEAD and absent from BASE.",
        "Listed so that the pull-request comment and the changelog show what is new.",
        _pair(_event(), _event() + _OTHER),
        _pair(_event(), _event()),
    ),
    (
        "B020",
        "compatibility.optional-field-added",
        "An optional field was added (non-breaking).",
        "Reports optional fields absent from BASE and present in HEAD.",
        "Listed so that reviewers and consumers see the new data available.",
        _pair(_event(_PLAN), _event(_PLAN + _REASON)),
        _pair(_event(_PLAN), _event(_PLAN)),
    ),
    (
        "B021",
        "compatibility.description-changed",
        "A description changed (non-breaking).",
        "Reports changed descriptions of events and fields.",
        "Documentation changes are listed for the changelog; they never break consumers.",
        _pair(_event(_REASON), _event(_REASON.replace("Why.", "Why it changed."))),
        _pair(_event(_REASON), _event(_REASON)),
    ),
    (
        "B022",
        "compatibility.deprecation-added",
        "An event or a field was deprecated (non-breaking).",
        "Reports events and fields deprecated in HEAD and not in BASE.",
        "Deprecation is the announced first step before a removal.",
        _pair(_event() + _OTHER, _event(extra=_DEPRECATED) + _OTHER),
        _pair(_event() + _OTHER, _event() + _OTHER),
    ),
    (
        "B023",
        "compatibility.deprecated-event-removed",
        "A deprecated event was removed (non-breaking).",
        "Reports events removed from HEAD that BASE had marked `deprecated`.",
        "Removal after a deprecation is the agreed way to retire an event.",
        _pair(_event(extra=_DEPRECATED) + _OTHER, _OTHER),
        _pair(_event(extra=_DEPRECATED) + _OTHER, _event(extra=_DEPRECATED) + _OTHER),
    ),
    (
        "B024",
        "compatibility.failure-reason-removed",
        "A failure reason was removed from an event.",
        "Reports reason codes listed in BASE's `failure_reasons` and absent from HEAD's.",
        (
            "Alerting rules and dashboards match failures by reason code (`reason: "
            "not_permitted`); the new schema no longer accepts records that carry the old code."
        ),
        _pair(
            _event(extra="    failure_reasons: [not_permitted, address_taken]\n"),
            _event(extra="    failure_reasons: [not_permitted]\n" + _V2),
        ),
        _pair(
            _event(extra="    failure_reasons: [not_permitted]\n"),
            _event(extra="    failure_reasons: [not_permitted]\n"),
        ),
    ),
    (
        "B025",
        "compatibility.failure-reason-added",
        "A failure reason was added to an event (breaks forward compatibility).",
        "Reports reason codes in HEAD's `failure_reasons` that BASE did not list.",
        (
            "Consumers built for BASE meet a reason code they do not know: a forward-compatible "
            "contract forbids it, a backward-compatible one allows it."
        ),
        _pair(
            _event(extra="    failure_reasons: [not_permitted]\n"),
            _event(extra="    failure_reasons: [not_permitted, address_taken]\n"),
        ),
        _pair(
            _event(extra="    failure_reasons: [not_permitted]\n"),
            _event(extra="    failure_reasons: [not_permitted]\n"),
        ),
    ),
    (
        "B026",
        "compatibility.actor-or-target-type-removed",
        "An actor type or a target type was removed from an event.",
        "Reports types listed in BASE's `actor` or `targets` and absent from HEAD's.",
        (
            'Queries such as "every change made by a service account" select records by actor '
            "and target type; the new schema rejects records of the removed type."
        ),
        _pair(
            _event(event=_EVENT.replace("[user]", "[user, service]")),
            _event(extra=_V2),
        ),
        _pair(_event(), _event()),
    ),
    (
        "B027",
        "compatibility.actor-or-target-type-added",
        "An actor or target type was added to an event (breaks forward compatibility).",
        "Reports types in HEAD's `actor` or `targets` that BASE did not list.",
        (
            "Consumers written for BASE meet an actor or target they do not know how to "
            "attribute: a forward-compatible contract forbids it."
        ),
        _pair(_event(), _event(event=_EVENT.replace("[user]", "[user, service]"))),
        _pair(_event(), _event()),
    ),
    (
        "B028",
        "compatibility.category-changed",
        "An event moved to another category.",
        "Reports events whose `category` differs between BASE and HEAD.",
        (
            "Retention jobs, SIEM routing and coverage reports select events by category "
            "(authentication, data_change ...); moving an event silently changes what they see."
        ),
        _pair(
            _event(),
            _event(
                event=_EVENT.replace("category: data_change", "category: account_change"), extra=_V2
            ),
        ),
        _pair(_event(), _event()),
    ),
    (
        "B029",
        "compatibility.mode-changed",
        "A catalog file changed its compatibility mode (listed).",
        (
            "Reports catalog files (matched by domain) whose top-level `compatibility` differs "
            "between BASE and HEAD. The change itself is checked under BASE's mode."
        ),
        (
            "The mode is the promise made to consumers; weakening it is a decision reviewers "
            "should see in the pull request, not a side effect of it."
        ),
        "compatibility: full\n"
        + _pair(_event(), _event()).replace(AFTER, AFTER + "compatibility: none\n"),
        _pair(_event(), _event()),
    ),
]

_LISTED = frozenset({"B019", "B020", "B021", "B022", "B023", "B029"})
"""Changes that never break consumers: listed for reviewers and the changelog."""

RULES: tuple[Rule, ...] = tuple(
    Rule(
        code=code,
        name=name,
        summary=summary,
        severity=Severity.WARNING if code in _LISTED else Severity.ERROR,
        docs=RuleDocs(what=what, why=why, bad=bad, good=good),
    )
    for code, name, summary, what, why, bad, good in _TABLE
)

"""Docs of the compatibility codes (B001-B029): what each reports, why it matters, examples.

No lint rule checks them: `registry diff` reports them by comparing two versions of the catalogs
(registry.diff.events and registry.diff.fields). Each example is a pair, BASE then HEAD (see
`compatibility_examples.split`); the tests diff them: `bad` shows the change, `good` does not.
"""

from __future__ import annotations

from typing import Final

from registry.findings import codes
from registry.findings.docs.compatibility_examples import (
    AFTER,
    DEPRECATED,
    EMAIL,
    EVENT,
    OTHER,
    PLAN,
    REASON,
    REASON_REQ,
    V2,
    event,
    pair,
)
from registry.findings.rule_docs import RuleDocs

DOCS: Final[dict[codes.Code, RuleDocs]] = {
    codes.EVENT_REMOVED: RuleDocs(
        what=(
            "Reports events present in BASE and absent from HEAD that BASE did not mark "
            "`deprecated`."
        ),
        why=(
            "SIEM rules, dashboards and retention jobs select events by name; removing one "
            "silently breaks them. Deprecate it first (a release), remove it later."
        ),
        bad=pair(event() + OTHER, OTHER),
        good=pair(event(extra=DEPRECATED) + OTHER, OTHER),
    ),
    codes.FIELD_REMOVED: RuleDocs(
        what="Reports fields present in BASE and absent from HEAD (not explained by a rename).",
        why="Consumers query fields by name; their queries return nothing once the field is gone.",
        bad=pair(event(PLAN + REASON), event(PLAN, V2)),
        good=pair(event(PLAN + REASON), event(PLAN + REASON)),
    ),
    codes.FIELD_RENAMED: RuleDocs(
        what=(
            "Reports a field removed from an event while another one of the same type was added "
            "to it."
        ),
        why=(
            "A rename breaks both the consumers that read the old name and the readers of old "
            "records under the new name."
        ),
        bad=pair(event(REASON), event(REASON.replace("reason_text", "reason_note"), V2)),
        good=pair(event(REASON), event(REASON)),
    ),
    codes.FIELD_BECAME_REQUIRED: RuleDocs(
        what="Reports fields optional in BASE and required in HEAD.",
        why=(
            "Records written before the change lack the field; readers that rely on it fail on "
            "them."
        ),
        bad=pair(event(REASON), event(REASON_REQ, V2)),
        good=pair(event(REASON), event(REASON)),
    ),
    codes.REQUIRED_FIELD_ADDED: RuleDocs(
        what="Reports fields absent from BASE and required in HEAD.",
        why=(
            "Records written before the change lack the field (breaks backward compatibility); "
            "add it as optional instead."
        ),
        bad=pair(event(PLAN), event(PLAN + REASON_REQ, V2)),
        good=pair(event(PLAN), event(PLAN + REASON)),
    ),
    codes.TYPE_CHANGED: RuleDocs(
        what="Reports fields whose type kind differs between BASE and HEAD.",
        why="Every consumer that parses, compares or aggregates the field reads it wrongly.",
        bad=pair(
            event(REASON),
            event(
                REASON.replace("type: string", "type: integer").replace(
                    "        max_length: 200\n", ""
                ),
                V2,
            ),
        ),
        good=pair(event(REASON), event(REASON)),
    ),
    codes.TYPE_NARROWED: RuleDocs(
        what=(
            "Reports a minimum raised, a maximum or max_length lowered, or a pattern or format "
            "added or changed."
        ),
        why="Records written before the change may no longer validate against the new schema.",
        bad=pair(event(REASON), event(REASON.replace("200", "100"), V2)),
        good=pair(event(REASON), event(REASON)),
    ),
    codes.TYPE_WIDENED: RuleDocs(
        what=(
            "Reports a minimum lowered, a maximum or max_length raised, or a pattern or format "
            "removed."
        ),
        why=(
            "Consumers still validating against the old schema reject the new records; it breaks "
            "under the `forward` and `full` modes."
        ),
        bad=pair(event(REASON), event(REASON.replace("200", "400"))),
        good=pair(event(REASON), event(REASON)),
    ),
    codes.ENUM_VALUE_REMOVED: RuleDocs(
        what="Reports enum values present in BASE and absent from HEAD.",
        why="Old records carry the value; consumers that switch on it lose a case.",
        bad=pair(event(PLAN), event(PLAN.replace("free, team", "team"), V2)),
        good=pair(event(PLAN), event(PLAN.replace("free, team", "free, team, business"))),
    ),
    codes.ENUM_VALUE_ADDED: RuleDocs(
        what="Reports enum values absent from BASE and present in HEAD.",
        why=(
            "Consumers built on the old schema meet a value they do not know; it breaks under "
            "the `forward` and `full` modes."
        ),
        bad=pair(event(PLAN), event(PLAN.replace("free, team", "free, team, business"))),
        good=pair(event(PLAN), event(PLAN)),
    ),
    codes.OUTCOME_REMOVED: RuleDocs(
        what="Reports outcomes (success, failure, unknown) declared in BASE and not in HEAD.",
        why="Alerts on failures of the event stop matching, and old records carry the outcome.",
        bad=pair(
            event(extra="    outcomes: [success, failure]\n"),
            event(extra="    outcomes: [success]\n" + V2),
        ),
        good=pair(
            event(extra="    outcomes: [success, failure]\n"),
            event(extra="    outcomes: [success, failure]\n"),
        ),
    ),
    codes.OUTCOME_ADDED: RuleDocs(
        what="Reports outcomes declared in HEAD and not in BASE.",
        why=(
            "Consumers of the old schema meet an outcome they did not expect; it breaks under "
            "the `forward` and `full` modes."
        ),
        bad=pair(
            event(extra="    outcomes: [success]\n"),
            event(extra="    outcomes: [success, failure]\n"),
        ),
        good=pair(
            event(extra="    outcomes: [success]\n"), event(extra="    outcomes: [success]\n")
        ),
    ),
    codes.FIELD_BECAME_OPTIONAL: RuleDocs(
        what="Reports fields required in BASE and optional in HEAD.",
        why=(
            "Consumers of the old schema rely on the field being present; it breaks under the "
            "`forward` and `full` modes."
        ),
        bad=pair(event(REASON_REQ), event(REASON)),
        good=pair(event(REASON_REQ), event(REASON_REQ)),
    ),
    codes.SENSITIVITY_REMOVED: RuleDocs(
        what="Reports tags (pii, credential, ...) a field had in BASE and lost in HEAD.",
        why=(
            "The field keeps carrying the same data, now without the redaction and the handling "
            "its tag asked for: personal data leaks silently."
        ),
        bad=pair(event(EMAIL), event(EMAIL.replace("        sensitivity: pii\n", ""))),
        good=pair(event(EMAIL), event(EMAIL)),
    ),
    codes.REDACTION_WEAKENED: RuleDocs(
        what=(
            "Reports fields whose effective redaction in HEAD is weaker than in BASE (drop > "
            "hash > mask > truncate > none)."
        ),
        why="Stored records reveal more of the value than before, in logs that are kept for years.",
        bad=pair(event(EMAIL), event(EMAIL.replace("redact: hash", "redact: mask"))),
        good=pair(event(EMAIL), event(EMAIL.replace("redact: hash", "redact: drop"))),
    ),
    codes.CREDENTIAL_FIELD_ADDED: RuleDocs(
        what="Reports fields tagged `credential` in HEAD that were absent or untagged in BASE.",
        why="Secrets do not belong in audit trails; one appearing needs a reviewer's attention.",
        bad=pair(
            event(PLAN),
            event(
                PLAN + "      api_token:\n        type: string\n        max_length: 200\n"
                "        sensitivity: credential\n        redact: drop\n"
                "        redact_reason: Secret.\n        description: Token used.\n"
            ),
        ),
        good=pair(event(PLAN), event(PLAN)),
    ),
    codes.VERSION_NOT_BUMPED: RuleDocs(
        what="Reports events with a breaking change whose `version` in HEAD is not above BASE's.",
        why=(
            "Consumers tell record shapes apart by the envelope's `version`; without a bump, old "
            "and new records look alike."
        ),
        bad=pair(event(PLAN + REASON), event(PLAN)),
        good=pair(event(PLAN + REASON), event(PLAN, V2)),
    ),
    codes.REPLACEMENT_NOT_IN_HEAD: RuleDocs(
        what="Reports `deprecated.replaced_by` naming an event absent from HEAD.",
        why="Consumers follow the replacement to migrate their queries; it must exist.",
        bad=pair(
            event(),
            event(extra="    deprecated: {reason: renamed, replaced_by: user.updated_email}\n"),
        ),
        good=pair(
            event() + OTHER,
            event(extra="    deprecated: {reason: merged, replaced_by: user.changed_username}\n")
            + OTHER,
        ),
    ),
    codes.EVENT_ADDED: RuleDocs(
        what="Reports events present in HEAD and absent from BASE.",
        why="Listed so that the pull-request comment and the changelog show what is new.",
        bad=pair(event(), event() + OTHER),
        good=pair(event(), event()),
    ),
    codes.OPTIONAL_FIELD_ADDED: RuleDocs(
        what="Reports optional fields absent from BASE and present in HEAD.",
        why="Listed so that reviewers and consumers see the new data available.",
        bad=pair(event(PLAN), event(PLAN + REASON)),
        good=pair(event(PLAN), event(PLAN)),
    ),
    codes.DESCRIPTION_CHANGED: RuleDocs(
        what="Reports changed descriptions of events and fields.",
        why="Documentation changes are listed for the changelog; they never break consumers.",
        bad=pair(event(REASON), event(REASON.replace("Why.", "Why it changed."))),
        good=pair(event(REASON), event(REASON)),
    ),
    codes.DEPRECATION_ADDED: RuleDocs(
        what="Reports events and fields deprecated in HEAD and not in BASE.",
        why="Deprecation is the announced first step before a removal.",
        bad=pair(event() + OTHER, event(extra=DEPRECATED) + OTHER),
        good=pair(event() + OTHER, event() + OTHER),
    ),
    codes.DEPRECATED_EVENT_REMOVED: RuleDocs(
        what="Reports events removed from HEAD that BASE had marked `deprecated`.",
        why="Removal after a deprecation is the agreed way to retire an event.",
        bad=pair(event(extra=DEPRECATED) + OTHER, OTHER),
        good=pair(event(extra=DEPRECATED) + OTHER, event(extra=DEPRECATED) + OTHER),
    ),
    codes.FAILURE_REASON_REMOVED: RuleDocs(
        what="Reports reason codes listed in BASE's `failure_reasons` and absent from HEAD's.",
        why=(
            "Alerting rules and dashboards match failures by reason code (`reason: "
            "not_permitted`); the new schema no longer accepts records that carry the old code."
        ),
        bad=pair(
            event(extra="    failure_reasons: [not_permitted, address_taken]\n"),
            event(extra="    failure_reasons: [not_permitted]\n" + V2),
        ),
        good=pair(
            event(extra="    failure_reasons: [not_permitted]\n"),
            event(extra="    failure_reasons: [not_permitted]\n"),
        ),
    ),
    codes.FAILURE_REASON_ADDED: RuleDocs(
        what="Reports reason codes in HEAD's `failure_reasons` that BASE did not list.",
        why=(
            "Consumers built for BASE meet a reason code they do not know: a forward-compatible "
            "contract forbids it, a backward-compatible one allows it."
        ),
        bad=pair(
            event(extra="    failure_reasons: [not_permitted]\n"),
            event(extra="    failure_reasons: [not_permitted, address_taken]\n"),
        ),
        good=pair(
            event(extra="    failure_reasons: [not_permitted]\n"),
            event(extra="    failure_reasons: [not_permitted]\n"),
        ),
    ),
    codes.ACTOR_OR_TARGET_TYPE_REMOVED: RuleDocs(
        what="Reports types listed in BASE's `actor` or `targets` and absent from HEAD's.",
        why=(
            'Queries such as "every change made by a service account" select records by actor '
            "and target type; the new schema rejects records of the removed type."
        ),
        bad=pair(
            event(event=EVENT.replace("[user]", "[user, service]")),
            event(extra=V2),
        ),
        good=pair(event(), event()),
    ),
    codes.ACTOR_OR_TARGET_TYPE_ADDED: RuleDocs(
        what="Reports types in HEAD's `actor` or `targets` that BASE did not list.",
        why=(
            "Consumers written for BASE meet an actor or target they do not know how to "
            "attribute: a forward-compatible contract forbids it."
        ),
        bad=pair(event(), event(event=EVENT.replace("[user]", "[user, service]"))),
        good=pair(event(), event()),
    ),
    codes.CATEGORY_CHANGED: RuleDocs(
        what="Reports events whose `category` differs between BASE and HEAD.",
        why=(
            "Retention jobs, SIEM routing and coverage reports select events by category "
            "(authentication, data_change ...); moving an event silently changes what they see."
        ),
        bad=pair(
            event(),
            event(
                event=EVENT.replace("category: data_change", "category: account_change"), extra=V2
            ),
        ),
        good=pair(event(), event()),
    ),
    codes.COMPATIBILITY_MODE_CHANGED: RuleDocs(
        what=(
            "Reports catalog files (matched by domain) whose top-level `compatibility` differs "
            "between BASE and HEAD. The change itself is checked under BASE's mode."
        ),
        why=(
            "The mode is the promise made to consumers; weakening it is a decision reviewers "
            "should see in the pull request, not a side effect of it."
        ),
        bad="compatibility: full\n"
        + pair(event(), event()).replace(AFTER, AFTER + "compatibility: none\n"),
        good=pair(event(), event()),
    ),
}

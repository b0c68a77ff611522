"""B rules about events: removal, deprecation and versioning, outcomes, failure reasons,
actor and target types, category, and the compatibility mode itself.

They have no `check`: `registry.diff.compare` produces them by comparing BASE and HEAD.
"""

from __future__ import annotations

from registry.lint.rules.b_examples import (
    AFTER,
    DEPRECATED,
    EVENT,
    OTHER,
    PLAN,
    REASON,
    V2,
    Entry,
    event,
    pair,
    rules,
)

_TABLE: list[Entry] = [
    (
        "B001",
        "compatibility.event-removed",
        "An event was removed without being deprecated first.",
        "Reports events present in BASE and absent from HEAD that BASE did not mark `deprecated`.",
        (
            "SIEM rules, dashboards and retention jobs select events by name; removing one silently "
            "breaks them. Deprecate it first (a release), remove it later."
        ),
        pair(event() + OTHER, OTHER),
        pair(event(extra=DEPRECATED) + OTHER, OTHER),
    ),
    (
        "B011",
        "compatibility.outcome-removed",
        "An outcome was removed from an event.",
        "Reports outcomes (success, failure, unknown) declared in BASE and not in HEAD.",
        "Alerts on failures of the event stop matching, and old records carry the outcome.",
        pair(
            event(extra="    outcomes: [success, failure]\n"),
            event(extra="    outcomes: [success]\n" + V2),
        ),
        pair(
            event(extra="    outcomes: [success, failure]\n"),
            event(extra="    outcomes: [success, failure]\n"),
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
        pair(
            event(extra="    outcomes: [success]\n"),
            event(extra="    outcomes: [success, failure]\n"),
        ),
        pair(event(extra="    outcomes: [success]\n"), event(extra="    outcomes: [success]\n")),
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
        pair(event(PLAN + REASON), event(PLAN)),
        pair(event(PLAN + REASON), event(PLAN, V2)),
    ),
    (
        "B018",
        "compatibility.unknown-replacement",
        "A deprecated event names a replacement HEAD does not define.",
        "Reports `deprecated.replaced_by` naming an event absent from HEAD.",
        "Consumers follow the replacement to migrate their queries; it must exist.",
        pair(
            event(),
            event(extra="    deprecated: {reason: renamed, replaced_by: user.updated_email}\n"),
        ),
        pair(
            event() + OTHER,
            event(extra="    deprecated: {reason: merged, replaced_by: user.changed_username}\n")
            + OTHER,
        ),
    ),
    (
        "B019",
        "compatibility.event-added",
        "An event was added (non-breaking).",
        "Reports events present in HEAD and absent from BASE.",
        "Listed so that the pull-request comment and the changelog show what is new.",
        pair(event(), event() + OTHER),
        pair(event(), event()),
    ),
    (
        "B022",
        "compatibility.deprecation-added",
        "An event or a field was deprecated (non-breaking).",
        "Reports events and fields deprecated in HEAD and not in BASE.",
        "Deprecation is the announced first step before a removal.",
        pair(event() + OTHER, event(extra=DEPRECATED) + OTHER),
        pair(event() + OTHER, event() + OTHER),
    ),
    (
        "B023",
        "compatibility.deprecated-event-removed",
        "A deprecated event was removed (non-breaking).",
        "Reports events removed from HEAD that BASE had marked `deprecated`.",
        "Removal after a deprecation is the agreed way to retire an event.",
        pair(event(extra=DEPRECATED) + OTHER, OTHER),
        pair(event(extra=DEPRECATED) + OTHER, event(extra=DEPRECATED) + OTHER),
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
        pair(
            event(extra="    failure_reasons: [not_permitted, address_taken]\n"),
            event(extra="    failure_reasons: [not_permitted]\n" + V2),
        ),
        pair(
            event(extra="    failure_reasons: [not_permitted]\n"),
            event(extra="    failure_reasons: [not_permitted]\n"),
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
        pair(
            event(extra="    failure_reasons: [not_permitted]\n"),
            event(extra="    failure_reasons: [not_permitted, address_taken]\n"),
        ),
        pair(
            event(extra="    failure_reasons: [not_permitted]\n"),
            event(extra="    failure_reasons: [not_permitted]\n"),
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
        pair(
            event(event=EVENT.replace("[user]", "[user, service]")),
            event(extra=V2),
        ),
        pair(event(), event()),
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
        pair(event(), event(event=EVENT.replace("[user]", "[user, service]"))),
        pair(event(), event()),
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
        pair(
            event(),
            event(
                event=EVENT.replace("category: data_change", "category: account_change"), extra=V2
            ),
        ),
        pair(event(), event()),
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
        + pair(event(), event()).replace(AFTER, AFTER + "compatibility: none\n"),
        pair(event(), event()),
    ),
]

RULES = rules(_TABLE)

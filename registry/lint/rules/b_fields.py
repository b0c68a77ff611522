"""B rules about fields: removed, renamed, made required or optional, added, and type changes
(kind, bounds, pattern, enum values), descriptions.

They have no `check`: `registry.diff.compare` produces them by comparing BASE and HEAD.
"""

from __future__ import annotations

from registry.lint.rules.b_examples import (
    PLAN,
    REASON,
    REASON_REQ,
    V2,
    Entry,
    event,
    pair,
    rules,
)

_TABLE: list[Entry] = [
    (
        "B002",
        "compatibility.field-removed",
        "A field was removed from an event.",
        "Reports fields present in BASE and absent from HEAD (not explained by a rename).",
        "Consumers query fields by name; their queries return nothing once the field is gone.",
        pair(event(PLAN + REASON), event(PLAN, V2)),
        pair(event(PLAN + REASON), event(PLAN + REASON)),
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
        pair(event(REASON), event(REASON.replace("reason_text", "reason_note"), V2)),
        pair(event(REASON), event(REASON)),
    ),
    (
        "B004",
        "compatibility.field-became-required",
        "An optional field became required.",
        "Reports fields optional in BASE and required in HEAD.",
        "Records written before the change lack the field; readers that rely on it fail on them.",
        pair(event(REASON), event(REASON_REQ, V2)),
        pair(event(REASON), event(REASON)),
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
        pair(event(PLAN), event(PLAN + REASON_REQ, V2)),
        pair(event(PLAN), event(PLAN + REASON)),
    ),
    (
        "B006",
        "compatibility.type-changed",
        "The type of a field changed kind (for example integer to string).",
        "Reports fields whose type kind differs between BASE and HEAD.",
        "Every consumer that parses, compares or aggregates the field reads it wrongly.",
        pair(
            event(REASON),
            event(
                REASON.replace("type: string", "type: integer").replace(
                    "        max_length: 200\n", ""
                ),
                V2,
            ),
        ),
        pair(event(REASON), event(REASON)),
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
        pair(event(REASON), event(REASON.replace("200", "100"), V2)),
        pair(event(REASON), event(REASON)),
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
        pair(event(REASON), event(REASON.replace("200", "400"))),
        pair(event(REASON), event(REASON)),
    ),
    (
        "B009",
        "compatibility.enum-value-removed",
        "A value was removed from an enum.",
        "Reports enum values present in BASE and absent from HEAD.",
        "Old records carry the value; consumers that switch on it lose a case.",
        pair(event(PLAN), event(PLAN.replace("free, team", "team"), V2)),
        pair(event(PLAN), event(PLAN.replace("free, team", "free, team, business"))),
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
        pair(event(PLAN), event(PLAN.replace("free, team", "free, team, business"))),
        pair(event(PLAN), event(PLAN)),
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
        pair(event(REASON_REQ), event(REASON)),
        pair(event(REASON_REQ), event(REASON_REQ)),
    ),
    (
        "B020",
        "compatibility.optional-field-added",
        "An optional field was added (non-breaking).",
        "Reports optional fields absent from BASE and present in HEAD.",
        "Listed so that reviewers and consumers see the new data available.",
        pair(event(PLAN), event(PLAN + REASON)),
        pair(event(PLAN), event(PLAN)),
    ),
    (
        "B021",
        "compatibility.description-changed",
        "A description changed (non-breaking).",
        "Reports changed descriptions of events and fields.",
        "Documentation changes are listed for the changelog; they never break consumers.",
        pair(event(REASON), event(REASON.replace("Why.", "Why it changed."))),
        pair(event(REASON), event(REASON)),
    ),
]

RULES = rules(_TABLE)

"""B rules about privacy: sensitivity tags removed, redaction weakened, credentials appearing.
Reported whatever the compatibility mode.

They have no `check`: `registry.diff.compare` produces them by comparing BASE and HEAD.
"""

from __future__ import annotations

from registry.lint.rules.b_examples import (
    EMAIL,
    PLAN,
    Entry,
    event,
    pair,
    rules,
)

_TABLE: list[Entry] = [
    (
        "B014",
        "compatibility.sensitivity-removed",
        "A sensitivity tag was removed from a field (privacy).",
        "Reports tags (pii, credential, ...) a field had in BASE and lost in HEAD.",
        (
            "The field keeps carrying the same data, now without the redaction and the handling "
            "its tag asked for: personal data leaks silently."
        ),
        pair(event(EMAIL), event(EMAIL.replace("        sensitivity: pii\n", ""))),
        pair(event(EMAIL), event(EMAIL)),
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
        pair(event(EMAIL), event(EMAIL.replace("redact: hash", "redact: mask"))),
        pair(event(EMAIL), event(EMAIL.replace("redact: hash", "redact: drop"))),
    ),
    (
        "B016",
        "compatibility.credential-field-added",
        "A credential-tagged field appears (privacy).",
        "Reports fields tagged `credential` in HEAD that were absent or untagged in BASE.",
        "Secrets do not belong in audit trails; one appearing needs a reviewer's attention.",
        pair(
            event(PLAN),
            event(
                PLAN + "      api_token:\n        type: string\n        max_length: 200\n"
                "        sensitivity: credential\n        redact: drop\n"
                "        redact_reason: Secret.\n        description: Token used.\n"
            ),
        ),
        pair(event(PLAN), event(PLAN)),
    ),
]

RULES = rules(_TABLE)

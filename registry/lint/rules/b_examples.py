"""Building blocks of the B rules' documented examples.

A B rule's `bad` and `good` examples are pairs, BASE then HEAD, split by the `AFTER` line;
tests diff them (`bad` shows the change, `good` does not).
"""

from __future__ import annotations

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

AFTER = "# --- after ---\n"

HEAD = "domain: accounts\ndescription: User accounts.\nowners: [identity-team]\nevents:\n"
EVENT = """  user.changed_email:
    description: A user changed the e-mail address of their account.
    category: data_change
    actor: [user]
    targets: [account]
"""
OTHER = """  user.changed_username:
    description: A user changed the name they sign in with.
    category: data_change
    actor: [user]
    targets: [account]
"""
PLAN = (
    "      plan:\n        type: enum\n        values: [free, team]\n"
    "        description: Plan of the account.\n"
)
REASON = (
    "      reason_text:\n        type: string\n        max_length: 200\n        description: Why.\n"
)
REASON_REQ = REASON + "        required: true\n"
EMAIL = (
    "      new_email:\n        type: string\n        format: email\n        max_length: 254\n"
    "        sensitivity: pii\n        redact: hash\n        description: The new address.\n"
)


def event(fields: str = "", extra: str = "", event: str = EVENT) -> str:
    return event + extra + (f"    fields:\n{fields}" if fields else "")


def pair(before: str, after: str) -> str:
    """A BASE catalog and a HEAD catalog, each holding the given events."""
    return HEAD + before + AFTER + HEAD + after


def split(example: str) -> tuple[str, str]:
    """The BASE and HEAD catalogs of an example."""
    before, after = example.split(AFTER)
    return before, after


V2 = "    version: 2\n"
DEPRECATED = "    deprecated: {reason: use user.changed_username}\n"


LISTED = frozenset({"B019", "B020", "B021", "B022", "B023", "B029"})
"""Changes that never break consumers: listed for reviewers and the changelog (warnings)."""

Entry = tuple[str, str, str, str, str, str, str]
"""(code, name, summary, what, why, bad, good)"""


def rules(table: list[Entry]) -> tuple[Rule, ...]:
    return tuple(
        Rule(
            code=code,
            name=name,
            summary=summary,
            severity=Severity.WARNING if code in LISTED else Severity.ERROR,
            docs=RuleDocs(what=what, why=why, bad=bad, good=good),
        )
        for code, name, summary, what, why, bad, good in table
    )

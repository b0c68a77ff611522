"""Building blocks of the compatibility (B) codes' documented examples.

A B code's `bad` and `good` examples are pairs, BASE then HEAD, split by the `AFTER` line;
tests diff them (`bad` shows the change, `good` does not).
"""

from __future__ import annotations

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

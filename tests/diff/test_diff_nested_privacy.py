"""B014 and B015 at every depth: what a record holds of each member and list item, before and
after (`registry.privacy.policy.redaction_plan`), compared by `registry diff`.

Each row: BASE fields, HEAD fields, and the exact privacy findings (code, path, line, column in
HEAD). A member inherits the redaction of what encloses it, so a member that declares less
inside a hashed object loses nothing, and a member whose weakening is its parent's is not
reported twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.catalog.config import Config
from registry.catalog.load import load_catalog
from registry.diff.compare import diff_catalogs, locate
from registry.findings import Severity

HEAD = """domain: accounts
description: User accounts.
owners: [identity-team]
events:
  user.updated_profile:
    description: A user updated the profile of their account.
    category: data_change
    actor: [user]
    targets: [account]
    fields:
"""
FIRST = HEAD.count("\n") + 1
"""The line of the first field."""

CONTACTS = """      contacts:
        type: list
        description: People to reach in an emergency.
        items:
          type: object
          fields:
            phones:
              type: list
              description: Numbers of the person.
              items: {type: string, max_length: 20, sensitivity: pii, redact: hash}
"""
ALIASES = """      aliases:
        type: list
        description: Other addresses of the user.
        items: {type: string, max_length: 254, sensitivity: pii}
"""
SETTINGS = """      settings:
        type: object
        description: Settings as stored, hashed whole.
        redact: hash
        fields:
          email: {type: string, max_length: 254, sensitivity: pii, description: Address.}
          locale: {type: string, max_length: 10, description: Language tag.}
          pin_hint: {type: string, max_length: 10, redact: mask, description: Hint shown.}
"""
PROFILE = """      profile:
        type: object
        description: The profile.
        fields:
          recovery:
            type: object
            description: How the account is recovered.
            fields:
              answer: {type: string, max_length: 50, sensitivity: credential, description: Answer.}
"""

# (id, base fields, head fields, {(code, path, line, column)})
ROWS = [
    (
        "list-items-three-levels-deep-weakened",
        CONTACTS,
        CONTACTS.replace("redact: hash", "redact: mask"),
        {("B015", "contacts[].phones[]", FIRST + 9, 15)},
    ),
    (
        "list-items-tag-removed",
        ALIASES,
        ALIASES.replace(", sensitivity: pii", ""),
        {("B014", "aliases[]", FIRST + 3, 9), ("B015", "aliases[]", FIRST + 3, 9)},
    ),
    (
        "member-declares-none-inside-a-hashed-object-loses-nothing",
        SETTINGS,
        SETTINGS.replace(
            "sensitivity: pii, description",
            "sensitivity: pii, redact: none, redact_reason: Support reads it., description",
        ),
        set(),
    ),
    (
        "parent-weakened-reported-once-member-with-its-own-weakening-too",
        SETTINGS,
        SETTINGS.replace("        redact: hash\n", ""),
        # settings: hash -> none; locale follows its parent (not repeated); email keeps its
        # own hash; pin_hint falls to its own mask, a weakening of its own
        {("B015", "settings", FIRST, 7), ("B015", "settings.pin_hint", FIRST + 6, 11)},
    ),
    (
        "credential-member-deep-inside-becomes-written",
        PROFILE,
        PROFILE.replace(", sensitivity: credential", ""),
        {
            ("B014", "profile.recovery.answer", FIRST + 8, 15),
            ("B015", "profile.recovery.answer", FIRST + 8, 15),
        },
    ),
    (
        "strengthened-at-every-depth-passes",
        CONTACTS + ALIASES,
        CONTACTS.replace("redact: hash", "redact: drop")
        + ALIASES.replace("sensitivity: pii", "sensitivity: pii, redact: drop"),
        set(),
    ),
]


@pytest.mark.parametrize(
    ("base", "head", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_nested_privacy_changes(
    tmp_path: Path, base: str, head: str, expected: set[tuple[str, str, int, int]]
) -> None:
    (tmp_path / "base.yaml").write_text(HEAD + base, encoding="utf-8")
    (tmp_path / "head.yaml").write_text(HEAD + head, encoding="utf-8")
    config = Config(root=tmp_path)
    before = load_catalog((str(tmp_path / "base.yaml"),), config)
    after = load_catalog((str(tmp_path / "head.yaml"),), config)
    for loaded in (before, after):
        assert not [f for f in loaded.findings if f.severity is Severity.ERROR], loaded.findings
    result = locate(
        diff_catalogs(before.catalog, after.catalog, config),
        before.locator.position,
        after.locator.position,
    )
    privacy = {c.code for c in result.privacy}
    assert privacy <= {"B014", "B015"}, result.privacy
    found = {
        (f.rule, f.field, f.line, f.column) for f in result.findings if f.rule in {"B014", "B015"}
    }
    assert found == expected, [f"{f.rule} {f.line}:{f.column} {f.message}" for f in result.findings]

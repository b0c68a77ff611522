"""The benchmark's own logic: the ODCS converter used for datacontract-cli, the table."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from _harness import Row, markdown_table
from peers import catalog_to_odcs, find_peer
from run import growth_rows

from conftest import lint_text

CATALOG = """\
domain: accounts
description: Account events.
owners: [accounts-team]
events:
  user.invited_member:
    description: A user invited a member to the workspace.
    category: collaboration
    actor: [user]
    targets: [workspace]
    fields:
      invitee_email: {type: string, format: email, sensitivity: pii, redact: hash,
                      description: Address the invitation went to., required: true}
      role: {type: enum, values: [admin, member], description: Role offered.}
      seats: {type: integer, min: 1, max: 100, description: Seats in use after it.}
      settings:
        type: object
        description: Settings of the invitation.
        fields:
          expires_in_days: {type: integer, min: 1, description: Days before it expires.}
      labels: {type: list, items: {type: string, max_length: 20}, description: Labels on it.}
"""


def test_odcs_contract_has_every_event_and_field(tmp_path: Path) -> None:
    catalog = lint_text(tmp_path, CATALOG).catalog
    contract = catalog_to_odcs(catalog)
    assert contract["apiVersion"] == "v3.2.0"
    [event] = contract["schema"]
    assert event["name"] == "user.invited_member"
    properties = {p["name"]: p for p in event["properties"]}
    assert list(properties) == ["invitee_email", "role", "seats", "settings", "labels"]
    email = properties["invitee_email"]
    assert email["required"] is True
    assert email["classification"] == "pii"
    assert email["logicalTypeOptions"] == {"format": "email"}
    assert properties["role"]["logicalTypeOptions"] == {"pattern": "^(admin|member)$"}
    assert properties["seats"]["logicalTypeOptions"] == {"minimum": 1, "maximum": 100}
    assert [p["name"] for p in properties["settings"]["properties"]] == ["expires_in_days"]
    assert properties["labels"]["items"] == {
        "logicalType": "string",
        "logicalTypeOptions": {"maxLength": 20},
    }


def test_missing_peer_is_not_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_peer("datamodel-codegen", tmp_path / "no-venv") is None


def test_growth_and_table() -> None:
    label = "`registry lint --no-cache` (cold, command)"
    rows = [
        Row("lint", label, "100", 0.2),
        Row("lint", label, "1,000", 0.5),
        Row("lint", label, "10,000", 6.0),
    ]
    growth = growth_rows(rows)
    assert [(r.ratio, r.met) for r in growth] == [(2.5, True), (12.0, False)]
    table = markdown_table([*rows, *growth, Row("peers", "x", "100", None, note="skipped")])
    assert "| **no** |" in table
    assert "| peers | x (skipped) | 100 | - | - |" in table

"""Redaction at every depth, duplicate keys, torn lines and the leak scan of every text, on a
catalog with sensitive members below the top level (fixtures/nested/crm.yaml): each case is
one record, with exactly the findings listed (code, field)."""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from check_events_helpers import FIXTURES, check_bytes, jsonl

from registry_runtime import JsonLinesSink
from registry_runtime.chain import ZERO_HASH, abandoned_body, seal

NESTED = str(FIXTURES / "nested")
HASHED = "hmac:" + "e" * 64


def valid_update() -> dict[str, Any]:
    """A record of customer.updated_profile as the emitters write it."""
    return {
        "id": "0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b",
        "event": "customer.updated_profile",
        "version": 1,
        "occurred_at": "2026-11-27T21:00:00.123Z",
        "actor": {"type": "user", "id": "u_42"},
        "targets": [{"type": "customer", "id": "c_7"}],
        "outcome": "success",
        "reason": None,
        "context": {"ip": None, "user_agent": None, "request_id": "req_1", "session_id": None},
        "tenant": "acme",
        "fields": {
            "profile": {"email": HASHED, "language": "en_GB"},
            "contacts": [{"phone": "********4567", "label": "home"}],
            "preferences": HASHED,
            "count": 2,
        },
    }


Edit = Callable[[dict[str, Any]], None]


def fields(**values: Any) -> Edit:
    return lambda record: record["fields"].update(values)


CASES: list[tuple[str, Edit, list[tuple[str, str | None]]]] = [
    ("as written", lambda r: None, []),
    (
        "pii member in clear",
        fields(profile={"email": "ada@example.com", "language": "en"}),
        [("E028", "fields.profile.email")],
    ),
    (
        "credential member, even hashed",
        fields(profile={"email": HASHED, "api_key": HASHED}),
        [("E026", "fields.profile.api_key")],
    ),
    (
        "credential member in clear",
        fields(profile={"email": HASHED, "api_key": "ghp_" + "A1b2C3d4E5" * 4}),
        [("E026", "fields.profile.api_key")],
    ),
    (
        "dropped member of a list item",
        fields(contacts=[{"phone": "********4567"}, {"pin": "1234"}]),
        [("E027", "fields.contacts[1].pin")],
    ),
    (
        "masked member not masked",
        fields(contacts=[{"phone": "+31 20 123 4567"}]),
        [("E028", "fields.contacts[0].phone")],
    ),
    (
        "unknown member of a list item, with a secret",
        fields(contacts=[{"phone": "********4567", "token": "AKIAIOSFODNN7EXAMPLE"}]),
        [("E007", "fields.contacts[0].token"), ("E025", "fields.contacts[0].token")],
    ),
    (
        "free-form object under hash is one hashed string",
        fields(preferences={"theme": "dark"}),
        [("E028", "fields.preferences")],
    ),
    (
        "free-form object's text not hashed",
        fields(preferences="dark"),
        [("E028", "fields.preferences")],
    ),
    (
        "card number as text in an integer field",
        fields(count="4111 1111 1111 1111"),
        [("E008", "fields.count"), ("E022", "fields.count")],
    ),
    (
        "clear member scanned",
        fields(profile={"email": HASHED, "language": "a@corp.io"}),
        [("E011", "fields.profile.language"), ("E020", "fields.profile.language")],
    ),
    (
        "user agent",
        lambda r: r["context"].update(user_agent="Bearer abc123def456ghi789jkl"),
        [("E025", "context.user_agent")],
    ),
    (
        "ip in clear",
        lambda r: r["context"].update(ip="198.51.100.7"),
        [("E021", "context.ip")],
    ),
    ("ip hashed", lambda r: r["context"].update(ip=HASHED), []),
    (
        "target type",
        lambda r: r["targets"][0].update(type="ada@corp.io"),
        [("E009", "targets[0].type"), ("E020", "targets[0].type")],
    ),
    (
        "unknown top-level member",
        lambda r: r.update(debug={"card": "4111111111111111"}),
        [("E003", "debug"), ("E022", "debug.card")],
    ),
]


@pytest.mark.parametrize(("name", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_every_depth(name: str, edit: Edit, expected: list[tuple[str, str | None]]) -> None:
    record = copy.deepcopy(valid_update())
    edit(record)
    findings, _ = check_bytes(jsonl(valid_update(), record), NESTED)
    assert sorted((f.line, f.rule, f.field) for f in findings) == sorted(
        (2, code, field) for code, field in expected
    )


LINE = orjson.dumps(valid_update())


def _marker(fragment: bytes, extra: int = 0) -> bytes:
    """The chained log's `abandoned` control line for ``fragment``, as the sink writes it."""
    body = abandoned_body(len(fragment) + extra, hashlib.sha256(fragment).hexdigest())
    line, _hash = seal(body, ZERO_HASH, "host-1-abc", 0)
    return line.rstrip(b"\n")


DUPLICATED = LINE.replace(b'"language":"en_GB"', b'"language":"ada@corp.io","language":"en_GB"')

LINES: list[tuple[str, bytes, list[tuple[int, str, str | None]]]] = [
    ("clean, last line without a line break", LINE + b"\n" + LINE, []),
    ("torn last line", LINE + b"\n" + LINE[:-30], [(2, "E002", None)]),
    ("torn last line, then a line break", LINE + b"\n" + LINE[:-30] + b"\n", [(2, "E001", None)]),
    ("torn line inside", LINE[:-30] + b"\n" + LINE + b"\n", [(1, "E001", None)]),
    ("forged record, then more", LINE + b" {}\n" + LINE + b"\n", [(1, "E001", None)]),
    ("forged record, then more, last", LINE + b"\n" + LINE + b" {}", [(2, "E002", None)]),
    # a fragment a recovering writer closed: its next line names the fragment's size and hash
    (
        "closed crash fragment",
        LINE[:-30] + b"\n" + _marker(LINE[:-30]) + b"\n",
        [(1, "E002", None)],
    ),
    (
        "marker of another fragment",
        LINE[:-30] + b"\n" + _marker(LINE[:-29]) + b"\n",
        [(1, "E001", None)],
    ),
    (
        "marker of another length",
        LINE[:-30] + b"\n" + _marker(LINE[:-30], extra=1) + b"\n",
        [(1, "E001", None)],
    ),
    (
        "duplicate member, raw value hidden",
        DUPLICATED + b"\n",
        [(1, "E013", None), (1, "E020", "language (a value hidden by a duplicate key)")],
    ),
    (
        "duplicate written with spaces",
        b'{"a": 1, "a": 2}\n',
        [(1, "E013", None), (1, "E003", None)],
    ),
    ("same key in two objects", LINE.replace(b'"tenant":"acme"', b'"tenant":"c_7"') + b"\n", []),
]


@pytest.mark.parametrize(("name", "data", "expected"), LINES, ids=[c[0] for c in LINES])
def test_lines(name: str, data: bytes, expected: list[tuple[int, str, str | None]]) -> None:
    findings, _ = check_bytes(data, NESTED)
    got = {(f.line, f.rule, f.field) for f in findings}
    if any(code == "E003" for _, code, _ in expected):  # the envelope findings, by code only
        got = {(line, code, None if code == "E003" else field) for line, code, field in got}
    assert got == set(expected)


def test_duplicates_do_not_show_the_hidden_value() -> None:
    findings, _ = check_bytes(DUPLICATED + b"\n", NESTED)
    assert findings
    assert all("ada@corp.io" not in f"{f.message} {f.field}" for f in findings)


def test_a_fragment_the_sink_closed_after_a_crash_is_torn(tmp_path: Path) -> None:
    """End to end: the real sink writes, a crash leaves half a line, the next sink closes it
    with its marker; check-events calls the fragment torn (a warning), not an error."""
    log = tmp_path / "audit.jsonl"
    first = JsonLinesSink(str(log))
    first.write(valid_update(), LINE)
    first.close()
    with log.open("ab") as file:
        file.write(LINE[:-30])  # what a writer killed inside os.write leaves
    second = JsonLinesSink(str(log))
    second.write(valid_update(), LINE)
    second.close()
    findings, _ = check_bytes(log.read_bytes(), NESTED)
    assert [(f.line, f.rule) for f in findings] == [(2, "E002")]

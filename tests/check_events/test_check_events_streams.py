"""Fixture streams, one per finding code (fixtures/streams/, written by make_streams.py):
every stream gives exactly the findings listed in expected.tsv, at those lines and fields,
and no value a finding is about ever appears in a message."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from check_events_helpers import FIXTURES, check_bytes

from registry.checkevents.codes import BY_CODE, CODES
from registry.findings import Severity

STREAMS = FIXTURES / "streams"


def _expected() -> dict[str, list[tuple[int, str, str | None]]]:
    table: dict[str, list[tuple[int, str, str | None]]] = defaultdict(list)
    with open(STREAMS / "expected.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            table[row["file"]].append((int(row["line"]), row["code"], row["field"] or None))
    return table


EXPECTED = _expected()


def test_every_code_has_a_fixture_stream() -> None:
    covered = {code for rows in EXPECTED.values() for _, code, _ in rows}
    assert covered == set(BY_CODE)
    assert {path.name.split("_")[0] for path in STREAMS.glob("E*.jsonl")} == set(BY_CODE)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_stream_gives_exactly_the_expected_findings(name: str) -> None:
    findings, summary = check_bytes((STREAMS / name).read_bytes())
    got = sorted((f.line, f.rule, f.field) for f in findings)
    assert got == sorted(EXPECTED[name])
    for finding in findings:
        assert finding.severity is BY_CODE[finding.rule].severity
        assert finding.path == "stream.jsonl"
    assert summary.errors == sum(f.severity is Severity.ERROR for f in findings)


def test_the_clean_stream_is_clean() -> None:
    findings, summary = check_bytes((STREAMS / "clean.jsonl").read_bytes())
    assert findings == []
    assert summary.records == 3


SECRETS = (
    "ada.lovelace@corp.io",
    "ada@corp.io",
    "203.0.113.54",
    "4111 1111 1111 1111",
    "5500000000000004",
    "NL91ABNA0417164300",
    "1234 5698",
    "123 4567",
    "555-0134",
    "40558339",
    "111.444.777-35",
    "12345678Z",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
    "IOSFODNN7EXAMPLE",
    "A1b2C3d4E5",
    "1234567890-abcdefghijklmnop",
    "MIIEowIBAAKCAQEA7bq",
    "abc123def456ghi789",
    "dXNlcjpwYXNzd29yZA",
    "s3cret",
    "4eC39HqLyjWDarjtT1zdp7dc",
    "tok_live_0123456789abcdef",
    "4111111111111111",
)


def test_sensitive_values_are_never_in_a_message() -> None:
    for path in sorted(STREAMS.glob("*.jsonl")):
        findings, _ = check_bytes(path.read_bytes())
        for finding in findings:
            text = f"{finding.message} {finding.field} {finding.event} {finding.hint}"
            for secret in SECRETS:
                assert secret not in text, (path.name, finding)


def test_masked_renderings_keep_the_kind() -> None:
    findings, _ = check_bytes((STREAMS / "E020_email.jsonl").read_bytes())
    assert "a***@c***.io" in findings[0].message
    findings, _ = check_bytes((STREAMS / "E025_secret.jsonl").read_bytes())
    assert any("AKIA****************" in f.message for f in findings)


def test_unknown_event_suggests_the_near_name() -> None:
    findings, _ = check_bytes((STREAMS / "E004_unknown_event.jsonl").read_bytes())
    assert "did you mean user.placed_order?" in findings[0].message


def test_codes_are_documented() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "check-events.md").read_text("utf-8")
    for code in CODES:
        assert f"| {code.code} |" in docs, code.code
        assert f"| {code.severity} |" in docs


def test_keys_and_event_names_from_the_stream_are_shown_safely() -> None:
    from check_events_helpers import jsonl, valid_order

    record = valid_order()
    record["fields"]["AKIAIOSFODNN7EXAMPLE"] = 1
    record["fields"]["x\x1b[31m"] = 2
    record["context"]["ada@corp.io"] = None
    other = {**valid_order(), "event": "ada@corp.io"}
    findings, summary = check_bytes(jsonl(record, other))
    shown = " ".join(f"{f.field} {f.event} {f.message}" for f in findings)
    assert "AKIAIOSFODNN7EXAMPLE" not in shown
    assert "ada@corp.io" not in shown
    assert "\x1b" not in shown
    assert ("E007", "fields.<20-character key>") in {(f.rule, f.field) for f in findings}
    assert summary.coverage.seen_not_declared == ("<undeclared event, 11 characters>",)

"""The value scan's options belong to one check (issue 15): `--region` is no process-wide state.

Two `StreamCheck`s with different regions, in one process and interleaved record by record,
each judge the same national-format number by their own regions, whatever the other one (or
the memo of recent values) saw first.
"""

from __future__ import annotations

import dataclasses
import io

import pytest
from check_events_helpers import fixture_catalog, jsonl, valid_order

from registry.checkevents.fieldchecks import Problem
from registry.checkevents.run import StreamCheck
from registry.checkevents.scan import DEFAULT_OPTIONS, Scanner, ScanOptions, leak_problems

GERMAN = "Rückruf 0151 40558339"  # a German mobile in national form (trunk prefix 0)
E024 = "E024"


def _record(note: str) -> bytes:
    record = valid_order()
    record["fields"]["note"] = note
    return jsonl(record)


def _phone_findings(check: StreamCheck, data: bytes) -> int:
    return sum(finding.rule == E024 for finding in check.findings(io.BytesIO(data)))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("GB", "FR"), ("DE",)),
        (("DE",), ("GB", "FR")),
    ],
)
def test_two_checks_in_one_process_give_their_own_answers(
    first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    catalog, config = fixture_catalog()
    checks = {
        regions: StreamCheck(catalog, config, scan_options=ScanOptions(regions))
        for regions in (first, second)
    }
    data = _record(GERMAN)
    # interleaved, each check twice: the second time the value comes from that check's memo
    for _ in range(2):
        for regions, check in checks.items():
            assert _phone_findings(check, data) == ("DE" in regions), regions


def test_the_default_options_are_the_default_regions_and_frozen() -> None:
    catalog, config = fixture_catalog()
    check = StreamCheck(catalog, config)
    assert check.scanner.options == DEFAULT_OPTIONS
    assert "DE" in DEFAULT_OPTIONS.regions
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_OPTIONS.regions = ("GB",)  # type: ignore[misc]


def test_a_scanner_memo_never_leaks_into_another_scanner() -> None:
    german, british = Scanner(ScanOptions(("DE",))), Scanner(ScanOptions(("GB",)))
    assert [leak.kind for leak in german.leaks(GERMAN)] == ["phone_number"]
    assert british.leaks(GERMAN) == []
    assert [leak.kind for leak in german.leaks(GERMAN)] == ["phone_number"]


@pytest.mark.parametrize(
    ("options", "found"),
    [(ScanOptions(("DE",)), True), (ScanOptions(("FR",)), False), (DEFAULT_OPTIONS, True)],
)
def test_the_per_value_check_takes_the_options(options: ScanOptions, found: bool) -> None:
    problems: list[Problem] = []
    leak_problems(GERMAN, "note", problems, options)
    assert any(code == E024 for code, _, _ in problems) == found
    assert all("40558339" not in message for _, _, message in problems)


# -- a record's own country or locale (ScanOptions.record_hints) ------------------------------


@pytest.mark.parametrize(
    ("where", "key", "value", "found"),
    [
        ("fields", "country", "DE", True),
        ("fields", "country_code", "de", True),
        ("fields", "locale", "de-DE", True),
        ("fields", "locale", "en_GB", False),  # the configured region already
        ("context", "locale", "de-DE", True),
        ("context", "region", "DE", True),
        ("fields", "country", "XX", False),  # not a region phonenumbers knows
        ("fields", "country", "Germany", False),  # a name, not a code: ignored
        ("fields", "country", 49, False),
        ("fields", "colour", "DE", False),  # not a key that names a place
    ],
)
def test_a_record_names_its_own_region(where: str, key: str, value: object, found: bool) -> None:
    scanner = Scanner(ScanOptions(("GB",)))
    record = {"fields": {}, "context": {}}
    record[where][key] = value
    scanner.begin(record)
    assert bool(scanner.leaks(GERMAN)) == found
    scanner.begin({"fields": {}, "context": {}})  # the next record has no hint
    assert scanner.leaks(GERMAN) == []


def test_record_hints_can_be_turned_off() -> None:
    scanner = Scanner(ScanOptions(("GB",), record_hints=False))
    scanner.begin({"fields": {"country": "DE"}})
    assert scanner.leaks(GERMAN) == []


def test_a_stream_judges_each_record_by_its_own_country() -> None:
    catalog, config = fixture_catalog()
    check = StreamCheck(catalog, config, scan_options=ScanOptions(("GB",)))
    german = valid_order()
    german["fields"]["note"] = GERMAN
    german["context"]["locale"] = "de-DE"
    british = valid_order()
    british["fields"]["note"] = GERMAN
    findings = list(check.findings(io.BytesIO(jsonl(british, german, british))))
    assert [f.line for f in findings if f.rule == E024] == [2]
    assert all("40558339" not in f.message for f in findings)

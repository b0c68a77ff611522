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

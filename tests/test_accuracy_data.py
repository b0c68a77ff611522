"""The labelled data of the accuracy benchmark (bench/accuracy) and its measurement.

The data is checked in: these tests read it and never need the packages it was drawn from.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import bench_accuracy as acc

NAMES = acc.read_tsv(acc.NAMES_TSV)
VALUES = acc.read_tsv(acc.VALUES_TSV)


@pytest.mark.parametrize(
    ("rows", "columns", "labels", "least", "splits"),
    [
        (NAMES, acc.NAME_COLUMNS, acc.NAME_LABELS, 1000, acc.NAME_SPLITS),
        (VALUES, acc.VALUE_COLUMNS, acc.VALUE_LABELS, 500, acc.SPLITS),
    ],
    ids=["names", "values"],
)
def test_rows_are_complete_and_labelled(
    rows: list[dict[str, str]],
    columns: tuple[str, ...],
    labels: tuple[str, ...],
    least: int,
    splits: tuple[str, ...],
) -> None:
    assert len(rows) >= least
    for number, row in enumerate(rows, start=2):
        assert tuple(row) == columns, f"line {number}: columns {tuple(row)}"
        assert None not in row.values(), f"line {number}: too few cells"
        assert row["expected"] in labels, f"line {number}: label {row['expected']!r}"
        assert row["split"] in splits, f"line {number}: split {row['split']!r}"
        for column in columns:
            if column != "note":
                assert row[column].strip(), f"line {number}: empty {column}"
    assert set(Counter(r["split"] for r in rows)) == set(splits)
    assert {r["expected"] for r in rows} == set(labels), "every label has rows"


@pytest.mark.parametrize(("rows", "key"), [(NAMES, "name"), (VALUES, "value")])
def test_a_group_never_straddles_the_splits(rows: list[dict[str, str]], key: str) -> None:
    for row in rows:
        assert row["split"] == acc.split_of(row["group"]), row[key]


@pytest.mark.parametrize(
    ("group", "split"),
    [
        ("hand.usr_tel", "tune"),
        ("heldout2.hr_ids", "heldout2"),
        ("tune2.abbr2", "tune"),
        ("heldout3.otel.person", "heldout3"),
        ("heldout4.twilio.phones", "heldout4"),
        ("heldout5.hr.people", "heldout5"),
        ("heldout7.claims.person", "heldout7"),
        ("heldout2x.hr_ids", acc.split_of("heldout2x.hr_ids")),
    ],
)
def test_a_later_batch_names_its_split_in_its_groups(group: str, split: str) -> None:
    assert acc.split_of(group) == split
    assert split in acc.NAME_SPLITS


def test_the_second_held_out_split_is_large_and_mixed() -> None:
    """At least 300 names, positives of every class and technical look-alikes."""
    rows = [r for r in NAMES if r["split"] == "heldout2"]
    assert len(rows) >= 300
    assert {r["expected"] for r in rows} == set(acc.NAME_LABELS)
    assert sum(r["expected"] == "none" for r in rows) >= 100
    assert all(r["source"].startswith(("hand: ", "pydantic-ocsf ")) for r in rows)


def test_the_third_held_out_split_comes_from_sources_not_used_before() -> None:
    """At least 200 names from four packages no earlier batch drew on, every label present."""
    rows = [r for r in NAMES if r["split"] == "heldout3"]
    assert len(rows) >= 200
    assert {r["expected"] for r in rows} == set(acc.NAME_LABELS)
    sources = {r["source"].split(":")[0] for r in rows}
    assert sources == {
        "stripe 16.1.0",
        "opentelemetry-semantic-conventions 0.66b2",
        "fhir.resources 8.3.0",
        "scim2-models 0.12.3",
    }
    earlier = {r["source"].split(":")[0] for r in NAMES if r["split"] != "heldout3"}
    assert sources.isdisjoint(earlier)


def test_the_fourth_held_out_split_comes_from_sources_not_used_before() -> None:
    """At least 250 names from four packages no earlier batch drew on, every label present."""
    rows = [r for r in NAMES if r["split"] == "heldout4"]
    assert len(rows) >= 250
    assert {r["expected"] for r in rows} == set(acc.NAME_LABELS)
    sources = {r["source"].split(":")[0] for r in rows}
    assert sources == {
        "google-api-python-client 2.202.0",
        "twilio 9.13.0",
        "PyGithub 2.10.0",
        "django 5.2.19",
    }
    earlier = {r["source"].split(":")[0] for r in NAMES if r["split"] != "heldout4"}
    assert sources.isdisjoint(earlier)


def test_the_fifth_held_out_split_comes_from_sources_not_used_before() -> None:
    """At least 300 names written by hand for domains no earlier batch drew on, every label
    present, and about as many hard negatives as the other held-out splits hold."""
    rows = [r for r in NAMES if r["split"] == "heldout5"]
    assert len(rows) >= 300
    assert {r["expected"] for r in rows} == set(acc.NAME_LABELS)
    assert sum(r["expected"] == "none" for r in rows) / len(rows) >= 0.5
    sources = {r["source"] for r in rows}
    assert all(source.startswith("hand: ") for source in sources)
    earlier = {r["source"] for r in NAMES if r["split"] != "heldout5"}
    assert sources.isdisjoint(earlier)


def test_the_sixth_held_out_split_is_new_and_kept_apart() -> None:
    """At least 300 names, every label present, a third or more hard negatives, each group of
    the batch in split heldout6 (never in the never-read heldout)."""
    rows = [r for r in NAMES if r["group"].startswith("heldout6.")]
    assert len(rows) >= 300
    assert {r["split"] for r in rows} == {"heldout6"}
    assert {r["expected"] for r in rows} == set(acc.NAME_LABELS)
    assert sum(r["expected"] == "none" for r in rows) / len(rows) >= 1 / 3


def test_the_seventh_held_out_split_is_new_and_kept_apart() -> None:
    """At least 300 names written by hand for domains no earlier batch drew on, every label
    present, a third or more hard negatives, each group of the batch in split heldout7."""
    rows = [r for r in NAMES if r["group"].startswith("heldout7.")]
    assert len(rows) >= 300
    assert {r["split"] for r in rows} == {"heldout7"}
    assert {r["expected"] for r in rows} == set(acc.NAME_LABELS)
    assert sum(r["expected"] == "none" for r in rows) / len(rows) >= 1 / 3
    assert all(r["source"].startswith("hand: ") for r in rows)
    earlier = {r["source"] for r in NAMES if r["split"] != "heldout7"}
    assert {r["source"] for r in rows}.isdisjoint(earlier)


def test_names_are_unique_whatever_the_case_style() -> None:
    keys = Counter(acc.name_key(r["name"]) for r in NAMES)
    assert [k for k, n in keys.items() if n > 1] == []


def test_names_are_new_to_the_rules() -> None:
    """None is in the list the rules were tuned on, nor in the shared corpora."""
    excluded = acc.excluded_name_keys()
    assert "email_address" in excluded  # the fitted list is read
    assert [r["name"] for r in NAMES if acc.name_key(r["name"]) in excluded] == []


def test_names_are_valid_field_names_with_known_types() -> None:
    for row in NAMES:
        assert row["type"] in acc.NAME_TYPES, row["name"]
        assert row["name"][0].isalpha()
        assert row["name"].replace("_", "").replace("-", "").isalnum()


def test_values_are_unique_and_every_kind_is_in_both_splits() -> None:
    assert [v for v, n in Counter(r["value"] for r in VALUES).items() if n > 1] == []
    for split in acc.SPLITS:
        kinds = {r["expected"] for r in VALUES if r["split"] == split}
        assert kinds == set(acc.VALUE_LABELS), split


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("usrTelNo", "usr_tel_no"),
        ("SSN_LAST4", "ssn_last4"),
        ("emergency-contact-email", "emergency_contact_email"),
        ("PHPSessionID", "php_session_id"),
        ("AD_NRT_NUMBER", "ad_nrt_number"),
    ],
)
def test_name_key_ignores_the_case_style(name: str, key: str) -> None:
    assert acc.name_key(name) == key


def test_scores_count_what_they_should() -> None:
    score = acc.Score(tp=8, fp=2, fn=8)
    assert (score.precision, score.recall) == (0.8, 0.5)
    assert score.f1 == pytest.approx(2 * 0.8 * 0.5 / 1.3)
    assert acc.Score().precision == acc.Score().recall == 1.0


def test_values_are_scored_by_kind_and_clean_errors_counted() -> None:
    rows = [
        {"value": "reach me at a.person@quillmark.io", "expected": "email", "format": "f"},
        {"value": "icon@2x.png and more text", "expected": "none", "format": "g"},
        {"value": "nothing to see in this value", "expected": "none", "format": "h"},
        {"value": "ghp_" + "a1B2" * 9, "expected": "secret", "format": "i"},
    ]
    result = acc.measure_values(rows)
    assert result.classes["email"].tp == 1
    assert result.classes["secret"].tp == 1
    assert result.extra["clean_values"] == 2
    assert result.extra["unmasked_messages"] == 0
    # whatever today's recogniser says of the asset name, the two clean rows bound the count
    assert 0 <= result.extra["error_level_false_positives"] <= 2


def test_the_benchmark_runs_on_a_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert acc.main(["--sample", "40", "--json", "--no-fitted"]) == 0
    figures = json.loads(capsys.readouterr().out)
    for what in ("names", "values"):
        for split in acc.SPLITS:
            overall = figures[what][split]["classes"]["overall"]
            assert 0.0 <= overall["precision"] <= 1.0
            assert 0.0 <= overall["recall"] <= 1.0
            assert figures[what][split]["rows"] == 40
    assert acc.main(["--split", "heldout", "--sample", "20", "--misses", "--no-fitted"]) == 0
    text = capsys.readouterr().out
    assert "split heldout" in text
    assert "split tune" not in text
    secrets = [r["value"] for r in VALUES if r["expected"] == "secret"]
    assert not any(value in text for value in secrets), "a value was printed unmasked"

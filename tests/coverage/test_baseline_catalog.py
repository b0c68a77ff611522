"""The baseline catalog itself: lint-clean under the strictest preset, every event declares
what it covers, and its cross-references name real OWASP vocabulary entries and OCSF
activities (checked against the research corpora when they are present)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from coverage_helpers import BASELINE, baseline_data

from registry.coverage import load_profiles, shipped_names

from conftest import CORPORA, lint_text


def test_lint_clean_under_the_strict_preset(tmp_path: Path) -> None:
    result = lint_text(
        tmp_path, BASELINE.read_text("utf-8"), config_yaml="extends: strict\n", name="s.yaml"
    )
    assert result.exit_code == 0
    assert [f"{f.rule} {f.line}:{f.column} {f.message}" for f in result.findings] == []
    assert result.events >= 30


def test_every_event_declares_known_requirements() -> None:
    known = load_profiles(shipped_names()).requirements()
    events = baseline_data()["events"]
    for name, event in events.items():
        assert event.get("covers"), name
        assert set(event["covers"]) <= set(known), name
        assert event["description"], name


def _tsv(name: str) -> list[dict[str, str]]:
    path = CORPORA / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_owasp_names_are_in_the_vocabulary() -> None:
    vocabulary = {row["name"] for row in _tsv("owasp_vocabulary.tsv")}
    used = {n for e in baseline_data()["events"].values() for n in e.get("xref", {}).get("owasp", [])}
    assert used
    assert used <= vocabulary, used - vocabulary


def test_ocsf_class_and_activity_pairs_exist() -> None:
    activities = {
        (row["class_uid"], row["activity_id"]): row["description"]
        for row in _tsv("ocsf_iam_activities.tsv")
    }
    pattern = re.compile(r"^(.+) \((\d+)\)$")
    checked = 0
    for name, event in baseline_data()["events"].items():
        xref = event.get("xref", {})
        if "ocsf_class" not in xref:
            continue
        class_match = pattern.match(xref["ocsf_class"])
        activity_match = pattern.match(xref["ocsf_activity"])
        assert class_match, name
        assert activity_match, name
        key = (class_match[2], activity_match[2])
        assert key in activities, (name, key)
        assert activities[key] == f"OCSF {class_match[1]} / {activity_match[1]}", name
        checked += 1
    assert checked >= 15

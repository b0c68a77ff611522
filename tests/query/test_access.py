"""`--record-access LOG`: `query` and `export` append their own use to a chained log as the
baseline catalog's `audit_log.accessed` (who asked, what was read, how, how many records);
`verify-log` proves that log, check-events finds it valid against the baseline, and it holds
no subject value (nor its hash) and no `--field` value."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import pytest
from query_helpers import KEY, MAIL, duckdb_or_skip, emitters, run, write_log

from registry.catalog.load import load_catalog
from registry.query.access import SPEC, selection_text
from registry.query.filters import Filters
from registry_runtime.redact import Redactor

from conftest import REPO, make_config

duckdb_or_skip()
BASELINE = REPO / "catalog" / "security.yaml"


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("access")
    (root / "logs").mkdir()
    with emitters(root) as package:
        write_log(package, root / "logs" / "audit.jsonl")
    return root


def _records(log: Path) -> list[dict[str, object]]:
    result = run("query", str(log), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _everything_written(log: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(log.parent.iterdir()))


def test_query_records_its_use_verifiably_without_the_subject(trail: Path, tmp_path: Path) -> None:
    access = tmp_path / "access" / "access.jsonl"
    access.parent.mkdir()
    result = run(
        "query",
        str(trail / "logs"),
        "--subject",
        MAIL,
        "--field",
        "profile.locale=en_GB",
        "--catalog",
        str(trail / "catalog"),
        "--format",
        "jsonl",
        "--record-access",
        str(access),
        "--as",
        "user:auditor_1",
        env={"REGISTRY_AUDIT_HMAC_KEY": KEY},
    )
    assert result.exit_code == 0, result.output
    found = len(result.stdout.splitlines())
    assert found == 1
    [record] = _records(access)
    assert record["event"] == "audit_log.accessed"
    assert record["actor"] == {"type": "user", "id": "auditor_1"}
    assert record["fields"] == {"access_kind": "search", "record_count": found}
    assert record["outcome"] == "success"
    [target] = record["targets"]  # type: ignore[misc]
    assert target["type"] == "audit_log"
    assert target["id"].endswith("?field=profile.locale&subject=given&format=jsonl")
    written = _everything_written(access)
    for secret in (MAIL, Redactor(KEY.encode()).hash(MAIL), "en_GB"):
        assert secret.encode() not in written
    verified = run("verify-log", str(access))
    assert verified.exit_code == 0, verified.output
    assert "chain intact" in verified.output
    checked = run("check-events", str(BASELINE), str(access))
    assert checked.exit_code == 0, checked.output


def test_export_records_its_use_and_appends(trail: Path, tmp_path: Path) -> None:
    access = tmp_path / "access.jsonl"
    for out in ("a.zip", "b.zip"):
        result = run(
            "export",
            str(trail / "logs"),
            "--actor",
            "user:u_2",
            "--out",
            str(tmp_path / out),
            env={"REGISTRY_RECORD_ACCESS": str(access)},
        )
        assert result.exit_code == 0, result.output
    records = _records(access)
    assert [r["fields"] for r in records] == [{"access_kind": "export", "record_count": 3}] * 2
    assert {r["actor"]["id"] for r in records} == {getpass.getuser()}  # type: ignore[index]
    assert records[0]["targets"][0]["id"].endswith("?actor=user:u_2")  # type: ignore[index]
    assert run("verify-log", str(access)).exit_code == 0


@pytest.mark.parametrize("given", ["robot:r_1", "user:", ":x"])
def test_a_bad_asker_stops_before_anything_is_read_or_written(
    trail: Path, tmp_path: Path, given: str
) -> None:
    access = tmp_path / "access.jsonl"
    result = run("query", str(trail / "logs"), "--record-access", str(access), "--as", given)
    assert result.exit_code == 2
    assert "--as: give TYPE:ID" in result.output
    assert "u_1" not in result.stdout
    assert not access.exists()


def test_without_the_option_nothing_is_recorded(trail: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run("query", str(trail / "logs")).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_spec_is_the_baseline_catalogs_event(tmp_path: Path) -> None:
    catalog = load_catalog((str(BASELINE),), make_config(tmp_path)).catalog
    [event] = [e for e in catalog.events if e.name == SPEC.name]
    assert SPEC.version == event.version
    assert set(SPEC.actor_types) == set(event.actors)
    assert set(SPEC.target_types) == set(event.targets)
    assert set(SPEC.outcomes) == {o.value if hasattr(o, "value") else o for o in event.outcomes}
    assert set(SPEC.failure_reasons) == set(event.failure_reasons)
    assert [f.name for f in SPEC.fields] == [f.name for f in event.fields]
    kinds = event.field("access_kind")
    assert kinds is not None
    assert SPEC.validate({"access_kind": "search"}) == []
    assert all(SPEC.validate({"access_kind": v}) == [] for v in kinds.type.values or ())
    assert SPEC.validate({"access_kind": "peek"}) != []
    assert SPEC.validate({"access_kind": "view", "record_count": -1}) != []


def test_selection_text_names_filters_never_values() -> None:
    from datetime import UTC, datetime

    text = selection_text(
        Filters(
            events=("user.*",),
            actor=("user", "u 1&x=y"),
            since=datetime(2026, 1, 2, tzinfo=UTC),
            subject_hash=("hmac:5f1c0e2a:" + "3d" * 32,),
        ),
        ("logs/a b.jsonl",),
        sql=True,
    )
    assert text == (
        "logs/a%20b.jsonl?event=user.*&actor=user:u%201%26x%3Dy"
        "&since=2026-01-02T00:00:00Z&subject=given&sql=given"
    )


def test_an_unwritable_access_log_is_a_clear_error(trail: Path, tmp_path: Path) -> None:
    access = tmp_path / "missing-directory" / "access.jsonl"
    result = run("query", str(trail / "logs"), "--record-access", str(access))
    assert result.exit_code == 2
    assert f"--record-access {access}: cannot record the access" in result.stderr
    assert "Traceback" not in result.output

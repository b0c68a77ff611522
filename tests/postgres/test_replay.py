"""Spill and replay against the real cluster: the server stops mid-run, records spill to a
chained file, the server comes back, `registry replay` puts them in the table exactly once."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner, Result
from pg_cluster import Cluster, cluster_fixture, database_fixture, require_psycopg  # noqa: F401 - fixtures
from pg_helpers import KEY, create_schema, emit

from registry.cli import main
from registry_runtime import Emitter, verify_log
from registry_runtime.postgres import PostgresSink
from registry_runtime.postgres_replay import spilled_body

psycopg = require_psycopg()


@pytest.fixture
def db(database: str) -> str:
    with psycopg.connect(database) as conn:
        create_schema(conn)
    return database


def _url(cluster: Cluster, conninfo: str, password: str = "") -> str:
    dbname = conninfo.rsplit("dbname=", 1)[1]
    secret = f":{password}" if password else ""
    return f"postgresql://postgres{secret}@/{dbname}?host={quote(cluster.socket_dir, safe='')}"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _ids(conninfo: str) -> list[str]:
    with psycopg.connect(conninfo) as conn:
        return [row[0] for row in conn.execute("SELECT id::text FROM audit_log")]


def _spill_mid_run(cluster: Cluster, db: str, spill: Path) -> list[str]:
    """20 records: 10 written, the server stops, 10 spill; the server is back. Their ids."""
    sink = PostgresSink(db, batch_size=5, on_unavailable="spill", spill_path=spill)
    emitter = Emitter(sink, hmac_key=KEY)
    ids = [emit(emitter, number)["id"] for number in range(10)]
    cluster.stop()
    try:
        ids += [emit(emitter, number)["id"] for number in range(10, 20)]
        sink.close()
    finally:
        cluster.start()
    return ids


def test_spilled_records_are_replayed_once_and_both_chains_verify(
    cluster: Cluster, db: str, tmp_path: Path
) -> None:
    spill = tmp_path / "spill.jsonl"
    ids = _spill_mid_run(cluster, db, spill)
    assert len(_ids(db)) == 10
    assert verify_log(str(spill)).records == 10
    first = _run("replay", str(spill), _url(cluster, db))
    assert first.exit_code == 0, first.output
    assert first.output.startswith("10 of 10 spilled records inserted into audit_log (stream ")
    assert sorted(_ids(db)) == sorted(ids)
    again = _run("replay", str(spill), _url(cluster, db))
    assert again.exit_code == 0, again.output
    assert again.output == "0 of 10 spilled records inserted into audit_log; 10 already there.\n"
    assert len(_ids(db)) == 20
    verified = _run("verify-log", str(spill), _url(cluster, db))
    assert verified.exit_code == 0, verified.output
    assert verified.output.splitlines()[-1] == "30 records; chain intact."


def test_records_already_in_the_table_are_skipped(
    cluster: Cluster, db: str, tmp_path: Path
) -> None:
    """An uncertain commit that did land, or an interrupted replay: only the rest is sent."""
    spill = tmp_path / "spill.jsonl"
    _spill_mid_run(cluster, db, spill)
    lines = spill.read_bytes().splitlines()
    part = tmp_path / "part.jsonl"
    part.write_bytes(b"\n".join(lines[:4]) + b"\n")  # the first 4 arrived earlier
    assert _run("replay", str(part), _url(cluster, db)).exit_code == 0
    result = _run("replay", str(spill), _url(cluster, db))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("6 of 10 spilled records inserted")
    assert len(_ids(db)) == 20


def test_a_tampered_spill_file_is_refused(cluster: Cluster, db: str, tmp_path: Path) -> None:
    spill = tmp_path / "spill.jsonl"
    _spill_mid_run(cluster, db, spill)
    spill.write_bytes(spill.read_bytes().replace(b'"value":12', b'"value":99', 1))
    result = _run("replay", str(spill), _url(cluster, db))
    assert result.exit_code == 1, result.output
    assert "does not verify (line 3: edited): nothing replayed" in result.output
    assert len(_ids(db)) == 10


def test_an_unreachable_database_exits_2_without_the_password(tmp_path: Path) -> None:
    spill = tmp_path / "spill.jsonl"
    spill.write_bytes(b"")
    result = _run("replay", str(spill), "postgresql://app:Sup3rSecretPw@/app?host=/nonexistent")
    assert result.exit_code == 2, result.output
    assert "cannot connect to database host=/nonexistent" in result.output
    assert "Sup3rSecretPw" not in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ["--table", "Bad Name", "postgresql:///x"],
    ["file.jsonl"],
])  # fmt: skip
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    spill = tmp_path / "spill.jsonl"
    spill.write_bytes(b"")
    result = _run("replay", str(spill), *args)
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize(("line", "body"), [
    (b'{"a":1,"stream":"s","seq":0,"prev_hash":"' + b"0" * 64 + b'","hash":"' + b"1" * 64
     + b'"}', b'{"a":1}'),
    (b'{"a":1,"prev_hash":"' + b"0" * 64 + b'","hash":"' + b"1" * 64 + b'"}', None),
    (b"not a record", None),
])  # fmt: skip
def test_the_spilled_body_is_the_record_without_its_chain_keys(
    line: bytes, body: bytes | None
) -> None:
    assert spilled_body(line) == body

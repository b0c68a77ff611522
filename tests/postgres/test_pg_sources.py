"""`registry query` and `registry check-events` reading a PostgreSQL table (real cluster): the
answers are those for a file holding the same record lines; a password is never shown."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner, Result
from pg_cluster import Cluster, cluster_fixture, database_fixture, require_psycopg  # noqa: F401 - fixtures
from pg_helpers import KEY, create_schema, emit

from registry.cli import main
from registry.findings.errors import UsageError
from registry.query.pg_source import split_table
from registry_runtime import Emitter
from registry_runtime.postgres import PostgresSink

psycopg = require_psycopg()
SHOP = str(Path(__file__).parents[1] / "check_events" / "fixtures" / "catalog")
PASSWORD = "Sup3rSecretPw"


@pytest.fixture
def db(database: str) -> str:
    """Two streams of records in audit_log, one record in other_log."""
    with psycopg.connect(database) as conn:
        create_schema(conn)
        create_schema(conn, "other_log")
    for stream in ("alpha", "beta"):
        with PostgresSink(database, stream=stream) as sink:
            emitter = Emitter(sink, hmac_key=KEY)
            for number in range(3):
                emit(emitter, number, email=f"person{number}@example.com")
    with PostgresSink(database, table="other_log") as sink:
        emit(Emitter(sink, hmac_key=KEY), 7)
    return database


def _url(cluster: Cluster, conninfo: str, extra: str = "") -> str:
    dbname = conninfo.rsplit("dbname=", 1)[1]
    return f"postgresql://postgres@/{dbname}?host={quote(cluster.socket_dir, safe='')}{extra}"


def _as_file(conninfo: str, path: Path) -> Path:
    with psycopg.connect(conninfo) as conn:
        lines = [row[0] for row in conn.execute("SELECT line FROM audit_log ORDER BY stream, seq")]
    path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return path


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_query_reads_the_table_as_it_reads_the_same_lines_in_a_file(
    cluster: Cluster, db: str, tmp_path: Path
) -> None:
    log = _as_file(db, tmp_path / "same.jsonl")
    dbname = db.rsplit("=", 1)[1]
    for args in (["--format", "jsonl"], ["--format", "csv", "--actor", "user:u_42"]):
        from_table = _run("query", _url(cluster, db), *args)
        from_file = _run("query", str(log), *args)
        assert from_table.exit_code == 0, from_table.output
        shown = re.sub(
            rf"/tmp/registry-pg-[^/]+/0-{dbname}\.audit_log\.jsonl", "LOG", from_table.output
        )
        assert shown == from_file.output.replace(str(log), "LOG")
    assert len(from_table.output.splitlines()) == 7  # a header and six records
    other = _run("query", _url(cluster, db, "&table=other_log"), "--format", "jsonl")
    assert other.exit_code == 0, other.output
    assert len(other.output.splitlines()) == 1
    mixed = _run("query", str(log), _url(cluster, db), "--format", "jsonl")
    assert len(mixed.output.splitlines()) == 12


def test_check_events_reads_the_table(cluster: Cluster, db: str, tmp_path: Path) -> None:
    log = _as_file(db, tmp_path / "same.jsonl")
    from_table = _run("check-events", SHOP, _url(cluster, db))
    from_file = _run("check-events", SHOP, str(log))
    assert from_table.exit_code == from_file.exit_code == 1, from_table.output
    name = f"audit_log in database host={cluster.socket_dir} dbname={db.rsplit('=', 1)[1]}"
    name += " user=postgres"
    assert from_table.output.count(name) >= 6
    assert from_table.output.replace(name, str(log)) == from_file.output


@pytest.mark.parametrize("command", [["query"], ["check-events", SHOP]])
def test_an_unreachable_database_exits_2_without_the_password(command: list[str]) -> None:
    result = _run(*command, f"postgresql://app:{PASSWORD}@/app?host=/nonexistent-dir")
    assert result.exit_code == 2, result.output
    assert "cannot connect to database host=/nonexistent-dir" in result.output
    assert PASSWORD not in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["query"], ["check-events", SHOP]])
def test_a_missing_or_bad_table_exits_2(cluster: Cluster, db: str, command: list[str]) -> None:
    missing = _run(*command, _url(cluster, db, "&table=nope"))
    assert missing.exit_code == 2, missing.output
    assert "cannot read table nope in database" in missing.output
    bad = _run(*command, _url(cluster, db, "&table=No;pe"))
    assert bad.exit_code == 2, bad.output
    assert "table= in a postgresql:// argument: table must be NAME" in bad.output


@pytest.mark.parametrize(("url", "bare", "table"), [
    ("postgresql:///app", "postgresql:///app", "audit_log"),
    ("postgresql:///app?host=/run/pg&table=audit.events", "postgresql:///app?host=/run/pg",
     "audit.events"),
    ("postgres://u:p@h/app?table=t1&sslmode=require", "postgres://u:p@h/app?sslmode=require", "t1"),
])  # fmt: skip
def test_the_table_parameter_is_taken_out_of_the_uri(url: str, bare: str, table: str) -> None:
    assert split_table(url) == (bare, table)


def test_a_bad_table_parameter_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="table must be NAME"):
        split_table("postgresql:///app?table=DROP TABLE")

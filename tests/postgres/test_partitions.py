"""The monthly-partitioned table and its retention, against the real cluster: partitions carry
the trigger and no grants, retention drops old months only as the owner, records itself in
the table first, and verify-log still passes, saying where each kept stream resumes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from pg_cluster import Cluster, cluster_fixture, database_fixture, require_psycopg  # noqa: F401 - fixtures
from pg_helpers import KEY, create_schema, emit

from registry.catalog.config import Config
from registry.catalog.model import Catalog
from registry.cli import main
from registry.generate import sql_postgres
from registry_runtime import Emitter, MemorySink
from registry_runtime.errors import AuditConfigurationError, AuditError
from registry_runtime.postgres import PostgresSink
from registry_runtime.postgres_retention import RETENTION_EVENT, apply_retention, cutoff_of
from registry_runtime.postgres_schema import schema_sql
from registry_runtime.postgres_verify import verify_table

psycopg = require_psycopg()
GOLDEN = Path(__file__).parent / "golden" / "schema_monthly.sql"
NOW = datetime.now(UTC)


def _month(months_back: int) -> str:
    """A partition suffix: YYYY_MM of the month ``months_back`` before this one."""
    return cutoff_of(NOW, months_back).strftime("%Y_%m")


@pytest.fixture
def db(database: str) -> str:
    with psycopg.connect(database) as conn:
        conn.execute(schema_sql(partition="monthly"))
        conn.execute(schema_sql(partition="monthly"))  # idempotent
        conn.execute("SELECT audit_log_add_partitions(12, 6)")
        create_schema(conn, "plain_log")
    return database


def test_the_monthly_ddl_matches_its_golden_file(update_goldens: bool) -> None:
    catalog = Catalog(files=(), events=(), types=())
    text = sql_postgres.render(catalog, Config(), "sha256:0000")["schema_monthly.sql"]
    if update_goldens:
        GOLDEN.write_text(text, "utf-8")
    assert text == GOLDEN.read_text("utf-8")


def test_partitions_exist_and_take_the_sinks_records(db: str) -> None:
    sink = PostgresSink()
    emitter = Emitter(sink, hmac_key=KEY)
    with psycopg.connect(db) as conn:
        names = {
            row[0]
            for row in conn.execute(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                "WHERE i.inhparent = 'audit_log'::regclass"
            )
        }
        with sink.bind(conn):
            emit(emitter, 1)
        conn.commit()
        where = conn.execute("SELECT tableoid::regclass::text FROM audit_log").fetchall()
    assert {f"audit_log_{_month(-12)}", f"audit_log_{_month(6)}", "audit_log_default"} <= names
    assert len(names) == 20  # 6 back, this month, 12 ahead, default
    with PostgresSink(db, stream="batched") as batched:
        for number in range(5):
            emit(Emitter(batched, hmac_key=KEY), number)
    assert where == [(f"audit_log_{_month(0)}",)]
    with psycopg.connect(db) as conn:
        assert verify_table(conn).records == 6


@pytest.mark.parametrize("statement", [
    "UPDATE {part} SET outcome = 'failure'", "DELETE FROM {part}", "TRUNCATE {part}",
])  # fmt: skip
@pytest.mark.parametrize("part", ["this_month", "audit_log_default"])
def test_each_partition_refuses_changes_even_from_the_owner(
    db: str, statement: str, part: str
) -> None:
    name = f"audit_log_{_month(0)}" if part == "this_month" else part
    with PostgresSink(db) as sink:
        emit(Emitter(sink, hmac_key=KEY), 1)
    with (
        psycopg.connect(db) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"),
    ):
        conn.execute(statement.format(part=name))


@pytest.mark.parametrize(("role", "statement"), [
    ("audit_writer", "INSERT INTO {part} SELECT * FROM {part}"),
    ("audit_writer", "SELECT id FROM {part}"),
    ("audit_reader", "SELECT line FROM {part}"),
])  # fmt: skip
def test_the_roles_reach_rows_through_the_table_only(db: str, role: str, statement: str) -> None:
    with psycopg.connect(db) as conn:
        conn.execute(f"SET ROLE {role}")
        conn.execute("SELECT id FROM audit_log")  # through the table: granted
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement.format(part=f"audit_log_{_month(0)}"))


def _write_at(db: str, stream: str, months_back: int, count: int) -> None:
    """``count`` records on ``stream`` dated in the month ``months_back`` before this one."""
    memory = MemorySink()
    emitter = Emitter(memory, hmac_key=KEY)
    day = cutoff_of(NOW, months_back).strftime("%Y-%m-15T12:00:00.000Z")
    with PostgresSink(db, stream=stream) as sink:
        for number in range(count):
            record = emit(emitter, number)
            line = re.sub(
                rb'"occurred_at":"[^"]+"', f'"occurred_at":"{day}"'.encode(), memory.lines[-1]
            )
            sink.write(record, line)


def _retained_db(db: str) -> Any:
    _write_at(db, "keep", 4, 3)
    _write_at(db, "gone", 4, 2)
    _write_at(db, "keep", 0, 2)
    _write_at(db, "fresh", 0, 1)
    with psycopg.connect(db) as conn:
        return apply_retention(conn, 2)


def test_retention_drops_old_months_records_itself_and_still_verifies(db: str) -> None:
    result = _retained_db(db)
    assert result.partitions == tuple(f"audit_log_{_month(back)}" for back in (6, 5, 4, 3))
    assert result.records == 5
    assert result.cutoff == cutoff_of(NOW, 2).strftime("%Y-%m-%dT%H:%M:%SZ")
    with psycopg.connect(db) as conn:
        fields, stream = conn.execute(
            "SELECT fields, stream FROM audit_log WHERE event = %s", (RETENTION_EVENT,)
        ).fetchone()
        verified = verify_table(conn)
        left = conn.execute("SELECT stream, seq FROM audit_log ORDER BY 1, 2").fetchall()
    assert fields["records"] == 5
    assert [kept["stream"] for kept in fields["streams"]] == ["keep"]
    assert fields["streams"][0]["first_seq"] == 3
    assert ("keep", 3) in left
    assert ("gone", 0) not in left
    assert verified.ok, verified.problems
    assert verified.records == 4  # keep 3-4, fresh 0, the retention record
    assert [(p.kind, p.line, p.stream) for p in verified.problems] == [("retained", 3, "keep")]
    assert f"before {result.cutoff} (record {result.event_id})" in verified.problems[0].message
    assert stream != "keep"


def test_a_record_deleted_after_retention_is_still_detected(db: str) -> None:
    _retained_db(db)
    with psycopg.connect(db) as conn:
        conn.execute("SET session_replication_role = replica")  # triggers off: a superuser
        conn.execute("DELETE FROM audit_log WHERE stream = 'keep' AND seq = 3")
        conn.commit()
        verified = verify_table(conn)
    assert not verified.ok
    assert [(p.kind, p.line) for p in verified.problems] == [("missing", 4)]


def test_verify_log_says_where_the_retained_range_starts(cluster: Cluster, db: str) -> None:
    result = _retained_db(db)
    dbname = db.rsplit("dbname=", 1)[1]
    url = f"postgresql://postgres@/{dbname}?host={quote(cluster.socket_dir, safe='')}"
    output = CliRunner().invoke(main, ["verify-log", url])
    assert output.exit_code == 0, output.output
    assert output.output.splitlines()[0] == (
        f"audit_log:3: retained: seq 3: the records before it were removed by retention "
        f"before {result.cutoff} (record {result.event_id}) (stream keep)"
    )
    assert output.output.splitlines()[-1] == "4 records; chain intact."


def test_nothing_old_enough_changes_nothing(db: str) -> None:
    _write_at(db, "fresh", 0, 1)
    with psycopg.connect(db) as conn:
        result = apply_retention(conn, 7)
        count = conn.execute("SELECT count(*) FROM audit_log").fetchone()
    assert (result.partitions, result.event_id, count) == ((), None, (1,))


@pytest.mark.parametrize("role", ["audit_writer", "audit_reader"])
def test_only_the_owner_can_apply_retention(db: str, role: str) -> None:
    _write_at(db, "old", 4, 1)
    with psycopg.connect(db) as conn:
        conn.execute(f"SET ROLE {role}")
        conn.commit()
        with pytest.raises(AuditError, match="retention of audit_log refused: permission denied"):
            apply_retention(conn, 2)
    with psycopg.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (1,)


def test_a_plain_table_and_bad_options_are_refused(db: str) -> None:
    with psycopg.connect(db) as conn:
        with pytest.raises(AuditError, match="plain_log is not partitioned by month"):
            apply_retention(conn, 2, table="plain_log")
        for months in (0, -1, True, "3"):
            with pytest.raises(AuditConfigurationError, match="months must be a positive"):
                apply_retention(conn, months)  # type: ignore[arg-type]
    with pytest.raises(AuditConfigurationError, match="partition must be None or 'monthly'"):
        schema_sql(partition="weekly")  # type: ignore[arg-type]


def _cli_url(cluster: Cluster, db: str) -> str:
    dbname = db.rsplit("dbname=", 1)[1]
    return f"postgresql://postgres@/{dbname}?host={quote(cluster.socket_dir, safe='')}"


def test_registry_retain_applies_it_from_the_command_line(cluster: Cluster, db: str) -> None:
    _write_at(db, "old", 4, 2)
    result = CliRunner().invoke(main, ["retain", _cli_url(cluster, db), "--months", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"dropped 4 partitions of audit_log ending before {cutoff_of(NOW, 2):%Y-%m-%dT%H:%M:%SZ}"
        f" (audit_log_{_month(6)}, "
    )
    assert f"2 records), recorded as {RETENTION_EVENT} " in result.output
    again = CliRunner().invoke(main, ["retain", _cli_url(cluster, db), "--months", "2"])
    assert again.output.startswith("nothing to drop: no month of audit_log ends before ")


@pytest.mark.parametrize(("args", "message"), [
    (["--months", "0"], "Invalid value for '--months'"),
    (["--months", "2", "--table", "plain_log"], "plain_log is not partitioned by month"),
    (["--months", "2", "--table", "Bad"], "Invalid value for --table"),
])  # fmt: skip
def test_registry_retain_refusals_exit_2(
    cluster: Cluster, db: str, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, ["retain", _cli_url(cluster, db), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_registry_retain_never_shows_the_password() -> None:
    url = "postgresql://app:Sup3rSecretPw@/app?host=/nonexistent-dir"
    result = CliRunner().invoke(main, ["retain", url, "--months", "2"])
    assert result.exit_code == 2, result.output
    assert "cannot connect to database host=/nonexistent-dir" in result.output
    assert "Sup3rSecretPw" not in result.output


def test_records_sealed_before_retention_stay_sealed(db: str) -> None:
    """A checkpoint cut by retention still seals the kept records through its signed last
    hash; one removed with its records is not asked for."""
    from registry_runtime.postgres_seal import seal_table
    from registry_runtime.signing import PublicKeys, generate_key_pair, signer_from_pem

    signer = signer_from_pem(generate_key_pair().private_pem, source="test")
    _write_at(db, "keep", 4, 3)
    with psycopg.connect(db) as conn:
        seal_table(conn, signer)  # keep 0-2: removed with their month below
    _write_at(db, "keep", 0, 2)
    with psycopg.connect(db) as conn:
        seal_table(conn, signer)  # keep 3-4
    _write_at(db, "cut", 4, 2)
    _write_at(db, "cut", 0, 2)
    with psycopg.connect(db) as conn:
        seal_table(conn, signer)  # cut 0-3 in one range, cut by retention
        apply_retention(conn, 2)
        seal_table(conn, signer)  # the retention record's stream
        result = verify_table(conn, public_keys=PublicKeys([signer.public_key]))
        conn.execute("SET session_replication_role = replica")  # a superuser
        conn.execute("DELETE FROM audit_log WHERE stream = 'cut' AND seq = 3")
        conn.commit()
    _write_at(db, "cut", 0, 1)  # seq 3 again, chained after seq 2: only the seal shows it
    with psycopg.connect(db) as conn:
        edited = verify_table(conn, public_keys=PublicKeys([signer.public_key]))
    assert result.ok, result.problems
    assert result.unsealed == 0
    assert {s.stream: s.sealed_to for s in result.streams if s.stream in ("keep", "cut")} == {
        "keep": 4, "cut": 3,
    }  # fmt: skip
    assert not edited.ok
    assert ("resealed", 3, "cut") in [(p.kind, p.line, p.stream) for p in edited.problems]

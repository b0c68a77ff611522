"""PostgresSink against a real server: bound transactions, batches, concurrency, failures."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pg_cluster import Cluster, cluster_fixture, database_fixture, require_psycopg  # noqa: F401 - fixtures
from pg_helpers import KEY, bound_worker, create_schema, emit

from registry_runtime import Emitter, verify_log
from registry_runtime.errors import AuditConfigurationError, AuditError
from registry_runtime.postgres import PostgresSink, RecordsNotWritten
from registry_runtime.postgres_verify import verify_table

psycopg = require_psycopg()


@pytest.fixture
def db(database: str) -> str:
    with psycopg.connect(database) as conn:
        create_schema(conn)
    return database


def _count(conninfo: str, sql: str = "SELECT count(*) FROM audit_log") -> int:
    with psycopg.connect(conninfo) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def _verified(conninfo: str) -> int:
    with psycopg.connect(conninfo) as conn:
        result = verify_table(conn)
    assert result.ok, result.problems
    return result.records


def test_the_schema_can_be_applied_again(db: str) -> None:
    with psycopg.connect(db) as conn:
        create_schema(conn)


def test_bound_records_commit_and_roll_back_with_the_business_change(db: str) -> None:
    sink = PostgresSink()
    emitter = Emitter(sink, hmac_key=KEY)
    with psycopg.connect(db) as conn:
        for number, commit in [(1, True), (2, False), (3, True), (4, False), (5, True)]:
            with sink.bind(conn):
                conn.execute("INSERT INTO accounts VALUES (%s, 'x')", (number,))
                record = emit(emitter, number)
            if commit:
                conn.commit()
            else:
                conn.rollback()
        rows = conn.execute(
            "SELECT a.id, l.id::text, l.seq, l.fields->>'value' FROM accounts a "
            "JOIN audit_log l ON (l.fields->>'value')::int = a.id ORDER BY a.id"
        ).fetchall()
    assert [(row[0], row[2], row[3]) for row in rows] == [(1, 0, "1"), (3, 1, "3"), (5, 2, "5")]
    assert rows[-1][1] == record["id"]
    assert _count(db) == 3
    assert _verified(db) == 3


def test_a_rolled_back_savepoint_leaves_no_gap(db: str) -> None:
    sink = PostgresSink()
    emitter = Emitter(sink, hmac_key=KEY)
    with psycopg.connect(db) as conn, sink.bind(conn):
        emit(emitter, 1)
        with conn.transaction(force_rollback=True):
            emit(emitter, 2)
        emit(emitter, 3)
        conn.commit()
    assert _verified(db) == 2


def test_writing_unbound_without_a_connection_is_an_error(db: str) -> None:
    emitter = Emitter(PostgresSink(), hmac_key=KEY)
    with pytest.raises(AuditError, match=r"sink\.bind"):
        emit(emitter, 1)


def test_batches_on_the_sinks_own_connection(db: str) -> None:
    with PostgresSink(db, batch_size=64, stream="svc-a") as sink:
        emitter = Emitter(sink, hmac_key=KEY)
        for number in range(200):
            emit(emitter, number)
    with PostgresSink(db, batch_size=64, stream="svc-a") as sink:  # the stream continues
        emit(Emitter(sink, hmac_key=KEY), 200)
    assert _count(db, "SELECT max(seq) FROM audit_log WHERE stream = 'svc-a'") == 200
    assert _verified(db) == 201


def test_a_batch_is_sent_after_max_delay(db: str) -> None:
    import time

    with PostgresSink(db, batch_size=1000, max_delay=0.05) as sink:
        emit(Emitter(sink, hmac_key=KEY), 1)
        deadline = time.monotonic() + 5
        while _count(db) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _count(db) == 1


def test_eight_threads_in_four_processes_lose_no_record(db: str) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        committed = pool.starmap(bound_worker, [(db, 8, 6)] * 4)
    assert sum(committed) == 4 * 8 * 4 * 2
    with psycopg.connect(db) as conn:
        result = verify_table(conn)
    assert result.ok, result.problems[:5]
    assert result.records == sum(committed) == _count(db)
    assert len(result.streams) >= 8  # a stream per server connection that committed


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET outcome = 'failure'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
])  # fmt: skip
@pytest.mark.parametrize("role", ["audit_writer", "owner"])
def test_the_table_refuses_changes(db: str, statement: str, role: str) -> None:
    with PostgresSink(db) as sink:
        emit(Emitter(sink, hmac_key=KEY), 1)
    with psycopg.connect(db) as conn:
        if role != "owner":
            conn.execute(f"SET ROLE {role}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=r"denied|append-only"):
            conn.execute(statement)
    assert _verified(db) == 1


def test_the_writer_role_can_insert_and_the_reader_can_verify(db: str) -> None:
    with psycopg.connect(db) as conn:
        conn.execute("SET ROLE audit_writer")
        sink = PostgresSink(conn)
        emitter = Emitter(sink, hmac_key=KEY)
        for number in range(3):
            emit(emitter, number)
        sink.close()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT fields FROM audit_log")
        conn.rollback()
        conn.execute("SET ROLE audit_reader")
        assert verify_table(conn).records == 3
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO audit_log SELECT * FROM audit_log")


@pytest.mark.parametrize(("change", "kind", "seq"), [
    ("UPDATE audit_log SET fields = '{\"value\": 99}' WHERE seq = 1", "edited", 1),
    ("UPDATE audit_log SET actor_id = 'u_1' WHERE seq = 1", "edited", 1),
    ("UPDATE audit_log SET line = replace(line, '\"value\":1', '\"value\":9') WHERE seq = 1",
     "edited", 1),
    ("UPDATE audit_log SET line = 'not json' WHERE seq = 1", "malformed", 1),
    ("DELETE FROM audit_log WHERE seq = 1", "missing", 2),
])  # fmt: skip
def test_a_superusers_edit_is_detected(db: str, change: str, kind: str, seq: int) -> None:
    with PostgresSink(db, stream="edited") as sink:
        emitter = Emitter(sink, hmac_key=KEY)
        for number in range(3):
            emit(emitter, number)
    with psycopg.connect(db) as conn:
        conn.execute("SET session_replication_role = replica")  # triggers off: a superuser
        conn.execute(change)
        conn.commit()
        result = verify_table(conn)
    assert not result.ok
    assert [(p.kind, p.line, p.stream) for p in result.problems][:1] == [(kind, seq, "edited")]


def _backend_of(conn: object) -> int:
    return int(conn.info.backend_pid)  # type: ignore[attr-defined]


def test_connection_lost_mid_batch_no_duplicate_no_loss(db: str) -> None:
    sink = PostgresSink(db, batch_size=1000)
    emitter = Emitter(sink, hmac_key=KEY)
    ids = [emit(emitter, number)["id"] for number in range(50)]
    with psycopg.connect(db, autocommit=True) as admin:
        backend = _backend_of(sink._conn)
        # the batch waits for the lock, then its connection is killed in the middle of it
        with admin.transaction():
            admin.execute("LOCK TABLE audit_log IN EXCLUSIVE MODE")
            import threading

            flushing = threading.Thread(target=sink.flush)
            flushing.start()
            with psycopg.connect(db, autocommit=True) as killer:
                for _ in range(200):
                    row = killer.execute(
                        "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (backend,)
                    ).fetchone()
                    if row is not None and row[0] == "Lock":
                        break
                    threading.Event().wait(0.01)
                killer.execute("SELECT pg_terminate_backend(%s)", (backend,))
        flushing.join()
    assert _backend_of(sink._conn) != backend  # the batch was sent again on a new connection
    sink.close()
    assert _count(db) == 50
    assert _count(db, "SELECT count(DISTINCT id) FROM audit_log") == 50
    with psycopg.connect(db) as conn:
        written = {row[0] for row in conn.execute("SELECT id::text FROM audit_log")}
    assert written == set(ids)
    assert _verified(db) == 50


def test_the_server_restarts_between_batches(cluster: Cluster, db: str) -> None:
    with PostgresSink(db, batch_size=10, stream="restarts") as sink:
        emitter = Emitter(sink, hmac_key=KEY)
        for number in range(10):
            emit(emitter, number)
        cluster.restart()
        for number in range(10, 25):
            emit(emitter, number)
    assert _verified(db) == 25


def test_server_down_raises_with_the_ids_or_spills(
    cluster: Cluster, db: str, tmp_path: Path
) -> None:
    raising = PostgresSink(db, batch_size=100)
    ids = [emit(Emitter(raising, hmac_key=KEY), number)["id"] for number in range(3)]
    spill = tmp_path / "spill.jsonl"
    spilling = PostgresSink(db, batch_size=100, on_unavailable="spill", spill_path=spill)
    spilled = [emit(Emitter(spilling, hmac_key=KEY), number)["id"] for number in range(4)]
    cluster.stop()
    try:
        with pytest.raises(RecordsNotWritten) as raised:
            raising.flush()
        spilling.close()
    finally:
        cluster.start()
    assert raised.value.ids == tuple(ids)
    assert str(raised.value).startswith("3 audit record(s) not written to PostgreSQL")
    assert verify_log(str(spill)).records == 4
    assert spilled[0] in spill.read_text()
    raising.close()
    assert _count(db) == 0


@pytest.mark.parametrize("conninfo", [
    "host=/nonexistent-dir user=app password=Sup3rSecretPw dbname=app",
    "postgresql://app:Sup3rSecretPw@/app?host=/nonexistent-dir",
    "host=/nonexistent-dir password='Sup3rSecretPw",
    "host=/nonexistent-dir password=Sup3rSecretPw bogus_option=1",
])  # fmt: skip
def test_a_password_is_never_echoed(conninfo: str) -> None:
    with pytest.raises(AuditError) as raised:
        PostgresSink(conninfo)
    chain = [raised.value, raised.value.__cause__, raised.value.__context__]
    shown = " ".join(f"{error!s} {error!r}" for error in chain if error is not None)
    assert "Sup3rSecretPw" not in shown
    assert "Sup3rSecretPw" not in repr(raised.value.args)


def test_a_password_is_not_echoed_by_a_refusing_server(cluster: Cluster, db: str) -> None:
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("CREATE ROLE app LOGIN PASSWORD 'right-one'")
    hba = cluster.data / "pg_hba.conf"
    original = hba.read_text()
    hba.write_text("local all app scram-sha-256\n" + original)
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")
    try:
        with pytest.raises(AuditError, match="authentication failed") as raised:
            PostgresSink(
                cluster.conninfo(user="app", dbname=db.rsplit("=", 1)[1], password="Wr0ngSecretPw")
            )
        assert "Wr0ngSecretPw" not in f"{raised.value!s} {raised.value!r}"
    finally:
        hba.write_text(original)
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("SELECT pg_reload_conf()")


def test_without_psycopg_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(AuditConfigurationError, match=r"audit-registry-runtime\[postgres\]"):
        PostgresSink()


def test_options_are_checked() -> None:
    for options in (
        {"table": "Bad-Name"},
        {"batch_size": 0},
        {"on_unavailable": "drop"},
        {"on_unavailable": "spill"},
        {"stream": "no spaces"},
    ):
        with pytest.raises(AuditConfigurationError):
            PostgresSink(**options)  # type: ignore[arg-type]


RETENTION = (
    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete",
    (
        "DELETE FROM audit_log WHERE stream IN ("
        " SELECT stream FROM audit_log GROUP BY stream HAVING max(occurred_at) < %s)"
    ),
    "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete",
)


def test_retention_deletes_whole_streams_and_records_itself(db: str) -> None:
    """docs/postgres.md's retention procedure: the table still verifies, the deletion is an
    audit event committed with it."""
    for stream in ("old-1", "old-2"):
        with PostgresSink(db, stream=stream) as sink:
            emit(Emitter(sink, hmac_key=KEY), 1)
    with psycopg.connect(db) as conn:
        cutoff = conn.execute("SELECT max(occurred_at) + interval '1 ms' FROM audit_log").fetchone()
    with PostgresSink(db, stream="recent") as sink:
        emit(Emitter(sink, hmac_key=KEY), 2)
    sink = PostgresSink()
    with psycopg.connect(db) as conn:
        with sink.bind(conn):
            for statement in RETENTION:
                conn.execute(statement, cutoff if "%s" in statement else None)
            emit(Emitter(sink, hmac_key=KEY), "retention: 2 streams deleted")
        conn.commit()
        streams = [row[0] for row in conn.execute("SELECT DISTINCT stream FROM audit_log")]
    assert len(streams) == 2
    assert "recent" in streams
    assert _verified(db) == 2


def _commit_then_lose_the_connection(
    sink: PostgresSink, monkeypatch: pytest.MonkeyPatch, then: Callable[[], None] = lambda: None
) -> None:
    """The sink's next commit lands on the server, then its connection is terminated before
    the client hears back (the edge a proxy would stage): the client sees it fail."""
    conn = sink._conn
    commit = conn.commit

    def committed_then_lost() -> None:
        commit()
        with psycopg.connect(sink._conninfo, autocommit=True) as killer:
            killer.execute("SELECT pg_terminate_backend(%s)", (_backend_of(conn),))
        then()
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(conn, "commit", committed_then_lost)


def test_a_commit_that_landed_unseen_is_found_again_not_duplicated(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sink = PostgresSink(db, batch_size=1000)
    ids = [emit(Emitter(sink, hmac_key=KEY), number)["id"] for number in range(20)]
    _commit_then_lose_the_connection(sink, monkeypatch)
    found: list[int] = []
    absent = sink._absent

    def recheck(batch: list[tuple[dict[str, Any], bytes]]) -> list[tuple[dict[str, Any], bytes]]:
        missing = absent(batch)
        found.append(len(batch) - len(missing))
        return missing

    monkeypatch.setattr(sink, "_absent", recheck)
    sink.flush()  # nothing raised, nothing sent again
    sink.close()
    assert found == [20]  # the recheck found every landed id
    assert _count(db, "SELECT count(DISTINCT id) FROM audit_log") == _count(db) == 20
    with psycopg.connect(db) as conn:
        assert {row[0] for row in conn.execute("SELECT id::text FROM audit_log")} == set(ids)
    assert _verified(db) == 20


def test_an_unseen_commit_that_cannot_be_rechecked_is_uncertain(
    cluster: Cluster, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sink = PostgresSink(db, batch_size=1000)
    ids = [emit(Emitter(sink, hmac_key=KEY), number)["id"] for number in range(5)]
    _commit_then_lose_the_connection(sink, monkeypatch, then=cluster.stop)
    try:
        with pytest.raises(RecordsNotWritten) as raised:
            sink.flush()
    finally:
        cluster.start()
    assert raised.value.uncertain
    assert raised.value.ids == tuple(ids)
    assert "5 audit record(s) not confirmed (they may have been written)" in str(raised.value)
    sink.close()
    assert _verified(db) == 5  # they had landed: a replay of these ids would skip them


def test_a_server_restart_fails_the_bound_transaction_then_the_application_continues(
    cluster: Cluster, db: str
) -> None:
    sink = PostgresSink()
    emitter = Emitter(sink, hmac_key=KEY)
    with psycopg.connect(db) as conn, sink.bind(conn):
        kept = [emit(emitter, 1)["id"]]
        conn.commit()
        emit(emitter, 2)  # in the transaction the restart ends
        cluster.restart()
        with pytest.raises(RecordsNotWritten) as raised:
            emit(emitter, 3)
        with pytest.raises(psycopg.OperationalError):
            conn.commit()
    assert len(raised.value.ids) == 1
    assert str(raised.value).startswith("1 audit record(s) not written to PostgreSQL (")
    with psycopg.connect(db) as conn, sink.bind(conn):  # the application reconnects
        conn.execute("INSERT INTO accounts VALUES (4, 'x')")
        kept.append(emit(emitter, 4)["id"])
        conn.commit()
    with psycopg.connect(db) as conn:
        assert {row[0] for row in conn.execute("SELECT id::text FROM audit_log")} == set(kept)
    assert raised.value.ids[0] not in kept
    assert _verified(db) == 2


def test_close_writes_the_queue_before_raising_a_kept_error(db: str) -> None:
    sink = PostgresSink(db, batch_size=100, max_delay=60)
    ids = [emit(Emitter(sink, hmac_key=KEY), number)["id"] for number in range(3)]
    sink._error = RecordsNotWritten(("earlier-batch-id",), "kept by the timer thread")
    with pytest.raises(RecordsNotWritten, match="earlier-batch-id"):
        sink.close()
    with psycopg.connect(db) as conn:
        assert {row[0] for row in conn.execute("SELECT id::text FROM audit_log")} == set(ids)

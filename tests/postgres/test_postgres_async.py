"""AsyncPostgresSink against the real cluster: the guarantees of PostgresSink, from asyncio
(each test runs its coroutine with asyncio.run)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from pg_cluster import Cluster, cluster_fixture, database_fixture, require_psycopg  # noqa: F401 - fixtures
from pg_helpers import KEY, create_schema, emit

from registry_runtime import Emitter, verify_log
from registry_runtime.errors import AuditConfigurationError, AuditError
from registry_runtime.postgres import RecordsNotWritten
from registry_runtime.postgres_async import AsyncPostgresSink
from registry_runtime.postgres_verify import verify_table

psycopg = require_psycopg()


@pytest.fixture
def db(database: str) -> str:
    with psycopg.connect(database) as conn:
        create_schema(conn)
    return database


def _rows(conninfo: str, sql: str = "SELECT count(*) FROM audit_log") -> list[tuple[Any, ...]]:
    with psycopg.connect(conninfo) as conn:
        return conn.execute(sql).fetchall()


def _verified(conninfo: str) -> int:
    with psycopg.connect(conninfo) as conn:
        result = verify_table(conn)
    assert result.ok, result.problems
    return result.records


def test_bound_records_commit_and_roll_back_with_the_business_change(db: str) -> None:
    async def run() -> None:
        sink = AsyncPostgresSink()
        emitter = Emitter(sink, hmac_key=KEY)
        async with await psycopg.AsyncConnection.connect(db) as conn:
            for number, commit in [(1, True), (2, False), (3, True), (4, False), (5, True)]:
                async with sink.bind(conn):
                    await conn.execute("INSERT INTO accounts VALUES (%s, 'x')", (number,))
                    emit(emitter, number)
                await (conn.commit() if commit else conn.rollback())

    asyncio.run(run())
    rows = _rows(
        db,
        "SELECT a.id, l.seq FROM accounts a JOIN audit_log l "
        "ON (l.fields->>'value')::int = a.id ORDER BY a.id",
    )
    assert rows == [(1, 0), (3, 1), (5, 2)]
    assert _verified(db) == 3


def test_an_exception_rolls_back_the_transaction_and_its_records(db: str) -> None:
    sink = AsyncPostgresSink()
    emitter = Emitter(sink, hmac_key=KEY)

    async def failing_change(conn: Any) -> None:
        async with conn.transaction(), sink.bind(conn):
            emit(emitter, 1)
            1 / 0  # noqa: B018 - the business change fails

    async def failing_statement(conn: Any) -> None:
        async with sink.bind(conn):
            emit(emitter, 3)
            await conn.execute("SELECT 1 / 0")

    async def run() -> None:
        async with await psycopg.AsyncConnection.connect(db) as conn:
            with pytest.raises(ZeroDivisionError):
                await failing_change(conn)
            async with conn.transaction():
                try:
                    async with sink.bind(conn):
                        emit(emitter, 2)
                        raise KeyError("handled by the caller, who commits")
                except KeyError:
                    pass
            async with conn.transaction():
                with pytest.raises(psycopg.errors.DivisionByZero) as raised:
                    await failing_statement(conn)
                assert "1 audit record(s) not written" in "".join(raised.value.__notes__)
                raise psycopg.Rollback

    asyncio.run(run())
    assert _rows(db, "SELECT fields->>'value' FROM audit_log") == [("2",)]
    assert _verified(db) == 1


def test_a_rolled_back_savepoint_and_flush_inside_the_block(db: str) -> None:
    async def run() -> None:
        sink = AsyncPostgresSink()
        emitter = Emitter(sink, hmac_key=KEY)
        conn = await psycopg.AsyncConnection.connect(db)
        async with conn, conn.transaction(), sink.bind(conn):
            emit(emitter, 1)
            await sink.flush()
            async with conn.transaction(force_rollback=True):
                emit(emitter, 2)
                await sink.flush()
            emit(emitter, 3)

    asyncio.run(run())
    assert _verified(db) == 2


def test_concurrent_tasks_on_their_own_connections_lose_no_record(db: str) -> None:
    async def task(sink: AsyncPostgresSink, index: int) -> int:
        emitter = Emitter(sink, hmac_key=KEY)
        committed = 0
        async with await psycopg.AsyncConnection.connect(db) as conn:
            for number in range(6):
                async with conn.transaction(force_rollback=number % 3 == 2), sink.bind(conn):
                    emit(emitter, index * 100 + number)
                    await asyncio.sleep(0)
                    emit(emitter, index * 100 + number)
                committed += 0 if number % 3 == 2 else 2
        return committed

    async def run() -> int:
        sink = AsyncPostgresSink()
        return sum(await asyncio.gather(*(task(sink, index) for index in range(8))))

    committed = asyncio.run(run())
    assert committed == 8 * 4 * 2
    assert _verified(db) == committed


def test_batches_on_the_sinks_own_connection(db: str) -> None:
    async def run() -> None:
        async with AsyncPostgresSink(db, batch_size=64, stream="async-a") as sink:
            emitter = Emitter(sink, hmac_key=KEY)
            for number in range(200):
                emit(emitter, number)
                if number % 50 == 0:
                    await asyncio.sleep(0)
        async with AsyncPostgresSink(db, stream="async-a") as sink:  # the stream continues
            emit(Emitter(sink, hmac_key=KEY), 200)

    asyncio.run(run())
    assert _rows(db, "SELECT max(seq) FROM audit_log WHERE stream = 'async-a'") == [(200,)]
    assert _verified(db) == 201


def test_a_batch_is_sent_after_max_delay(db: str) -> None:
    async def run() -> int:
        async with AsyncPostgresSink(db, batch_size=1000, max_delay=0.05) as sink:
            emit(Emitter(sink, hmac_key=KEY), 1)
            for _ in range(100):
                await asyncio.sleep(0.02)
                if _rows(db)[0][0]:
                    return 1
        return 0

    assert asyncio.run(run()) == 1


def test_connection_lost_before_a_batch_no_duplicate_no_loss(db: str) -> None:
    async def run() -> set[str]:
        sink = await AsyncPostgresSink(db, batch_size=1000).open()
        emitter = Emitter(sink, hmac_key=KEY)
        ids = {emit(emitter, number)["id"] for number in range(30)}
        await sink.flush()
        more = {emit(emitter, number)["id"] for number in range(30, 60)}
        with psycopg.connect(db, autocommit=True) as killer:
            killer.execute("SELECT pg_terminate_backend(%s)", (sink._conn.info.backend_pid,))
        await sink.aclose()
        return ids | more

    ids = asyncio.run(run())
    assert {row[0] for row in _rows(db, "SELECT id::text FROM audit_log")} == ids
    assert _verified(db) == 60


def test_server_down_raises_with_the_ids_or_spills(
    cluster: Cluster, db: str, tmp_path: Path
) -> None:
    spill = tmp_path / "spill.jsonl"

    async def run() -> tuple[tuple[str, ...], list[str]]:
        raising = await AsyncPostgresSink(db, batch_size=100).open()
        ids = [emit(Emitter(raising, hmac_key=KEY), number)["id"] for number in range(3)]
        spilling = AsyncPostgresSink(db, on_unavailable="spill", spill_path=spill)
        spilled = [emit(Emitter(spilling, hmac_key=KEY), number)["id"] for number in range(4)]
        cluster.stop()
        try:
            with pytest.raises(RecordsNotWritten) as raised:
                await raising.flush()
            await spilling.aclose()
        finally:
            cluster.start()
        await raising.aclose()
        assert raised.value.ids == tuple(ids)
        return raised.value.ids, spilled

    _ids, spilled = asyncio.run(run())
    assert verify_log(str(spill)).records == 4
    assert spilled[0] in spill.read_text()
    assert _rows(db) == [(0,)]


def test_misuse_is_refused_loudly(db: str) -> None:
    unbound = Emitter(AsyncPostgresSink(), hmac_key=KEY)
    with pytest.raises(AuditError, match=r"sink\.bind"):
        emit(unbound, 1)
    sink = AsyncPostgresSink(db)
    with pytest.raises(AuditError, match="no event loop"):
        emit(Emitter(sink, hmac_key=KEY), 1)

    async def queued() -> None:
        emit(Emitter(sink, hmac_key=KEY), 2)
        with pytest.raises(AuditError, match=r"1 audit record\(s\) queued: await sink\.aclose"):
            sink.close()
        await sink.aclose()

    asyncio.run(queued())
    assert _verified(db) == 1
    for options in ({"table": "Bad-Name"}, {"batch_size": 0}, {"on_unavailable": "spill"}):
        with pytest.raises(AuditConfigurationError):
            AsyncPostgresSink(**options)  # type: ignore[arg-type]


def test_a_wrong_password_is_never_echoed(cluster: Cluster) -> None:
    async def run() -> None:
        await AsyncPostgresSink("host=/nonexistent-dir user=app password=Sup3rSecretPw").open()

    with pytest.raises(AuditError) as raised:
        asyncio.run(run())
    assert "Sup3rSecretPw" not in f"{raised.value!s} {raised.value!r}"
    assert "cannot connect to database host=/nonexistent-dir" in str(raised.value)


def test_the_server_restarts_between_batches(cluster: Cluster, db: str) -> None:
    async def run() -> set[str]:
        async with AsyncPostgresSink(db, batch_size=10, stream="async-restarts") as sink:
            emitter = Emitter(sink, hmac_key=KEY)
            ids = {emit(emitter, number)["id"] for number in range(10)}
            await sink.flush()
            cluster.restart()  # the sink's connection is gone; the next batch reconnects
            for number in range(10, 25):
                ids.add(emit(emitter, number)["id"])
                await asyncio.sleep(0)
        return ids

    ids = asyncio.run(run())
    assert {row[0] for row in _rows(db, "SELECT id::text FROM audit_log")} == ids
    assert _verified(db) == 25

"""The PostgreSQL sinks bound to what SQLAlchemy users hold (a ``Session``, a ``Connection``,
their async forms) on a real ``postgresql+psycopg`` engine: the record commits and rolls back
with the business change; what cannot carry it is refused."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from pg_cluster import Cluster, cluster_fixture, database_fixture, require_psycopg, unavailable  # noqa: F401 - fixtures
from pg_helpers import KEY, create_schema, emit

from registry_runtime import Emitter
from registry_runtime.errors import AuditConfigurationError
from registry_runtime.postgres import PostgresSink
from registry_runtime.postgres_async import AsyncPostgresSink
from registry_runtime.postgres_verify import verify_table

psycopg = require_psycopg()
try:
    from sqlalchemy import Engine, create_engine, text
    from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
    from sqlalchemy.orm import Session
except ImportError:
    unavailable("SQLAlchemy 2 is not installed (pip install -e '.[test]')")

JOINED = (
    "SELECT a.id FROM accounts a JOIN audit_log l ON (l.fields->>'value')::int = a.id ORDER BY a.id"
)


@pytest.fixture
def url(cluster: Cluster, database: str) -> str:
    """A postgresql+psycopg URL of a fresh database with the schema."""
    with psycopg.connect(database) as conn:
        create_schema(conn)
    dbname = database.rsplit("dbname=", 1)[1]
    return f"postgresql+psycopg://postgres@/{dbname}?host={quote(cluster.socket_dir, safe='')}"


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    engine = create_engine(url)
    yield engine
    engine.dispose()


def _committed(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        assert verify_table(conn.connection.driver_connection).ok
        return [row[0] for row in conn.execute(text(JOINED))]


def _change(session: Session, number: int) -> None:
    session.execute(text("INSERT INTO accounts VALUES (:n, 'x')"), {"n": number})


def test_a_sessions_change_and_record_commit_and_roll_back_together(engine: Engine) -> None:
    sink = PostgresSink()
    emitter = Emitter(sink, hmac_key=KEY)
    with Session(engine) as session:
        with sink.bind(session):
            _change(session, 1)
            emit(emitter, 1)
        session.commit()
        with sink.bind(session):
            _change(session, 2)
            emit(emitter, 2)
        session.rollback()
        with sink.bind(session):  # a new transaction begins inside the block
            _change(session, 3)
            emit(emitter, 3)
            session.commit()
            _change(session, 4)
            emit(emitter, 4)
            session.rollback()
    assert _committed(engine) == [1, 3]


def test_a_connection_of_the_engine(engine: Engine) -> None:
    sink = PostgresSink()
    emitter = Emitter(sink, hmac_key=KEY)
    for number, commit in ((1, True), (2, False)):
        with engine.connect() as conn, sink.bind(conn):
            conn.execute(text("INSERT INTO accounts VALUES (:n, 'x')"), {"n": number})
            emit(emitter, number)
            if commit:
                conn.commit()
    assert _committed(engine) == [1]


def test_a_transaction_begun_after_binding_carries_the_records(engine: Engine) -> None:
    """SQLAlchemy's own pattern, ``with sink.bind(session), session.begin():``: binding a
    session begins no transaction, so the caller's begin() is not refused."""
    sink = PostgresSink()
    emitter = Emitter(sink, hmac_key=KEY)
    with Session(engine) as session, sink.bind(session), session.begin():
        _change(session, 5)
        emit(emitter, 5)

    def failing_change(session: Session) -> None:
        with session.begin():
            _change(session, 6)
            emit(emitter, 6)
            raise RuntimeError("the business change fails")

    with Session(engine) as session, sink.bind(session), pytest.raises(RuntimeError):
        failing_change(session)
    assert _committed(engine) == [5]


def test_what_cannot_carry_the_record_is_refused(engine: Engine, url: str) -> None:
    sink = PostgresSink()
    refused = r"needs a psycopg Connection, or a SQLAlchemy Session .* not builtins\.object"
    with pytest.raises(AuditConfigurationError, match=refused), sink.bind(object()):
        pass
    autocommit = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with (
            Session(autocommit) as session,
            pytest.raises(AuditConfigurationError, match="autocommit mode"),
            sink.bind(session),  # a session is checked when it writes (its transaction then)
        ):
            emit(Emitter(sink, hmac_key=KEY), 8)
    finally:
        autocommit.dispose()
    dsn = engine.url.render_as_string(hide_password=False).replace("+psycopg", "")
    with psycopg.connect(dsn, autocommit=True) as conn:
        with conn.transaction(), sink.bind(conn):  # autocommit, but a transaction is open
            emit(Emitter(sink, hmac_key=KEY), 7)
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (1,)


def test_an_async_session_commits_and_rolls_back_its_records(url: str) -> None:
    try:
        import greenlet  # noqa: F401 - SQLAlchemy's asyncio support needs it
    except ImportError:
        unavailable("greenlet is not installed (SQLAlchemy's asyncio extension needs it)")

    async def run() -> list[int]:
        engine = create_async_engine(url)
        sink = AsyncPostgresSink()
        emitter = Emitter(sink, hmac_key=KEY)
        try:
            async with AsyncSession(engine) as session:
                for number, commit in ((1, True), (2, False), (3, True)):
                    async with sink.bind(session):
                        insert = text("INSERT INTO accounts VALUES (:n, 'x')")
                        await session.execute(insert, {"n": number})
                        emit(emitter, number)
                    await (session.commit() if commit else session.rollback())
            async with engine.connect() as conn:
                return [row[0] for row in await conn.execute(text(JOINED))]
        finally:
            await engine.dispose()

    assert asyncio.run(run()) == [1, 3]

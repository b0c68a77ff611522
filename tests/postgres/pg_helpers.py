"""Emitters, schema set-up and workers for the PostgreSQL tests (real sink, real server)."""

from __future__ import annotations

from typing import Any

from registry_runtime import Actor, Emitter, EventSpec, FieldSpec, Target
from registry_runtime.postgres import PostgresSink
from registry_runtime.postgres_schema import schema_sql

KEY = "postgres-test-key-0123456789abcdef"

EVENT = EventSpec(
    name="account.changed",
    version=2,
    fields=(FieldSpec("value", "none"), FieldSpec("email", "hash")),
    actor_types=frozenset(),
    target_types=frozenset(),
    outcomes=frozenset({"success", "failure"}),
    failure_reasons=frozenset(),
    validate=lambda fields: [],
)


def emit(emitter: Emitter, value: Any, **fields: Any) -> dict[str, Any]:
    return emitter._emit(
        EVENT,
        {"value": value, **fields},
        actor=Actor("user", "u_42"),
        targets=[Target("account", f"acct_{value}")],
        outcome="success",
        reason=None,
        context=None,
        tenant="acme",
    )


def create_schema(conn: Any, table: str = "audit_log") -> None:
    conn.execute(schema_sql(table))
    conn.execute("CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, name text)")
    conn.execute("GRANT ALL ON accounts TO audit_writer")
    conn.commit()


def bound_worker(conninfo: str, threads: int, transactions: int) -> int:
    """In a process of its own: ``threads`` threads, each on its own connection, each running
    ``transactions`` transactions of two records (every third rolled back). Returns how many
    records were committed."""
    import threading

    import psycopg

    sink = PostgresSink()
    emitter = Emitter(sink, hmac_key=KEY)
    committed = []

    def run(index: int) -> None:
        done = 0
        with psycopg.connect(conninfo) as conn:
            for number in range(transactions):
                with sink.bind(conn):
                    emit(emitter, number * 10 + index)
                    emit(emitter, number * 10 + index + 1)
                if number % 3 == 2:
                    conn.rollback()
                else:
                    conn.commit()
                    done += 2
        committed.append(done)

    workers = [threading.Thread(target=run, args=(index,)) for index in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(committed)

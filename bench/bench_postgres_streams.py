#!/usr/bin/env python3
"""Why a bound `PostgresSink` chains each server connection as its own stream (issue 20, item 3).

Concurrent transactions must leave one verifiable order per stream without serialising the
application. This measures, in one run on a throw-away cluster (or --conninfo), THREADS
threads on connections of their own, each running transactions of one business change
(``UPDATE`` of the thread's own row), ``--work-ms`` of the application's other work inside the
transaction, then RECORDS audit records, ``--after-ms`` of work, then ``COMMIT`` (synchronous
commit, the server's default):

- floor: the same transactions inserting the records' columns with a plain ``INSERT`` (no
  chain: nothing to verify);
- stream per connection: `PostgresSink` bound to each connection (what the sink does);
- one shared stream: every transaction appends to one stream, so it takes the stream's lock
  (``pg_advisory_xact_lock``) before reading the stream's end and holds it until it commits.
  With ``--after-ms 0`` this is its best case: the records come last, so the lock covers only
  their insert and the commit; work after the records is held under the lock too.

A sequence drawn before commit is not measured: a rolled-back transaction leaves a gap that
verification must call a deletion (docs/decisions.md), whatever it costs.

    python bench/bench_postgres_streams.py            # 8 threads x 150 transactions x 5 runs
    python bench/bench_postgres_streams.py --quick    # 8 threads x 60 transactions x 3 runs
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "postgres"))

from bench_postgres import bodies, plain_insert, plain_rows

from registry_runtime.postgres import PostgresSink
from registry_runtime.postgres_base import StreamEnd, sealed_batch
from registry_runtime.postgres_schema import insert_sql, schema_sql, stream_end_sql

THREADS = 8
RECORDS = 2

Transaction = Callable[[Any, list[bytes], list[tuple[Any, ...]]], None]


def business(conn: Any, row: int, work: float) -> None:
    conn.execute("UPDATE accounts SET n = n + 1 WHERE id = %s", (row,))
    if work:
        conn.execute("SELECT pg_sleep(%s)", (work,))


def run_threads(
    conninfo: str,
    transactions: int,
    work: tuple[float, float],
    make: Callable[[str], Transaction],
) -> float:
    """Records per second of THREADS threads each running ``transactions`` transactions."""
    table = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(schema_sql(table))
    write = make(table)
    before, after = work
    per_thread = transactions * RECORDS
    lines = [bodies(per_thread) for _ in range(THREADS)]
    rows = [  # each thread its own stream, as in the floor of bench_postgres
        [(row[0], f"floor-{index}", *row[2:]) for row in plain_rows(chunk)]
        for index, chunk in enumerate(lines)
    ]
    ready = threading.Barrier(THREADS + 1)
    errors: list[Exception] = []

    def worker(index: int) -> None:
        try:
            with psycopg.connect(conninfo) as conn:
                ready.wait()
                for number in range(transactions):
                    business(conn, index, before)
                    start = number * RECORDS
                    chunk = slice(start, start + RECORDS)
                    write(conn, lines[index][chunk], rows[index][chunk])
                    if after:
                        conn.execute("SELECT pg_sleep(%s)", (after,))
                    conn.commit()
        except Exception as error:  # noqa: BLE001 - re-raised in the main thread after the join
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    ready.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return THREADS * per_thread / elapsed


def floor(table: str) -> Transaction:
    sql = plain_insert(table)

    def write(conn: Any, _lines: list[bytes], rows: list[tuple[Any, ...]]) -> None:
        for row in rows:
            conn.execute(sql, row)

    return write


def per_connection(table: str) -> Transaction:
    sink = PostgresSink(table=table)
    record: dict[str, Any] = {}

    def write(conn: Any, lines: list[bytes], _rows: list[tuple[Any, ...]]) -> None:
        with sink.bind(conn):
            for line in lines:
                sink.write(record, line)

    return write


def shared_stream(table: str) -> Transaction:
    insert, end_sql = insert_sql(table), stream_end_sql(table)
    record: dict[str, Any] = {}

    def write(conn: Any, lines: list[bytes], _rows: list[tuple[Any, ...]]) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(20)")  # held until commit
        end = StreamEnd("shared")
        end.found(conn.execute(end_sql, ("shared",)).fetchone())
        sealed, _seq, _prev = sealed_batch([(record, line) for line in lines], end)
        conn.execute(insert, (sealed,))

    return write


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--work-ms", type=float, default=1.0, help="work before the records")
    parser.add_argument(
        "--after-ms", type=float, default=0.0, help="work after the records, before COMMIT"
    )
    parser.add_argument("--conninfo", help="an existing database (default: a throw-away cluster)")
    args = parser.parse_args()
    transactions, repeats = (60, 3) if args.quick else (150, 5)
    work = (args.work_ms / 1000, args.after_ms / 1000)
    cluster = None
    conninfo = args.conninfo
    if conninfo is None:
        from pg_cluster import remove_cluster, start_cluster

        cluster = start_cluster()
        conninfo = cluster.conninfo()
    designs: list[tuple[str, Callable[[str], Transaction]]] = [
        ("floor: plain INSERT, no chain", floor),
        ("stream per connection (PostgresSink bound)", per_connection),
        ("one shared stream, locked until commit", shared_stream),
    ]
    results: dict[str, list[float]] = {label: [] for label, _make in designs}
    try:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, n int)")
            conn.execute(
                "INSERT INTO accounts SELECT g, 0 FROM generate_series(0, %s) AS g"
                " ON CONFLICT DO NOTHING",
                (THREADS,),
            )
        for run in range(repeats):
            order = designs if run % 2 == 0 else designs[::-1]
            for label, make in order:
                results[label].append(run_threads(conninfo, transactions, work, make))
    finally:
        if cluster is not None:
            remove_cluster(cluster)
    print(
        f"{THREADS} threads x {transactions} transactions ({RECORDS} records, "
        f"{args.work_ms:g} ms of work before them, {args.after_ms:g} ms after), "
        f"{repeats} runs, median records/s"
    )
    base = statistics.median(results[designs[0][0]])
    for label, _make in designs:
        value = statistics.median(results[label])
        print(f"{label:48} {value:>8,.0f}   {value / base:5.2f}x floor")


if __name__ == "__main__":
    main()

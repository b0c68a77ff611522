#!/usr/bin/env python3
"""What PostgresSink costs against a plain psycopg INSERT of the same row (issue 20's target).

In one run, on a throw-away PostgreSQL cluster (tests/postgres/pg_cluster.py; or --conninfo),
medians of --repeats runs, records per second:

- bound: `PostgresSink.write` inside the caller's transactions (10 records per transaction),
  against the floor of a plain ``INSERT ... VALUES`` of the same row's columns per record in
  the same transactions: target >= 0.7x the floor;
- batched: the sink on its own connection (batches of 1,000, one transaction each), against
  the floor of psycopg's ``executemany`` of the same plain INSERT in the same batches;
- the same two for `AsyncPostgresSink` (an ``AsyncConnection``; a binding's records in one
  statement when its block ends, against the floor of the plain INSERT awaited per record
  on an ``AsyncConnection``; batches by a task on the loop, against the executemany floor);
- batched with ``signer=`` (a signed checkpoint in every 1,000-record batch's transaction);
- spill: the batched sink with the database unreachable, ``on_unavailable="spill"``
  (records/s into the chained spill file), and `replay_spill` of that file into a table.

Each writer has its own table made by the same DDL (`postgres_schema.schema_sql`).

    python bench/bench_postgres.py            # 20,000 records x 5 runs
    python bench/bench_postgres.py --quick    # 5,000 records x 3 runs
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "postgres"))

from registry_runtime.chain import ZERO_HASH, seal
from registry_runtime.ids import uuid7
from registry_runtime.postgres import PostgresSink
from registry_runtime.postgres_async import AsyncPostgresSink
from registry_runtime.postgres_replay import replay_spill
from registry_runtime.postgres_schema import COLUMNS, schema_sql
from registry_runtime.signing import generate_key_pair, signer_from_pem

BODY = (
    '{{"id":"{id}","event":"user.promoted_production","version":1,'
    '"occurred_at":"2026-11-27T21:00:00.123Z","actor":{{"type":"user","id":"u_42"}},'
    '"targets":[{{"type":"release","id":"rel_8f3k2m1q"}}],"outcome":"success","reason":null,'
    '"context":{{"ip":"hmac:{ip}","user_agent":null,"request_id":"req_1","session_id":null}},'
    '"tenant":"acme","fields":{{"release_id":"rel_8f3k2m1q","environment":"production"}}}}'
)
PER_TRANSACTION = 10
BATCH = 1000


def bodies(count: int) -> list[bytes]:
    return [BODY.format(id=uuid7(), ip="a" * 64).encode() for _ in range(count)]


def plain_rows(lines: list[bytes]) -> list[tuple[Any, ...]]:
    """The columns of each record as the floor inserts them (prepared outside the timing)."""
    rows = []
    prev = ZERO_HASH
    for seq, body in enumerate(lines):
        sealed, prev = seal(body, prev, "floor", seq)
        text = sealed[:-1].decode()
        record = json.loads(text)
        rows.append((
            record["id"], "floor", seq, record["event"], record["version"], record["occurred_at"],
            record["actor"]["type"], record["actor"]["id"], json.dumps(record["targets"]),
            record["outcome"], record["reason"], json.dumps(record["context"]), record["tenant"],
            json.dumps(record["fields"]), text, record["prev_hash"], record["hash"],
        ))  # fmt: skip
    return rows


def plain_insert(table: str) -> str:
    marks = ", ".join(["%s"] * len(COLUMNS))
    return f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})"


def floor_bound(conninfo: str, table: str, rows: list[tuple[Any, ...]]) -> float:
    sql = plain_insert(table)
    with psycopg.connect(conninfo) as conn:
        started = time.perf_counter()
        for start in range(0, len(rows), PER_TRANSACTION):
            for row in rows[start : start + PER_TRANSACTION]:
                conn.execute(sql, row)
            conn.commit()
        return len(rows) / (time.perf_counter() - started)


def sink_bound(conninfo: str, table: str, lines: list[bytes]) -> float:
    sink = PostgresSink(table=table)
    record: dict[str, Any] = {}
    with psycopg.connect(conninfo) as conn, sink.bind(conn):
        started = time.perf_counter()
        for start in range(0, len(lines), PER_TRANSACTION):
            for line in lines[start : start + PER_TRANSACTION]:
                sink.write(record, line)
            conn.commit()
        return len(lines) / (time.perf_counter() - started)


def floor_batched(conninfo: str, table: str, rows: list[tuple[Any, ...]]) -> float:
    sql = plain_insert(table)
    with psycopg.connect(conninfo) as conn:
        started = time.perf_counter()
        for start in range(0, len(rows), BATCH):
            with conn.cursor() as cursor:
                cursor.executemany(sql, rows[start : start + BATCH])
            conn.commit()
        return len(rows) / (time.perf_counter() - started)


def sink_batched(conninfo: str, table: str, lines: list[bytes]) -> float:
    record: dict[str, Any] = {}
    started = time.perf_counter()
    with PostgresSink(conninfo, table=table, batch_size=BATCH) as sink:
        for line in lines:
            sink.write(record, line)
    return len(lines) / (time.perf_counter() - started)


def async_floor_bound(conninfo: str, table: str, rows: list[tuple[Any, ...]]) -> float:
    async def run() -> float:
        sql = plain_insert(table)
        async with await psycopg.AsyncConnection.connect(conninfo) as conn:
            started = time.perf_counter()
            for start in range(0, len(rows), PER_TRANSACTION):
                async with conn.transaction():
                    for row in rows[start : start + PER_TRANSACTION]:
                        await conn.execute(sql, row)
            return len(rows) / (time.perf_counter() - started)

    return asyncio.run(run())


def async_bound(conninfo: str, table: str, lines: list[bytes]) -> float:
    async def run() -> float:
        sink = AsyncPostgresSink(table=table)
        record: dict[str, Any] = {}
        async with await psycopg.AsyncConnection.connect(conninfo) as conn:
            started = time.perf_counter()
            for start in range(0, len(lines), PER_TRANSACTION):
                async with conn.transaction(), sink.bind(conn):
                    for line in lines[start : start + PER_TRANSACTION]:
                        sink.write(record, line)
            return len(lines) / (time.perf_counter() - started)

    return asyncio.run(run())


def async_batched(conninfo: str, table: str, lines: list[bytes]) -> float:
    async def run() -> float:
        record: dict[str, Any] = {}
        started = time.perf_counter()
        async with AsyncPostgresSink(conninfo, table=table, batch_size=BATCH) as sink:
            for start in range(0, len(lines), BATCH):
                for line in lines[start : start + BATCH]:
                    sink.write(record, line)
                await asyncio.sleep(0)  # the batch task runs while the service works on
        return len(lines) / (time.perf_counter() - started)

    return asyncio.run(run())


def sealed_batched(conninfo: str, table: str, lines: list[bytes]) -> float:
    signer = signer_from_pem(generate_key_pair().private_pem, source="bench")
    record: dict[str, Any] = {}
    started = time.perf_counter()
    with PostgresSink(
        conninfo, table=table, batch_size=BATCH, signer=signer, checkpoint_every=BATCH
    ) as sink:
        for line in lines:
            sink.write(record, line)
    return len(lines) / (time.perf_counter() - started)


def spill_and_replay(conninfo: str, table: str, count: int) -> tuple[float, float]:
    """Records/s spilled with the database unreachable, then replayed into ``table``."""
    from registry_runtime import Emitter
    from registry_runtime.envelope import Actor, EventSpec, FieldSpec, no_field_checks

    spec = EventSpec(
        "bench.spilled", 1, (FieldSpec("n", "none"),), frozenset(), frozenset(),
        frozenset({"success"}), frozenset(), no_field_checks,
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as directory:
        spill = Path(directory) / "spill.jsonl"
        sink = PostgresSink(
            f"host={directory}/none dbname=x", batch_size=BATCH, on_unavailable="spill",
            spill_path=spill,
        )  # fmt: skip
        emitter = Emitter(sink, hmac_key="bench-key-0123456789abcdef")
        actor = Actor("user", "u_42")
        started = time.perf_counter()
        for number in range(count):
            emitter._emit(
                spec, {"n": number}, actor=actor, targets=[], outcome="success",
                reason=None, context=None, tenant=None,
            )  # fmt: skip
        sink.close()
        spilled = count / (time.perf_counter() - started)
        started = time.perf_counter()
        result = replay_spill(spill, conninfo, table=table)
        assert result.inserted == count, result
        return spilled, count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--conninfo", help="an existing database (default: a throw-away cluster)")
    args = parser.parse_args()
    count, repeats = (5_000, 3) if args.quick else (20_000, 5)
    cluster = None
    conninfo = args.conninfo
    if conninfo is None:
        from pg_cluster import remove_cluster, start_cluster

        cluster = start_cluster()
        conninfo = cluster.conninfo()
    names = ("fb", "sb", "fa", "ab", "fm", "sm", "am", "ss", "sp", "rp")
    results: dict[str, list[float]] = {name: [] for name in names}
    try:
        for run in range(repeats):
            tables = {name: f"bench_{name}_{run}_{uuid.uuid4().hex[:6]}" for name in results}
            with psycopg.connect(conninfo, autocommit=True) as conn:
                for table in tables.values():
                    conn.execute(schema_sql(table))
            measures = [
                ("fb", lambda t: floor_bound(conninfo, t, plain_rows(bodies(count)))),
                ("sb", lambda t: sink_bound(conninfo, t, bodies(count))),
                ("fa", lambda t: async_floor_bound(conninfo, t, plain_rows(bodies(count)))),
                ("ab", lambda t: async_bound(conninfo, t, bodies(count))),
                ("fm", lambda t: floor_batched(conninfo, t, plain_rows(bodies(count)))),
                ("sm", lambda t: sink_batched(conninfo, t, bodies(count))),
                ("am", lambda t: async_batched(conninfo, t, bodies(count))),
                ("ss", lambda t: sealed_batched(conninfo, t, bodies(count))),
            ]
            if run % 2:  # alternate which of each group runs first (caches, autovacuum)
                measures = [*measures[3::-1], *measures[:3:-1]]
            for name, measure in measures:
                results[name].append(measure(tables[name]))
            spilled, replayed = spill_and_replay(conninfo, tables["rp"], count)
            results["sp"].append(spilled)
            results["rp"].append(replayed)
    finally:
        if cluster is not None:
            remove_cluster(cluster)
    median = {name: statistics.median(values) for name, values in results.items()}

    def line(label: str, name: str, floor: str | None = None) -> None:
        value = median[name]
        tail = ""
        if floor is not None:
            ratio = value / median[floor]
            tail = f"   {ratio:5.2f}x floor (target >= 0.7x: {'met' if ratio >= 0.7 else 'MISSED'})"
        print(f"{label:52} {value:>10,.0f}{tail}")

    print(f"{count:,} records x {repeats} runs, median records/s")
    line("floor: plain INSERT, 10 per transaction", "fb")
    line("PostgresSink bound, 10 per transaction", "sb", "fb")
    line("floor: plain INSERT awaited, 10 per transaction", "fa")
    line("AsyncPostgresSink bound, 10 per transaction", "ab", "fa")
    line("floor: executemany INSERT, 1,000 per batch", "fm")
    line("PostgresSink batched, 1,000 per batch", "sm", "fm")
    line("AsyncPostgresSink batched, 1,000 per batch", "am", "fm")
    line("PostgresSink batched + signed checkpoint per batch", "ss", "fm")
    line("spill: database unreachable, to the spill file", "sp")
    line("replay: the spill file into the table", "rp")


if __name__ == "__main__":
    main()

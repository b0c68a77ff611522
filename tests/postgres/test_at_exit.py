"""Records still queued when the process exits without ``close``/``aclose``: written at exit,
or spilled, or named on stderr (count, reason, ids); the exit stays clean. Each case is a
child process (a small script run with this interpreter)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pg_cluster import Cluster, cluster_fixture, database_fixture, require_psycopg  # noqa: F401 - fixtures
from pg_helpers import create_schema

from registry_runtime import verify_log
from registry_runtime.postgres_verify import verify_table

psycopg = require_psycopg()

PRELUDE = f"""
import asyncio, sys
sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(Path(__file__).parents[2])!r}]
from pg_helpers import KEY, emit
from registry_runtime import Emitter
from registry_runtime.postgres import PostgresSink
from registry_runtime.postgres_async import AsyncPostgresSink

def queue(sink, count):
    emitter = Emitter(sink, hmac_key=KEY)
    ids = [emit(emitter, number)["id"] for number in range(count)]
    print(" ".join(ids), flush=True)

async def queue_async(sink, count):
    queue(sink, count)  # the loop ends with the records queued: no aclose
"""


@pytest.fixture
def db(database: str) -> str:
    with psycopg.connect(database) as conn:
        create_schema(conn)
    return database


def _child(script: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(script)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _ids(conninfo: str) -> dict[str, set[str]]:
    """The ids in the table, by stream."""
    with psycopg.connect(conninfo) as conn:
        result = verify_table(conn)
        assert result.ok, result.problems
        rows = conn.execute("SELECT stream, id::text FROM audit_log").fetchall()
    found: dict[str, set[str]] = {}
    for stream, record_id in rows:
        found.setdefault(stream, set()).add(record_id)
    return found


def test_queued_records_are_written_at_exit(db: str) -> None:
    child = _child(f"""
        queue(PostgresSink({db!r}, batch_size=100, max_delay=60, stream="sync"), 5)
        asyncio.run(queue_async(AsyncPostgresSink({db!r}, max_delay=60, stream="async"), 4))
    """)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert err == ""
    sync, queued_async = (set(line.split()) for line in out.splitlines())
    assert _ids(db) == {"sync": sync, "async": queued_async}


def test_with_the_server_down_the_exit_names_the_records_or_spills_them(
    cluster: Cluster, db: str, tmp_path: Path
) -> None:
    spill, async_spill = tmp_path / "spill.jsonl", tmp_path / "async-spill.jsonl"
    child = _child(f"""
        import time
        queue(PostgresSink({db!r}, max_delay=60, stream="queued"), 5)
        queue(PostgresSink({db!r}, max_delay=0.05, stream="kept"), 2)
        queue(PostgresSink({db!r}, on_unavailable="spill", spill_path={str(spill)!r}), 4)
        asyncio.run(queue_async(AsyncPostgresSink({db!r}, stream="async"), 3))
        asyncio.run(queue_async(
            AsyncPostgresSink({db!r}, on_unavailable="spill", spill_path={str(async_spill)!r}), 2
        ))
        sys.stdin.readline()  # the server stops
        time.sleep(0.3)  # the "kept" sink's timer fails and keeps its error; nothing writes again
    """)
    assert child.stdout is not None
    ids = [child.stdout.readline().split() for _ in range(5)]
    cluster.stop()
    try:
        _out, err = child.communicate("\n", timeout=60)
    finally:
        cluster.start()
    assert child.returncode == 0, err
    assert "Traceback" not in err
    reports = {
        match[1]: (int(match[2]), match[3], match[4].split(", "))
        for match in re.finditer(
            r"^(?:Async)?PostgresSink\(table='audit_log', stream='([^']+)'\) at interpreter exit: "
            r"(\d+) audit record\(s\) not written to PostgreSQL \((.*)\): (.*)$",
            err,
            re.MULTILINE,
        )
    }
    assert set(reports) == {"queued", "kept", "async"}, err
    assert reports["queued"][0] == 5
    assert reports["queued"][2] == ids[0]
    assert reports["kept"][2] == ids[1]
    assert reports["async"][2] == ids[3]
    assert "cannot connect to database host=" in reports["async"][1]
    assert verify_log(str(spill)).records == 4
    assert verify_log(str(async_spill)).records == 2
    assert all(record_id in spill.read_text() for record_id in ids[2])
    assert all(record_id in async_spill.read_text() for record_id in ids[4])
    assert _ids(db) == {}

"""`registry query` by actor over N records: DuckDB on JSON Lines and on Parquet, next to a
plain Python scan (`json.loads` per line, same filter) and `jq` (when installed), one run.

    python bench/bench_query.py [--quick] [N]

N records (default 1,000,000; --quick 100,000) of the runtime's envelope and size (chained,
about 700 bytes a line, 5,000 actors) are written to a temporary directory, then converted to
Parquet with `registry query --format parquet`. Each tool answers "every record of user:u_42"
(200 records per million) and must find the same lines; times are wall-clock medians of 3
runs (jq: 1), the DuckDB times from opening the session to the last row. Targets: DuckDB at
least 3x the Python scan on JSON Lines and 30x on Parquet.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _harness import machine_line, progress, timed

from registry.query.engine import Session, records_sql
from registry.query.filters import Filters, where
from registry.query.sources import find_sources

ACTOR = ("user", "u_42")
ACTORS = 5000


def write_records(path: Path, count: int) -> None:
    events = ("user.promoted_production", "user.deploy_failed", "user.profile_updated")
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(count):
            record = {
                "id": f"01a237bc-5887-726c-a227-{n:012x}",
                "event": events[n % 3],
                "version": 1,
                "occurred_at": f"2026-05-{1 + n % 28:02d}T10:{n % 60:02d}:00.000Z",
                "actor": {"type": "user", "id": f"u_{n % ACTORS}"},
                "targets": [{"type": "release", "id": f"rel_{n % 977:08d}"}],
                "outcome": "failure" if n % 3 == 1 else "success",
                "reason": "health_check_failed" if n % 3 == 1 else None,
                "context": {"ip": "hmac:" + "e" * 64, "user_agent": None,
                            "request_id": f"req_{n}", "session_id": "hmac:" + "1" * 64},
                "tenant": "acme",
                "fields": {"app_id": "app_9x7c2v", "release_id": f"rel_{n % 977:08d}",
                           "approver_email": "hmac:" + "2" * 64, "change_ticket": "CHG004211"},
                "stream": "bench-stream", "seq": n,
                "prev_hash": "a" * 64, "hash": "b" * 64,
            }
            handle.write(json.dumps(record, separators=(",", ":")) + "\n")


def duckdb_scan(path: Path) -> list[str]:
    clause, params = where(Filters(actor=ACTOR))
    with Session(find_sources((str(path),))) as session:
        answer = session.answer(records_sql(clause, None), params)
    at = answer.columns.index("line")
    return [str(row[at]) for row in answer.rows]


def python_scan(path: Path) -> list[str]:
    found = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            actor = record.get("actor") or {}
            if actor.get("type") == ACTOR[0] and actor.get("id") == ACTOR[1]:
                found.append(line.rstrip("\n"))
    return found


def jq_scan(path: Path) -> list[str]:
    program = f'select(.actor.type == "{ACTOR[0]}" and .actor.id == "{ACTOR[1]}") | .id'
    done = subprocess.run(["jq", "-r", program, str(path)], capture_output=True, text=True,
                          check=True)
    return done.stdout.split()


def main(argv: list[str]) -> int:
    numbers = [a for a in argv if a.isdigit()]
    count = int(numbers[0]) if numbers else (100_000 if "--quick" in argv else 1_000_000)
    directory = Path(tempfile.mkdtemp(prefix="bench-query-"))
    try:
        jsonl = directory / "audit.jsonl"
        parquet = directory / "audit.parquet"
        progress(f"writing {count:,} records ...")
        write_records(jsonl, count)
        with Session(find_sources((str(jsonl),)), writable=(str(parquet),)) as session:
            session.relation(records_sql("TRUE", None), []).write_parquet(str(parquet))
        expected = sorted(python_scan(jsonl))
        assert sorted(duckdb_scan(jsonl)) == expected
        assert sorted(duckdb_scan(parquet)) == expected
        progress("timing ...")
        python, _ = timed(lambda: python_scan(jsonl), 3)
        on_jsonl, _ = timed(lambda: duckdb_scan(jsonl), 3)
        on_parquet, _ = timed(lambda: duckdb_scan(parquet), 3)
        rows = [
            ("python json.loads scan (baseline)", python),
            ("registry query, JSON Lines", on_jsonl),
            ("registry query, Parquet", on_parquet),
        ]
        if shutil.which("jq"):
            assert len(jq_scan(jsonl)) == len(expected)
            jq, _ = timed(lambda: jq_scan(jsonl), 1)
            rows.append(("jq, JSON Lines", jq))
        size = jsonl.stat().st_size / 1e6
        print(f"query by actor over {count:,} records ({size:.0f} MB JSON Lines, "
              f"{parquet.stat().st_size / 1e6:.0f} MB Parquet), {len(expected)} found")
        print(machine_line())
        print(f"{'tool':<36} {'seconds':>8} {'vs python':>10}")
        for name, seconds in rows:
            print(f"{name:<36} {seconds:8.2f} {python / seconds:9.1f}x")
        return 0
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main(sys.argv[1:]))

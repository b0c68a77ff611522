"""`registry query` by actor over N records: DuckDB on JSON Lines, on a Parquet file and on
an archive of `registry archive`, in process and through the CLI, next to a plain Python scan
(`json.loads` per line, same filter) and `jq` (when installed), in one run.

    python bench/bench_query.py [--quick] [N] [--baseline DIR] [--runs R]

N records (default 1,000,000; --quick 100,000) of the runtime's envelope and size (one
chained stream with real hashes, about 860 bytes a line, 5,000 actors) are written to a
temporary directory. Each source tree (this checkout, and with --baseline DIR another one,
for example `git archive HEAD registry registry_runtime generators catalog | tar -x -C DIR`)
then, in a process of its own: archives the log with its own `registry archive`, writes the
Parquet file with its own `registry query --format parquet`, and answers "every record of
user:u_42" (200 per million) in process (`Session`, opened to last row) and end to end
(`registry query ... --format jsonl`, a new process: start-up, imports, skipped-line count).
Every answer must hold the lines the Python scan finds. Figures: medians of R runs (default
3; jq 1) of wall clock and of CPU time (process and DuckDB's threads; children for the
CLI), and each one's ratio to the Python scan measured in the same run: CPU ratios are the
ones a loaded machine moves least. Targets: at least 3x on JSON Lines, 30x on Parquet.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _harness import machine_line, progress

from registry_runtime.chain import ZERO_HASH, seal

ACTOR = ("user", "u_42")
ACTORS = 5000
STREAM = "bench-stream"
HERE = Path(__file__).resolve().parent
REGISTRY = "from registry.cli import main; main()"


def write_records(path: Path, count: int) -> None:
    """`count` chained records of one stream (real hashes: `registry archive` verifies them)."""
    events = ("user.promoted_production", "user.deploy_failed", "user.profile_updated")
    prev = ZERO_HASH
    with open(path, "wb") as handle:
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
                "context": {
                    "ip": "hmac:" + "e" * 64,
                    "user_agent": None,
                    "request_id": f"req_{n}",
                    "session_id": "hmac:" + "1" * 64,
                },
                "tenant": "acme",
                "fields": {
                    "app_id": "app_9x7c2v",
                    "release_id": f"rel_{n % 977:08d}",
                    "approver_email": "hmac:" + "2" * 64,
                    "change_ticket": "CHG004211",
                },
            }
            body = json.dumps(record, separators=(",", ":")).encode("utf-8")
            line, prev = seal(body, prev, STREAM, n)
            handle.write(line)


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
                          check=True)  # fmt: skip
    return done.stdout.split()


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure(action: Callable[[], object], runs: int, who: int = resource.RUSAGE_SELF
            ) -> tuple[float, float]:  # fmt: skip
    """(median wall seconds, median CPU seconds) of `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), _cpu(who)
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu(who) - cpu)
    return statistics.median(walls), statistics.median(cpus)


def child(log: Path, work: Path, runs: int) -> dict[str, object]:
    """In the process of one source tree (on its PYTHONPATH): archive, convert, time."""
    from registry.query.engine import Session, records_sql
    from registry.query.filters import Filters, where
    from registry.query.sources import find_sources

    archive, parquet = work / "archive", work / "audit.parquet"
    registry = [sys.executable, "-c", REGISTRY]
    wall = time.perf_counter()
    subprocess.run([*registry, "archive", str(log), "--to", str(archive)], check=True,
                   capture_output=True)  # fmt: skip
    archived = time.perf_counter() - wall
    subprocess.run([*registry, "query", str(log), "--format", "parquet", "--out", str(parquet)],
                   check=True, capture_output=True)  # fmt: skip
    expected = sorted(python_scan(log))

    def in_process(path: Path) -> list[str]:
        clause, params = where(Filters(actor=ACTOR))
        with Session(find_sources((str(path),))) as session:
            answer = session.answer(records_sql(clause, None), params)
        at = answer.columns.index("line")
        return [str(row[at]) for row in answer.rows]

    def cli(path: Path) -> list[str]:
        done = subprocess.run(
            [*registry, "query", str(path), "--actor", ":".join(ACTOR), "--format", "jsonl"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        # The baseline may print DuckDB's progress bar on stdout (fixed in a9acf69).
        return [line for line in done.stdout.splitlines() if line.startswith("{")]

    figures: dict[str, object] = {"archive seconds": archived}
    for name, path in (("JSON Lines", log), ("Parquet file", parquet), ("archive", archive)):
        assert sorted(in_process(path)) == expected, name
        assert sorted(cli(path)) == expected, name
        figures[f"in process, {name}"] = measure(lambda p=path: in_process(p), runs)
        figures[f"CLI, {name}"] = measure(lambda p=path: cli(p), runs, resource.RUSAGE_CHILDREN)
    figures["archive MB"] = sum(f.stat().st_size for f in archive.rglob("*")) / 1e6
    return figures


def run_tree(tree: Path | None, log: Path, work: Path, runs: int) -> dict[str, object]:
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    work.mkdir()
    done = subprocess.run(
        [sys.executable, str(HERE / "bench_query.py"), "--child", str(log), str(work),
         "--runs", str(runs)],
        env=env, check=False, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"{tree or 'this tree'}: {done.stderr[-2000:]}")
    figures: dict[str, object] = json.loads(done.stdout)
    return figures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--baseline", type=Path, default=None, help="another source tree")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        print(json.dumps(child(*options.child, options.runs)))
        return 0
    count = options.count or (100_000 if options.quick else 1_000_000)
    directory = Path(tempfile.mkdtemp(prefix="bench-query-"))
    try:
        log = directory / "audit.jsonl"
        progress(f"writing {count:,} records ...")
        write_records(log, count)
        trees = {"this tree": None}
        if options.baseline is not None:
            trees = {"baseline": options.baseline.resolve(), **trees}
        progress("timing the Python scan ...")
        python = measure(lambda: python_scan(log), options.runs)
        results = {}
        for label, tree in trees.items():
            progress(f"{label}: archiving, converting, timing ...")
            results[label] = run_tree(tree, log, directory / label.replace(" ", "-"),
                                      options.runs)  # fmt: skip
        jq = None
        if shutil.which("jq"):
            jq = measure(lambda: jq_scan(log), 1, resource.RUSAGE_CHILDREN)
        print(f"query by actor over {count:,} records ({log.stat().st_size / 1e6:.0f} MB "
              f"JSON Lines), {len(python_scan(log))} found")  # fmt: skip
        print(machine_line())
        print()
        print("| tree | measurement | wall s | vs python | CPU s | vs python (CPU) |")
        print("|---|---|---:|---:|---:|---:|")
        rows = [("", "python json.loads scan (baseline)", python)]
        if jq is not None:
            rows.append(("", "jq, JSON Lines", jq))
        for label, figures in results.items():
            rows += [(label, name, value) for name, value in figures.items()
                     if isinstance(value, list)]  # fmt: skip
        for label, name, (wall, cpu) in rows:
            print(f"| {label} | {name} | {wall:.3f} | {python[0] / wall:.1f}x | {cpu:.3f} | "
                  f"{python[1] / cpu:.1f}x |")  # fmt: skip
        for label, figures in results.items():
            print(f"{label}: registry archive {figures['archive seconds']:.1f} s wall, "
                  f"{figures['archive MB']:.0f} MB")  # fmt: skip
        return 0
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

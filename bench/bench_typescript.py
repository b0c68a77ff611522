#!/usr/bin/env python3
"""TypeScript emitters next to Python's, and `generate typescript` at 10,000 events.

- emit: the median cost of one `user.signed_in` emit (validation, UUIDv7, timestamp, two HMAC
  redactions with a full context, serialization) through the generated `AuditLog` of the
  built-in catalog into a memory sink, and into the chained JSON Lines file, in Node (the
  package compiled by tsc) and in Python (the generated package over registry_runtime),
  wall-clock and CPU time (on a shared machine the CPU time moves less with the load);
- generate: the commands `registry generate typescript` and `registry generate python` (start-up
  included, as bench/run.py times them) on the same synthetic catalog of 10,000 events
  (bench_lint.build_catalogs with bench/run.py's seed and 100 files), taking turns, median of
  --repeats runs each, wall-clock and CPU time (the command and its children), and the ratio
  of the two measured in this run; tsc on the TypeScript package (once).

    python bench/bench_typescript.py            # 20,000 emits x 5 runs, generate x 3
    python bench/bench_typescript.py --quick    # 5,000 emits x 3 runs, generate x 1

bench/run.py runs it and puts its output in bench/results.md.

Needs `node` and tsc (.tools/node, installed by .ci/run).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from _harness import machine_line, run_command
from bench_lint import FILES, SEED, build_catalogs

from registry.generate.run import generate
from registry_runtime import Actor, Context, JsonLinesSink, Target

TOOLS = ROOT / ".tools" / "node" / "node_modules"
EVENTS = 10_000

NODE_BENCH = """
const [dist, n, runs, log] = process.argv.slice(1);
const m = await import(new URL(`file://${dist}/index.js`).href);
const call = {
  actor: { type: "user", id: "u-1" }, targets: [{ type: "session", id: "s-1" }], outcome: "success",
  context: { ip: "203.0.113.9", userAgent: "bench/1", requestId: "r-1", sessionId: "sess-1" },
  fields: { method: "password", mfa_used: true, login_name: "alice@example.com", failed_attempts: 0 },
};
function median(values) { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function measure(sink) {
  const audit = new m.AuditLog({ sink, hmacKey: "bench-key" });
  const wall = [], cpu = [];
  for (let r = 0; r < Number(runs); r++) {
    const start = process.hrtime.bigint(), used = process.cpuUsage();
    for (let i = 0; i < Number(n); i++) audit.userSignedIn(call);
    const spent = process.cpuUsage(used);
    wall.push(Number(process.hrtime.bigint() - start) / 1000 / Number(n));
    cpu.push((spent.user + spent.system) / Number(n));
  }
  audit.close();
  return [median(wall), median(cpu)];
}
const memory = measure({ write() {}, close() {} });
const chained = measure(new m.JsonLinesSink(log));
process.stdout.write(JSON.stringify({ memory, chained }));
"""


class _NullSink:
    """Drops every record (the Node side's memory sink does the same)."""

    def write(self, record: object, line: bytes) -> None:
        pass

    def close(self) -> None:
        pass


Timing = tuple[float, float]
"""Median µs per emit: wall-clock, and CPU time of the process (all its threads)."""


def _python_emit(package_dir: Path, n: int, runs: int, log: Path) -> tuple[Timing, Timing]:
    sys.path.insert(0, str(package_dir))
    audit_events = importlib.import_module("audit_events")
    kwargs = {
        "actor": Actor("user", "u-1"),
        "targets": [Target("session", "s-1")],
        "outcome": "success",
        "context": Context("203.0.113.9", "bench/1", "r-1", "sess-1"),
        "method": "password",
        "mfa_used": True,
        "login_name": "alice@example.com",
        "failed_attempts": 0,
    }
    results: list[Timing] = []
    for sink in (_NullSink(), JsonLinesSink(log)):
        audit = audit_events.AuditLog(sink, hmac_key="bench-key")
        wall, cpu = [], []
        for _ in range(runs):
            start, used = time.perf_counter(), time.process_time()
            for _ in range(n):
                audit.user_signed_in(**kwargs)
            cpu.append((time.process_time() - used) / n * 1e6)
            wall.append((time.perf_counter() - start) / n * 1e6)
        audit.close()
        results.append((statistics.median(wall), statistics.median(cpu)))
    return results[0], results[1]


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def _generate_times(catalogs: Path, work: Path, repeats: int) -> dict[str, tuple[float, float]]:
    """(median wall seconds, median CPU seconds) of `registry generate TARGET` for python and
    typescript on the catalogs in ``catalogs``; the two take turns, the first changing each run,
    so that a change in the machine's load falls on both."""
    registry = [sys.executable, "-m", "registry", "generate"]
    samples: dict[str, list[tuple[float, float]]] = {"python": [], "typescript": []}
    for run in range(repeats):
        order = ("python", "typescript") if run % 2 == 0 else ("typescript", "python")
        for target in order:
            out = work / f"gen-{target}"
            shutil.rmtree(out, ignore_errors=True)
            cpu, start = _children_cpu(), time.perf_counter()
            run_command([*registry, target, str(catalogs), "--out", str(out)], cwd=work)
            samples[target].append((time.perf_counter() - start, _children_cpu() - cpu))
    return {
        target: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for target, runs in samples.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeats", type=int, default=None, help="generate runs (3; 1 quick)")
    options = parser.parse_args()
    n, runs = (5_000, 3) if options.quick else (20_000, 5)
    repeats = options.repeats or (1 if options.quick else 3)
    node = shutil.which("node")
    tsc = TOOLS / ".bin" / "tsc"
    if node is None or not tsc.is_file():
        raise SystemExit("bench_typescript: node and tsc are needed (.ci/run installs them)")
    config_root = ROOT
    from conftest import make_config

    config = make_config(config_root)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        generate("typescript", (str(ROOT / "catalog"),), config, work / "ts")
        package = work / "ts" / "audit-events"
        (package / "node_modules").symlink_to(TOOLS, target_is_directory=True)
        subprocess.run([node, str(tsc), "-p", str(package)], check=True)
        generate("python", (str(ROOT / "catalog"),), config, work / "py")
        run = subprocess.run(
            [node, "--input-type=module", "-e", NODE_BENCH, str(package / "dist"), str(n),
             str(runs), str(work / "node.jsonl")],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        ts = json.loads(run.stdout)
        py_memory, py_chained = _python_emit(work / "py", n, runs, work / "py.jsonl")

        catalogs = work / "catalogs"
        build_catalogs(catalogs, EVENTS, seed=SEED, files=FILES)
        generated = _generate_times(catalogs, work, repeats)
        big = work / "gen-typescript" / "audit-events"
        (big / "node_modules").symlink_to(TOOLS, target_is_directory=True)
        start = time.perf_counter()
        subprocess.run([node, str(tsc), "-p", str(big)], check=True)
        tsc_seconds = time.perf_counter() - start

    print(machine_line())
    print(f"emits: {n:,} x {runs} runs (median per event; CPU: the process's, all threads)\n")
    print("| measurement | | TypeScript (Node) | Python | TS / Python |")
    print("|---|---|---:|---:|---:|")
    for label, mine, theirs in (
        ("emit to memory", ts["memory"], py_memory),
        ("emit to the chained file", ts["chained"], py_chained),
    ):
        for index, kind in enumerate(("wall", "CPU")):
            print(
                f"| {label} | {kind} | {mine[index]:.2f} µs | {theirs[index]:.2f} µs |"
                f" {mine[index] / theirs[index]:.2f}x |"
            )
    (py_wall, py_cpu), (ts_wall, ts_cpu) = generated["python"], generated["typescript"]
    print(f"\n`registry generate` at {EVENTS:,} events ({FILES} files, seed {SEED}; commands,")
    print(f"start-up included; median of {repeats}, the targets taking turns)\n")
    print("| command | wall | CPU |")
    print("|---|---:|---:|")
    print(f"| `registry generate python` | {py_wall:.2f} s | {py_cpu:.2f} s |")
    print(f"| `registry generate typescript` | {ts_wall:.2f} s | {ts_cpu:.2f} s |")
    print(f"| typescript / python | {ts_wall / py_wall:.2f}x | {ts_cpu / py_cpu:.2f}x |")
    print(f"\ntsc on the generated package of {EVENTS:,} events: {tsc_seconds:.1f} s")


if __name__ == "__main__":
    main()

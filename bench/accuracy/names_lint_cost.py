#!/usr/bin/env python3
"""What the name analysis of P001/P002 costs at 10,000 events: two source trees side by side.

    git archive <before> registry registry_runtime generators catalog | tar -x -C /tmp/base
    python bench/accuracy/names_lint_cost.py --before /tmp/base [--after .] [--runs 5]

Each figure is the CPU time (user + system, `resource.getrusage(RUSAGE_CHILDREN)`) of a fresh
Python process that imports the tree, builds the configuration and lints the catalogs, so the
workers lint starts are counted too. The two trees run alternately, `--runs` times each, and
the median is reported with the ratio after/before; CPU time rather than the wall clock,
because the machine is shared. The catalogs are `bench_lint.build_catalogs` (10,000 events,
its seed) in two shapes: fields drawn from a small pool per file, and every field name
distinct (`distinct_fields=True`), where the name analysis cannot lean on its caches. A third
figure is the name analysis alone: every name of bench/accuracy/names.tsv and
bench/privacy_names.tsv through `classify_personal` and `classify_credential`, caches emptied,
per name (best of 15, in one process per tree).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
sys.path.insert(0, str(BENCH))

LINT = """
import sys
from registry.catalog.config import build_config
from registry.lint.engine import lint
directory = sys.argv[1]
select = tuple(sys.argv[2].split(",")) if sys.argv[2] else ()
lint((directory,), build_config({}, directory, None), select=select)
"""

NAMES = """
import csv, sys, time
from registry.privacy import names
rows = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows += [(r["name"], r["type"]) for r in csv.DictReader(handle, delimiter="\\t")]
def run():
    names.classify_personal.cache_clear()
    names.classify_credential.cache_clear()
    names.name_words.cache_clear()
    start = time.process_time()
    for name, kind in rows:
        names.classify_personal(name, kind)
        names.classify_credential(name, kind)
    return time.process_time() - start
run()
print(min(run() for _ in range(15)) / len(rows) * 1e6)
"""


def cpu_of(tree: Path, *argv: str) -> float:
    """CPU seconds of one fresh process (and its children) running with `tree` first."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", *argv], env=env, check=True, cwd=tree)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the baseline source tree")
    parser.add_argument("--after", type=Path, default=BENCH.parent, help="default: this checkout")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from bench_lint import build_catalogs

    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    with tempfile.TemporaryDirectory(prefix="registry-names-cost-") as tmp:
        shapes = {}
        for shape, distinct in (("fields from a pool", False), ("distinct field names", True)):
            directory = Path(tmp) / ("distinct" if distinct else "pool")
            build_catalogs(directory, args.events, distinct_fields=distinct)
            shapes[shape] = directory
        cases = [
            (f"{shape}, lint end to end", str(directory), "") for shape, directory in shapes.items()
        ]
        cases.append(
            (
                "distinct field names, P001+P002 only",
                str(shapes["distinct field names"]),
                "P001,P002",
            )
        )
        print(f"{args.events:,} events, CPU seconds of a fresh process, median of {args.runs}")
        print(f"  {'':<44}{'before':>8}{'after':>8}{'ratio':>8}")
        for label, directory, select in cases:
            times: dict[str, list[float]] = {"before": [], "after": []}
            for _ in range(args.runs):
                for side, tree in trees.items():
                    times[side].append(cpu_of(tree, LINT, directory, select))
            low, high = (statistics.median(times[s]) for s in ("before", "after"))
            print(f"  {label:<44}{low:>8.2f}{high:>8.2f}{high / low:>8.3f}")
        lists = [str(HERE / "names.tsv"), str(BENCH / "privacy_names.tsv")]
        per_name = {}
        for side, tree in trees.items():
            env = {**os.environ, "PYTHONPATH": str(tree)}
            out = subprocess.run(
                [sys.executable, "-c", NAMES, *lists],
                env=env,
                check=True,
                cwd=tree,
                capture_output=True,
                text=True,
            )
            per_name[side] = float(out.stdout.strip())
        ratio = per_name["after"] / per_name["before"]
        label = "name analysis alone, per name (µs)"
        print(f"  {label:<44}{per_name['before']:>8.1f}{per_name['after']:>8.1f}{ratio:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

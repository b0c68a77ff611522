#!/usr/bin/env python3
"""How long do `registry generate python / markdown / html` take on 10,000 events, as ratios
to the PyYAML floor measured in the same run (issue 14, item 6)?

The catalogs are bench/run.py's (bench_lint.build_catalogs, same seed, 100 files): the
synthetic one, whose events draw fields from a pool per file, and with --distinct the held-out
one whose events share no field. Each round times the floor (PyYAML CSafeLoader over every
file, in this process) and then each command once, so a busy machine slows all of them alike;
the figures are medians over the rounds, each ratio the median of the rounds' ratios.

--baseline DIR also runs the commands from another source tree in every round (DIR holds
`registry`, `registry_runtime`, `generators` and `catalog`, as `git archive REV registry
registry_runtime generators catalog | tar -x -C DIR` writes them): before and after in one run.

    python bench/bench_generate.py                      # 5 rounds
    python bench/bench_generate.py --baseline /tmp/base --distinct --rounds 7
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench")]

import yaml
from _harness import machine_line, progress, run_command
from bench_lint import build_catalogs
from run import GENERATE_TARGETS, files_for

EVENTS = 10_000


def _floor(directory: Path) -> float:
    texts = [path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.yaml"))]
    start = time.perf_counter()
    for text in texts:
        yaml.load(text, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def _command(target: str, directory: Path, out: Path, tree: Path | None) -> float:
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    argv = [sys.executable, "-m", "registry", "generate", target, str(directory), "--out", str(out)]
    start = time.perf_counter()
    run_command(argv, env=env, cwd=out.parent)
    return time.perf_counter() - start


def measure(
    directory: Path, work: Path, rounds: int, trees: dict[str, Path | None]
) -> dict[tuple[str, str], tuple[float, float]]:
    """(tree, target) -> (median seconds, median ratio to the floor)."""
    seconds: dict[tuple[str, str], list[float]] = {}
    ratios: dict[tuple[str, str], list[float]] = {}
    floors = []
    for number in range(rounds):
        progress(f"{directory.name}: round {number + 1} of {rounds} ...")
        floor = _floor(directory)
        floors.append(floor)
        for target in GENERATE_TARGETS:
            for label, tree in trees.items():
                out = work / f"out-{directory.name}-{label}-{target}"
                value = _command(target, directory, out, tree)
                seconds.setdefault((label, target), []).append(value)
                ratios.setdefault((label, target), []).append(value / floor)
    result = {
        key: (statistics.median(seconds[key]), statistics.median(ratios[key])) for key in seconds
    }
    result[("floor", "PyYAML")] = (statistics.median(floors), 1.0)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", type=Path, default=None, help="another source tree")
    parser.add_argument("--distinct", action="store_true", help="also the held-out catalog")
    options = parser.parse_args()
    trees: dict[str, Path | None] = {"this tree": None}
    if options.baseline is not None:
        trees = {"baseline": options.baseline.resolve(), **trees}
    with tempfile.TemporaryDirectory(prefix="registry-bench-generate-") as temporary:
        work = Path(temporary)
        catalogs = [("shared fields", work / "catalog")]
        if options.distinct:
            catalogs.append(("no shared field (held out)", work / "catalog_distinct"))
        for _name, directory in catalogs:
            distinct = directory.name.endswith("distinct")
            build_catalogs(directory, EVENTS, files=files_for(EVENTS), distinct_fields=distinct)
        results = [(name, measure(d, work, options.rounds, trees)) for name, d in catalogs]
    print(machine_line())
    print(f"{EVENTS:,} events, median of {options.rounds} rounds\n")
    print("| catalog | tree | target | median | ratio to floor | target ratio |")
    print("|---|---|---|---:|---:|---:|")
    for name, result in results:
        floor = result[("floor", "PyYAML")][0]
        print(f"| {name} | - | PyYAML floor | {floor:.3f} s | - | - |")
        for target, limit in GENERATE_TARGETS.items():
            for label in trees:
                value, ratio = result[(label, target)]
                print(f"| {name} | {label} | {target} | {value:.3f} s | {ratio:.2f}x | {limit}x |")


if __name__ == "__main__":
    main()

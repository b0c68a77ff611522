#!/usr/bin/env python3
"""How long do `registry generate python / markdown / html` take on 10,000 events, as ratios
to the PyYAML floor measured in the same run (issue 14, item 6)?

The catalogs are bench/run.py's (bench_lint.build_catalogs, same seed, 100 files): the
synthetic one, whose events draw fields from a pool per file, and with --distinct the held-out
one whose events share no field. Each round times the floor (PyYAML CSafeLoader over every
file, in this process) and then each command once, so a busy machine slows all of them alike;
the figures are medians over the rounds, each ratio the median of the rounds' ratios. Beside
the wall-clock time, the CPU time (user and system, of the floor in this process and of each
command with its children): on a machine others share, it varies much less. And the CPU time
of the command's own process alone ("own CPU"): the work its forked children do on the other
core is left out, so on a busy machine, where those children get no core of their own, it
tells what the wall-clock time would be on an idle one.

--baseline DIR also runs the commands from another source tree in every round (DIR holds
`registry`, `registry_runtime`, `generators` and `catalog`, as `git archive REV registry
registry_runtime generators catalog | tar -x -C DIR` writes them): before and after in one run.

    python bench/bench_generate.py                      # 5 rounds
    python bench/bench_generate.py --baseline /tmp/base --distinct --rounds 7
    python bench/bench_generate.py --target python --rounds 7    # one target only
"""

from __future__ import annotations

import argparse
import os
import resource
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


Times = tuple[float, float, float]
"""(wall-clock seconds, CPU seconds with children, CPU seconds of the command's process)."""

_OWN_CPU = """\
import atexit, os, resource, sys
def _own():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(os.environ["BENCH_OWN_CPU"], "w") as file:
        file.write(repr(usage.ru_utime + usage.ru_stime))
atexit.register(_own)
from registry.cli import main
sys.argv = ["registry", *sys.argv[1:]]
main()
"""
"""`python -m registry ...` that writes its own CPU seconds to $BENCH_OWN_CPU as it exits."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _floor(directory: Path) -> Times:
    texts = [path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.yaml"))]
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        yaml.load(text, Loader=yaml.CSafeLoader)
    used = time.process_time() - cpu
    return time.perf_counter() - start, used, used


def _command(target: str, directory: Path, out: Path, tree: Path | None) -> Times:
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    own = out.parent / f"{out.name}.own-cpu"
    env["BENCH_OWN_CPU"] = str(own)
    argv = [sys.executable, "-c", _OWN_CPU, "generate", target, str(directory), "--out", str(out)]
    start, cpu = time.perf_counter(), _children_cpu()
    run_command(argv, env=env, cwd=out.parent)
    wall, used = time.perf_counter() - start, _children_cpu() - cpu
    return wall, used, float(own.read_text(encoding="ascii"))


Figures = tuple[float, float, float, float, float, float]
"""Medians: wall-clock seconds, its ratio to the floor, CPU seconds, its ratio to the floor,
own CPU seconds, its ratio to the floor's CPU."""


def measure(
    directory: Path,
    work: Path,
    rounds: int,
    trees: dict[str, Path | None],
    targets: tuple[str, ...] = tuple(GENERATE_TARGETS),
) -> dict[tuple[str, str], Figures]:
    """(tree, target) -> its figures; ("floor", "PyYAML") -> the floor's."""
    samples: dict[tuple[str, str], list[Figures]] = {}
    for number in range(rounds):
        progress(f"{directory.name}: round {number + 1} of {rounds} ...")
        floor, floor_cpu, _ = _floor(directory)
        samples.setdefault(("floor", "PyYAML"), []).append(
            (floor, 1.0, floor_cpu, 1.0, floor_cpu, 1.0)
        )
        for target in targets:
            for label, tree in trees.items():
                out = work / f"out-{directory.name}-{label}-{target}"
                wall, cpu, own = _command(target, directory, out, tree)
                figures = (wall, wall / floor, cpu, cpu / floor_cpu, own, own / floor_cpu)
                samples.setdefault((label, target), []).append(figures)
    result: dict[tuple[str, str], Figures] = {}
    for key, rows in samples.items():
        medians = [statistics.median(c) for c in zip(*rows, strict=True)]
        result[key] = (medians[0], medians[1], medians[2], medians[3], medians[4], medians[5])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", type=Path, default=None, help="another source tree")
    parser.add_argument("--distinct", action="store_true", help="also the held-out catalog")
    parser.add_argument(
        "--tree", type=Path, default=None, help="a source tree to time instead of this checkout"
    )
    parser.add_argument(
        "--target",
        dest="targets",
        action="append",
        choices=tuple(GENERATE_TARGETS),
        help="time only this target (repeat for more; all three without it)",
    )
    options = parser.parse_args()
    targets = tuple(options.targets or GENERATE_TARGETS)
    trees: dict[str, Path | None] = {
        "this tree": options.tree.resolve() if options.tree is not None else None
    }
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
        results = [(name, measure(d, work, options.rounds, trees, targets)) for name, d in catalogs]
    print(machine_line())
    print(f"{EVENTS:,} events, median of {options.rounds} rounds\n")
    print(
        "| catalog | tree | target | wall | ratio | CPU | CPU ratio | own CPU | own ratio "
        "| target ratio |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, result in results:
        floor, _, floor_cpu, *_ = result[("floor", "PyYAML")]
        print(
            f"| {name} | - | PyYAML floor | {floor:.3f} s | - | {floor_cpu:.3f} s | - | - | - | - |"
        )
        for target in targets:
            limit = GENERATE_TARGETS[target]
            for label in trees:
                wall, ratio, cpu, cpu_ratio, own, own_ratio = result[(label, target)]
                print(
                    f"| {name} | {label} | {target} | {wall:.3f} s | {ratio:.2f}x | "
                    f"{cpu:.3f} s | {cpu_ratio:.2f}x | {own:.3f} s | {own_ratio:.2f}x | {limit}x |"
                )


if __name__ == "__main__":
    main()

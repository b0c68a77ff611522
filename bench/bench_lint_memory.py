"""Peak memory and time of a cold `registry lint` as the catalog grows to 1,000,000 events.

Issue 14's target: peak memory grows linearly and stays at or under 3 GB at 1,000,000 events.
The synthetic catalog of bench_lint.py has at most 36,000 distinct event names, so a larger
catalog is made of copies of a 10,000-event one, each copy under its own namespace
(`ns<letters>.user.created_owner`) and with its own domain names: 100 files per copy, 1,000
events per 10 files. Each size is linted once, cold (`--no-cache`), in a fresh process whose
peak resident set size (`ru_maxrss`) is read when it exits; memory per event is printed so
that the growth can be read as linear or not, with the CPU time (user + system) of the
command and its children (the forked rule runner).

`--baseline DIR` lints every size with another source tree too (DIR holds `registry` and
`registry_runtime`, for example from `git archive HEAD registry registry_runtime generators
catalog | tar -x -C DIR`), in the same run, so that before and after share the machine's load.

    python bench/bench_lint_memory.py                      # 100,000, 300,000 and 1,000,000 events
    python bench/bench_lint_memory.py --sizes 10000,100000
    python bench/bench_lint_memory.py --sizes 10000,100000 --baseline /tmp/base
    python bench/bench_lint_memory.py --sizes 10000 --baseline /tmp/base --tree /tmp/after

`--tree DIR` lints with a snapshot instead of this checkout (others' unfinished edits in a
shared checkout can break a run). `--rounds N` lints each size N times, the trees in turns
(one row per run), so that CPU times can be compared on a loaded machine by their least.

    python bench/bench_lint_memory.py --sizes 10000 --rounds 3 --baseline /tmp/base
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import string
import subprocess
import sys
import tempfile
from pathlib import Path

from _harness import machine_line
from bench_lint import build_catalogs

UNIT = 10_000
EVENT_KEY = re.compile(r"^  ([a-z_]+\.[a-z_]+):", re.MULTILINE)
DOMAIN = re.compile(r"^domain: (\S+)$", re.MULTILINE)


def namespace(copy: int) -> str:
    """ns, nsb, nsc, ... nsz, nsbb, ...: letters only, so naming reads a word, not a number."""
    letters = string.ascii_lowercase[1:]
    suffix = ""
    while copy:
        copy, digit = divmod(copy - 1, len(letters))
        suffix = letters[digit] + suffix
    return f"ns{suffix}"


def build(directory: Path, events: int, unit: Path) -> None:
    directory.mkdir(parents=True)
    for copy in range(events // UNIT):
        space = namespace(copy)
        for source in sorted(unit.glob("*.yaml")):
            text = source.read_text("utf-8")
            text = EVENT_KEY.sub(lambda m, s=space: f"  {s}.{m.group(1)}:", text)
            text = DOMAIN.sub(lambda m, s=space: f"domain: {m.group(1)}_{s}", text)
            (directory / f"{space}_{source.name}").write_text(text, "utf-8")


WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "seconds = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(seconds, usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime)\n"
)
"""Runs one command as its only child, so RUSAGE_CHILDREN's figures are that command's (its
peak is the largest of the command and the child it forks for the rules)."""


def lint(directory: Path, tree: Path | None = None) -> tuple[float, float, int, float]:
    """Seconds, peak RSS in MB, exit code and CPU seconds of one cold `registry lint` in a
    fresh process, run from `tree` when given (else this checkout)."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    argv = [sys.executable, "-m", "registry", "lint", str(directory), "--no-cache"]
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *argv, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=directory.parent,
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2]), float(out[3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="100000,300000,1000000", help="comma-separated")
    parser.add_argument("--baseline", type=Path, default=None, help="another source tree")
    parser.add_argument(
        "--tree",
        type=Path,
        default=None,
        help="a source tree to lint with instead of this checkout",
    )
    parser.add_argument("--rounds", type=int, default=1, help="runs of each tree per size")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if any(size % UNIT for size in sizes):
        parser.error(f"sizes must be multiples of {UNIT:,}")
    print(machine_line())
    trees: dict[str, Path | None] = {
        "this tree": args.tree.resolve() if args.tree is not None else None
    }
    if args.baseline is not None:
        trees = {"baseline": args.baseline.resolve(), **trees}
    print(
        f"{'tree':<10}  {'events':>10}  {'seconds':>8}  {'CPU s':>8}  {'peak MB':>8}"
        f"  {'KB/event':>8}  exit"
    )
    with tempfile.TemporaryDirectory() as temp:
        unit = Path(temp) / "unit"
        build_catalogs(unit, UNIT)
        for size in sizes:
            directory = Path(temp) / f"c{size}"
            build(directory, size, unit)
            for label, tree in [pair for _ in range(args.rounds) for pair in trees.items()]:
                seconds, peak, code, cpu = lint(directory, tree)
                print(
                    f"{label:<10}  {size:>10,}  {seconds:>8.1f}  {cpu:>8.1f}  {peak:>8.0f}"
                    f"  {peak * 1024 / size:>8.2f}  {code}",
                    flush=True,
                )
            shutil.rmtree(directory)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

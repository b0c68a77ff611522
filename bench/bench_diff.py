"""How long does `registry diff` take next to `registry lint`, on 10,000-event catalogs?

Builds the synthetic catalogs of bench_lint.py (BASE), copies them and mutates a few events
(HEAD: a field removed, an enum value removed, a field made required, an event removed, an
event added), then times, as the median of N runs:

  (a) `registry.lint.engine.lint` of HEAD (the yardstick);
  (b) the whole diff: load BASE and HEAD, `diff_catalogs`, locate the changes;
  (c) `diff_catalogs` alone, on catalogs already loaded.

    python bench/bench_diff.py              # 10,000 events, median of 3
    python bench/bench_diff.py --events 1000 --runs 1
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import timed
from bench_lint import build_catalogs

from registry.catalog.config import build_config
from registry.catalog.load import collector_paused, load_catalog
from registry.diff.compare import diff_catalogs, locate
from registry.lint.engine import lint


def mutate(directory: Path) -> int:
    """Change a few events of the catalogs in `directory`; returns how many were touched."""
    touched = 0
    for index, path in enumerate(sorted(directory.glob("*.yaml"))[:5]):
        text = path.read_text(encoding="utf-8")
        document = yaml.safe_load(text)
        events = document["events"]
        name = next(iter(events))
        event = events[name]
        if index == 0:
            events.pop(name)  # an event removed
        elif index == 1:
            event["fields"].pop(next(iter(event["fields"])))  # a field removed
        elif index == 2:
            first = next(iter(event["fields"].values()))
            first["required"] = not first.get("required", False)
        elif index == 3:
            events[name.replace(".", ".new_", 1)] = dict(event)  # an event added
        else:
            event["description"] = event["description"] + " Changed."
        touched += 1
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return touched


@dataclasses.dataclass
class DiffTimes:
    events: int
    touched: int
    changes: int
    breaking: int
    lint: tuple[float, int]
    """(median seconds, runs) of `lint` of HEAD, the yardstick."""
    whole: tuple[float, int]
    """Load BASE and HEAD, diff, locate."""
    core: tuple[float, int]
    """`diff_catalogs` alone, on loaded catalogs."""


def measure(events: int, runs: int, directory: Path) -> DiffTimes:
    """Build BASE and HEAD catalogs of `events` events under `directory` and time the diff."""
    base_dir = directory / "base"
    head_dir = directory / "head"
    build_catalogs(base_dir, events)
    shutil.copytree(base_dir, head_dir)
    touched = mutate(head_dir)
    config = build_config({}, directory, None)
    lint((str(head_dir),), config)  # warm up

    def whole_diff() -> int:
        # As `registry diff` does it: HEAD first, BASE reusing HEAD's unchanged files.
        head = load_catalog((str(head_dir),), config)
        base = load_catalog((str(base_dir),), config, reuse_from=head)
        with collector_paused():
            result = diff_catalogs(base.catalog, head.catalog, config)
            result = locate(result, base.locator.position, head.locator.position)
        return len(result.changes)

    base = load_catalog((str(base_dir),), config)
    head = load_catalog((str(head_dir),), config)
    changes = diff_catalogs(base.catalog, head.catalog, config)
    return DiffTimes(
        events=events,
        touched=touched,
        changes=len(changes.changes),
        breaking=len(changes.breaking),
        lint=timed(lambda: lint((str(head_dir),), config), runs),
        whole=timed(whole_diff, runs),
        core=timed(lambda: diff_catalogs(base.catalog, head.catalog, config), runs),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        times = measure(args.events, args.runs, Path(temporary))
    (lint_time, lint_runs), (diff_time, diff_runs) = times.lint, times.whole
    core_time, core_runs = times.core
    print(
        f"{args.events:,} events, {times.touched} events mutated, {times.changes} changes "
        f"({times.breaking} breaking)"
    )
    print(f"lint HEAD                     {lint_time:7.2f} s  (median of {lint_runs})")
    print(
        f"diff BASE HEAD (load both)    {diff_time:7.2f} s  (median of {diff_runs}) "
        f"= {diff_time / lint_time:.2f} x lint"
    )
    print(f"diff_catalogs alone           {core_time:7.3f} s  (median of {core_runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

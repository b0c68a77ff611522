"""Lint cost at 10,000 events, and the part of it the naming rules take.

Builds the synthetic catalogs of bench/bench_lint.py (same seed) and measures:

- `registry.lint.engine.lint` end to end with every rule (wall clock, median of --runs; the
  rules run on two processes there, so this figure moves with the machine's load);
- each naming rule's check alone on the loaded catalog (CPU time of this process, median of
  --runs, its caches emptied before each run): the figure to compare before and after a
  change to the naming rules, since it does not depend on what else runs on the machine.

    python bench/naming/lint_cost.py              # 10,000 events, median of 5
    python bench/naming/lint_cost.py --events 1000 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench_lint import build_catalogs, build_config

from registry.catalog.load import load_catalog
from registry.lint.engine import lint
from registry.lint.rules import LINT_RULES, RuleContext
from registry.lint.rules._naming import split_name
from registry.lint.rules.base import Check

NAMING = tuple(rule for rule in LINT_RULES if rule.code.startswith("N"))


def median(action: Callable[[], object], runs: int, clock: Callable[[], float]) -> float:
    times = []
    for _ in range(runs):
        split_name.cache_clear()
        start = clock()
        action()
        times.append(clock() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="registry-naming-cost-") as tmp:
        directory = Path(tmp) / "catalog"
        build_catalogs(directory, args.events)
        config = build_config({}, directory, None)
        paths = (str(directory),)
        lint(paths, config)  # warm up: imports, compiled patterns
        every = median(lambda: lint(paths, config), args.runs, time.perf_counter)
        catalog = load_catalog(paths, config).catalog
    print(f"{args.events:,} events, median of {args.runs} runs")
    print(f"lint end to end (wall clock): {every:.3f} s")
    total = 0.0
    for rule in NAMING:
        check = rule.check
        assert check is not None
        options = {**rule.option_defaults(), **dict(config.rule_setting(rule.code).options)}
        context = RuleContext(config, options)

        def run(check: Check = check, context: RuleContext = context) -> object:
            return list(check(catalog, context))

        seconds = median(run, args.runs, time.process_time)
        total += seconds
        print(f"{rule.code} check (CPU): {seconds * 1000:8.1f} ms")
    print(f"naming rules (CPU):    {total * 1000:8.1f} ms ({total / every:.1%} of lint)")


if __name__ == "__main__":
    main()

"""How long do the documentation targets take, next to linting the same catalog?

Builds the synthetic catalogs of bench/bench_lint.py (same seed, 100 files) for 1,000 and
10,000 events and times, as the median of --runs runs:

  lint        `registry.lint.engine.lint` end to end (what every generate run starts with);
  view-model  `docs_view` alone (rows, constraints, redacted example records, counts);
  markdown    view-model + templates of the markdown target (no lint, no writing);
  html        view-model + templates of the html target (no lint, no writing);
  html size   bytes of the generated index.html.

`registry generate markdown|html` costs about lint + its row + writing the files.

    python bench/bench_docs.py            # 1,000 and 10,000 events, median of 3
    python bench/bench_docs.py --quick    # 1,000 events, 1 run
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import SEED, build_catalogs

from registry.catalog.config import build_config
from registry.generate.docs_model import docs_view
from registry.generate.html_target import render_view as render_html
from registry.generate.markdown_target import render_view as render_markdown
from registry.lint.engine import lint


def timed(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(directory: Path, size: int, runs: int) -> tuple[int, float, float, float, float,
                                                            int, int]:
    build_catalogs(directory, size)
    config = build_config({}, directory, None)
    paths = (str(directory),)
    catalog = lint(paths, config).catalog
    assert catalog is not None
    lint_s = timed(lambda: lint(paths, config), runs)
    view_s = timed(lambda: docs_view(catalog, config, "sha256:0"), runs)
    md_s = timed(lambda: render_markdown(docs_view(catalog, config, "sha256:0")), runs)
    html_s = timed(lambda: render_html(docs_view(catalog, config, "sha256:0")), runs)
    view = docs_view(catalog, config, "sha256:0")
    md_bytes = sum(len(t.encode()) for t in render_markdown(view).values())
    html_bytes = len(render_html(view)["index.html"].encode())
    return size, lint_s, view_s, md_s, html_s, md_bytes, html_bytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 run, 1,000 events only")
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement (3)")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)
    sizes = [1_000] if args.quick else [1_000, 10_000]
    rows = []
    with tempfile.TemporaryDirectory(prefix="registry-bench-docs-") as tmp:
        for size in sizes:
            rows.append(measure(Path(tmp) / f"catalog_{size}", size, runs))
            print(f"{size} events done", file=sys.stderr, flush=True)
    print(f"Synthetic catalogs (bench_lint.build_catalogs, seed {SEED}); median of {runs}; "
          f"Python {platform.python_version()}, {os.cpu_count()} CPUs.\n")
    print("| events | lint | view-model | markdown | html | markdown size | html size |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, lint_s, view_s, md_s, html_s, md_bytes, html_bytes in rows:
        print(f"| {size:,} | {lint_s:.2f} s | {view_s:.2f} s | {md_s:.2f} s | {html_s:.2f} s "
              f"| {md_bytes / 1e6:.1f} MB | {html_bytes / 1e6:.1f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

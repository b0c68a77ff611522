#!/usr/bin/env python3
"""How long do the example template packs take, next to the built-in markdown target?

For the built-in catalog and the synthetic catalog of 10,000 events (bench_lint.build_catalogs,
same seed), median of --runs runs, in one process:

  generate   `generate(...)` end to end: lint (blocking families), view, render, write;
  render     from the already linted catalog: view model + templates + writing (what a
             pack adds to a build that lints anyway).

Each pack's time is shown as a ratio to the markdown target measured the same way in the
same run (the pack view is built from the docs' view, so markdown is its floor).

    python bench/bench_packs.py             # built-in catalog and 10,000 events, median of 3
    python bench/bench_packs.py --quick     # built-in catalog only, 1 run
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from _harness import machine_line, timed
from bench_lint import build_catalogs

from registry.catalog.config import build_config
from registry.generate.packs.manifest import Pack, load_pack
from registry.generate.run import BLOCKING, Inputs, generate, render_target
from registry.lint.engine import lint

PACKS = ("go-constants", "csv-inventory")


def _measure(paths: tuple[str, ...], work: Path, runs: int) -> list[tuple[str, float, float]]:
    """(target, generate seconds, render seconds) for markdown and each pack."""
    config = build_config({}, ROOT, None)
    result = lint(paths, config, select=BLOCKING)
    targets: list[tuple[str, str, Pack | None]] = [("markdown", "markdown", None)]
    targets += [
        (name, "templates", load_pack(str(ROOT / "examples" / "packs" / name))) for name in PACKS
    ]
    rows = []
    for label, target, pack in targets:
        out = work / label

        def whole(target: str = target, out: Path = out, pack: Pack | None = pack) -> None:
            shutil.rmtree(out, ignore_errors=True)  # every run writes every file
            generate(target, paths, config, out, pack=pack)

        def render(target: str = target, out: Path = out, pack: Pack | None = pack) -> None:
            shutil.rmtree(out, ignore_errors=True)
            render_target(target, Inputs.of(result, config, None, None, pack=pack), out)

        whole()  # warm up: imports, compiled templates, caches
        rows.append((label, timed(whole, runs)[0], timed(render, runs)[0]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    options = parser.parse_args()
    runs = 1 if options.quick else options.runs
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sizes = [("built-in catalog", (str(ROOT / "catalog"),))]
        if not options.quick:
            build_catalogs(work / "catalogs", 10_000)
            sizes.append(("10,000 events", (str(work / "catalogs"),)))
        print(machine_line())
        print(f"median of {runs} run(s)\n")
        print("| catalog | target | generate | ratio to markdown | render only | ratio |")
        print("|---|---|---:|---:|---:|---:|")
        for size, paths in sizes:
            rows = _measure(paths, work / size.replace(" ", "_"), runs)
            _, md_whole, md_render = rows[0]
            for label, whole, render in rows:
                print(
                    f"| {size} | {label} | {whole:.3f} s | {whole / md_whole:.2f}x | "
                    f"{render:.3f} s | {render / md_render:.2f}x |"
                )


if __name__ == "__main__":
    main()

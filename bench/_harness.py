"""Timing and reporting helpers shared by the benchmark scripts and `bench/run.py`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version


def timed(action: Callable[[], object], runs: int, budget: float = math.inf) -> tuple[float, int]:
    """(median seconds, runs done): up to `runs` runs, fewer when one more would take the
    time spent on this measurement past `budget` seconds (slow steps of the big catalog)."""
    times: list[float] = []
    while len(times) < runs:
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
        if sum(times) + statistics.mean(times) > budget:
            break
    return statistics.median(times), len(times)


def in_turns(
    floor: Callable[[], object], action: Callable[[], object], runs: int, budget: float = math.inf
) -> tuple[float, float, int]:
    """(median seconds of ``action``, median of its ratios to ``floor``, pairs done): the
    floor runs right before each run of the action, and each run is compared with its own
    floor, so a machine whose speed drifts over minutes (a shared one) moves both alike.
    At least three pairs, whatever the budget; up to ``runs`` within it."""
    times: list[float] = []
    ratios: list[float] = []
    while len(times) < max(3, runs):
        start = time.perf_counter()
        floor()
        floor_time = time.perf_counter() - start
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
        ratios.append(times[-1] / floor_time)
        spent = sum(times) + floor_time * len(times)
        if len(times) >= 3 and spent + spent / len(times) > budget:
            break
    return statistics.median(times), statistics.median(ratios), len(times)


def run_command(argv: Sequence[str], timeout: float | None = None, **kwargs: object) -> None:
    """Run a command, its output discarded; raises when it fails (exit codes 0 and 1 pass:
    1 is "findings", which some measured commands report on purpose)."""
    done = subprocess.run(
        list(argv),
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=timeout,
        **kwargs,  # type: ignore[call-overload]
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(
            f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[-500:]}"
        )


@dataclasses.dataclass
class Row:
    """One line of the results table."""

    section: str
    measurement: str
    size: str
    value: float | None
    """Seconds (or `unit`); None when the measurement was skipped."""
    runs: int = 1
    unit: str = "s"
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""


def _value(row: Row) -> str:
    if row.value is None:
        return "-"
    if row.unit == "s":
        return f"{row.value:.3f} s"
    if row.unit == "us":
        return f"{row.value:.2f} µs"
    if row.unit == "/s":
        return f"{row.value:,.0f} /s"
    return f"{row.value:.2f} {row.unit}"


def markdown_table(rows: Sequence[Row]) -> str:
    lines = [
        "| section | measurement | events | median | runs | ratio | vs (same run) | target | met |",
        "|---|---|---:|---:|---:|---:|---|---|:---:|",
    ]
    for row in rows:
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x"
        met = {True: "yes", False: "**no**", None: ""}[row.met]
        measurement = row.measurement + (f" ({row.note})" if row.note else "")
        lines.append(
            f"| {row.section} | {measurement} | {row.size} | {_value(row)} | "
            f"{row.runs if row.value is not None else '-'} | {ratio} | {row.baseline} | "
            f"{row.target} | {met} |"
        )
    return "\n".join(lines)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_line() -> str:
    try:
        load = f"; load average {os.getloadavg()[0]:.1f} at the end"
    except OSError:
        load = ""
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {cpu_model()}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.machine()}{load}"
    )


def package_version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)

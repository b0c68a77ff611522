"""check-events' value scan (`registry.privacy.leaks.find_leaks`) on values of 1 KB to 8 MB.

    python bench/bench_scan.py [--quick]
    python bench/bench_scan.py --baseline DIR   # 1 MB of each shape, DIR's registry and this

For each size and each shape (plain prose, a value full of near misses for the number
recognisers, one for the token recognisers, and the two slowest shapes of
tests/check_events/test_check_events_linear.py before and after issue 15's one-pass shape), prints the scan time per MB and its ratio to a
baseline measured in the same run on the same text: one pass of a compiled literal
`re.search` that does not match. A linear scan keeps the same time per MB at every size.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from registry.privacy import leaks

SIZES = (1 << 10, 16 << 10, 256 << 10, 1 << 20, 8 << 20)
SHAPES: dict[str, str] = {
    "prose": "Please ring twice; the parcel goes to the back door, order 42. ",
    "number near misses": " 1. 1.2-3 12345678 12345678 4111 1111 1111 1112 ",
    "token near misses": "eyJ AKIA ghp_ xoxb- sk_live_ AIza bearer basic x://a: a@ ::x ",
    "urls with tokens": "https://0123456789abcdef0123@h ",
    "issuer-shaped runs": "xy_" + "aB3" * 20 + " ",
    # issue 17, round 4: the new recognisers' near misses
    "long url-safe runs": "aB3-" * 11 + " ",
    "key id pairs": "key_1234:" + "aB3" * 7 + " ",
    "region hints": "Pakistan 0320 0591012 (DE) 12 34 ",
    "dotted pairs": "06.43.00.63.56 ",
}


def _cpu(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def _one_megabyte(tree: str | None) -> dict[str, float]:
    """The least CPU seconds of 5 scans of each shape at 1 MB, by the `registry` of ``tree``
    (this one when None), in a process of its own."""
    code = (  # the tree's registry first, then this directory for `bench_scan` itself
        "import json, sys; sys.path.insert(0, sys.argv[1]); "
        "sys.path.insert(0, sys.argv[2]); import bench_scan as b; "
        "from registry.privacy import leaks; "
        "assert leaks.__file__.startswith(sys.argv[1]), leaks.__file__; "
        "print(json.dumps({n: b._cpu(lambda: leaks.find_leaks((u * ((1 << 20) // len(u) + 1))"
        "[: 1 << 20]), 5) for n, u in b.SHAPES.items()}))"
    )
    tree = tree or str(Path(__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=tree)
    done = subprocess.run(
        [sys.executable, "-c", code, tree, str(Path(__file__).resolve().parent)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {name: float(value) for name, value in json.loads(done.stdout).items()}


def compare(baseline: str, rounds: int = 2) -> int:
    """This tree's 1 MB scans against ``baseline``'s (a tree holding `registry`, such as
    ``git archive HEAD~5 registry | tar -x -C /tmp/base``), in turns, least of ``rounds``."""
    this: dict[str, float] = {}
    base: dict[str, float] = {}
    for _ in range(rounds):
        for into, tree in ((base, baseline), (this, None)):
            for name, seconds in _one_megabyte(tree).items():
                into[name] = min(seconds, into.get(name, seconds))
    print(f"{'shape (1 MB)':<22} {'baseline ms':>12} {'this ms':>9} {'ratio':>7}")
    for name in SHAPES:
        ratio = this[name] / base[name] if base[name] else float("inf")
        print(f"{name:<22} {base[name] * 1000:12.1f} {this[name] * 1000:9.1f} {ratio:6.2f}x")
    print(f"{'sum':<22} {sum(base.values()) * 1000:12.1f} {sum(this.values()) * 1000:9.1f}")
    return 0


def main(argv: list[str]) -> int:
    if "--baseline" in argv:
        return compare(argv[argv.index("--baseline") + 1])
    sizes = SIZES[:4] if "--quick" in argv else SIZES
    literal = re.compile("zq~never~qz").search
    print(f"{'shape':<20} {'size':>8} {'ms/MB':>9} {'baseline ms/MB':>15} {'ratio':>8}")
    for name, unit in SHAPES.items():
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            repeat = 3 if size <= 1 << 20 else 1
            scan = _cpu(lambda: leaks.find_leaks(text), repeat)  # noqa: B023
            base = _cpu(lambda: literal(text), repeat)  # noqa: B023
            per_mb = (1 << 20) / size * 1000
            ratio = scan / base if base else float("inf")
            label = f"{size >> 10} KB" if size < 1 << 20 else f"{size >> 20} MB"
            print(f"{name:<20} {label:>8} {scan * per_mb:9.1f} {base * per_mb:15.2f} {ratio:7.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

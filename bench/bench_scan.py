"""check-events' value scan (`registry.privacy.leaks.find_leaks`) on values of 1 KB to 8 MB.

    python bench/bench_scan.py [--quick]

For each size and each shape (plain prose, a value full of near misses for the number
recognisers, one for the token recognisers, and the two slowest shapes of
tests/check_events/test_check_events_linear.py before and after issue 15's one-pass shape), prints the scan time per MB and its ratio to a
baseline measured in the same run on the same text: one pass of a compiled literal
`re.search` that does not match. A linear scan keeps the same time per MB at every size.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable

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


def main(argv: list[str]) -> int:
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

#!/usr/bin/env python3
"""How fast are the Merkle trees of the signed checkpoints, next to hashing the same data once?

For N leaves of 32 bytes (the shape the sealer feeds: one SHA-256 record hash per record), the
median of --runs runs of:

  baseline  hashlib.sha256(leaf).digest() for every leaf: one hash per leaf, the floor;
  root()    registry_runtime.merkle.root over the list (N leaf hashes + N-1 node hashes);
  Frontier  Frontier.append of every leaf, then root() (what a writer does between checkpoints);
  proof     inclusion_proof + verify_inclusion of one leaf (per call; the proof rebuilds the tree).

Printed as leaves per second and as the ratio of each time to the baseline's in the same run
(a tree hashes each leaf and each of the N-1 inner nodes, so about 2x is the least to expect).

    python bench/bench_merkle.py                # 100,000 leaves, median of 5
    python bench/bench_merkle.py --leaves 1000 --runs 3
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import timed

from registry_runtime.merkle import Frontier, inclusion_proof, root, verify_inclusion


def make_leaves(n: int) -> list[bytes]:
    """N distinct 32-byte leaves (SHA-256 digests, like the chain's record hashes)."""
    return [hashlib.sha256(i.to_bytes(8, "big")).digest() for i in range(n)]


def measure(n: int, runs: int) -> dict[str, float]:
    """Median seconds of each measurement over the same N leaves."""
    leaves = make_leaves(n)
    sha256 = hashlib.sha256

    def baseline() -> None:
        for leaf in leaves:
            sha256(leaf).digest()

    def frontier() -> None:
        tree = Frontier()
        for leaf in leaves:
            tree.append(leaf)
        tree.root()

    middle = n // 2
    tree_root = root(leaves)

    def proof() -> None:
        path = inclusion_proof(middle, leaves)
        if not verify_inclusion(leaves[middle], middle, n, path, tree_root):
            raise AssertionError("the inclusion proof did not verify")

    expected = root(leaves)
    check = Frontier()
    for leaf in leaves:
        check.append(leaf)
    if check.root() != expected:
        raise AssertionError("Frontier and root() disagree")

    actions: dict[str, Callable[[], object]] = {
        "baseline": baseline,
        "root": lambda: root(leaves),
        "frontier": frontier,
        "proof": proof,
    }
    times = {}
    for name, action in actions.items():
        action()  # warm up: the first run pays for allocations the others reuse
        times[name] = timed(action, runs)[0]
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--leaves", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    n = args.leaves
    times = measure(n, args.runs)
    base = times["baseline"]
    print(f"Merkle trees over {n:,} leaves of 32 bytes (median of {args.runs} runs)")
    print(f"{'measurement':<34} {'median':>10} {'leaves/s':>13} {'vs sha256 each leaf':>20}")
    rows = [
        ("hashlib.sha256 of each leaf", "baseline"),
        ("merkle.root()", "root"),
        ("Frontier.append x N + root()", "frontier"),
        ("inclusion_proof + verify (1 leaf)", "proof"),
    ]
    for label, key in rows:
        seconds = times[key]
        print(
            f"{label:<34} {seconds * 1000:>8.1f} ms {n / seconds:>13,.0f} {seconds / base:>19.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

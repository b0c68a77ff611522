"""Bounded memory: a stream is read line by line and only counts are kept."""

from __future__ import annotations

import io
import tracemalloc
from typing import Any

import orjson
from check_events_helpers import check_bytes, fixture_catalog, valid_order

from registry.checkevents.coverage import MAX_UNDECLARED
from registry.checkevents.run import StreamCheck


class LazyStream(io.RawIOBase):
    """A binary stream of `count` records made on the fly (never held as a whole)."""

    def __init__(self, count: int, make: Any) -> None:
        self.count = count
        self.make = make
        self.index = 0
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while len(self.pending) < len(buffer) and self.index < self.count:
            self.pending += orjson.dumps(self.make(self.index)) + b"\n"
            self.index += 1
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def _peak(count: int, make: Any) -> tuple[int, int]:
    catalog, config = fixture_catalog()
    checker = StreamCheck(catalog, config)
    stream = io.BufferedReader(LazyStream(count, make))
    tracemalloc.start()
    try:
        found = sum(1 for _ in checker.findings(stream))  # type: ignore[arg-type]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert checker.summary.records == count
    return peak, found


def test_memory_does_not_grow_with_the_stream() -> None:
    base = valid_order()
    small, _ = _peak(1_000, lambda i: base)
    large, _ = _peak(15_000, lambda i: base)
    assert large < small + 256 * 1024, (small, large)


def test_undeclared_names_are_counted_in_bounded_memory() -> None:
    base = valid_order()
    count = MAX_UNDECLARED + 500
    catalog, config = fixture_catalog()
    checker = StreamCheck(catalog, config, value_checks=False)
    stream = io.BufferedReader(LazyStream(count, lambda i: {**base, "event": f"x.made_{i}"}))
    found = sum(1 for _ in checker.findings(stream))  # type: ignore[arg-type]
    assert found == count  # one E004 per record
    coverage = checker.summary.coverage
    assert len(coverage.seen_not_declared) == MAX_UNDECLARED
    assert coverage.other_undeclared_records == 500


def test_an_overlong_line_is_reported_and_skipped() -> None:
    long_line = orjson.dumps({**valid_order(), "tenant": "x" * 5000})
    data = long_line + b"\n" + orjson.dumps(valid_order()) + b"\n"
    findings, summary = check_bytes(data, max_line_bytes=1024)
    assert [(f.line, f.rule) for f in findings] == [(1, "E001")]
    assert "longer than 1024 bytes" in findings[0].message
    assert summary.records == 1

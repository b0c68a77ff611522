"""UUIDv7 ids (version and variant bits, order within a millisecond) and timestamps."""

from __future__ import annotations

import calendar
import threading
import time
import uuid

import pytest

from registry_runtime import ids
from registry_runtime.ids import format_timestamp, uuid7, uuid7_int, uuid7_ms


@pytest.fixture
def fresh_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """A generator state that has not seen a millisecond yet (ids never go back in time)."""
    monkeypatch.setattr(ids, "_state", ids._State())


@pytest.mark.usefixtures("fresh_state")
def test_version_variant_and_timestamp_bits() -> None:
    ms = 1_795_813_200_123
    value = uuid.UUID(uuid7(ms))
    assert value.version == 7
    assert value.variant == uuid.RFC_4122
    assert value.int >> 80 == ms
    assert uuid7_ms(str(value)) == ms


def test_canonical_text_form() -> None:
    text = uuid7()
    assert text == str(uuid.UUID(text))


@pytest.mark.usefixtures("fresh_state")
def test_strictly_increasing_within_one_millisecond() -> None:
    ms = int(time.time() * 1000)
    values = [uuid7(ms) for _ in range(10_000)]
    assert values == sorted(values)
    assert len(set(values)) == len(values)
    assert {uuid7_ms(value) for value in values} == {ms}


@pytest.mark.usefixtures("fresh_state")
def test_clock_going_back_keeps_the_order() -> None:
    ms = int(time.time() * 1000)
    later = uuid7(ms)
    earlier_clock = uuid7(ms - 5_000)
    assert earlier_clock > later
    assert uuid7_ms(earlier_clock) == ms  # the last millisecond is reused


@pytest.mark.usefixtures("fresh_state")
def test_counter_overflow_moves_to_the_next_millisecond(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    ms = int(time.time() * 1000)
    first = uuid7(ms)
    monkeypatch.setattr(ids._state, "counter", (1 << 42) - 1)
    second = uuid7(ms)
    assert second > first
    assert uuid7_ms(second) == ms + 1


def test_unique_and_ordered_across_threads() -> None:
    results: list[list[int]] = []

    def work() -> None:
        mine = [uuid7_int() for _ in range(2000)]
        results.append(mine)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [value for batch in results for value in batch]
    assert len(set(everything)) == 16_000
    for batch in results:  # each thread sees its own ids increase
        assert batch == sorted(batch)


@pytest.mark.parametrize(("ms", "text"), [
    (0, "1970-01-01T00:00:00.000Z"),
    (1_795_813_200_123, "2026-11-27T21:00:00.123Z"),
    (1_795_813_200_009, "2026-11-27T21:00:00.009Z"),
    (951_782_400_000, "2000-02-29T00:00:00.000Z"),
    (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
])
def test_timestamps_are_rfc3339_utc_with_milliseconds(ms: int, text: str) -> None:
    assert format_timestamp(ms) == text


def test_timestamp_cache_follows_the_second() -> None:
    base = calendar.timegm((2026, 11, 27, 21, 0, 0)) * 1000
    assert format_timestamp(base + 999) == "2026-11-27T21:00:00.999Z"
    assert format_timestamp(base + 1000) == "2026-11-27T21:00:01.000Z"
    assert format_timestamp(base + 999) == "2026-11-27T21:00:00.999Z"


@pytest.mark.usefixtures("fresh_state")
def test_order_holds_when_the_counter_carries_into_its_high_bits(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ms = int(time.time() * 1000)
    uuid7(ms)
    counter = (5 << 30) - 2  # as if 4 * 2**30 ids had been made in this millisecond
    monkeypatch.setattr(ids._state, "counter", counter)
    monkeypatch.setattr(ids._state, "prefix", ids._prefix(ms, counter))
    before, at, after = uuid7(ms), uuid7(ms), uuid7(ms)
    assert before < at < after
    assert [uuid.UUID(value).int >> 64 & 0xFFF for value in (before, at, after)] == [4, 5, 5]
    assert all(uuid.UUID(value).version == 7 for value in (before, at, after))


def test_a_forked_child_does_not_repeat_the_parents_ids() -> None:
    import os

    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    uuid7()  # fill the parent's pool of random bytes
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.write(write, "\n".join(uuid7() for _ in range(50)).encode())
        os._exit(0)
    os.close(write)
    parent = {uuid7() for _ in range(50)}
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    child = set(b"".join(chunks).decode().split("\n"))
    assert len(child) == 50
    assert not parent & child
    # the random tails differ too (the pool was not inherited)
    assert not {value[-8:] for value in parent} & {value[-8:] for value in child}

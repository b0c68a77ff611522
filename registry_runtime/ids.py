"""Time-ordered event ids (UUIDv7, RFC 9562) and RFC 3339 timestamps.

Layout of an id (128 bits)::

    unix_ts_ms (48) | ver=7 (4) | counter_hi (12) | var=0b10 (2) | counter_lo (30) | random (32)

The 42-bit counter follows RFC 9562 section 6.2, method 1: it is seeded with 41 random bits
whenever the millisecond changes (so there are at least 2**41 increments of head room) and
incremented by one for every further id in the same millisecond. Ids made in one process are
therefore strictly increasing, also as strings, even within one millisecond and across threads;
if the clock steps back, the last millisecond is reused so order still holds, and if a counter
ever overflowed, the timestamp is advanced by one millisecond. Ids from different processes are
ordered by millisecond and unique with overwhelming probability (73 random bits per new
millisecond, 32 fresh random bits per id, all from `os.urandom`, read 4 KiB at a time; the
pool is discarded in a forked child).
"""

from __future__ import annotations

import os
import threading
import time
from typing import Final

_COUNTER_BITS: Final = 42
_COUNTER_LIMIT: Final = 1 << _COUNTER_BITS
_SEED_MASK: Final = (1 << (_COUNTER_BITS - 1)) - 1
_LO_MASK: Final = (1 << 30) - 1


_POOL: Final = 4096  # random bytes read from the OS at a time (4 per id, 6 more per new ms)


class _State:
    __slots__ = ("counter", "last_ms", "lock", "offset", "pool", "prefix")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last_ms = -1
        self.counter = 0
        self.prefix = ""  # the first three groups: they change only with ms or counter_hi
        self.pool = ""  # hex digits of os.urandom bytes
        self.offset = 0


_state = _State()


def _reset_after_fork() -> None:
    # A fork copies the state: the child must not reuse the parent's pool of random bytes
    # (ids would collide), nor inherit a lock held by another thread at fork time.
    global _state
    _state = _State()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def _prefix(ms: int, counter: int) -> str:
    return f"{ms >> 16:08x}-{ms & 0xFFFF:04x}-7{counter >> 30:03x}-"


def uuid7(ms: int | None = None) -> str:
    """A new UUIDv7 string; ``ms`` is the Unix time in milliseconds (default: now).

    See the module docstring for the layout and ordering guarantees. The text is assembled
    from cached groups (no 128-bit arithmetic), which is what makes it cheap.
    """
    if ms is None:
        ms = time.time_ns() // 1_000_000
    state = _state
    with state.lock:
        offset = state.offset
        if offset > len(state.pool) - 20:
            state.pool = os.urandom(_POOL).hex()
            offset = 0
        if ms > state.last_ms:
            counter = int(state.pool[offset + 8 : offset + 20], 16) & _SEED_MASK
            state.offset = offset + 20
            state.last_ms = ms
            state.prefix = _prefix(ms, counter)
        else:
            counter = state.counter + 1
            state.offset = offset + 8
            if counter >= _COUNTER_LIMIT:  # 2**41 ids in one millisecond: borrow the next
                counter = int(state.pool[offset + 8 : offset + 20], 16) & _SEED_MASK
                state.offset = offset + 20
                state.last_ms += 1
                state.prefix = _prefix(state.last_ms, counter)
            elif not counter & _LO_MASK:  # counter_hi moved on
                state.prefix = _prefix(state.last_ms, counter)
        state.counter = counter
        prefix = state.prefix
        tail = state.pool[offset : offset + 8]
    # var (0b10) and counter_lo: 32 bits, so always 8 hex digits after "0x"
    low = hex(0x80000000 | (counter & _LO_MASK))
    return f"{prefix}{low[2:6]}-{low[6:]}{tail}"


def uuid7_int(ms: int | None = None) -> int:
    """A new UUIDv7 as a 128-bit integer."""
    return int(uuid7(ms).replace("-", ""), 16)


def uuid7_ms(value: str) -> int:
    """The Unix millisecond timestamp carried by a UUIDv7 string."""
    return int(value.replace("-", "")[:12], 16)


class _SecondCache:
    __slots__ = ("prefix", "second")

    def __init__(self, second: int, prefix: str) -> None:
        self.second = second
        self.prefix = prefix


_second_cache = _SecondCache(-1, "")


def format_timestamp(ms: int) -> str:
    """RFC 3339 UTC with milliseconds and a ``Z``: ``2026-11-27T21:00:00.123Z``.

    The ``YYYY-MM-DDTHH:MM:SS`` part is cached per second (one object swap, thread-safe).
    """
    global _second_cache
    second, milli = divmod(ms, 1000)
    cache = _second_cache
    if cache.second != second:
        cache = _SecondCache(second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)))
        _second_cache = cache
    return f"{cache.prefix}.{milli:03d}Z"

"""Share a batch of independent work with one forked child process (two cores).

Lint of a large catalog is CPU-bound Python; threads would not run it in parallel. A
forked child sees this process's memory copy-on-write (parsed documents, the resolved
catalog) without any copying, does every other item, and sends its results back through
a pipe, serialized with the given functions. Results come back in the order of the items
whatever happens: if the fork, the child or its payload fails, its items are done here.

Used only where `os.fork` is safe and cheap (Linux), on inputs large enough to pay for
the fork (callers decide), and never when `REGISTRY_JOBS=1`.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def fork_allowed() -> bool:
    """Linux, two cores or more, not turned off, and no other thread running: a thread
    holding a lock (the import lock, a logging handler's) at the fork would leave that
    lock held forever in the child."""
    return (
        sys.platform == "linux"
        and os.environ.get("REGISTRY_JOBS", "") != "1"
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
    )


_INDEX_BYTES = 2
MAX_ITEMS = 16_384
"""More items than this are done in one process (their indices must fit a pipe's buffer)."""


def map_in_two(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    dumps: Callable[[Any], bytes] = pickle.dumps,
    loads: Callable[[bytes], Any] = pickle.loads,
) -> list[Result]:
    """[work(item) for item in items], shared with a forked child.

    The item indices wait in a pipe that both processes read from, two bytes at a time
    (reads that small are atomic), so whichever is free takes the next item: the two
    finish together even when the items cost very different times."""
    if len(items) < 2 or len(items) > MAX_ITEMS or not fork_allowed():
        return [work(item) for item in items]
    queue_read, queue_write = os.pipe()
    os.write(queue_write, b"".join(i.to_bytes(_INDEX_BYTES, "big") for i in range(len(items))))
    os.close(queue_write)  # an empty queue then reads as end of file
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (queue_read, read_end, write_end):
            os.close(fd)
        return [work(item) for item in items]
    if pid == 0:  # the child: take items, send the results, leave without any cleanup
        status = 1
        try:
            os.close(read_end)
            payload = dumps(_take(work, items, queue_read))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    reader = os.fdopen(read_end, "rb")
    try:
        done = dict(_take(work, items, queue_read))
        payload = reader.read()
    finally:  # even when our share raised: the child must not be left behind (a closed
        reader.close()  # pipe stops its write, so the wait below cannot block forever)
        os.close(queue_read)
        _, status = os.waitpid(pid, 0)
    if status == 0:
        try:
            received = loads(payload)
            done.update((int(index), result) for index, result in received)
        except (ValueError, EOFError, TypeError, pickle.UnpicklingError):
            pass
    return [done[i] if i in done else work(items[i]) for i in range(len(items))]


def _take(
    work: Callable[[Item], Result], items: Sequence[Item], queue: int
) -> list[tuple[int, Result]]:
    """Results of the items whose indices this process reads from `queue`."""
    results: list[tuple[int, Result]] = []
    while True:
        chunk = os.read(queue, _INDEX_BYTES)
        if len(chunk) < _INDEX_BYTES:
            return results
        index = int.from_bytes(chunk, "big")
        results.append((index, work(items[index])))

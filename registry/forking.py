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


def map_in_two(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    dumps: Callable[[Any], bytes] = pickle.dumps,
    loads: Callable[[bytes], Any] = pickle.loads,
) -> list[Result]:
    """[work(item) for item in items], the odd-indexed items done by a forked child."""
    theirs = items[1::2]
    if not theirs or not fork_allowed():
        return [work(item) for item in items]
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [work(item) for item in items]
    if pid == 0:  # the child: do its share, send it, and leave without any cleanup
        status = 1
        try:
            os.close(read_end)
            payload = dumps([work(item) for item in theirs])
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    payload = b""
    try:
        ours = [work(item) for item in items[0::2]]
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
    finally:  # even when our share raised: the child must not be left behind
        _, status = os.waitpid(pid, 0)
    received: list[Result] | None = None
    if status == 0:
        try:
            received = loads(payload)
        except (ValueError, EOFError, TypeError, pickle.UnpicklingError):
            received = None
    if not isinstance(received, list) or len(received) != len(theirs):
        received = [work(item) for item in theirs]
    merged: list[Result] = []
    for index in range(len(items)):
        merged.append(ours[index // 2] if index % 2 == 0 else received[index // 2])
    return merged

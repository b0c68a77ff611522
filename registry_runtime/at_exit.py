"""Audit records still queued when the interpreter exits are written or reported, never
dropped silently (the PostgreSQL sinks batch in memory).

A sink `register`s itself (a weak reference: it stays collectable), and is `hold` strongly
while it holds records no task or thread of its own will write (an ``AsyncPostgresSink``
whose loop ended). At exit, once for the process, each live sink's ``_at_exit()`` writes what
it still holds (or spills it) and `report`s what it cannot write, and any error kept by a
background batch: an ERROR on the
``registry_runtime`` logger naming the sink, the count, the reason and every record id (with
no handler configured, Python's last-resort handler prints it to stderr). A process ended by
``os._exit`` or a signal runs no exit handler. Standard library only.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from typing import Final, Protocol

from .postgres_base import RecordsNotWritten

LOGGER: Final = "registry_runtime"


class ExitWriter(Protocol):
    def _at_exit(self) -> None: ...


_live: weakref.WeakSet[ExitWriter] = weakref.WeakSet()
_lock = threading.Lock()
_held: set[ExitWriter] = set()
_registered: list[bool] = []


def register(sink: ExitWriter) -> None:
    """Call ``sink._at_exit()`` at interpreter exit if ``sink`` is still alive then."""
    with _lock:
        if not _registered:
            import logging  # noqa: F401 - first: its own exit handler (flush) then runs after ours

            atexit.register(_write_all)
            _registered.append(True)
        _live.add(sink)


def hold(sink: ExitWriter, holding: bool) -> None:
    """Keep ``sink`` alive until exit while ``holding`` (records or an error to report)."""
    if holding:
        _held.add(sink)
    else:
        _held.discard(sink)


def report(sink: object, error: BaseException) -> None:
    """Log ``error`` (every id of a `RecordsNotWritten`) about ``sink`` at exit."""
    import logging

    text = error.text(shown=None) if isinstance(error, RecordsNotWritten) else str(error)
    logging.getLogger(LOGGER).error("%r at interpreter exit: %s", sink, text)


def _write_all() -> None:
    for sink in list(_live):
        try:
            sink._at_exit()
        except Exception as error:  # noqa: BLE001 - one sink's failure does not stop the others
            report(sink, RuntimeError(f"queued records may be lost: {type(error).__name__}"))

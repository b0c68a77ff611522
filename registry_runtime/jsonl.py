"""`JsonLinesSink`: an append-only, hash-chained JSON Lines audit log.

File format: see `registry_runtime.chain` (each line is the record plus ``prev_hash`` and
``hash`` as its last two keys; ``hash = sha256(prev_hash + body)``).

Concurrency. The file is opened with ``O_APPEND``. Every record is written with a single
``os.write`` of the whole line while holding a `threading.Lock` (threads of this sink) and an
exclusive ``fcntl.flock`` on the file (other sinks, in this or other processes, on the same
file). Before writing, the sink compares the file size with the size after its own last write:
if another writer appended in between (or the file shrank), it re-reads the file's last complete
line to take the hash to chain from. So any number of threads and processes can append to one
file without interleaved, lost or mis-chained lines, as long as they all use this sink (the lock
is advisory; a plain ``echo >> file`` is not excluded, and is then detected by ``verify-log``).
A sink inherited through ``fork`` reopens the file in the child (``flock`` locks belong to the
open file description, which a fork shares).

Crashes. A process killed in the middle of ``os.write`` can leave a *torn* last line (no
newline, or an incomplete record). The next writer detects it under the lock, terminates it with
``"\\n"`` (the file stays append-only: nothing is rewritten or removed, the evidence stays) and
chains its record from the last structurally complete record before it. If the torn line is in
fact a complete record that only lost its newline, it is kept as a record and chained from.
``verify_log`` reports torn lines as problems of kind ``"torn"``, which alone do not fail the
verification; see `registry_runtime.verify`.

Durability. ``fsync="never"`` (default) leaves flushing to the OS: a process crash loses
nothing that `write` returned for, a power loss may. ``"always"`` fsyncs after every record.
``"batch"`` fsyncs after every ``batch_size`` records of this sink and on `flush` / `close`.

Head file. Removing whole records from the *end* of a chained log leaves a valid chain, so it
cannot be seen from the file alone. The sink therefore maintains ``<path>.head``, a small JSON
document ``{"records": n, "last_hash": "<hex>", "size": bytes}`` describing the whole file
(every writer's records), replaced atomically on `close`, on `flush` and at every batched fsync.
``verify_log`` compares the log with it: fewer records, or a different hash at record n, is
reported as ``"truncated"``. A head next to the log only catches accidents and careless
tampering, since whoever can truncate the log can usually rewrite the head as well: to make it
evidence, copy it regularly to another trust domain (another host, a WORM bucket, a ticket)
and verify against that copy (``verify_log(path, head=copy)``).

Rotation: close the sink, move the file away, open a new sink (a new file starts a new chain).
Platforms without ``fcntl`` (Windows) get thread safety but no cross-process locking.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import weakref
from collections.abc import Iterator
from typing import Any, Final, Literal, Self

from .chain import ZERO_HASH, parse, seal
from .errors import AuditConfigurationError, AuditError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    _HAS_FLOCK = False
else:
    _HAS_FLOCK = True

_FIRST_BLOCK: Final = 1 << 12
_MAX_BLOCK: Final = 1 << 20
_COUNT_BLOCK: Final = 1 << 20
_CLOSED: Final = -1
_REOPEN: Final = -2
_OPEN_FLAGS: Final = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)

FsyncMode = Literal["never", "always", "batch"]


def _lock_file(fd: int) -> None:
    if _HAS_FLOCK:
        fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock_file(fd: int) -> None:
    if _HAS_FLOCK:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _write_all(fd: int, data: bytes) -> None:
    written = os.write(fd, data)
    if written < len(data):  # rare (signals, a full disk): append the rest while still locked
        view = memoryview(data)
        while written < len(data):
            written += os.write(fd, view[written:])


def lines_backward(fd: int, size: int) -> Iterator[bytes]:
    """The lines of the first ``size`` bytes of a file, last first, without newlines.

    The first item is what follows the last newline (``b""`` when the file ends with one).
    Reads 4 KiB first (a record or two), doubling up to 1 MiB for long lines.
    """
    position = size
    carry = b""
    block = _FIRST_BLOCK
    while position > 0:
        length = min(block, position)
        block = min(block * 2, _MAX_BLOCK)
        position -= length
        parts = (os.pread(fd, length, position) + carry).split(b"\n")
        carry = parts[0]
        for index in range(len(parts) - 1, 0, -1):
            yield parts[index]
    yield carry


class JsonLinesSink:
    """Appends chained records to ``path`` (created if missing); see the module docstring."""

    __slots__ = (
        "__weakref__",
        "_batch_size",
        "_count",
        "_counted_to",
        "_fd",
        "_fsync",
        "_head",
        "_hint_tried",
        "_lock",
        "_pending",
        "_pid",
        "_prev",
        "_size",
        "_wrote",
        "head_path",
        "path",
    )

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        fsync: FsyncMode = "never",
        batch_size: int = 1000,
        head: bool = True,
    ) -> None:
        if fsync not in ("never", "always", "batch"):
            raise AuditConfigurationError(
                f"fsync must be 'never', 'always' or 'batch', not {fsync!r}"
            )
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise AuditConfigurationError(
                f"batch_size must be a positive integer, not {batch_size!r}"
            )
        self.path = os.fspath(path)
        self.head_path = self.path + ".head"
        self._fsync = fsync
        self._batch_size = batch_size
        self._head = head
        self._lock = threading.Lock()
        try:
            self._fd = os.open(self.path, _OPEN_FLAGS, 0o640)
        except OSError as error:
            raise AuditConfigurationError(
                f"cannot open the audit log {self.path}: {error.strerror}"
            ) from error
        self._pid = os.getpid()
        self._reset_state()
        _OPEN_SINKS.add(self)

    def _reset_state(self) -> None:
        self._size = -1  # unknown: re-read the tail before the first write
        self._prev = ZERO_HASH
        self._count = 0  # complete records in the first `_counted_to` bytes
        self._counted_to = 0
        self._hint_tried = False
        self._pending = 0
        self._wrote = False

    # -- writing ---------------------------------------------------------------------------

    def write(self, record: dict[str, Any], line: bytes) -> None:
        """Append ``line`` (the record's JSON) as the next link of the chain."""
        with self._lock:
            fd = self._checked_fd()
            _lock_file(fd)
            try:
                size = os.fstat(fd).st_size
                if size != self._size:
                    self._resync(fd, size)
                data, new_hash = seal(line, self._prev)
                before = self._size
                _write_all(fd, data)
                self._size = before + len(data)
                self._prev = new_hash
                self._wrote = True
                if self._counted_to == before:
                    self._count += 1
                    self._counted_to = self._size
                if self._fsync != "never":
                    self._pending += 1
                    if self._fsync == "always":
                        os.fsync(fd)
                        self._pending = 0
                    elif self._pending >= self._batch_size:
                        os.fsync(fd)
                        self._pending = 0
                        if self._head:
                            self._write_head(fd)
            finally:
                _unlock_file(fd)

    def flush(self) -> None:
        """fsync the log (unless ``fsync="never"``) and rewrite the head file now."""
        with self._lock:
            fd = self._checked_fd()
            _lock_file(fd)
            try:
                self._sync_and_head(fd)
            finally:
                _unlock_file(fd)

    def close(self) -> None:
        """Write the head file (if this sink wrote anything) and close the file. Idempotent."""
        with self._lock:
            if self._fd == _CLOSED:
                return
            if self._pid != os.getpid() or self._fd == _REOPEN:
                fd = self._fd
                self._fd = _CLOSED
                if fd >= 0:
                    os.close(fd)
                return
            fd = self._fd
            try:
                if self._wrote:
                    _lock_file(fd)
                    try:
                        self._sync_and_head(fd)
                    finally:
                        _unlock_file(fd)
            finally:
                self._fd = _CLOSED
                os.close(fd)
                _OPEN_SINKS.discard(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- internals (called with both locks held) ---------------------------------------------

    def _checked_fd(self) -> int:
        if self._pid != os.getpid() or self._fd == _REOPEN:
            self._reopen_after_fork()
        if self._fd == _CLOSED:
            raise AuditError(f"the audit log sink for {self.path} is closed")
        return self._fd

    def _reopen_after_fork(self) -> None:
        # A forked child shares the parent's open file description, and with it the flock:
        # it needs its own, or parent and child would not exclude each other.
        if self._fd == _CLOSED:
            return
        if self._fd >= 0:
            os.close(self._fd)
        self._fd = os.open(self.path, _OPEN_FLAGS, 0o640)
        self._pid = os.getpid()
        self._reset_state()

    def _resync(self, fd: int, size: int) -> None:
        """Find the hash to chain from; terminate a torn last line. ``size`` is the file size."""
        previous: bytes | None = None
        if size > 0:
            lines = lines_backward(fd, size)
            tail = next(lines)
            if tail:  # no newline at the end: a crash cut the last write short
                _write_all(fd, b"\n")
                size += 1
                parsed = parse(tail)
                if parsed is not None:  # complete record, only its newline was lost
                    previous = parsed[1]
            if previous is None:
                for line in lines:
                    parsed = parse(line)
                    if parsed is not None:
                        previous = parsed[1]
                        break
        self._prev = ZERO_HASH if previous is None else previous
        if size < self._counted_to:  # the file shrank: count again from the start
            self._count = 0
            self._counted_to = 0
        self._size = size

    def _sync_and_head(self, fd: int) -> None:
        size = os.fstat(fd).st_size
        if size != self._size:
            self._resync(fd, size)
        if self._fsync != "never":
            os.fsync(fd)
            self._pending = 0
        if self._head:
            self._write_head(fd)

    def _count_records(self, fd: int) -> int:
        """Complete records in the file up to ``self._size`` (incremental)."""
        if not self._hint_tried:
            self._hint_tried = True
            if self._counted_to == 0:
                self._use_head_hint(fd)
        position = self._counted_to
        count = self._count
        carry = b""
        while position < self._size:
            chunk = os.pread(fd, min(_COUNT_BLOCK, self._size - position), position)
            if not chunk:
                break
            position += len(chunk)
            lines = (carry + chunk).split(b"\n")
            carry = lines.pop()
            count += sum(1 for line in lines if parse(line) is not None)
        self._count = count
        self._counted_to = position - len(carry)
        return count

    def _use_head_hint(self, fd: int) -> None:
        """Start counting from an existing head file if it still describes this file."""
        try:
            with open(self.head_path, "rb") as handle:
                hint = json.loads(handle.read(4096))
            records, last_hash, size = hint["records"], hint["last_hash"], hint["size"]
        except (OSError, ValueError, KeyError, TypeError):
            return
        if not (
            isinstance(records, int)
            and isinstance(size, int)
            and isinstance(last_hash, str)
            and 0 < size <= self._size
            and records > 0
        ):
            return
        lines = lines_backward(fd, size)
        if next(lines) != b"":
            return
        for line in lines:
            parsed = parse(line)
            if parsed is not None and parsed[1] == last_hash.encode("ascii", "replace"):
                self._count = records
                self._counted_to = size
            return

    def _write_head(self, fd: int) -> None:
        head = {
            "records": self._count_records(fd),
            "last_hash": self._prev.decode("ascii"),
            "size": self._size,
        }
        data = (json.dumps(head) + "\n").encode("ascii")
        temporary = f"{self.head_path}.{os.getpid()}.{threading.get_ident()}.tmp"
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
        try:
            _write_all(handle, data)
            if self._fsync != "never":
                os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, self.head_path)


_OPEN_SINKS: weakref.WeakSet[JsonLinesSink] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for sink in list(_OPEN_SINKS):
        sink._lock = threading.Lock()
        if sink._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(sink._fd)
            sink._fd = _REOPEN


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)

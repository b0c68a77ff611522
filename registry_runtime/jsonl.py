"""`JsonLinesSink`: an append-only, hash-chained, optionally signed JSON Lines audit log.

File format: docs/integrity.md ("Format") and `registry_runtime.chain`: each line is the record
plus ``stream``, ``seq``, ``prev_hash`` and ``hash`` as its last keys.

Streams. Every sink writes its own *stream*: its records carry the stream id and consecutive
sequence numbers from 0 and chain only to each other. The default id is new for every sink
(``<host>-<pid>-<random>``, and again in a forked child); a fixed ``stream=`` continues the
stream found in the log (its last record in the active file, else the newest rotated one) so
a service keeps one chain across restarts: give each concurrently writing process its own.
Streams never wait for each other to keep an order; several may share one file.

Concurrency. The file is opened with ``O_APPEND``; each line is one ``os.write`` under a
`threading.Lock` (threads of this sink) and an exclusive ``fcntl.flock`` (other sinks on the
same file), held only for that write: it keeps lines whole and makes crash recovery exclusive.

Crashes. A writer killed inside ``os.write`` leaves an incomplete last line. The next sink to
write the file (under the lock) appends ``"\\n"`` and, in the same write, a chained control
record of its own stream naming the fragment's length and sha256 (`chain.abandoned_body`):
the fragment is then accounted for, and any other line that is not a record is tampering.
A last line that is a complete record missing only its newline is kept as a record.

Checkpoints. With a ``signer`` (a `signing.Signer`, a PEM key file, or ``"env"`` for
``$REGISTRY_AUDIT_SIGNING_KEY``), the sink seals its stream with signed checkpoints
(`registry_runtime.sealing`): every ``checkpoint_every`` records, when a record has been
unsealed for ``checkpoint_seconds`` (a timer thread), on `flush` and on `close`; with
``heartbeat=True`` also an empty checkpoint every ``checkpoint_seconds`` while idle (so that
``verify-log --max-gap`` can tell an idle writer from removed checkpoints). They go to
``checkpoint_path`` (default ``<path>.checkpoints``) and to ``checkpoint_mirror`` (a
directory, or a callable given each line). `rotate_key` records a key rotation.

Sealing failures. A mirror that fails is an `AuditError` from the call that sealed (a `write`
after its record is written), with the checkpoint in ``checkpoint_path`` and the stream sealed:
only the mirror lacks that checkpoint, kept to be sent again, in order, before the next one and
by `flush` and `close` (`registry_runtime.sealing`). A failure of the timer's
checkpoint (the signer, the mirror) is raised by the next `write` or `flush` (which then
writes nothing) or by `close` (after closing); the timer goes on, trying again
``checkpoint_seconds`` later.

Rotation. ``rotate_bytes`` / ``rotate_seconds``: before a write that would pass the size, or
once the file is older than the time, the sink renames the file to ``<path>.<n>`` (if the path
still names its open file) and starts a new one; its stream continues there
(`registry_runtime.rotation`). Sinks sharing a file should share these settings.

Durability. ``fsync="never"`` (default), ``"always"``, or ``"batch"`` (every ``batch_size``
records of this sink and on `flush` / `close`); checkpoints are fsynced unless ``"never"``.

Head file. ``<path>.head`` ``{"records": n, "last_hash": "<hex>", "size": bytes}`` describes the
whole active file for the first-format truncation check; it is written on `close`, `flush` and
batched fsyncs, only while the path still names the sink's open file (never onto a file that
replaced it). Checkpoints are the evidence; the head only catches accidents.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import weakref
from typing import Any, Final, Literal, Self

from .chain import (
    MAX_LINE_BYTES,
    ZERO_HASH,
    abandoned_body,
    parse,
    seal_digest,
    stream_seq,
    valid_stream_id,
)
from .errors import AuditConfigurationError, AuditError
from .jsonl_head import HeadKeeper
from .rotation import crash_tail, hash_range, lines_backward, next_rotated_name, same_file
from .sealing import Mirror, Sealer
from .signing import Signer, load_signer

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_CLOSED: Final = -1
_REOPEN: Final = -2
_OPEN_FLAGS: Final = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)

FsyncMode = Literal["never", "always", "batch"]
SignerOption = Signer | str | os.PathLike[str] | None


def _lock_file(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock_file(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _write_all(fd: int, data: bytes) -> None:
    written = os.write(fd, data)
    if written < len(data):  # rare (signals, a full disk): append the rest while still locked
        view = memoryview(data)
        while written < len(data):
            written += os.write(fd, view[written:])


def default_stream_id() -> str:
    """``<host>-<pid>-<6 random hex>``, host cut to 40 characters of `chain.STREAM_PATTERN`."""
    uname = getattr(os, "uname", None)
    name = uname().nodename if uname is not None else os.environ.get("COMPUTERNAME", "")
    host = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in name)
    return f"{host[:40] or 'host'}-{os.getpid()}-{os.urandom(3).hex()}"


def _positive(name: str, value: object, kind: type) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, kind) or value <= 0):  # type: ignore[operator]
        raise AuditConfigurationError(f"{name} must be a positive number, not {value!r}")


class JsonLinesSink:
    """Appends chained records of one stream to ``path``; see the module docstring."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        fsync: FsyncMode = "never",
        batch_size: int = 1000,
        head: bool = True,
        stream: str | None = None,
        signer: SignerOption = None,
        checkpoint_every: int = 1000,
        checkpoint_seconds: float = 60.0,
        checkpoint_path: str | os.PathLike[str] | None = None,
        checkpoint_mirror: str | os.PathLike[str] | Mirror | None = None,
        rotate_bytes: int | None = None,
        rotate_seconds: float | None = None,
        heartbeat: bool = False,
    ) -> None:
        if fsync not in ("never", "always", "batch"):
            raise AuditConfigurationError(
                f"fsync must be 'never', 'always' or 'batch', not {fsync!r}"
            )
        _positive("batch_size", batch_size, int)
        _positive("checkpoint_every", checkpoint_every, int)
        _positive("checkpoint_seconds", checkpoint_seconds, (int, float))  # type: ignore[arg-type]
        _positive("rotate_bytes", rotate_bytes, int)
        _positive("rotate_seconds", rotate_seconds, (int, float))  # type: ignore[arg-type]
        if stream is not None and not valid_stream_id(stream):
            raise AuditConfigurationError(
                "stream must be 1 to 64 ASCII letters, digits, '.', '_' or '-'"
            )
        self.path = os.fspath(path)
        self._fsync = fsync
        self._batch_size = batch_size
        self._fixed_stream = stream
        self.stream = stream or default_stream_id()
        self._every = checkpoint_every
        self._heartbeat = heartbeat
        self._seconds = float(checkpoint_seconds)
        self._rotate_bytes = rotate_bytes
        self._rotate_seconds = rotate_seconds
        self._checkpoint_path = os.fspath(checkpoint_path or self.path + ".checkpoints")
        self._mirror: str | Mirror | None = (
            checkpoint_mirror
            if callable(checkpoint_mirror) or checkpoint_mirror is None
            else os.fspath(checkpoint_mirror)
        )
        self._signer = self._resolve_signer(signer)
        self._lock = threading.Lock()
        self._fd = self._open()
        self._head = HeadKeeper(self.path + ".head", fsync != "never") if head else None
        self._pid = os.getpid()
        self._sealer: Sealer | None = None
        self._timer: threading.Thread | None = None
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._reset_state()
        _OPEN_SINKS.add(self)

    @staticmethod
    def _resolve_signer(signer: SignerOption) -> Signer | None:
        if signer is None or isinstance(signer, Signer):
            return signer
        if signer == "env":
            return load_signer()
        return load_signer(signer)

    def _open(self) -> int:
        try:
            return os.open(self.path, _OPEN_FLAGS, 0o640)
        except OSError as error:
            raise AuditConfigurationError(
                f"cannot open the audit log {self.path}: {error.strerror}"
            ) from error

    def _reset_state(self) -> None:
        self._size = -1  # unknown: look at the end of the file before the first write
        self._started = False  # the stream's position is known
        self._seq = 0
        self._prev = ZERO_HASH
        self._pending = 0
        self._wrote = False
        self._opened_at = time.monotonic()
        if self._signer is not None:
            self._sealer = Sealer(
                self._signer,
                self.stream,
                self._checkpoint_path,
                self._mirror,
                durable=self._fsync != "never",
            )
            self._stop = threading.Event()
            self._timer = threading.Thread(
                target=self._tick, name=f"audit-seal-{self.stream}", daemon=True
            )
            self._timer.start()

    # -- writing ---------------------------------------------------------------------------

    def write(self, record: dict[str, Any], line: bytes) -> None:
        """Append ``line`` (the record's JSON) as the next record of this sink's stream."""
        with self._lock:
            fd = self._checked_fd()
            _lock_file(fd)
            try:
                size = os.fstat(fd).st_size
                if size != self._size:
                    size = self._resync(fd, size)
                fd, size = self._maybe_rotate(fd, size, len(line))
                unsealed = self._append(fd, line)
                if self._fsync != "never":
                    self._pending += 1
                    if self._fsync == "always" or self._pending >= self._batch_size:
                        os.fsync(fd)
                        self._pending = 0
                        if self._fsync == "batch" and self._head is not None:
                            self._head.write(fd, self.path, self._size)
                if unsealed >= self._every:
                    sealer = self._sealer
                    if sealer is not None:
                        sealer.seal()
            finally:
                _unlock_file(self._fd if self._fd >= 0 else fd)

    def _append(self, fd: int, body: bytes) -> int:
        """Write the next record; the records now pending a checkpoint (0 without a signer)."""
        data, new_hash, raw = seal_digest(body, self._prev, self.stream, self._seq)
        if len(data) > MAX_LINE_BYTES:
            raise AuditError(
                f"the record is {len(data)} bytes, longer than the log's limit of {MAX_LINE_BYTES}"
            )
        _write_all(fd, data)
        self._size += len(data)
        self._prev = new_hash
        self._seq += 1
        self._wrote = True
        sealer = self._sealer
        if sealer is None:
            return 0
        hashes = sealer.hashes
        if not hashes:
            sealer.oldest = time.monotonic()
        hashes.append(raw)
        return len(hashes)

    def flush(self) -> None:
        """Seal pending records, fsync the log (unless ``fsync="never"``), write the head."""
        with self._lock:
            fd = self._checked_fd()
            self._raise_timer_error()
            if self._sealer is not None:
                self._sealer.seal()
            _lock_file(fd)
            try:
                self._sync_and_head(fd)
            finally:
                _unlock_file(fd)

    def rotate_key(self, signer: Signer) -> None:
        """Seal what is pending with a checkpoint that names ``signer``'s key as the next one;
        later checkpoints are signed by ``signer``."""
        with self._lock:
            self._checked_fd()
            if self._sealer is None:
                raise AuditConfigurationError("this sink does not sign checkpoints (no signer)")
            try:
                self._sealer.seal(next_key=signer)
            finally:  # rotated once the checkpoint is written, even if the mirror then failed
                self._signer = self._sealer.signer

    def close(self) -> None:
        """Seal pending records, write the head and close the files. Idempotent."""
        self._stop.set()
        timer = self._timer
        if (
            timer is not None
            and timer is not threading.current_thread()
            and self._pid == os.getpid()
        ):
            timer.join()
        with self._lock:
            if self._fd == _CLOSED:
                return
            fd = self._fd
            foreign = self._pid != os.getpid() or fd == _REOPEN
            self._fd = _CLOSED
            _OPEN_SINKS.discard(self)
            try:
                if not foreign:
                    if self._sealer is not None:
                        self._sealer.seal()
                    if self._wrote:
                        _lock_file(fd)
                        try:
                            self._sync_and_head(fd)
                        finally:
                            _unlock_file(fd)
            finally:
                if fd >= 0:
                    os.close(fd)
                if self._sealer is not None:
                    self._sealer.close()
        self._raise_timer_error()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- sealing by time -------------------------------------------------------------------

    def _tick(self) -> None:
        stop = self._stop
        wait = self._wait_time()
        while not stop.wait(wait):
            # after a failure the timer goes on: again a period later, not at once
            wait = self._wait_time() if self._seal_if_due() else self._seconds

    def _seal_if_due(self) -> bool:
        """Seal by time if due; False when that failed (the error is kept, under the lock,
        for the next write, flush or close to raise)."""
        with self._lock:
            sealer = self._sealer
            if self._fd < 0 or sealer is None:
                return True
            now = time.monotonic()
            try:
                if sealer.hashes and now - sealer.oldest >= self._seconds:
                    sealer.seal()
                elif self._heartbeat and now - sealer.sealed_at >= self._seconds:
                    sealer.seal(empty=True)
            except Exception as error:  # noqa: BLE001 - kept for the next write, flush or close to raise
                if self._error is None:
                    self._error = error
                return False
        return True

    def _wait_time(self) -> float:
        sealer = self._sealer
        if sealer is None or not sealer.hashes:
            if self._heartbeat and sealer is not None:
                return max(0.01, sealer.sealed_at + self._seconds - time.monotonic())
            return self._seconds
        return max(0.01, sealer.oldest + self._seconds - time.monotonic())

    def _raise_timer_error(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise AuditError(f"sealing the audit log {self.path} failed: {error}") from error

    # -- internals (called with both locks held) ---------------------------------------------

    def _checked_fd(self) -> int:
        if self._pid != os.getpid() or self._fd == _REOPEN:
            self._reopen_after_fork()
        if self._fd == _CLOSED:
            raise AuditError(f"the audit log sink for {self.path} is closed")
        if self._error is not None:
            self._raise_timer_error()
        return self._fd

    def _reopen_after_fork(self) -> None:
        # A forked child is another writer: its own descriptor (flock locks belong to the open
        # file description a fork shares) and its own stream.
        if self._fd == _CLOSED:
            return
        if self._fd >= 0:
            os.close(self._fd)
        if self._sealer is not None:
            self._sealer.close()
        self._fd = self._open()
        self._pid = os.getpid()
        base = self._fixed_stream
        self.stream = f"{base[:50]}-{os.getpid()}" if base else default_stream_id()
        self._fixed_stream = None
        self._reset_state()

    def _resync(self, fd: int, size: int) -> int:
        """Close a fragment a crashed writer left, find the stream's position; the new size."""
        if size > 0 and (not self._started or os.pread(fd, 1, size - 1) != b"\n"):
            start, end, last_is_record = crash_tail(fd, size)
            if last_is_record:
                _write_all(fd, b"\n")
                size += 1
            elif end > start:
                digest = hash_range(fd, start, end)
                newline = b"" if end < size else b"\n"
                _write_all(fd, newline)
                size += len(newline)
                self._size = size
                self._start_stream(fd, size)
                self._append(fd, abandoned_body(end - start, digest))
                return self._size
        self._size = size
        self._start_stream(fd, size)
        return size

    def _start_stream(self, fd: int, size: int) -> None:
        if self._started:
            return
        self._started = True
        if self._fixed_stream is None:
            return
        found = _find_stream_end(fd, size, self.stream)
        if found is None:
            rotated = next_rotated_name(self.path)
            index = int(rotated.rsplit(".", 1)[1]) - 1
            if index > 0:
                with contextlib.suppress(OSError):
                    other = os.open(f"{self.path}.{index}", os.O_RDONLY)
                    try:
                        found = _find_stream_end(other, os.fstat(other).st_size, self.stream)
                    finally:
                        os.close(other)
        if found is not None:
            self._seq, self._prev = found
            if self._sealer is not None:
                self._sealer.resume(self._seq, self._prev.decode("ascii"))

    def _maybe_rotate(self, fd: int, size: int, adding: int) -> tuple[int, int]:
        limit, period = self._rotate_bytes, self._rotate_seconds
        due = (limit is not None and size > 0 and size + adding + 400 > limit) or (
            period is not None and size > 0 and time.monotonic() - self._opened_at >= period
        )
        if not due:
            return fd, size
        if same_file(self.path, fd):
            if self._head is not None:
                self._head.write(fd, self.path, size)
            os.rename(self.path, next_rotated_name(self.path))
        new = self._open()
        _unlock_file(fd)
        os.close(fd)
        self._fd = new
        _lock_file(new)
        self._opened_at = time.monotonic()
        size = os.fstat(new).st_size
        self._size = -1
        return new, self._resync(new, size)

    def _sync_and_head(self, fd: int) -> None:
        size = os.fstat(fd).st_size
        if size != self._size:
            self._resync(fd, size)
        if self._fsync != "never":
            os.fsync(fd)
            self._pending = 0
        if self._head is not None:
            self._head.write(fd, self.path, self._size)


def _find_stream_end(fd: int, size: int, stream: str) -> tuple[int, bytes] | None:
    """``(next seq, last hash)`` of ``stream``'s last record in a file, if it has one."""
    needle = b'"stream":"' + stream.encode("ascii") + b'"'
    for line in lines_backward(fd, size):
        if needle in line:
            parsed = parse(line)
            position = stream_seq(line) if parsed is not None else None
            if parsed is not None and position is not None and position[0] == stream:
                return position[1] + 1, parsed[1]
    return None


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

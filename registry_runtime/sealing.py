"""Sealing a stream: the checkpoints a `JsonLinesSink` signs (format: `registry_runtime.checkpoint`).

A `Sealer` keeps what the next checkpoint needs: `Sealer.hashes`, the raw 32-byte hashes of
the unsealed records (32 KB at the default of 1,000; the Merkle root is computed once per
checkpoint, which costs less per record than an incremental frontier), the range's first
sequence number, the last record hash and the previous checkpoint hash,
and writes checkpoints to their file through one open descriptor (``O_APPEND``, an exclusive
``flock`` per line: the streams of one log family share the file) and to the mirror (a
second directory, or a callable that ships the line elsewhere). A line is appended after a
newline when the file does not end in one (what a writer killed inside a line leaves), so
the fragment stays a line of its own and never swallows the next checkpoint.

A checkpoint is sealed once it is in its file: a mirror that fails then is an `AuditError`
raised with the state already moved on (the stream's chain is whole). The lines the mirror
refused are kept, at most `MIRROR_BACKLOG` (the oldest are dropped beyond), and sent again,
oldest first, before the next checkpoint and on each later `seal` (the sink's `flush` and
`close`), so that the mirror receives every checkpoint in order once it accepts again.
The sink calls the sealer with its own lock held; the timer thread that seals records older
than ``checkpoint_seconds`` lives in the sink.
"""

from __future__ import annotations

import os
import time
from binascii import hexlify, unhexlify
from collections.abc import Callable
from typing import Final

from .checkpoint import ZERO, checkpoint_hash, parse_checkpoint, payload, sign_line
from .errors import AuditConfigurationError, AuditError
from .ids import format_timestamp
from .merkle import root
from .rotation import lines_backward
from .signing import Signer

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_OPEN_FLAGS: Final = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
MIRROR_BACKLOG: Final = 1024
"""The most checkpoint lines kept for a failing mirror (about 500 bytes each)."""
Mirror = Callable[[bytes], None]


def _open(path: str) -> int:
    try:
        return os.open(path, _OPEN_FLAGS, 0o640)
    except OSError as error:
        raise AuditConfigurationError(
            f"cannot open the checkpoint file {path}: {error.strerror}"
        ) from error


def _append(fd: int, data: bytes) -> None:
    """Append the line ``data`` whole, after a newline if the file ends inside a line."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data
        written = os.write(fd, data)
        while written < len(data):
            written += os.write(fd, data[written:])
    finally:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _root(hashes: list[bytes]) -> bytes:
    """`merkle.root` of the records with these hashes (hex, as a table stores them)."""
    return root(list(map(unhexlify, hashes)))


class Sealer:
    """The checkpoint state of one stream; see the module docstring."""

    __slots__ = (
        "_fd",
        "_last",
        "_mirror",
        "_mirror_fd",
        "_unsent",
        "dropped",
        "durable",
        "first",
        "hashes",
        "oldest",
        "path",
        "prev",
        "sealed_at",
        "signer",
        "stream",
    )

    def __init__(
        self,
        signer: Signer,
        stream: str,
        path: str,
        mirror: str | Mirror | None,
        *,
        durable: bool = False,
    ) -> None:
        self.signer = signer
        self.durable = durable
        self.stream = stream
        self.path = path
        self._fd = _open(path)
        self._mirror: Mirror | None = None
        self._mirror_fd = -1
        if callable(mirror):
            self._mirror = mirror
        elif mirror is not None:
            self._mirror_fd = _open(os.path.join(mirror, os.path.basename(path)))
        self._unsent: list[bytes] = []  # lines the mirror refused, oldest first
        self.dropped = 0  # lines dropped from a full backlog: the mirror lacks them for good
        # The raw hashes of the records written since the last checkpoint, oldest first. The
        # sink appends each record's hash itself, under its lock, and sets `oldest` when the
        # list was empty (no method call per record: measurable against a 10% budget).
        self.hashes: list[bytes] = []
        self.first = 0
        self._last = ZERO.encode("ascii")
        self.prev = ZERO
        self.oldest = 0.0  # monotonic time of the oldest unsealed record (set by the sink)
        self.sealed_at = time.monotonic()

    @property
    def last_hash(self) -> str:
        """The hash of the stream's last record (hex)."""
        hashes = self.hashes
        return (hexlify(hashes[-1]) if hashes else self._last).decode("ascii")

    def resume(self, next_seq: int, last_hash: str) -> None:
        """Continue a stream found in the log: its next sequence number and last hash.

        The previous checkpoint is the stream's last one in the checkpoint file; records after
        it that this process did not see are left for the verifier to report as unsealed.
        """
        self.first = next_seq
        self._last = last_hash.encode("ascii")
        size = os.fstat(self._fd).st_size
        needle = b'"stream":"' + self.stream.encode("ascii") + b'"'
        for line in lines_backward(self._fd, size):
            if needle in line:
                checkpoint = parse_checkpoint(line)
                if checkpoint is not None and checkpoint.stream == self.stream:
                    self.prev = checkpoint.hash
                    return

    def seal(self, next_key: Signer | None = None, *, empty: bool = False) -> bytes | None:
        """Write a checkpoint of the pending records (if any; with none, only for a key
        rotation or when ``empty``: a heartbeat that shows the writer was alive), then send
        the mirror what it lacks (with nothing to seal, only that)."""
        hashes = self.hashes
        count = len(hashes)
        if not count and next_key is None and not empty:
            if self._unsent:
                self._ship(None)
            return None
        data = payload(
            self.stream,
            self.first,
            self.first + count - 1,
            root(hashes),
            self.last_hash,
            self.prev,
            format_timestamp(time.time_ns() // 1_000_000),
            self.signer.key_id,
            None if next_key is None else next_key.public_key,
        )
        line = sign_line(data, self.signer)
        _append(self._fd, line)
        if self.durable:
            os.fsync(self._fd)
        # Sealed once the line is in the checkpoint file: the state moves on before the mirror
        # is tried, so that a failing mirror never makes the next checkpoint follow this one's
        # predecessor (a `checkpoint_chain` and `resealed` verdict on an intact log).
        first = self.first
        self.prev = checkpoint_hash(line[:-1])
        self.sealed_at = time.monotonic()
        self.first += count
        if hashes:
            self._last = hexlify(hashes[-1])
        self.hashes = []
        if next_key is not None:
            self.signer = next_key
        if self._mirror_fd >= 0 or self._mirror is not None:
            unsent = self._unsent
            unsent.append(line)
            if len(unsent) > MIRROR_BACKLOG:
                del unsent[0]
                self.dropped += 1
            what = (
                f"sealing records {first} to {first + count - 1}" if count else "(no new records)"
            )
            self._ship(what)
        return line

    def _ship(self, what: str | None) -> None:
        """Send the mirror the lines it lacks, oldest first; an `AuditError` when it fails
        (``what`` names the checkpoint just sealed, None for a retry with nothing new)."""
        unsent = self._unsent
        try:
            while unsent:
                if self._mirror_fd >= 0:
                    _append(self._mirror_fd, unsent[0])
                if self._mirror is not None:
                    self._mirror(unsent[0])
                del unsent[0]
        except Exception as error:  # any failure of the application's mirror
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            lacks = len(unsent) + self.dropped
            if what is None:
                head = f"the checkpoint mirror of stream {self.stream} failed again"
            else:
                head = (
                    f"the checkpoint {what} of stream {self.stream} is in {self.path}, but the "
                    "checkpoint mirror failed"
                )
            tail = "this checkpoint" if lacks == 1 and what is not None else f"{lacks} checkpoints"
            kept = "" if not self.dropped else f" ({self.dropped} of them dropped for good)"
            raise AuditError(
                f"{head}, so it lacks {tail}{kept}: {type(error).__name__}: {reason}"
            ) from error

    def close(self) -> None:
        for fd in (self._fd, self._mirror_fd):
            if fd >= 0:
                os.close(fd)
        self._fd = self._mirror_fd = -1

"""The head file of a chained log (``<path>.head``): the first format's truncation check.

``{"records": n, "last_hash": "<hex>", "size": bytes}`` for the whole active file: ``n`` complete
chained lines (every stream's), the hash of the last one, the file size. Written atomically
(a temporary file, then ``os.replace``), and only while the log's path still names the writer's
open file: a sink whose file was rotated away never writes a head onto its successor.
"""

from __future__ import annotations

import json
import os
import threading
from typing import Final

from .chain import parse
from .rotation import lines_backward, same_file

_COUNT_BLOCK: Final = 1 << 20


class HeadKeeper:
    """Counts the complete lines of a log incrementally and writes its head file."""

    __slots__ = ("_count", "_counted_to", "_fsync", "_hint_tried", "_inode", "path")

    def __init__(self, path: str, fsync: bool) -> None:
        self.path = path
        self._fsync = fsync
        self._count = 0
        self._counted_to = 0
        self._hint_tried = False
        self._inode: tuple[int, int] | None = None

    def write(self, fd: int, log_path: str, size: int) -> None:
        """Describe the first ``size`` bytes of the log open as ``fd`` (if ``log_path`` names it)."""
        if not same_file(log_path, fd):
            return
        status = os.fstat(fd)
        if self._inode != (status.st_dev, status.st_ino) or size < self._counted_to:
            self._inode = (status.st_dev, status.st_ino)
            self._count = self._counted_to = 0
            self._hint_tried = False
        records, last = self._count_records(fd, size)
        head = {"records": records, "last_hash": last, "size": size}
        data = (json.dumps(head) + "\n").encode("ascii")
        temporary = f"{self.path}.{os.getpid()}.{threading.get_ident()}.tmp"
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
        try:
            os.write(handle, data)
            if self._fsync:
                os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, self.path)

    def _count_records(self, fd: int, size: int) -> tuple[int, str]:
        if not self._hint_tried:
            self._hint_tried = True
            if self._counted_to == 0:
                self._use_hint(fd, size)
        position = self._counted_to
        count = self._count
        carry = b""
        while position < size:
            chunk = os.pread(fd, min(_COUNT_BLOCK, size - position), position)
            if not chunk:
                break
            position += len(chunk)
            lines = (carry + chunk).split(b"\n")
            carry = lines.pop()
            count += sum(1 for line in lines if parse(line) is not None)
        self._count = count
        self._counted_to = position - len(carry)
        last = ""
        for line in lines_backward(fd, size):
            parsed = parse(line)
            if parsed is not None:
                last = parsed[1].decode("ascii")
                break
        return count, last

    def _use_hint(self, fd: int, size: int) -> None:
        """Start counting from an existing head file if it still describes this file."""
        try:
            with open(self.path, "rb") as handle:
                hint = json.loads(handle.read(4096))
            records, last_hash, hinted = hint["records"], hint["last_hash"], hint["size"]
        except (OSError, ValueError, KeyError, TypeError):
            return
        if not (
            isinstance(records, int)
            and isinstance(hinted, int)
            and isinstance(last_hash, str)
            and 0 < hinted <= size
            and records > 0
        ):
            return
        lines = lines_backward(fd, hinted)
        if next(lines) != b"":
            return
        for line in lines:
            parsed = parse(line)
            if parsed is not None and parsed[1] == last_hash.encode("ascii", "replace"):
                self._count = records
                self._counted_to = hinted
            return

"""Files of a chained log: rotated names, families, and what a crash left at a file's end.

A sink writes ``<path>`` (the *active* file). Rotation renames it to ``<path>.<n>``, ``n`` one
more than the highest already there (1, 2, ...), and starts a new ``<path>``: the *family* of
``<path>`` is the rotated files in the order of ``n``, then the active file. A stream's chain
continues from one file of its family to the next.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from typing import Final

from .chain import parse

_FIRST_BLOCK: Final = 1 << 12
_MAX_BLOCK: Final = 1 << 20
_ROTATED: Final = re.compile(r"(.+)\.([1-9][0-9]{0,9})")
CHECKPOINT_SUFFIX: Final = ".checkpoints"
HEAD_SUFFIX: Final = ".head"


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


def crash_tail(fd: int, size: int) -> tuple[int, int, bool]:
    """What follows the last complete line of the first ``size`` bytes.

    Returns ``(start, end, last_is_record)``: the fragment is bytes ``start..end`` (empty when
    equal), from the end of the last complete chained line (after its newline) to the end of
    the file without a final newline; ``last_is_record`` is true when the file's last line is
    a complete record that only lacks its newline (then there is no fragment).
    """
    lines = lines_backward(fd, size)
    tail = next(lines)
    if tail and parse(tail) is not None:
        return size, size, True
    end = size if tail else size - 1
    position = size - len(tail)
    for line in lines:
        position -= 1  # the newline after this line
        if parse(line) is not None:
            return position + 1, max(end, position + 1), False
        position -= len(line)
    return 0, max(end, 0), False


def hash_range(fd: int, start: int, end: int) -> str:
    """sha256 (hex) of bytes ``start..end`` of a file."""
    digest = hashlib.sha256()
    while start < end:
        chunk = os.pread(fd, min(_MAX_BLOCK, end - start), start)
        if not chunk:
            break
        digest.update(chunk)
        start += len(chunk)
    return digest.hexdigest()


def rotated_index(name: str) -> tuple[str, int]:
    """``(active path, n)`` of a rotated file name, ``(name, 0)`` for an active one."""
    match = _ROTATED.fullmatch(name)
    if match is None:
        return name, 0
    return match.group(1), int(match.group(2))


def next_rotated_name(path: str) -> str:
    """``<path>.<n>`` with ``n`` one more than the highest rotated file of ``path``."""
    directory, base = os.path.split(path)
    highest = 0
    for name in os.listdir(directory or "."):
        active, index = rotated_index(name)
        if active == base:
            highest = max(highest, index)
    return f"{path}.{highest + 1}"


def same_file(path: str, fd: int) -> bool:
    """Whether ``path`` still names the open file ``fd`` (not rotated or replaced since)."""
    try:
        named = os.stat(path)
    except OSError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def families(paths: Iterable[str]) -> dict[str, list[str]]:
    """Log files grouped by family (keyed by the active path), each in chain order.

    A directory stands for the logs in it: every file that is not a checkpoint or head file
    (nor a temporary one). Explicit files are taken as given.
    """
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                full = os.path.join(path, name)
                if os.path.isfile(full) and not _side_file(name):
                    found.append(full)
        else:
            found.append(path)
    grouped: dict[str, list[tuple[int, str]]] = {}
    for path in dict.fromkeys(found):
        active, index = rotated_index(path)
        grouped.setdefault(active, []).append((index or 1 << 40, path))
    return {active: [p for _i, p in sorted(items)] for active, items in sorted(grouped.items())}


def _side_file(name: str) -> bool:
    base = rotated_index(name)[0]
    return (
        name.startswith(".")
        or name.endswith(".tmp")
        or base.endswith((CHECKPOINT_SUFFIX, HEAD_SUFFIX))
    )

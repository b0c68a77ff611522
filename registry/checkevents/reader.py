"""Reading a JSON Lines stream line by line in bounded memory.

Plain JSON Lines and the hash-chained log (`registry_runtime.chain`: each line is a record
whose last two keys are ``prev_hash`` and ``hash``) read the same way: the chain keys are part
of the record. Verifying the chain is `registry verify-log`'s job.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, Final

from registry_runtime.chain import MAX_LINE_BYTES as CHAIN_MAX_LINE_BYTES

MAX_LINE_BYTES: Final = CHAIN_MAX_LINE_BYTES
"""The longest line read: the longest the runtime's sink writes (16 MiB, newline included)."""
_BOM: Final = b"\xef\xbb\xbf"
_SKIP_BLOCK: Final = 1 << 16


def read_lines(
    stream: BinaryIO, max_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` for every line; the line is None when it is longer than
    ``max_bytes`` (the rest of it is read and dropped, never held)."""
    readline = stream.readline
    number = 0
    while True:
        raw = readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while True:
                rest = readline(_SKIP_BLOCK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, raw

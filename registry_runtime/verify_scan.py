"""The line-by-line pass of `verify_log` over one log family (its files in chain order).

Memory per stream is bounded by a checkpoint's range (the 32-byte hashes of the range being
checked, the expected sequence number and hash), whatever the log's size; lines are read with a limit of
`chain.MAX_LINE_BYTES`, the longest line the sink writes. Problem kinds: `registry_runtime.verify`.
"""

from __future__ import annotations

import hashlib
import re
from binascii import unhexlify
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Final

from .chain import (
    CONTROL_PREFIX,
    MAX_LINE_BYTES,
    RECORD_TAIL,
    SUFFIX_LEN,
    TAIL_WINDOW,
    ZERO_HASH,
    abandoned_of,
    body_hash,
    parse,
    stream_seq,
)
from .checkpoint import Checkpoint
from .merkle import root

Report = Callable[[str, int, str, str, "str | None"], None]
"""report(file, line, kind, message, stream)"""

_OCCURRED: Final = re.compile(rb'"occurred_at":"([^"]{1,40})"')
_PENDING_DETAIL: Final = 1000


def _short(value: bytes | str) -> str:
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
    return text[:12] + "..."


def crash_remnant(line: bytes) -> bool:
    """Whether a line that is not a complete record can be what a writer killed mid-write
    leaves: a proper prefix of a record (``{`` and no complete JSON value at the top level,
    since the record's closing brace is its last byte), or the zeros a file system may leave
    after a power loss. ``{...forged record...} {}`` contains a complete object: not a remnant."""
    if not line.strip(b"\x00"):
        return True
    if line[:1] != b"{":
        return False
    depth = 0
    in_string = escaped = False
    for byte in line:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x7B, 0x5B):
            depth += 1
        elif byte in (0x7D, 0x5D):
            depth -= 1
            if depth <= 0:
                return False
    return True


def read_lines(handle: BinaryIO) -> Iterator[tuple[bytes | None, bool]]:
    """``(line without newline, had a newline)``; ``None`` for a line over the limit."""
    limit = MAX_LINE_BYTES
    while True:
        raw = handle.readline(limit + 1)
        if not raw:
            return
        if raw.endswith(b"\n"):
            yield raw[:-1], True
        elif len(raw) <= limit:
            yield raw, False
        else:
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(1 << 20)
            yield None, bool(raw)


@dataclass(slots=True)
class StreamState:
    """What the pass knows of one stream."""

    checkpoints: list[Checkpoint]
    next_seq: int = 0
    prev: bytes = ZERO_HASH
    records: int = 0
    leaves: list[bytes] = field(default_factory=list)
    index: int = 0  # the checkpoint whose range is being read
    broken: bool = False  # the current range already has a reported problem
    sealed_to: int = -1
    last_time: bytes | None = None
    files: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Pending:
    """Lines since the last complete line that are not records (fragments, or forgeries)."""

    lines: list[tuple[str, int, bool, bool]] = field(
        default_factory=list
    )  # file, line, remnant, newline
    count: int = 0
    size: int = -1
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)

    def add(self, file: str, number: int, line: bytes | None, newline: bool) -> None:
        if self.size >= 0:
            self.digest.update(b"\n")
            self.size += 1
        else:
            self.size = 0
        if line is not None:
            self.digest.update(line)
            self.size += len(line)
        else:
            self.size = -(1 << 62)  # too long: no marker can name it
        self.count += 1
        if len(self.lines) < _PENDING_DETAIL:
            self.lines.append((file, number, line is not None and crash_remnant(line), newline))


class FamilyScan:
    """Checks the lines of a family's files; see the module docstring."""

    def __init__(
        self, checkpoints: dict[str, list[Checkpoint]], report: Report, *, times: bool = False
    ) -> None:
        self.times = times  # note each stream's last occurred_at (for --max-gap)
        self.streams: dict[str, StreamState] = {}
        self._checkpoints = checkpoints
        self._report = report
        self.records = 0
        self.legacy = 0
        self.last_hash: bytes | None = None
        self.file_records = 0
        self.file_last: tuple[int, bytes] | None = None
        self.lines = 0
        self._by_id: dict[bytes, StreamState] = {}  # self.streams by the id's bytes

    def scan_file(self, name: str, handle: BinaryIO, head_records: int | None = None) -> None:
        """Check the lines of one file (the next in chain order).

        The loop is the hot path of `verify_log`: a current-format record that hashes, follows
        its stream's previous record and has no fragment before it is checked inline (one
        `chain.RECORD_TAIL` search, one SHA-256 over the line's hashed bytes); anything else goes
        through `parse`, `stream_seq` and `_record` / `_legacy`, which also report problems.
        """
        pending = _Pending()
        legacy_prev = ZERO_HASH
        number = 0
        records = self.records
        file_records = 0
        own: bytes | None = None
        own_at = 0
        self.file_records = 0
        self.file_last = None
        self.head_at: tuple[int, bytes] | None = None
        readline = handle.readline
        limit = MAX_LINE_BYTES
        search = RECORD_TAIL.search
        window = TAIL_WINDOW + 1
        cut = SUFFIX_LEN + 1  # the suffix and the newline
        sha256 = hashlib.sha256
        streams = self._by_id
        before = {sid: state.records for sid, state in streams.items()}
        times = self.times
        try:
            while True:
                raw = readline(limit + 1)
                if not raw:
                    break
                number += 1
                if raw[:1] == b"{" and not pending.count:
                    size = len(raw)
                    match = search(raw, size - window)  # a negative pos is 0
                    if match is not None:
                        sid, seq_text, prev_hash, own = match.groups()
                        seq = int(seq_text)
                        state = streams.get(sid)
                        digest = sha256(prev_hash)
                        digest.update(raw[: size - cut])
                        digest.update(b"}")
                        leaf = unhexlify(own)
                        records += 1
                        file_records += 1
                        own_at = number
                        if file_records == head_records:
                            self.head_at = (number, own)
                        if (
                            state is not None
                            and seq == state.next_seq
                            and prev_hash == state.prev
                            and digest.digest() == leaf
                        ):
                            state.records += 1
                            if times and not raw.startswith(CONTROL_PREFIX):
                                found = _OCCURRED.search(raw, 0, 400)
                                if found is not None:
                                    state.last_time = found.group(1)
                            state.next_seq = seq + 1
                            state.prev = own
                            checkpoints = state.checkpoints
                            if state.index < len(checkpoints):
                                checkpoint = checkpoints[state.index]
                                if seq >= checkpoint.first:
                                    state.leaves.append(leaf)
                                    if seq >= checkpoint.last:
                                        stream = sid.decode("ascii")
                                        self._close_range(
                                            state, checkpoint, own, name, number, stream
                                        )
                        else:
                            stream = sid.decode("ascii")
                            self._record(name, number, raw[:-1], prev_hash, own, (stream, seq))
                        continue
                line: bytes | None
                if raw.endswith(b"\n"):
                    line, newline = raw[:-1], True
                elif len(raw) <= limit:
                    line, newline = raw, False
                else:
                    while raw and not raw.endswith(b"\n"):
                        raw = readline(1 << 20)
                    line, newline = None, bool(raw)
                parsed = None if line is None else parse(line)
                if line is None or parsed is None:
                    pending.add(name, number, line, newline)
                    continue
                prev_hash, own = parsed
                position = stream_seq(line)
                if pending.count:
                    self._settle(pending, line, position is None, name, number)
                    pending = _Pending()
                records += 1
                file_records += 1
                own_at = number
                if file_records == head_records:
                    self.head_at = (number, own)
                self.file_records = file_records
                if position is None:
                    self.legacy += 1
                    legacy_prev = self._legacy(name, number, line, prev_hash, own, legacy_prev)
                else:
                    self._record(name, number, line, prev_hash, own, position)
        finally:
            self.records = records
            self.file_records = file_records
            if own is not None and own_at:
                self.file_last = (own_at, own)
                self.last_hash = own
            for sid, state in streams.items():  # the streams with records in this file
                if state.records != before.get(sid, 0):
                    state.files.add(name)
        self.lines = number
        if pending.count:
            self._settle(pending, None, True, name, number + 1)

    # -- fragments -------------------------------------------------------------------------

    def _settle(
        self, pending: _Pending, line: bytes | None, legacy: bool, name: str, number: int
    ) -> None:
        named = abandoned_of(line) if line is not None else None
        if named is not None:
            if named == (pending.size, pending.digest.hexdigest().encode()):
                for file, at, _remnant, _newline in pending.lines:
                    self._report(
                        file,
                        at,
                        "torn",
                        f"fragment of a crashed write, closed by the next writer (line {number})",
                        None,
                    )
                return
            for file, at, _remnant, _newline in pending.lines:
                self._report(
                    file,
                    at,
                    "malformed",
                    f"not the fragment the abandoned marker on line {number} names: lines were changed or inserted here",
                    None,
                )
            return
        for file, at, remnant, newline in pending.lines:
            if remnant and (legacy or line is None):
                where = "" if newline else " at the end of the log"
                self._report(
                    file,
                    at,
                    "torn",
                    f"incomplete record{where} (a writer crashed mid-write); the chain continues from the last complete record",
                    None,
                )
            elif remnant:
                self._report(
                    file,
                    at,
                    "malformed",
                    "an incomplete record that the next writer did not mark abandoned: not what a crash leaves (a line inserted, or a record cut short)",
                    None,
                )
            else:
                self._report(
                    file,
                    at,
                    "malformed",
                    "not a record of a chained log, nor what a crashed writer leaves (a record cut short): a line written by something else",
                    None,
                )
        if pending.count > len(pending.lines):
            file, at = pending.lines[-1][:2]
            self._report(
                file,
                at,
                "malformed",
                f"{pending.count - len(pending.lines)} more lines that are not records follow",
                None,
            )

    # -- records ---------------------------------------------------------------------------

    def _legacy(
        self, name: str, number: int, line: bytes, prev_hash: bytes, own: bytes, expected: bytes
    ) -> bytes:
        if body_hash(prev_hash, line) != own:
            self._report(
                name,
                number,
                "edited",
                f"record {self.file_records} does not match its hash {_short(own)}: it was changed after it was written",
                None,
            )
        elif prev_hash != expected:
            if expected == ZERO_HASH:
                what = "the first record does not start a chain (records removed before it?)"
            else:
                what = f"prev_hash {_short(prev_hash)} is not the hash of the previous record ({_short(expected)}): a record was deleted, inserted or moved here"
            self._report(name, number, "broken_chain", f"record {self.file_records}: {what}", None)
        return own

    def _record(
        self,
        name: str,
        number: int,
        line: bytes,
        prev_hash: bytes,
        own: bytes,
        position: tuple[str, int],
    ) -> None:
        stream, seq = position
        state = self.streams.get(stream)
        if state is None:
            state = self.streams[stream] = StreamState(self._checkpoints.get(stream, []))
            self._by_id[stream.encode("ascii")] = state
        state.records += 1
        state.files.add(name)
        report = self._report
        if self.times and not line.startswith(CONTROL_PREFIX):
            found = _OCCURRED.search(line, 0, 400)
            if found is not None:
                state.last_time = found.group(1)
        if body_hash(prev_hash, line) != own:
            report(
                name,
                number,
                "edited",
                f"record {seq} does not match its hash {_short(own)}: it was changed after it was written",
                stream,
            )
            state.broken = True
            if seq >= state.next_seq:  # its range is read on: it may be the range's last
                self._skip_to(state, seq)
                self._seal_check(state, seq, own, name, number, stream)
            state.next_seq, state.prev = seq + 1, own
            return
        expected = state.next_seq
        if seq == expected:
            if prev_hash != state.prev:
                what = (
                    "the first record of the stream does not start a chain"
                    if seq == 0
                    else f"its prev_hash {_short(prev_hash)} is not the hash of record {seq - 1} ({_short(state.prev)})"
                )
                report(
                    name,
                    number,
                    "broken_chain",
                    f"record {seq}: {what}: a record was replaced, or forged with recomputed hashes",
                    stream,
                )
                state.broken = True
        elif seq > expected:
            gap = (
                f"record {expected}" if seq == expected + 1 else f"records {expected} to {seq - 1}"
            )
            report(
                name,
                number,
                "missing",
                f"{gap} missing before record {seq}: deleted, or a rotated file is missing",
                stream,
            )
            state.broken = True
            self._skip_to(state, seq)
        else:
            if seq == expected - 1 and own == state.prev:
                report(name, number, "duplicate", f"record {seq} appears again", stream)
            else:
                report(
                    name,
                    number,
                    "out_of_order",
                    f"record {seq} comes after record {expected - 1}: a record was moved, duplicated or inserted here",
                    stream,
                )
            return
        state.next_seq, state.prev = seq + 1, own
        self._seal_check(state, seq, own, name, number, stream)

    def _skip_to(self, state: StreamState, seq: int) -> None:
        checkpoints = state.checkpoints
        while state.index < len(checkpoints) and checkpoints[state.index].last < seq:
            state.index += 1
            state.leaves = []
        state.broken = True

    def _seal_check(
        self, state: StreamState, seq: int, own: bytes, name: str, number: int, stream: str
    ) -> None:
        checkpoints = state.checkpoints
        if state.index >= len(checkpoints):
            return
        checkpoint = checkpoints[state.index]
        if seq < checkpoint.first:
            return
        state.leaves.append(unhexlify(own))
        if seq >= checkpoint.last:
            self._close_range(state, checkpoint, own, name, number, stream)

    def _close_range(
        self,
        state: StreamState,
        checkpoint: Checkpoint,
        own: bytes,
        name: str,
        number: int,
        stream: str,
    ) -> None:
        """Compare the range just read with its checkpoint; on to the next checkpoint."""
        checkpoints = state.checkpoints
        if not state.broken:
            if (
                root(state.leaves).hex() != checkpoint.root
                or own.decode("ascii") != checkpoint.last_hash
            ):
                self._report(
                    name,
                    number,
                    "resealed",
                    f"records {checkpoint.first} to {checkpoint.last} do not match the signed checkpoint of {checkpoint.time}: records were edited and their hashes recomputed, or replaced",
                    stream,
                )
            else:
                state.sealed_to = checkpoint.last
        state.broken = False
        state.index += 1
        state.leaves = []
        while state.index < len(checkpoints) and checkpoints[state.index].count == 0:
            state.index += 1

"""Verify chained JSON Lines audit logs (`registry verify-log LOG_OR_DIR...`).

A log *family* is a file and its rotated predecessors (`registry_runtime.rotation`); its
checkpoints are in ``<active>.checkpoints``. Families are verified in parallel (processes),
each in one constant-memory pass (`registry_runtime.verify_scan`); every problem names the
file, the 1-based line and, for records, the stream. Problem kinds:

- ``edited``: a record's content does not match its own hash;
- ``broken_chain``: a record's ``prev_hash`` is not the hash of the record before it in its
  stream (a record replaced, or forged with recomputed hashes); in the first format (no
  streams) also deletion, insertion and reordering;
- ``missing``: sequence numbers skipped (records deleted, or a rotated file missing);
- ``duplicate``, ``out_of_order``: a record again, or before records it should follow;
- ``resealed``: a range's records do not match the signed checkpoint sealing it;
- ``truncated``: a checkpoint seals records the log no longer has, or (first format) the head
  file names more records than the log has;
- ``malformed``: a line that is not a record and not what a crash leaves; ``bad_head``: an
  unreadable head file;
- ``torn`` (not fatal): what a crash leaves: an incomplete last line, or a fragment that the
  next writer closed with a matching ``abandoned`` marker;
- ``retained`` (not fatal; PostgreSQL tables only): a stream resumes where a recorded retention
  run says the records it removed end;
- checkpoint file problems: ``bad_checkpoint`` (not a checkpoint line), ``bad_signature``,
  ``unknown_key`` (signed by no trusted key), ``checkpoint_chain`` (a checkpoint removed,
  inserted or replaced: its ``prev`` or range does not follow), ``gap`` (``max_gap``: more time
  between two checkpoints of a stream, or between its last checkpoint and its last record).

Records after a stream's last valid checkpoint are *unsealed*: counted per stream, not fatal
(the sink seals at least every 60 s and on close: more than that points at a crash, or at
checkpoints rolled back or deleted). Without public keys, signatures are not checked and the
log is reported *unsigned*.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from .checkpoint import MAX_CHECKPOINT_BYTES, ZERO, Checkpoint, parse_checkpoint, signature_valid
from .rotation import CHECKPOINT_SUFFIX, families, rotated_index
from .signing import PublicKeys
from .verify_head import HeadCheck, read_head
from .verify_scan import FamilyScan

RETAINED: Final = "retained"
"""A PostgreSQL stream's records before this seq were removed by a recorded retention run
(`registry_runtime.postgres_verify`)."""
NON_FATAL: Final = frozenset({"torn", RETAINED})
"""Problem kinds that do not make a verification fail."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: 1-based line, kind (see the module docstring), message, file, stream."""

    line: int
    kind: str
    message: str
    file: str = ""
    stream: str | None = None


@dataclass(frozen=True, slots=True)
class StreamReport:
    """One stream: its records, the last sequence number, how far it is sealed, the files
    that hold its records (in chain order: `registry_runtime.rotation`)."""

    stream: str
    records: int
    last_seq: int
    sealed_to: int
    checkpoints: int
    files: tuple[str, ...]

    @property
    def unsealed(self) -> int:
        """Records after the last valid checkpoint."""
        return self.last_seq - self.sealed_to


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """``ok``: no fatal problem; ``records``: complete chained lines read (every stream)."""

    ok: bool
    records: int
    problems: list[Problem] = field(default_factory=list)
    last_hash: str | None = None
    problems_left_off: int = 0
    streams: tuple[StreamReport, ...] = ()
    signed: bool = False
    legacy_records: int = 0

    @property
    def first_problem(self) -> Problem | None:
        """The first fatal problem (the first bad record), if any."""
        for problem in self.problems:
            if problem.kind not in NON_FATAL:
                return problem
        return None

    @property
    def unsealed(self) -> int:
        """Records of the current format not covered by a valid signed checkpoint."""
        return sum(stream.unsealed for stream in self.streams)


@dataclass(frozen=True, slots=True)
class _Options:
    keys: tuple[bytes, ...]
    checkpoint_files: tuple[str, ...]
    max_gap: float | None
    head: str | None
    sidecar: bool
    max_problems: int


class _Collector:
    def __init__(self, limit: int) -> None:
        self.problems: list[Problem] = []
        self.left_off = 0
        self.fatal = False
        self._limit = limit

    def __call__(self, file: str, line: int, kind: str, message: str, stream: str | None) -> None:
        if kind not in NON_FATAL:
            self.fatal = True
        if len(self.problems) < self._limit:
            self.problems.append(Problem(line, kind, message, file, stream))
        else:
            self.left_off += 1


def _seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


def _load_checkpoints(
    paths: list[str], keys: PublicKeys, options: _Options, report: _Collector
) -> dict[str, list[Checkpoint]]:
    """Valid checkpoints by stream, in chain order, after checking signatures and links."""
    by_stream: dict[str, list[tuple[str, int, Checkpoint]]] = {}
    for path in paths:
        with open(path, "rb") as handle:
            for number, text in enumerate(handle, 1):
                line = text.rstrip(b"\n")
                checkpoint = parse_checkpoint(line) if len(line) <= MAX_CHECKPOINT_BYTES else None
                if checkpoint is None:
                    report(
                        path,
                        number,
                        "bad_checkpoint",
                        "not a checkpoint line (changed, or written by something else)",
                        None,
                    )
                    continue
                by_stream.setdefault(checkpoint.stream, []).append((path, number, checkpoint))
    valid: dict[str, list[Checkpoint]] = {}
    for stream, found in by_stream.items():
        kept: list[Checkpoint] = []
        announced: bytes | None = None
        previous: Checkpoint | None = None
        seen: set[str] = set()
        for path, number, checkpoint in found:
            if checkpoint.hash in seen:
                report(
                    path, number, "checkpoint_chain", "the same checkpoint appears again", stream
                )
                continue
            seen.add(checkpoint.hash)
            if keys:
                raw: bytes | None = announced if announced is not None else keys.get(checkpoint.key)
                if announced is not None and checkpoint.key != _kid(announced):
                    report(
                        path,
                        number,
                        "unknown_key",
                        f"signed by key {checkpoint.key}, not by the key the previous checkpoint rotated to ({_kid(announced)})",
                        stream,
                    )
                    continue
                if raw is None:
                    report(
                        path,
                        number,
                        "unknown_key",
                        f"signed by key {checkpoint.key}, which is none of the trusted public keys",
                        stream,
                    )
                    continue
                if not signature_valid(checkpoint, raw, keys):
                    report(
                        path,
                        number,
                        "bad_signature",
                        f"the signature of the checkpoint sealing records {checkpoint.first} to {checkpoint.last} is not valid: the checkpoint was changed or forged",
                        stream,
                    )
                    continue
            expected_prev = ZERO if previous is None else previous.hash
            expected_first = 0 if previous is None else previous.last + 1
            if (
                checkpoint.prev != expected_prev
                or checkpoint.first != expected_first
                or checkpoint.count != checkpoint.last - checkpoint.first + 1
            ):
                what = (
                    "the stream's first checkpoint"
                    if previous is None
                    else f"the checkpoint sealing records {previous.first} to {previous.last}"
                )
                report(
                    path,
                    number,
                    "checkpoint_chain",
                    f"does not follow {what}: checkpoints were removed, inserted or replaced",
                    stream,
                )
            if options.max_gap is not None and previous is not None:
                gap = _seconds(checkpoint.time) - _seconds(previous.time)
                if gap > options.max_gap:
                    report(
                        path,
                        number,
                        "gap",
                        f"{gap:.0f} s since the previous checkpoint ({previous.time}), more than --max-gap: checkpoints may have been removed",
                        stream,
                    )
            if checkpoint.next_key is not None:
                announced = bytes.fromhex(checkpoint.next_key)
            previous = checkpoint
            kept.append(checkpoint)
        valid[stream] = kept
    return valid


def late_last_record(last_time: str, checkpoints: list[Checkpoint], max_gap: float) -> str | None:
    """The ``gap`` message when a stream's last record (written at ``last_time``) came more than
    ``max_gap`` seconds after its last checkpoint; None when it did not, or it has none."""
    if not checkpoints:
        return None
    try:
        gap = _seconds(last_time) - _seconds(checkpoints[-1].time)
    except ValueError:
        return None  # not a time: the record's own checks report it
    if gap <= max_gap:
        return None
    return (
        f"the last record was written {gap:.0f} s after the last checkpoint "
        f"({checkpoints[-1].time}), more than --max-gap: checkpoints were rolled back or "
        "deleted, or the writer stopped sealing"
    )


def _kid(raw: bytes) -> str:
    from .signing import key_id

    return key_id(raw)


@dataclass(frozen=True, slots=True)
class _FamilyResult:
    problems: list[Problem]
    left_off: int
    fatal: bool
    records: int
    legacy: int
    last_hash: str | None
    streams: tuple[StreamReport, ...]


def _verify_family(active: str, files: list[str], options: _Options) -> _FamilyResult:
    report = _Collector(options.max_problems)
    keys = PublicKeys(options.keys)
    checkpoint_files = list(options.checkpoint_files)
    sidecar = active + CHECKPOINT_SUFFIX
    if not checkpoint_files and os.path.exists(sidecar):
        checkpoint_files = [sidecar]
    checkpoints = _load_checkpoints(checkpoint_files, keys, options, report)
    sealing = {stream: [c for c in found if c.count] for stream, found in checkpoints.items()}
    scan = FamilyScan(sealing, report, times=options.max_gap is not None)
    head = read_head(active, files, options.head, options.sidecar, report)
    line_count: dict[str, int] = {}
    for path in files:
        is_active = rotated_index(path)[1] == 0
        with open(path, "rb") as handle:
            scan.scan_file(path, handle, head.records if head is not None and is_active else None)
        line_count[path] = scan.lines
        if head is not None and is_active:
            HeadCheck(head, scan).check(path, report)
    streams = []
    for stream, state in sorted(scan.streams.items()):
        found = checkpoints.get(stream, [])
        # the stream's files in chain order (`files` is); the last holds its last record
        held = tuple(path for path in files if path in state.files)
        remaining = [c for c in state.checkpoints if c.last >= state.next_seq]
        if remaining:
            last = remaining[-1]
            report(
                held[-1],
                line_count[held[-1]] + 1,
                "truncated",
                f"a signed checkpoint seals records up to {last.last}, but the log ends at record {state.next_seq - 1}: records were removed from the end (or a rotated file is missing)",
                stream,
            )
        if options.max_gap is not None and state.last_time is not None:
            late = late_last_record(
                state.last_time.decode("ascii", "replace"), found, options.max_gap
            )
            if late is not None:
                report(held[-1], line_count[held[-1]], "gap", late, stream)
        streams.append(
            StreamReport(
                stream, state.records, state.next_seq - 1, state.sealed_to, len(found), held
            )
        )
    for stream in sorted(set(checkpoints) - set(scan.streams)):
        if any(c.count for c in checkpoints[stream]):
            report(
                checkpoint_files[0],
                0,
                "truncated",
                "signed checkpoints seal records of this stream, but the log has none of them: the records were removed (or the wrong files were given)",
                stream,
            )
    return _FamilyResult(
        report.problems,
        report.left_off,
        report.fatal,
        scan.records,
        scan.legacy,
        None if scan.last_hash is None else scan.last_hash.decode("ascii"),
        tuple(streams),
    )


def verify_logs(
    paths: list[str | os.PathLike[str]],
    *,
    public_keys: PublicKeys | None = None,
    checkpoints: list[str | os.PathLike[str]] | None = None,
    max_gap: float | None = None,
    head: str | os.PathLike[str] | None = None,
    sidecar: bool = True,
    max_problems: int = 1000,
    workers: int | None = None,
) -> VerifyResult:
    """Verify the log files and directories in ``paths``: each family in its own process.

    ``public_keys``: the trusted keys (None: signatures are not checked). ``checkpoints``:
    checkpoint files to use instead of each family's ``<active>.checkpoints``. Raises
    `OSError` when a file cannot be read.
    """
    grouped = families([os.fspath(p) for p in paths])
    options = _Options(
        tuple(public_keys.get(k) or b"" for k in public_keys.ids()) if public_keys else (),
        tuple(os.fspath(p) for p in checkpoints or ()),
        max_gap,
        None if head is None else os.fspath(head),
        sidecar,
        max_problems,
    )
    items = list(grouped.items())
    if len(items) > 1 and workers != 1:
        from concurrent.futures import ProcessPoolExecutor  # imports logging: only when used

        count = min(len(items), workers or os.cpu_count() or 1)
        with ProcessPoolExecutor(count) as pool:
            results = list(
                pool.map(_verify_family, *zip(*items, strict=True), [options] * len(items))
            )
    else:
        results = [_verify_family(active, files, options) for active, files in items]
    problems: list[Problem] = []
    left_off = 0
    owner: dict[str, str] = {}
    streams: list[StreamReport] = []
    for (active, _files), result in zip(items, results, strict=True):
        for stream in result.streams:
            if stream.stream in owner:
                problems.append(
                    Problem(
                        0,
                        "out_of_order",
                        f"the stream is in two logs ({owner[stream.stream]} and {active}): records were copied between logs, or two writers used one stream id",
                        active,
                        stream.stream,
                    )
                )
            owner.setdefault(stream.stream, active)
        room = max(0, max_problems - len(problems))
        problems.extend(result.problems[:room])
        left_off += result.left_off + max(0, len(result.problems) - room)
        streams.extend(result.streams)
    fatal = any(r.fatal for r in results) or any(p.kind not in NON_FATAL for p in problems)
    return VerifyResult(
        ok=not fatal,
        records=sum(r.records for r in results),
        problems=problems,
        last_hash=results[-1].last_hash if results else None,
        problems_left_off=left_off,
        streams=tuple(streams),
        signed=bool(public_keys),
        legacy_records=sum(r.legacy for r in results),
    )


def verify_log(
    path: str | os.PathLike[str],
    head: str | os.PathLike[str] | None = None,
    *,
    sidecar: bool = True,
    max_problems: int = 1000,
    public_keys: PublicKeys | None = None,
    checkpoints: list[str | os.PathLike[str]] | None = None,
    max_gap: float | None = None,
) -> VerifyResult:
    """Verify the one log file ``path`` (see `verify_logs`).

    ``head`` is a head file to check truncation against (the first format); when it is None
    and ``sidecar`` is true, ``<path>.head`` is used if it exists.
    """
    return verify_logs(
        [path],
        public_keys=public_keys,
        checkpoints=checkpoints,
        max_gap=max_gap,
        head=head,
        sidecar=sidecar,
        max_problems=max_problems,
        workers=1,
    )

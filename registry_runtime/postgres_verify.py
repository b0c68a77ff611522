"""`verify_table`: check the chains of a PostgreSQL audit table written by `PostgresSink`.

The same checks and `Problem` kinds as `registry_runtime.verify` where they apply: per stream,
in ``seq`` order, each record's ``line`` must match its own hash (``edited``), carry the row's
stream and seq, and give the row's other columns (a column changed without the line is
``edited`` too); its ``prev_hash`` must be the previous record's hash (``broken_chain``);
sequence numbers must not skip (``missing``); a line that is not a chained record is
``malformed``. A stream that starts where a retention event (`postgres_retention`) says its
retained range starts, after the hash it recorded, is intact: a ``retained`` problem (not
fatal) says from which seq. The primary key (stream, seq) rules out duplicates and reordering. A problem's
``file`` is the table, its ``line`` the record's ``seq``. Rows are streamed from the server
(constant memory).
"""

from __future__ import annotations

import json
import re
import tempfile
from typing import Any, Final

from .chain import CONTROL_PREFIX, ZERO_HASH, body_hash, parse, stream_seq
from .checkpoint import Checkpoint
from .postgres_base import load_psycopg
from .postgres_retention import RETENTION_EVENT
from .postgres_schema import checkpoint_table, checkpoints_sql, table_name, verify_sql
from .sealing import _root
from .signing import PublicKeys
from .verify import (
    NON_FATAL,
    RETAINED,
    Problem,
    StreamReport,
    VerifyResult,
    _Collector,
    _load_checkpoints,
    _Options,
    late_last_record,
)

_MAX_PROBLEMS: Final = 1000
_OCCURRED: Final = re.compile(r'"occurred_at":"([^"]{1,40})"')
_CONTROL: Final = CONTROL_PREFIX.decode("ascii")

Cuts = dict[tuple[str, int], tuple[bytes, str]]
"""(stream, first retained seq) -> (the hash it follows, which retention run said so)."""


class _Streams:
    def __init__(
        self,
        table: str,
        cuts: Cuts,
        checkpoints: dict[str, list[Checkpoint]],
        signed: bool,
        max_gap: float | None,
    ) -> None:
        self.table = table
        self.max_gap = max_gap
        self.last_line: str | None = None  # with max_gap: the stream's last record's line
        self.cuts = cuts
        self.checkpoints = checkpoints
        self.sealing: list[Checkpoint] = []
        self.signed = signed
        self.index = 0  # the checkpoint whose range is being read
        self.leaves: list[bytes] = []
        self.broken = False  # the current range already has a reported problem
        self.partial = False  # the current range starts before the records retention kept
        self.sealed_to = -1
        self.problems: list[Problem] = []
        self.reports: list[StreamReport] = []
        self.records = 0
        self.stream: str | None = None
        self.count = 0
        self.next_seq = 0
        self.prev = ZERO_HASH
        self.last_hash: str | None = None

    def problem(self, seq: int, kind: str, message: str) -> None:
        self.problems.append(Problem(seq, kind, message, self.table, self.stream))

    def start(self, stream: str) -> None:
        self.end()
        self.stream, self.count, self.next_seq, self.prev = stream, 0, 0, ZERO_HASH
        self.sealing = [c for c in self.checkpoints.get(stream, ()) if c.count]
        self.index, self.leaves, self.broken, self.sealed_to = 0, [], False, -1
        self.partial, self.last_line = False, None

    def end(self) -> None:
        stream = self.stream
        if stream is None:
            return
        remaining = [c for c in self.sealing[self.index :] if c.last >= self.next_seq]
        if remaining:
            self.problem(
                self.next_seq,
                "truncated",
                f"a signed checkpoint seals records up to {remaining[-1].last}, but the stream "
                f"ends at record {self.next_seq - 1}: records were removed from the end",
            )
        found = self.checkpoints.get(stream, [])
        if self.max_gap is not None and self.last_line is not None:
            occurred = _OCCURRED.search(self.last_line, 0, 400)
            if occurred is not None:
                late = late_last_record(occurred.group(1), found, self.max_gap)
                if late is not None:
                    self.problem(self.next_seq - 1, "gap", late)
        sealed = self.sealed_to if self.signed else -1
        count = len(found)
        self.reports.append(
            StreamReport(stream, self.count, self.next_seq - 1, sealed, count, (self.table,))
        )

    def unseen(self, streams: set[str]) -> None:
        """Streams sealed by checkpoints but without any row: their records were removed."""
        self.stream = None
        for stream in sorted(set(self.checkpoints) - streams):
            if any(c.count for c in self.checkpoints[stream]):
                self.problems.append(
                    Problem(
                        0,
                        "truncated",
                        "signed checkpoints seal records of this stream, but the table has "
                        "none of them: the records were removed",
                        self.table,
                        stream,
                    )
                )

    def seal_check(self, seq: int, own: bytes, broken: bool) -> None:
        """Note the record in its checkpoint's range; compare a finished range."""
        self.broken = self.broken or broken
        if self.index >= len(self.sealing) or seq < self.sealing[self.index].first:
            return
        checkpoint = self.sealing[self.index]
        self.leaves.append(own)
        if seq < checkpoint.last:
            return
        if not self.broken:
            root = self.partial or _root(self.leaves).hex() == checkpoint.root
            if not root or own.decode() != checkpoint.last_hash:
                self.problem(
                    seq,
                    "resealed",
                    f"records {checkpoint.first} to {checkpoint.last} do not match the signed "
                    f"checkpoint of {checkpoint.time}: records were edited and their hashes "
                    "recomputed, or replaced",
                )
            else:
                self.sealed_to = checkpoint.last
        self.index, self.leaves, self.broken, self.partial = self.index + 1, [], False, False

    def row(
        self, stream: str, seq: int, prev_col: str, hash_col: str, line: str, match: bool
    ) -> None:
        if stream != self.stream:
            self.start(stream)
            cut = self.cuts.get((stream, seq)) if seq > 0 else None
            if cut is not None and prev_col.encode("ascii") == cut[0]:
                self.next_seq, self.prev = seq, cut[0]
                self.problem(seq, RETAINED, f"seq {seq}: the records before it were {cut[1]}")
                while self.index < len(self.sealing) and self.sealing[self.index].last < seq:
                    self.index += 1  # ranges of removed records
                # a range cut by retention: its root needs removed records, its signed last
                # hash still seals the kept ones (each hash covers the chain before it)
                self.partial = (
                    self.index < len(self.sealing) and self.sealing[self.index].first < seq
                )
        self.records += 1
        self.count += 1
        if self.max_gap is not None and not line.startswith(_CONTROL):
            self.last_line = line
        before = len(self.problems)
        data = line.encode("utf-8")
        parsed = parse(data)
        if parsed is None:
            self.problem(seq, "malformed", f"seq {seq}: the line is not a chained record")
            self.seal_check(seq, ZERO_HASH, True)
            self.next_seq, self.prev = seq + 1, ZERO_HASH
            return
        prev, own = parsed
        if seq > self.next_seq:
            self.problem(
                seq, "missing", f"seq {seq}: {seq - self.next_seq} record(s) missing before it"
            )
        elif prev != self.prev:
            self.problem(
                seq, "broken_chain", f"seq {seq}: prev_hash is not the previous record's hash"
            )
        if body_hash(prev, data) != own:
            self.problem(seq, "edited", f"seq {seq}: the record does not match its hash")
        elif (
            stream_seq(data) != (stream, seq)
            or prev.decode("ascii") != prev_col
            or own.decode("ascii") != hash_col
            or not match
        ):
            self.problem(
                seq, "edited", f"seq {seq}: the row's columns do not match its hashed record"
            )
        self.seal_check(seq, own, len(self.problems) > before)
        self.next_seq, self.prev = seq + 1, own
        self.last_hash = own.decode("ascii")


def verify_table(
    conn: Any,
    table: str = "audit_log",
    *,
    public_keys: PublicKeys | None = None,
    max_gap: float | None = None,
) -> VerifyResult:
    """Verify every stream of ``table`` and its checkpoints through ``conn`` (a psycopg
    connection with SELECT on both tables, e.g. the reader role).

    The checkpoints' chain and ranges are always checked (a record removed after one is
    found even at the head of a stream); their signatures only with ``public_keys``, and
    records count as sealed only then. ``max_gap`` (seconds): ``gap`` when a stream's
    checkpoints, or its last checkpoint and its last record, are further apart, as for a
    log."""
    psycopg = load_psycopg()
    table_name(table)
    try:
        return _verify(conn, table, public_keys, max_gap, compare_columns=True)
    except psycopg.errors.InvalidTextRepresentation:
        # a line that is not JSON (tampering: the insert parses every line) fails the cast;
        # again without comparing columns, such lines reported as not matching them
        conn.rollback()
        return _verify(conn, table, public_keys, max_gap, compare_columns=False)


def _checkpoints(
    conn: Any, table: str, keys: PublicKeys | None, max_gap: float | None
) -> tuple[dict[str, list[Checkpoint]], list[Problem]]:
    """The valid checkpoints by stream (`verify`'s own checks of a checkpoint file, on the
    table's lines), and the problems found; none when the table has no checkpoint table."""
    where = checkpoint_table(table)
    row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (where,)).fetchone()
    if not row[0]:
        return {}, []
    collector = _Collector(_MAX_PROBLEMS)
    with tempfile.NamedTemporaryFile(prefix="registry-checkpoints-") as handle:
        with conn.cursor() as cursor:
            for (line,) in cursor.stream(checkpoints_sql(table)):
                handle.write(line.encode("utf-8") + b"\n")
        handle.flush()
        options = _Options((), (), max_gap, None, False, _MAX_PROBLEMS)
        valid = _load_checkpoints([handle.name], keys or PublicKeys(), options, collector)
    problems = [Problem(p.line, p.kind, p.message, where, p.stream) for p in collector.problems]
    return valid, problems


def _retention_cuts(conn: Any, table: str) -> Cuts:
    """Where the recorded retention runs say streams resume (their own lines are verified
    with the rest: an edited one is reported there)."""
    cuts: Cuts = {}
    with conn.cursor() as cursor:
        for (line,) in cursor.execute(
            f"SELECT line FROM {table} WHERE event = %s ORDER BY occurred_at", (RETENTION_EVENT,)
        ):
            try:
                record = json.loads(line)
                fields = record["fields"]
                note = f"removed by retention before {fields['cutoff']} (record {record['id']})"
                for kept in fields["streams"]:
                    key = (str(kept["stream"]), int(kept["first_seq"]))
                    cuts[key] = (str(kept["prev_hash"]).encode("ascii"), note)
            except (ValueError, KeyError, TypeError, AttributeError, UnicodeEncodeError):
                continue
    return cuts


def _verify(
    conn: Any,
    table: str,
    keys: PublicKeys | None,
    max_gap: float | None,
    *,
    compare_columns: bool,
) -> VerifyResult:
    checkpoints, problems = _checkpoints(conn, table, keys, max_gap)
    cuts = _retention_cuts(conn, table)
    streams = _Streams(table, cuts, checkpoints, keys is not None, max_gap)
    seen = set()
    with conn.cursor() as cursor:
        for stream, seq, prev_col, hash_col, line, match in cursor.stream(
            verify_sql(table, compare_columns=compare_columns)
        ):
            matches = bool(match) if compare_columns else _is_json(line)
            if stream != streams.stream:
                seen.add(stream)
            streams.row(stream, int(seq), prev_col, hash_col, line, matches)
    streams.end()
    streams.unseen(seen)
    problems += streams.problems
    ok = not any(problem.kind not in NON_FATAL for problem in problems)
    return VerifyResult(
        ok,
        streams.records,
        problems,
        streams.last_hash,
        streams=tuple(streams.reports),
        signed=keys is not None,
    )


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True

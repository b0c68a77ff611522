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
from typing import Any, Final

from .chain import ZERO_HASH, body_hash, parse, stream_seq
from .postgres import load_psycopg
from .postgres_retention import RETENTION_EVENT
from .postgres_schema import table_name, verify_sql
from .verify import NON_FATAL, Problem, StreamReport, VerifyResult

RETAINED: Final = "retained"
"""Not fatal: a stream's records before this seq were removed by a recorded retention run."""
_FINE: Final = NON_FATAL | {RETAINED}

Cuts = dict[tuple[str, int], tuple[bytes, str]]
"""(stream, first retained seq) -> (the hash it follows, which retention run said so)."""


class _Streams:
    def __init__(self, table: str, cuts: Cuts) -> None:
        self.table = table
        self.cuts = cuts
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

    def end(self) -> None:
        if self.stream is not None:
            self.reports.append(
                StreamReport(self.stream, self.count, self.next_seq - 1, -1, 0, (self.table,))
            )

    def row(
        self, stream: str, seq: int, prev_col: str, hash_col: str, line: str, match: bool
    ) -> None:
        if stream != self.stream:
            self.start(stream)
            cut = self.cuts.get((stream, seq)) if seq > 0 else None
            if cut is not None and prev_col.encode("ascii") == cut[0]:
                self.next_seq, self.prev = seq, cut[0]
                self.problem(seq, RETAINED, f"seq {seq}: the records before it were {cut[1]}")
        self.records += 1
        self.count += 1
        data = line.encode("utf-8")
        parsed = parse(data)
        if parsed is None:
            self.problem(seq, "malformed", f"seq {seq}: the line is not a chained record")
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
        self.next_seq, self.prev = seq + 1, own
        self.last_hash = own.decode("ascii")


def verify_table(conn: Any, table: str = "audit_log") -> VerifyResult:
    """Verify every stream of ``table`` through ``conn`` (a psycopg connection with SELECT on
    the table, e.g. the reader role)."""
    psycopg = load_psycopg()
    table_name(table)
    try:
        return _verify(conn, table, compare_columns=True)
    except psycopg.errors.InvalidTextRepresentation:
        # a line that is not JSON (tampering: the insert parses every line) fails the cast;
        # again without comparing columns, such lines reported as not matching them
        conn.rollback()
        return _verify(conn, table, compare_columns=False)


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


def _verify(conn: Any, table: str, *, compare_columns: bool) -> VerifyResult:
    streams = _Streams(table, _retention_cuts(conn, table))
    with conn.cursor() as cursor:
        for stream, seq, prev_col, hash_col, line, match in cursor.stream(
            verify_sql(table, compare_columns=compare_columns)
        ):
            matches = bool(match) if compare_columns else _is_json(line)
            streams.row(stream, int(seq), prev_col, hash_col, line, matches)
    streams.end()
    ok = not any(problem.kind not in _FINE for problem in streams.problems)
    return VerifyResult(
        ok, streams.records, streams.problems, streams.last_hash, streams=tuple(streams.reports)
    )


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True

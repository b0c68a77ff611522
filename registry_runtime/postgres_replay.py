"""Replay a spill file into the PostgreSQL table: each spilled record inserted exactly once.

``PostgresSink(on_unavailable="spill", spill_path=...)`` appends what it could not write to a
local chained JSON Lines file (`JsonLinesSink`). `replay_spill` puts those records into the
table once the database is back (`registry replay SPILL URL`):

- the spill file is verified first (`verify_log`); a damaged or tampered file is refused
  (`SpillDamaged`) and nothing is inserted;
- each record's original body (the line without the spill file's chain keys) is inserted by a
  `PostgresSink` on its own connection, sealed again on one new stream of the table, so the
  table's chains verify as before and the spill file still verifies on its own;
- a record whose ``id`` is already in the table is skipped: an earlier replay (run twice, or
  interrupted), or a batch whose commit was uncertain and did land. The unique ``id`` index
  refuses a duplicate even from two replays running at once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from .chain import body_of, is_control, parse, stream_seq
from .errors import AuditError
from .postgres import PostgresSink, describe, load_psycopg, reason
from .postgres_schema import present_ids_sql, table_name
from .verify import verify_log

_CHUNK: Final = 500


class SpillDamaged(AuditError):
    """The spill file does not verify: ``problem`` (its first fatal problem, as text)."""

    def __init__(self, path: str, problem: str) -> None:
        self.problem = problem
        super().__init__(f"the spill file {path} does not verify ({problem}): nothing replayed")


@dataclass(frozen=True, slots=True)
class ReplayResult:
    """``records`` events in the spill file; ``inserted`` now; ``present`` already in the
    table (skipped); ``stream``: the table stream they were inserted on (None: none)."""

    records: int
    inserted: int
    present: int
    stream: str | None


def spilled_body(line: bytes) -> bytes | None:
    """The body the emitter wrote (the record without its chain keys) of a current-format
    chained line (no newline), or None when the line is not one."""
    where = stream_seq(line)
    if parse(line) is None or where is None:
        return None
    tail = b',"stream":"%s","seq":%d}' % (where[0].encode("ascii"), where[1])
    hashed = body_of(line)
    if not hashed.endswith(tail):
        return None
    return hashed[: -len(tail)] + b"}"


def _events(path: str) -> Iterator[tuple[dict[str, Any], bytes]]:
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip(b"\n")
            body = spilled_body(line)
            if body is None:
                if line.strip():
                    raise SpillDamaged(path, f"line {number} is not a chained record")
                continue
            record = json.loads(body)
            if not is_control(record):
                yield record, body


def replay_spill(
    path: str | os.PathLike[str],
    conninfo: str,
    *,
    table: str = "audit_log",
    stream: str | None = None,
) -> ReplayResult:
    """Insert the records of the spill file at ``path`` that the table does not hold yet.

    Raises `SpillDamaged` when the file does not verify, `RecordsNotWritten` (the ids) when
    records could not be inserted (run it again: it skips what arrived), AuditError when the
    database cannot be reached or read. Messages never carry the connection's password."""
    spill = os.fspath(path)
    table_name(table)
    checked = verify_log(spill)
    if not checked.ok:
        first = checked.first_problem
        raise SpillDamaged(spill, "" if first is None else f"line {first.line}: {first.kind}")
    psycopg = load_psycopg()
    try:
        reader = psycopg.connect(conninfo, autocommit=True)
    except psycopg.Error as error:
        raise AuditError(
            f"cannot connect to {describe(conninfo)}: {reason(error, conninfo)}"
        ) from None
    records = inserted = present = 0
    sink = PostgresSink(conninfo, table=table, stream=stream, batch_size=_CHUNK)
    try:
        with reader:
            chunk: list[tuple[dict[str, Any], bytes]] = []
            for item in _events(spill):
                records += 1
                chunk.append(item)
                if len(chunk) == _CHUNK:
                    written = _replay_chunk(reader, sink, table, chunk, conninfo)
                    inserted, present = inserted + written, present + len(chunk) - written
                    chunk = []
            written = _replay_chunk(reader, sink, table, chunk, conninfo)
            inserted, present = inserted + written, present + len(chunk) - written
    finally:
        sink.close()
    return ReplayResult(records, inserted, present, sink.stream if inserted else None)


def _replay_chunk(
    reader: Any,
    sink: PostgresSink,
    table: str,
    chunk: list[tuple[dict[str, Any], bytes]],
    conninfo: str,
) -> int:
    """Write the records of ``chunk`` whose ids the table lacks; how many were written."""
    if not chunk:
        return 0
    psycopg = load_psycopg()
    sink.flush()  # the previous chunk is in the table before this one is checked
    ids = [str(record.get("id")) for record, _body in chunk]
    try:
        rows = reader.execute(present_ids_sql(table), (ids,)).fetchall()
    except psycopg.Error as error:
        raise AuditError(
            f"cannot read table {table} in {describe(conninfo)}: {reason(error, conninfo)}"
        ) from None
    there = {row[0] for row in rows}
    written = 0
    for record, body in chunk:
        if str(record.get("id")) not in there:
            there.add(str(record.get("id")))
            sink.write(record, body)
            written += 1
    sink.flush()
    return written

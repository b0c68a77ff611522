"""Retention of a monthly-partitioned audit table: drop old months, recording it first.

`apply_retention` (``registry retain URL --months N``) runs as the table's owner, in one
transaction:

1. it creates the coming months (``<table>_add_partitions(12)``);
2. it finds the month partitions that end on or before the cutoff (the start of the current
   UTC month minus ``months`` months; the default partition is never dropped);
3. it writes the audit event `RETENTION_EVENT` into the table itself, chained (a
   `PostgresSink` bound to the same connection): the cutoff, the partitions, how many
   records they hold, and for every stream that keeps later records where its retained range
   starts (``first_seq``) and the hash the first kept record follows (``prev_hash``);
4. it detaches and drops the partitions.

So the deletion commits with its own record, or neither happens. `verify_table` reads those
events: a stream that starts at ``first_seq`` after ``prev_hash`` as recorded is intact, and is
reported as ``retained`` (not fatal) from that seq. Only the owner can detach and drop; the
writer and reader roles are refused (`AuditError`, the server's reason).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from .emitter import Emitter
from .envelope import Actor, EventSpec, FieldSpec, Target, no_field_checks
from .errors import AuditConfigurationError, AuditError
from .postgres import PostgresSink, load_psycopg, reason
from .postgres_schema import table_name

RETENTION_EVENT: Final = "audit_log.retention_applied"
"""The event a retention run records about itself (whatever the table's name)."""

_SPEC: Final = EventSpec(
    name=RETENTION_EVENT,
    version=1,
    fields=tuple(
        FieldSpec(name, "none")
        for name in ("table", "months", "cutoff", "partitions", "records", "streams")
    ),
    actor_types=frozenset({"database_role"}),
    target_types=frozenset({"audit_table"}),
    outcomes=frozenset({"success"}),
    failure_reasons=frozenset(),
    validate=no_field_checks,
)

_PARTITIONS_SQL: Final = (
    "SELECT c.oid::regclass::text FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid"
    " WHERE i.inhparent = %s::regclass"
)


@dataclass(frozen=True, slots=True)
class RetentionResult:
    """What a retention run did: the cutoff (RFC 3339), the partitions dropped, the records
    they held, and the id of the `RETENTION_EVENT` record (None: nothing was old enough)."""

    cutoff: str
    partitions: tuple[str, ...]
    records: int
    event_id: str | None


def cutoff_of(now: datetime, months: int) -> datetime:
    """The start of ``now``'s UTC month minus ``months`` months."""
    month = now.astimezone(UTC).year * 12 + now.astimezone(UTC).month - 1 - months
    return datetime(month // 12, month % 12 + 1, 1, tzinfo=UTC)


def apply_retention(
    conn: Any, months: int, *, table: str = "audit_log", now: datetime | None = None
) -> RetentionResult:
    """Drop the month partitions of ``table`` older than ``months`` months (see the module
    docstring), through ``conn`` (a psycopg connection of the table's owner; committed)."""
    psycopg = load_psycopg()
    table_name(table)
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise AuditConfigurationError(f"months must be a positive integer, not {months!r}")
    cutoff = cutoff_of(now or datetime.now(UTC), months)
    try:
        with conn.transaction():
            conn.execute(f"SELECT {table}_add_partitions(12)")
            old = _old_partitions(conn, table, cutoff)
            if not old:
                return RetentionResult(_stamp(cutoff), (), 0, None)
            records, streams = _survey(conn, table, old)
            record = _record(conn, table, months, cutoff, old, records, streams)
            for part in old:
                conn.execute(f"ALTER TABLE {table} DETACH PARTITION {part}")
                conn.execute(f"DROP TABLE {part}")
    except psycopg.errors.UndefinedFunction:
        raise AuditError(
            f"{table} is not partitioned by month (no {table}_add_partitions): see "
            "docs/postgres.md, Retention"
        ) from None
    except psycopg.Error as error:
        raise AuditError(f"retention of {table} refused: {reason(error, None)}") from None
    return RetentionResult(_stamp(cutoff), tuple(old), records, str(record["id"]))


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _old_partitions(conn: Any, table: str, cutoff: datetime) -> list[str]:
    month = re.compile(re.escape(table.rsplit(".", 1)[-1]) + r"_([0-9]{4})_([0-9]{2})")
    old = []
    for (name,) in conn.execute(_PARTITIONS_SQL, (table,)).fetchall():
        found = month.fullmatch(name.rsplit(".", 1)[-1])
        if found is not None:
            year, number = int(found.group(1)), int(found.group(2))
            if cutoff_of(datetime(year, number, 1, tzinfo=UTC), -1) <= cutoff:
                old.append(name)
    return sorted(old)


def _survey(conn: Any, table: str, old: list[str]) -> tuple[int, list[dict[str, Any]]]:
    """The records in ``old`` and, per stream that keeps later records, where it resumes."""
    records = 0
    last: dict[str, int] = {}
    for part in old:
        for stream, count, top in conn.execute(
            f"SELECT stream, count(*), max(seq) FROM {part} GROUP BY stream"
        ).fetchall():
            records += int(count)
            last[stream] = max(last.get(stream, -1), int(top))
    kept = []
    for stream, top in sorted(last.items()):
        row = conn.execute(
            f"SELECT seq, prev_hash FROM {table} WHERE stream = %s AND seq > %s"
            " ORDER BY seq LIMIT 1",
            (stream, top),
        ).fetchone()
        if row is not None:
            kept.append({"stream": stream, "first_seq": int(row[0]), "prev_hash": str(row[1])})
    return records, kept


def _record(
    conn: Any,
    table: str,
    months: int,
    cutoff: datetime,
    old: list[str],
    records: int,
    streams: list[dict[str, Any]],
) -> dict[str, Any]:
    sink = PostgresSink(table=table)
    role = conn.execute("SELECT current_user").fetchone()[0]
    emitter = Emitter(sink, hmac_key=os.urandom(32))  # no field of the event is hashed
    with sink.bind(conn):
        return emitter._emit(
            _SPEC,
            {
                "table": table,
                "months": months,
                "cutoff": _stamp(cutoff),
                "partitions": old,
                "records": records,
                "streams": streams,
            },
            actor=Actor("database_role", str(role)),
            targets=[Target("audit_table", table)],
            outcome="success",
            reason=None,
            context=None,
            tenant=None,
        )

"""Signed checkpoints of a PostgreSQL audit table, in its checkpoint table.

The checkpoints are `registry_runtime.checkpoint`'s lines, byte for byte what a
`JsonLinesSink` writes to ``<log>.checkpoints`` (the Merkle root over a range of a stream's
records, the range's last hash, the previous checkpoint's hash, the time, the key id, the
Ed25519 signature), one row each in ``<table>_checkpoints`` (`postgres_schema.schema_sql`).

`seal_table` seals, for each stream (or the ones named), the committed records after its
last checkpoint: a job holding the signing key runs it every minute or so (``registry``'s
key never needs to live in the application), or `PostgresSink` with ``signer=`` seals its
own stream after each batch. Only committed records are sealed: a bound stream's open
transaction holds the records after them. Sealers of one table take turns (an advisory
lock), so two never write the same range.
"""

from __future__ import annotations

import time
from typing import Any, Final

from .checkpoint import ZERO, parse_checkpoint, payload, sign_line
from .errors import AuditError
from .ids import format_timestamp
from .postgres_base import load_psycopg, reason
from .postgres_schema import checkpoint_insert_sql, last_checkpoint_sql, table_name
from .sealing import _root
from .signing import Signer

_LOCK: Final = "SELECT pg_advisory_xact_lock(hashtext(%s))"


def seal_stream(conn: Any, signer: Signer, table: str, stream: str) -> bytes | None:
    """Write the checkpoint of ``stream``'s records after its last checkpoint, in the
    connection's current transaction; the line written (None: nothing to seal)."""
    row = conn.execute(last_checkpoint_sql(table), (stream,)).fetchone()
    previous = None if row is None else parse_checkpoint(str(row[0]).encode("ascii"))
    if row is not None and previous is None:
        raise AuditError(f"the last checkpoint of stream {stream} in {table} is not one")
    first = 0 if previous is None else previous.last + 1
    hashes = [
        str(found[0]).encode("ascii")
        for found in conn.execute(
            f"SELECT hash FROM {table} WHERE stream = %s AND seq >= %s ORDER BY seq",
            (stream, first),
        ).fetchall()
    ]
    if not hashes:
        return None
    data = payload(
        stream,
        first,
        first + len(hashes) - 1,
        _root(hashes),
        hashes[-1].decode("ascii"),
        ZERO if previous is None else previous.hash,
        format_timestamp(time.time_ns() // 1_000_000),
        signer.key_id,
    )
    line = sign_line(data, signer)
    conn.execute(checkpoint_insert_sql(table), (line[:-1].decode("ascii"),))
    return line


def seal_table(
    conn: Any, signer: Signer, table: str = "audit_log", *, streams: list[str] | None = None
) -> list[bytes]:
    """Seal every stream of ``table`` (or ``streams``) up to its last committed record
    through ``conn``, and commit (the connection's open transaction too); the checkpoint
    lines written. AuditError (never a password) when the tables cannot be read or written."""
    psycopg = load_psycopg()
    table_name(table)
    written = []
    try:
        with conn.transaction():
            conn.execute(_LOCK, (table,))
            if streams is None:
                streams = [
                    row[0]
                    for row in conn.execute(f"SELECT DISTINCT stream FROM {table}").fetchall()
                ]
            for stream in sorted(streams):
                line = seal_stream(conn, signer, table, stream)
                if line is not None:
                    written.append(line)
        if not conn.autocommit:
            conn.commit()
    except psycopg.Error as error:
        raise AuditError(f"cannot seal {table}: {reason(error, None)}") from None
    return written

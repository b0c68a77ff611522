"""`PostgresSink`: chained audit records in a PostgreSQL table (psycopg 3, extra ``postgres``).

Two ways to write (docs/postgres.md):

- **bound**: ``with sink.bind(conn): ...`` writes each record through the caller's connection,
  inside its transaction: the record commits or rolls back with the business change. Each
  server connection is its own stream (``<prefix>-<backend pid>``): a connection runs one
  transaction at a time, so its stream has one writer and concurrent transactions on other
  connections never wait for it. Each insert is guarded by the stream's last hash (one
  statement): after a rollback the guard inserts nothing, the sink re-reads the stream's end
  and seals again, so a rolled-back record leaves no gap a verifier would call tampering.
- **own connection** (a conninfo, or a connection the sink may use alone): records are
  batched (``batch_size``, at most ``max_delay`` seconds) and inserted in one statement and
  one transaction per batch, on the sink's own stream (`jsonl.default_stream_id`, or
  ``stream=``, continued from the table).

Every column but ``line`` (the exact chained text that was hashed) is derived from it by the
server (`postgres_schema.COLUMNS_FROM_LINE`). A batch lost with its connection is checked
after reconnecting (which ids arrived) and the rest sent once more; what still cannot be
written is raised as `RecordsNotWritten` (count and ids), or with
``on_unavailable="spill"`` appended to a local chained JSON Lines file (``spill_path``;
`registry replay` puts it in the table). With ``signer=``, the sink seals its own stream
(`postgres_seal`): a signed checkpoint in the batch's transaction once ``checkpoint_every``
records are unsealed, and the rest on ``close``; bound streams are sealed by `seal_table`.
Records still queued when the interpreter exits without ``close`` are written then, or
spilled or reported (`at_exit`). Error messages never carry the connection's password.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import threading
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Self

from . import at_exit
from .chain import seal
from .errors import AuditConfigurationError, AuditError
from .jsonl import JsonLinesSink, default_stream_id
from .postgres_base import (
    ATTEMPTS,
    OnUnavailable,
    RecordsNotWritten,
    StreamEnd,
    check_options,
    check_session,
    checked_binding,
    describe,
    load_psycopg,
    reason,
    record_id,
    record_ids,
    scrub,
    sealed_batch,
    sqlalchemy_session,
)
from .postgres_schema import (
    guarded_insert_sql,
    insert_sql,
    present_ids_sql,
    stream_end_sql,
    table_name,
)
from .signing import Signer

__all__ = [
    "OnUnavailable",
    "PostgresSink",
    "RecordsNotWritten",
    "describe",
    "load_psycopg",
    "reason",
    "scrub",
]


@dataclass(frozen=True)
class _Binding:
    sink: PostgresSink
    conn: Any


_BINDINGS: contextvars.ContextVar[tuple[_Binding, ...]] = contextvars.ContextVar(
    "registry_runtime_postgres_bindings", default=()
)


class PostgresSink:
    """Writes chained records to a PostgreSQL table; see the module docstring."""

    def __init__(
        self,
        conninfo_or_connection: Any = None,
        *,
        table: str = "audit_log",
        stream: str | None = None,
        batch_size: int = 100,
        max_delay: float = 1.0,
        on_unavailable: OnUnavailable = "raise",
        spill_path: str | os.PathLike[str] | None = None,
        signer: Signer | None = None,
        checkpoint_every: int = 1000,
    ) -> None:
        self._psycopg = load_psycopg()
        self.table = table_name(table)
        check_options(stream, batch_size, max_delay, on_unavailable, spill_path)
        self._conninfo: str | None = None
        self._conn: Any = None
        if isinstance(conninfo_or_connection, str):
            self._conninfo = conninfo_or_connection
        elif conninfo_or_connection is not None:
            self._conn = conninfo_or_connection
        self.stream = stream or default_stream_id()
        self._prefix = self.stream[:40]
        self._own = StreamEnd(self.stream)
        self._bound: weakref.WeakKeyDictionary[Any, StreamEnd] = weakref.WeakKeyDictionary()
        self._batch_size = batch_size
        self._max_delay = float(max_delay)
        self._policy = on_unavailable
        self._spill_path = None if spill_path is None else os.fspath(spill_path)
        self._spill: JsonLinesSink | None = None
        if isinstance(checkpoint_every, bool) or not isinstance(checkpoint_every, int):
            raise AuditConfigurationError("checkpoint_every must be a positive integer")
        self._signer = signer
        self._every = max(1, checkpoint_every)
        self._unsealed = 0
        self._pending: list[tuple[dict[str, Any], bytes]] = []
        self._oldest = 0.0
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._closed = False
        self._committing = False
        self._error: BaseException | None = None
        self._insert = insert_sql(self.table)
        self._guarded = guarded_insert_sql(self.table)
        self._end_sql = stream_end_sql(self.table)
        self._stop = threading.Event()
        self._timer: threading.Thread | None = None
        if self._conninfo is not None and on_unavailable == "raise":
            with self._lock:
                self._connection()  # a wrong conninfo fails here, not at the first flush
        if self._conninfo is not None or self._conn is not None:
            at_exit.register(self)

    def __repr__(self) -> str:
        return f"PostgresSink(table={self.table!r}, stream={self.stream!r})"

    # -- bound to the caller's transaction -------------------------------------------------

    @contextlib.contextmanager
    def bind(self, conn: Any) -> Iterator[Any]:
        """Records written inside the block go through ``conn``, in its current transaction;
        yields ``conn``. Nests; each thread or task binds its own. ``conn``: a psycopg
        connection, or a SQLAlchemy ``Session`` or ``Connection`` of a ``postgresql+psycopg``
        engine (each record goes through the connection of its current transaction). A
        connection in autocommit mode needs a transaction open (``with conn.transaction():``)."""
        if sqlalchemy_session(conn):  # its transaction may not have begun: see check_session
            check_session(conn)
        else:
            self._psycopg_connection(conn)  # refused here rather than at the first record
        token = _BINDINGS.set((*_BINDINGS.get(), _Binding(self, conn)))
        try:
            yield conn
        finally:
            _BINDINGS.reset(token)

    def _binding(self) -> Any:
        for binding in reversed(_BINDINGS.get()):
            if binding.sink is self:
                return binding.conn
        return None

    def _psycopg_connection(self, conn: Any) -> Any:
        """The psycopg connection behind what ``bind`` was given (`checked_binding`)."""
        found = conn
        if not isinstance(found, self._psycopg.Connection):
            if sqlalchemy_session(found):
                found = found.connection()  # the Connection of the session's transaction
            pooled: Any = getattr(found, "connection", None)  # a SQLAlchemy Connection's DBAPI one
            if hasattr(pooled, "driver_connection"):
                found = pooled.driver_connection
        return checked_binding(conn, found, self._psycopg.Connection, self._psycopg)

    def _write_bound(self, given: Any, record: dict[str, Any], line: bytes) -> None:
        conn = self._psycopg_connection(given)
        pid = conn.info.backend_pid
        with self._lock:
            end = self._bound.get(conn)
            if end is None or not end.stream.endswith(f"-{pid}"):
                end = self._bound[conn] = StreamEnd(f"{self._prefix}-{pid}")
        try:
            for _attempt in range(ATTEMPTS):
                if end.seq is None:
                    self._read_end(conn, end)
                assert end.seq is not None
                sealed, new_hash = seal(line, end.prev, end.stream, end.seq)
                guard = None if end.seq == 0 else end.prev.decode("ascii")
                cursor = conn.execute(
                    self._guarded, (sealed[:-1].decode("utf-8"), end.stream, guard)
                )
                if cursor.rowcount == 1:
                    end.seq += 1
                    end.prev = new_hash
                    return
                end.seq = None  # stale: a transaction or savepoint rolled back; read again
        except self._psycopg.Error as error:
            end.seq = None
            raise RecordsNotWritten((record_id(record, line),), self._reason(error)) from None
        raise RecordsNotWritten(
            (record_id(record, line),), f"stream {end.stream} has another writer"
        )

    def _read_end(self, conn: Any, end: StreamEnd) -> None:
        end.found(conn.execute(self._end_sql, (end.stream,)).fetchone())

    # -- the Sink protocol -----------------------------------------------------------------

    def write(self, record: dict[str, Any], line: bytes) -> None:
        """Insert ``line`` in the bound transaction, or queue it for the next batch."""
        conn = self._binding()
        if conn is not None:
            self._write_bound(conn, record, line)
            return
        with self._lock:
            self._check_open()
            if self._conninfo is None and self._conn is None:
                raise AuditError(
                    "this PostgresSink has no connection of its own: write inside "
                    "`with sink.bind(conn):`"
                )
            if not self._pending:
                self._oldest = time.monotonic()
            self._pending.append((record, memoryview(line).tobytes()))
            if len(self._pending) >= self._batch_size:
                self._flush_locked()
            elif self._timer is None:
                self._timer = threading.Thread(
                    target=self._tick, name=f"audit-pg-{self.stream}", daemon=True
                )
                self._timer.start()

    def flush(self) -> None:
        """Insert the queued records now."""
        with self._lock:
            self._check_open()
            self._flush_locked()

    def close(self) -> None:
        """Insert the queued records, close the sink's own connection. Idempotent."""
        self._stop.set()
        timer = self._timer
        if timer is not None and timer is not threading.current_thread():
            timer.join()
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                if self._pid == os.getpid():
                    kept, self._error = self._error, None
                    try:  # the queue first: a kept error does not drop it
                        self._flush_locked()
                        if self._signer and self._unsealed and self._conninfo is not None:
                            self._seal_own()
                    except AuditError as error:
                        if kept is not None:
                            error.add_note(f"and before: {kept}")
                        raise
                    if kept is not None:
                        raise kept
            finally:
                if self._conninfo is not None and self._conn is not None:
                    with contextlib.suppress(Exception):
                        self._conn.close()
                if self._spill is not None:
                    self._spill.close()

    def _at_exit(self, name: object = None) -> None:
        """At interpreter exit (`at_exit`): a kept error is reported, the queued records are
        written as by `close` (or spilled), and what is still not written is reported, named
        after ``name`` (default: this sink). Nothing for a closed sink or another process's."""
        name = self if name is None else name
        with self._lock:
            if self._closed or self._pid != os.getpid():
                return
            kept, self._error = self._error, None
            queued = record_ids(self._pending)
        if kept is not None:
            at_exit.report(name, kept)
        try:
            self.close()
        except AuditError as error:
            at_exit.report(name, error)
        except Exception as error:  # noqa: BLE001 - e.g. the spill file: reported, never raised
            at_exit.report(name, RecordsNotWritten(queued, self._reason(error)))

    def _queue(self, batch: list[tuple[dict[str, Any], bytes]]) -> None:
        """Records of another sink, queued for this one's next batch (`AsyncPostgresSink`
        at interpreter exit)."""
        with self._lock:
            self._pending.extend(batch)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- batches on the sink's own connection (called with the lock held) ------------------

    def _check_open(self) -> None:
        if self._pid != os.getpid():  # a forked child: its own connection, stream and queue
            self._pid = os.getpid()
            self._conn = None if self._conninfo is not None else self._conn
            self._pending = []
            self.stream = default_stream_id()
            self._prefix = self.stream[:40]
            self._own = StreamEnd(self.stream)
            self._timer = None
            self._stop = threading.Event()
        if self._closed:
            raise AuditError("the PostgresSink is closed")
        self._raise_kept()

    def _raise_kept(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _tick(self) -> None:
        while not self._stop.wait(self._max_delay / 4):
            with self._lock:
                if self._closed or self._pid != os.getpid():
                    return
                if self._pending and time.monotonic() - self._oldest >= self._max_delay:
                    try:
                        self._flush_locked()
                    except AuditError as error:  # raised by the next write, flush or close
                        self._error = error

    def _connection(self) -> Any:
        if self._conn is None or (self._conninfo is not None and self._conn.closed):
            assert self._conninfo is not None
            try:
                self._conn = self._psycopg.connect(self._conninfo)
            except self._psycopg.Error as error:
                raise AuditError(
                    f"cannot connect to {describe(self._conninfo)}: {self._reason(error)}"
                ) from None
            self._own.seq = None
        return self._conn

    def _reason(self, error: BaseException) -> str:
        return reason(error, self._conninfo)

    def _flush_locked(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        unwritten, reason, uncertain = self._send_with_retry(batch)
        if not unwritten:
            return
        if self._policy == "spill":
            spill = self._spill
            if spill is None:
                assert self._spill_path is not None
                spill = self._spill = JsonLinesSink(self._spill_path, head=False)
            for record, line in unwritten:
                spill.write(record, line)
            return
        raise RecordsNotWritten(record_ids(unwritten), reason, uncertain=uncertain)

    def _send_with_retry(
        self, batch: list[tuple[dict[str, Any], bytes]]
    ) -> tuple[list[tuple[dict[str, Any], bytes]], str, bool]:
        """Send the batch; after a lost connection, send what did not arrive once more.
        Returns what is still not written, the reason, and whether that is uncertain."""
        reason, uncertain = "", False
        for _attempt in range(ATTEMPTS):
            try:
                self._send(batch)
                return [], "", False
            except AuditError as error:  # could not connect
                reason = str(error)
            except self._psycopg.Error as error:
                reason = self._reason(error)
                uncertain = self._committing
                if self._conninfo is None:
                    with contextlib.suppress(self._psycopg.Error):
                        self._conn.rollback()
                    self._own.seq = None
                    return batch, reason, False
            self._own.seq = None
            try:
                batch = self._absent(batch)
            except AuditError:
                return batch, reason, uncertain
            uncertain = False
            if not batch:
                return [], "", False
        return batch, reason, uncertain

    def _absent(
        self, batch: list[tuple[dict[str, Any], bytes]]
    ) -> list[tuple[dict[str, Any], bytes]]:
        """The records of ``batch`` not in the table (on a fresh connection)."""
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn = None
        conn = self._connection()
        ids = [str(record.get("id")) for record, _line in batch]
        try:
            with conn.transaction():
                rows = conn.execute(present_ids_sql(self.table), (ids,)).fetchall()
        except self._psycopg.Error as error:
            raise AuditError(self._reason(error)) from None
        present = {row[0] for row in rows}
        return [item for item in batch if str(item[0].get("id")) not in present]

    def _send(self, batch: list[tuple[dict[str, Any], bytes]]) -> None:
        self._committing = False
        conn = self._connection()
        end = self._own
        if end.seq is None:
            self._read_end(conn, end)
        lines, seq, prev = sealed_batch(batch, end)
        # one statement, one transaction (a connection given to the sink is the sink's: its
        # transaction is committed); only a failure while committing leaves the outcome open
        self._committing = bool(conn.autocommit)
        conn.execute(self._insert, (lines,))
        unsealed = self._unsealed + len(batch)
        sealing = self._signer is not None and unsealed >= self._every
        if sealing and not conn.autocommit:
            self._seal(conn)  # with the batch, in its transaction
        if not conn.autocommit:
            self._committing = True
            conn.commit()
        self._committing = False
        end.seq, end.prev = seq, prev
        self._unsealed = 0 if sealing else unsealed
        if sealing and conn.autocommit:
            self._seal_own()

    def _seal(self, conn: Any) -> None:
        from .postgres_seal import seal_stream

        assert self._signer is not None
        seal_stream(conn, self._signer, self.table, self.stream)

    def _seal_own(self) -> None:
        """Seal the sink's stream in a transaction of its own (the records are written)."""
        conn = self._connection()
        try:
            with conn.transaction():
                self._seal(conn)
        except self._psycopg.Error as error:
            raise AuditError(
                f"the records are written, but sealing stream {self.stream} failed: "
                f"{self._reason(error)}"
            ) from None
        self._unsealed = 0

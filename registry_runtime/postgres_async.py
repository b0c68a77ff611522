"""`AsyncPostgresSink`: `PostgresSink` for asyncio services (psycopg's ``AsyncConnection``).

The emitters are synchronous (an emit builds, redacts and serializes the record at once), so
the async sink *queues* each record in ``write`` and inserts it when awaited:

- **bound**: ``async with sink.bind(conn): ...`` queues the records emitted inside the block
  and inserts them through ``conn`` (an ``AsyncConnection``) when the block exits, inside the
  transaction still open, or earlier on ``await sink.flush()``: one statement for all of
  them, guarded by the stream's last hash. Open the transaction outside
  the binding (``async with conn.transaction(): async with sink.bind(conn): ...``) and the
  records commit or roll back with the business change. The guarantees are `PostgresSink`'s:
  a stream per server connection, each insert guarded by the stream's last hash (a
  rolled-back transaction leaves no gap). When the block exits with an exception the records
  are still inserted (they follow the transaction); if that fails too, the exception carries
  a note naming them. A cancelled task inserts nothing (its transaction rolls back with it).
- **own connection** (a conninfo): batched (``batch_size``, at most ``max_delay`` seconds, a
  task on the running loop), one statement and one transaction per batch on the sink's own
  stream; a batch lost with its connection is checked after reconnecting and the rest sent
  once more; what still cannot be written raises `RecordsNotWritten` (at the next ``write``,
  ``flush`` or ``aclose``) or, with ``on_unavailable="spill"``, goes to the spill file.

Use ``async with AsyncPostgresSink(...) as sink`` or ``await sink.aclose()``: ``close()``
(the synchronous `Sink` protocol) refuses to drop queued records. Records still queued when
the interpreter exits (the loop ended without ``aclose``) are written then, on a synchronous
connection, or spilled or reported (`at_exit`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import os
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Self

from . import at_exit
from .errors import AuditError
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
    record_ids,
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

Batch = list[tuple[dict[str, Any], bytes]]


@dataclass(eq=False)
class _Binding:
    sink: AsyncPostgresSink
    conn: Any
    pending: Batch = field(default_factory=list)


_BINDINGS: contextvars.ContextVar[tuple[_Binding, ...]] = contextvars.ContextVar(
    "registry_runtime_postgres_async_bindings", default=()
)


class AsyncPostgresSink:
    """Writes chained records to a PostgreSQL table from asyncio; see the module docstring."""

    def __init__(
        self,
        conninfo: str | None = None,
        *,
        table: str = "audit_log",
        stream: str | None = None,
        batch_size: int = 100,
        max_delay: float = 1.0,
        on_unavailable: OnUnavailable = "raise",
        spill_path: str | os.PathLike[str] | None = None,
    ) -> None:
        self._psycopg = load_psycopg()
        self.table = table_name(table)
        check_options(stream, batch_size, max_delay, on_unavailable, spill_path)
        self._conninfo = conninfo
        self._conn: Any = None
        self.stream = stream or default_stream_id()
        self._prefix = self.stream[:40]
        self._own = StreamEnd(self.stream)
        self._bound: weakref.WeakKeyDictionary[Any, StreamEnd] = weakref.WeakKeyDictionary()
        self._batch_size = batch_size
        self._max_delay = float(max_delay)
        self._policy = on_unavailable
        self._spill_path = None if spill_path is None else os.fspath(spill_path)
        self._spill: JsonLinesSink | None = None
        self._pending: Batch = []
        self._lock: asyncio.Lock | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._timer: asyncio.Task[None] | None = None
        self._error: BaseException | None = None
        self._closed = False
        self._committing = False
        self._insert = insert_sql(self.table)
        self._guarded = guarded_insert_sql(self.table, many=True)
        self._end_sql = stream_end_sql(self.table)
        self._pid = os.getpid()
        if conninfo is not None:
            at_exit.register(self)

    def __repr__(self) -> str:
        return f"AsyncPostgresSink(table={self.table!r}, stream={self.stream!r})"

    # -- bound to the caller's transaction -------------------------------------------------

    @contextlib.asynccontextmanager
    async def bind(self, conn: Any) -> AsyncIterator[Any]:
        """Records emitted inside the block are inserted through ``conn`` in its open
        transaction when the block exits; yields ``conn``. ``conn``: a psycopg
        ``AsyncConnection``, or a SQLAlchemy ``AsyncSession`` or ``AsyncConnection`` of a
        ``postgresql+psycopg`` engine (the records go through the connection of its current
        transaction). A connection in autocommit mode needs a transaction open."""
        if sqlalchemy_session(conn):  # its transaction may not have begun: see check_session
            check_session(conn)
        else:
            await self._psycopg_connection(conn)  # refused here rather than at the block's end
        binding = _Binding(self, conn)
        token = _BINDINGS.set((*_BINDINGS.get(), binding))
        try:
            yield conn
        except Exception as error:
            try:
                await self._write_bound(binding)
            except RecordsNotWritten as unwritten:
                error.add_note(str(unwritten))
            raise
        else:
            await self._write_bound(binding)
        finally:
            _BINDINGS.reset(token)

    def _binding(self) -> _Binding | None:
        for binding in reversed(_BINDINGS.get()):
            if binding.sink is self:
                return binding
        return None

    async def _psycopg_connection(self, conn: Any) -> Any:
        """The psycopg connection behind what ``bind`` was given (`checked_binding`)."""
        found = conn
        if not isinstance(found, self._psycopg.AsyncConnection):
            if sqlalchemy_session(found):
                found = await found.connection()  # the AsyncConnection of its transaction
            if callable(getattr(found, "get_raw_connection", None)):
                found = (await found.get_raw_connection()).driver_connection
        return checked_binding(conn, found, self._psycopg.AsyncConnection, self._psycopg)

    async def _write_bound(self, binding: _Binding) -> None:
        """The binding's queued records, sealed on the connection's stream, in one guarded
        statement: all of them after the stream's last hash, or none."""
        batch, binding.pending = binding.pending, []
        if not batch:
            return
        conn = await self._psycopg_connection(binding.conn)
        pid = conn.info.backend_pid
        end = self._bound.get(conn)
        if end is None or not end.stream.endswith(f"-{pid}"):
            end = self._bound[conn] = StreamEnd(f"{self._prefix}-{pid}")
        try:
            for _attempt in range(ATTEMPTS):
                if end.seq is None:
                    cursor = await conn.execute(self._end_sql, (end.stream,))
                    end.found(await cursor.fetchone())
                lines, seq, prev = sealed_batch(batch, end)
                guard = None if end.seq == 0 else end.prev.decode("ascii")
                cursor = await conn.execute(self._guarded, (lines, end.stream, guard))
                if cursor.rowcount == len(lines):
                    end.seq, end.prev = seq, prev
                    return
                end.seq = None  # stale: a transaction or savepoint rolled back; read again
        except self._psycopg.Error as error:
            end.seq = None
            raise RecordsNotWritten(record_ids(batch), reason(error, self._conninfo)) from None
        raise RecordsNotWritten(record_ids(batch), f"stream {end.stream} has another writer")

    # -- the Sink protocol -----------------------------------------------------------------

    def write(self, record: dict[str, Any], line: bytes) -> None:
        """Queue the record: for the bound connection, or for the next batch."""
        item = (record, memoryview(line).tobytes())
        binding = self._binding()
        if binding is not None:
            binding.pending.append(item)
            return
        self._check_open()
        if self._conninfo is None:
            raise AuditError(
                "this AsyncPostgresSink has no connection of its own: write inside "
                "`async with sink.bind(conn):`"
            )
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise AuditError("AsyncPostgresSink: emit from a coroutine (no event loop)") from None
        if not self._pending:  # collected with records queued: written at exit all the same
            at_exit.hold(self, True)
        self._pending.append(item)
        if len(self._pending) >= self._batch_size:
            self._spawn(loop, self._flush_own())
        elif self._timer is None or self._timer.done():
            self._timer = self._spawn(loop, self._flush_later())

    async def flush(self) -> None:
        """Insert the queued records now (the bound connection's, inside a binding)."""
        binding = self._binding()
        if binding is not None:
            await self._write_bound(binding)
            return
        self._check_open()
        await self._flush_own()
        self._raise_kept()

    def close(self) -> None:
        """The synchronous `Sink` protocol: refused while records are queued (use `aclose`)."""
        if self._pending and not self._closed:
            raise AuditError(
                f"{len(self._pending)} audit record(s) queued: await sink.aclose() to write them"
            )
        self._closed = True
        self._raise_kept()  # an error of a batch task
        self._release()

    async def aclose(self) -> None:
        """Insert the queued records, close the sink's own connection. Idempotent."""
        if self._closed:
            return
        try:
            for task in list(self._tasks):
                if task is not self._timer:
                    await task
            if self._timer is not None:
                self._timer.cancel()
            await self._flush_own()
            self._raise_kept()
        finally:
            self._closed = True
            at_exit.hold(self, False)
            if self._conn is not None:
                with contextlib.suppress(Exception):
                    await self._conn.close()
            if self._spill is not None:
                self._spill.close()

    def _at_exit(self) -> None:
        """At interpreter exit (`at_exit`), when the loop is gone without ``aclose``: a kept
        error is reported and the queued records are written by a synchronous `PostgresSink`
        on the same table and stream (its batch, retry, spill and report); nothing for a
        closed sink or another process's."""
        if self._closed or self._pid != os.getpid():
            return
        self._closed = True
        at_exit.hold(self, False)
        kept, self._error = self._error, None
        batch, self._pending = self._pending, []
        if self._spill is not None:  # what it spilled is on disk; the batch is reported below
            with contextlib.suppress(Exception):
                self._spill.close()
        if self._conn is not None:  # a transaction cut by the loop's end is rolled back now
            with contextlib.suppress(Exception):
                self._conn.pgconn.finish()
        if kept is not None:
            at_exit.report(self, kept)
        if not batch:
            return
        from .postgres import PostgresSink

        try:
            writer = PostgresSink(
                self._conninfo,
                table=self.table,
                stream=self.stream,
                on_unavailable=self._policy,
                spill_path=self._spill_path,
            )
        except AuditError as error:  # cannot connect
            at_exit.report(self, RecordsNotWritten(record_ids(batch), str(error)))
            return
        writer._queue(batch)
        writer._at_exit(self)

    async def open(self) -> Self:
        """Connect now (a wrong conninfo fails here rather than at the first batch)."""
        if self._conninfo is not None and self._policy == "raise":
            async with self._locked():
                await self._connection()
        return self

    async def __aenter__(self) -> Self:
        return await self.open()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # -- batches on the sink's own connection ----------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise AuditError("the AsyncPostgresSink is closed")
        self._raise_kept()

    def _raise_kept(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._release()
            raise error

    def _release(self) -> None:
        """No longer kept alive for the exit once nothing is queued or kept."""
        at_exit.hold(self, bool(self._pending) or self._error is not None)

    def _spawn(self, loop: asyncio.AbstractEventLoop, work: Any) -> asyncio.Task[None]:
        task = loop.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _flush_later(self) -> None:
        await asyncio.sleep(self._max_delay)
        await self._flush_own()

    def _locked(self) -> asyncio.Lock:
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    async def _flush_own(self) -> None:
        try:
            await self._flush_queued()
        finally:
            self._release()

    async def _flush_queued(self) -> None:
        async with self._locked():
            batch, self._pending = self._pending, []
            if not batch:
                return
            try:
                unwritten, why, uncertain = await self._send_with_retry(batch)
            except asyncio.CancelledError:  # the loop ends: kept for aclose or the exit
                self._pending[:0] = batch  # (a landed part is found again by _absent)
                raise
        if not unwritten:
            return
        if self._policy == "spill":
            if self._spill is None:
                assert self._spill_path is not None
                self._spill = JsonLinesSink(self._spill_path, head=False)
            for record, line in unwritten:
                self._spill.write(record, line)
            return
        error = RecordsNotWritten(record_ids(unwritten), why, uncertain=uncertain)
        if asyncio.current_task() in self._tasks:
            self._error = error  # a batch task: raised by the next write, flush or aclose
            return
        raise error

    async def _connection(self) -> Any:
        if self._conn is None or self._conn.closed:
            assert self._conninfo is not None
            try:
                self._conn = await self._psycopg.AsyncConnection.connect(self._conninfo)
            except self._psycopg.Error as error:
                raise AuditError(
                    f"cannot connect to {describe(self._conninfo)}: {reason(error, self._conninfo)}"
                ) from None
            self._own.seq = None
        return self._conn

    async def _send_with_retry(self, batch: Batch) -> tuple[Batch, str, bool]:
        """`PostgresSink._send_with_retry`, awaited."""
        why, uncertain = "", False
        for _attempt in range(ATTEMPTS):
            try:
                await self._send(batch)
                return [], "", False
            except AuditError as error:  # could not connect
                why = str(error)
            except self._psycopg.Error as error:
                why, uncertain = reason(error, self._conninfo), self._committing
            self._own.seq = None
            try:
                batch = await self._absent(batch)
            except AuditError:
                return batch, why, uncertain
            uncertain = False
            if not batch:
                return [], "", False
        return batch, why, uncertain

    async def _absent(self, batch: Batch) -> Batch:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close()
        self._conn = None
        conn = await self._connection()
        ids = [str(record.get("id")) for record, _line in batch]
        try:
            async with conn.transaction():
                cursor = await conn.execute(present_ids_sql(self.table), (ids,))
                rows = await cursor.fetchall()
        except self._psycopg.Error as error:
            raise AuditError(reason(error, self._conninfo)) from None
        present = {row[0] for row in rows}
        return [item for item in batch if str(item[0].get("id")) not in present]

    async def _send(self, batch: Batch) -> None:
        self._committing = False
        conn = await self._connection()
        end = self._own
        if end.seq is None:
            cursor = await conn.execute(self._end_sql, (end.stream,))
            end.found(await cursor.fetchone())
        lines, seq, prev = sealed_batch(batch, end)
        await conn.execute(self._insert, (lines,))
        self._committing = True
        await conn.commit()
        self._committing = False
        end.seq, end.prev = seq, prev

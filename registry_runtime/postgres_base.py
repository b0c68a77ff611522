"""What the PostgreSQL sinks share (`PostgresSink`, `AsyncPostgresSink`, the replay and the
verifier): psycopg loaded on use, the error naming unwritten records, connection strings
described and scrubbed of their password, option checks, and sealing a batch of lines.
Standard library only at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

from .chain import ZERO_HASH, seal, valid_stream_id
from .errors import AuditConfigurationError, AuditError

OnUnavailable = Literal["raise", "spill"]
ATTEMPTS: Final = 2
"""How many times a batch or an insert is tried (a second time after a lost connection)."""


def load_psycopg() -> Any:
    """The psycopg module, or AuditConfigurationError naming the extra to install."""
    try:
        import psycopg
    except ImportError:
        raise AuditConfigurationError(
            "the PostgreSQL sinks need psycopg 3: pip install 'audit-registry-runtime[postgres]'"
        ) from None
    return psycopg


class RecordsNotWritten(AuditError):
    """Records that are not in the table: ``ids`` (their ``id``), ``reason``.

    ``uncertain``: the connection was lost while committing and could not be checked again,
    so the records may have been written (a replay skips the ids already present).
    """

    def __init__(self, ids: tuple[str, ...], reason: str, *, uncertain: bool = False) -> None:
        self.ids = ids
        self.reason = reason
        self.uncertain = uncertain
        super().__init__(self.text(shown=10))

    def text(self, *, shown: int | None) -> str:
        """The message: the count, the reason and the first ``shown`` ids (None: all)."""
        ids = self.ids if shown is None else self.ids[:shown]
        more = len(self.ids) - len(ids)
        listed = ", ".join(ids) + (f" and {more} more" if more else "")
        state = "not confirmed (they may have been written)" if self.uncertain else "not written"
        return f"{len(self.ids)} audit record(s) {state} to PostgreSQL ({self.reason}): {listed}"


def describe(conninfo: str) -> str:
    """Where a conninfo points (host, port, database, user), never its password."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        params = conninfo_to_dict(conninfo)
    except Exception:  # noqa: BLE001 - an unparsable string is described, not quoted
        return "a database (the connection string could not be parsed)"
    keys = ("service", "host", "port", "dbname", "user")
    parts = [f"{key}={params[key]}" for key in keys if key in params]
    return "database " + (" ".join(parts) if parts else "from the libpq defaults")


def reason(error: BaseException, conninfo: str | None) -> str:
    """The first line of a database error, with any password of ``conninfo`` removed."""
    lines = str(error).strip().splitlines()
    return scrub(lines[0] if lines else type(error).__name__, conninfo)


def scrub(message: str, conninfo: str | None) -> str:
    """``message`` without the password of ``conninfo`` (libpq quotes bad conninfo parts)."""
    if conninfo is None:
        return message
    secrets = set()
    try:
        from psycopg.conninfo import conninfo_to_dict

        password = conninfo_to_dict(conninfo).get("password")
        if password:
            secrets.add(str(password))
    except Exception:  # noqa: BLE001 - unparsable: quote nothing of it below
        return "the connection string could not be parsed"
    for secret in secrets:
        message = message.replace(secret, "********")
    return message


def check_options(
    stream: str | None,
    batch_size: object,
    max_delay: object,
    on_unavailable: object,
    spill_path: object,
) -> None:
    """AuditConfigurationError naming the first bad option of a PostgreSQL sink."""
    if stream is not None and (not valid_stream_id(stream) or len(stream) > 48):
        raise AuditConfigurationError(
            "stream must be 1 to 48 ASCII letters, digits, '.', '_' or '-'"
        )
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise AuditConfigurationError(f"batch_size must be a positive integer, not {batch_size!r}")
    if isinstance(max_delay, bool) or not isinstance(max_delay, int | float) or max_delay <= 0:
        raise AuditConfigurationError(f"max_delay must be a positive number, not {max_delay!r}")
    if on_unavailable not in ("raise", "spill"):
        raise AuditConfigurationError(
            f"on_unavailable must be 'raise' or 'spill', not {on_unavailable!r}"
        )
    if on_unavailable == "spill" and spill_path is None:
        raise AuditConfigurationError('on_unavailable="spill" needs a spill_path')


@dataclass
class StreamEnd:
    """Where a stream stands: the next ``seq`` and the last hash (None: read the table)."""

    stream: str
    seq: int | None = None
    prev: bytes = ZERO_HASH

    def found(self, row: tuple[Any, ...] | None) -> None:
        """Set from `stream_end_sql`'s row (None: the stream has no record yet)."""
        if row is None:
            self.seq, self.prev = 0, ZERO_HASH
        else:
            self.seq, self.prev = int(row[0]) + 1, str(row[1]).encode("ascii")


def record_id(record: dict[str, Any], line: bytes) -> str:
    value = record.get("id")
    return str(value) if value is not None else f"<record of {len(line)} bytes>"


def record_ids(batch: list[tuple[dict[str, Any], bytes]]) -> tuple[str, ...]:
    """The ids of a batch's records, as `RecordsNotWritten` names them."""
    return tuple(record_id(record, line) for record, line in batch)


def sealed_batch(
    batch: list[tuple[dict[str, Any], bytes]], end: StreamEnd
) -> tuple[list[str], int, bytes]:
    """The chained lines (text, no newline) of ``batch`` after ``end`` (its ``seq`` known),
    and the stream's next ``seq`` and last hash once they are written."""
    assert end.seq is not None
    seq, prev = end.seq, end.prev
    lines = []
    for _record, line in batch:
        sealed, prev = seal(line, prev, end.stream, seq)
        lines.append(sealed[:-1].decode("utf-8"))
        seq += 1
    return lines, seq, prev


def sqlalchemy_session(conn: Any) -> bool:
    """Whether ``conn`` looks like a SQLAlchemy ``Session`` (or ``AsyncSession``): duck-typed,
    the runtime does not import SQLAlchemy."""
    return callable(getattr(conn, "get_bind", None)) and callable(getattr(conn, "connection", None))


def check_session(session: Any) -> None:
    """Refuse at ``bind`` a SQLAlchemy session that cannot carry the records, from its engine's
    driver alone: resolving its connection now would begin its transaction, and the caller's
    ``session.begin()`` after ``bind`` would then fail (each write resolves the connection of
    the session's current transaction, and `checked_binding` checks it there)."""
    driver = getattr(getattr(session.get_bind(), "dialect", None), "driver", None)
    if driver != "psycopg":
        kind = type(session)
        raise AuditConfigurationError(
            f"bind() needs a SQLAlchemy Session of a postgresql+psycopg engine; this "
            f"{kind.__module__}.{kind.__qualname__} uses the driver {driver!r}"
        )


def checked_binding(given: Any, found: Any, connection_type: Any, psycopg: Any) -> Any:
    """``found`` (the psycopg connection behind ``given``) if ``bind`` may write through it:
    AuditConfigurationError for anything that is not a ``connection_type``, and for a
    connection in autocommit mode with no transaction open (each record would commit at once,
    not with the business change)."""
    if not isinstance(found, connection_type):
        kind = type(given)
        raise AuditConfigurationError(
            f"bind() needs a psycopg {connection_type.__name__}, or a SQLAlchemy Session or "
            f"Connection of a postgresql+psycopg engine, not {kind.__module__}.{kind.__qualname__}"
        )
    if found.autocommit and found.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
        raise AuditConfigurationError(
            "bind() needs a connection in a transaction: this one is in autocommit mode, so each "
            "record would commit at once, not with the business change (open a transaction "
            "first, or write through the sink's own connection)"
        )
    return found

"""PostgreSQL audit tables as sources of `registry query` and `registry check-events`.

An argument ``postgresql://...`` (or ``postgres://``) names the table `PostgresSink` writes
(``audit_log``, or ``table=NAME`` among the URI's parameters; it is taken out before libpq
sees the URI). Its records are read through psycopg, the exact hashed ``line`` column in
``(stream, seq)`` order, streamed from a server-side cursor into a temporary JSON Lines file
that the file readers take as they are (no DuckDB extension, nothing downloaded). The file
is private (an unlinked temporary file, or one in a 0700 directory) and removed when the
command ends. Errors name host, port, database
and user, never a password.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import IO, BinaryIO, Final, cast
from urllib.parse import unquote

from registry.findings.errors import UsageError

SCHEMES: Final = ("postgresql://", "postgres://")
"""Arguments naming a PostgreSQL database (libpq connection URIs) instead of a file."""
DEFAULT_TABLE: Final = "audit_log"


def is_database(argument: str) -> bool:
    """Whether ``argument`` names a database rather than a file."""
    return argument.startswith(SCHEMES)


def split_table(url: str) -> tuple[str, str]:
    """``(the URI without table=, the table)``; UsageError for a bad table name."""
    from registry_runtime.errors import AuditConfigurationError
    from registry_runtime.postgres_schema import table_name

    head, _mark, query = url.partition("?")
    pieces = query.split("&") if query else []
    tables = [unquote(piece[6:]) for piece in pieces if piece.startswith("table=")]
    if not tables:
        return url, DEFAULT_TABLE
    rest = "&".join(piece for piece in pieces if not piece.startswith("table="))
    url, table = head + ("?" + rest if rest else ""), tables[-1]
    try:
        table_name(table)
    except AuditConfigurationError as error:
        raise UsageError(f"table= in a postgresql:// argument: {error}") from None
    return url, table


def source_name(argument: str) -> str:
    """How findings name a source: a file by its path, the table at a database URL as
    ``TABLE in database host=... dbname=...`` (never the password)."""
    from registry_runtime.postgres import describe

    if not is_database(argument):
        return argument
    bare, table = split_table(argument)
    return f"{table} in {describe(bare)}"


def copy_lines(url: str, handle: IO[bytes]) -> int:
    """Write every record line of the table at ``url`` to ``handle``; how many."""
    from registry_runtime.errors import AuditConfigurationError
    from registry_runtime.postgres import describe, load_psycopg, reason

    bare, table = split_table(url)
    try:
        psycopg = load_psycopg()
    except AuditConfigurationError as error:
        raise UsageError(str(error)) from None
    try:
        conn = psycopg.connect(bare)
    except psycopg.Error as error:
        raise UsageError(f"cannot connect to {describe(bare)}: {reason(error, bare)}") from None
    count = 0
    try:
        conn.read_only = True
        with conn.transaction(), conn.cursor(name="registry_read") as cursor:
            cursor.itersize = 2000
            cursor.execute(f"SELECT line FROM {table} ORDER BY stream, seq")
            for (line,) in cursor:
                handle.write(line.encode("utf-8") + b"\n")
                count += 1
    except psycopg.Error as error:
        raise UsageError(
            f"cannot read table {table} in {describe(bare)}: {reason(error, bare)}"
        ) from None
    finally:
        conn.close()
    return count


def open_log(argument: str) -> BinaryIO:
    """A log file opened for reading, or the records of a database's table in a temporary
    file (unlinked already: closing it frees it)."""
    if not is_database(argument):
        return open(argument, "rb")
    handle = tempfile.TemporaryFile(prefix="registry-pg-")  # noqa: SIM115 - returned
    try:
        copy_lines(argument, handle)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    return cast("BinaryIO", handle)


def _file_name(url: str) -> str:
    """``DBNAME.TABLE`` for the temporary file (the query's ``file`` column shows it)."""
    from registry_runtime.postgres import load_psycopg

    bare, table = split_table(url)
    try:
        dbname = str(load_psycopg().conninfo.conninfo_to_dict(bare).get("dbname") or "")
    except Exception:  # noqa: BLE001 - unparsable: copy_lines says so, without quoting it
        dbname = ""
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in dbname)
    return f"{safe[:40] or 'database'}.{table}"


@contextlib.contextmanager
def database_logs(arguments: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """``arguments`` with each database replaced by a temporary JSON Lines file of its
    table's records (in a private directory removed on exit)."""
    if not any(is_database(argument) for argument in arguments):
        yield arguments
        return
    directory = tempfile.mkdtemp(prefix="registry-pg-")
    try:
        paths = []
        for number, argument in enumerate(arguments):
            if not is_database(argument):
                paths.append(argument)
                continue
            path = os.path.join(directory, f"{number}-{_file_name(argument)}.jsonl")
            with open(path, "xb") as handle:
                copy_lines(argument, handle)
            paths.append(path)
        yield tuple(paths)
    finally:
        shutil.rmtree(directory, ignore_errors=True)

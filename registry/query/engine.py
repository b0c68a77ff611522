"""The DuckDB session a query runs in: the `records` view over the files, the catalog's event
views, then a read-only, locked connection that can read those files only.

No extension is ever installed or loaded automatically (the JSON and Parquet readers are
built into DuckDB's Python wheel), so a query never reaches the network. The views are created
in a throw-away database file (definitions only: file names, no record values), which is then
opened read-only with file access limited to the logs (and the output file, if any) and the
configuration locked: `--sql` can read the documented views and nothing else.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, Self

from registry.findings.errors import UsageError
from registry.query.envelope import (
    NAMES,
    ORDER,
    counted_records_sql,
    jsonl_records_sql,
    parquet_records_sql,
    proving_records_sql,
    quote_name,
    skipped_sql,
)
from registry.query.sources import Sources

if TYPE_CHECKING:
    import duckdb

    from registry.query.verify import Span

OFFLINE: Final = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
"""DuckDB settings: never download or load an extension behind the user's back."""
_COUNTED: Final = "skipped_lines"
"""The column of `Session.records`'s last row: the count of skipped lines."""
MISSING: Final = "registry query needs DuckDB, the query extra: pip install 'audit-registry[query]'"


def import_duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise UsageError(MISSING) from None
    return duckdb


def connect(database: str = ":memory:", *, read_only: bool = False) -> Any:
    """A DuckDB connection that never loads an extension behind the user's back (`OFFLINE`)
    and draws no progress bar (DuckDB draws one on the terminal for a statement that runs
    over two seconds: a 1M-line archive run showed it)."""
    duckdb = import_duckdb()
    connection = duckdb.connect(database, read_only=read_only, config=dict(OFFLINE))
    connection.execute("SET enable_progress_bar = false")
    return connection


@dataclass(frozen=True, slots=True)
class Answer:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


class Session:
    """``with Session(sources, views) as session: session.answer(sql, params)``."""

    def __init__(
        self,
        sources: Sources,
        views_sql: str = "",
        writable: tuple[str, ...] = (),
        proven: tuple[Span, ...] | None = None,
    ) -> None:
        """`proven`: with `--verify`, the spans of records proven (`registry.query.verify`);
        `records` then has a column `proven`, and Parquet columns are read from `line`."""
        self.sources = sources
        self._views_sql = views_sql
        self._writable = tuple(os.path.abspath(p) for p in writable)
        self._proven = proven
        self._archived = sources.archive_files()
        self._directory = ""
        self._connection: duckdb.DuckDBPyConnection | None = None

    def __enter__(self) -> Self:
        self._directory = tempfile.mkdtemp(prefix="registry-query-")
        database = os.path.join(self._directory, "views.duckdb")
        try:
            setup = connect(database)
            try:
                setup.execute(f"CREATE VIEW records AS {self._records_sql()}")
                if self._views_sql:
                    setup.execute(self._views_sql)
            finally:
                setup.close()
            connection = connect(database, read_only=True)
            readable = [*self.sources.all, *self._archived, *self._writable]
            connection.execute("SET allowed_paths = $1", [readable])
            connection.execute("SET enable_external_access = false")
            connection.execute("SET lock_configuration = true")
        except BaseException:
            shutil.rmtree(self._directory, ignore_errors=True)
            raise
        self._connection = connection
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        shutil.rmtree(self._directory, ignore_errors=True)

    def _records_sql(self, *, counting: bool = False) -> str:
        """The `records` view; `counting`: with the skipped lines of the JSON Lines files as
        rows of their own (column `skipped`, `envelope.counted_records_sql`)."""
        parts = []
        verifying = self._proven is not None
        if self.sources.jsonl:
            read_lines = counted_records_sql if counting else jsonl_records_sql
            parts.append(read_lines(self.sources.jsonl))
        for files, archive in ((self.sources.parquet, False), (self._archived, True)):
            if files:
                read = proving_records_sql if verifying else parquet_records_sql
                part = read(files, archive=archive)
                parts.append(f"SELECT *, false AS skipped FROM ({part})" if counting else part)
        union = "\nUNION ALL BY NAME\n".join(parts)
        if self._proven is None:
            return union
        return (
            f"SELECT r.*, p.stream IS NOT NULL AS proven FROM ({union}) AS r "
            f"LEFT JOIN ({proven_sql(self._proven)}) AS p ON r.file = p.file "
            "AND r.stream = p.stream AND r.seq BETWEEN p.first AND p.last"
        )

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        assert self._connection is not None, "use the session in a with block"
        return self._connection

    def relation(self, sql: str, params: list[Any]) -> duckdb.DuckDBPyRelation:
        relation: duckdb.DuckDBPyRelation = run_guarded(
            lambda: self.connection.sql(sql, params=params or None)
        )
        return relation

    def answer(self, sql: str, params: list[Any]) -> Answer:
        relation = self.relation(sql, params)
        rows = run_guarded(relation.fetchall)
        return Answer(tuple(relation.columns), rows)

    def records(self, where: str, params: list[Any], limit: int | None) -> tuple[Answer, int]:
        """The records `records_sql` selects, and how many lines of the JSON Lines files were
        skipped (as `skipped`), from one pass over the lines: the matching records and the
        skipped lines are kept (`line` and `file` only), the records answered in order, and
        the skipped lines counted in a last row that is taken off."""
        proven = self._proven is not None
        if not self.sources.jsonl:
            return self.answer(records_sql(where, limit, proven=proven), params), 0
        names = (*NAMES, *(("proven",) if proven else ()))
        columns = ", ".join(quote_name(name) for name in names)
        blanks = ", ".join(f"NULL AS {quote_name(name)}" for name in names)
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        statement = (
            "WITH kept AS MATERIALIZED (SELECT * REPLACE (CASE WHEN skipped THEN NULL "
            f"ELSE line END AS line) FROM ({self._records_sql(counting=True)}) "
            f"WHERE skipped OR ({where}))\n"
            f"SELECT * FROM (SELECT {columns}, NULL::BIGINT AS {_COUNTED} FROM kept "
            f"WHERE NOT skipped ORDER BY {ORDER}{tail})\n"
            f"UNION ALL SELECT {blanks}, count(*) FROM kept WHERE skipped\n"
            f"ORDER BY {_COUNTED} NULLS FIRST, {ORDER}"
        )
        answer = self.answer(statement, params)
        *rows, last = answer.rows
        return Answer(answer.columns[:-1], [row[:-1] for row in rows]), int(last[-1])

    def skipped(self) -> int:
        """Non-blank lines of the JSON Lines files that are not JSON objects."""
        if not self.sources.jsonl:
            return 0
        row = run_guarded(
            lambda: self.connection.execute(skipped_sql(self.sources.jsonl)).fetchone()
        )
        return int(row[0]) if row else 0


def run_guarded(call: Any) -> Any:
    """Run a DuckDB call; its errors become `UsageError`. The text of an error about the
    user's SQL (parser, binder, catalog) is kept; others are named by kind only, since the
    reader's messages can quote the data they failed on."""
    duckdb = import_duckdb()
    try:
        return call()
    except (duckdb.ParserException, duckdb.BinderException, duckdb.CatalogException) as error:
        raise UsageError(f"--sql: {str(error).splitlines()[0]}") from None
    except duckdb.PermissionException:
        raise UsageError(
            "--sql: only the views records and those of the catalog can be read"
        ) from None
    except duckdb.Error as error:
        raise UsageError(
            f"cannot read the logs ({type(error).__name__}): a file that is not a log, "
            "or a damaged or truncated .gz"
        ) from None


def check_select(sql: str) -> None:
    """Refuse anything but one SELECT statement."""
    duckdb = import_duckdb()
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        raise UsageError(f"--sql: {str(error).splitlines()[0]}") from None
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise UsageError("--sql: give one SELECT statement (the views are read-only)")


def proven_sql(spans: tuple[Span, ...]) -> str:
    """The proven spans as rows `file, stream, first, last` (one per file of a span)."""
    from registry.query.envelope import quote_text

    rows = [
        f"({quote_text(file)}, {quote_text(span.stream)}, {span.first}, {span.last})"
        for span in spans
        for file in span.files
    ]
    if not rows:
        return "SELECT NULL::VARCHAR AS file, NULL::VARCHAR AS stream, 0 AS first, -1 AS last"
    return "SELECT * FROM (VALUES " + ", ".join(rows) + ") AS p(file, stream, first, last)"


def records_sql(where: str, limit: int | None, *, proven: bool = False) -> str:
    """The selected records, every column (and `proven` with `--verify`), in time order."""
    columns = ", ".join(quote_name(n) for n in (*NAMES, *(("proven",) if proven else ())))
    tail = "" if limit is None else f" LIMIT {int(limit)}"
    return f"SELECT {columns} FROM records WHERE {where} ORDER BY {ORDER}{tail}"


def user_sql(sql: str, where: str, limit: int | None) -> str:
    """`--sql`, with the filters applied to `records` (a CTE of that name shadows the view)."""
    check_select(sql)
    tail = "" if limit is None else f" LIMIT {int(limit)}"
    return (
        f"WITH records AS (SELECT * FROM main.records WHERE {where}) "
        f"SELECT * FROM (\n{sql.strip().rstrip(';')}\n) AS answer{tail}"
    )

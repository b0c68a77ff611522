"""The `records` view: one row per event record, the envelope in typed columns.

The columns are written once, here: the view over JSON Lines logs extracts them from each
line (the exact line text is kept in `line`), a Parquet file written by `registry query
--format parquet` holds them as they are, and `registry generate sql` declares the same
envelope table. Control records (a chained body starting `{"control":"`) are not events and
are left out; a line that is not a JSON object is skipped (and counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from registry_runtime.chain import MAX_LINE_BYTES
from registry_runtime.envelope import ENVELOPE_MEMBERS

CONTROL_PREFIX: Final = '{"control":'
"""What the body of a control record starts with (docs/integrity.md, "Control records")."""
TARGETS_SHAPE: Final = '[{"type":"VARCHAR","id":"VARCHAR"}]'
MAX_LINE: Final = MAX_LINE_BYTES
"""The longest line read: the longest the sink writes."""
PARTITIONS: Final = ("tenant", "date", "event")
"""An archive's hive partitions, in path order (`tenant=T/date=D/event=E`)."""
ARCHIVED_AS_TEXT: Final = ("id",)
"""Columns an archive writes as text: Parquet's UUID type is one that Spark (4.0 and before)
refuses to read at all. Read back as their type."""
HIVE_TYPES: Final = "{'tenant': 'VARCHAR', 'date': 'DATE', 'event': 'VARCHAR'}"
"""Partition values are read as these types (never guessed: a tenant `123` stays text)."""
_MEMBERS: Final = {name: description for name, _kind, description in ENVELOPE_MEMBERS}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the `records` view."""

    name: str
    sql_type: str
    template: str
    """How it is computed from the record's JSON text, written `{line}`."""
    description: str

    @property
    def expression(self) -> str:
        """How it is computed from the column `line`."""
        return self.over("line")

    def over(self, text: str) -> str:
        """How it is computed from the SQL expression `text`."""
        return self.template.replace(_LINE, text)


_LINE: Final = "{line}"


def _scalar(path: str, sql_type: str = "VARCHAR") -> str:
    text = f"json_extract_string({_LINE}, '{path}')"
    return text if sql_type == "VARCHAR" else f"TRY_CAST({text} AS {sql_type})"


def _column(name: str, sql_type: str, path: str, description: str | None = None) -> Column:
    return Column(name, sql_type, _scalar(path, sql_type), description or _MEMBERS[name])


COLUMNS: Final = (
    _column("id", "UUID", "$.id"),
    _column("event", "VARCHAR", "$.event"),
    _column("version", "INTEGER", "$.version"),
    _column("occurred_at", "TIMESTAMPTZ", "$.occurred_at"),
    _column("actor_type", "VARCHAR", "$.actor.type", "Who did it: the actor's type."),
    _column("actor_id", "VARCHAR", "$.actor.id", "Who did it: the actor's id."),
    Column(
        "targets",
        "STRUCT(type VARCHAR, id VARCHAR)[]",
        f"json_transform(json_extract({_LINE}, '$.targets'), '{TARGETS_SHAPE}')",
        _MEMBERS["targets"],
    ),
    _column("outcome", "VARCHAR", "$.outcome"),
    _column("reason", "VARCHAR", "$.reason"),
    _column("ip", "VARCHAR", "$.context.ip", "Where from: IP address (hashed by default)."),
    _column(
        "user_agent",
        "VARCHAR",
        "$.context.user_agent",
        "Where from: user agent (hashed by default).",
    ),
    _column("request_id", "VARCHAR", "$.context.request_id", "Correlation id of the request."),
    _column("session_id", "VARCHAR", "$.context.session_id", "Session id (hashed by default)."),
    _column("tenant", "VARCHAR", "$.tenant"),
    Column("fields", "JSON", f"json_extract({_LINE}, '$.fields')", _MEMBERS["fields"]),
    _column("stream", "VARCHAR", "$.stream", "Chained logs: the writer's stream id."),
    _column("seq", "BIGINT", "$.seq", "Chained logs: the record's number in its stream."),
    _column("prev_hash", "VARCHAR", "$.prev_hash", "Chained logs: hash of the previous record."),
    _column("hash", "VARCHAR", "$.hash", "Chained logs: hash of this record."),
    Column("line", "VARCHAR", "line", "The record exactly as written (one JSON Lines line)."),
    Column("file", "VARCHAR", "file", "The file the record was read from."),
    # `line` and `file` are read as they are, never from a guarded text (`counted_records_sql`).
)
NAMES: Final = tuple(column.name for column in COLUMNS)
HASHED_CONTEXT: Final = ("ip", "user_agent", "session_id")
"""The envelope members written as keyed hashes by default (`--subject` compares them)."""
ORDER: Final = "occurred_at, stream, seq, file"
_OBJECT: Final = "WHEN starts_with(ltrim(line), '{') THEN json_valid(line) ELSE false END"


def quote_text(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def quote_name(name: str) -> str:
    """A SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lines_sql(files: tuple[str, ...]) -> str:
    """The raw lines of JSON Lines files (`.gz` read as gzip): columns `line`, `file`.

    Read as one-column CSV whose delimiter is U+0001, a character JSON text cannot hold
    unescaped, with quoting off: each line arrives unchanged. The buffer is set with the
    longest line (DuckDB's default buffer for it would be 16 times larger, and slow)."""
    listed = ", ".join(quote_text(f) for f in files)
    return (
        f"SELECT line, filename AS file FROM read_csv([{listed}], columns={{'line': 'VARCHAR'}}, "
        "delim='\x01', quote='', escape='', header=false, auto_detect=false, filename=true, "
        f"strict_mode=false, null_padding=false, max_line_size={MAX_LINE}, "
        f"buffer_size={2 * MAX_LINE})"
    )


_RECORD: Final = f"CASE WHEN starts_with(line, {quote_text(CONTROL_PREFIX)}) THEN false {_OBJECT}"
"""A line that holds an event record: a JSON object, not a control record. One CASE, so that
DuckDB, which orders the tests of a filter by their estimated cost, runs the cheap tests on
the raw line a query adds (`filters._line_holds`) before this one reads the JSON."""


def records_of_lines(lines: str) -> str:
    """The records view over a query whose columns are `line` and `file`."""
    selected = ",\n  ".join(f"{c.expression} AS {quote_name(c.name)}" for c in COLUMNS)
    return f"SELECT\n  {selected}\nFROM ({lines})\nWHERE {_RECORD}"


def jsonl_records_sql(files: tuple[str, ...]) -> str:
    return records_of_lines(lines_sql(files))


def _skipped(line: str) -> str:
    """Whether the text `line` is skipped, and counted: not blank and not a JSON object. A
    line written by a sink starts with its brace, so the trims (which copy the line: about a
    second per million lines) run only on the others."""
    valid = f"json_valid({line})"
    return (
        f"CASE WHEN starts_with({line}, '{{') THEN NOT {valid} "
        f"WHEN starts_with(ltrim({line}), '{{') THEN NOT {valid} ELSE trim({line}) <> '' END"
    )


def skipped_sql(files: tuple[str, ...]) -> str:
    """How many lines of JSON Lines files are skipped (`_skipped`)."""
    return f"SELECT count(*) FROM ({lines_sql(files)}) WHERE {_skipped('line')}"


def counted_records_sql(files: tuple[str, ...]) -> str:
    """The records of JSON Lines files, as `jsonl_records_sql`, and each skipped line as a
    row of its own (`_skipped`): column `skipped` true, `line` and `file` as read, the other
    columns NULL. One pass over the lines gives an answer and the count of lines it could not
    read (`SELECT ... WHERE skipped OR (filters)`).

    Each column reads the line only when it is not skipped; the cheap tests a filter makes on
    the raw line (`filters._line_holds`) still run before any JSON is read, and the JSON test
    of `skipped` once per line. Control records and blank lines are left out."""
    skipped = _skipped("line")
    guarded = f"(CASE WHEN {skipped} THEN NULL ELSE line END)"
    selected = ",\n  ".join(f"{c.over(guarded)} AS {quote_name(c.name)}" for c in COLUMNS)
    control = f"starts_with(line, {quote_text(CONTROL_PREFIX)})"
    record = "starts_with(line, '{') OR starts_with(ltrim(line), '{')"
    return (
        f"SELECT\n  {selected},\n  {skipped} AS skipped\nFROM ({lines_sql(files)})\n"
        f"WHERE CASE WHEN {control} THEN {skipped} WHEN {record} THEN true ELSE {skipped} END"
    )


def parquet_records_sql(files: tuple[str, ...], *, archive: bool = False) -> str:
    """The records view over Parquet files written by `--format parquet` or, with `archive`,
    over an archive's partitioned files (`tenant`, `event` read from the hive partitions)."""
    selected = ", ".join(_as_written(c, archive) for c in COLUMNS)
    return f"SELECT {selected} FROM {_read_parquet(files, archive)}"


def _as_written(column: Column, archive: bool) -> str:
    # The columns as written (already typed): a CAST here would keep DuckDB from pushing
    # the filters down into the Parquet scan (no filter reads a column an archive holds as text).
    name = quote_name(column.name)
    if column.name == "file":
        return "filename AS file"
    if archive and column.name in ARCHIVED_AS_TEXT:
        return f"CAST({name} AS {column.sql_type}) AS {name}"
    return name


def proving_records_sql(files: tuple[str, ...], *, archive: bool = False) -> str:
    """The records view over Parquet files, every column read from `line` (as for JSON Lines):
    what `--verify` shows is what it proved, not columns written beside the proven text."""
    return records_of_lines(f"SELECT line, filename AS file FROM {_read_parquet(files, archive)}")


def _read_parquet(files: tuple[str, ...], archive: bool) -> str:
    """Parquet files written by `--format parquet` may come from different versions and are
    matched by column name; an archive's part files all hold `registry archive`'s columns
    (its format version says which), so their schema is read from the first only: matching by
    name reads every file's footer each time a query is bound, twice per query."""
    listed = ", ".join(quote_text(f) for f in files)
    how = f"hive_partitioning=true, hive_types={HIVE_TYPES}" if archive else "union_by_name=true"
    return f"read_parquet([{listed}], {how}, filename=true)"

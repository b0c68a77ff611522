"""`registry archive LOG... --to DIR`: chained JSON Lines logs as partitioned Parquet that
DuckDB, Spark, Trino or Athena read, with what proves them.

Layout of DIR:

- `records/tenant=T/date=YYYY-MM-DD/event=E/part-NNNNNN-<uuid>.parquet`: the event records,
  hive-partitioned (a missing value is `__HIVE_DEFAULT_PARTITION__`; other values are
  percent-encoded by DuckDB), one row per record with the columns of the `records` view (the
  partition columns live in the path), the exact line among them; `NNNNNN` is the batch;
- `control/part-NNNNNN-control.parquet`: the control records (chained, not events: without
  them a chain cannot be proven): `stream`, `seq`, `prev_hash`, `hash`, `line`;
- `checkpoints/<stream>.checkpoints`: each stream's checkpoint lines, as the log had them;
- `manifest.json`: what was archived, per stream and batch by batch (written by `archive`,
  its keys listed in docs/query.md).

The record id is written as text (`envelope.ARCHIVED_AS_TEXT`).

Idempotent: a stream's records are archived once. The manifest holds the highest sequence
number archived per stream and that record's hash, and a later run archives only the records
after it (a log that grew adds its new records; the same log again adds none) once `_breaks`
found that the logs continue the archived chain. Records outside any chain (first format,
plain logs: only with `force`) are compared by their exact text with those already archived.
A batch that fails leaves no files: its files are removed (and, after a crash, the next run
removes the files of the batch the manifest does not list, the first batch's included).

This module writes the records (DuckDB); `archive_dir` keeps the directory (manifest, lock,
leftovers, checkpoints); `archive_proof` proves an archive for `registry query --verify`.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from registry.findings.errors import UsageError
from registry.query.archive_dir import (
    PART,
    check_target,
    copy_checkpoints,
    describe,
    locked,
    open_manifest,
    remove_parts,
    save_manifest,
)
from registry.query.archive_proof import prove_archive
from registry.query.engine import connect, import_duckdb, run_guarded
from registry.query.envelope import (
    ARCHIVED_AS_TEXT,
    CONTROL_PREFIX,
    NAMES,
    PARTITIONS,
    jsonl_records_sql,
    lines_sql,
    quote_name,
    quote_text,
    records_of_lines,
)
from registry.query.sources import CONTROL, RECORDS, Sources
from registry_runtime.verify import VerifyResult

__all__ = ["Batch", "Break", "archive", "check_inputs", "prove_archive"]

_STORED: Final = tuple(n for n in NAMES if n not in ("file", *PARTITIONS))
"""The columns written in each record file (the partition columns are in its path)."""
_CHAINED: Final = ("stream", "seq", "prev_hash", "hash", "line")
_STATS: Final = "stream, count(*), min(seq), max(seq), arg_max(hash, seq)"
"""Per stream, what a batch's files hold: rows, first and last number, the last one's hash."""
SORTED_BY: Final = ("actor_type", "actor_id", "occurred_at")
"""The order of the rows inside each record file: who did it first, the filter investigators
give most. Each row group then holds a narrow range of actors, and a query by actor skips,
by the row groups' min/max statistics, the groups (and their `line` pages) that cannot hold
that actor. Only the physical order: readers order by what they need (`--verify` by stream
and sequence number)."""
ROW_GROUP_ROWS: Final = 2048
"""Rows per row group of a record file: DuckDB's smallest (one vector). A partition of a day
and an event holds many groups, so few are read for one actor; measured (bench_query.py) on
1,000,000 records against DuckDB's default of 122,880 rows, one group per partition there."""
RECORD_FILE_OPTIONS: Final = (
    f"ROW_GROUP_SIZE {ROW_GROUP_ROWS}, COMPRESSION zstd, COMPRESSION_LEVEL 1"
)
"""zstd at level 1: measured on 1,000,000 records (docs/query.md, "Layout"), half the bytes
of snappy (DuckDB's default) and fewer than zstd's levels 3 and 9, written fastest; the query
time is the same within noise once the row groups are pruned."""


@dataclass(frozen=True, slots=True)
class Batch:
    """What one run archived (number 0: nothing new)."""

    number: int
    rows: int
    control_rows: int
    streams: dict[str, dict[str, Any]]
    files: tuple[str, ...]
    checkpoints: int = 0
    """Checkpoint lines added (they can seal records archived before)."""
    breaks: tuple[Break, ...] = ()
    """Where the logs do not continue the archived chain (`_breaks`)."""
    refused: bool = False
    """Nothing was written: the chain is broken, or breaks were found, and not `force`."""


@dataclass(frozen=True, slots=True)
class Break:
    """A stream of the logs that does not continue the chain the archive holds."""

    stream: str
    message: str


def check_inputs(sources: Sources) -> None:
    """Raise `UsageError` for inputs `registry archive` does not take: what the verifier
    cannot read as a chained log (Parquet files, archives, compressed logs)."""
    if sources.parquet or sources.archives:
        raise UsageError("registry archive reads JSON Lines logs (not Parquet, not archives)")
    compressed = [path for path in sources.jsonl if path.endswith(".gz")]
    if compressed:
        raise UsageError(
            f"{compressed[0]}: a compressed log cannot be verified before it is archived: "
            "decompress it first (gunzip -k)"
        )


def _breaks(sources: Sources, directory: str, manifest: dict[str, Any]) -> tuple[Break, ...]:
    """The streams of the logs in `sources` that do not continue what the archive at
    `directory` (its `manifest`) holds of them: a record of the logs differs from the archived
    record of that number, the record after the last archived one does not chain to it, or
    the records between them are in neither."""
    marks = {
        stream: (int(info["last_seq"]), str(info["last_hash"]))
        for stream, info in manifest["streams"].items()
    }
    if not marks:
        return ()
    kept = Sources((), (), (os.path.abspath(directory),))
    parts = kept.archive_files(RECORDS) + kept.archive_files(CONTROL)
    archived = "SELECT stream, last AS seq, hash FROM marks" + (
        f" UNION SELECT stream, seq, hash FROM read_parquet([{_listed(parts)}]) "
        "WHERE stream IS NOT NULL"
        if parts
        else ""
    )
    connection = connect()
    try:
        connection.execute("CREATE TEMP TABLE marks (stream VARCHAR, last BIGINT, hash VARCHAR)")
        connection.executemany(
            "INSERT INTO marks VALUES (?, ?, ?)",
            [(stream, last, digest) for stream, (last, digest) in sorted(marks.items())],
        )
        run_guarded(
            lambda: connection.execute(
                "CREATE TEMP TABLE logs AS SELECT stream, seq, hash, prev_hash "
                f"FROM ({_chained_sql(sources.jsonl)}) WHERE stream IN (SELECT stream FROM marks)"
            )
        )
        differing = {
            stream: (first, count)
            for stream, first, count in run_guarded(
                lambda: connection.execute(
                    f"SELECT l.stream, min(l.seq), count(*) FROM logs AS l JOIN ({archived}) "
                    "AS a USING (stream, seq) WHERE l.hash IS DISTINCT FROM a.hash GROUP BY ALL"
                ).fetchall()
            )
        }
        following = connection.execute(
            "SELECT m.stream, m.last, m.hash, min(l.seq), "
            "any_value(l.prev_hash) FILTER (WHERE l.seq = m.last + 1) "
            "FROM marks AS m JOIN logs AS l USING (stream) GROUP BY ALL ORDER BY m.stream"
        ).fetchall()
    finally:
        connection.close()
    found = []
    for stream, last, digest, lowest, before_next in following:
        if stream in differing:
            first, count = differing[stream]
            more = f" (and {count - 1} more)" if count > 1 else ""
            message = f"record {first} differs from the archived record {first}{more}"
        elif before_next is not None:
            message = (
                ""
                if before_next == digest
                else f"record {last + 1} does not chain to the archived record {last}"
            )
        elif lowest > last + 1:
            message = f"records {last + 1} to {lowest - 1} are neither archived nor in the logs"
        else:
            message = ""
        if message:
            found.append(Break(stream, message))
    return tuple(found)


def archive(
    sources: Sources, directory: str, verification: VerifyResult, *, force: bool = False
) -> Batch:
    """Write the records of the JSON Lines logs in `sources` not yet in the archive at
    `directory` (created if needed), copy their checkpoints and record the batch in the
    manifest, holding the archive's lock throughout. `verification`: the verifier's result on
    the same logs (stated in the manifest). Refused (nothing written) when the chain is
    broken or the logs do not continue the archived chain, unless `force`. Raises
    `UsageError` when `directory` is not an archive, another run holds its lock, or a log
    cannot be read."""
    check_inputs(sources)
    check_target(directory)
    os.makedirs(directory, exist_ok=True)
    with locked(directory):
        return _archive_locked(sources, directory, verification, force)


def _archive_locked(
    sources: Sources, directory: str, verification: VerifyResult, force: bool
) -> Batch:
    manifest = open_manifest(directory)
    discontinued = _breaks(sources, directory, manifest)
    forced = not verification.ok or bool(discontinued)
    if forced and not force:
        return Batch(0, 0, 0, {}, (), breaks=discontinued, refused=True)
    number = len(manifest["batches"]) + 1
    pattern = PART.format(number)
    remove_parts(directory, pattern)  # the files of a run that crashed before its manifest
    marks = {stream: int(info["last_seq"]) for stream, info in manifest["streams"].items()}
    try:
        rows, streams, files = _write_records(sources.jsonl, directory, pattern, marks)
        control, control_streams, control_files = _write_control(
            sources.jsonl, directory, pattern, marks
        )
    except BaseException:
        remove_parts(directory, pattern)
        raise
    for stream, info in control_streams.items():
        _add(streams, stream, info)
    checkpoints, sealed = copy_checkpoints(sources.jsonl, directory)
    batch = Batch(number, rows, control, streams, files + control_files, sealed, discontinued)
    if not batch.files:  # no record: the manifest stays as it is
        return Batch(0, 0, 0, {}, (), sealed, discontinued)
    manifest["batches"].append(
        {
            "batch": number,
            "archived_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "inputs": [describe(path) for path in sources.jsonl],
            "verified": {
                "ok": verification.ok,
                "signed": verification.signed,
                "forced": forced,
                "problems": len(verification.problems) + verification.problems_left_off,
                "kinds": sorted({p.kind for p in verification.problems}),
                "unsealed": verification.unsealed,
                "breaks": [{"stream": b.stream, "message": b.message} for b in discontinued],
            },
            "rows": rows,
            "control_rows": control,
            "streams": streams,
            "files": list(batch.files),
            "checkpoints": checkpoints,
        }
    )
    manifest["rows"] += rows
    manifest["control_rows"] += control
    for stream, info in streams.items():
        _add(manifest["streams"], stream, info)
    save_manifest(directory, manifest)
    return batch


def _write_records(
    files: tuple[str, ...], directory: str, pattern: str, marks: dict[str, int]
) -> tuple[int, dict[str, dict[str, Any]], tuple[str, ...]]:
    target = os.path.join(directory, RECORDS)
    os.makedirs(target, exist_ok=True)
    existing = Sources((), (), (os.path.abspath(directory),)).archive_files()
    stored = ", ".join(
        f"CAST({quote_name(n)} AS VARCHAR) AS {quote_name(n)}"
        if n in ARCHIVED_AS_TEXT
        else quote_name(n)
        for n in (*_STORED, "tenant", "event")
    )
    connection = connect()
    try:
        _marks_table(connection, marks)
        records = (
            records_of_lines(_new_lines_sql(files, existing))
            if marks or existing
            else jsonl_records_sql(files)  # the first batch: every line is new
        )
        statement = (
            f"COPY (SELECT {stored}, CAST(timezone('UTC', occurred_at) AS DATE) AS date "
            f"FROM ({records})) "
            f"TO {quote_text(target)} (FORMAT parquet, PARTITION_BY (tenant, date, event), "
            f"{RECORD_FILE_OPTIONS}, FILENAME_PATTERN '{pattern}{{uuid}}', APPEND"
        )
        _copy_sorted(connection, statement)
        written = tuple(
            sorted(
                glob.glob(os.path.join(glob.escape(target), "**", pattern + "*"), recursive=True)
            )
        )
        if not written:
            return 0, {}, ()
        stats = run_guarded(
            lambda: connection.execute(
                f"SELECT {_STATS} FROM read_parquet([{_listed(written)}]) GROUP BY stream"
            ).fetchall()
        )
    finally:
        connection.close()
    return _summed(stats, written, directory)


def _copy_sorted(connection: Any, statement: str) -> None:
    """Run the COPY `statement` (its option list left open) with the rows of each file in
    `SORTED_BY` order. A DuckDB whose COPY has no ORDER_BY option (older releases) writes them
    in the order its threads read them: the same archive, slower to query by actor."""
    duckdb = import_duckdb()

    def in_order() -> bool:
        try:
            connection.execute(f"{statement}, ORDER_BY ({', '.join(SORTED_BY)}))")
        except duckdb.NotImplementedException as error:
            if "order_by" in str(error).lower():
                return False
            raise
        return True

    if not run_guarded(in_order):
        run_guarded(lambda: connection.execute(f"{statement})"))


def _new_lines_sql(files: tuple[str, ...], existing: tuple[str, ...]) -> str:
    """The lines of `files` not archived yet (columns `line`, `file`): a chained record after
    the last one archived of its stream (table `marks`), a record outside any chain not among
    the `existing` part files' records outside any chain. Chosen from the raw lines, before
    the records' columns are extracted: DuckDB would extract them all for every line first."""
    seen = (
        f"l.line NOT IN (SELECT line FROM read_parquet([{_listed(existing)}]) WHERE stream IS NULL)"
        if existing
        else "TRUE"
    )
    stream = "CASE WHEN json_valid(line) THEN json_extract_string(line, '$.stream') END"
    return (
        f"SELECT l.line, l.file FROM (SELECT line, file, {stream} AS stream "
        f"FROM ({lines_sql(files)})) AS l LEFT JOIN marks AS m USING (stream) "
        f"WHERE CASE WHEN l.stream IS NULL THEN json_valid(l.line) AND {seen} "
        "ELSE TRY_CAST(json_extract_string(l.line, '$.seq') AS BIGINT) > coalesce(m.last, -1) END"
    )


def _write_control(
    files: tuple[str, ...], directory: str, pattern: str, marks: dict[str, int]
) -> tuple[int, dict[str, dict[str, Any]], tuple[str, ...]]:
    target = os.path.join(directory, CONTROL)
    connection = connect()
    try:
        _marks_table(connection, marks)
        run_guarded(
            lambda: connection.execute(
                "CREATE TEMP TABLE control AS SELECT c.* "
                f"FROM ({_chained_sql(files, CONTROL_PREFIX)}) AS c "
                "LEFT JOIN marks AS m USING (stream) WHERE c.seq > coalesce(m.last, -1)"
            )
        )
        stats = connection.execute(f"SELECT {_STATS} FROM control GROUP BY stream").fetchall()
        if not stats:
            return 0, {}, ()
        os.makedirs(target, exist_ok=True)
        path = os.path.join(target, f"{pattern}control.parquet")
        connection.execute(f"COPY control TO {quote_text(path)} (FORMAT parquet)")
    finally:
        connection.close()
    return _summed(stats, (path,), directory)


def _chained_sql(files: tuple[str, ...], starting: str = "{") -> str:
    """The chained lines of `files` that start with `starting` (all: event and control
    records): `stream`, `seq`, `prev_hash`, `hash`, `line`."""
    columns = ", ".join(
        (
            f"TRY_CAST(json_extract_string(line, '$.{name}') AS BIGINT)"
            if name == "seq"
            else f"json_extract_string(line, '$.{name}')"
        )
        + f" AS {name}"
        for name in _CHAINED[:-1]
    )
    return (
        f"SELECT * FROM (SELECT {columns}, line FROM ({lines_sql(files)}) "
        f"WHERE starts_with(line, {quote_text(starting)}) AND json_valid(line)) "
        "WHERE stream IS NOT NULL"
    )


def _marks_table(connection: Any, marks: dict[str, int]) -> None:
    connection.execute("CREATE TEMP TABLE marks (stream VARCHAR, last BIGINT)")
    if marks:
        connection.executemany("INSERT INTO marks VALUES (?, ?)", sorted(marks.items()))


def _summed(
    stats: list[tuple[Any, ...]], written: Iterable[str], directory: str
) -> tuple[int, dict[str, dict[str, Any]], tuple[str, ...]]:
    streams: dict[str, dict[str, Any]] = {}
    rows = 0
    for stream, count, first, last, last_hash in stats:
        rows += int(count)
        if stream is not None:
            streams[str(stream)] = {
                "first_seq": int(first),
                "last_seq": int(last),
                "last_hash": last_hash,
                "rows": int(count),
            }
    files = tuple(os.path.relpath(path, directory) for path in written)
    return rows, streams, files


def _add(into: dict[str, dict[str, Any]], stream: str, info: dict[str, Any]) -> None:
    if stream not in into:
        into[stream] = dict(info)
        return
    known = into[stream]
    known["first_seq"] = min(known["first_seq"], info["first_seq"])
    if info["last_seq"] > known["last_seq"]:
        known["last_seq"], known["last_hash"] = info["last_seq"], info["last_hash"]
    known["rows"] += info["rows"]


def _listed(files: Iterable[str]) -> str:
    return ", ".join(quote_text(f) for f in files)

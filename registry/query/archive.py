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
after it (a log that grew adds its new records; the same log again adds none) once `breaks`
found that the logs continue the archived chain. Records outside any chain (first format,
plain logs: only with `force`) are compared by their exact text with those already archived.
A batch that fails leaves no files: its files are removed (and, after a crash, the next run
removes the files of the batch the manifest does not list, the first batch's included).
"""

from __future__ import annotations

import dataclasses
import glob
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from registry.findings.errors import UsageError

try:
    import fcntl
except ImportError:  # not POSIX: one run at a time is the caller's care
    fcntl = None  # type: ignore[assignment]
from registry.query.engine import OFFLINE, import_duckdb, run_guarded
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
from registry.query.sources import (
    ARCHIVE_FORMAT,
    CHECKPOINTS,
    CONTROL,
    MANIFEST,
    RECORDS,
    Sources,
    is_archive,
)
from registry.query.verify import Proof, Span, prove
from registry_runtime.checkpoint import parse_checkpoint
from registry_runtime.rotation import CHECKPOINT_SUFFIX, families
from registry_runtime.signing import PublicKeys
from registry_runtime.verify import Problem, VerifyResult

VERSION: Final = 1
_STORED: Final = tuple(n for n in NAMES if n not in ("file", *PARTITIONS))
"""The columns written in each record file (the partition columns are in its path)."""
_CHAINED: Final = ("stream", "seq", "prev_hash", "hash", "line")
LOCK: Final = ".registry-archive.lock"
"""Held (`flock`) by the run writing the archive; hidden, so Parquet readers pass over it."""
_PART: Final = "part-{:06d}-"
"""The name of a batch's part files starts with this (the batch number)."""
_STATS: Final = "stream, count(*), min(seq), max(seq), arg_max(hash, seq)"
"""Per stream, what a batch's files hold: rows, first and last number, the last one's hash."""
_MISSING: Final = "missing from the archive: a part file manifest.json lists is gone"


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
    duckdb = import_duckdb()
    connection = duckdb.connect(config=dict(OFFLINE))
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
    _check_target(directory)
    os.makedirs(directory, exist_ok=True)
    with _locked(directory):
        return _archive_locked(sources, directory, verification, force)


def _archive_locked(
    sources: Sources, directory: str, verification: VerifyResult, force: bool
) -> Batch:
    manifest = _open(directory)
    discontinued = _breaks(sources, directory, manifest)
    forced = not verification.ok or bool(discontinued)
    if forced and not force:
        return Batch(0, 0, 0, {}, (), breaks=discontinued, refused=True)
    number = len(manifest["batches"]) + 1
    pattern = _PART.format(number)
    _remove(directory, pattern)  # the files of a run that crashed before its manifest
    marks = {stream: int(info["last_seq"]) for stream, info in manifest["streams"].items()}
    try:
        rows, streams, files = _write_records(sources.jsonl, directory, pattern, marks)
        control, control_streams, control_files = _write_control(
            sources.jsonl, directory, pattern, marks
        )
    except BaseException:
        _remove(directory, pattern)
        raise
    for stream, info in control_streams.items():
        _add(streams, stream, info)
    checkpoints, sealed = _copy_checkpoints(sources.jsonl, directory)
    batch = Batch(number, rows, control, streams, files + control_files, sealed, discontinued)
    if not batch.files:  # no record: the manifest stays as it is
        return Batch(0, 0, 0, {}, (), sealed, discontinued)
    manifest["batches"].append(
        {
            "batch": number,
            "archived_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "inputs": [_describe(path) for path in sources.jsonl],
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
    _save(directory, manifest)
    return batch


def prove_archive(archive_dir: str, keys: PublicKeys) -> Proof:
    """Prove an archive's records: their lines, each stream in sequence order (the control
    records among them), are written to a temporary chained log that the runtime's verifier
    checks against the archive's checkpoints; each row's hash is recomputed from its text."""
    found = Sources((), (), (archive_dir,))
    records, control = found.archive_files(RECORDS), found.archive_files(CONTROL)
    sealing = sorted(glob.glob(os.path.join(glob.escape(archive_dir), CHECKPOINTS, "*")))
    duckdb = import_duckdb()
    with tempfile.TemporaryDirectory(prefix="registry-archive-") as scratch:
        chain = os.path.join(scratch, "chain.jsonl")
        parts = [f"SELECT stream, seq, line FROM read_parquet([{_listed(records)}])"]
        if control:
            parts.append(f"SELECT stream, seq, line FROM read_parquet([{_listed(control)}])")
        connection = duckdb.connect(config=dict(OFFLINE))
        try:
            run_guarded(
                lambda: connection.execute(
                    f"COPY (SELECT line FROM ({' UNION ALL '.join(parts)}) "
                    "WHERE stream IS NOT NULL ORDER BY stream, seq) "
                    f"TO {quote_text(chain)} (FORMAT csv, HEADER false, QUOTE '', "
                    "ESCAPE '', DELIM '\x01')"
                )
            )
            row = run_guarded(
                lambda: connection.execute(
                    f"SELECT count(*) FROM read_parquet([{_listed(records)}]) WHERE stream IS NULL"
                ).fetchone()
            )
        finally:
            connection.close()
        proof = prove([chain], keys, sealing)
    every = tuple(records)
    # Records outside any chain (a plain or first-format log, archived with --force): never
    # proven, counted as the verifier counts a log's first-format records.
    unchained = dataclasses.replace(
        proof.result, legacy_records=proof.result.legacy_records + int(row[0] if row else 0)
    )
    result, missing = _against_manifest(archive_dir, unchained)
    return Proof(
        result,
        tuple(Span(s.stream, s.first, s.last, every, s.reason) for s in proof.proven),
        tuple(Span(s.stream, s.first, s.last, (archive_dir,), s.reason) for s in proof.unproven)
        + missing,
    )


def _against_manifest(
    archive_dir: str, result: VerifyResult
) -> tuple[VerifyResult, tuple[Span, ...]]:
    """The verifier's result with a problem for each part file the manifest lists that is
    gone, and the spans of the records archived after the last one left in each stream."""
    with open(os.path.join(archive_dir, MANIFEST), encoding="utf-8") as handle:
        manifest = json.load(handle)
    gone = [
        Problem(0, "missing", f"{name}: listed in {MANIFEST}, not in the archive", archive_dir)
        for batch in manifest["batches"]
        for name in batch["files"]
        if not os.path.isfile(os.path.join(archive_dir, name))
    ]
    if not gone:
        return result, ()
    reached = {report.stream: report.last_seq for report in result.streams}
    missing = tuple(
        Span(stream, reached.get(stream, -1) + 1, int(info["last_seq"]), (archive_dir,), _MISSING)
        for stream, info in sorted(manifest["streams"].items())
        if reached.get(stream, -1) < int(info["last_seq"])
    )
    problems = [*result.problems, *gone]
    return dataclasses.replace(result, ok=False, problems=problems), missing


def _write_records(
    files: tuple[str, ...], directory: str, pattern: str, marks: dict[str, int]
) -> tuple[int, dict[str, dict[str, Any]], tuple[str, ...]]:
    duckdb = import_duckdb()
    target = os.path.join(directory, RECORDS)
    os.makedirs(target, exist_ok=True)
    existing = Sources((), (), (os.path.abspath(directory),)).archive_files()
    stored = ", ".join(
        f"CAST({quote_name(n)} AS VARCHAR) AS {quote_name(n)}"
        if n in ARCHIVED_AS_TEXT
        else quote_name(n)
        for n in (*_STORED, "tenant", "event")
    )
    connection = duckdb.connect(config=dict(OFFLINE))
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
            f"FILENAME_PATTERN '{pattern}{{uuid}}', APPEND)"
        )
        run_guarded(lambda: connection.execute(statement))
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
    duckdb = import_duckdb()
    target = os.path.join(directory, CONTROL)
    connection = duckdb.connect(config=dict(OFFLINE))
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


def _copy_checkpoints(files: tuple[str, ...], directory: str) -> tuple[list[str], int]:
    """Each stream's checkpoint lines into `checkpoints/<stream>.checkpoints`: the lines
    already there, then the new ones, in the log's order. The files, and how many lines were
    added."""
    by_stream: dict[str, list[bytes]] = {}
    for active in families(list(files)):
        sidecar = active + CHECKPOINT_SUFFIX
        if not os.path.isfile(sidecar):
            continue
        with open(sidecar, "rb") as handle:
            for text in handle:
                line = text.rstrip(b"\n")
                checkpoint = parse_checkpoint(line)
                if checkpoint is not None:
                    by_stream.setdefault(checkpoint.stream, []).append(line)
    target = os.path.join(directory, CHECKPOINTS)
    written = []
    added = 0
    for stream, lines in sorted(by_stream.items()):
        os.makedirs(target, exist_ok=True)
        path = os.path.join(target, stream + CHECKPOINT_SUFFIX)
        known: list[bytes] = []
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                known = [text.rstrip(b"\n") for text in handle]
        seen = set(known)
        merged = known + [line for line in dict.fromkeys(lines) if line not in seen]
        if merged != known:
            _replace(path, b"".join(line + b"\n" for line in merged))
        added += len(merged) - len(known)
        written.append(os.path.relpath(path, directory))
    return written, added


def _describe(path: str) -> dict[str, Any]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return {"path": path, "bytes": size, "sha256": digest.hexdigest()}


def _check_target(directory: str) -> None:
    """Raise `UsageError` unless `directory` is new, empty, an archive, or what a first run
    that crashed left."""
    if os.path.exists(directory) and not os.path.isdir(directory):
        raise UsageError(f"--to {directory}: not a directory")
    if (
        os.path.isdir(directory)
        and set(os.listdir(directory)) - {LOCK}
        and not is_archive(directory)
        and not _first_batch_crashed(directory)
    ):
        raise UsageError(
            f"--to {directory}: not an archive (no {MANIFEST} of registry archive): "
            "give a new or empty directory, or an archive"
        )


@contextmanager
def _locked(directory: str) -> Iterator[None]:
    """Hold the archive's lock (`LOCK`, an exclusive `flock`): one run at a time writes it."""
    with open(os.path.join(directory, LOCK), "ab") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise UsageError(
                    f"--to {directory}: another registry archive is writing it; "
                    "run again when it is done"
                ) from None
        yield


def _open(directory: str) -> dict[str, Any]:
    """The manifest of the archive at `directory` (a new one for a new archive); the files
    of a first run that crashed are removed. Under the lock."""
    _check_target(directory)
    if _first_batch_crashed(directory):
        for name in set(os.listdir(directory)) - {LOCK}:
            path = os.path.join(directory, name)
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.remove(path)
    if not is_archive(directory):
        return {
            "format": ARCHIVE_FORMAT,
            "version": VERSION,
            "rows": 0,
            "control_rows": 0,
            "streams": {},
            "batches": [],
        }
    with open(os.path.join(directory, MANIFEST), encoding="utf-8") as handle:
        manifest: dict[str, Any] = json.load(handle)
    if manifest.get("version") != VERSION:
        raise UsageError(f"{directory}: archive version {manifest.get('version')} is not {VERSION}")
    return manifest


def _first_batch_crashed(directory: str) -> bool:
    """Whether `directory` holds only what a first run that crashed before its manifest
    leaves: the parts of batch 1, checkpoints, a temporary manifest, their folders."""
    if not os.path.isdir(directory) or is_archive(directory):
        return False
    names = set(os.listdir(directory)) - {LOCK}
    if not names or not names <= {RECORDS, CONTROL, CHECKPOINTS, MANIFEST + ".tmp"}:
        return False
    first = _PART.format(1)
    for part in (RECORDS, CONTROL, CHECKPOINTS):
        for _root, _folders, files in os.walk(os.path.join(directory, part)):
            for name in files:
                if not (
                    name.endswith(CHECKPOINT_SUFFIX)
                    if part == CHECKPOINTS
                    else name.startswith(first)
                ):
                    return False
    return True


def _save(directory: str, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
    _replace(os.path.join(directory, MANIFEST), text.encode("utf-8"))


def _replace(path: str, data: bytes) -> None:
    """Write `path` whole or not at all (a temporary file renamed over it)."""
    temporary = path + ".tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _remove(directory: str, pattern: str) -> None:
    """Remove the part files whose name starts with `pattern`, and the partition folders
    left empty."""
    for part in (RECORDS, CONTROL):
        root = os.path.join(directory, part)
        for path in glob.glob(os.path.join(glob.escape(root), "**", pattern + "*"), recursive=True):
            os.remove(path)
        for folder, _folders, _files in sorted(os.walk(root), reverse=True):
            if not os.listdir(folder):
                os.rmdir(folder)
    temporary = os.path.join(directory, MANIFEST + ".tmp")
    if os.path.isfile(temporary):
        os.remove(temporary)


def _listed(files: Iterable[str]) -> str:
    return ", ".join(quote_text(f) for f in files)

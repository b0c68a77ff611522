"""`registry query ARCHIVE --verify`: what proves the records of an archive `registry archive`
wrote (its layout: `registry.query.archive`).

The archive's lines, each stream in sequence order (its control records among them), are
written to a temporary chained log that the runtime's verifier checks against the archive's
checkpoints, as it checks a log (`registry.query.verify.prove`). The manifest adds what the
part files cannot say themselves: a part file it lists that is gone.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import tempfile
from collections.abc import Iterable
from typing import Final

from registry.query.archive_dir import read_manifest
from registry.query.engine import connect, run_guarded
from registry.query.envelope import quote_text
from registry.query.sources import CHECKPOINTS, CONTROL, MANIFEST, RECORDS, Sources
from registry.query.verify import Proof, Span, prove
from registry_runtime.signing import PublicKeys
from registry_runtime.verify import Problem, VerifyResult

MISSING: Final = "missing from the archive: a part file manifest.json lists is gone"


def prove_archive(archive_dir: str, keys: PublicKeys) -> Proof:
    """Prove an archive's records: their lines, each stream in sequence order (the control
    records among them), are written to a temporary chained log that the runtime's verifier
    checks against the archive's checkpoints; each row's hash is recomputed from its text."""
    found = Sources((), (), (archive_dir,))
    records, control = found.archive_files(RECORDS), found.archive_files(CONTROL)
    sealing = sorted(glob.glob(os.path.join(glob.escape(archive_dir), CHECKPOINTS, "*")))
    with tempfile.TemporaryDirectory(prefix="registry-archive-") as scratch:
        chain = os.path.join(scratch, "chain.jsonl")
        parts = [f"SELECT stream, seq, line FROM read_parquet([{_listed(records)}])"]
        if control:
            parts.append(f"SELECT stream, seq, line FROM read_parquet([{_listed(control)}])")
        connection = connect()
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
    manifest = read_manifest(archive_dir)
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
        Span(stream, reached.get(stream, -1) + 1, int(info["last_seq"]), (archive_dir,), MISSING)
        for stream, info in sorted(manifest["streams"].items())
        if reached.get(stream, -1) < int(info["last_seq"])
    )
    problems = [*result.problems, *gone]
    return dataclasses.replace(result, ok=False, problems=problems), missing


def _listed(files: Iterable[str]) -> str:
    return ", ".join(quote_text(f) for f in files)

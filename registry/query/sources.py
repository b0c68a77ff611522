"""The files a query reads: logs given as files or directories, sorted into JSON Lines,
Parquet and archives. A directory stands for the logs in it (rotated files included;
checkpoint and head files beside them are not logs), or, when it holds an archive manifest,
for the archive `registry archive` wrote (its layout: `registry.query.archive`)."""

from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass
from typing import Final

from registry.findings.errors import UsageError
from registry_runtime.rotation import families

PARQUET_SUFFIX: Final = ".parquet"
_PARQUET_MAGIC: Final = b"PAR1"
MANIFEST: Final = "manifest.json"
ARCHIVE_FORMAT: Final = "registry-archive"
"""The manifest's `format`: what tells an archive from a directory of logs."""
RECORDS: Final = "records"
"""The archive's event records: `records/tenant=T/date=D/event=E/part-*.parquet`."""
CONTROL: Final = "control"
"""The archive's control records (chained, not events): `control/part-*.parquet`."""
CHECKPOINTS: Final = "checkpoints"
"""The archive's checkpoints: `checkpoints/<stream>.checkpoints`."""


@dataclass(frozen=True, slots=True)
class Sources:
    jsonl: tuple[str, ...]
    parquet: tuple[str, ...]
    archives: tuple[str, ...] = ()
    """Archive directories (absolute)."""

    @property
    def all(self) -> tuple[str, ...]:
        return self.jsonl + self.parquet

    def archive_files(self, part: str = RECORDS) -> tuple[str, ...]:
        """The Parquet files of the archives' `part` (records or control)."""
        return tuple(
            path
            for archive in self.archives
            for path in sorted(
                glob.glob(
                    os.path.join(glob.escape(archive), part, "**", "*.parquet"), recursive=True
                )
            )
        )


def is_archive(path: str) -> bool:
    """Whether `path` is a directory holding an archive manifest."""
    manifest = os.path.join(path, MANIFEST)
    if not os.path.isfile(manifest):
        return False
    try:
        with open(manifest, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError):
        return False
    return isinstance(document, dict) and document.get("format") == ARCHIVE_FORMAT


def find_sources(paths: tuple[str, ...]) -> Sources:
    """The log files under `paths`, in chain order per family; raises `UsageError` for a path
    that does not exist, an empty directory, or a Parquet file that is not one."""
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(f"{path}: no such file or directory")
    archives = tuple(os.path.abspath(p) for p in paths if os.path.isdir(p) and is_archive(p))
    logs = [p for p in paths if os.path.abspath(p) not in archives]
    files = [f for group in families(logs).values() for f in group]
    if archives:
        found = Sources((), (), archives)
        if not found.archive_files():
            raise UsageError(f"{', '.join(archives)}: the archive holds no records yet")
        if not files:
            return found
    if not files:
        raise UsageError(f"no log files in {', '.join(paths)}")
    jsonl: list[str] = []
    parquet: list[str] = []
    for path in files:
        if not os.path.isfile(path):
            raise UsageError(f"{path}: not a file")
        if path.endswith(PARQUET_SUFFIX):
            with open(path, "rb") as handle:
                if handle.read(4) != _PARQUET_MAGIC:
                    raise UsageError(f"{path}: not a Parquet file (no PAR1 header)")
            parquet.append(os.path.abspath(path))
        else:
            jsonl.append(os.path.abspath(path))
    return Sources(tuple(jsonl), tuple(parquet), archives)

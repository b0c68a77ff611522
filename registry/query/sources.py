"""The files a query reads: logs given as files or directories, sorted into JSON Lines and
Parquet. A directory stands for the logs in it (rotated files included; checkpoint and head
files beside them are not logs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Final

from registry.findings.errors import UsageError
from registry_runtime.rotation import families

PARQUET_SUFFIX: Final = ".parquet"
_PARQUET_MAGIC: Final = b"PAR1"


@dataclass(frozen=True, slots=True)
class Sources:
    jsonl: tuple[str, ...]
    parquet: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return self.jsonl + self.parquet


def find_sources(paths: tuple[str, ...]) -> Sources:
    """The log files under `paths`, in chain order per family; raises `UsageError` for a path
    that does not exist, an empty directory, or a Parquet file that is not one."""
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(f"{path}: no such file or directory")
    files = [f for group in families(list(paths)).values() for f in group]
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
    return Sources(tuple(jsonl), tuple(parquet))

"""The head-file check of `verify_log` (``<log>.head``, `registry_runtime.jsonl_head`).

Removing whole records from the end of a chain leaves a valid chain; the head names how many
complete lines the active file had and the hash of the last: fewer lines, or another hash at
that line, is ``truncated``. Whoever can rewrite the log can rewrite a head next to it:
signed checkpoints are the evidence, the head only catches accidents.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .verify_scan import FamilyScan, Report


@dataclass(frozen=True, slots=True)
class Head:
    """A head document: complete lines and the hash of the last one."""

    path: str
    records: int
    last_hash: str


def _short(text: str) -> str:
    return text[:12] + "..."


def read_head(
    active: str, files: list[str], head: str | None, sidecar: bool, report: Report
) -> Head | None:
    """The head to check the active file against, if any (an unusable one is reported)."""
    path = head
    if path is None and sidecar and os.path.exists(active + ".head") and active in files:
        path = active + ".head"
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            document = json.loads(handle.read(1 << 16))
        records = document["records"]
        last_hash = document["last_hash"]
        if not (isinstance(records, int) and records >= 0 and isinstance(last_hash, str)):
            raise TypeError("records must be a count and last_hash a string")
    except (OSError, ValueError, KeyError, TypeError) as error:
        report(active, 0, "bad_head", f"head file {path} is unusable: {error}", None)
        return None
    return Head(path, records, last_hash)


class HeadCheck:
    """Compares the scan of the active file with its head."""

    def __init__(self, head: Head, scan: FamilyScan) -> None:
        self._head = head
        self._scan = scan

    def check(self, path: str, report: Report) -> None:
        head, scan = self._head, self._scan
        if head.records <= 0:
            return
        if scan.file_records < head.records:
            report(
                path,
                scan.lines + 1,
                "truncated",
                f"the head file says {head.records} records ending with hash {_short(head.last_hash)}, but the log has only {scan.file_records}: records were removed from the end",
                None,
            )
        elif scan.head_at is not None and scan.head_at[1].decode("ascii") != head.last_hash:
            report(
                path,
                scan.head_at[0],
                "truncated",
                f"record {head.records} has hash {_short(scan.head_at[1].decode('ascii'))} but the head file says {_short(head.last_hash)}: the log was truncated and rewritten",
                None,
            )

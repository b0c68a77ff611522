"""The archive directory on disk (`registry archive`; its layout: `registry.query.archive`):
its manifest, the lock one run holds while writing, the files a crashed run left, the
checkpoints copied beside the records.

The manifest is written last, whole (a temporary file renamed over it): a batch it does not
list did not happen, and the next run removes that batch's part files (`remove_parts`), the
first batch's included (`open_manifest`).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

from registry.findings.errors import UsageError
from registry.query.sources import (
    ARCHIVE_FORMAT,
    CHECKPOINTS,
    CONTROL,
    MANIFEST,
    RECORDS,
    is_archive,
)
from registry_runtime.checkpoint import parse_checkpoint
from registry_runtime.rotation import CHECKPOINT_SUFFIX, families

try:
    import fcntl
except ImportError:  # not POSIX: one run at a time is the caller's care
    fcntl = None  # type: ignore[assignment]

VERSION: Final = 1
LOCK: Final = ".registry-archive.lock"
"""Held (`flock`) by the run writing the archive; hidden, so Parquet readers pass over it."""
PART: Final = "part-{:06d}-"
"""The name of a batch's part files starts with this (the batch number)."""


def copy_checkpoints(files: tuple[str, ...], directory: str) -> tuple[list[str], int]:
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


def describe(path: str) -> dict[str, Any]:
    """What the manifest says of an input file: its path, size and sha256."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return {"path": path, "bytes": size, "sha256": digest.hexdigest()}


def check_target(directory: str) -> None:
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
def locked(directory: str) -> Iterator[None]:
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


def open_manifest(directory: str) -> dict[str, Any]:
    """The manifest of the archive at `directory` (a new one for a new archive); the files
    of a first run that crashed are removed. Under the lock."""
    check_target(directory)
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
    return read_manifest(directory)


def read_manifest(directory: str) -> dict[str, Any]:
    """The manifest of the archive at `directory`; raises `UsageError` when it is of another
    version or not the shape `archive` writes (edited by hand, say)."""
    with open(os.path.join(directory, MANIFEST), encoding="utf-8") as handle:
        manifest: dict[str, Any] = json.load(handle)
    if manifest.get("version") != VERSION:
        raise UsageError(f"{directory}: archive version {manifest.get('version')} is not {VERSION}")
    if not _well_formed(manifest):
        raise UsageError(
            f"{os.path.join(directory, MANIFEST)}: not the manifest registry archive writes "
            "(a key is missing or of the wrong type)"
        )
    return manifest


def _well_formed(manifest: dict[str, Any]) -> bool:
    """The keys the archive's code reads, of the types it reads them as."""
    streams, batches = manifest.get("streams"), manifest.get("batches")
    return (
        all(type(manifest.get(key)) is int for key in ("rows", "control_rows"))
        and isinstance(streams, dict)
        and all(
            isinstance(info, dict)
            and all(type(info.get(key)) is int for key in ("first_seq", "last_seq", "rows"))
            and isinstance(info.get("last_hash"), str)
            for info in streams.values()
        )
        and isinstance(batches, list)
        and all(
            isinstance(batch, dict)
            and isinstance(batch.get("files"), list)
            and all(isinstance(name, str) for name in batch["files"])
            for batch in batches
        )
    )


def _first_batch_crashed(directory: str) -> bool:
    """Whether `directory` holds only what a first run that crashed before its manifest
    leaves: the parts of batch 1, checkpoints, a temporary manifest, their folders."""
    if not os.path.isdir(directory) or is_archive(directory):
        return False
    names = set(os.listdir(directory)) - {LOCK}
    if not names or not names <= {RECORDS, CONTROL, CHECKPOINTS, MANIFEST + ".tmp"}:
        return False
    first = PART.format(1)
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


def save_manifest(directory: str, manifest: dict[str, Any]) -> None:
    """Write the manifest whole (the batch it adds happened once this returns)."""
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


def remove_parts(directory: str, pattern: str) -> None:
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

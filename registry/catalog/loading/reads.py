"""The files a run reads beyond its catalogs, noted where they are read.

A lint result depends on more than the catalog files: a rule may read a file named in its
options (R012's coverage-profile files). Whatever reads such a file calls `note_read` with
its path first, so that the lint cache (registry.lint.cache) can key its entry on that file's
bytes too: a change to the file is then a miss, never a stale "All checks passed". Reading
through `read_noted_text` does both. Outside a `recording()` block noting costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_recorders: list[list[Path]] = []


def note_read(path: Path) -> None:
    """Record that `path` is read (before reading it, so a file that fails to read counts)."""
    for recorder in _recorders:
        recorder.append(path)


def read_noted_text(path: Path) -> str:
    """`path.read_text("utf-8")`, noted for the recordings in progress."""
    note_read(path)
    return path.read_text("utf-8")


@contextmanager
def recording() -> Iterator[list[Path]]:
    """The paths noted while the block runs, in the order read (repeats kept)."""
    recorder: list[Path] = []
    _recorders.append(recorder)
    try:
        yield recorder
    finally:
        # by identity: two recorders with the same paths are equal lists
        del _recorders[next(i for i, r in enumerate(_recorders) if r is recorder)]

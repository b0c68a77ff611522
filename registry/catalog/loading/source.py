"""Read catalog files from disk: size limit, strict UTF-8, BOM, located decode errors."""

from __future__ import annotations

import hashlib
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from registry.catalog.loading.compose import Limits
from registry.findings import Finding, finding_at_line
from registry.findings.codes import FILE_TOO_LARGE, NOT_UTF8, UNREADABLE, Code

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True, init=False)
class SourceFile:
    """A catalog file's text, kept compressed (issue 14).

    The text is needed whole only to parse the file, and again only for the files whose
    findings must be located; in between it is kept deflated (about a tenth of its size:
    1.5 KB per event become 0.15), so that a large catalog does not hold all its text twice
    over while the model is built and the rules run. Each read of `text` inflates it anew.
    """

    path: str
    """The path as the user should see it (relative to where they pointed us)."""
    fs_path: Path
    size: int
    """Length of the text in UTF-8 bytes."""
    _packed: bytes = field(repr=False)

    def __init__(self, path: str, fs_path: Path, text: str) -> None:
        encoded = text.encode("utf-8")
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "fs_path", fs_path)
        object.__setattr__(self, "size", len(encoded))
        object.__setattr__(self, "_packed", zlib.compress(encoded, 1))

    @property
    def text(self) -> str:
        return zlib.decompress(self._packed).decode("utf-8")

    @property
    def digest(self) -> str:
        """SHA-256 of the text's UTF-8 bytes, in hex."""
        return hashlib.sha256(zlib.decompress(self._packed)).hexdigest()


def _error(
    path: str, code: Code, message: str, line: int = 1, column: int = 1, hint: str | None = None
) -> Finding:
    return finding_at_line(path, line, column, code, message, hint=hint)


def read_source(fs_path: Path, display: str, limits: Limits) -> SourceFile | Finding:
    """The decoded text of a catalog file, or the finding that says why it cannot be read."""
    try:
        size = os.stat(fs_path).st_size
        if size > limits.max_file_bytes:
            return _error(
                display,
                FILE_TOO_LARGE,
                f"file is {size:,} bytes; the limit is {limits.max_file_bytes:,}",
                hint="split the catalog into several files, or raise limits.max_file_bytes",
            )
        with open(fs_path, "rb") as handle:
            raw = handle.read(limits.max_file_bytes + 1)
    except OSError as error:
        return _error(display, UNREADABLE, f"cannot read file: {error.strerror or error}")
    if len(raw) > limits.max_file_bytes:  # grew while we looked
        return _error(
            display, FILE_TOO_LARGE, f"file is larger than {limits.max_file_bytes:,} bytes"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return _error(
            display,
            NOT_UTF8,
            f"file is not valid UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded",
            line,
            column,
            hint="save the file as UTF-8",
        )
    if text.startswith(_BOM):
        text = text[1:]
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        return _error(
            display,
            NOT_UTF8,
            "file holds a NUL character; it is not a text file",
            line,
            at - (text.rfind("\n", 0, at) + 1) + 1,
        )
    return SourceFile(display, fs_path, text)

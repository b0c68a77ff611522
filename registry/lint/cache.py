"""A content-hash cache of lint results: a second `registry lint` of unchanged files.

One entry per lint run, in `.registry_cache/` under the configuration's root (or
`$REGISTRY_CACHE_DIR`). Its key is a hash of everything the findings depend on:

- the bytes of every catalog file found under the paths (and the paths as given, and
  the working directory, which shape the paths shown);
- the whole configuration, the rule selection (`--select`, `--ignore`, `--strict`);
- the registry's version and a fingerprint of its installed source files (size and
  modification time of each, so an edited rule in a development checkout is a miss),
  the versions of the parsers and validators, and the Python version.

Files pulled in by `include`, and the files rules read beyond the catalogs (R012's
coverage-profile files: every such read is noted through `registry.catalog.loading.reads`),
are only known after the run; the entry lists them with their hashes and is used only
while they are unchanged. The findings stored are the
located findings exactly as lint reported them, so a hit prints the same report.
A cache that cannot be read, parsed or written is ignored: the cache never changes a
result and never fails a run.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum
from pathlib import Path, PurePath
from stat import S_ISREG
from typing import Any

from registry.catalog.config import Config
from registry.findings import Finding, Severity

FORMAT = 1
DIRECTORY_NAME = ".registry_cache"
KEEP_ENTRIES = 16
"""Entries kept per cache directory (the most recently written)."""
_MAX_HASHED = 64 << 20
"""Bytes hashed at most per file: larger catalogs (over the default 5 MB limit unless
`limits.max_file_bytes` is raised that far) are linted without the cache."""
_DEPENDENCIES = ("pyyaml", "yaml-rs", "jsonschema", "jsonschema-rs")


@dataclass(frozen=True, slots=True)
class CachedLint:
    findings: tuple[Finding, ...]
    files: int
    events: int


def cache_directory(config: Config) -> Path:
    override = os.environ.get("REGISTRY_CACHE_DIR")
    return Path(override) if override else config.root / DIRECTORY_NAME


def _digest_file(path: Path) -> str | None:
    """The file's content hash; None (no caching) when it cannot be read, is not a regular
    file (`/dev/zero`, a pipe: reading one to the end may never finish) or is larger than
    any catalog the loader would read (`_MAX_HASHED`)."""
    try:
        if not S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            data = handle.read(_MAX_HASHED + 1)
    except OSError:
        return None
    if len(data) > _MAX_HASHED:
        return None
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _canonical(value: Any) -> Any:
    """A JSON-able form of configuration values whose text does not depend on hash order."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, dict):
        return [[_canonical(k), _canonical(v)] for k, v in sorted(value.items(), key=repr)]
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _code_fingerprint() -> list[Any]:
    """The registry's own version, sources and dependencies: a change is a miss."""
    from registry import __version__

    package = Path(__file__).resolve().parent.parent  # registry/
    sources = []
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml"):
            stat = path.stat()
            sources.append([str(path.relative_to(package)), stat.st_size, stat.st_mtime_ns])
    return [FORMAT, __version__, platform.python_version(), _dependency_versions(), sources]


def _dependency_versions() -> list[str]:
    """Installed versions of the parsers and validators, from their `.dist-info` folder
    names (importlib.metadata would cost more import time than the whole cache hit)."""
    import sys

    wanted = {name.replace("-", "_").lower() for name in _DEPENDENCIES}
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and name.split("-", 1)[0].lower() in wanted:
                found.add(f"{entry}/{name}")
    return sorted(found)


class LintCache:
    """Entries for one cache directory; every method swallows its own I/O problems."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def key(
        self,
        paths: tuple[str, ...],
        config: Config,
        select: tuple[str, ...],
        ignore: tuple[str, ...],
        strict: bool | None,
    ) -> str | None:
        """The key of this run; None when a file cannot be read (no caching then)."""
        from registry.catalog.loading.discover import discover

        discovered = discover(paths)
        files = []
        for fs_path, display in discovered.files:
            digest = _digest_file(fs_path)
            if digest is None:
                return None
            files.append([display, str(fs_path), digest])
        material = {
            "code": _code_fingerprint(),
            "cwd": os.getcwd(),
            "paths": list(paths),
            "files": files,
            "discovery": [[f.rule, f.path] for f in discovered.findings],
            "config": _canonical(config),
            "select": list(select),
            "ignore": list(ignore),
            "strict": strict,
        }
        text = json.dumps(material, sort_keys=True, separators=(",", ":"))
        return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / f"lint-{key}.json"

    def load(self, key: str) -> CachedLint | None:
        """The stored result for `key`, if its included files are unchanged."""
        try:
            entry = json.loads(self._entry(key).read_text(encoding="utf-8"))
            if entry["format"] != FORMAT or entry["key"] != key:
                return None
            for path, digest in entry["includes"]:
                if _digest_file(Path(path)) != digest:
                    return None
            return CachedLint(
                tuple(_finding(record) for record in entry["findings"]),
                int(entry["files"]),
                int(entry["events"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, unreadable or corrupt: a miss

    def store(
        self,
        key: str,
        result: CachedLint,
        includes: Iterable[Path],
    ) -> None:
        """Write the entry for `key`; `includes` are files read beyond those found."""
        try:
            included = []
            for path in includes:
                digest = _digest_file(path)
                if digest is None:
                    return
                included.append([str(path), digest])
            entry = {
                "format": FORMAT,
                "key": key,
                "includes": included,
                "files": result.files,
                "events": result.events,
                "findings": [_record(f) for f in result.findings],
            }
            self._prepare()
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".lint-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(entry, out, separators=(",", ":"))
            os.replace(temporary, self._entry(key))
            self._prune()
        except (OSError, ValueError, TypeError):
            return

    def _prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Written by registry lint: a cache, safe to delete.\n*\n")
            (self.directory / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by registry.\n"
            )

    def _prune(self) -> None:
        entries = sorted(
            self.directory.glob("lint-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for stale in entries[KEEP_ENTRIES:]:
            stale.unlink(missing_ok=True)


def _record(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "rule": finding.rule,
        "severity": str(finding.severity),
        "message": finding.message,
        "event": finding.event,
        "field": finding.field,
        "hint": finding.hint,
        "pointer": None if finding.pointer is None else list(finding.pointer),
        "at_key": finding.at_key,
    }


def _finding(record: dict[str, Any]) -> Finding:
    pointer = record["pointer"]
    for part in pointer or ():
        if not isinstance(part, (str, int)):
            raise TypeError("pointer part")
    return Finding(
        path=str(record["path"]),
        line=int(record["line"]),
        column=int(record["column"]),
        rule=str(record["rule"]),
        severity=Severity(record["severity"]),
        message=str(record["message"]),
        event=record["event"],
        field=record["field"],
        hint=record["hint"],
        pointer=None if pointer is None else tuple(pointer),
        at_key=bool(record["at_key"]),
    )

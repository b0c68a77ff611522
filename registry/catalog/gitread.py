"""Read catalogs at a git revision straight from git objects, without a checkout.

The files under the given paths (and the files their `include`s name, followed
transitively) are read with `git cat-file --batch` and written into a temporary directory
with their paths relative to the repository root, so relative includes resolve; then they are
loaded like any catalog. Paths in the results read `REV:path/in/repo`.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from registry.catalog.config import Config
from registry.catalog.load import Loaded, load_catalog
from registry.catalog.loading import Locator
from registry.catalog.loading.discover import SUFFIXES
from registry.catalog.model import Catalog
from registry.catalog.resolve import BUILTIN_PREFIX
from registry.findings.errors import UsageError


@dataclass(frozen=True, slots=True)
class GitSide:
    loaded: Loaded
    display: Callable[[str], str]
    """Maps a path in the results to what the user should see (`REV:path`)."""


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as error:
        raise UsageError("git is not installed") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def repository_root(cwd: Path) -> Path:
    return Path(os.fsdecode(_git(["rev-parse", "--show-toplevel"], cwd)).strip())


def is_revision(rev: str, cwd: Path) -> bool:
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    except UsageError:
        return False
    return True


def _commit(rev: str, cwd: Path) -> str:
    if not is_revision(rev, cwd):
        raise UsageError(f"{rev!r} is not a git revision of the repository at {cwd}")
    return _git(["rev-parse", "--verify", f"{rev}^{{commit}}"], cwd).decode().strip()


def _read_blobs(commit: str, paths: list[str], root: Path) -> dict[str, bytes]:
    """The contents of `paths` (repository-relative) at `commit`; missing ones are left out."""
    if not paths:
        return {}
    broken = next((p for p in paths if "\n" in p or "\r" in p), None)
    if broken is not None:
        # `cat-file --batch` reads one path per line: the answers would no longer line up.
        raise UsageError(f"{broken!r}: a file name with a line break cannot be read from git")
    # Paths that are not UTF-8 come from `ls-tree` as surrogate escapes; give back their bytes.
    request = os.fsencode("".join(f"{commit}:{p}\n" for p in paths))
    out = _git(["cat-file", "--batch"], root, stdin=request)
    blobs: dict[str, bytes] = {}
    at = 0
    for path in paths:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":
            if len(header) >= 3:  # a tree or another object: skip its body
                at += int(header[2]) + 1
            continue
        size = int(header[2])
        blobs[path] = out[at : at + size]
        at += size + 1
    return blobs


def _includes(data: bytes) -> list[str]:
    try:
        document = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError):
        return []
    includes = document.get("include") if isinstance(document, dict) else None
    if not isinstance(includes, list):
        return []
    return [i for i in includes if isinstance(i, str) and not i.startswith(BUILTIN_PREFIX)]


def materialise(
    rev: str, paths: Iterable[str], cwd: Path, into: Path, *, missing_ok: bool = False
) -> list[str]:
    """Write the catalog files under `paths` at `rev` into `into`; returns the paths to load
    (inside `into`) for the given ones. With `missing_ok`, a path `rev` does not have is left
    out (a catalog added since `rev`) instead of being an error."""
    root = repository_root(cwd)
    commit = _commit(rev, root)
    wanted: list[str] = []
    targets: list[str] = []
    links: set[str] = set()
    """Symbolic links: their blob is the path they point to."""
    for given in paths:
        relative = Path(os.path.relpath(Path(cwd, given).resolve(), root.resolve())).as_posix()
        if relative.startswith("../"):
            raise UsageError(f"{given}: outside the git repository {root}")
        relative = "" if relative == "." else relative
        listed = os.fsdecode(
            _git(["ls-tree", "-r", "-z", commit, "--", relative or "."], root)
        ).split("\0")
        entries = [entry.partition("\t") for entry in listed if entry]
        files = [name for _, _, name in entries]
        links.update(name for meta, _, name in entries if meta.startswith("120000 "))
        if not files:
            if missing_ok:
                continue
            raise UsageError(f"{given}: not found at {rev}")
        exact = relative in files
        wanted.extend(
            f for f in files if exact or (f.endswith(SUFFIXES) and not _hidden(f, relative))
        )
        targets.append(str(into / relative) if relative else str(into))
    written: set[str] = set()
    pending = sorted(set(wanted))
    while pending:
        blobs = _read_blobs(commit, pending, root)
        following: set[str] = set()
        for path, data in blobs.items():
            written.add(path)
            destination = into / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            if path in links:
                link = os.fsdecode(data)
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
                if posixpath.isabs(link) or target == ".." or target.startswith("../"):
                    raise UsageError(
                        f"{path}: a symbolic link out of the repository ({link}) cannot be"
                        f" read at {rev}"
                    )
                destination.symlink_to(link)
                if target not in written:
                    following.add(target)
                continue
            destination.write_bytes(data)
            for ref in _includes(data):
                if os.path.isabs(ref) and not os.path.relpath(
                    Path(ref).resolve(), root.resolve()
                ).startswith(".."):
                    # It would load the working tree's file in place of the one at `rev`.
                    raise UsageError(
                        f"{path}: include {ref!r} is an absolute path into the repository,"
                        f" which cannot be read at {rev}; make it relative"
                    )
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), ref))
                if not target.startswith("../") and target not in written:
                    following.add(target)
        written.update(pending)
        pending = sorted(following - written)
    return targets


def _hidden(path: str, under: str) -> bool:
    rest = path[len(under) :].lstrip("/") if under else path
    return any(part.startswith(".") for part in rest.split("/"))


def load_at_revision(
    rev: str,
    paths: tuple[str, ...],
    config: Config,
    cwd: Path,
    *,
    reuse_from: Loaded | None = None,
    missing_ok: bool = False,
) -> GitSide:
    """Load the catalogs under `paths` as they are at `rev` (`reuse_from`: see
    `load_catalog`; `missing_ok`: see `materialise`; when none of `paths` exists at `rev`,
    the catalog is empty)."""
    with tempfile.TemporaryDirectory(prefix="registry-diff-") as temporary:
        into = Path(temporary).resolve()
        targets = materialise(rev, paths, cwd, into, missing_ok=missing_ok)
        if targets:
            loaded = load_catalog(tuple(targets), config, reuse_from=reuse_from)
        else:
            loaded = Loaded(Catalog((), (), ()), (), Locator(config.limits), 0)
    prefix = str(into) + os.sep

    def display(path: str) -> str:
        absolute = os.path.abspath(path)
        if absolute.startswith(prefix):
            return f"{rev}:{Path(absolute[len(prefix) :]).as_posix()}"
        return path

    return GitSide(loaded, display)

"""`registry init`: the files of a new project, kept as data files next to this module, with
the install lines of `install.py` filled in (the workflow pins the version that wrote it).

Nothing is ever written through a symbolic link: DIR itself, every folder below it on the way
to a file and the files themselves must not be links (a link planted in a checkout, such as
`catalog -> ~/.ssh`, would otherwise send the files outside DIR). The checks name the link;
the writes then walk the folders by file descriptor with `O_NOFOLLOW`, so a link swapped in
after the checks fails the write instead of being followed, and a replaced file (`--force`)
is a new file renamed over the old entry, never a write into the old file (a hard link).
"""

from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from registry.findings.errors import UsageError
from registry.scaffold.install import install_lines, render

TEMPLATES = Path(__file__).resolve().parent
FILES: tuple[tuple[str, str], ...] = (
    ("registry.yaml", "registry.yaml"),
    ("catalog.yaml", "catalog/events.yaml"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("workflow.yml", ".github/workflows/audit-events.yml"),
)
"""(template file, path written in the new project)."""
WORKFLOW = FILES[-1][1]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BY_DESCRIPTOR = os.open in os.supports_dir_fd and _NOFOLLOW != 0


@dataclass(frozen=True, slots=True)
class Scaffold:
    written: tuple[Path, ...]
    replaced: tuple[Path, ...]


def planned(directory: Path) -> tuple[Path, ...]:
    return tuple(directory / target for _, target in FILES)


def scaffold(directory: Path, *, force: bool = False) -> Scaffold:
    """Write the project files into `directory`; UsageError when one exists and not `force`,
    or when DIR, a folder on the way or a file is a symbolic link (with or without `force`)."""
    targets = planned(directory)
    _refuse_links(directory)
    for path in targets:
        for parent in reversed(path.parents):
            if parent.exists() and not parent.is_dir():
                raise UsageError(f"{parent}: exists and is not a directory")
    existing = tuple(path for path in targets if path.exists())
    blocked = [p for p in existing if not p.is_file()]
    if blocked:
        raise UsageError(f"{blocked[0]}: exists and is not a file")
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise UsageError(f"not overwriting {names} (use --force to replace)")
    written = []
    lines = install_lines()
    for template, target in FILES:
        text = render((TEMPLATES / template).read_text("utf-8"), lines)
        try:
            _write(directory, target, text, replace=directory / target in existing)
        except OSError as error:  # a link or file that appeared after the checks
            raise UsageError(
                f"{directory / target}: cannot write safely ({error.strerror or error}); "
                "nothing is written through a symbolic link"
            ) from None
        written.append(directory / target)
    return Scaffold(tuple(written), existing)


def _refuse_links(directory: Path) -> None:
    """UsageError naming the first symbolic link among DIR and the paths below it."""
    below = {directory}
    for _, target in FILES:
        parts = target.split("/")
        below.update(directory.joinpath(*parts[:end]) for end in range(1, len(parts) + 1))
    for path in sorted(below, key=lambda p: (len(p.parts), str(p))):
        if path.is_symlink():
            remedy = (
                "name the directory it points to instead"
                if path == directory
                else "remove it and run init again"
            )
            raise UsageError(
                f"{path}: is a symbolic link; registry init never writes through one ({remedy})"
            )


def _write(directory: Path, target: str, text: str, *, replace: bool) -> None:
    if not _BY_DESCRIPTOR:  # no openat (Windows): the checks above are all there is
        path = directory / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    *folders, name = target.split("/")
    directory.mkdir(parents=True, exist_ok=True)  # DIR and above: the path the user named
    fd = os.open(directory, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    try:
        for folder in folders:
            with suppress(FileExistsError):
                os.mkdir(folder, dir_fd=fd)
            inner = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
        written = f".{name}.registry-init-{os.getpid()}" if replace else name
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
        out = os.open(written, flags, 0o666, dir_fd=fd)
        try:
            with os.fdopen(out, "w", encoding="utf-8") as handle:
                handle.write(text)
            if replace:
                os.replace(written, name, src_dir_fd=fd, dst_dir_fd=fd)
        except OSError:
            if replace:
                os.unlink(written, dir_fd=fd)
            raise
    finally:
        os.close(fd)

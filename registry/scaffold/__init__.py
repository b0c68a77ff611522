"""`registry init`: the files of a new project, kept as data files next to this module."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from registry.findings.errors import UsageError

TEMPLATES = Path(__file__).resolve().parent
FILES: tuple[tuple[str, str], ...] = (
    ("registry.yaml", "registry.yaml"),
    ("catalog.yaml", "catalog/events.yaml"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("workflow.yml", ".github/workflows/audit-events.yml"),
)
"""(template file, path written in the new project)."""


@dataclass(frozen=True, slots=True)
class Scaffold:
    written: tuple[Path, ...]
    replaced: tuple[Path, ...]


def planned(directory: Path) -> tuple[Path, ...]:
    return tuple(directory / target for _, target in FILES)


def scaffold(directory: Path, *, force: bool = False) -> Scaffold:
    """Write the project files into `directory`; UsageError when one exists and not `force`."""
    targets = planned(directory)
    for path in targets:
        for parent in reversed(path.parents):
            if parent.exists() and not parent.is_dir():
                raise UsageError(f"{parent}: exists and is not a directory")
    # A dangling symbolic link does not `exist()`, but writing through it fails.
    existing = tuple(path for path in targets if path.exists() or path.is_symlink())
    blocked = [p for p in existing if not p.is_file()]
    if blocked:
        raise UsageError(f"{blocked[0]}: exists and is not a file")
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise UsageError(f"not overwriting {names} (use --force to replace)")
    written = []
    for template, target in FILES:
        path = directory / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((TEMPLATES / template).read_text("utf-8"), encoding="utf-8")
        written.append(path)
    return Scaffold(tuple(written), existing)

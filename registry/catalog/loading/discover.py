"""Expand the paths a user gives into the catalog files to read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from registry.findings import Finding, finding_at_line
from registry.findings.codes import NO_CATALOGS, UNREADABLE

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Discovered:
    files: tuple[tuple[Path, str], ...]
    """(path on disk, path to display) pairs, sorted, without duplicates."""
    findings: tuple[Finding, ...]


def _display(path: Path, given: str, root: Path) -> str:
    if path == root:
        return given
    relative = path.relative_to(root).as_posix()
    return relative if given in (".", "./") else f"{given.rstrip('/')}/{relative}"


def discover(paths: tuple[str, ...]) -> Discovered:
    """Files named directly are taken whatever their suffix; directories give *.yaml/*.yml."""
    found: dict[Path, str] = {}
    findings: list[Finding] = []
    for given in paths:
        root = Path(given)
        if root.is_dir():
            matches = sorted(
                p
                for p in root.rglob("*")
                if p.suffix in SUFFIXES and p.is_file() and not _hidden(p, root)
            )
            if not matches:
                findings.append(
                    finding_at_line(
                        given, 1, 1, NO_CATALOGS, "directory holds no catalog files (*.yaml, *.yml)"
                    )
                )
            for match in matches:
                found.setdefault(match.resolve(), _display(match, given, root))
        elif root.exists():
            found.setdefault(root.resolve(), given)
        else:
            findings.append(finding_at_line(given, 1, 1, UNREADABLE, "no such file or directory"))
    files = tuple(sorted(((p, d) for p, d in found.items()), key=lambda item: item[1]))
    return Discovered(files, tuple(findings))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)

"""Copies of this repository's sources and the two wheels built from them, offline.

Builds run on a copy (setuptools writes build/ and *.egg-info beside the sources it builds),
with `scripts/release.py`'s own `build_wheels`, so the test builds as a release does.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

from conftest import REPO

SOURCES = ("pyproject.toml", "README.md", "CHANGELOG.md", "registry", "registry_runtime",
           "generators", "catalog", "runtime", "scripts", ".pre-commit-hooks.yaml", ".gitignore")
IGNORED = shutil.ignore_patterns("__pycache__", "build", "*.egg-info", "dist")


def release_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("release", REPO / "scripts" / "release.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("release", module)
    spec.loader.exec_module(module)
    return module


def copy_sources(into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=IGNORED)
        else:
            shutil.copy2(source, into / name)
    return into


def tree_size(paths: list[Path]) -> int:
    return sum(p.stat().st_size for root in paths for p in root.rglob("*") if p.is_file())

"""mypy --strict, ruff and the layer contracts are clean on the package (ruff on tests too)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_mypy_strict_is_clean() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "registry", "registry_runtime"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_is_clean() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "registry", "registry_runtime", "tests", "bench"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_package_code_is_formatted() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "registry", "registry_runtime"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_import_layers_hold() -> None:
    """The contracts in pyproject.toml ([tool.importlinter]): the stages import downwards only,
    and the runtime imports nothing from the tool."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = str(lint_imports) if lint_imports.exists() else shutil.which("lint-imports")
    assert command, "import-linter is part of the test extra"
    run = subprocess.run(
        [command, "--no-cache"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_top_level_folder_is_in_a_layer() -> None:
    import tomllib

    contracts = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    layered = {
        name.strip()
        for contract in contracts["contracts"]
        for layer in contract.get("layers", ())
        for name in layer.split("|")
    }
    folders = {
        f"registry.{path.name}"
        for path in (REPO / "registry").iterdir()
        if path.is_dir() and (path / "__init__.py").exists()
    }
    assert folders <= layered, sorted(folders - layered)

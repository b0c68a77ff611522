"""The wheel carries generators/ and catalog/ as package data, and works from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("registry-*.whl")
    return found


def test_wheel_holds_package_data_and_no_generic_top_level_modules(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/", 1)[0] for name in names if not name.startswith("registry-")}
    assert top_level == {"registry", "registry_runtime"}
    assert "registry/builtin_catalog/platform.yaml" in names
    assert "registry/builtin_catalog/security.yaml" in names
    for data in ("coverage/profile.schema.json", "coverage/profiles/baseline.yaml",
                 "coverage/profiles/pci-dss-4.yaml", "scaffold/catalog.yaml",
                 "scaffold/pre-commit-config.yaml", "scaffold/workflow.yml"):
        assert f"registry/{data}" in names, data
    assert "registry/generators/__init__.py" in names
    assert "registry/catalog/schema/catalog.schema.json" in names
    assert "registry/catalog/presets/okta.yaml" in names
    assert "registry/py.typed" in names
    assert "registry/generators/python/module.py.j2" in names
    for template in ("markdown/manifest.yaml", "markdown/index.md.j2", "markdown/domain.md.j2",
                     "markdown/rules.md.j2", "html/manifest.yaml", "html/index.html.j2",
                     "html/style.css", "html/app.js"):
        assert f"registry/generators/{template}" in names, template
    for package in ("registry/generate/", "registry_runtime/", "registry/privacy/",
                    "registry/lint/rules/", "registry/catalog/loading/", "registry/lint/formatters/"):
        assert f"{package}__init__.py" in names, package


def test_installed_wheel_lints_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target",
         str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [sys.executable, "-c",
         ("import registry, registry.catalog.resolve as r; print(registry.__file__);"
          " print(r.builtin_catalog_dir())")],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    module_file, catalog_dir = probe.stdout.split()
    assert module_file.startswith(str(target))
    assert catalog_dir.startswith(str(target))
    run = subprocess.run(
        [sys.executable, "-m", "registry", "lint", catalog_dir],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "All checks passed (4 files, 45 events)." in run.stdout
    # init and coverage find their data (scaffold, profiles, builtin:security) when installed
    for args in (["init", "proj"], ["coverage", "proj/catalog", "--profile", "pci-dss-4"]):
        done = subprocess.run(
            [sys.executable, "-m", "registry", *args],
            cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert "Every required item is covered by the 37 events." in done.stdout

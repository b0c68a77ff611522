"""The two distributions, built offline as a release builds them (about 20 s).

The tool's wheel carries generators/ and catalog/ as package data, no generic top-level
modules, and works from any directory once installed with the runtime's wheel.

The runtime wheel alone goes into a fresh virtual environment (no pip, no system packages,
`pip install --no-index --no-deps`); a package generated from the built-in catalog by the
tool runs there (examples/deploy_service.py: emits, writes the chained log) and the built tool
verifies the log: both wheels installed into one folder (`--target`), run by this
environment's Python, whose site-packages hold the tool's dependencies (no network).
Generated code refuses a runtime outside its range with a message that says what to install.
`-s` prints the install sizes and the import time (wall-clock and CPU).
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import statistics
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from dist_helpers import copy_sources, release_script, tree_size

import registry_runtime
from registry.generate.python_model import runtime_range

from conftest import REPO

VERSION = registry_runtime.__version__
TOOL_ONLY = ("click", "jinja2", "yaml", "jsonschema", "jsonschema_rs", "yaml_rs", "registry",
             "orjson", "phonenumbers", "stdnum")


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("wheels")
    built = release_script().build_wheels(copy_sources(root / "src"), root / "dist")
    return {wheel.name.split("-")[0]: wheel for wheel in built}


@pytest.fixture(scope="module")
def runtime_python(wheels: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("runtime") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index",
         "--no-deps", "--quiet", str(wheels["audit_registry_runtime"])],
        check=True, capture_output=True,
    )
    return python


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("app")
    done = subprocess.run(
        [sys.executable, "-m", "registry", "generate", "python", "--out", str(out),
         str(REPO / "catalog")],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="module")
def tool_site(wheels: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both wheels installed into one folder: on PYTHONPATH, it comes before the checkout's
    editable install, so `python -m registry` runs the built tool."""
    target = tmp_path_factory.mktemp("tool") / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
         "--target", str(target), *map(str, wheels.values())],
        check=True, capture_output=True,
    )
    return target


def run_tool(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python`` with ``args`` (``-m registry ...``, ``-c ...``) on the installed wheels."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False, timeout=120)


def run_in(python: Path, *args: str, path: list[Path], cwd: Path
           ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PYTHONPATH"] = os.pathsep.join(map(str, path))
    env["REGISTRY_AUDIT_HMAC_KEY"] = "wheel-test-key"
    return subprocess.run([str(python), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False, timeout=120)


def metadata(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return archive.read(name).decode()


def test_wheels_split_tool_and_runtime_at_one_version(wheels: dict[str, Path]) -> None:
    assert sorted(wheels) == ["audit_registry", "audit_registry_runtime"]
    runtime, tool = wheels["audit_registry_runtime"], wheels["audit_registry"]
    assert runtime.name == f"audit_registry_runtime-{VERSION}-py3-none-any.whl"
    assert tool.name == f"audit_registry-{VERSION}-py3-none-any.whl"
    runtime_tops = {n.split("/")[0] for n in zipfile.ZipFile(runtime).namelist()}
    assert runtime_tops == {"registry_runtime", f"audit_registry_runtime-{VERSION}.dist-info"}
    assert "registry_runtime/py.typed" in zipfile.ZipFile(runtime).namelist()
    assert not any(n.startswith("registry_runtime/") for n in zipfile.ZipFile(tool).namelist())
    # the runtime needs nothing; each optional component has its extra
    requires = re.findall(r"^Requires-Dist: (.*)$", metadata(runtime), re.MULTILINE)
    assert all("; extra == " in r for r in requires), requires
    extras = set(re.findall(r"^Provides-Extra: (.*)$", metadata(runtime), re.MULTILINE))
    assert extras == {"fast", "otel", "signing", "postgres", "re2"}
    assert f"Requires-Dist: audit-registry-runtime=={VERSION}\n" in metadata(tool)


def test_runtime_environment_holds_no_part_of_the_tool(runtime_python: Path, tmp_path: Path
                                                       ) -> None:
    probe = ("import importlib.util as u, sys; print(sys.prefix != sys.base_prefix);"
             f" print([m for m in {TOOL_ONLY!r} if u.find_spec(m)])")
    done = run_in(runtime_python, "-c", probe, path=[], cwd=tmp_path)
    assert done.stdout.split("\n")[:2] == ["True", "[]"], done.stdout + done.stderr


def test_generated_package_runs_on_the_runtime_alone_and_the_tool_verifies_its_log(
    runtime_python: Path, app: Path, tool_site: Path, tmp_path: Path
) -> None:
    log = tmp_path / "audit.jsonl"
    example = REPO / "examples" / "deploy_service.py"
    done = run_in(runtime_python, str(example), str(log), path=[app], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(log.read_text("utf-8").splitlines()) == 3
    probe = run_tool(tool_site, "-c", "import registry, registry_runtime as r;"
                     " print(registry.__file__, r.__file__)", cwd=tmp_path)
    paths = probe.stdout.split()
    assert len(paths) == 2, probe.stderr
    assert all(path.startswith(str(tool_site)) for path in paths), paths  # not the checkout
    verified = run_tool(tool_site, "-m", "registry", "verify-log", str(log), cwd=tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.strip().splitlines()[-1] == "3 records; chain intact."


def _versions() -> list[tuple[str, bool]]:
    (major, minor, patch), high = runtime_range(VERSION)
    return [
        (VERSION, True),
        (f"{major}.{minor}.{patch + 7}", True),
        (".".join(map(str, (*high, 0, 0)[:3])), False),  # the first version out of range
        (f"{major + 1}.0.0", False),
        ("0.0.0", False),
    ]


@pytest.mark.parametrize(("installed", "accepted"), _versions())
def test_generated_package_refuses_a_runtime_outside_its_range(
    runtime_python: Path, app: Path, tmp_path: Path, installed: str, accepted: bool
) -> None:
    other = tmp_path / "other"
    shutil.copytree(Path(registry_runtime.__file__).parent, other / "registry_runtime",
                    ignore=shutil.ignore_patterns("__pycache__"))
    init = other / "registry_runtime" / "__init__.py"
    init.write_text(init.read_text("utf-8").replace(f'"{VERSION}"', f'"{installed}"', 1), "utf-8")
    done = run_in(runtime_python, "-c", "import audit_events.security", path=[other, app],
                  cwd=tmp_path)
    low, high = runtime_range(VERSION)
    required = f"audit-registry-runtime>={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"
    if accepted:
        assert done.returncode == 0, done.stderr
    else:
        assert done.stderr.strip().splitlines()[-1] == (
            f"ImportError: audit_events was generated for {required}, but registry_runtime"
            f" {installed} is installed: pip install '{required}'"
        )


@pytest.mark.parametrize(("version", "low", "high"), [
    ("0.1.0", (0, 1, 0), (0, 2)),
    ("0.9.4", (0, 9, 4), (0, 10)),
    ("1.0.0", (1, 0, 0), (2,)),
    ("2.3.1", (2, 3, 1), (3,)),
])
def test_runtime_range(version: str, low: tuple[int, ...], high: tuple[int, ...]) -> None:
    assert runtime_range(version) == (low, high)


def _installed_size(distribution: str, seen: set[str]) -> int:
    """Installed bytes of `distribution` and everything it requires (extras left out)."""
    key = re.sub(r"[-_.]+", "-", distribution).lower()
    if key in seen:
        return 0
    seen.add(key)
    dist = importlib.metadata.distribution(distribution)
    own = sum(Path(str(dist.locate_file(f))).stat().st_size for f in dist.files or ()
              if Path(str(dist.locate_file(f))).is_file())
    needs = [re.split(r"[ ;<>=!~\[(]", r, maxsplit=1)[0] for r in dist.requires or ()
             if "extra ==" not in r]
    return own + sum(_installed_size(n, seen) for n in needs if n != "audit-registry-runtime")


def test_report_sizes_and_import_time(runtime_python: Path, app: Path, wheels: dict[str, Path],
                                      tmp_path: Path) -> None:
    site = next((runtime_python.parent.parent / "lib").glob("python*/site-packages"))
    runtime_bytes = tree_size([site / "registry_runtime",
                               *site.glob("audit_registry_runtime-*.dist-info")])
    with zipfile.ZipFile(wheels["audit_registry"]) as tool_wheel:
        tool_own = sum(info.file_size for info in tool_wheel.infolist())
    seen = {"registry", "audit-registry"}  # this checkout's own install is measured by its wheel
    dependencies = sum(_installed_size(d, seen) for d in ("pyyaml", "yaml-rs", "jsonschema",
                       "jsonschema-rs", "jinja2", "click", "orjson", "phonenumbers",
                       "python-stdnum"))
    tool_bytes = tool_own + dependencies + runtime_bytes
    # wall-clock and CPU time: on a shared machine the CPU time moves less with the load
    probe = ("import time; t, c = time.perf_counter(), time.process_time(); import audit_events;"
             " print(time.perf_counter() - t, time.process_time() - c)")
    runs = [run_in(runtime_python, "-c", probe, path=[app], cwd=tmp_path).stdout.split()
            for _ in range(7)]
    wall = statistics.median(float(run[0]) for run in runs)
    cpu = statistics.median(float(run[1]) for run in runs)
    print(f"\nruntime alone: {runtime_bytes / 1e6:.2f} MB installed; full tool:"
          f" {tool_bytes / 1e6:.1f} MB ({tool_own / 1e6:.1f} MB own, the rest dependencies);"
          f" import audit_events (45 events) on the slim runtime: median of 7"
          f" {wall * 1000:.0f} ms wall-clock, {cpu * 1000:.0f} ms CPU")
    assert runtime_bytes * 10 < tool_bytes
    assert wall < 1.0


def test_tool_wheel_holds_package_data_and_no_generic_top_level_modules(
    wheels: dict[str, Path],
) -> None:
    names = zipfile.ZipFile(wheels["audit_registry"]).namelist()
    top_level = {name.split("/", 1)[0] for name in names if ".dist-info/" not in name}
    assert top_level == {"registry"}
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
    for package in ("registry/generate/", "registry/privacy/", "registry/lint/rules/",
                    "registry/catalog/loading/", "registry/lint/formatters/"):
        assert f"{package}__init__.py" in names, package


def test_installed_wheels_lint_from_another_directory(tool_site: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tool_site)}
    probe = subprocess.run(
        [sys.executable, "-c",
         ("import registry, registry_runtime, registry.catalog.resolve as r;"
          " print(registry.__file__, registry_runtime.__file__, r.builtin_catalog_dir());"
          " print(registry.__version__)")],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    paths, version = probe.stdout.splitlines()
    assert all(path.startswith(str(tool_site)) for path in paths.split()), paths
    assert version == VERSION
    catalog_dir = paths.split()[2]
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

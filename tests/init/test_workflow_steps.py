"""The scaffold's GitHub Actions workflow, run step by step against wheels built from this
checkout (about 30 s: the two wheels, a virtual environment, the install).

`registry init` writes the project; it becomes a git repository with `origin/main` (what
`actions/checkout` with `fetch-depth: 0` gives a pull request); each `run:` step of the
workflow runs in it with `bash -e`, as a runner runs it, with `${{ github.base_ref }}` set to
`main` (the `if:` step is the pull-request one) and `pip` pointed at the wheels
(`PIP_NO_INDEX`, `PIP_FIND_LINKS`). The new environment sees the test environment's
dependencies (PyYAML, click ...) through a folder of links that leaves out audit-registry and
its runtime, so the pinned `pip install audit-registry==X.Y.Z` must find them in the wheels.
The wheels line of `registry init`'s next steps is run the same way, as written.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from click.testing import CliRunner

import registry_runtime
from registry.cli import main
from registry.scaffold import WORKFLOW
from registry.scaffold.install import install_lines

from conftest import REPO

VERSION = registry_runtime.__version__
IN_CI = os.environ.get("CI") == "true"
MISSING = [tool for tool in ("git", "bash") if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(MISSING) and not IN_CI, reason=f"needs {' and '.join(MISSING)} (required when CI=true)"
)
LEFT_OUT = ("audit_registry", "__editable__", "registry", "pip", "_distutils_hack", "__pycache__")


def dist_helpers() -> ModuleType:
    if "dist_helpers" in sys.modules:
        return sys.modules["dist_helpers"]
    path = REPO / "tests" / "packaging" / "dist_helpers.py"
    spec = importlib.util.spec_from_file_location("dist_helpers", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dist_helpers"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    helpers = dist_helpers()
    root = tmp_path_factory.mktemp("wheels")
    built = helpers.release_script().build_wheels(
        helpers.copy_sources(root / "src"), root / "dist"
    )
    assert sorted(w.name.split("-")[0] for w in built) == [
        "audit_registry", "audit_registry_runtime"
    ]
    return root / "dist"


def dependencies(into: Path) -> Path:
    """Links to the test environment's installed packages, minus audit-registry, its runtime,
    their editable finders and pip (the new environment has its own)."""
    into.mkdir()
    sites = {Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")}
    for site in sites:
        for entry in site.iterdir():
            if entry.name.startswith(LEFT_OUT) or entry.suffix == ".pth":
                continue
            if not (into / entry.name).exists():
                (into / entry.name).symlink_to(entry)
    return into


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    python = root / "venv" / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    (Path(site) / "test-dependencies.pth").write_text(
        f"{dependencies(root / 'deps')}\n", "utf-8"
    )
    return root / "venv"


def git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def project(path: Path) -> Path:
    """`registry init`, committed on main and fetched as origin/main."""
    result = CliRunner().invoke(main, ["init", str(path)])
    assert result.exit_code == 0, result.output
    git(path, "init", "-q", "-b", "main")
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "scaffold")
    git(path, "remote", "add", "origin", str(path))
    git(path, "fetch", "-q", "origin")
    return path


def run_steps(path: Path) -> list[str]:
    """The workflow's `run:` lines, as a pull request to main runs them."""
    workflow = yaml.safe_load((path / WORKFLOW).read_text("utf-8"))
    (job,) = workflow["jobs"].values()
    steps = [step["run"].replace("${{ github.base_ref }}", "main")
             for step in job["steps"] if "run" in step]
    assert not [s for s in steps if "${{" in s], steps
    return steps


def run(step: str, cwd: Path, venv: Path, find_links: Path | None
        ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(venv),
               PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", CI="true",
               GITHUB_ACTIONS="true", GITHUB_EVENT_NAME="pull_request", GITHUB_BASE_REF="main")
    if find_links is not None:
        env["PIP_FIND_LINKS"] = str(find_links)
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step],
                          cwd=cwd, env=env, capture_output=True, text=True, check=False,
                          timeout=180)


def installed(venv: Path) -> tuple[str, str]:
    probe = ("import importlib.metadata as m, registry;"
             " print(m.version('audit-registry')); print(registry.__file__)")
    done = subprocess.run([str(venv / "bin" / "python"), "-c", probe], capture_output=True,
                          text=True, check=True, cwd=venv, env={"PATH": os.environ.get("PATH", "")})
    version, module = done.stdout.split("\n")[:2]
    return version, module


def test_the_workflow_steps_pass_with_the_pinned_install_from_wheels(
    wheels: Path, venv: Path, tmp_path: Path
) -> None:
    path = project(tmp_path / "service")
    steps = run_steps(path)
    assert steps[0] == f"pip install audit-registry=={VERSION}"
    assert [s.split()[:2] for s in steps[1:]] == [["registry", "lint"],
                                                  ["registry", "coverage"],
                                                  ["registry", "diff"]]
    for step in steps:
        done = run(step, path, venv, wheels)
        assert done.returncode == 0, f"{step}\n{done.stdout}{done.stderr}"
    version, module = installed(venv)
    assert version == VERSION
    assert Path(module).is_relative_to(venv), module  # the wheel's, not this checkout's
    # the steps can fail: a finding in the catalog fails the lint step
    catalog = path / "catalog" / "events.yaml"
    catalog.write_text(catalog.read_text("utf-8").replace("description:", "descripton:", 1),
                       "utf-8")
    assert run(steps[1], path, venv, wheels).returncode != 0


def test_the_wheels_line_of_the_next_steps_installs_from_the_project(
    wheels: Path, venv: Path, tmp_path: Path
) -> None:
    path = project(tmp_path / "service")
    lines = install_lines()
    printed = CliRunner().invoke(main, ["init", str(tmp_path / "again")]).output
    assert lines.from_wheels in printed
    assert all(line in printed for line in lines.from_git)
    shutil.copytree(wheels, path / "wheels")
    removed = run("pip uninstall -y audit-registry audit-registry-runtime", path, venv, None)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    done = run(lines.from_wheels, path, venv, None)  # as printed, from the project's wheels/
    assert done.returncode == 0, done.stdout + done.stderr
    assert installed(venv)[0] == VERSION
    lint = run("registry lint", path, venv, None)
    assert lint.returncode == 0, lint.stdout + lint.stderr

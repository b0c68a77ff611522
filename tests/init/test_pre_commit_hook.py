"""The published pre-commit hook, run by pre-commit itself (about 20 s).

`pre-commit try-repo <this repository> registry-lint --all-files` inside a temporary git
repository that holds a small catalog: pre-commit builds the hook's environment (it installs
this repository with pip) and runs `registry lint` on the catalog files. A clean catalog
passes; a catalog with a finding fails the hook. Skipped only when `pre-commit` or `git` is not
installed.

Offline: pip may not use an index (`PIP_NO_INDEX`); the dependencies, and setuptools to build
this repository without build isolation, come from the test environment's site-packages on
`PYTHONPATH`. The hook environment still gets its own install of this repository.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import REPO

CLEAN = """domain: billing
description: Invoices approved for payment.
owners: [finance-team]
events:
  invoice.approved:
    description: A finance user approved an invoice for payment.
    category: billing
    actor: [user]
    targets: [invoice]
    outcomes: [success, failure]
    failure_reasons: [amount_above_limit, not_permitted]
"""
FINDING = CLEAN.replace("invoice.approved:", "invoice.approve:")  # N003: not past tense


def _pre_commit() -> list[str] | None:
    if shutil.which("pre-commit"):
        return ["pre-commit"]
    probe = subprocess.run(
        [sys.executable, "-m", "pre_commit", "--version"], capture_output=True, check=False
    )
    return [sys.executable, "-m", "pre_commit"] if probe.returncode == 0 else None


PRE_COMMIT = _pre_commit()
pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None or shutil.which("git") is None, reason="needs pre-commit and git"
)


def _git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _offline_env(home: Path) -> dict[str, str]:
    site_packages = [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip's spelling for --no-build-isolation
        "PYTHONPATH": os.pathsep.join(dict.fromkeys(site_packages)),
    }


def _try_repo(project: Path) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    return subprocess.run(
        [*PRE_COMMIT, "try-repo", str(REPO), "registry-lint", "--all-files"],
        cwd=project,
        env=_offline_env(project.parent / "pre-commit-home"),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_hook_passes_a_clean_catalog_and_fails_one_with_a_finding(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "catalog").mkdir(parents=True)
    (project / "catalog" / "billing.yaml").write_text(CLEAN, encoding="utf-8")
    (project / "README.md").write_text("not a catalog\n", encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "clean catalog")

    clean = _try_repo(project)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "registry lint" in clean.stdout
    assert "Passed" in clean.stdout

    (project / "catalog" / "refunds.yaml").write_text(
        FINDING.replace("domain: billing", "domain: refunds"), encoding="utf-8"
    )
    _git(project, "add", ".")
    failing = _try_repo(project)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "Failed" in failing.stdout
    assert "catalog/refunds.yaml:5:3: N003" in failing.stdout
    assert "catalog/billing.yaml:" not in failing.stdout

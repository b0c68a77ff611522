"""A pull request that adds a catalog (a file or the whole directory) the base revision does
not have: BASE is empty there, every event is listed as added; a path missing from the
working tree is still an error."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from registry.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CATALOG = """domain: billing
description: Invoices approved for payment.
owners: [finance-team]
events:
  invoice.approved:
    description: A finance user approved an invoice for payment.
    category: billing
    actor: [user]
    targets: [invoice]
"""


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text("a project\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "no catalogs yet")
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "billing.yaml").write_text(CATALOG)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("path", ["catalog", "catalog/billing.yaml"])
def test_a_catalog_added_since_the_base_lists_its_events_as_added(repo: Path, path: str) -> None:
    result = run("diff", path, "--against", "HEAD")
    assert result.exit_code == 0, result.output
    assert "B019 event 'invoice.approved' added" in result.output


def test_revision_to_revision(repo: Path) -> None:
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first catalog")
    result = run("diff", "HEAD~1:catalog", "HEAD:catalog")
    assert result.exit_code == 0, result.output
    assert "B019 event 'invoice.approved' added" in result.output


def test_the_docs_changelog_of_a_new_catalog(repo: Path) -> None:
    result = run("generate", "markdown", "catalog", "--out", "docs", "--changelog-against", "HEAD")
    assert result.exit_code == 0, result.output
    assert "event 'invoice.approved' added" in (repo / "docs" / "changelog.md").read_text()


def test_a_path_missing_from_the_working_tree_is_still_an_error(repo: Path) -> None:
    result = run("diff", "catalgo", "--against", "HEAD")
    assert result.exit_code == 2
    assert "Traceback" not in result.output

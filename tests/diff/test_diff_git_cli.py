"""`registry diff` end to end: a real temporary git repository with two commits, every
output format, and the exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from registry.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

HEAD = "domain: accounts\ndescription: User accounts.\nowners: [identity-team]\n"
TYPES = (
    "domain: shared\ndescription: Shared types.\nowners: [identity-team]\ntypes:\n"
    "  plan_name: {type: enum, values: [free, team], description: Plan.}\n"
)
V1 = HEAD + """include: [../shared/types.yaml]
events:
  user.changed_email:
    description: A user changed the e-mail address of their account.
    category: data_change
    actor: [user]
    targets: [account]
    fields:
      plan: {type: plan_name, description: Plan of the account.}
      reason_text: {type: string, max_length: 200, description: Why.}
"""
V2 = V1.replace(
    "      reason_text: {type: string, max_length: 200, description: Why.}\n", ""
)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "catalog").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "registry.yaml").write_text("catalogs: [catalog]\n")
    (tmp_path / "shared" / "types.yaml").write_text(TYPES)
    (tmp_path / "catalog" / "accounts.yaml").write_text(V1)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v1")
    (tmp_path / "catalog" / "accounts.yaml").write_text(V2)
    (tmp_path / "shared" / "types.yaml").write_text(TYPES.replace("free, team", "team"))
    git(tmp_path, "commit", "-q", "-am", "v2")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["diff", *args])


def codes(result: Result) -> set[tuple[str, str | None]]:
    return {(c["code"], c["field"]) for c in json.loads(result.stdout)["changes"]}


EXPECTED = {("B002", "reason_text"), ("B009", "plan"), ("B017", None)}


def test_against_previous_commit_reads_git_objects(repo: Path) -> None:
    result = run("catalog", "--against", "HEAD~1", "--format", "json")
    assert result.exit_code == 1, result.output
    assert codes(result) == EXPECTED  # B009 comes from the included file: includes resolve
    removed = next(c for c in json.loads(result.stdout)["changes"] if c["code"] == "B002")
    assert removed["path"] == "HEAD~1:catalog/accounts.yaml"
    assert removed["line"] == 13
    assert removed["side"] == "base"


def test_two_revisions(repo: Path) -> None:
    assert codes(run("HEAD~1", "HEAD", "--format", "json")) == EXPECTED
    assert codes(run("HEAD~1:catalog", "HEAD:catalog", "--format", "json")) == EXPECTED


def test_revision_against_working_tree_and_no_change(repo: Path) -> None:
    result = run("HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    assert codes(result) == set()
    assert run("--against", "HEAD").exit_code == 0


def test_working_tree_is_not_touched(repo: Path) -> None:
    before = git(repo, "status", "--porcelain")
    run("catalog", "--against", "HEAD~1")
    assert git(repo, "status", "--porcelain") == before
    assert (repo / "catalog" / "accounts.yaml").read_text() == V2


def test_paths_side_by_side(repo: Path, tmp_path: Path) -> None:
    old = repo / "old"
    old.mkdir()
    (old / "accounts.yaml").write_text(V1.replace("include: [../shared/types.yaml]\n", "")
                                       .replace("type: plan_name", "type: string"))
    new = repo / "new.yaml"
    new.write_text((old / "accounts.yaml").read_text())
    result = run(str(old), str(new))
    assert result.exit_code == 0, result.output
    assert "No changes" in result.stdout


def test_bad_revision_is_exit_2(repo: Path) -> None:
    result = run("catalog", "--against", "no-such-branch")
    assert result.exit_code == 2
    assert "not a git revision" in result.output


def test_unreadable_side_is_exit_2(repo: Path) -> None:
    result = run("nowhere", "HEAD")
    assert result.exit_code == 2
    assert "neither a catalog path nor a git revision" in result.output


def test_path_added_since_the_revision_is_compared_against_nothing(repo: Path) -> None:
    (repo / "later").mkdir()
    (repo / "later" / "x.yaml").write_text(V1)
    result = run("later", "--against", "HEAD")
    assert result.exit_code == 0, result.output
    assert "B019 event 'user.changed_email' added" in result.output


def test_path_missing_at_the_head_revision_is_exit_2(repo: Path) -> None:
    result = run("HEAD~1:later", "HEAD:later")
    assert result.exit_code == 2
    assert "later: not found at HEAD" in result.output


def test_catalog_with_errors_is_exit_2(repo: Path) -> None:
    (repo / "catalog" / "accounts.yaml").write_text(V2 + "  bad: [\n")
    result = run("catalog", "--against", "HEAD")
    assert result.exit_code == 2
    assert "Y001" in result.output


def test_base_path_needs_head(repo: Path) -> None:
    assert run("catalog").exit_code == 2


@pytest.mark.parametrize("fmt", ["text", "json", "github", "markdown"])
def test_every_format(repo: Path, fmt: str) -> None:
    result = run("catalog", "--against", "HEAD~1", "--format", fmt)
    assert result.exit_code == 1, result.output
    out = result.stdout
    if fmt == "text":
        assert "Breaking changes:" in out
        assert "HEAD~1:catalog/accounts.yaml:13:" in out
        assert "B002 field 'reason_text' removed" in out
    elif fmt == "json":
        assert json.loads(out)["summary"]["breaking"] == 3
    elif fmt == "github":
        assert "::error file=HEAD~1%3Acatalog/accounts.yaml,line=13,col=7,title=B002::" in out
    else:
        assert "### Breaking changes (3)" in out
        assert "| B002 | `user.changed_email` | `reason_text` |" in out


def test_markdown_lists_privacy_and_non_breaking(repo: Path) -> None:
    (repo / "catalog" / "accounts.yaml").write_text(V2.replace(
        "      plan:", "      token: {type: string, max_length: 64, sensitivity: credential, "
        "redact: drop, redact_reason: Secret., description: Token.}\n      plan:"))
    result = run("catalog", "--against", "HEAD", "--format", "markdown")
    assert result.exit_code == 1
    assert "### Privacy-breaking changes (1)" in result.stdout
    assert "### Non-breaking changes (1)" in result.stdout


def test_compatibility_override_and_config(repo: Path) -> None:
    assert run("catalog", "--against", "HEAD~1", "--compatibility", "none").exit_code == 0
    (repo / "registry.yaml").write_text("catalogs: [catalog]\ncompatibility: none\n")
    assert run("catalog", "--against", "HEAD~1").exit_code == 0


def test_github_format_is_the_default_on_actions(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("catalog", "--against", "HEAD~1").stdout.startswith("::error ")


def test_cli_start_up_stays_lazy() -> None:
    code = (
        "import sys, registry.cli; "
        "heavy = [m for m in ('registry.diff.compare', 'registry.lint.engine', 'registry.catalog.gitread', 'yaml') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

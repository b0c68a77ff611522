"""`--changelog-against REV`: the generated docs gain a changelog of what changed since a git
revision (generate markdown, generate html, build), escaped like every other catalog text."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from registry.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

V1 = """domain: accounts
description: User accounts.
owners: [identity-team]
events:
  user.changed_email:
    description: A user changed the e-mail address of their account.
    category: data_change
    actor: [user]
    targets: [account]
    fields:
      old_plan: {type: enum, values: [free, team, "<b>x|y</b>"], description: Before the change.}
      new_plan: {type: enum, values: [free, team], description: After the change.}
      reason_text: {type: string, max_length: 200, description: Why.}
  user.changed_username:
    description: A user changed the name they sign in with.
    category: data_change
    actor: [user]
    targets: [account]
"""
# HEAD: a field removed (breaking, version bumped), an enum value removed, an event removed.
V2 = (
    V1.replace("      reason_text: {type: string, max_length: 200, description: Why.}\n", "")
    .replace(', "<b>x|y</b>"', "")
    .replace("    targets: [account]\n    fields:", "    targets: [account]\n    version: 2\n    fields:")
    .split("  user.changed_username:")[0]
)


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
    (tmp_path / "catalog").mkdir()
    (tmp_path / "registry.yaml").write_text("catalogs: [catalog]\n")
    (tmp_path / "catalog" / "accounts.yaml").write_text(V1)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v1")
    (tmp_path / "catalog" / "accounts.yaml").write_text(V2)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_markdown_changelog_page(repo: Path) -> None:
    result = run("generate", "markdown", "catalog", "--out", "docs", "--changelog-against", "HEAD")
    assert result.exit_code == 0, result.output
    page = (repo / "docs" / "changelog.md").read_text()
    assert "Changes to the audit events since HEAD (compatibility: backward)" in page
    assert "## Breaking changes (3)" in page
    assert "| [user.changed\\_email](accounts.md#user-changed_email) | reason\\_text |" in page
    assert "[B002](rules.md#b002)" in page
    assert "field 'reason\\_text' removed" in page
    # The removed event is listed without a link (HEAD has no section for it).
    assert "| user.changed\\_username |" in page
    assert "removed without being deprecated first" in page
    # Catalog text is escaped: no HTML, no extra table cells.
    assert "<b>" not in page
    assert "&lt;b&gt;x&#124;y&lt;/b&gt;" in page
    index = (repo / "docs" / "index.md").read_text()
    assert "[changelog](changelog.md) (3 changes)" in index


def test_without_the_option_there_is_no_changelog(repo: Path) -> None:
    assert run("generate", "markdown", "catalog", "--out", "docs").exit_code == 0
    assert not (repo / "docs" / "changelog.md").exists()
    assert "changelog" not in (repo / "docs" / "index.md").read_text()
    assert run("generate", "html", "catalog", "--out", "html").exit_code == 0
    assert 'id="changelog"' not in (repo / "html" / "index.html").read_text()


def test_html_changelog_section(repo: Path) -> None:
    result = run("generate", "html", "catalog", "--out", "html", "--changelog-against", "HEAD")
    assert result.exit_code == 0, result.output
    page = (repo / "html" / "index.html").read_text()
    section = page[page.index('<section class="changelog"') :]
    section = section[: section.index("</section>")]
    assert "Breaking changes (3)" in section
    assert "&lt;b&gt;x|y&lt;/b&gt;" in section
    assert "<b>" not in section
    assert '<a href="#changelog">What changed since HEAD</a>' in page


def test_build_passes_the_changelog_to_both_docs_targets(repo: Path) -> None:
    result = run("build", "catalog", "--out", "out", "--changelog-against", "HEAD")
    assert result.exit_code == 0, result.output
    assert (repo / "out" / "docs" / "markdown" / "changelog.md").exists()
    assert 'id="changelog"' in (repo / "out" / "docs" / "html" / "index.html").read_text()


def test_unchanged_catalog_gives_an_empty_changelog(repo: Path) -> None:
    git(repo, "commit", "-q", "-am", "v2")
    result = run("generate", "markdown", "catalog", "--out", "docs", "--changelog-against", "HEAD")
    assert result.exit_code == 0, result.output
    assert "No changes." in (repo / "docs" / "changelog.md").read_text()


def test_unknown_revision_is_a_usage_error(repo: Path) -> None:
    result = CliRunner().invoke(
        main, ["generate", "markdown", "catalog", "--out", "docs", "--changelog-against", "nope"]
    )
    assert result.exit_code == 2
    assert "--changelog-against nope: not a git revision" in result.output
    assert not (repo / "docs").exists()


def test_broken_base_is_reported_with_its_location(repo: Path) -> None:
    (repo / "catalog" / "accounts.yaml").write_text("events: [\n")
    git(repo, "commit", "-q", "-am", "broken")
    (repo / "catalog" / "accounts.yaml").write_text(V2)
    result = CliRunner().invoke(
        main, ["generate", "html", "catalog", "--out", "h", "--changelog-against", "HEAD"]
    )
    assert result.exit_code == 2
    assert "the catalogs at HEAD have 1 error(s), first HEAD:catalog/accounts.yaml:" in (
        result.output
    )


def test_a_domain_named_changelog_does_not_overwrite_the_changelog(repo: Path) -> None:
    text = V2.replace("domain: accounts", "domain: changelog")
    (repo / "catalog" / "accounts.yaml").write_text(text)
    result = run("generate", "markdown", "catalog", "--out", "docs", "--changelog-against", "HEAD")
    assert result.exit_code == 0, result.output
    assert (repo / "docs" / "changelog.md").read_text().startswith("<!--")
    assert "# Changelog" in (repo / "docs" / "changelog.md").read_text()
    assert "user.changed\\_email" in (repo / "docs" / "changelog-2.md").read_text()

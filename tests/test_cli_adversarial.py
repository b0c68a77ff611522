"""Bad input given to the newest commands through the real CLI: no traceback, exit 2 for
unusable input, a message naming what is wrong, and nothing half-done."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from registry.cli import main


def test_init_with_a_file_where_a_directory_goes_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "catalog").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path), "--force"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "catalog: exists and is not a directory" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog"]


def test_init_below_a_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "plain" / "sub")])
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'plain'}: exists and is not a directory" in result.output


def test_init_over_a_dangling_symlink_is_refused_before_writing(tmp_path: Path) -> None:
    (tmp_path / "registry.yaml").symlink_to(tmp_path / "missing" / "target")
    for args in ([], ["--force"]):
        result = CliRunner().invoke(main, ["init", str(tmp_path), *args])
        assert result.exit_code == 2, result.output
        assert "registry.yaml: is a symbolic link; registry init never writes through one" in (
            result.output
        )
        assert sorted(p.name for p in tmp_path.iterdir()) == ["registry.yaml"]


CATALOG = str(Path(__file__).resolve().parent.parent / "catalog" / "platform.yaml")


def _coverage(tmp_path: Path, profile: str) -> tuple[int, str]:
    path = tmp_path / "profile.yaml"
    path.write_text(profile, encoding="utf-8")
    result = CliRunner().invoke(main, ["coverage", CATALOG, "--profile", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_coverage_profile_nested_deeply_is_refused_not_an_internal_error(
    tmp_path: Path,
) -> None:
    code, output = _coverage(tmp_path, "[" * 3000 + "]" * 3000 + "\n")
    assert code == 2, output
    assert "internal error" not in output
    assert "nesting deeper than" in output


def test_coverage_profile_with_an_unknown_envelope_member_is_not_covered_silently(
    tmp_path: Path,
) -> None:
    code, output = _coverage(
        tmp_path,
        "profile: team\ntitle: T\nrequirements:\n  - {id: a, title: A, envelope: contxt}\n",
    )
    assert code == 2, output
    assert "profile.yaml:4: requirement 'a': envelope 'contxt' is not a member" in output
    code, output = _coverage(
        tmp_path, "profile: team\ntitle: T\nrequirements:\n  - {id: a, title: A, envelope: ip}\n"
    )
    assert code == 0, output


def test_coverage_profile_with_a_duplicate_key_does_not_drop_requirements(
    tmp_path: Path,
) -> None:
    code, output = _coverage(
        tmp_path,
        "profile: team\ntitle: T\nrequirements: [{id: a, title: A}]\n"
        "requirements: [{id: b, title: B, required: false}]\n",
    )
    assert code == 2, output
    assert "profile.yaml:4: key 'requirements' is given twice" in output


def _git(cwd: Path, *args: str) -> None:
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_diff_against_a_revision_with_a_file_name_that_is_not_utf8(
    tmp_path: Path, monkeypatch: Any
) -> None:
    catalog = tmp_path / "cat"
    catalog.mkdir()
    name = os.fsdecode(b"n\xe9.yaml")
    (catalog / name).write_bytes(Path(CATALOG).read_bytes())
    (catalog / os.fsdecode(b"notes\xff.txt")).write_bytes(b"x")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "init")
    monkeypatch.chdir(tmp_path)
    for args in (["cat"], [f"cat/{name}"]):
        result = CliRunner().invoke(main, ["diff", *args, "--against", "HEAD"])
        assert result.exit_code == 0, result.output
        assert "No changes" in result.output
    result = CliRunner().invoke(
        main, ["generate", "markdown", "cat", "--out", "docs", "--changelog-against", "HEAD"]
    )
    assert result.exit_code == 0, result.output


def test_diff_against_a_revision_with_a_line_break_in_a_file_name_loses_no_file(
    tmp_path: Path, monkeypatch: Any
) -> None:
    catalog = tmp_path / "cat"
    catalog.mkdir()
    (catalog / "a\nb.yaml").write_bytes(Path(CATALOG).read_bytes())
    security = Path(CATALOG).with_name("security.yaml")
    (catalog / "z.yaml").write_bytes(security.read_bytes())
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "init")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", "cat", "--against", "HEAD"])
    assert result.exit_code == 2, result.output
    assert "a file name with a line break" in result.output
    assert "no such file" not in result.output


def test_changelog_against_outside_a_git_repository_says_so(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = CliRunner().invoke(
        main, ["generate", "markdown", CATALOG, "--out", "docs", "--changelog-against", "HEAD"]
    )
    assert result.exit_code == 2, result.output
    assert "--changelog-against HEAD:" in result.output
    assert "not a git repository" in result.output
    assert "not a git revision" not in result.output


def test_init_next_step_is_a_command_that_works(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", ""])
    assert result.exit_code == 0, result.output
    assert "cd " not in result.output
    result = CliRunner().invoke(main, ["init", "my dir"])
    assert result.exit_code == 0, result.output
    assert "  cd 'my dir' && registry lint" in result.output


def test_diff_against_a_revision_follows_a_catalog_that_is_a_symbolic_link(
    tmp_path: Path, monkeypatch: Any
) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "cat").mkdir()
    (tmp_path / "shared" / "platform.yaml").write_bytes(Path(CATALOG).read_bytes())
    (tmp_path / "cat" / "platform.yaml").symlink_to(Path("..", "shared", "platform.yaml"))
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "init")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", "cat", "--against", "HEAD"])
    assert result.exit_code == 0, result.output
    assert "No changes" in result.output
    (tmp_path / "cat" / "out.yaml").symlink_to("/nonexistent/catalog.yaml")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "outside")
    result = CliRunner().invoke(main, ["diff", "cat", "--against", "HEAD"])
    assert result.exit_code == 2, result.output
    assert "cat/out.yaml: a symbolic link out of the repository" in result.output


def test_diff_against_a_revision_refuses_an_absolute_include_into_the_repository(
    tmp_path: Path, monkeypatch: Any
) -> None:
    text = Path(CATALOG).read_text("utf-8")
    types, events = text.index("types:"), text.index("events:")
    (tmp_path / "cat").mkdir()
    shared = tmp_path / "types.yaml"
    shared.write_text(
        "domain: platform\ndescription: Types.\nowners: [platform-team]\n\n" + text[types:events],
        encoding="utf-8",
    )
    (tmp_path / "cat" / "a.yaml").write_text(
        f"{text[:types]}include: [{shared}]\n{text[events:]}", encoding="utf-8"
    )
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "init")
    shared.write_text(shared.read_text("utf-8").replace("{8,}", "{12,}"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", "cat", "--against", "HEAD"])
    assert result.exit_code == 2, result.output
    assert "cat/a.yaml: include" in result.output
    assert "is an absolute path into the repository" in result.output

"""`registry init`: the scaffold is written, lints clean under the strict preset, passes
the baseline coverage profile, and never overwrites without --force."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from registry.cli import main
from registry.scaffold import FILES

EXPECTED = {
    "registry.yaml",
    "catalog/events.yaml",
    ".pre-commit-config.yaml",
    ".github/workflows/audit-events.yml",
}


@contextmanager
def cwd(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_init_writes_the_project_files(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "proj"))
    assert result.exit_code == 0, result.output
    assert files(tmp_path / "proj") == EXPECTED
    assert {target for _, target in FILES} == EXPECTED
    for name in EXPECTED:
        assert f"wrote {tmp_path / 'proj' / name}" in result.output
    for name in EXPECTED:  # every file is valid YAML
        assert yaml.safe_load((tmp_path / "proj" / name).read_text("utf-8"))
    catalog = yaml.safe_load((tmp_path / "proj" / "catalog/events.yaml").read_text("utf-8"))
    assert catalog["include"] == ["builtin:security"]
    assert len(catalog["events"]) == 1
    hook = yaml.safe_load((tmp_path / "proj" / ".pre-commit-config.yaml").read_text("utf-8"))
    assert hook["repos"][0]["hooks"][0]["id"] == "registry-lint"
    workflow = (tmp_path / "proj" / ".github/workflows/audit-events.yml").read_text("utf-8")
    assert "registry lint" in workflow
    assert "registry coverage --profile baseline" in workflow


def test_the_scaffold_lints_clean_under_strict_and_passes_the_baseline(tmp_path: Path) -> None:
    assert invoke("init", str(tmp_path)).exit_code == 0
    with cwd(tmp_path):
        lint = invoke("lint")  # the scaffold's registry.yaml extends the strict preset
        assert lint.exit_code == 0, lint.output
        assert "All checks passed (1 file, 1 event)" in lint.output
        strict = invoke("lint", "--strict", "catalog/")
        assert strict.exit_code == 0, strict.output
        coverage = invoke("coverage")
        assert coverage.exit_code == 0, coverage.output
        assert "baseline: Security event baseline (16/16 covered" in coverage.output
        for profile in ("owasp", "pci-dss-4", "iso27002-2013", "nist-800-53-au2"):
            assert invoke("coverage", "--profile", profile).exit_code == 0, profile


def test_the_scaffold_builds(tmp_path: Path) -> None:
    assert invoke("init", str(tmp_path)).exit_code == 0
    with cwd(tmp_path):
        built = invoke("build", "--out", "build")
        assert built.exit_code == 0, built.output
    assert (tmp_path / "build" / "audit_events" / "app.py").is_file()
    assert (tmp_path / "build" / "docs" / "markdown" / "coverage.md").is_file()


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    (tmp_path / "registry.yaml").write_text("catalogs: [mine/]\n", "utf-8")
    result = invoke("init", str(tmp_path))
    assert result.exit_code == 2
    assert f"not overwriting {tmp_path / 'registry.yaml'} (use --force to replace)" in (
        result.output
    )
    assert (tmp_path / "registry.yaml").read_text("utf-8") == "catalogs: [mine/]\n"
    assert files(tmp_path) == {"registry.yaml"}  # nothing written at all
    forced = invoke("init", str(tmp_path), "--force")
    assert forced.exit_code == 0, forced.output
    assert f"replaced {tmp_path / 'registry.yaml'}" in forced.output
    assert "extends: strict" in (tmp_path / "registry.yaml").read_text("utf-8")


def test_init_in_the_current_directory_and_a_directory_in_the_way(tmp_path: Path) -> None:
    with cwd(tmp_path):
        result = invoke("init")
        assert result.exit_code == 0, result.output
        assert "registry lint && registry coverage" in result.output
    other = tmp_path / "other"
    (other / "catalog" / "events.yaml").mkdir(parents=True)
    blocked = invoke("init", str(other), "--force")
    assert blocked.exit_code == 2
    assert "exists and is not a file" in blocked.output
    target = tmp_path / "a-file"
    target.write_text("x", "utf-8")
    assert invoke("init", str(target)).exit_code == 2


def test_build_of_the_scaffold_says_where_its_events_come_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert CliRunner().invoke(main, ["init", str(tmp_path / "p")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "p")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "Built 37 events (36 from built-in catalogs) into build/audit_events" in result.output


LINKS = [
    # (link inside DIR, what it points to: a directory or a file outside DIR)
    ("catalog", "dir"),
    (".github", "dir"),
    (".github/workflows", "dir"),
    ("registry.yaml", "file"),
    ("catalog/events.yaml", "file"),
    (".github/workflows/audit-events.yml", "file"),
    (".pre-commit-config.yaml", "missing"),
]


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize(("link", "kind"), LINKS, ids=[link for link, _ in LINKS])
def test_init_never_writes_through_a_symbolic_link(
    tmp_path: Path, link: str, kind: str, force: bool
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("untouched\n", "utf-8")
    project = tmp_path / "project"
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    pointed = {"dir": outside, "file": outside / "keep.txt", "missing": outside / "new.yaml"}
    (project / link).symlink_to(pointed[kind])
    before = files(tmp_path)
    result = invoke("init", str(project), *(["--force"] if force else []))
    assert result.exit_code == 2, result.output
    assert f"{project / link}: is a symbolic link" in result.output
    assert "never writes through one" in result.output
    assert "Traceback" not in result.output
    assert files(tmp_path) == before  # nothing written, inside or outside
    assert (outside / "keep.txt").read_text("utf-8") == "untouched\n"


def test_init_refuses_a_directory_that_is_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "alias").symlink_to(real)
    result = invoke("init", str(tmp_path / "alias"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'alias'}: is a symbolic link" in result.output
    assert "name the directory it points to instead" in result.output
    assert files(real) == set()
    assert invoke("init", str(real)).exit_code == 0  # the escape hatch: the real path


def test_force_replaces_the_entry_not_a_hard_linked_file(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("mine\n", "utf-8")
    project = tmp_path / "project"
    project.mkdir()
    os.link(outside, project / "registry.yaml")
    assert invoke("init", str(project), "--force").exit_code == 0
    assert outside.read_text("utf-8") == "mine\n"
    assert "extends: strict" in (project / "registry.yaml").read_text("utf-8")
    assert files(project) == EXPECTED  # no temporary file left behind


def _version() -> str:
    import registry_runtime

    return registry_runtime.__version__


PINS = [
    # (file written, text that must be in it: pinned to the version that wrote it)
    (".github/workflows/audit-events.yml", f"- run: pip install audit-registry=={_version()}\n"),
    (".github/workflows/audit-events.yml", f"audit-registry@v{_version()}#subdirectory=runtime"),
    (".github/workflows/audit-events.yml", f"--find-links wheels/ audit-registry=={_version()}"),
    (".pre-commit-config.yaml", f"#     rev: v{_version()}\n"),
    (".pre-commit-config.yaml", f"(pip install audit-registry=={_version()})"),
]


@pytest.mark.parametrize(("name", "text"), PINS)
def test_the_scaffold_pins_the_version_that_wrote_it(tmp_path: Path, name: str, text: str) -> None:
    assert invoke("init", str(tmp_path)).exit_code == 0
    written = (tmp_path / name).read_text("utf-8")
    assert text in written
    assert "@" + "VERSION@" not in written
    assert "@GIT@" not in written


NEXT_STEPS = [
    "Next steps:\n  1. Add your events to catalog/events.yaml",
    ("  2. Before the first push: .github/workflows/audit-events.yml runs\n"
    f"       pip install audit-registry=={_version()}\n"),
    (f'pip install "audit-registry-runtime @ git+https://<git-host>/<owner>/audit-registry'
    f'@v{_version()}#subdirectory=runtime"\n'),
    f'pip install "audit-registry @ git+https://<git-host>/<owner>/audit-registry@v{_version()}"',
    f"pip install --find-links wheels/ audit-registry=={_version()}\n",
    "  3. Run `pre-commit install`",
]


@pytest.mark.parametrize("text", NEXT_STEPS)
def test_the_next_steps_say_what_to_change_before_the_first_push(
    tmp_path: Path, text: str
) -> None:
    result = invoke("init", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert text in result.output
    assert max(len(line) for line in result.output.splitlines()) < 200

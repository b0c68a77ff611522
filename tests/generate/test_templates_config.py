"""`templates:` in the configuration (issue 18): `registry generate templates` and `registry
build` render every configured pack into its own `out`, both relative to the configuration file;
`--templates DIR` on the command line renders that pack instead; bad entries and bad packs are
located errors (exit 2) and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from registry.cli import main

from conftest import REPO

PACKS = REPO / "examples" / "packs"
CONFIG = """\
catalogs: [catalog/]
templates:
  - pack: packs/go-constants
    out: gen/go
  - pack: packs/csv-inventory
    out: gen/inventory
"""
GO = Path("gen/go/auditevents/constants.go")
CSV = Path("gen/inventory/sensitive-fields.csv")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the example packs and a catalog; the commands run in a subdirectory, so
    every path of the configuration is relative to the file, not to the working directory."""
    (tmp_path / "catalog").mkdir()
    shutil.copy(REPO / "catalog" / "platform.yaml", tmp_path / "catalog")
    shutil.copytree(PACKS, tmp_path / "packs")
    (tmp_path / "registry.yaml").write_text(CONFIG, "utf-8")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_each_configured_pack_renders_into_its_own_out(project: Path) -> None:
    result = run("generate", "templates")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"wrote ../{GO}", f"wrote ../{CSV}"]
    # The same files as the pack named on the command line renders.
    for pack, made in (("go-constants", GO), ("csv-inventory", CSV)):
        alone = run("generate", "--templates", f"../packs/{pack}", "../catalog", "--out", pack)
        assert alone.exit_code == 0, alone.output
        inside = made.relative_to(*made.parts[:2])
        assert (project / made).read_bytes() == (Path(pack) / inside).read_bytes()
    again = run("generate", "templates")
    assert again.exit_code == 0
    assert (
        again.stdout == "Generated template packs in ../gen/go, ../gen/inventory are up to date.\n"
    )


def test_check_lists_the_stale_files_of_every_pack(project: Path) -> None:
    missing = run("generate", "templates", "--check")
    assert missing.exit_code == 1
    assert missing.stdout.splitlines() == [
        f"../{GO}: stale",
        f"../{CSV}: stale",
        "2 generated file(s) are out of date; run `registry generate templates` again.",
    ]
    assert not (project / "gen").exists()
    assert run("generate", "templates").exit_code == 0
    clean = run("generate", "templates", "--check")
    assert clean.exit_code == 0, clean.output
    (project / CSV).write_text("edited\n", "utf-8")
    stale = run("generate", "templates", "--check")
    assert stale.exit_code == 1
    assert stale.stdout.splitlines()[0] == f"../{CSV}: stale"


def test_the_command_line_pack_wins_over_the_configured_ones(project: Path) -> None:
    result = run("generate", "--templates", "../packs/go-constants", "--out", "mine")
    assert result.exit_code == 0, result.output
    assert (Path("mine") / "auditevents" / "constants.go").is_file()
    assert not (project / "gen").exists()


def test_build_renders_the_configured_packs_too(project: Path) -> None:
    result = run("build", "--out", "../build")
    assert result.exit_code == 0, result.output
    assert (project / "build" / "audit_events").is_dir()
    assert (project / GO).is_file()
    assert (project / CSV).is_file()
    assert result.stdout.splitlines()[-1] == "Template packs into ../gen/go, ../gen/inventory."
    checked = run("build", "--out", "../build", "--check")
    assert checked.exit_code == 0, checked.output
    (project / GO).unlink()
    stale = run("build", "--out", "../build", "--check")
    assert stale.exit_code == 1
    assert f"../{GO}: stale" in stale.stdout.splitlines()


@pytest.mark.parametrize(
    ("inventory", "out", "pack", "place"),
    [
        ("gen/inventory", "../gen/go", "go-constants", "../gen/go/audit_events: python"),
        ("gen/inventory", "../gen/go/x", "go-constants", "../gen/go/x/audit_events: python"),
        ("build/schemas/inv", "../build", "csv-inventory", "../build/schemas: jsonschema"),
        ("build/docs", "../build", "csv-inventory", "../build/docs/markdown: markdown"),
    ],
)
def test_build_refuses_a_pack_whose_out_overlaps_a_target(
    project: Path, inventory: str, out: str, pack: str, place: str
) -> None:
    (project / "registry.yaml").write_text(CONFIG.replace("gen/inventory", inventory), "utf-8")
    result = run("build", "--out", out)
    assert result.exit_code == 2
    directory, target = place.split(": ")
    pack_out = "../gen/go" if pack == "go-constants" else f"../{inventory}"
    assert result.stderr.splitlines()[-1] == (
        f"registry: templates: the pack ../packs/{pack} renders into {pack_out}, which "
        f"overlaps {directory}, where `registry build` writes the {target} target; give the "
        "pack a directory of its own (`out` in the configuration)"
    )
    assert not (project / GO).exists()
    assert not (project / "build" / "audit_events").exists()


def test_problems_of_every_configured_pack_are_listed_and_nothing_is_written(
    project: Path,
) -> None:
    (project / "packs" / "go-constants" / "pack.yaml").write_text(
        "name: go\nmodel: 9\ntemplates: [{template: constants.go.j2, path: x.go}]\n", "utf-8"
    )
    shutil.rmtree(project / "packs" / "csv-inventory")
    for command in (("generate", "templates"), ("build", "--out", "../build")):
        result = run(*command)
        assert result.exit_code == 2, command
        assert result.stderr.splitlines() == [
            (
                "../packs/go-constants/pack.yaml:2:8: the pack is written for view model 9; "
                "this registry provides 1 (docs/templates.md, 'View model')"
            ),
            (
                "../packs/csv-inventory: no such directory (named by `templates:` in "
                f"{project}/registry.yaml; a template pack is a directory with a pack.yaml)"
            ),
            "registry: the template pack has errors (see docs/templates.md)",
        ], command
        assert "Traceback" not in result.output
    assert not (project / "gen").exists()
    assert not (project / "build").exists()


def test_a_bad_entry_is_a_located_configuration_error(project: Path) -> None:
    (project / "registry.yaml").write_text(
        "templates:\n  - {pack: packs/go-constants, out: gen}\n"
        "  - {pack: packs/csv-inventory, out: gen/inv}\n",
        "utf-8",
    )
    result = run("generate", "templates", "../catalog")
    assert result.exit_code == 2
    assert (
        f"{project}/registry.yaml:3:38: C001 [error] templates: out 'gen/inv' and 'gen' of an earlier "
        "pack are one inside the other"
    ) in result.stderr
    assert not (project / "gen").exists()


@pytest.mark.parametrize(
    ("args", "config", "message"),
    [
        (
            ("--out", "x"),
            CONFIG,
            "--out goes with --templates DIR (the configured packs render into their own `out`)",
        ),
        (("--templates", "../packs/go-constants"), CONFIG, "--templates DIR needs --out OUT"),
        (
            (),
            "catalogs: [catalog/]\n",
            (
                "no template pack: give --templates DIR --out OUT, or "
                "list packs under `templates:` in the configuration (docs/templates.md)"
            ),
        ),
    ],
)
def test_usage_errors(project: Path, args: tuple[str, ...], config: str, message: str) -> None:
    (project / "registry.yaml").write_text(config, "utf-8")
    result = run("generate", "templates", *args)
    assert result.exit_code == 2
    assert f"Error: {message}" in result.stderr
    assert not (project / "gen").exists()


def test_a_catalog_with_errors_renders_no_pack(project: Path) -> None:
    (project / "catalog" / "bad.yaml").write_text("domain: x\nevents: [\n", "utf-8")
    result = run("generate", "templates")
    assert result.exit_code == 1
    assert "registry: not generating the template packs: fix the errors above first" in (
        result.stderr
    )
    assert not (project / "gen").exists()

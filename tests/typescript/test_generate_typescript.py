"""`registry generate typescript`: golden files for the built-in catalog, the package name,
and hostile catalog text that stays inside literals and comments (tsc compiles it, and the
hostile enum value reaches the record intact)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from ts_helpers import REPO, compile_package, tools

from registry.cli import main
from registry.generate.run import generate
from registry.generate.typescript_model import ts_comment, ts_string

from conftest import make_config

GOLDEN = REPO / "tests" / "generate" / "golden" / "typescript"
HOSTILE = 'ends */ a comment; "q" \\ back\u2028line\u2029sep </script> ${x} `t` \U0001f600'
PATTERN = json.dumps("^[a-z]+/\\d{2}$")
HOSTILE_VALUE = 'a"b\\c*/\u2028d </script>'


RUNTIME = REPO / "generators" / "typescript" / "runtime"
COPIED = "audit-events/src/runtime/"
"""Where each package carries the TypeScript runtime: a copy of `RUNTIME`, checked against it
byte for byte rather than kept a second time among the golden files."""


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text("utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _generated_code(tree: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in tree.items() if not path.startswith(COPIED)}


def test_output_matches_golden_files(tmp_path: Path, update_goldens: bool) -> None:
    result = generate("typescript", (str(REPO / "catalog"),), make_config(REPO), tmp_path)
    assert result.blocking == ()
    if update_goldens:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path, GOLDEN, ignore=shutil.ignore_patterns("runtime"))
    generated = _tree(tmp_path)
    assert _generated_code(generated) == _tree(GOLDEN)
    copied = {
        path.removeprefix(COPIED): text
        for path, text in generated.items()
        if path.startswith(COPIED)
    }
    assert copied == _tree(RUNTIME)
    package = json.loads((tmp_path / "audit-events" / "package.json").read_text())
    assert package["type"] == "module"
    assert package["engines"] == {"node": ">=18"}
    assert "dependencies" not in package


@pytest.mark.parametrize(
    ("package", "directory", "exit_code"),
    [
        ("audit-events", "audit-events", 0),
        ("@acme/audit", "audit", 0),
        ("Not Valid", None, 2),
        ("../escape", None, 2),
    ],
)
def test_package_names(tmp_path: Path, package: str, directory: str | None, exit_code: int) -> None:
    args = ["generate", "typescript", str(REPO / "catalog"), "--out", str(tmp_path)]
    result = CliRunner().invoke(main, [*args, "--package", package])
    assert result.exit_code == exit_code, result.output
    if directory is None:
        assert "not a valid npm package name" in result.output
        assert list(tmp_path.iterdir()) == []
    else:
        written = json.loads((tmp_path / directory / "package.json").read_text())
        assert written["name"] == package


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ('a"b', '"a\\"b"'),
        ("back\\slash", '"back\\\\slash"'),
        ("\u2028\u2029", '"\\u2028\\u2029"'),
        ("\ud800", '"\\ud800"'),
        ("</script>", '"</script>"'),
    ],
)
def test_ts_string(text: str, literal: str) -> None:
    assert ts_string(text) == literal


@pytest.mark.parametrize(
    ("text", "comment"),
    [("ends */ here", "ends *\\/ here"), ("two\nlines\u2028more", "two lines more")],
)
def test_ts_comment(text: str, comment: str) -> None:
    assert ts_comment(text) == comment


def _hostile_catalog(directory: Path) -> Path:
    text = f"""\
domain: hostile
description: {json.dumps(HOSTILE)}
owners: [team]

events:
  thing.happened:
    description: {json.dumps(HOSTILE)}
    category: data_change
    actor: [user]
    targets: [thing]
    outcomes: [success]
    fields:
      mode:
        type: enum
        values: [{json.dumps(HOSTILE_VALUE)}, plain]
        required: true
        description: {json.dumps(HOSTILE)}
      code:
        type: string
        pattern: {PATTERN}
        description: {json.dumps(HOSTILE)}
"""
    directory.mkdir()
    (directory / "hostile.yaml").write_text(text, "utf-8")
    return directory


def test_hostile_text_compiles_and_reaches_the_record_intact(tmp_path: Path) -> None:
    node, tsc = tools()
    catalog = _hostile_catalog(tmp_path / "catalog")
    result = generate("typescript", (str(catalog),), make_config(tmp_path), tmp_path / "out")
    assert result.blocking == (), result.blocking
    package = tmp_path / "out" / "audit-events"
    for path, text in _tree(package / "src").items():
        if not path.startswith("runtime/"):
            assert "\u2028" not in text, path
            assert "\u2029" not in text, path
            assert "ends */" not in text, path
    assert compile_package(node, tsc, package) == ""
    script = (
        f"const m = await import({json.dumps((package / 'dist' / 'index.js').as_uri())});"
        "const sink = new m.MemorySink();"
        "const log = new m.AuditLog({ sink, hmacKey: 'k' });"
        "log.thingHappened({ actor: { type: 'user', id: 'u' }, targets: [], outcome: 'success',"
        f" fields: {{ mode: {json.dumps(HOSTILE_VALUE)}, code: 'ab/12' }} }});"
        "process.stdout.write(sink.bodies[0]);"
    )
    run = subprocess.run(
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        check=True,
        timeout=60,
    )
    fields = json.loads(run.stdout)["fields"]
    assert fields == {"mode": HOSTILE_VALUE, "code": "ab/12"}

"""Every command prints findings through registry.escape.terminal: a hostile path, message or event
name never becomes a second line (a forged finding, or a `::command` a CI runner obeys)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry.cli import main
from registry.escape.terminal import annotation_data, annotation_property, finding_lines, printable
from registry.findings import Finding, Severity

FORGED = "x\n::error file=ci.yaml::forged\u202e"


def test_printable_escapes_line_breaks_and_format_characters() -> None:
    assert printable("plain text: é, 日本") == "plain text: é, 日本"
    assert printable(FORGED) == "x\\n::error file=ci.yaml::forged\\u202e"


def test_a_finding_is_one_line_plus_its_hint() -> None:
    finding = Finding(FORGED, 3, 7, "Y001", Severity.ERROR, FORGED, hint=FORGED)
    lines = finding_lines(finding)
    assert len(lines) == 2
    assert all("\n" not in line for line in lines)
    assert lines[0].startswith("x\\n::error file=ci.yaml::forged\\u202e:3:7: Y001 [error] ")
    assert finding_lines(finding, hint=False) == lines[:1]


def test_annotation_escapes() -> None:
    assert annotation_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert annotation_property("a:b,c") == "a%3Ab%2Cc"


def _catalog_named(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BROKEN = "domain: x\nevents: [\n"
NEWLINE_NAME = "evil\n::error file=a::forged.yaml"


def _stderr_lines(result: object) -> list[str]:
    return str(getattr(result, "stderr", "")).splitlines()


@pytest.mark.parametrize(
    "command",
    [
        ["coverage", "{path}"],
        ["check-events", "{path}", "-"],
        ["diff", "{path}", "{path}"],
    ],
    ids=["coverage", "check-events", "diff"],
)
def test_catalog_errors_print_one_line_per_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    path = _catalog_named(tmp_path, NEWLINE_NAME, BROKEN)
    args = [a.replace("{path}", path.name) for a in command]
    result = CliRunner().invoke(main, args, input="")
    assert result.exit_code == 2, result.output
    lines = _stderr_lines(result)
    assert not any(line.startswith("::") for line in lines), lines
    assert any(line.startswith("evil\\n::error file=a::forged.yaml:") for line in lines), lines


def test_check_events_text_escapes_undeclared_event_names(tmp_path: Path) -> None:
    catalog = Path(__file__).resolve().parents[1] / "catalog" / "platform.yaml"
    record = {"event": "user.x\n::error::forged", "version": 1}
    result = CliRunner().invoke(main, ["check-events", str(catalog), "-"], input=json.dumps(record))
    assert result.exit_code == 1
    assert not any(line.startswith("::") for line in result.output.splitlines()), result.output
    assert "::error::forged" not in result.output.replace("\\n::error::forged", "")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_text_escapes_file_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    event = (
        "domain: billing\ndescription: Billing.\nowners: [t]\nevents:\n"
        "  invoice.approved:\n    description: An invoice was approved for payment.\n"
        "    category: billing\n    actor: [user]\n    targets: [invoice]\n"
    )
    base = _catalog_named(tmp_path, "base\n::error::x.yaml", event)
    head = _catalog_named(tmp_path, "head.yaml", event.replace("invoice.approved", "invoice.paid"))
    result = CliRunner().invoke(main, ["diff", base.name, head.name, "--format", "text"])
    assert result.exit_code == 1, result.output
    assert not any(line.startswith("::") for line in result.output.splitlines()), result.output
    assert "base\\n::error::x.yaml:" in result.output

"""The bad-inputs corpus: every malformed catalog and configuration in `cases/` goes through
`registry lint` (click's CliRunner) with each parser, and ends in exactly the findings its
`case.json` names, at the line and column it names, with the exit code it names, and never in
a traceback or an "internal error".

A case is a directory: the files to lint (and a `registry.yaml` or `pyproject.toml` when the
case is about configuration) plus `case.json`:

    about      what the case is
    lint       the paths given to `registry lint` (relative to the case directory)
    options    further command-line options (`--select Y,S` keeps a case to its own family)
    exit       the exit code: 0 clean, 1 findings, 2 usage, configuration or internal error
    findings   every finding, in output order: [code, path, line, column]
    message    (optional) text the output must contain
    generate   (optional) files written at test time instead of committed (huge ones)
    requires   (optional) "non-root": skipped when the tests run as root
    parsers    (optional) the parsers the case applies to (default: both)

Findings are read from the text output, both streams: lint findings on stdout, configuration
errors and warnings on stderr, all as `path:line:col: CODE [severity] message`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from registry.cli import main

CASES = Path(__file__).parent / "cases"
PARSERS = ("yaml-rs", "pyyaml")
FINDING = re.compile(r"^(?P<path>\S.*?):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]\d{3}) \[")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
KNOWN_KEYS = {"about", "lint", "options", "exit", "findings", "message"} | {
    "generate",
    "requires",
    "parsers",
}


def _huge_file(directory: Path) -> None:
    head = "domain: store\ndescription: A catalog padded past the size limit.\n"
    (directory / "huge.yaml").write_text(head + "x-padding: " + "x" * 6_000_000 + "\n")


def _alias_bomb(directory: Path) -> None:
    # 1,000 scalars; 1,000 aliases of them (10^6 nodes); then three aliases of that.
    text = "domain: store\n"
    text += "x-a: &a [" + ", ".join(["lol"] * 1000) + "]\n"
    text += "x-b: &b [" + ", ".join(["*a"] * 1000) + "]\n"
    text += "x-c: [*b, *b, *b]\n"
    (directory / "bomb.yaml").write_text(text)


def _deep_flow(directory: Path) -> None:
    (directory / "deep.yaml").write_text("description: " + "[" * 10_000 + "]" * 10_000 + "\n")


def _deep_block(directory: Path) -> None:
    (directory / "deep.yaml").write_text("description:\n  " + "- " * 10_000 + "x\n")


def _unreadable(directory: Path) -> None:
    (directory / "catalog.yaml").chmod(0)


def _symlinks(directory: Path) -> None:
    # A link to itself (ELOOP when opened) and a link to nothing.
    (directory / "loop.yaml").symlink_to("loop.yaml")
    (directory / "dangling.yaml").symlink_to("nowhere/catalog.yaml")


def _control_file_names(directory: Path) -> None:
    # A newline, an escape sequence and a right-to-left override in file names.
    for name in ("a\n::error::forged.yaml", "b\x1b[2J.yaml", "c\u202eeman.yaml"):
        (directory / "catalogs" / name).write_text("domain: 5\n")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "huge_file": _huge_file,
    "alias_bomb": _alias_bomb,
    "deep_flow": _deep_flow,
    "deep_block": _deep_block,
    "unreadable": _unreadable,
    "control_file_names": _control_file_names,
    "symlinks": _symlinks,
}


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for directory in sorted(CASES.iterdir()):
        record = json.loads((directory / "case.json").read_text("utf-8"))
        cases.append((directory.name, record))
    return cases


ALL_CASES = load_cases()
RUNS = [
    pytest.param(name, record, parser, id=f"{name}[{parser}]")
    for name, record in ALL_CASES
    for parser in record.get("parsers", PARSERS)
]


def findings_in(output: str) -> list[list[Any]]:
    found = []
    for line in output.splitlines():
        match = FINDING.match(line)
        if match:
            found.append([match["code"], match["path"], int(match["line"]), int(match["column"])])
    return found


@pytest.mark.parametrize(("name", "record", "parser"), RUNS)
def test_bad_input(
    name: str, record: dict[str, Any], parser: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if record.get("requires") == "non-root" and IS_ROOT:
        pytest.skip("root can read any file")
    work = tmp_path / name
    shutil.copytree(CASES / name, work, ignore=shutil.ignore_patterns("case.json"))
    if "generate" in record:
        GENERATORS[record["generate"]](work)
    monkeypatch.chdir(work)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("REGISTRY_DEBUG", raising=False)
    args = ["lint", "--parser", parser, *record.get("options", []), *record["lint"]]
    try:
        result = CliRunner().invoke(main, args)
    finally:
        for path in work.rglob("*"):  # let tmp_path clean-up remove what was made unreadable
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() else 0o644)
    output = result.output
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert findings_in(output) == record["findings"], output
    assert result.exit_code == record["exit"], output
    if "message" in record:
        assert record["message"] in output, output


def test_the_corpus_is_complete() -> None:
    """At least 60 cases, every record well formed, every generator used exists, and the
    families the hardening issue names are all there."""
    assert len(ALL_CASES) >= 60
    codes = set()
    for name, record in ALL_CASES:
        assert set(record) <= KNOWN_KEYS, name
        assert {"about", "lint", "exit", "findings"} <= set(record), name
        assert record["exit"] in (0, 1, 2), name
        assert record.get("generate", "huge_file") in GENERATORS, name
        assert record["findings"] or record["exit"] in (0, 2), name
        codes |= {finding[0] for finding in record["findings"]}
    families = "Y001 Y002 Y003 Y004 Y005 Y006 Y007 Y008 Y009 Y010 Y011 Y012 Y013 S001 S002 S003"
    for code in (families + " R002 R004 R005 N001 N008 C001 C002").split():
        assert code in codes, code


def _lint_in_child(directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`registry lint ARGS` in a child process run in ``directory``, with a time limit (a
    regression fails instead of hanging the run; a warning goes to the real stderr)."""
    return subprocess.run(
        [sys.executable, "-m", "registry", "lint", *args],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_read_no_further_than_the_size_limit(tmp_path: Path) -> None:
    """`registry lint /dev/zero` (an endless file) ends with Y004, cache on or off. In a child
    process with a time limit: before the fix, the lint cache read it forever."""
    for extra in ([], ["--no-cache"]):
        done = _lint_in_child(tmp_path, *extra, "/dev/zero")
        assert done.returncode == 1, done.stderr
        assert done.stdout.startswith("/dev/zero:1:1: Y004 [error] "), done.stdout


def test_a_long_string_of_escapes_is_read_in_linear_time(tmp_path: Path) -> None:
    """1 MB of `\\U000B77F4` escapes in one quoted string: each `0B` looks like the start of
    a binary number to the yaml-rs pre-check, which walked back to the token start from every
    one (about 50 minutes for this file; a 100 kB one took 28 s). In a child process with a
    time limit, so a regression fails instead of hanging the run."""
    text = 'domain: store\ndescription: "' + "\\U000B77F4" * 100_000 + '"\nowners: [team]\n'
    (tmp_path / "long.yaml").write_text(text)
    done = _lint_in_child(tmp_path, "--no-cache", "--select", "Y,S", "long.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "All checks passed (1 file, 0 events).\n"


@pytest.mark.parametrize(
    "pattern", ["[[a-z]--x]", "^ord_[[0-9]{6}$", "[a-z--x]", "[a&&b]", "[a~~b]", "[a||b]"]
)
def test_an_ambiguous_pattern_is_reported_once_and_never_as_a_python_warning(
    tmp_path: Path, pattern: str
) -> None:
    """A pattern Python compiles with a FutureWarning is R008, and no rule prints the raw
    warning when it parses the pattern again (R014 did, through the runtime's anchor test, for
    an unanchored one). In a child process: the warning goes to the real stderr."""
    text = (CASES / "r008-ambiguous-nested-set" / "catalog.yaml").read_text()
    (tmp_path / "catalog.yaml").write_text(text.replace('"^ord_[[0-9]{6}$"', repr(pattern)))
    done = _lint_in_child(tmp_path, "--no-cache", "catalog.yaml")
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr == "", done.stderr
    assert [line.split()[1] for line in done.stdout.splitlines()[:-1]] == ["R008"], done.stdout

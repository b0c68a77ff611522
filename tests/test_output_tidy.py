"""Every command's text output is tidy: no doubled separators (`build//x` in paths, two spaces
inside a sentence, `..` that is no ellipsis or parent directory), no wrong plurals (`1 records`,
`1 errors`) and no line over 200 characters. The runs below reach the singular and the plural of
each summary: one record, one finding, one change, one gap."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from registry.checkevents.codes import CODES as STREAM_CODES
from registry.cli import main
from registry.findings.codes import ALL_CODES

from conftest import REPO

LONGEST_LINE = 200
DOUBLE_SLASH = re.compile(r"(?<![:/])//")
"""`build//audit_events`; `https://` is a URL."""
SENTENCE_SPACES = re.compile(r"[a-z,;:.)]  +[a-z(`]")
"""Two spaces inside running text; columns (`N003  error  name`) start with a code or a capital."""
DOUBLE_DOT = re.compile(r"(?<!\.)\.\.(?![./])")
"""`..` that is no ellipsis (`...`) and no parent directory (`../`)."""
ONE_PLURAL = re.compile(r"(?<![\w.,-])1 ([a-z]+s)\b")
NOT_PLURALS = frozenset({"is", "was", "has", "does", "its", "this", "bytes_left", "always"})
"""Words ending in s after a 1 that are not nouns counted by it."""

TEAM_PROFILE = """\
profile: acme
title: Acme controls
requirements:
  - id: invoice_approval
    title: Invoice approvals
    match: {categories: [billing]}
    hint: invoice.approved
"""
ONE_EVENT = """\
domain: ops
description: Operations of the on-call team.
owners: [ops-team]
events:
  user.paged_oncall:
    description: A user paged the on-call engineer of a service.
    category: deployment
    actor: [user]
    targets: [service]
    fields:
      service_name: {type: string, max_length: 64, description: The service paged for.}
"""
EMIT = """\
from audit_events import Actor, AuditLog, Target
from registry_runtime import JsonLinesSink
audit = AuditLog(JsonLinesSink("one.jsonl"), tenant="acme")
audit.user_paged_oncall(actor=Actor(type="user", id="u_1"), service_name="api",
                        targets=[Target(type="service", id="svc_1")])
audit.close()
"""


def text_of(line: str) -> str:
    """The running text of a line: nothing for a table row (columns separated by runs of
    spaces, two of them at least), else the line without its indentation."""
    stripped = line.strip()
    return "" if len(re.findall(r"  +", stripped)) >= 2 else stripped


def problems(text: str) -> list[str]:
    """What is untidy in one command's output, line by line."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        checks = [
            (len(line) > LONGEST_LINE, f"{len(line)} characters"),
            (DOUBLE_SLASH.search(line) is not None, "doubled path separator"),
            (SENTENCE_SPACES.search(text_of(line)) is not None, "two spaces in a sentence"),
            (DOUBLE_DOT.search(line) is not None, "doubled full stop"),
        ]
        plurals = [m.group(0) for m in ONE_PLURAL.finditer(line) if m.group(1) not in NOT_PLURALS]
        checks.append((bool(plurals), f"wrong plural {plurals}"))
        found += [f"line {number}: {what}: {line[:120]!r}" for bad, what in checks if bad]
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Built 1 event into build//audit_events.", ["doubled path separator"]),
        ("see https://example.com/x and a/b", []),
        ("1 records; chain intact.", ["wrong plural ['1 records']"]),
        ("Found 1 error and 1 warnings (1 file, 11 events).", ["wrong plural ['1 warnings']"]),
        ("the summary  says so", ["two spaces in a sentence"]),
        ("  N003  error    naming.verb-tense   Event names use past tense.", []),
        ("it stopped.. here", ["doubled full stop"]),
        ("unknown top-level key ...) and ../catalog", []),
        ("x" * 201, ["201 characters"]),
    ],
)  # fmt: skip
def test_the_check_sees_what_it_looks_for(text: str, expected: list[str]) -> None:
    assert [problem.split(": ")[1] for problem in problems(text)] == expected


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shipped catalogs, a one-event catalog, a changed copy of it, a team profile and a
    chained log of one record written through the generated emitters."""
    root = tmp_path_factory.mktemp("tidy")
    shutil.copytree(REPO / "catalog", root / "catalog")
    (root / "one").mkdir()
    (root / "one" / "ops.yaml").write_text(ONE_EVENT, "utf-8")
    (root / "changed").mkdir()
    changed = ONE_EVENT.replace("max_length: 64", "max_length: 32")  # one breaking change
    (root / "changed" / "ops.yaml").write_text(changed, "utf-8")
    (root / "acme.yaml").write_text(TEAM_PROFILE, "utf-8")
    (root / "registry.yaml").write_text("catalogs: [catalog/]\n", "utf-8")
    previous = Path.cwd()
    os.chdir(root)
    try:
        assert _invoke("build", "one/", "--out", "built/").exit_code == 0
        env = {**os.environ, "PYTHONPATH": "built", "REGISTRY_AUDIT_HMAC_KEY": "k" * 32}
        subprocess.run([sys.executable, "-c", EMIT], cwd=root, env=env, check=True)
        (root / "bad.jsonl").write_text('{"event": "user.paged_oncall"}\n', "utf-8")
        yield root
    finally:
        os.chdir(previous)


def _invoke(*args: str) -> Result:
    env = {"GITHUB_ACTIONS": "", "CI": "", "NO_COLOR": "1"}
    return CliRunner().invoke(main, list(args), env=env)


RUNS = [
    ("lint", "catalog/"),
    ("lint", "one/"),
    ("lint",),
    ("build", "one/", "--out", "built/"),
    ("build", "catalog/", "--out", "out/", "--check"),
    ("generate", "python", "one/", "--out", "gen/"),
    ("generate", "markdown", "one/", "--out", "gen-md/"),
    ("diff", "one/", "changed/"),
    ("diff", "one/", "one/"),
    ("check-events", "one/", "one.jsonl"),
    ("check-events", "catalog/", "one.jsonl"),
    ("check-events", "one/", "bad.jsonl"),
    ("coverage", "catalog/"),
    ("coverage", "one/"),
    ("coverage", "catalog/", "--profile", "acme.yaml"),
    ("verify-log", "one.jsonl"),
    ("rules",),
]


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_command_output_is_tidy(project: Path, args: tuple[str, ...]) -> None:
    result = _invoke(*args)
    assert result.exit_code in (0, 1), result.output
    assert problems(result.output) == [], result.output


def test_explain_of_every_code_is_tidy() -> None:
    untidy = {}
    for code in (*ALL_CODES, *STREAM_CODES):
        output = _invoke("explain", code.id).output
        if found := problems(output):
            untidy[code.id] = found
    assert untidy == {}


@pytest.mark.parametrize(("log", "findings"), [("one.jsonl", 0), ("bad.jsonl", 10)])
def test_check_events_json_is_laid_out_as_json_dumps(project: Path, log: str, findings: int) -> None:
    """`{"findings": [], "summary": ...}` with json.dumps' indent of 2, a finding per line."""
    import json

    output = _invoke("check-events", "one/", log, "--format", "json").output
    document = json.loads(output)
    assert len(document["findings"]) == findings
    if not findings:
        assert output == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    lines = output.splitlines()
    assert lines[:2] == ["{", '  "findings": [' + ("]," if not findings else "")]
    assert all(line.startswith('    {"rule": ') for line in lines[2 : 2 + findings])
    assert "" not in lines

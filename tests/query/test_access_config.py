"""`record_access:` in the configuration: `registry query` and `registry export` record their
use by default in the log it names (relative to the configuration file); `--record-access LOG`
wins over the environment variable REGISTRY_RECORD_ACCESS, which wins over the configuration;
every message names where the log was set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from query_helpers import duckdb_or_skip, emitters, write_log

from registry.cli import main
from registry.query.access import AccessLog, access_log

duckdb_or_skip()

ENV = "REGISTRY_RECORD_ACCESS"


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("access-config")
    (root / "logs").mkdir()
    with emitters(root) as package:
        write_log(package, root / "logs" / "audit.jsonl")
    return root / "logs"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose registry.yaml names `audit/access.jsonl`; commands run in `work/`."""
    (tmp_path / "registry.yaml").write_text("record_access: audit/access.jsonl\n", "utf-8")
    for directory in ("audit", "work", "elsewhere"):
        (tmp_path / directory).mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path


def run(*args: str, env: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env={ENV: env})


def accesses(log: Path) -> list[dict[str, object]]:
    """The records of a chained log (none when it does not exist)."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text("utf-8").splitlines()]


def test_the_configured_log_records_query_and_export_by_default(project: Path, trail: Path) -> None:
    assert run("query", str(trail), "--actor", "user:u_2").exit_code == 0
    exported = run("export", str(trail), "--out", str(project / "elsewhere" / "a.zip"))
    assert exported.exit_code == 0, exported.output
    log = project / "audit" / "access.jsonl"  # relative to registry.yaml, not to work/
    records = accesses(log)
    assert [(r["event"], r["fields"]) for r in records] == [
        ("audit_log.accessed", {"access_kind": "search", "record_count": 3}),
        ("audit_log.accessed", {"access_kind": "export", "record_count": 6}),
    ]
    verified = run("verify-log", str(log))
    assert verified.exit_code == 0, verified.output


@pytest.mark.parametrize(
    ("option", "env", "recorded"),
    [
        (True, True, "option.jsonl"),
        (True, False, "option.jsonl"),
        (False, True, "env.jsonl"),
        (False, False, "audit/access.jsonl"),
    ],
)
def test_the_option_wins_over_the_environment_which_wins_over_the_configuration(
    project: Path, trail: Path, option: bool, env: bool, recorded: str
) -> None:
    logs = {
        "option.jsonl": project / "elsewhere" / "option.jsonl",
        "env.jsonl": project / "elsewhere" / "env.jsonl",
        "audit/access.jsonl": project / "audit" / "access.jsonl",
    }
    args = ["query", str(trail)]
    if option:
        args += ["--record-access", str(logs["option.jsonl"])]
    result = run(*args, env=str(logs["env.jsonl"]) if env else None)
    assert result.exit_code == 0, result.output
    assert {name: len(accesses(path)) for name, path in logs.items()} == {
        name: int(name == recorded) for name in logs
    }


@pytest.mark.parametrize(
    ("how", "message"),
    [
        (
            "config",
            (
                "registry: registry.yaml: record_access missing/access.jsonl: cannot record the "
                "access: "
            ),
        ),
        ("env", "registry: REGISTRY_RECORD_ACCESS=missing/env.jsonl: cannot record the access: "),
        ("option", "registry: --record-access missing/opt.jsonl: cannot record the access: "),
    ],
)
def test_a_log_that_cannot_be_written_is_named_as_it_was_set(
    project: Path, trail: Path, monkeypatch: pytest.MonkeyPatch, how: str, message: str
) -> None:
    monkeypatch.chdir(project)
    (project / "registry.yaml").write_text("record_access: missing/access.jsonl\n", "utf-8")
    args = ["query", str(trail)]
    if how == "option":
        args += ["--record-access", "missing/opt.jsonl"]
    result = run(*args, env="missing/env.jsonl" if how == "env" else None)
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if "cannot record" in line]
    assert line.startswith(message), line
    assert "Traceback" not in result.output


def test_an_invalid_entry_stops_the_query_before_anything_is_read(
    project: Path, trail: Path
) -> None:
    (project / "registry.yaml").write_text("record_access: [a.jsonl]\n", "utf-8")
    result = run("query", str(trail))
    assert result.exit_code == 2
    assert "registry.yaml:1:16: C001 [error] expected string at record_access" in result.stderr
    assert result.stdout == ""


def test_a_bad_asker_stops_a_configured_recording_before_anything_is_read(
    project: Path, trail: Path
) -> None:
    result = run("query", str(trail), "--as", "robot:r_1")
    assert result.exit_code == 2
    assert "--as: give TYPE:ID" in result.stderr
    assert result.stdout == ""
    assert accesses(project / "audit" / "access.jsonl") == []


@pytest.mark.parametrize(
    ("given", "from_env", "configured", "expected"),
    [
        ("o.jsonl", False, "c.jsonl", AccessLog("o.jsonl", "--record-access o.jsonl")),
        ("e.jsonl", True, "c.jsonl", AccessLog("e.jsonl", f"{ENV}=e.jsonl")),
        (None, False, "c.jsonl", AccessLog("c.jsonl", "registry.yaml: record_access c.jsonl")),
        (None, False, None, None),
    ],
)
def test_access_log_precedence(
    given: str | None, from_env: bool, configured: str | None, expected: AccessLog | None
) -> None:
    chosen = access_log(
        given, from_env=from_env, configured=configured, config_file="registry.yaml"
    )
    assert chosen == expected

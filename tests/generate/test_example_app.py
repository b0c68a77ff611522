"""examples/deploy_service.py end to end, as its docstring says to run it:

    registry build catalog/ --out build/
    REGISTRY_AUDIT_HMAC_KEY=... PYTHONPATH=build python examples/deploy_service.py audit.jsonl
    registry verify-log audit.jsonl
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hashing import hmac_value

from registry.cli import main

from conftest import REPO

EXAMPLE = REPO / "examples" / "deploy_service.py"
HMAC_KEY = "example-app-test-key"
APPROVER = "ada@example.com"


def run_example(build: Path, log: Path, *, key: str | None = HMAC_KEY
                ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "REGISTRY_AUDIT_HMAC_KEY"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(build), env.get("PYTHONPATH")]))
    if key is not None:
        env["REGISTRY_AUDIT_HMAC_KEY"] = key
    return subprocess.run([sys.executable, str(EXAMPLE), str(log)], cwd=log.parent, env=env,
                          capture_output=True, text=True, check=False, timeout=120)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "build"
    result = CliRunner().invoke(main, ["build", str(REPO / "catalog"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Built 45 events into {out}/audit_events, {out}/schemas and {out}/docs." in result.output
    assert (out / "audit_events" / "__init__.py").is_file()
    assert len(list((out / "schemas").glob("*.schema.json"))) == 45
    return out


@pytest.fixture
def log(build: Path, tmp_path: Path) -> Path:
    path = tmp_path / "audit.jsonl"
    run = run_example(build, path)
    assert run.returncode == 0, run.stdout + run.stderr
    return path


def records(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text("utf-8").splitlines()]


def test_verify_log_reports_three_intact_records(log: Path) -> None:
    text = CliRunner().invoke(main, ["verify-log", str(log)])
    assert text.exit_code == 0, text.output
    assert text.output.strip().splitlines()[-1] == "3 records; chain intact."
    as_json = CliRunner().invoke(main, ["verify-log", str(log), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.output)
    assert report["ok"] is True
    assert report["records"] == 3
    assert report["problems"] == []


def test_the_log_holds_what_the_example_did(log: Path) -> None:
    written = records(log)
    assert [r["event"] for r in written] == [
        "user.promoted_staging", "user.promoted_production", "user.deploy_failed"]
    assert [r["outcome"] for r in written] == ["success", "success", "failure"]
    assert written[2]["reason"] == "health_check_failed"
    assert {r["tenant"] for r in written} == {"acme"}


def test_the_approver_address_is_only_written_as_a_keyed_hash(log: Path) -> None:
    data = log.read_bytes()
    assert APPROVER.encode() not in data
    assert b"ada@" not in data
    hashed = hmac_value(HMAC_KEY, APPROVER)
    production = records(log)[1]
    fields = production["fields"]
    assert isinstance(fields, dict)
    assert fields["approver_email"] == hashed
    assert data.count(hashed.encode()) == 1
    assert b"192.0.2.10" not in data  # the context's address is hashed by default too


def test_every_line_validates_against_the_built_schemas(build: Path, log: Path) -> None:
    for record in records(log):
        schema = json.loads((build / "schemas" / f"{record['event']}.schema.json").read_text())
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        assert [error.message for error in validator.iter_errors(record)] == []


def test_a_second_run_appends_to_the_chain(build: Path, log: Path) -> None:
    run = run_example(build, log)
    assert run.returncode == 0, run.stdout + run.stderr
    result = CliRunner().invoke(main, ["verify-log", str(log)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "6 records; chain intact."


def test_an_edited_record_fails_verification(log: Path) -> None:
    lines = log.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b'"CHG004211"', b'"CHG004212"')
    log.write_bytes(b"".join(lines))
    result = CliRunner().invoke(main, ["verify-log", str(log)])
    assert result.exit_code == 1
    assert f"{log}:2: edited:" in result.output
    assert result.output.strip().splitlines()[-1] == "3 records; chain TAMPERED or damaged."


def test_without_a_key_the_example_refuses_to_start(build: Path, tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    run = run_example(build, log, key=None)
    assert run.returncode != 0
    assert "AuditConfigurationError" in run.stderr
    assert "REGISTRY_AUDIT_HMAC_KEY" in run.stderr
    assert not log.exists() or log.read_bytes() == b""

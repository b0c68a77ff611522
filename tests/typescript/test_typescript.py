"""The TypeScript target end to end: tsc --strict compiles the generated package and rejects
wrong calls, the compiled runtime reproduces the conformance vectors byte for byte, and a log
written from Node passes `registry verify-log` and `registry check-events` (the real CLI)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from click.testing import CliRunner
from ts_helpers import REPO, TSC, Compiled, compiled

from registry.cli import main

__all__ = ["compiled"]  # the session fixture

HERE = Path(__file__).parent
VECTORS = REPO / "tests" / "vectors" / "emit_v1.json"


def test_tsc_strict_compiles_the_package_and_rejects_every_wrong_call(compiled: Compiled) -> None:
    # an unused `@ts-expect-error` (a wrong call tsc accepted) is error TS2578
    assert compiled.tsc_output == ""
    negative = (compiled.package / "src" / "typing_negative.ts").read_text()
    assert negative.count("  // @ts-expect-error\n") == 8
    assert (compiled.package / "dist" / "index.d.ts").is_file()


def test_a_call_tsc_accepts_is_not_an_error_by_accident(compiled: Compiled, tmp_path: Path) -> None:
    # the negative file's checks can fail: the same line without its directive is an error
    source = compiled.package / "src" / "typing_negative.ts"
    broken = source.read_text().replace("  // @ts-expect-error\n", "", 1)
    probe = compiled.package / "src" / "probe_negative.ts"
    probe.write_text(broken)
    try:
        run = subprocess.run(
            [compiled.node, str(TSC), "--noEmit",
             "-p", str(compiled.package)],
            capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip
    finally:
        probe.unlink()
    assert run.returncode != 0
    assert re.search(r"probe_negative\.ts\(\d+,\d+\): error TS2322", run.stdout), run.stdout


def test_node_reproduces_the_conformance_vectors_byte_for_byte(compiled: Compiled) -> None:
    run = subprocess.run(
        [compiled.node, str(HERE / "run_vectors.mjs"), str(compiled.package / "dist"), str(VECTORS)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    produced = json.loads(run.stdout)
    expected = json.loads(VECTORS.read_text("utf-8"))["cases"]
    assert len(produced) == len(expected) == 8
    for mine, theirs in zip(produced, expected, strict=True):
        assert mine["body_hex"] == theirs["body_hex"], (
            theirs["name"],
            bytes.fromhex(mine["body_hex"]),
            bytes.fromhex(theirs["body_hex"]),
        )
        assert mine["line_hex"] == theirs["line_hex"], theirs["name"]
        assert mine["hash"] == theirs["hash"], theirs["name"]


def test_a_log_written_from_node_passes_verify_log_and_check_events(
    compiled: Compiled, tmp_path: Path
) -> None:
    log = tmp_path / "audit.jsonl"
    run = subprocess.run(
        [compiled.node, str(HERE / "write_log.mjs"), str(compiled.package / "dist"), str(log)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    refused = json.loads(run.stdout)["refused"]
    assert refused == "user.signed_in: method: must be one of: password, sso, passkey, magic_link"
    text = log.read_text("utf-8")
    assert len(text.splitlines()) == 2
    for secret in ("alice@example.com", "mallory@example.com", "203.0.113.9", "bob@example.com"):
        assert secret not in text
        assert secret not in refused
    assert '"failed_attempts":9007199254740993' in text
    runner = CliRunner()
    verified = runner.invoke(main, ["verify-log", str(log)])
    assert verified.exit_code in (0, 3), verified.output
    assert "tampered" not in verified.output
    checked = runner.invoke(main, ["check-events", str(REPO / "catalog"), str(log)])
    assert checked.exit_code == 0, checked.output

"""The auditor's story, through the `registry` command only.

The operator generates a key pair, the service writes a signed log with its private key (a
rotation by size on the way), the operator exports one record with `registry prove --out`.
The auditor holds only the proof file and the public key: `registry verify-proof` proves the
record belongs to the sealed trail after the log is gone, and refutes a copy of the proof in
which the exported record was changed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from integrity_helpers import SPEC

from registry.cli import main
from registry_runtime import Actor, Emitter, JsonLinesSink


def test_an_auditor_checks_one_exported_record_without_the_log(tmp_path: Path) -> None:
    runner = CliRunner()
    keys_dir = tmp_path / "keys"
    made = runner.invoke(main, ["keys", "generate", "--out", str(keys_dir), "--name", "audit"])
    assert made.exit_code == 0, made.output
    key_id = re.search(r"key id:\s+([0-9a-f]{32})", made.output)
    assert key_id is not None

    logs = tmp_path / "logs"
    logs.mkdir()
    sink = JsonLinesSink(
        logs / "audit.jsonl",
        signer=str(keys_dir / "audit.pem"),
        checkpoint_every=10,
        rotate_bytes=5000,
    )
    with Emitter(sink, hmac_key="k") as emitter:
        ids = [
            emitter._emit(SPEC, {"n": n}, actor=Actor("user", f"u{n}"), targets=[],
                          outcome="success", reason=None, context=None, tenant=None)["id"]
            for n in range(25)
        ]  # fmt: skip
    assert len(list(logs.glob("audit.jsonl.*[0-9]"))) >= 2  # rotated files
    checked = runner.invoke(
        main, ["verify-log", str(logs), "--public-key", str(keys_dir / "audit.pub.pem")]
    )
    assert checked.exit_code == 0, checked.output

    proof = tmp_path / "export" / "record-13.proof.json"
    proof.parent.mkdir()
    proven = runner.invoke(main, ["prove", str(logs), "--id", ids[13], "--out", str(proof)])
    assert (proven.exit_code, proven.stdout) == (
        0,
        f"proof of record 13 of stream {sink.stream} written to {proof}\n",
    )
    on_stdout = runner.invoke(main, ["prove", str(logs), "--id", ids[13]])
    assert on_stdout.stdout.encode() == proof.read_bytes()

    # The auditor: the proof file and the public key, no log.
    for path in logs.iterdir():
        path.unlink()
    public = str(keys_dir / "audit.pub.pem")
    verdict = runner.invoke(main, ["verify-proof", str(proof), "--public-key", public])
    assert verdict.exit_code == 0
    assert re.fullmatch(
        rf"proven: record 13 of stream {re.escape(sink.stream)} is sealed by the checkpoint of "
        rf"\S+Z \(records 10 to 19, key {key_id.group(1)}\)\.\n",
        verdict.stdout,
    ), verdict.stdout
    report = json.loads(
        runner.invoke(
            main, ["verify-proof", str(proof), "--public-key", public, "--format", "json"]
        ).stdout
    )
    assert (report["ok"], report["seq"], report["problems"]) == (True, 13, [])
    assert (report["checkpoint"]["first"], report["checkpoint"]["last"]) == (10, 19)
    assert json.loads(json.loads(proof.read_text("utf-8"))["record"])["actor"]["id"] == "u13"

    # The record in the export changed (another actor): refuted, and the message shows no value.
    forged = tmp_path / "forged.json"
    forged.write_text(proof.read_text("utf-8").replace('\\"u13\\"', '\\"u99\\"'), "utf-8")
    refuted = runner.invoke(main, ["verify-proof", str(forged), "--public-key", public])
    assert refuted.exit_code == 1
    assert refuted.stdout == (
        f"{forged}: edited: the record does not match its own hash: it was changed\n"
        "REFUTED: the proof does not show that the record belongs to the sealed log.\n"
    )
    assert "u99" not in refuted.output
    assert "u13" not in refuted.output

"""Signed checkpoints and rotation in the TypeScript sink (issues 16 and 18), end to end: the
compiled runtime reproduces the Merkle and checkpoint vectors byte for byte; a log written from
Node, signed and rotated, passes the real `registry verify-log --public-key`, and tampering with
it is caught; signing set up without a usable key fails at construction; checkpoints by time
(an unref'd timer), heartbeats and rotation by age."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from ts_helpers import REPO, Compiled, compiled

from registry.cli import main
from registry_runtime.chain import seal

__all__ = ["compiled"]  # the session fixture

HERE = Path(__file__).parent
VECTORS = REPO / "tests" / "vectors"
SECRET = "alice@example.com"


def _node(compiled: Compiled, script: str, *args: str, env: dict[str, str] | None = None) -> Any:
    run = subprocess.run(
        [compiled.node, str(HERE / script), str(compiled.package / "dist"), *args],
        capture_output=True, text=True, check=True, timeout=60, env=env,
    )  # fmt: skip
    return json.loads(run.stdout)


def _run(compiled: Compiled, plan: dict[str, Any], signing_key: str | None = None) -> Any:
    env = {k: v for k, v in os.environ.items() if k != "REGISTRY_AUDIT_SIGNING_KEY"}
    if signing_key is not None:
        env["REGISTRY_AUDIT_SIGNING_KEY"] = signing_key
    return _node(compiled, "sink_run.mjs", json.dumps(plan), env=env)


def _plan(
    tmp_path: Path, options: dict[str, Any], steps: list[dict[str, Any]], **extra: Any
) -> tuple[Path, dict[str, Any]]:
    """A fresh log directory under `tmp_path` and the Node plan that writes audit.jsonl in it."""
    logs = tmp_path / "logs"
    logs.mkdir()
    return logs, {"log": str(logs / "audit.jsonl"), "options": options, "steps": steps, **extra}


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`registry keys generate`'s pairs `writer` and `next` (outside every log directory)."""
    out = tmp_path_factory.mktemp("keys")
    for name in ("writer", "next"):
        result = CliRunner().invoke(main, ["keys", "generate", "--out", str(out), "--name", name])
        assert result.exit_code == 0, result.output
    return out


def _verify(logs: Path, *public: Path) -> tuple[int, dict[str, Any]]:
    args = ["verify-log", str(logs), "--format", "json"]
    for key in public:
        args += ["--public-key", str(key)]
    result = CliRunner().invoke(main, args)
    return result.exit_code, json.loads(result.output)


def _signed_log(compiled: Compiled, keys: Path, logs: Path, **options: Any) -> Path:
    logs.mkdir()
    plan = {
        "log": str(logs / "audit.jsonl"),
        "options": {"signer": str(keys / "writer.pem"), "stream": "node-1", "checkpointEvery": 7, "rotateBytes": 2500, **options},
        "steps": [{"emit": 40}, {"close": True}],
    }  # fmt: skip
    assert _run(compiled, plan)["error"] is None
    names = {p.name for p in logs.iterdir()}
    rotated = {f"audit.jsonl.{n}" for n in range(1, len(names) - 1)}
    assert len(rotated) >= 5
    assert names == {"audit.jsonl", "audit.jsonl.checkpoints", *rotated}
    return logs


def test_node_computes_the_merkle_vectors(compiled: Compiled) -> None:
    merkle = json.loads((VECTORS / "merkle.json").read_text("utf-8"))
    produced = _node(
        compiled, "run_merkle.mjs", str(VECTORS / "merkle.json"), str(VECTORS / "chain_v1.json")
    )
    assert produced["empty"] == merkle["trees"][0]["roots"][0]
    assert len(produced["trees"]) == len(merkle["trees"]) == 2
    for mine, theirs in zip(produced["trees"], merkle["trees"], strict=True):
        assert mine["leaf_hashes"] == theirs["leaf_hashes"], theirs["name"]
        assert mine["roots"] == theirs["roots"], theirs["name"]
    chain = json.loads((VECTORS / "chain_v1.json").read_text("utf-8"))
    assert produced["records"] == chain["merkle_root_hex"]


def test_node_writes_the_checkpoint_vectors_byte_for_byte(
    compiled: Compiled, tmp_path: Path
) -> None:
    vectors = json.loads((VECTORS / "checkpoint_v1.json").read_text("utf-8"))
    produced = _node(
        compiled, "run_checkpoints.mjs", str(VECTORS / "checkpoint_v1.json"), str(tmp_path)
    )
    assert len(produced["checkpoints"]) == len(vectors["checkpoints"]) == 6
    for mine, theirs in zip(produced["checkpoints"], vectors["checkpoints"], strict=True):
        assert mine["payload"] == theirs["payload"], theirs["name"]
        assert mine["line"] == theirs["line"], theirs["name"]
        assert mine["checkpoint_hash"] == theirs["checkpoint_hash"], theirs["name"]
    assert produced["files"] == vectors["sink"]["files"]


@pytest.mark.parametrize("source", ["key file", "env", "callback"])
def test_a_signed_rotated_log_from_node_passes_verify_log(
    compiled: Compiled, keys: Path, tmp_path: Path, source: str
) -> None:
    logs, plan = _plan(
        tmp_path, {"checkpointEvery": 7, "rotateBytes": 2500}, [{"emit": 40}, {"close": True}]
    )
    pem = keys / "writer.pem"
    if source == "key file":
        plan["options"]["signer"] = str(pem)
    elif source == "env":
        plan["options"]["signer"] = "env"
    else:
        plan["callbackKey"] = str(pem)
    ran = _run(compiled, plan, pem.read_text() if source == "env" else None)
    assert ran["error"] is None
    code, report = _verify(logs, keys / "writer.pub.pem")
    assert code == 0, report
    (stream,) = report["streams"]
    assert (stream["stream"], stream["records"], stream["sealed_to"], stream["unsealed"]) == (
        ran["stream"],
        40,
        39,
        0,
    )
    assert stream["checkpoints"] == 6  # 5 of 7 records, and the last 5 records on close
    assert len(stream["files"]) >= 4  # rotated at 2,500 bytes
    assert {"audit.jsonl", "audit.jsonl.1", "audit.jsonl.2", "audit.jsonl.3"} < {
        p.name for p in logs.iterdir()
    }
    for path in logs.iterdir():
        assert SECRET not in path.read_text()
        if not path.name.endswith(".checkpoints"):
            assert 0 < path.stat().st_size <= 2500, path.name


def test_a_key_rotation_from_node_is_followed_by_verify_log(
    compiled: Compiled, keys: Path, tmp_path: Path
) -> None:
    logs, plan = _plan(
        tmp_path,
        {"signer": str(keys / "writer.pem"), "checkpointEvery": 5},
        [{"emit": 7}, {"rotateKey": str(keys / "next.pem")}, {"emit": 7}, {"close": True}],
    )
    assert _run(compiled, plan)["error"] is None
    code, report = _verify(logs, keys / "writer.pub.pem")
    assert (code, report["streams"][0]["checkpoints"], report["unsealed"]) == (0, 4, 0)
    code, report = _verify(logs, keys / "next.pub.pem")  # the old key's checkpoints are unknown
    assert code == 1
    assert {p["kind"] for p in report["problems"]} == {"unknown_key", "checkpoint_chain"}


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def _edit(logs: Path) -> None:
    lines = _lines(logs / "audit.jsonl.1")
    lines[1] = lines[1].replace(b'"id":"u-', b'"id":"x-', 1)
    (logs / "audit.jsonl.1").write_bytes(b"".join(lines))


def _delete_record(logs: Path) -> None:
    lines = _lines(logs / "audit.jsonl.2")
    (logs / "audit.jsonl.2").write_bytes(b"".join(lines[:1] + lines[2:]))


def _delete_rotated_file(logs: Path) -> None:
    (logs / "audit.jsonl.2").unlink()


def _delete_checkpoint(logs: Path) -> None:
    lines = _lines(logs / "audit.jsonl.checkpoints")
    (logs / "audit.jsonl.checkpoints").write_bytes(b"".join(lines[:2] + lines[3:]))


def _forge_signature(logs: Path) -> None:
    text = (logs / "audit.jsonl.checkpoints").read_text()
    at = text.index('"sig":"') + 7
    (logs / "audit.jsonl.checkpoints").write_text(
        text[:at] + ("0" if text[at] != "0" else "1") + text[at + 1 :]
    )


def _truncate(logs: Path) -> None:
    lines = _lines(logs / "audit.jsonl")
    (logs / "audit.jsonl").write_bytes(b"".join(lines[:-1]))


def _reseal(logs: Path) -> None:
    """Edit the active file's first record and recompute every hash after it (the chain holds;
    the signed Merkle root does not)."""
    lines = _lines(logs / "audit.jsonl")
    prev = json.loads(lines[0])["prev_hash"].encode()
    rewritten = []
    for line in lines:
        record = json.loads(line)
        body = line[: line.index(b',"stream":')] + b"}"
        body = body.replace(b'"id":"u-', b'"id":"x-', 1)
        new, prev = seal(body, prev, record["stream"], record["seq"])
        rewritten.append(new)
    (logs / "audit.jsonl").write_bytes(b"".join(rewritten))


TAMPERING = [
    ("a record edited", _edit, [("edited", "audit.jsonl.1", 2)]),
    ("a record deleted", _delete_record, [("missing", "audit.jsonl.2", 2)]),
    ("a rotated file deleted", _delete_rotated_file, [("missing", "audit.jsonl.3", 1)]),
    ("a checkpoint deleted", _delete_checkpoint, [("checkpoint_chain", "audit.jsonl.checkpoints", 3)]),
    ("a checkpoint's signature changed", _forge_signature,
     [("bad_signature", "audit.jsonl.checkpoints", 1), ("checkpoint_chain", "audit.jsonl.checkpoints", 2)]),
    ("the last record cut off", _truncate, [("truncated", "audit.jsonl.13", 4)]),  # named after the last record left: the newest rotated file
    ("records edited and re-hashed", _reseal, [("resealed", "audit.jsonl", 1)]),
]  # fmt: skip
"""What each change does to the log of `_signed_log` (40 records of stream node-1, a checkpoint
every 7, rotated at 2,500 bytes: audit.jsonl.1, .2 ... then audit.jsonl) and the problems
`verify-log` reports: (kind, file, line). "*": the file is not compared (verify.py names a
truncation's file as the greatest name of the stream's files as strings: audit.jsonl.9 before
audit.jsonl.10 and audit.jsonl)."""


@pytest.mark.parametrize(
    ("change", "expected"), [(c, e) for _n, c, e in TAMPERING], ids=[n for n, *_ in TAMPERING]
)
def test_tampering_with_a_node_written_log_is_caught(
    compiled: Compiled,
    keys: Path,
    tmp_path: Path,
    change: Any,
    expected: list[tuple[str, str, int]],
) -> None:
    logs = _signed_log(compiled, keys, tmp_path / "logs")
    assert _verify(logs, keys / "writer.pub.pem")[0] == 0
    change(logs)
    code, report = _verify(logs, keys / "writer.pub.pem")
    assert code == 1, report
    problems = sorted((p["kind"], Path(p["file"]).name, p["line"]) for p in report["problems"])
    assert len(problems) == len(expected), problems
    for got, want in zip(problems, expected, strict=True):
        assert got == want or (want[1] == "*" and (got[0], got[2]) == (want[0], want[2])), problems


def _ec_key(path: Path) -> Path:
    path.write_bytes(ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))  # fmt: skip
    return path


CONSTRUCTION = [
    ("no key in the environment", {"signer": "env"}, None,
     "signed checkpoints need a private key: pass a key file or set $REGISTRY_AUDIT_SIGNING_KEY to a PEM key"),
    ("a key file that is not there", {"signer": "{tmp}/absent.pem"}, None,
     "cannot read the signing key {tmp}/absent.pem: no such file or directory"),
    ("a public key given as the private one", {"signer": "{keys}/writer.pub.pem"}, None,
     "the signing key file {keys}/writer.pub.pem is not an unencrypted PEM private key (write one with `registry keys generate`)"),
    ("an ECDSA key", {"signer": "{tmp}/ec.pem"}, None,
     "the signing key file {tmp}/ec.pem is not an Ed25519 private key"),
    ("a variable that is not a key", {"signer": "env"}, "not-a-key-s3cr3t-value",
     "$REGISTRY_AUDIT_SIGNING_KEY is not an unencrypted PEM private key (write one with `registry keys generate`)"),
    ("a mirror directory that is not there", {"signer": "{keys}/writer.pem", "checkpointMirror": "{tmp}/nowhere"}, None,
     "cannot open the checkpoint mirror {tmp}/nowhere/audit.jsonl.checkpoints: no such file or directory"),
    ("checkpointEvery 0", {"signer": "{keys}/writer.pem", "checkpointEvery": 0}, None,
     "checkpointEvery must be a positive integer, not 0"),
    ("checkpointSeconds negative", {"checkpointSeconds": -1}, None,
     "checkpointSeconds must be a positive number, not -1"),
    ("rotateBytes not an integer", {"rotateBytes": 1.5}, None, "rotateBytes must be a positive integer, not 1.5"),
    ("rotateSeconds 0", {"rotateSeconds": 0}, None, "rotateSeconds must be a positive number, not 0"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("options", "env", "message"), [c[1:] for c in CONSTRUCTION], ids=[c[0] for c in CONSTRUCTION]
)
def test_the_sink_refuses_to_start_without_what_it_needs(
    compiled: Compiled,
    keys: Path,
    tmp_path: Path,
    options: dict[str, Any],
    env: str | None,
    message: str,
) -> None:
    _ec_key(tmp_path / "ec.pem")
    fill = {"tmp": str(tmp_path), "keys": str(keys)}
    options = {k: v.format(**fill) if isinstance(v, str) else v for k, v in options.items()}
    plan = {"log": str(tmp_path / "audit.jsonl"), "options": options, "steps": [{"emit": 1}]}
    ran = _run(compiled, plan, env)
    assert ran["error"] == {
        "name": "AuditConfigurationError",
        "message": message.format(**fill),
        "step": 0,
    }
    if "signer" in options and "checkpointMirror" not in options:
        assert not (tmp_path / "audit.jsonl").exists()  # refused before opening anything


def test_a_record_is_sealed_once_it_is_checkpoint_seconds_old(
    compiled: Compiled, keys: Path, tmp_path: Path
) -> None:
    logs, plan = _plan(
        tmp_path,
        {"signer": str(keys / "writer.pem"), "checkpointSeconds": 0.3},
        [
            {"emit": 2},
            {"checkpoints": True},
            {"sleep": 900},
            {"checkpoints": True},
            {"emit": 1},
            {"close": True},
            {"checkpoints": True},
        ],
    )
    ran = _run(compiled, plan)
    assert (ran["error"], ran["seen"]) == (None, [0, 1, 2])
    assert _verify(logs, keys / "writer.pub.pem")[0] == 0


def test_heartbeats_while_idle(compiled: Compiled, keys: Path, tmp_path: Path) -> None:
    logs, plan = _plan(
        tmp_path,
        {
            "signer": str(keys / "writer.pem"),
            "checkpointSeconds": 0.2,
            "heartbeat": True,
        },
        [{"emit": 1}, {"sleep": 1100}, {"close": True}, {"checkpoints": True}],
    )
    ran = _run(compiled, plan)
    assert ran["error"] is None
    assert 3 <= ran["seen"][0] <= 7  # the record's, then empty ones every 0.2 s
    checkpoints = [
        json.loads(line) for line in (logs / "audit.jsonl.checkpoints").read_text().splitlines()
    ]
    assert checkpoints[0]["count"] == 1
    assert {c["count"] for c in checkpoints[1:]} == {0}
    code, report = _verify(logs, keys / "writer.pub.pem")
    assert (code, report["streams"][0]["checkpoints"]) == (0, len(checkpoints))


def test_the_timer_does_not_keep_node_running(
    compiled: Compiled, keys: Path, tmp_path: Path
) -> None:
    logs, plan = _plan(tmp_path, {"signer": str(keys / "writer.pem")}, [{"emit": 3}])
    start = time.monotonic()
    assert _run(compiled, plan)["error"] is None  # no close: the 60 s timer is unref'd
    assert time.monotonic() - start < 30
    code, report = _verify(logs, keys / "writer.pub.pem")
    assert (code, report["unsealed"]) == (3, 3)


def test_a_signer_failing_in_the_timer_is_reported_by_the_next_write(
    compiled: Compiled, keys: Path, tmp_path: Path
) -> None:
    log = tmp_path / "audit.jsonl"
    plan = {
        "log": str(log),
        "callbackKey": str(keys / "writer.pem"),
        "signerFailsAfter": 0,
        "options": {"checkpointSeconds": 0.2},
        "steps": [{"emit": 1}, {"sleep": 600}, {"emit": 1}],
    }
    ran = _run(compiled, plan)
    assert ran["error"] == {
        "name": "AuditError",
        "message": f"sealing the audit log {log} failed: the signing service is unreachable",
        "step": 3,
    }
    assert len(log.read_text().splitlines()) == 1  # the refused write wrote nothing


def test_a_failing_mirror_leaves_the_log_sealed(
    compiled: Compiled, keys: Path, tmp_path: Path
) -> None:
    # the checkpoint is in the checkpoint file when the mirror throws: the stream goes on from it
    logs, plan = _plan(
        tmp_path,
        {"signer": str(keys / "writer.pem"), "checkpointEvery": 2},
        [{"emit": 2}, {"emit": 3}, {"close": True}],
        mirrorFailsOnce=True,
    )
    ran = _run(compiled, plan)
    assert ran["errors"] == [
        {
            "name": "AuditError",
            "message": f"the checkpoint sealing records 0 to 1 of stream {ran['stream']} is in "
            f"{logs / 'audit.jsonl.checkpoints'}, but the checkpoint mirror failed, so it lacks "
            "this checkpoint: Error: the mirror store is unreachable",
            "step": 1,
        }
    ]
    code, report = _verify(logs, keys / "writer.pub.pem")
    assert (code, report["records"], report["unsealed"], report["problems"]) == (0, 5, 0, [])
    assert report["streams"][0]["checkpoints"] == 3


def _lacks(message: str) -> str:
    return message.split(", so it lacks ")[1]


def test_a_mirror_down_for_several_checkpoints_gets_them_all_in_order(
    compiled: Compiled, keys: Path, tmp_path: Path
) -> None:
    # as Python's sealer: the refused lines are kept and sent again, oldest first, before the
    # next checkpoint and by flush and close
    logs, plan = _plan(
        tmp_path,
        {"signer": str(keys / "writer.pem"), "checkpointEvery": 1},
        [{"emitEach": 3}, {"flush": True}, {"mirror": "up"}, {"flush": True}, {"emit": 1},
         {"close": True}],
        mirror="down",
    )  # fmt: skip
    ran = _run(compiled, plan)
    refused = "Error: the mirror store is unreachable"
    assert [(e["name"], e["step"], _lacks(e["message"])) for e in ran["errors"]] == [
        ("AuditError", 1, f"this checkpoint: {refused}"),
        ("AuditError", 1, f"2 checkpoints: {refused}"),
        ("AuditError", 1, f"3 checkpoints: {refused}"),
        ("AuditError", 2, f"3 checkpoints: {refused}"),
    ]
    assert ran["errors"][1]["message"].startswith(
        f"the checkpoint sealing records 1 to 1 of stream {ran['stream']} is in "
    )
    assert ran["errors"][3]["message"].startswith(
        f"the checkpoint mirror of stream {ran['stream']} failed again, so it lacks "
    )
    checkpoints = (logs / "audit.jsonl.checkpoints").read_text("utf-8").splitlines(keepends=True)
    assert len(checkpoints) == 4
    assert ran["mirrored"] == checkpoints
    code, report = _verify(logs, keys / "writer.pub.pem")
    assert (code, report["records"], report["unsealed"], report["problems"]) == (0, 4, 0, [])


def test_a_full_mirror_backlog_drops_the_oldest_and_says_so(
    compiled: Compiled, keys: Path, tmp_path: Path
) -> None:
    logs, plan = _plan(
        tmp_path,
        {"signer": str(keys / "writer.pem"), "checkpointEvery": 1},
        [{"emitEach": 1026}, {"mirror": "up"}, {"close": True}],
        mirror="down",
    )
    ran = _run(compiled, plan)
    assert len(ran["errors"]) == 1026
    assert _lacks(ran["errors"][1023]["message"]) == (
        "1024 checkpoints: Error: the mirror store is unreachable"
    )
    assert _lacks(ran["errors"][-1]["message"]) == (
        "1026 checkpoints (2 of them dropped for good): Error: the mirror store is unreachable"
    )
    checkpoints = (logs / "audit.jsonl.checkpoints").read_text("utf-8").splitlines(keepends=True)
    assert len(checkpoints) == 1026
    assert ran["mirrored"] == checkpoints[2:]  # the 1,024 newest, in order, sent by close


def test_a_torn_last_line_in_a_checkpoint_file_stays_a_line_of_its_own(
    compiled: Compiled, keys: Path, tmp_path: Path
) -> None:
    # what a writer killed inside a checkpoint leaves never swallows the next checkpoint
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    logs, plan = _plan(
        tmp_path,
        {"signer": str(keys / "writer.pem"), "checkpointMirror": str(mirror)},
        [{"emit": 2}, {"close": True}],
    )
    fragment = '{"checkpoint":1,"stream":"s","fi'
    files = [logs / "audit.jsonl.checkpoints", mirror / "audit.jsonl.checkpoints"]
    for path in files:
        path.write_text(fragment, "utf-8")
    assert _run(compiled, plan)["errors"] == []
    for path in files:
        found = path.read_text("utf-8").splitlines()
        assert found[0] == fragment
        assert [json.loads(line)["count"] for line in found[1:]] == [2]
    code, report = _verify(logs, keys / "writer.pub.pem")
    assert code == 1, report
    assert [(p["kind"], p["line"]) for p in report["problems"]] == [("bad_checkpoint", 1)]
    assert (report["records"], report["unsealed"]) == (2, 0)


def test_rotation_by_age_continues_the_chain(
    compiled: Compiled, keys: Path, tmp_path: Path
) -> None:
    logs, plan = _plan(
        tmp_path,
        {"signer": str(keys / "writer.pem"), "rotateSeconds": 0.3},
        [{"emit": 2}, {"sleep": 500}, {"emit": 3}, {"close": True}],
    )
    assert _run(compiled, plan)["error"] is None
    assert sorted(p.name for p in logs.iterdir()) == [
        "audit.jsonl",
        "audit.jsonl.1",
        "audit.jsonl.checkpoints",
    ]
    assert [
        json.loads(line)["seq"] for line in (logs / "audit.jsonl.1").read_text().splitlines()
    ] == [0, 1]
    assert [
        json.loads(line)["seq"] for line in (logs / "audit.jsonl").read_text().splitlines()
    ] == [2, 3, 4]
    code, report = _verify(logs, keys / "writer.pub.pem")
    assert (code, report["records"], report["unsealed"]) == (0, 5, 0)

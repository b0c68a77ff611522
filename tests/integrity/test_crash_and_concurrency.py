"""Real crashes and real concurrency with checkpoints: SIGKILL inside a record and inside a
checkpoint, then recovery; threads and processes writing signed streams; rotation by time;
key rotation; `registry keys generate`."""

from __future__ import annotations

import multiprocessing
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from integrity_helpers import emit, keys, private_pem, public_pem, signer, write_signed

from registry.cli import main
from registry_runtime import Emitter, JsonLinesSink
from registry_runtime.errors import AuditConfigurationError
from registry_runtime.verify import verify_log, verify_logs

HERE = Path(__file__).parent


def start_writer(log: Path, every: int, padding: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    script = str(HERE / "integrity_helpers.py")
    return subprocess.Popen([sys.executable, script, str(log), str(every), str(padding)], env=env)


def kill_when(child: subprocess.Popen[bytes], ready: callable[[], bool]) -> None:  # type: ignore[valid-type]
    deadline = time.monotonic() + 60
    while not ready() and time.monotonic() < deadline:
        assert child.poll() is None
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    assert child.wait(30) == -signal.SIGKILL


def mid_line(path: Path) -> bool:
    if not path.exists() or path.stat().st_size < 1_000_000:
        return False
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        return os.pread(handle.fileno(), 1, size - 1) != b"\n"


def test_sigkill_inside_a_record_then_recovery(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    torn = attempts = 0
    # a kill seen mid-line may still land after the write completes (timing): try again until
    # one leaves a torn line, at least three writers in all
    while attempts < 3 or (torn == 0 and attempts < 12):
        attempts += 1
        child = start_writer(log, 50, 300_000)
        kill_when(child, lambda: mid_line(log))
        data = log.read_bytes()
        torn += not data.endswith(b"\n")
        before = verify_log(log, public_keys=keys(1))
        assert before.ok, before.problems  # a torn last line is what a crash leaves
        write_signed(log, 2)  # the next writer closes the fragment with a marker
        assert log.read_bytes().startswith(data)
    assert torn >= 1
    result = verify_log(log, public_keys=keys(1))
    assert result.ok, result.problems
    assert {p.kind for p in result.problems} <= {"torn"}
    # each recovering writer: its 2 records (+ the marker)
    assert sum(s.records in (2, 3) and not s.unsealed for s in result.streams) == attempts
    assert len(result.streams) <= 2 * attempts  # a writer killed in its first record has none


def test_sigkill_inside_a_checkpoint_then_recovery(tmp_path: Path) -> None:
    """Small records and a checkpoint after each: kills land in checkpoint writes too."""
    log = tmp_path / "audit.jsonl"
    checkpoints = Path(f"{log}.checkpoints")
    cut = 0
    for _attempt in range(6):
        child = start_writer(log, 1, 10)
        kill_when(child, lambda: checkpoints.exists() and checkpoints.stat().st_size > 20_000)
        cut += not checkpoints.read_bytes().endswith(b"\n")
        write_signed(log, 1)
    result = verify_log(log, public_keys=keys(1))
    kinds = {p.kind for p in result.problems}
    # a checkpoint cut short by a kill is not a checkpoint: reported, and only that
    assert kinds <= {"torn", "bad_checkpoint"}, result.problems
    assert sum(p.kind == "bad_checkpoint" for p in result.problems) == cut
    assert all(s.unsealed <= 1 for s in result.streams)


def test_threads_share_a_signed_sink(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    sink = JsonLinesSink(log, signer=signer(), checkpoint_every=100)
    emitter = Emitter(sink, hmac_key="k")
    threads = [threading.Thread(target=lambda: [emit(emitter, n) for n in range(500)]) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    emitter.close()
    result = verify_log(log, public_keys=keys(1))
    assert (result.ok, result.records, result.unsealed, result.problems) == (True, 4000, 0, [])
    assert result.streams[0].checkpoints == 40


def write_process(path: str, count: int) -> None:
    write_signed(Path(path), count, checkpoint_every=50)


def test_processes_write_their_own_streams_to_one_file(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=write_process, args=(str(log), 300)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0
    result = verify_log(log, public_keys=keys(1))
    assert (result.ok, result.records, result.unsealed) == (True, 1200, 0), result.problems
    assert sorted(s.records for s in result.streams) == [300] * 4


def test_seal_timer_seals_an_idle_stream(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    sink = JsonLinesSink(log, signer=signer(), checkpoint_seconds=0.2)
    emitter = Emitter(sink, hmac_key="k")
    emit(emitter, 1)
    deadline = time.monotonic() + 10
    while verify_log(log, public_keys=keys(1)).unsealed and time.monotonic() < deadline:
        time.sleep(0.05)
    assert verify_log(log, public_keys=keys(1)).unsealed == 0  # sealed while still open
    emitter.close()


def test_rotation_by_time_and_key_rotation(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    sink = JsonLinesSink(log, signer=signer(1), rotate_seconds=0.05, checkpoint_every=3)
    emitter = Emitter(sink, hmac_key="k")
    for n in range(4):
        emit(emitter, n)
        time.sleep(0.06)
    sink.rotate_key(signer(2))
    for n in range(4, 8):
        emit(emitter, n)
    emitter.close()
    result = verify_logs([tmp_path], public_keys=keys(1))  # the new key comes from the log
    assert (result.ok, result.records, result.unsealed) == (True, 8, 0), result.problems
    assert len(result.streams[0].files) >= 4
    assert not verify_logs([tmp_path], public_keys=keys(2)).ok  # the first key is needed


def test_signing_without_a_key_fails_at_construction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGISTRY_AUDIT_SIGNING_KEY", raising=False)
    with pytest.raises(AuditConfigurationError, match="REGISTRY_AUDIT_SIGNING_KEY"):
        JsonLinesSink(tmp_path / "a.jsonl", signer="env")
    with pytest.raises(AuditConfigurationError, match="cannot read the signing key"):
        JsonLinesSink(tmp_path / "a.jsonl", signer=tmp_path / "missing.pem")
    pem = private_pem(1, tmp_path / "k.pem")
    monkeypatch.setenv("REGISTRY_AUDIT_SIGNING_KEY", pem.read_text())
    write_signed(tmp_path / "b.jsonl", 3, signer="env")
    write_signed(tmp_path / "c.jsonl", 3, signer=pem)
    assert verify_log(tmp_path / "b.jsonl", public_keys=keys(1)).unsealed == 0
    assert verify_log(tmp_path / "c.jsonl", public_keys=keys(1)).unsealed == 0


def test_keys_generate_writes_a_private_key_for_its_owner_only(tmp_path: Path) -> None:
    out = tmp_path / "keys"
    result = CliRunner().invoke(main, ["keys", "generate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    private = (out / "audit-signing.pem").read_bytes()
    assert stat.S_IMODE((out / "audit-signing.pem").stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in private
    assert private.decode() not in result.output
    assert "PRIVATE" not in result.output
    key_id = result.output.split("key id:")[1].strip()
    log = tmp_path / "audit.jsonl"
    write_signed(log, 5, signer=out / "audit-signing.pem")
    assert key_id in Path(f"{log}.checkpoints").read_text()
    verified = CliRunner().invoke(main, ["verify-log", str(log), "--public-key", str(out / "audit-signing.pub.pem")])
    assert verified.exit_code == 0, verified.output
    again = CliRunner().invoke(main, ["keys", "generate", "--out", str(out)])
    assert again.exit_code == 2
    assert "not replacing" in again.output


def test_verify_log_cli_reports_unsigned_streams_and_json(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    write_signed(log, 3)
    text = CliRunner().invoke(main, ["verify-log", str(log)])
    assert text.exit_code == 0
    assert "unsigned: no --public-key given" in text.output
    assert text.output.endswith("3 records; chain intact.\n")
    pem = public_pem(1, tmp_path.parent / f"{tmp_path.name}.pub.pem")
    as_json = CliRunner().invoke(main, ["verify-log", str(tmp_path), "--public-key", str(pem), "--format", "json"])
    import json

    report = json.loads(as_json.output)
    assert (as_json.exit_code, report["ok"], report["signed"], report["unsealed"]) == (0, True, True, 0)
    bad_gap = CliRunner().invoke(main, ["verify-log", str(log), "--max-gap", "soon"])
    assert bad_gap.exit_code == 2

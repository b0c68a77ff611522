"""The chained-log writer after a failure, and where the verifier says a log was cut (issue 16).

A mirror that fails, or a signer that fails once, must leave a trail that `registry verify-log
--public-key` proves intact; the seal timer must outlive a failure; a truncation is named at
the file that holds the stream's last record in rotation order (``.10`` after ``.9``, the
active file last), on the line after that file's last.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

import pytest
from click.testing import CliRunner
from integrity_helpers import (
    SPEC,
    emit,
    fixed_key,
    keys,
    lines,
    public_pem,
    put,
    raw_public,
    write_signed,
)
from integrity_helpers import signer as fixed_signer

from registry.cli import main
from registry_runtime import Actor, Emitter, JsonLinesSink
from registry_runtime.errors import AuditError
from registry_runtime.signing import Signer
from registry_runtime.verify import verify_log, verify_logs

T = TypeVar("T")


def verify_cli(paths: list[Path], tmp_path: Path) -> tuple[int, dict[str, object]]:
    pem = public_pem(1, tmp_path / "key.pub.pem")
    outcome = CliRunner().invoke(
        main,
        ["verify-log", *map(str, paths), "--public-key", str(pem), "--format", "json"],
    )
    assert "Traceback" not in outcome.output, outcome.output
    return outcome.exit_code, json.loads(outcome.output)


class FailingOnce(Generic[T]):
    """``action``, except that its first call raises `ConnectionError(message)`; counts calls."""

    def __init__(self, action: Callable[[bytes], T], message: str) -> None:
        self.action = action
        self.message = message
        self.calls = 0

    def __call__(self, data: bytes) -> T:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError(self.message)
        return self.action(data)


def nowhere(line: bytes) -> None:
    """A mirror that keeps nothing."""


def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def unsealed(log: Path) -> int:
    return verify_log(log, public_keys=keys(1)).unsealed


# -- 1. a mirror that fails ------------------------------------------------------------------


def test_a_mirror_failing_once_leaves_the_log_sealed_and_intact(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    mirrored: list[bytes] = []
    mirror = FailingOnce(mirrored.append, "the mirror store is unreachable")
    sink = JsonLinesSink(log, signer=fixed_signer(), checkpoint_every=2, checkpoint_mirror=mirror)
    emitter = Emitter(sink, hmac_key="k")
    emit(emitter, 0)
    with pytest.raises(AuditError) as raised:
        emit(emitter, 1)  # the record is written, then sealed; the mirror refuses the checkpoint
    assert str(raised.value) == (
        f"the checkpoint sealing records 0 to 1 of stream {sink.stream} is in "
        f"{log}.checkpoints, but the checkpoint mirror failed, so it lacks this checkpoint: "
        "ConnectionError: the mirror store is unreachable"
    )
    for n in range(2, 5):
        emit(emitter, n)
    emitter.close()
    checkpoints = lines(Path(f"{log}.checkpoints"))
    assert [json.loads(c)["first"] for c in checkpoints] == [0, 2, 4]
    assert [line[:-1] for line in mirrored] == checkpoints  # the refused one sent again first
    code, report = verify_cli([log], tmp_path)
    assert (code, report["records"], report["unsealed"], report["problems"]) == (0, 5, 0, [])
    assert report["streams"][0]["checkpoints"] == 3  # type: ignore[index]


class FailingWhile:
    """A mirror that keeps lines in ``kept``, and raises `ConnectionError` while ``down``."""

    def __init__(self) -> None:
        self.kept: list[bytes] = []
        self.down = True

    def __call__(self, data: bytes) -> None:
        if self.down:
            raise ConnectionError("the mirror store is unreachable")
        self.kept.append(data)


def test_a_mirror_down_for_several_checkpoints_gets_them_all_in_order(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    mirror = FailingWhile()
    sink = JsonLinesSink(log, signer=fixed_signer(), checkpoint_every=1, checkpoint_mirror=mirror)
    emitter = Emitter(sink, hmac_key="k")
    messages = []
    for n in range(3):
        with pytest.raises(AuditError) as raised:
            emit(emitter, n)
        messages.append(str(raised.value).split(", so it lacks ")[1])
    assert messages == [
        "this checkpoint: ConnectionError: the mirror store is unreachable",
        "2 checkpoints: ConnectionError: the mirror store is unreachable",
        "3 checkpoints: ConnectionError: the mirror store is unreachable",
    ]
    with pytest.raises(AuditError) as raised:
        sink.flush()  # nothing new to seal: only the retry, which fails again
    assert str(raised.value) == (
        f"the checkpoint mirror of stream {sink.stream} failed again, so it lacks 3 "
        "checkpoints: ConnectionError: the mirror store is unreachable"
    )
    mirror.down = False
    sink.flush()  # the retry succeeds
    assert [line[:-1] for line in mirror.kept] == lines(Path(f"{log}.checkpoints"))
    emit(emitter, 3)
    emitter.close()
    assert [line[:-1] for line in mirror.kept] == lines(Path(f"{log}.checkpoints"))
    assert len(mirror.kept) == 4


def test_a_full_mirror_backlog_drops_the_oldest_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("registry_runtime.sealing.MIRROR_BACKLOG", 2)
    log = tmp_path / "audit.jsonl"
    mirror = FailingWhile()
    sink = JsonLinesSink(log, signer=fixed_signer(), checkpoint_every=1, checkpoint_mirror=mirror)
    emitter = Emitter(sink, hmac_key="k")
    for n in range(3):
        with pytest.raises(AuditError) as raised:
            emit(emitter, n)
    assert str(raised.value).endswith(
        ", so it lacks 3 checkpoints (1 of them dropped for good): "
        "ConnectionError: the mirror store is unreachable"
    )
    mirror.down = False
    emitter.close()
    assert [line[:-1] for line in mirror.kept] == lines(Path(f"{log}.checkpoints"))[1:]


def test_a_torn_last_line_in_a_checkpoint_file_stays_a_line_of_its_own(tmp_path: Path) -> None:
    """What a writer killed inside a checkpoint leaves never swallows the next checkpoint."""
    log = tmp_path / "audit.jsonl"
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    fragment = b'{"checkpoint":1,"stream":"s","fi'
    for path in (Path(f"{log}.checkpoints"), mirror / "audit.jsonl.checkpoints"):
        path.write_bytes(fragment)
    write_signed(log, 2, checkpoint_mirror=mirror).close()
    for path in (Path(f"{log}.checkpoints"), mirror / "audit.jsonl.checkpoints"):
        found = lines(path)
        assert found[0] == fragment
        assert [json.loads(c)["count"] for c in found[1:]] == [2]
    result = verify_log(log, public_keys=keys(1))
    assert [(p.kind, p.line) for p in result.problems] == [("bad_checkpoint", 1)]
    assert result.unsealed == 0


def test_a_mirror_failing_in_the_seal_timer_refuses_the_next_write_only(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    mirror = FailingOnce(nowhere, "the mirror store is unreachable")
    sink = JsonLinesSink(
        log, signer=fixed_signer(), checkpoint_seconds=0.1, checkpoint_mirror=mirror
    )
    emitter = Emitter(sink, hmac_key="k")
    emit(emitter, 0)
    assert wait_for(lambda: mirror.calls >= 1)
    with pytest.raises(
        AuditError,
        match=r"^sealing the audit log .* failed: the checkpoint sealing records 0 to 0 ",
    ):
        emit(emitter, 1)  # refused: nothing written
    assert len(lines(log)) == 1
    emit(emitter, 2)
    emitter.close()
    code, report = verify_cli([log], tmp_path)
    assert (code, report["records"], report["unsealed"], report["problems"]) == (0, 2, 0, [])


def test_a_key_rotation_whose_mirror_fails_still_rotates(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    mirror = FailingOnce(nowhere, "the mirror store is unreachable")
    sink = JsonLinesSink(log, signer=fixed_signer(1), checkpoint_mirror=mirror)
    emitter = Emitter(sink, hmac_key="k")
    emit(emitter, 0)
    with pytest.raises(AuditError, match=r"^the checkpoint sealing records 0 to 0 of stream "):
        sink.rotate_key(fixed_signer(2))
    emit(emitter, 1)
    emitter.close()
    assert [json.loads(c)["key"] for c in lines(Path(f"{log}.checkpoints"))] == [
        fixed_signer(1).key_id,
        fixed_signer(2).key_id,
    ]
    code, report = verify_cli([log], tmp_path)
    assert (code, report["records"], report["unsealed"], report["problems"]) == (0, 2, 0, [])


# -- 2. the seal timer outlives a failure ----------------------------------------------------


def test_the_seal_timer_keeps_sealing_after_a_signer_failure(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    sign = FailingOnce(fixed_key(1).sign, "the signing service is unreachable")
    signer = Signer(raw_public(fixed_key(1)), sign)
    sink = JsonLinesSink(log, signer=signer, checkpoint_seconds=0.2)
    emitter = Emitter(sink, hmac_key="k")
    emit(emitter, 0)
    # the timer's first checkpoint fails; it seals the record on a later tick, with no write
    assert wait_for(lambda: unsealed(log) == 0), "the record was not sealed after the failure"
    assert sign.calls == 2  # one failure, one retry: no busy loop
    with pytest.raises(AuditError) as raised:
        emit(emitter, 1)  # the failure is reported by the next write, which writes nothing
    assert str(raised.value) == (
        f"sealing the audit log {log} failed: the signing service is unreachable"
    )
    assert len(lines(log)) == 1
    emit(emitter, 2)
    emit(emitter, 3)
    assert wait_for(lambda: unsealed(log) == 0), "later records were not sealed by time"
    emitter.close()
    code, report = verify_cli([log], tmp_path)
    assert (code, report["records"], report["unsealed"], report["problems"]) == (0, 3, 0, [])


def test_heartbeats_go_on_after_a_signer_failure(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    sign = FailingOnce(fixed_key(1).sign, "the signing service is unreachable")
    signer = Signer(raw_public(fixed_key(1)), sign)
    sink = JsonLinesSink(log, signer=signer, checkpoint_seconds=0.1, heartbeat=True)
    checkpoints = Path(f"{log}.checkpoints")
    assert wait_for(lambda: checkpoints.exists() and len(lines(checkpoints)) >= 2)
    with pytest.raises(AuditError, match="the signing service is unreachable"):
        sink.close()  # the sink's last word on the failure
    assert all(json.loads(line)["count"] == 0 for line in lines(checkpoints))


# -- 3. a truncation is named at the stream's last file --------------------------------------


def rotated_log(tmp_path: Path) -> list[Path]:
    """A signed log rotated into more than ten files, and the active one: in chain order."""
    log = tmp_path / "audit.jsonl"
    sink = JsonLinesSink(
        log, signer=fixed_signer(), checkpoint_every=3, rotate_bytes=1500, head=False
    )
    with Emitter(sink, hmac_key="k") as emitter:
        for n in range(40):
            emitter._emit(SPEC, {"n": n}, actor=Actor("user", "u"), targets=[], outcome="success",
                          reason=None, context=None, tenant=None)  # fmt: skip
    files = sorted(tmp_path.glob("audit.jsonl.[0-9]*"), key=lambda p: int(p.suffix[1:]))
    return [*files, log]


def keep_active(count: int) -> Callable[[list[Path]], tuple[Path, int]]:
    """The active file cut to its first ``count`` records: the cut is after them."""

    def run(files: list[Path]) -> tuple[Path, int]:
        put(files[-1], lines(files[-1])[:count])
        return (files[-1], count + 1) if count else (files[-2], len(lines(files[-2])) + 1)

    return run


def drop_newest_rotated(files: list[Path]) -> tuple[Path, int]:
    """The active file emptied and the newest rotated file removed."""
    put(files[-1], [])
    files[-2].unlink()
    return files[-3], len(lines(files[-3])) + 1


TRUNCATIONS: dict[str, Callable[[list[Path]], tuple[Path, int]]] = {
    "the active file cut after its first record": keep_active(1),
    "the active file emptied (the last record is in the newest rotated file)": keep_active(0),
    "the active file emptied, the newest rotated file removed": drop_newest_rotated,
}


@pytest.mark.parametrize("case", list(TRUNCATIONS))
def test_truncation_names_the_file_of_the_streams_last_record(case: str, tmp_path: Path) -> None:
    files = rotated_log(tmp_path)
    assert len(files) > 12  # .10 and on sort before .9 as strings
    assert verify_logs([tmp_path], public_keys=keys(1)).ok
    file, line = TRUNCATIONS[case](files)
    result = verify_logs([tmp_path], public_keys=keys(1))
    assert [(p.kind, Path(p.file).name, p.line) for p in result.problems] == [
        ("truncated", file.name, line)
    ], result.problems
    stream = result.streams[0]
    assert [Path(p).name for p in stream.files] == [
        p.name for p in files if p.exists() and lines(p)
    ]
    code, report = verify_cli([tmp_path], tmp_path)
    assert code == 1
    problem = report["problems"][0]  # type: ignore[index]
    assert (problem["kind"], problem["file"], problem["line"]) == ("truncated", str(file), line)

"""The hash-chained JSON Lines sink: format, threads, processes, crashes, head file, fsync."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import runtime_workers
from runtime_helpers import ANY_EVENT, emit, emitter, write_log

from registry_runtime import AuditConfigurationError, AuditError, JsonLinesSink, MemorySink
from registry_runtime import jsonl as jsonl_module
from registry_runtime.chain import SUFFIX_LEN, ZERO_HASH, parse, seal
from registry_runtime.verify import verify_log

HERE = Path(__file__).resolve().parent


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


def records_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines_of(path)]


def head_of(path: Path) -> dict[str, Any]:
    return json.loads(Path(f"{path}.head").read_text())


def test_line_is_the_record_plus_prev_hash_and_hash_as_last_keys(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    memory = MemorySink()
    sink = JsonLinesSink(path)
    from registry_runtime import TeeSink

    e = emitter(TeeSink(memory, sink))
    emit(e)
    emit(e, ANY_EVENT, {"value": "naïve ☃ \"quoted\""})
    e.close()
    raw = lines_of(path)
    prev = ZERO_HASH
    for line, body, record in zip(raw, memory.lines, memory.records, strict=True):
        parsed = json.loads(line)
        assert list(parsed) == [*record, "stream", "seq", "prev_hash", "hash"]
        assert (parsed["stream"], parsed["prev_hash"]) == (sink.stream, prev.decode())
        hashed = body[:-1] + b',"stream":"%s","seq":%d}' % (sink.stream.encode(), parsed["seq"])
        assert parsed["hash"] == hashlib.sha256(prev + hashed).hexdigest()
        assert line[:-SUFFIX_LEN] + b"}" == hashed  # recovered without re-encoding
        prev = parsed["hash"].encode()
    assert verify_log(path).ok


def test_seal_refuses_what_is_not_one_json_object_line() -> None:
    for bad in (b"{}", b"[1]", b'{"a":\n1}', b""):
        with pytest.raises(ValueError, match="non-empty JSON object"):
            seal(bad, ZERO_HASH)
    line, _ = seal(b'{"a":1}\n', ZERO_HASH)  # a trailing newline is tolerated
    assert parse(line[:-1]) is not None


def test_reopening_continues_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write_log(path, 3)
    write_log(path, 2, start=3)
    result = verify_log(path)
    assert (result.ok, result.records, result.problems) == (True, 5, [])
    assert [record["fields"]["value"] for record in records_of(path)] == [0, 1, 2, 3, 4]


def test_head_file_describes_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write_log(path, 3)
    write_log(path, 4, start=3)
    head = head_of(path)
    last = records_of(path)[-1]
    assert head == {"records": 7, "last_hash": last["hash"], "size": path.stat().st_size}


def test_head_count_is_right_when_started_from_a_stale_or_bogus_head(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write_log(path, 5)
    Path(f"{path}.head").write_text('{"records": 2, "last_hash": "00", "size": 10}')
    write_log(path, 1, start=5)
    assert head_of(path)["records"] == 6
    write_log(path, 1, start=6, head=False)  # another writer without a head: head now stale
    write_log(path, 1, start=7)
    assert head_of(path)["records"] == 8
    assert verify_log(path).ok


def test_batched_fsync_updates_the_head_every_batch(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    sink = JsonLinesSink(path, fsync="batch", batch_size=10)
    e = emitter(sink)
    for n in range(25):
        emit(e, ANY_EVENT, {"value": n})
    assert head_of(path)["records"] == 20
    sink.flush()
    assert head_of(path)["records"] == 25
    e.close()
    assert verify_log(path).ok


def test_fsync_always(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    with JsonLinesSink(path, fsync="always") as sink:
        e = emitter(sink)
        for n in range(5):
            emit(e, ANY_EVENT, {"value": n})
    assert verify_log(path).records == 5


def test_bad_options_and_closed_sink(tmp_path: Path) -> None:
    with pytest.raises(AuditConfigurationError):
        JsonLinesSink(tmp_path / "a", fsync="sometimes")  # type: ignore[arg-type]
    with pytest.raises(AuditConfigurationError):
        JsonLinesSink(tmp_path / "a", batch_size=0)
    with pytest.raises(AuditConfigurationError, match="cannot open the audit log"):
        JsonLinesSink(tmp_path / "missing-dir" / "a.jsonl")
    sink = JsonLinesSink(tmp_path / "b")
    sink.close()
    sink.close()  # idempotent
    with pytest.raises(AuditError, match="closed"):
        sink.write({}, b'{"a":1}')


def test_a_sink_that_wrote_nothing_leaves_no_head(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    JsonLinesSink(path).close()
    assert path.read_bytes() == b""
    assert not Path(f"{path}.head").exists()


# -- many writers ----------------------------------------------------------------------------


def check_complete(path: Path, expected: dict[str, int]) -> None:
    """Every line a whole record, chain valid, each (worker, n) exactly once."""
    result = verify_log(path)
    assert result.ok, result.problems
    assert result.problems == []
    records = records_of(path)
    assert result.records == len(records) == sum(expected.values())
    seen: dict[str, list[int]] = {}
    for record in records:
        seen.setdefault(record["fields"]["worker"], []).append(record["fields"]["n"])
    assert {worker: sorted(ns) for worker, ns in seen.items()} == {
        worker: list(range(count)) for worker, count in expected.items()}
    for ns in seen.values():  # each writer's records keep their order
        assert ns == sorted(ns)
    assert head_of(path)["records"] == sum(expected.values())


def test_eight_threads_sharing_one_sink(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    e = emitter(JsonLinesSink(path))
    threads = [threading.Thread(target=runtime_workers.emit_many, args=(e, f"t{i}", 500, 300))
               for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    e.close()
    check_complete(path, {f"t{i}": 500 for i in range(8)})


def test_eight_threads_with_a_sink_each(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    threads = [threading.Thread(target=runtime_workers.write_records,
                                args=(str(path), f"t{i}", 500, 300)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check_complete(path, {f"t{i}": 500 for i in range(8)})


def test_four_processes_writing_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(4)
    processes = [context.Process(target=runtime_workers.write_records,
                                 args=(str(path), f"p{i}", 500, 2000, barrier))
                 for i in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0
    check_complete(path, {f"p{i}": 500 for i in range(4)})


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_sink_inherited_through_fork_gets_its_own_lock(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    e = emitter(JsonLinesSink(path))
    runtime_workers.emit_many(e, "parent-before", 10)
    context = multiprocessing.get_context("fork")
    children = [context.Process(target=runtime_workers.emit_many, args=(e, f"child{i}", 500, 500))
                for i in range(3)]
    for child in children:
        child.start()
    runtime_workers.emit_many(e, "parent", 500, 500)
    for child in children:
        child.join(120)
        assert child.exitcode == 0
    e.close()
    counts = {"parent-before": 10, "parent": 500} | {f"child{i}": 500 for i in range(3)}
    check_complete(path, counts)


# -- crashes ---------------------------------------------------------------------------------


def test_torn_last_line_is_terminated_and_the_chain_continues(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write_log(path, 3)
    whole = path.read_bytes()
    last_hash = records_of(path)[-1]["hash"].encode()
    line, _ = seal(b'{"event":"cut.short","fields":{"n":1}}', last_hash)
    with open(path, "ab") as handle:
        handle.write(line[: len(line) // 2])  # a writer died mid-write
    write_log(path, 2, start=3)
    data = path.read_bytes()
    assert data.startswith(whole + line[: len(line) // 2] + b"\n")  # nothing rewritten
    records = [json.loads(raw) for raw in lines_of(path) if parse(raw) is not None]
    fragment = line[: len(line) // 2]
    assert records[3] == {  # the next writer closed the fragment and said so, chained
        "control": "abandoned", "bytes": len(fragment), "sha256": hashlib.sha256(fragment).hexdigest(),
        "stream": records[4]["stream"], "seq": 0, "prev_hash": ZERO_HASH.decode(), "hash": records[4]["prev_hash"],
    }  # fmt: skip
    result = verify_log(path)
    assert result.ok
    assert result.records == 6
    assert [(p.line, p.kind) for p in result.problems] == [(4, "torn")]
    assert "closed by the next writer (line 5)" in result.problems[0].message


def test_a_complete_record_that_lost_only_its_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write_log(path, 2)
    data = path.read_bytes()
    path.write_bytes(data[:-1])  # the newline of the last record never made it
    write_log(path, 1, start=2)
    result = verify_log(path)
    assert (result.ok, result.records, result.problems) == (True, 3, [])


def test_several_crashes_in_a_row(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    with open(path, "ab") as handle:
        handle.write(b'{"id":"torn from the very first write')
    write_log(path, 1)
    with open(path, "ab") as handle:
        handle.write(b"\x00\x00\x00")  # a file system can leave zeros after a power loss
    write_log(path, 1, start=1)
    result = verify_log(path)
    assert result.ok
    assert [(p.line, p.kind) for p in result.problems] == [(1, "torn"), (4, "torn")]
    assert result.records == 4  # two records, each after the marker its writer wrote


def test_crash_inside_the_sinks_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "audit.jsonl"
    write_log(path, 2)

    def crash(fd: int, data: bytes) -> None:
        os.write(fd, data[:100])
        raise KeyboardInterrupt  # stands in for the process dying here

    sink = JsonLinesSink(path)
    e = emitter(sink)
    monkeypatch.setattr(jsonl_module, "_write_all", crash)
    with pytest.raises(KeyboardInterrupt):
        emit(e, ANY_EVENT, {"value": "lost"})
    monkeypatch.undo()
    emit(e, ANY_EVENT, {"value": "after"})  # the same sink notices the torn line too
    e.close()
    write_log(path, 1, start=3)
    result = verify_log(path)
    assert result.ok
    assert result.records == 5  # with the marker of the fragment
    assert [p.kind for p in result.problems] == ["torn"]
    complete = [json.loads(raw) for raw in lines_of(path) if parse(raw) is not None]
    assert [r["fields"]["value"] for r in complete[-2:]] == ["after", 3]


def test_real_sigkill_while_writing(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    script = str(HERE / "runtime_workers.py")
    for _ in range(3):
        child = subprocess.Popen([sys.executable, script, "forever", str(path)], env=env)
        deadline = time.monotonic() + 30
        while (not path.exists() or path.stat().st_size < 2_000_000) and \
                time.monotonic() < deadline:
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait()
        write_log(path, 1)
    result = verify_log(path)
    assert result.ok, result.problems
    assert {p.kind for p in result.problems} <= {"torn"}
    assert result.records == sum(1 for raw in lines_of(path) if parse(raw) is not None)

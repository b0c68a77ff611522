"""The generated emitters under load, writing one hash-chained JSON Lines log.

- 8 threads (sharing one facade and sink) and 2 processes (a sink each) append 100,000
  events in total to one file at the same time; `registry verify-log` then passes, the count
  is exact, every writer's steps are all there once and in order, and the head file agrees.
- A writer process killed with SIGKILL in the middle of the stream (alone, and while other
  writers go on) leaves a log whose damage `verify-log` reports exactly: at most one `torn`
  line, the line that is not a complete record, and nothing else. The next writer terminates
  the torn line and chains from the last complete record, so the log verifies again and the
  new records follow on.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import load_workers
import pytest
from click.testing import CliRunner

from registry.cli import main
from registry.generate.run import generate
from registry_runtime import JsonLinesSink
from registry_runtime.chain import ZERO_HASH, parse
from registry_runtime.verify import VerifyResult, verify_log

from conftest import make_config

HERE = Path(__file__).parent
THREADS, PER_THREAD = 8, 7_500
PROCESSES, PER_PROCESS = 2, 20_000
TOTAL = THREADS * PER_THREAD + PROCESSES * PER_PROCESS
PACKAGE = f"load_events_{os.getpid()}"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(directory, package) of the emitters generated from `load_workers.CATALOG`."""
    root = tmp_path_factory.mktemp("load")
    (root / "load.yaml").write_text(load_workers.CATALOG, "utf-8")
    out = root / "out"
    result = generate("python", (str(root / "load.yaml"),), make_config(root), out, package=PACKAGE)
    assert result.blocking == (), [f.message for f in result.blocking]
    yield str(out), PACKAGE
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    if str(out) in sys.path:
        sys.path.remove(str(out))


def complete_lines(path: Path) -> list[bytes]:
    return [line for line in path.read_bytes().split(b"\n") if parse(line) is not None]


def steps_by_worker(path: Path) -> dict[str, list[int]]:
    steps: dict[str, list[int]] = {}
    for line in complete_lines(path):
        fields = json.loads(line)["fields"]
        steps.setdefault(fields["worker"], []).append(fields["step"])
    return steps


def verify_cli(path: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["verify-log", str(path), "--format", "json"])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.output)


def test_eight_threads_and_two_processes_write_100000_events(
    generated: tuple[str, str], tmp_path: Path
) -> None:
    out, package = generated
    log = tmp_path / "audit.jsonl"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES + THREADS)  # everyone starts appending at once
    processes = [
        context.Process(
            target=load_workers.run_process,
            args=(out, package, str(log), f"process{i}", PER_PROCESS, barrier),
        )
        for i in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    facade = load_workers.facade(out, package)
    started = time.perf_counter()
    with facade.AuditLog(JsonLinesSink(log), hmac_key=load_workers.KEY) as audit:
        load_workers.run_threads(audit, "thread", THREADS, PER_THREAD, barrier)
    for process in processes:
        process.join(300)
        assert process.exitcode == 0
    elapsed = time.perf_counter() - started
    print(
        f"\n{TOTAL:,} events from {THREADS} threads and {PROCESSES} processes in "
        f"{elapsed:.1f} s ({TOTAL / elapsed:,.0f}/s), {log.stat().st_size / 1e6:.1f} MB"
    )

    code, report = verify_cli(log)
    assert (code, report["ok"], report["records"], report["problems"]) == (0, True, TOTAL, [])
    steps = steps_by_worker(log)
    expected = {f"thread{i}": PER_THREAD for i in range(THREADS)}
    expected |= {f"process{i}": PER_PROCESS for i in range(PROCESSES)}
    assert {worker: len(found) for worker, found in steps.items()} == expected
    for found in steps.values():  # each writer's records are all there, once, in order
        assert found == list(range(len(found)))
    head = json.loads((tmp_path / "audit.jsonl.head").read_text())
    assert head["records"] == TOTAL
    assert head["last_hash"] == report["last_hash"]
    assert head["size"] == log.stat().st_size
    text = CliRunner().invoke(main, ["verify-log", str(log)])
    assert text.output == f"{TOTAL} records; chain intact.\n"
    assert len({json.loads(line)["id"] for line in complete_lines(log)}) == TOTAL  # ids unique


# -- SIGKILL --------------------------------------------------------------------------------


def start_doomed_writer(
    generated: tuple[str, str], log: Path, worker: str, note_size: int
) -> subprocess.Popen[bytes]:
    out, package = generated
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    return subprocess.Popen(
        [
            sys.executable,
            str(HERE / "load_workers.py"),
            out,
            package,
            str(log),
            worker,
            str(note_size),
        ],
        env=env,
    )


def kill_after(
    child: subprocess.Popen[bytes], log: Path, grown_to: int, mid_write: bool = False
) -> None:
    """SIGKILL `child` once the log has grown to `grown_to` bytes; with `mid_write`, at a
    moment when the file does not end with a newline (a write under way), if one comes."""
    deadline = time.monotonic() + 60
    while (not log.exists() or log.stat().st_size < grown_to) and time.monotonic() < deadline:
        assert child.poll() is None, "the writer died by itself"
        time.sleep(0.002)
    if mid_write:
        with open(log, "rb") as handle:
            while time.monotonic() < deadline:
                size = os.fstat(handle.fileno()).st_size
                if os.pread(handle.fileno(), 1, size - 1) != b"\n":
                    break
    child.send_signal(signal.SIGKILL)
    assert child.wait(30) == -signal.SIGKILL


def expected_report(log: Path) -> tuple[int, list[tuple[int, str]]]:
    """What an exact verifier must say, worked out from the bytes: (records, torn lines)."""
    lines = log.read_bytes().split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    torn = [(number, "torn") for number, line in enumerate(lines, 1) if parse(line) is None]
    return len(lines) - len(torn), torn


def check_exact(log: Path) -> VerifyResult:
    records, torn = expected_report(log)
    result = verify_log(log)
    assert result.ok, result.problems
    assert result.records == records
    assert [(p.line, p.kind) for p in result.problems] == torn
    code, report = verify_cli(log)
    assert code == 0
    assert [(p["line"], p["kind"]) for p in report["problems"]] == torn
    return result


def test_sigkill_mid_stream_is_reported_exactly_and_the_next_writer_continues(
    generated: tuple[str, str], tmp_path: Path
) -> None:
    # Records of 2 MB: a kill lands inside the write of one (leaving a torn line) most times.
    log = tmp_path / "audit.jsonl"
    out, package = generated
    facade = load_workers.facade(out, package)
    torn_seen = 0
    for attempt in range(4):
        before = log.stat().st_size if log.exists() else 0
        child = start_doomed_writer(generated, log, f"doomed{attempt}", 2_000_000)
        kill_after(child, log, before + 9_000_000, mid_write=True)
        data = log.read_bytes()
        torn_tail = not data.endswith(b"\n")
        torn_seen += torn_tail
        if torn_tail:
            # Before anyone writes again: verify-log names the last line as torn, and only it.
            last_line = data.count(b"\n") + 1
            result = check_exact(log)
            assert (result.problems[-1].line, result.problems[-1].kind) == (last_line, "torn")
            assert "at the end of the log" in result.problems[-1].message
            text = CliRunner().invoke(main, ["verify-log", str(log)]).output.splitlines()
            assert text[-2].startswith(f"{log}:{last_line}: torn: incomplete record at the end")
            assert text[-1] == f"{result.records} records; chain intact."
        else:
            check_exact(log)
        last_complete = complete_lines(log)[-1]
        # The next writer continues: it ends the torn line and chains from the last record.
        with facade.AuditLog(JsonLinesSink(log), hmac_key=load_workers.KEY) as audit:
            load_workers.emit_steps(audit, f"next{attempt}", 3)
        assert log.read_bytes().startswith(data)  # append-only: nothing rewritten
        lines = complete_lines(log)
        first_new = json.loads(lines[-3])
        assert first_new["prev_hash"].encode() == parse(last_complete)[1]  # type: ignore[index]
        assert first_new["fields"]["worker"] == f"next{attempt}"
        check_exact(log)
    print(f"\n{torn_seen} of 4 kills left a torn last line")
    assert torn_seen >= 1  # the kills land inside a write (see kill_after); 12 of 12 in trials
    result = check_exact(log)
    assert result.problems_left_off == 0
    head = json.loads((tmp_path / "audit.jsonl.head").read_text())
    assert head["records"] == result.records


def test_sigkill_of_one_writer_while_others_go_on(
    generated: tuple[str, str], tmp_path: Path
) -> None:
    """A writer killed while two processes and four threads keep appending: the others'
    records are all there, in order, and the damage is one torn line at most, anywhere."""
    out, package = generated
    log = tmp_path / "audit.jsonl"
    context = multiprocessing.get_context("spawn")
    survivors = [
        context.Process(
            target=load_workers.run_process, args=(out, package, str(log), f"process{i}", 5_000)
        )
        for i in range(2)
    ]
    doomed = start_doomed_writer(generated, log, "doomed", 200_000)
    for process in survivors:
        process.start()
    facade = load_workers.facade(out, package)
    with facade.AuditLog(JsonLinesSink(log), hmac_key=load_workers.KEY) as audit:
        load_workers.emit_steps(audit, "warmup", 10)
        kill_after(doomed, log, 5_000_000)
        load_workers.run_threads(audit, "thread", 4, 1_000)
    for process in survivors:
        process.join(300)
        assert process.exitcode == 0
    result = check_exact(log)
    assert len(result.problems) <= 1
    steps = steps_by_worker(log)
    doomed_steps = steps.pop("doomed")
    assert doomed_steps == list(range(len(doomed_steps)))
    assert steps == {"warmup": list(range(10))} | {
        f"process{i}": list(range(5_000)) for i in range(2)
    } | {f"thread{i}": list(range(1_000)) for i in range(4)}
    # Every record chains from the complete record before it, torn line or not.
    previous = ZERO_HASH
    for line in complete_lines(log):
        parsed = parse(line)
        assert parsed is not None
        assert parsed[0] == previous
        previous = parsed[1]

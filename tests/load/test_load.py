"""The generated emitters under load, writing one hash-chained JSON Lines log.

- 8 threads (sharing one facade and sink: one stream) and 2 processes (a sink and a stream
  each) append 100,000 events in total to one file at the same time, sealing them with signed
  checkpoints; `registry verify-log --public-key` then passes with every record sealed, the
  counts are exact per stream, every writer's steps are all there once and in order in its
  stream, and the head file agrees.
- A writer process killed with SIGKILL in the middle of its stream (alone, and while other
  writers go on) leaves a log whose damage `verify-log` reports exactly: at most one `torn`
  line, the line that is not a complete record, and nothing else. The next writer to append
  (a new stream, or a survivor) closes the fragment with an `abandoned` marker naming its
  length and sha256, as the first record it writes after it, so the log verifies again and
  every stream's chain stays whole.
"""

from __future__ import annotations

import hashlib
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
from registry_runtime.chain import ZERO_HASH, abandoned_of, is_control, parse, stream_seq
from registry_runtime.signing import generate_key_pair
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


def events(path: Path) -> list[dict[str, Any]]:
    """The complete records that are events (control records left out)."""
    records = (json.loads(line) for line in complete_lines(path))
    return [record for record in records if not is_control(record)]


def steps_by_worker(path: Path) -> dict[str, list[int]]:
    steps: dict[str, list[int]] = {}
    for record in events(path):
        fields = record["fields"]
        steps.setdefault(fields["worker"], []).append(fields["step"])
    return steps


def streams_of(path: Path) -> dict[str, list[int]]:
    """Each stream's sequence numbers in file order, read from the bytes."""
    found: dict[str, list[int]] = {}
    for line in complete_lines(path):
        position = stream_seq(line)
        assert position is not None
        found.setdefault(position[0], []).append(position[1])
    return found


def verify_cli(path: Path, *options: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["verify-log", str(path), *options, "--format", "json"])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.output)


def test_eight_threads_and_two_processes_write_100000_events(
    generated: tuple[str, str], tmp_path: Path
) -> None:
    out, package = generated
    log = tmp_path / "audit.jsonl"
    pair = generate_key_pair()
    private, public = tmp_path / "signing.pem", tmp_path / "signing.pub.pem"
    private.write_bytes(pair.private_pem)
    public.write_bytes(pair.public_pem)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES + THREADS)  # everyone starts appending at once
    processes = [
        context.Process(
            target=load_workers.run_process,
            args=(out, package, str(log), f"process{i}", PER_PROCESS, barrier, str(private)),
        )
        for i in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    facade = load_workers.facade(out, package)
    started = time.perf_counter()
    sink = JsonLinesSink(log, signer=private)
    with facade.AuditLog(sink, hmac_key=load_workers.KEY) as audit:
        load_workers.run_threads(audit, "thread", THREADS, PER_THREAD, barrier)
    for process in processes:
        process.join(300)
        assert process.exitcode == 0
    elapsed = time.perf_counter() - started
    print(
        f"\n{TOTAL:,} events from {THREADS} threads and {PROCESSES} processes in "
        f"{elapsed:.1f} s ({TOTAL / elapsed:,.0f}/s), {log.stat().st_size / 1e6:.1f} MB"
    )

    code, report = verify_cli(log, "--public-key", str(public))
    assert (code, report["ok"], report["records"], report["problems"]) == (0, True, TOTAL, [])
    assert (report["signed"], report["unsealed"]) == (True, 0)
    steps = steps_by_worker(log)
    expected = {f"thread{i}": PER_THREAD for i in range(THREADS)}
    expected |= {f"process{i}": PER_PROCESS for i in range(PROCESSES)}
    assert {worker: len(found) for worker, found in steps.items()} == expected
    for found in steps.values():  # each writer's records are all there, once, in order
        assert found == list(range(len(found)))
    # One stream per sink: the threads share the parent's; each stream numbered 0, 1, ... in
    # file order, and every record is an event (nothing crashed, so no control record).
    streams = streams_of(log)
    worker_streams: dict[str, set[str]] = {}
    for record in events(log):
        worker_streams.setdefault(record["fields"]["worker"][:6], set()).add(record["stream"])
    assert worker_streams["thread"] == {sink.stream}
    assert len(streams) == 1 + PROCESSES
    assert sorted(len(seqs) for seqs in streams.values()) == sorted(
        [THREADS * PER_THREAD] + [PER_PROCESS] * PROCESSES
    )
    for seqs in streams.values():
        assert seqs == list(range(len(seqs)))
    # Every stream sealed to its last record, by the checkpoints the file holds for it.
    checkpoints = [
        json.loads(line) for line in Path(f"{log}.checkpoints").read_bytes().splitlines()
    ]
    per_stream = {s: sum(c["stream"] == s for c in checkpoints) for s in streams}
    assert sum(c["count"] for c in checkpoints) == TOTAL
    assert [
        (s["stream"], s["records"], s["last_seq"], s["sealed_to"], s["checkpoints"], s["unsealed"])
        for s in report["streams"]
    ] == [
        (s, len(seqs), len(seqs) - 1, len(seqs) - 1, per_stream[s], 0)
        for s, seqs in sorted(streams.items())
    ]
    head = json.loads((tmp_path / "audit.jsonl.head").read_text())
    assert head["records"] == TOTAL
    assert head["last_hash"] == report["last_hash"]
    assert head["size"] == log.stat().st_size
    text = CliRunner().invoke(main, ["verify-log", str(log), "--public-key", str(public)])
    assert (text.exit_code, text.output) == (
        0,
        "".join(
            f"stream {s}: {len(seqs)} records (0 to {len(seqs) - 1}), {per_stream[s]} checkpoints, all sealed\n"
            for s, seqs in sorted(streams.items())
        )
        + f"{TOTAL} records; chain intact.\n",
    )
    assert len({record["id"] for record in events(log)}) == TOTAL  # ids unique


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


def check_streams(log: Path) -> None:
    """From the bytes: every stream is numbered 0, 1, ... in file order and each record's
    prev_hash is the hash of its stream's record before it; every fragment followed by a record
    is closed by that record, an `abandoned` marker naming the fragment's length and sha256."""
    lines = log.read_bytes().split(b"\n")
    previous: dict[str, tuple[int, bytes]] = {}
    fragment: list[bytes] = []
    for line in lines[:-1]:
        parsed = parse(line)
        if parsed is None:
            fragment.append(line)
            continue
        if fragment:
            closed = b"\n".join(fragment)
            named = (len(closed), hashlib.sha256(closed).hexdigest().encode())
            assert abandoned_of(line) == named
            fragment = []
        position = stream_seq(line)
        assert position is not None
        seq, prev = previous.get(position[0], (-1, ZERO_HASH))
        assert (position[1], parsed[0]) == (seq + 1, prev)
        previous[position[0]] = (position[1], parsed[1])


def expected_text(log: Path) -> list[str]:
    """The text verify-log must print for an unsigned log, worked out from the bytes: each
    torn line (the message's first words), each stream, the verdict."""
    records, torn = expected_report(log)
    out = []
    for number, _kind in torn:
        if number == records + len(torn) and not log.read_bytes().endswith(b"\n"):
            out.append(f"{log}:{number}: torn: incomplete record at the end of the log")
        else:
            out.append(
                f"{log}:{number}: torn: fragment of a crashed write, closed by the next writer"
            )
    for stream, seqs in sorted(streams_of(log).items()):
        out.append(
            f"stream {stream}: {len(seqs)} records (0 to {len(seqs) - 1}), 0 checkpoints, "
            f"{len(seqs)} unsealed (none sealed yet)"
        )
    out.append("unsigned: no --public-key given, checkpoint signatures not checked")
    out.append(f"{records} records; chain intact.")
    return out


def check_exact(log: Path) -> VerifyResult:
    records, torn = expected_report(log)
    result = verify_log(log)
    assert result.ok, result.problems
    assert result.records == records
    assert [(p.line, p.kind) for p in result.problems] == torn
    code, report = verify_cli(log)
    assert code == 0
    assert [(p["line"], p["kind"]) for p in report["problems"]] == torn
    text = CliRunner().invoke(main, ["verify-log", str(log)])
    assert text.exit_code == 0
    expected = expected_text(log)
    assert len(text.output.splitlines()) == len(expected)
    for said, meant in zip(text.output.splitlines(), expected, strict=True):
        assert said.startswith(meant) if ": torn: " in meant else said == meant
    check_streams(log)
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
        fragment = data[data.rindex(b"\n") + 1 :]
        torn_tail = fragment != b"" and parse(fragment) is None
        torn_seen += torn_tail
        result = check_exact(log)
        if torn_tail:
            # Before anyone writes again: verify-log names the last line as torn.
            last_line = data.count(b"\n") + 1
            assert (result.problems[-1].line, result.problems[-1].kind) == (last_line, "torn")
            assert "at the end of the log" in result.problems[-1].message
        # The next writer is a new stream; its first record closes the fragment, if any.
        sink = JsonLinesSink(log)
        with facade.AuditLog(sink, hmac_key=load_workers.KEY) as audit:
            load_workers.emit_steps(audit, f"next{attempt}", 3)
        written = log.read_bytes()
        assert written.startswith(data)  # append-only: nothing rewritten
        new = [json.loads(line) for line in written[len(data) :].split(b"\n")[:-1] if line]
        if torn_tail:
            marker = new.pop(0)
            assert marker == {
                "control": "abandoned",
                "bytes": len(fragment),
                "sha256": hashlib.sha256(fragment).hexdigest(),
                "stream": sink.stream,
                "seq": 0,
                "prev_hash": ZERO_HASH.decode(),
                "hash": marker["hash"],
            }
        assert [(r["stream"], r["seq"], r["fields"]["worker"]) for r in new] == [
            (sink.stream, seq + torn_tail, f"next{attempt}") for seq in range(3)
        ]
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
    # Four streams (the doomed writer's, two processes', the threads'), each chained whole;
    # a fragment the kill left is closed by a survivor's marker on the next line
    # (check_streams, in check_exact).
    assert len(streams_of(log)) == 4

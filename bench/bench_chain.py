#!/usr/bin/env python3
"""What signed checkpoints cost the chained log, writing and verifying (issue 16's targets).

In one run, medians of --repeats runs:

- sink throughput (records/s) of `JsonLinesSink.write` with ready lines, unsigned, then signed
  with checkpoints at the default interval (every 1,000 records, Ed25519): target cost <= 10%;
  also unsigned with one idle thread alive (waiting on an event, as the signed sink's timer
  does). The three writers take turns in a rotating order (each first, second and third in
  as many runs) and each file is removed once read: in a fixed order, the writer that came
  last paid for the write-back of the files before it;
- verification (records/s) of the signed log by `verify_log` with the public key, against the
  floor of reading the same lines and parsing each with orjson: target >= 0.4x the floor;
- the CPU time per record of the same writes, unsigned and signed sinks kept open side by side
  and written in turns of one checkpoint interval (1,000 records; the order rotates each turn),
  median over the turns: on a loaded machine this ratio is steadier than the wall-clock one;
  and how much of it was spent inside `Sealer.seal` (the checkpoint: Merkle root, signature,
  writes), timed around each call;
  With ``--baseline DIR`` a third sink, signed, runs the ``registry_runtime`` of another tree
  (e.g. ``git archive HEAD registry_runtime | tar -x -C DIR``) in the same turns.

    python bench/bench_chain.py            # 100,000 records x 6 runs
    python bench/bench_chain.py --quick    # 20,000 records x 3 runs
    python bench/bench_chain.py --baseline /tmp/base   # before/after in one run
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import orjson
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from registry_runtime.jsonl import JsonLinesSink
from registry_runtime.sealing import Sealer
from registry_runtime.signing import PublicKeys, Signer
from registry_runtime.verify import verify_log

TURN = 1000  # records per turn of the CPU-time comparison: one checkpoint interval

LINE = orjson.dumps({
    "id": "0193a0b0-0000-7000-8000-000000000001", "event": "user.promoted_production",
    "version": 1, "occurred_at": "2026-11-27T21:00:00.123Z",
    "actor": {"type": "user", "id": "u_42"}, "targets": [{"type": "release", "id": "rel_8f3k2m1q"}],
    "outcome": "success", "reason": None,
    "context": {"ip": "hmac:" + "a" * 64, "user_agent": None, "request_id": "req_1", "session_id": None},
    "tenant": "acme", "fields": {"release_id": "rel_8f3k2m1q", "environment": "production"},
})  # fmt: skip


def directory_files(directory: str) -> list[Path]:
    """The files a run left in ``directory`` (the signed log and its checkpoints)."""
    return [path for path in Path(directory).iterdir() if path.is_file()]


def write(path: Path, count: int, signer: Signer | None) -> float:
    sink = JsonLinesSink(path, head=False, signer=signer)
    started = time.perf_counter()
    for _ in range(count):
        sink.write({}, LINE)
    sink.close()
    return count / (time.perf_counter() - started)


def write_beside_a_thread(path: Path, count: int) -> float:
    """`write` unsigned while another thread waits on an event (what a timer thread does)."""
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait, daemon=True)
    waiter.start()
    try:
        return write(path, count, None)
    finally:
        stop.set()
        waiter.join()


def baseline_sink_class(tree: Path) -> tuple[type[JsonLinesSink], type[Signer]]:
    """`JsonLinesSink` and `Signer` of ``tree``/registry_runtime, imported as another package."""
    init = tree / "registry_runtime" / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        "baseline_runtime", init, submodule_search_locations=[str(init.parent)]
    )
    assert spec is not None, f"no registry_runtime in {tree}"
    assert spec.loader is not None, f"no registry_runtime in {tree}"
    module = importlib.util.module_from_spec(spec)
    sys.modules["baseline_runtime"] = module
    spec.loader.exec_module(module)
    jsonl = importlib.import_module("baseline_runtime.jsonl")
    signing = importlib.import_module("baseline_runtime.signing")
    return jsonl.JsonLinesSink, signing.Signer


def time_seals(sealer_class: Any) -> list[float]:
    """From now on, the CPU seconds of every ``sealer_class.seal`` call add up in the list's
    one item (the class of one tree: `registry_runtime.sealing.Sealer`, or the baseline's)."""
    spent = [0.0]
    seal = sealer_class.seal

    def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return seal(self, *args, **kwargs)
        finally:
            spent[0] += time.process_time() - started

    sealer_class.seal = timed
    return spent


def cpu_turns(
    sinks: dict[str, JsonLinesSink], seals: dict[str, list[float]], turns: int
) -> dict[str, tuple[float, float]]:
    """Median CPU microseconds per record of each sink, written in turns of `TURN` records,
    and of the part spent in sealing (``seals``: the sink's `time_seals` list, if it seals)."""
    times: dict[str, list[float]] = {name: [] for name in sinks}
    sealing: dict[str, list[float]] = {name: [] for name in sinks}
    order = list(sinks.items())
    for turn in range(turns):
        shift = turn % len(order)
        for name, sink in order[shift:] + order[:shift]:
            write_one = sink.write
            spent = seals.get(name, [0.0])
            before = spent[0]
            started = time.process_time()
            for _ in range(TURN):
                write_one({}, LINE)
            times[name].append((time.process_time() - started) / TURN * 1e6)
            sealing[name].append((spent[0] - before) / TURN * 1e6)
    for sink in sinks.values():
        sink.close()
    return {
        name: (statistics.median(values), statistics.median(sealing[name]))
        for name, values in times.items()
    }


def floor(path: Path) -> float:
    started = time.perf_counter()
    count = 0
    loads = orjson.loads
    with open(path, "rb") as handle:
        for line in handle:
            loads(line)
            count += 1
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--baseline", type=Path, help="a tree whose registry_runtime to compare")
    args = parser.parse_args()
    count, repeats = (20_000, 3) if args.quick else (100_000, 6)
    key = ed25519.Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    signer = Signer(raw, key.sign)
    unsigned, threaded, signed, verify, base = [], [], [], [], []
    with tempfile.TemporaryDirectory() as directory:
        plain = Path(directory, "plain.jsonl")
        sealed = Path(directory, "signed.jsonl")
        writers = [
            (unsigned, lambda: write(plain, count, None)),
            (threaded, lambda: write_beside_a_thread(plain, count)),
            (signed, lambda: write(sealed, count, signer)),
        ]
        for run in range(repeats):
            # the order turns each run, and every file is removed once read, so that neither
            # a drift of the machine nor the write-back of earlier files favours one writer
            for figures, run_writer in writers[run % 3 :] + writers[: run % 3]:
                figures.append(run_writer())
                if plain.exists():
                    os.remove(plain)
            base.append(floor(sealed))
            started = time.perf_counter()
            result = verify_log(sealed, public_keys=PublicKeys([raw]))
            verify.append(count / (time.perf_counter() - started))
            assert result.ok, result.problems
            assert result.unsealed == 0
            for written in directory_files(directory):
                os.remove(written)
        sinks = {
            "unsigned": JsonLinesSink(Path(directory, "cpu-plain.jsonl"), head=False),
            "signed": JsonLinesSink(Path(directory, "cpu-signed.jsonl"), head=False, signer=signer),
        }
        seals = {"signed": time_seals(Sealer)}
        if args.baseline is not None:
            base_sink, base_signer = baseline_sink_class(args.baseline)
            sinks["signed, baseline"] = base_sink(
                Path(directory, "cpu-base.jsonl"), head=False, signer=base_signer(raw, key.sign)
            )
            seals["signed, baseline"] = time_seals(sys.modules["baseline_runtime.sealing"].Sealer)
        cpu = cpu_turns(sinks, seals, count * repeats // TURN // 2)
    u, t, s, v, f = (statistics.median(x) for x in (unsigned, threaded, signed, verify, base))
    cost = 1 - s / u
    print(f"{count:,} records x {repeats} runs, median records/s")
    print(f"{'sink, unsigned':40} {u:>12,.0f}")
    print(f"{'sink, unsigned, an idle thread alive':40} {t:>12,.0f}   cost {1 - t / u:6.1%}")
    print(
        f"{'sink, signed checkpoints every 1,000':40} {s:>12,.0f}   cost {cost:6.1%} (target <= 10%: {'met' if cost <= 0.10 else 'MISSED'})"
    )
    print(f"{'':40} {'':12}   cost {1 - s / t:6.1%} against the unsigned sink beside a thread")
    print(f"{'floor: read + orjson.loads':40} {f:>12,.0f}")
    print(
        f"{'verify_log with signatures':40} {v:>12,.0f}   {v / f:5.2f}x floor (target >= 0.4x: {'met' if v / f >= 0.4 else 'MISSED'})"
    )
    print(f"CPU time per record, sinks written in turns of {TURN:,} records, median of turns")
    plain = cpu["unsigned"][0]
    for name, (micros, sealing) in cpu.items():
        extra = (
            ""
            if name == "unsigned"
            else f"   cost {1 - plain / micros:6.1%}, in Sealer.seal {sealing:.2f} us"
        )
        print(f"{'sink, ' + name:40} {micros:>9.2f} us{extra}")


if __name__ == "__main__":
    main()

"""Conformance vectors of signed checkpoints and rotation (tests/vectors/checkpoint_v1.json):
fixed inputs -> the checkpoint lines and files Python's runtime writes. Writers in other
languages (the TypeScript runtime: docs/typescript.md, "Signed checkpoints and rotation")
must reproduce every byte. Run as a script (or the tests with ``--update-goldens``) to rewrite
the file; review the diff: a change is a format change.

- ``keys``: Ed25519 keys by their 32-byte seed (Ed25519 is deterministic: so are signatures);
- ``checkpoints``: the inputs of one checkpoint (the range's record hashes, its first sequence
  number, the previous checkpoint hash, the time, the key and an optional next key) and its
  payload, line and checkpoint hash (`registry_runtime.checkpoint`);
- ``sink``: a `JsonLinesSink` run (records, flush, a key rotation, close) with checkpoints by
  count, a mirror directory and rotation by size, each checkpoint's time from a clock that
  starts at ``clock.start_ms`` and steps ``clock.step_ms`` per checkpoint; ``files``: every
  file it leaves (the head file aside), by its path under the run's directory.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time as _time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from registry_runtime import sealing as sealing_module
from registry_runtime.checkpoint import checkpoint_hash, payload, sign_line
from registry_runtime.ids import format_timestamp
from registry_runtime.jsonl import JsonLinesSink
from registry_runtime.merkle import root
from registry_runtime.signing import Signer

VECTORS = Path(__file__).parents[1] / "vectors" / "checkpoint_v1.json"
SEEDS = (1, 2)
LOG = "audit.jsonl"
MIRROR = "mirror"


def signer(seed: int) -> Signer:
    """The key whose 32-byte seed is ``seed`` repeated."""
    key = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return Signer(raw, key.sign)


def _hashes(label: str, count: int) -> list[str]:
    return [hashlib.sha256(f"{label} {n}".encode()).hexdigest() for n in range(count)]


CHECKPOINTS: list[dict[str, Any]] = [
    {"name": "the stream's first checkpoint, one record", "stream": "vector-ts-1", "first": 0,
     "hashes": _hashes("a", 1), "prev": "0" * 64, "ms": 0, "key": 0, "next_key": None},
    {"name": "three records (a tree of 4 leaves' shape, one carried up)", "stream": "vector-ts-1",
     "first": 1, "hashes": _hashes("b", 3), "prev": hashlib.sha256(b"checkpoint 0").hexdigest(),
     "ms": 1_796_256_000_123, "key": 0, "next_key": None},
    {"name": "seven records, far along the stream", "stream": "host_2.a-b", "first": 9_007_199_254_740,
     "hashes": _hashes("c", 7), "prev": hashlib.sha256(b"checkpoint 1").hexdigest(),
     "ms": 253_402_300_799_999, "key": 1, "next_key": None},
    {"name": "a key rotation with nothing new to seal (count 0, last = first - 1)",
     "stream": "vector-ts-1", "first": 4, "hashes": [], "last_hash": _hashes("b", 3)[-1],
     "prev": hashlib.sha256(b"checkpoint 2").hexdigest(), "ms": 1_796_256_001_000, "key": 0,
     "next_key": 1},
    {"name": "a key rotation sealing two records", "stream": "vector-ts-1", "first": 4,
     "hashes": _hashes("d", 2), "prev": hashlib.sha256(b"checkpoint 3").hexdigest(),
     "ms": 1_796_256_002_000, "key": 0, "next_key": 1},
    {"name": "a heartbeat: empty, no rotation", "stream": "vector-ts-1", "first": 6, "hashes": [],
     "last_hash": _hashes("d", 2)[-1], "prev": hashlib.sha256(b"checkpoint 4").hexdigest(),
     "ms": 1_796_256_060_000, "key": 1, "next_key": None},
]  # fmt: skip

BODIES = [
    f'{{"id":"0193a0b0-0000-7000-8000-0000000000{n:02d}","event":"user.signed_in","version":1,'
    f'"fields":{{"name":"na\\u00efve \u2603 {"x" * (40 * n)}"}}}}'
    for n in range(10)
]
SINK: dict[str, Any] = {
    "stream": "vector-sink-1",
    "options": {"checkpoint_every": 3, "rotate_bytes": 1200},
    "clock": {"start_ms": 1_796_256_000_000, "step_ms": 1_001},
    "steps": [
        *({"write": body} for body in BODIES[:4]),
        {"flush": True},
        *({"write": body} for body in BODIES[4:8]),
        {"rotate_key": 1},
        *({"write": body} for body in BODIES[8:]),
        {"close": True},
    ],
}


def checkpoint_case(case: dict[str, Any]) -> dict[str, Any]:
    """The payload and line `registry_runtime.checkpoint` writes for one case's inputs."""
    hashes: list[str] = case["hashes"]
    last_hash = hashes[-1] if hashes else case["last_hash"]
    key = signer(SEEDS[case["key"]])
    next_key = None if case["next_key"] is None else signer(SEEDS[case["next_key"]]).public_key
    time = format_timestamp(case["ms"])
    first = case["first"]
    tree = root([bytes.fromhex(h) for h in hashes])
    data = payload(case["stream"], first, first + len(hashes) - 1, tree, last_hash, case["prev"],
                   time, key.key_id, next_key)  # fmt: skip
    line = sign_line(data, key)
    return {**case, "last_hash": last_hash, "time": time, "payload": data.decode(),
            "line": line.decode(), "checkpoint_hash": checkpoint_hash(line[:-1])}  # fmt: skip


class _Clock:
    """Stands in for the `time` module inside `registry_runtime.sealing`: each checkpoint's
    wall time from a counter (what the TypeScript sink takes as its `clock` option)."""

    def __init__(self, start_ms: int, step_ms: int) -> None:
        self.next_ms = start_ms
        self.step_ms = step_ms

    def time_ns(self) -> int:
        ms = self.next_ms
        self.next_ms += self.step_ms
        return ms * 1_000_000

    def monotonic(self) -> float:
        return _time.monotonic()


@contextmanager
def clocked(start_ms: int, step_ms: int) -> Iterator[None]:
    saved = sealing_module.time  # type: ignore[attr-defined]
    sealing_module.time = _Clock(start_ms, step_ms)  # type: ignore[attr-defined,assignment]
    try:
        yield
    finally:
        sealing_module.time = saved  # type: ignore[attr-defined]


def run_sink(directory: Path, scenario: dict[str, Any] = SINK) -> dict[str, str]:
    """Run the scenario with Python's `JsonLinesSink` in ``directory``; the files it leaves."""
    (directory / MIRROR).mkdir()
    options = scenario["options"]
    with clocked(scenario["clock"]["start_ms"], scenario["clock"]["step_ms"]):
        sink = JsonLinesSink(
            directory / LOG,
            stream=scenario["stream"],
            head=False,
            signer=signer(SEEDS[0]),
            checkpoint_every=options["checkpoint_every"],
            checkpoint_mirror=directory / MIRROR,
            rotate_bytes=options["rotate_bytes"],
        )
        for step in scenario["steps"]:
            if "write" in step:
                sink.write({}, step["write"].encode())
            elif "flush" in step:
                sink.flush()
            elif "rotate_key" in step:
                sink.rotate_key(signer(SEEDS[step["rotate_key"]]))
            else:
                sink.close()
    return {
        path.relative_to(directory).as_posix(): path.read_text("utf-8")
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def build() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        files = run_sink(Path(tmp))
    keys = [signer(seed) for seed in SEEDS]
    return {
        "format": "registry checkpoints v1 (docs/integrity.md, 'Checkpoints'; tests/typescript/checkpoint_vectors.py)",
        "keys": [
            {
                "seed_hex": f"{seed:02x}" * 32,
                "public_key_hex": key.public_key.hex(),
                "key_id": key.key_id,
            }
            for seed, key in zip(SEEDS, keys, strict=True)
        ],
        "checkpoints": [checkpoint_case(case) for case in CHECKPOINTS],
        "sink": {**SINK, "log": LOG, "mirror": MIRROR, "files": files},
    }


def dump(vectors: dict[str, Any]) -> str:
    return json.dumps(vectors, indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    VECTORS.write_text(dump(build()), "utf-8")
    sys.stdout.write(f"wrote {VECTORS}\n")

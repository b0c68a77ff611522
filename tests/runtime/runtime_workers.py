"""Process entry points for the multi-process JSON Lines tests (importable by spawned children)."""

from __future__ import annotations

import sys
from typing import Any

from registry_runtime import Actor, Emitter, JsonLinesSink, Target
from registry_runtime.envelope import EventSpec, FieldSpec

SPEC = EventSpec(
    name="worker.wrote",
    version=1,
    fields=(FieldSpec("worker", "none"), FieldSpec("n", "none"), FieldSpec("padding", "none")),
    actor_types=frozenset(),
    target_types=frozenset(),
    outcomes=frozenset({"success"}),
    failure_reasons=frozenset(),
    validate=lambda fields: [],
)


def emit_many(emitter: Emitter, worker: str, count: int, padding: int = 0) -> None:
    for n in range(count):
        emitter._emit(SPEC, {"worker": worker, "n": n, "padding": "x" * padding},
                      actor=Actor("service", worker), targets=[Target("file", "log")],
                      outcome="success", reason=None, context=None, tenant=None)


def write_records(path: str, worker: str, count: int, padding: int = 0,
                  barrier: Any = None) -> None:
    """Open a sink on `path`, append `count` records, close it (writes the head).

    With a barrier, every writer starts appending at the same moment.
    """
    with Emitter(JsonLinesSink(path), hmac_key="k") as emitter:
        if barrier is not None:
            barrier.wait(60)
        emit_many(emitter, worker, count, padding)


def write_until_killed(path: str) -> None:
    """Append forever with big records (so a SIGKILL can land inside a write)."""
    emitter = Emitter(JsonLinesSink(path), hmac_key="k")
    n = 0
    while True:
        emit_many(emitter, f"doomed-{n}", 50, padding=200_000)
        n += 1


if __name__ == "__main__":  # python runtime_workers.py forever LOG
    if sys.argv[1] == "forever":
        write_until_killed(sys.argv[2])

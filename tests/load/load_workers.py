"""Writers for the load tests: a generated facade per process, appending to one chained log
(each sink its own stream).

Importable by spawned children (the parent's `sys.path` is passed on to them).
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType
from typing import Any

from registry_runtime import Actor, JsonLinesSink

KEY = "load-test-hmac-key-0123456789abcdef"
CATALOG = """\
domain: load
description: Events written by the load tests of the hash-chained audit log.
owners: [registry-team]
events:
  job.completed_step:
    description: A worker of the load test completed one numbered step of its job.
    category: system
    actor: [service]
    targets: []
    fields:
      worker:
        type: string
        max_length: 32
        required: true
        description: Name of the thread or process that wrote the record.
      step:
        type: integer
        min: 0
        required: true
        description: Number of the step, counted from zero by each worker.
      note:
        type: string
        max_length: 10000000
        description: Padding that gives the records a realistic or a large size.
"""
NOTE = "n" * 300
"""Padding: records of about 650 bytes, the size of a real audit record with a few fields."""


def facade(out: str, package: str) -> ModuleType:
    """The generated package `package` in directory `out`."""
    if out not in sys.path:
        sys.path.insert(0, out)
    return importlib.import_module(package)


def emit_steps(audit: Any, worker: str, count: int, note: str = NOTE) -> None:
    actor = Actor(type="service", id=worker)
    for step in range(count):
        audit.job_completed_step(actor=actor, worker=worker, step=step, note=note)


def run_process(
    out: str,
    package: str,
    log: str,
    worker: str,
    count: int,
    barrier: Any = None,
    signer: str | None = None,
) -> None:
    """One writer process: its own sink (its own stream; with ``signer``, a PEM key file, it
    signs checkpoints) and facade, `count` records, then close."""
    generated = facade(out, package)
    with generated.AuditLog(JsonLinesSink(log, signer=signer), hmac_key=KEY) as audit:
        if barrier is not None:
            barrier.wait(120)
        emit_steps(audit, worker, count)


def run_threads(audit: Any, prefix: str, threads: int, count: int, barrier: Any = None) -> None:
    """`threads` threads sharing `audit`, `count` records each."""

    def work(worker: str) -> None:
        if barrier is not None:
            barrier.wait(120)
        emit_steps(audit, worker, count)

    started = [
        threading.Thread(target=work, args=(f"{prefix}{index}",)) for index in range(threads)
    ]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()


def write_forever(out: str, package: str, log: str, worker: str, note_size: int) -> None:
    """Append records with a `note_size` padding until killed (the SIGKILL tests)."""
    generated = facade(out, package)
    audit = generated.AuditLog(JsonLinesSink(log), hmac_key=KEY)
    note = "k" * note_size
    actor = Actor(type="service", id=worker)
    step = 0
    while True:
        audit.job_completed_step(actor=actor, worker=worker, step=step, note=note)
        step += 1


if __name__ == "__main__":  # python load_workers.py OUT PACKAGE LOG WORKER NOTE_SIZE
    write_forever(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))

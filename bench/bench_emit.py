#!/usr/bin/env python3
"""Where does the time of one audit emit go, and how does it compare?

For one 10-field event (`user.promoted_production`-like: a pattern-checked id, an enum, a
hashed e-mail, integers, a boolean, a list), the per-event median (in microseconds, median of
--repeats runs of --n calls each) of:

  reference points, on the ready-made envelope (id, timestamp and redaction already done):
    json.dumps, orjson.dumps, pydantic v2 model_validate + model_dump_json (typed models with
    the same checks), jsonschema Draft202012Validator.validate; uuid4, a datetime UTC ISO
    timestamp, one hmac.new(...).hexdigest();
  registry_runtime:
    Emitter._emit to a MemorySink (validate the envelope and the fields with a function shaped
    like generated code, UUIDv7 id, timestamp, one HMAC redaction, record, orjson, sink), also
    with a full Context (three more HMACs), and its parts: uuid7, timestamp, one HMAC, the
    serialization, the field validation, and the rest (envelope checks, record dict, sink);
  JsonLinesSink throughput (events/s): sink.write of ready lines with fsync "never" and
    "batch" (1000), full emits to the chained file, and fsync "always" on a few events.

Ratios are against pydantic's validate + dump of the ready envelope, measured in the same run,
which does none of the id, timestamp or redaction work.

    python bench/bench_emit.py            # default: 20,000 calls x 7 runs
    python bench/bench_emit.py --quick    # 5,000 calls x 3 runs
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import hmac
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Literal

import orjson

from registry_runtime import (
    Actor,
    Context,
    Emitter,
    EventSpec,
    FieldSpec,
    JsonLinesSink,
    MemorySink,
    Target,
)
from registry_runtime.encode import dumps
from registry_runtime.ids import format_timestamp, uuid7
from registry_runtime.redact import Redactor

KEY = b"bench-key-0123456789abcdef0123456"
RELEASE = re.compile(r"^rel_[a-z0-9]{8,}$")
REGION = re.compile(r"^[a-z]{2}-[a-z]+-\d$")

FIELDS: dict[str, Any] = {
    "release_id": "rel_8f3k2m1q",
    "environment": "production",
    "approver_email": "ada.lovelace@example.com",
    "note": "Promoted after the canary held for 30 minutes.",
    "ticket": "CHG-10422",
    "duration_ms": 5123,
    "rollback": False,
    "region": "eu-west-1",
    "change_count": 14,
    "tags": ["canary", "weekly"],
}


def validate(fields: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Shaped like the generated checks: required, types, enum, patterns, lengths, bounds."""
    problems: list[tuple[str, str]] = []
    value = fields.get("release_id")
    if value is None:
        problems.append(("release_id", "is required"))
    elif type(value) is not str or not RELEASE.match(value):
        problems.append(("release_id", "must match ^rel_[a-z0-9]{8,}$"))
    value = fields.get("environment")
    if value is None:
        problems.append(("environment", "is required"))
    elif value not in ("staging", "production"):
        problems.append(("environment", "must be 'staging' or 'production'"))
    value = fields.get("approver_email")
    if value is not None and (type(value) is not str or "@" not in value or len(value) > 254):
        problems.append(("approver_email", "must be an e-mail address"))
    value = fields.get("note")
    if value is not None and (type(value) is not str or len(value) > 500):
        problems.append(("note", "must be a string of at most 500 characters"))
    value = fields.get("ticket")
    if value is not None and (type(value) is not str or len(value) > 32):
        problems.append(("ticket", "must be a string of at most 32 characters"))
    value = fields.get("duration_ms")
    if value is not None and (type(value) is not int or not 0 <= value <= 86_400_000):
        problems.append(("duration_ms", "must be an integer in [0, 86400000]"))
    value = fields.get("rollback")
    if value is not None and type(value) is not bool:
        problems.append(("rollback", "must be a boolean"))
    value = fields.get("region")
    if value is not None and (type(value) is not str or not REGION.match(value)):
        problems.append(("region", "must match ^[a-z]{2}-[a-z]+-\\d$"))
    value = fields.get("change_count")
    if value is not None and (type(value) is not int or value < 0):
        problems.append(("change_count", "must be a non-negative integer"))
    value = fields.get("tags")
    if value is not None and (type(value) is not list or len(value) > 20
                              or not all(type(tag) is str for tag in value)):
        problems.append(("tags", "must be a list of at most 20 strings"))
    return problems


SPEC = EventSpec(
    name="user.promoted_production",
    version=1,
    fields=tuple(FieldSpec(name, "hash" if name == "approver_email" else "none")
                 for name in FIELDS),
    actor_types=frozenset({"user", "service"}),
    target_types=frozenset({"release"}),
    outcomes=frozenset({"success", "failure"}),
    failure_reasons=frozenset({"approval_missing", "tests_failed"}),
    validate=validate,
)
ACTOR = Actor("user", "u_42")
TARGETS = [Target("release", "rel_8f3k2m1q")]
CONTEXT = Context(ip="203.0.113.9", user_agent="Mozilla/5.0 (X11; Linux x86_64)",
                  request_id="req_7f3a", session_id="sess_91b2")


def ready_envelope() -> dict[str, Any]:
    sink = MemorySink()
    Emitter(sink, hmac_key=KEY)._emit(SPEC, dict(FIELDS), actor=ACTOR, targets=TARGETS,
                                      outcome="success", reason=None, context=None,
                                      tenant="acme")
    return sink.records[0]


# -- timing ------------------------------------------------------------------------------------


def per_call_us(function: Callable[[], object], n: int, repeats: int,
                between: Callable[[], object] | None = None) -> float:
    """Median over `repeats` runs of the mean time per call, in microseconds."""
    function()  # warm up caches and lazy imports
    runs = []
    for _ in range(repeats):
        if between is not None:
            between()
        gc.collect()  # every run starts from the same heap; the collector stays on during it
        start = time.perf_counter_ns()
        for _ in range(n):
            function()
        runs.append((time.perf_counter_ns() - start) / n / 1000)
    return statistics.median(runs)


def pydantic_case(envelope: dict[str, Any]) -> Callable[[], object] | None:
    try:
        from pydantic import BaseModel, ConfigDict, Field
    except ImportError:
        return None

    class Party(BaseModel):
        model_config = ConfigDict(extra="forbid")
        type: str = Field(min_length=1)
        id: str = Field(min_length=1)

    class Ctx(BaseModel):
        ip: str | None = None
        user_agent: str | None = None
        request_id: str | None = None
        session_id: str | None = None

    class Fields(BaseModel):
        model_config = ConfigDict(extra="forbid")
        release_id: str = Field(pattern=r"^rel_[a-z0-9]{8,}$")
        environment: Literal["staging", "production"]
        approver_email: str | None = Field(default=None, max_length=254)
        note: str | None = Field(default=None, max_length=500)
        ticket: str | None = Field(default=None, max_length=32)
        duration_ms: int | None = Field(default=None, ge=0, le=86_400_000)
        rollback: bool | None = None
        region: str | None = Field(default=None, pattern=r"^[a-z]{2}-[a-z]+-\d$")
        change_count: int | None = Field(default=None, ge=0)
        tags: list[str] | None = Field(default=None, max_length=20)

    class Envelope(BaseModel):
        model_config = ConfigDict(extra="forbid")
        id: str
        event: str
        version: int
        occurred_at: str
        actor: Party
        targets: list[Party]
        outcome: Literal["success", "failure"]
        reason: str | None
        context: Ctx
        tenant: str | None
        fields: Fields

    Envelope.model_validate(envelope)
    return lambda: Envelope.model_validate(envelope).model_dump_json()


def jsonschema_case(envelope: dict[str, Any]) -> Callable[[], object] | None:
    try:
        import jsonschema
    except ImportError:
        return None
    party = {"type": "object", "required": ["type", "id"], "additionalProperties": False,
             "properties": {"type": {"type": "string", "minLength": 1},
                            "id": {"type": "string", "minLength": 1}}}
    nullable = {"type": ["string", "null"]}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["id", "event", "version", "occurred_at", "actor", "targets", "outcome",
                     "context", "fields"],
        "properties": {
            "id": {"type": "string"}, "event": {"const": "user.promoted_production"},
            "version": {"type": "integer"}, "occurred_at": {"type": "string"},
            "actor": party, "targets": {"type": "array", "items": party},
            "outcome": {"enum": ["success", "failure"]}, "reason": nullable,
            "context": {"type": "object", "properties": dict.fromkeys(
                ["ip", "user_agent", "request_id", "session_id"], nullable)},
            "tenant": nullable,
            "fields": {
                "type": "object", "additionalProperties": False,
                "required": ["release_id", "environment"],
                "properties": {
                    "release_id": {"type": "string", "pattern": "^rel_[a-z0-9]{8,}$"},
                    "environment": {"enum": ["staging", "production"]},
                    "approver_email": {"type": "string", "maxLength": 254},
                    "note": {"type": "string", "maxLength": 500},
                    "ticket": {"type": "string", "maxLength": 32},
                    "duration_ms": {"type": "integer", "minimum": 0, "maximum": 86_400_000},
                    "rollback": {"type": "boolean"},
                    "region": {"type": "string", "pattern": "^[a-z]{2}-[a-z]+-\\d$"},
                    "change_count": {"type": "integer", "minimum": 0},
                    "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 20},
                },
            },
        },
    }
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(envelope)
    return lambda: validator.validate(envelope)


def throughput(directory: str, fsync: Literal["never", "always", "batch"], count: int,
               line: bytes, record: dict[str, Any]) -> float:
    path = os.path.join(directory, f"sink-{fsync}.jsonl")
    sink = JsonLinesSink(path, fsync=fsync, batch_size=1000)
    start = time.perf_counter()
    for _ in range(count):
        sink.write(record, line)
    sink.close()
    elapsed = time.perf_counter() - start
    os.unlink(path)
    return count / elapsed


def emit_throughput(directory: str, count: int) -> float:
    path = os.path.join(directory, "emit.jsonl")
    emitter = Emitter(JsonLinesSink(path), hmac_key=KEY)
    fields = dict(FIELDS)
    start = time.perf_counter()
    for _ in range(count):
        emitter._emit(SPEC, fields, actor=ACTOR, targets=TARGETS, outcome="success",
                      reason=None, context=None, tenant="acme")
    emitter.close()
    elapsed = time.perf_counter() - start
    os.unlink(path)
    return count / elapsed


def generated_facade_call(sink: MemorySink) -> Callable[[], object] | None:
    """The real thing: the built-in catalog's generated facade, one 5-field event with one
    pii field (hashed), through typed method, dataclass and generated checks."""
    import importlib
    import tempfile
    from pathlib import Path

    from registry.catalog.config import build_config
    from registry.generate.run import generate

    root = Path(__file__).resolve().parent.parent
    out = Path(tempfile.mkdtemp(prefix="bench-emit-"))
    result = generate("python", (str(root / "catalog"),), build_config({}, root, None), out,
                      package="bench_audit_events")
    if result.blocking:
        return None
    sys.path.insert(0, str(out))
    package = importlib.import_module("bench_audit_events")
    audit = package.AuditLog(sink, hmac_key=KEY, tenant="acme")
    actor = package.Actor(type="user", id="u_42")
    targets = [package.Target(type="release", id="rel_8f3k2m1q")]

    def call() -> object:
        return audit.user_promoted_production(
            actor=actor, app_id="app_9x7c2v", release_id="rel_8f3k2m1q",
            previous_release_id="rel_7e2j1l0p", approver_email="ada@example.com",
            change_ticket="CHG004211", targets=targets,
        )

    return call


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="calls per run")
    parser.add_argument("--repeats", type=int, default=7, help="runs (the median is kept)")
    parser.add_argument("--events", type=int, default=200_000,
                        help="events per JSON Lines throughput run")
    parser.add_argument("--quick", action="store_true", help="5,000 calls x 3 runs")
    args = parser.parse_args(argv)
    if args.quick:
        args.n, args.repeats, args.events = 5_000, 3, 50_000
    n, repeats = args.n, args.repeats

    envelope = ready_envelope()
    rows: list[tuple[str, float | None, str]] = []  # (label, us per event, note)

    def add(label: str, function: Callable[[], object] | None, note: str = "",
            between: Callable[[], object] | None = None) -> float | None:
        value = None if function is None else per_call_us(function, n, repeats, between)
        rows.append((label, value, note))
        return value

    add("json.dumps(envelope)", lambda: json.dumps(envelope))
    add("orjson.dumps(envelope)", lambda: orjson.dumps(envelope))
    pydantic_us = add("pydantic v2 model_validate + model_dump_json", pydantic_case(envelope),
                      "" if pydantic_case(envelope) else "skipped: pydantic not installed")
    add("jsonschema Draft202012 validate", jsonschema_case(envelope),
        "" if jsonschema_case(envelope) else "skipped: jsonschema not installed")
    add("uuid.uuid4()", lambda: str(uuid.uuid4()))
    add("datetime.now(UTC).isoformat()", lambda: dt.datetime.now(dt.UTC).isoformat())
    add("hmac.new(key, value, sha256).hexdigest()",
        lambda: hmac.new(KEY, b"ada.lovelace@example.com", hashlib.sha256).hexdigest())

    sink = MemorySink()
    emitter = Emitter(sink, hmac_key=KEY)
    fields = dict(FIELDS)

    def emit_plain() -> object:
        return emitter._emit(SPEC, fields, actor=ACTOR, targets=TARGETS, outcome="success",
                             reason=None, context=None, tenant="acme")

    def emit_context() -> object:
        return emitter._emit(SPEC, fields, actor=ACTOR, targets=TARGETS, outcome="success",
                             reason=None, context=CONTEXT, tenant="acme")

    emit_us = add("Emitter._emit -> MemorySink (1 HMAC)", emit_plain, between=sink.clear)
    facade = generated_facade_call(sink)
    add("generated AuditLog.user_promoted_production -> MemorySink (1 HMAC)", facade,
        "" if facade else "skipped: generation failed", between=sink.clear)
    add("Emitter._emit -> MemorySink (+ Context: 4 HMACs)", emit_context, between=sink.clear)
    redactor = Redactor(KEY)
    ms = time.time_ns() // 1_000_000
    parts = {
        "  part: uuid7 id": lambda: uuid7(ms),
        "  part: timestamp (time_ns + RFC 3339, uncached)":
            lambda: format_timestamp(time.time_ns() // 1_000_000),
        "  part: one HMAC redaction": lambda: redactor.hash("ada.lovelace@example.com"),
        "  part: serialization (orjson)": lambda: dumps(envelope),
        "  part: field validation (generated-style)": lambda: validate(fields),
    }
    part_total = 0.0
    for label, function in parts.items():
        part_total += add(label, function) or 0.0
    if emit_us is not None:
        rows.append(("  part: rest (envelope checks, record, sink)",
                     max(emit_us - part_total, 0.0), "by difference"))

    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as directory:
        body = orjson.dumps(envelope)
        rates = [
            ("JsonLinesSink.write, fsync=never", throughput(directory, "never", args.events,
                                                            body, envelope)),
            ("JsonLinesSink.write, fsync=batch (1000)",
             throughput(directory, "batch", args.events, body, envelope)),
            ("JsonLinesSink.write, fsync=always", throughput(directory, "always",
                                                             min(2_000, args.events), body,
                                                             envelope)),
            ("Emitter._emit -> JsonLinesSink, fsync=never", emit_throughput(directory,
                                                                           args.events)),
        ]
        filesystem = directory

    print(f"bench_emit: Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs; {n} calls x {repeats} runs (median); "
          f"files in {os.path.dirname(filesystem)}")
    print()
    width = max(len(label) for label, _, _ in rows) + 2
    print(f"{'measurement':<{width}}{'us/event':>10}{'vs pydantic':>13}  note")
    for label, value, note in rows:
        if value is None:
            print(f"{label:<{width}}{'-':>10}{'-':>13}  {note}")
            continue
        ratio = f"{value / pydantic_us:.2f}x" if pydantic_us else "-"
        print(f"{label:<{width}}{value:>10.2f}{ratio:>13}  {note}")
    print()
    width = max(len(label) for label, _ in rates) + 2
    print(f"{'throughput':<{width}}{'events/s':>12}{'us/event':>10}")
    for label, rate in rates:
        print(f"{label:<{width}}{rate:>12,.0f}{1e6 / rate:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Conformance vectors of emitted records (tests/vectors/emit_v1.json): fixed inputs -> the
record bytes and hashes Python's runtime writes. The TypeScript runtime must reproduce every
byte (docs/typescript.md, "Byte-identical"). Run as a script (or the tests with
``--update-goldens``) to rewrite the file; review the diff: a change is a format change.

Values a JSON file cannot type are tagged: ``{"$float": "1e+16"}`` is a float (a JavaScript
number of a ``number`` field), ``{"$int": "18446744073709551616"}`` an integer (a bigint, or a
safe JavaScript number).
"""

from __future__ import annotations

import json
import sys
import time as _time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from registry_runtime import emitter as emitter_module
from registry_runtime.chain import ZERO_HASH, seal
from registry_runtime.emitter import Emitter
from registry_runtime.envelope import Actor, Context, EventSpec, FieldSpec, Target, no_field_checks

VECTORS = Path(__file__).parents[1] / "vectors" / "emit_v1.json"
KEY = "conformance-key-\u00e9\U0001f511"
STREAM = "vector-node-1"
LONE = "\ud800"


def _f(text: str) -> dict[str, str]:
    return {"$float": text}


def _i(value: int) -> dict[str, str]:
    return {"$int": str(value)}


def _s(name: str, kind: str, redact: str = "none", **more: Any) -> dict[str, Any]:
    return {"name": name, "kind": kind, "redact": redact, **more}


SPEC: dict[str, Any] = {
    "name": "vector.everything",
    "version": 3,
    "actorTypes": ["service", "user"],
    "targetTypes": ["account"],
    "outcomes": ["failure", "success"],
    "failureReasons": ["denied"],
    "fields": [
        _s("text", "string"),
        _s("hashed", "string", "hash"),
        _s("masked", "string", "mask"),
        _s("short", "string", "truncate"),
        _s("password", "string", "drop", credential=True),
        _s("dropped", "string", "drop"),
        _s("count", "integer"),
        _s("big", "integer"),
        _s("big_hashed", "integer", "hash"),
        _s("ratio", "number"),
        _s("ratio_masked", "number", "mask"),
        _s("ratios", "list", items=_s("[]", "number")),
        _s("flag", "boolean"),
        _s("flag_hashed", "boolean", "hash"),
        _s("level", "enum", values=["low", "high"]),
        _s("tags", "list", "truncate", items=_s("[]", "string", "truncate")),
        _s(
            "profile",
            "object",
            members=[
                _s("name", "string"),
                _s("email", "string", "hash"),
                _s("token", "string", "drop", credential=True),
                _s(
                    "address",
                    "object",
                    "mask",
                    members=[_s("street", "string", "mask"), _s("zip", "string", "mask")],
                ),
            ],
        ),
        _s(
            "people",
            "list",
            items=_s(
                "[]",
                "object",
                members=[
                    _s("id", "string"),
                    _s("phone", "string", "hash"),
                    _s("pin", "string", "drop", credential=True),
                ],
            ),
        ),
    ],
}

_ENVELOPE: dict[str, Any] = {
    "actor": {"type": "user", "id": "u-1"},
    "targets": [{"type": "account", "id": "acct-9"}],
    "outcome": "success",
    "reason": None,
    "context": None,
    "tenant": None,
}

CASES: list[dict[str, Any]] = [
    {
        "name": "every redaction, nested members and credentials at every depth",
        "fields": {
            "text": "plain",
            "hashed": "alice@example.com",
            "masked": "4111111111111111",
            "short": "truncated-after-eight",
            "password": "hunter2",
            "dropped": "gone",
            "count": _i(42),
            "flag": True,
            "flag_hashed": False,
            "level": "high",
            "tags": ["alphabetical", "b"],
            "profile": {
                "name": "Ada",
                "email": "ada@example.com",
                "token": "tok_secret",
                "address": {"street": "1 Long Street", "zip": "12345"},
            },
            "people": [{"id": "p1", "phone": "+15551234567", "pin": "0000"}, {"id": "p2"}],
        },
        "envelope": {
            "context": {
                "ip": "203.0.113.9",
                "user_agent": "curl/8",
                "request_id": "req-1",
                "session_id": None,
            },
            "tenant": "acme",
        },
    },
    {
        "name": "floats as orjson writes them",
        "fields": {
            "ratio": _f("0.1"),
            "ratios": [
                _f("1e+16"),
                _f("1.5e-07"),
                _f("1e-05"),
                _f("0.0001"),
                _f("-0.0"),
                _f("1e+21"),
                _f("5e-324"),
                _f("1.7976931348623157e+308"),
                _f("100.0"),
                _f("123456789012345.6"),
                _f("9007199254740993.0"),
            ],
            "ratio_masked": _f("1e+16"),
        },
        "envelope": {"outcome": "failure", "reason": "denied"},
    },
    {
        "name": "integers beyond 2^53 within 64 bits (orjson), hashed as Python's str",
        "fields": {
            "count": _i(2**53 + 1),
            "big": _i(2**64 - 1),
            "big_hashed": _i(-(2**63)),
            "ratio": _f("-2.5e-10"),
        },
    },
    {
        "name": "an integer beyond 64 bits: the whole record as the json module writes it",
        "fields": {
            "big": _i(2**64),
            "ratios": [_f("1e+16"), _f("1e-05"), _f("1.5e-07"), _f("-0.0"), _f("0.1")],
            "text": "caf\u00e9 \U0001f600",
        },
    },
    {
        "name": "non-BMP characters; mask and truncate count code points",
        "fields": {
            "text": "\U0001f600\U0001d11e\u00e9",
            "masked": "\U0001f600\U0001f601\U0001f602\U0001f603\U0001f604\U0001f605\U0001f606\U0001f607\U0001f608",
            "short": "\U0001f600a\U0001f601b\U0001f602c\U0001f603d\U0001f604e",
            "hashed": "\U0001f511",
            "tags": [
                "\U0001f600\U0001f600\U0001f600\U0001f600\U0001f600\U0001f600\U0001f600\U0001f600\U0001f600"
            ],
        },
    },
    {
        "name": "a lone surrogate: the whole record in ASCII escapes",
        "fields": {
            "text": "a" + LONE + "b \u00e9 \U0001f600",
            "hashed": LONE + "x",
            "masked": "abcdefg" + LONE + "hij",
            "ratios": [_f("1e+16"), _f("1e-05")],
        },
    },
    {
        "name": "e-mail addresses hashed trimmed, NFC and lower-cased (IDN domain); others as given",
        "fields": {
            "hashed": "  Alice.Smith@Example.COM \t",
            "profile": {"name": "Zo\u00eb", "email": "Zoe\u0308@B\u00dcCHER.Example"},
            "people": [
                {"id": "p1", "phone": "\u00a0ALICE.SMITH@example.com\ufeff"},
                {"id": "p2", "phone": "\u0130stanbul@\u0394\u03a3.example"},
                {"id": "p3", "phone": " Not An@Address "},
            ],
        },
    },
    {
        "name": "escapes: quotes, backslashes, control characters, U+2028, U+007F",
        "fields": {
            "text": 'q"b\\s/\b\f\n\r\t\x00\x1f\x7f\u2028\u2029</script>',
            "masked": "short",
            "short": "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
        },
        "envelope": {"actor": {"type": "service", "id": "svc \u2603"}, "targets": []},
    },
]


def typed(value: Any) -> Any:
    """A vector value as the Python value it stands for."""
    if isinstance(value, dict):
        if "$float" in value:
            return float(value["$float"])
        if "$int" in value:
            return int(value["$int"])
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return value


def _field_spec(data: dict[str, Any]) -> FieldSpec:
    members = data.get("members")
    items = data.get("items")
    return FieldSpec(
        data["name"],
        data["redact"],
        credential=bool(data.get("credential")),
        members=None if members is None else tuple(_field_spec(m) for m in members),
        items=None if items is None else _field_spec(items),
    )


def event_spec(data: dict[str, Any]) -> EventSpec:
    return EventSpec(
        name=data["name"],
        version=data["version"],
        fields=tuple(_field_spec(field) for field in data["fields"]),
        actor_types=frozenset(data["actorTypes"]),
        target_types=frozenset(data["targetTypes"]),
        outcomes=frozenset(data["outcomes"]),
        failure_reasons=frozenset(data["failureReasons"]),
        validate=no_field_checks,
    )


class _Bodies:
    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    def write(self, record: dict[str, Any], line: bytes) -> None:
        self.bodies.append(line)

    def close(self) -> None:
        pass


class _Clock:
    """Stands in for the `time` module inside the emitter: a fixed millisecond."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def time_ns(self) -> int:
        return self.ms * 1_000_000


@contextmanager
def injected(ms: int, record_id: str) -> Iterator[None]:
    """The emitter's clock and id fixed (what the TypeScript emitter takes as options)."""
    saved = emitter_module.time, emitter_module.uuid7
    emitter_module.time = _Clock(ms)  # type: ignore[assignment]
    emitter_module.uuid7 = lambda _ms=None: record_id  # type: ignore[assignment]
    try:
        yield
    finally:
        emitter_module.time, emitter_module.uuid7 = saved
        _time.time_ns()


def body(spec: EventSpec, case: dict[str, Any], key: str) -> bytes:
    """The record body Python's `Emitter` writes for one case."""
    sink = _Bodies()
    emitter = Emitter(sink, hmac_key=key)  # type: ignore[arg-type]
    envelope = case["envelope"]
    context = envelope["context"]
    with injected(case["ms"], case["id"]):
        emitter._emit(
            spec,
            typed(case["fields"]),
            actor=Actor(**envelope["actor"]),
            targets=[Target(**target) for target in envelope["targets"]],
            outcome=envelope["outcome"],
            reason=envelope["reason"],
            context=None if context is None else Context(**context),
            tenant=envelope["tenant"],
        )
    return sink.bodies[0]


def build(inputs: list[dict[str, Any]] = CASES) -> dict[str, Any]:
    """The vectors of `inputs` (name, fields, envelope changes): ids, times, chain, output."""
    spec = event_spec(SPEC)
    prev = ZERO_HASH
    cases = []
    for seq, case in enumerate(inputs):
        full = {
            "name": case["name"],
            "id": f"0193a0b0-0000-7000-8000-{seq:012d}",
            "ms": 1764633600000 + seq * 1001,
            "stream": STREAM,
            "seq": seq,
            "prev_hash": prev.decode(),
            "envelope": {**_ENVELOPE, **case.get("envelope", {})},
            "fields": case["fields"],
        }
        data = body(spec, full, KEY)
        line, digest = seal(data, prev, STREAM, seq)
        full |= {
            "body_hex": data.hex(),
            "line": line.decode("utf-8"),
            "line_hex": line.hex(),
            "hash": digest.decode(),
        }
        cases.append(full)
        prev = digest
    return {
        "format": "registry emit vectors v1 (docs/typescript.md)",
        "hmac_key": KEY,
        "truncate_to": 8,
        "spec": SPEC,
        "cases": cases,
    }


def dump(vectors: dict[str, Any]) -> str:
    return json.dumps(vectors, indent=2, ensure_ascii=True) + "\n"


if __name__ == "__main__":
    VECTORS.write_text(dump(build()), "utf-8")
    sys.stdout.write(f"wrote {VECTORS}\n")

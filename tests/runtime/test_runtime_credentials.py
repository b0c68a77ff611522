"""Property: a credential-tagged value is never written anywhere, whatever the event holds."""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry_runtime import (
    Actor,
    Context,
    Emitter,
    EventSpec,
    FieldSpec,
    InvalidEvent,
    JsonLinesSink,
    LoggingSink,
    MemorySink,
    StreamSink,
    Target,
    TeeSink,
)
from registry_runtime.encode import dumps
from registry_runtime.redact import Redactor
from registry_runtime.verify import verify_log

KEY = b"property-key"
MARKER = "CRED\u00a7"  # every credential value starts with it, so it cannot occur by chance

text = st.text(max_size=40)
scalars = st.one_of(text, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
secrets = st.builds(lambda tail: MARKER + tail, text)
secret_values = st.one_of(
    secrets,
    st.lists(secrets, min_size=1, max_size=4),
    st.dictionaries(text, secrets, min_size=1, max_size=3),
)
redactions = st.sampled_from(["none", "hash", "mask", "truncate", "drop"])


@st.composite
def events(draw: st.DrawFn) -> tuple[EventSpec, dict[str, Any], list[Any]]:
    """A spec with 1-3 credential fields (any redact value) among ordinary ones, and values."""
    names = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
                          min_size=2, max_size=8, unique=True))
    credentials = draw(st.integers(1, min(3, len(names) - 1)))
    specs: list[FieldSpec] = []
    values: dict[str, Any] = {}
    secret: list[Any] = []
    for index, name in enumerate(names):
        redact = draw(redactions)
        if index < credentials:
            specs.append(FieldSpec(name, redact, credential=True))
            value = draw(secret_values)
            secret.append(value)
        else:
            specs.append(FieldSpec(name, redact))
            value = draw(st.one_of(scalars, st.lists(scalars, max_size=3)))
        values[name] = value
    order = draw(st.permutations(specs))
    echo = draw(st.booleans())

    def validate(fields: Mapping[str, Any]) -> list[tuple[str, str]]:
        # As generated validators do: the field and the rule, never the value.
        if not echo:
            return []
        return [(name, "must be a string") for name in fields]

    spec = EventSpec("account.credential_changed", 1, tuple(order), frozenset(), frozenset(),
                     frozenset({"success", "failure"}), frozenset(), validate)
    return spec, values, secret


def leaves(value: Any) -> list[str]:
    if isinstance(value, list):
        return [leaf for item in value for leaf in leaves(item)]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in leaves(item)]
    return [value]


def forms(secret: str) -> list[bytes]:
    """Every way the secret could show up in bytes: raw, JSON-escaped, hashed."""
    redactor = Redactor(KEY)
    return [
        secret.encode("utf-8", "surrogatepass"),
        orjson.dumps(secret)[1:-1],
        repr(secret).encode("utf-8", "surrogatepass"),
        redactor.hash(secret).encode(),
    ]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event=events(), on_invalid=st.sampled_from(["raise", "record"]),
       outcome=st.sampled_from(["success", "failure"]))
def test_credential_values_are_never_written(
    event: tuple[EventSpec, dict[str, Any], list[Any]], on_invalid: str, outcome: str
) -> None:
    spec, values, secret = event
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "audit.jsonl"
        memory = MemorySink()
        stream = io.BytesIO()
        logged = io.StringIO()
        handler = logging.StreamHandler(logged)
        logger = logging.getLogger("registry.audit.property")
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        reports: list[str] = []
        raised: list[str] = []
        sink = TeeSink(memory, StreamSink(stream), LoggingSink(logger),
                       JsonLinesSink(path, fsync="batch", batch_size=1))
        emitter = Emitter(sink, hmac_key=KEY, on_invalid=on_invalid,  # type: ignore[arg-type]
                          on_report=lambda error: reports.append(str(error)))
        try:
            emitter._emit(spec, dict(values), actor=Actor("user", "u_1"),
                          targets=[Target("account", "a_1")], outcome=outcome,
                          reason="denied" if outcome == "failure" else None,
                          context=Context(ip="198.51.100.7", request_id="r"), tenant="t")
        except InvalidEvent as error:
            raised.append(str(error))
            raised.append(repr(error))
        emitter.close()
        logger.removeHandler(handler)

        written = b"\n".join([
            *memory.lines,
            dumps(memory.records),
            stream.getvalue(),
            logged.getvalue().encode("utf-8", "surrogatepass"),
            path.read_bytes(),
            Path(f"{path}.head").read_bytes() if Path(f"{path}.head").exists() else b"",
            "\n".join(reports + raised).encode("utf-8", "surrogatepass"),
        ])
        for value in secret:
            for leaf in leaves(value):
                for form in forms(leaf):
                    assert form not in written
        for record in memory.records:
            assert not {f.name for f in spec.fields if f.credential} & set(record["fields"])
        assert verify_log(path).ok


@pytest.mark.parametrize("redact", ["none", "hash", "mask", "truncate", "drop"])
def test_a_credential_field_is_omitted_whatever_its_redaction(redact: str) -> None:
    spec = EventSpec("a.b", 1, (FieldSpec("password", redact, credential=True),
                                FieldSpec("user", "none")),
                     frozenset(), frozenset(), frozenset({"success"}), frozenset(),
                     lambda fields: [])
    memory = MemorySink()
    record = Emitter(memory, hmac_key=KEY)._emit(
        spec, {"password": "hunter2hunter2", "user": "ada"}, actor=Actor("user", "u"),
        targets=[], outcome="success", reason=None, context=None, tenant=None)
    assert record["fields"] == {"user": "ada"}
    assert b"hunter2" not in memory.lines[0]

"""Redaction is structural: members of objects and items of lists are written by their own
`FieldSpec`, through every real sink (memory, stream, logging, JSON Lines, OpenTelemetry).

Each case emits one event and checks the record's fields, then that no form of a secret (raw,
JSON-escaped, repr) appears in anything any sink wrote, in the exception or in the reports.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from hashing import hmac_value
from runtime_helpers import KEY, USER

from registry_runtime import (
    ITEMS,
    Context,
    Emitter,
    EventSpec,
    FieldSpec,
    InvalidEvent,
    JsonLinesSink,
    LoggingSink,
    MemorySink,
    StreamSink,
    TeeSink,
)
from registry_runtime.redact import Redactor

R = Redactor(KEY.encode())

PROFILE = FieldSpec("profile", "none", members=(
    FieldSpec("email", "hash"),
    FieldSpec("locale", "none"),
    FieldSpec("password", "drop", credential=True),
))
CONTACTS = FieldSpec("contacts", "none", items=FieldSpec(ITEMS, "none", members=(
    FieldSpec("phone", "mask"),
    FieldSpec("token", "drop", credential=True),
)))
SETTINGS = FieldSpec("settings", "hash", members=(FieldSpec("theme", "hash"),))
EXTRA = FieldSpec("extra", "hash")  # a free-form object under a redaction
TAGS = FieldSpec("tags", "none", items=FieldSpec(ITEMS, "truncate"))
KEYS = FieldSpec("keys", "none", items=FieldSpec(ITEMS, "hash", credential=True))
PLAIN = FieldSpec("plain", "none", members=(FieldSpec("a", "none"),))
EMPTY = FieldSpec("empty", "none", members=())  # an object that declares no members
FIELDS = (PROFILE, CONTACTS, SETTINGS, EXTRA, TAGS, KEYS, PLAIN, EMPTY)


def flag_all(fields: Any) -> list[tuple[str, str]]:
    """A validator that finds every field invalid (as a generated one words it)."""
    return [(name, "is invalid") for name in fields]


def spec(validate: Any = lambda fields: []) -> EventSpec:
    return EventSpec("user.profile_updated", 1, FIELDS, frozenset(), frozenset(),
                     frozenset({"success"}), frozenset(), validate)


@dataclass(frozen=True)
class Case:
    label: str
    fields: dict[str, Any]
    written: dict[str, Any]
    secrets: tuple[str, ...]


MAIL = "ada@example.com"
CASES = [
    Case("pii member hashed, credential member left out",
         {"profile": {"email": MAIL, "locale": "en_GB", "password": "hunter2hunter2"}},
         {"profile": {"email": R.hash(MAIL), "locale": "en_GB"}},
         (MAIL, "hunter2hunter2")),
    Case("members of list items", {"contacts": [
        {"phone": "+31612345678", "token": "tok_SECRET_1"}, None, {"phone": "+3161"}]},
        {"contacts": [{"phone": "********5678"}, None, {"phone": "*****"}]},
        ("+31612345678", "tok_SECRET_1")),
    Case("unknown member keys are never written",
         {"profile": {MAIL: "en_GB", "locale": "nl"}},
         {"profile": {"locale": "nl"}}, (MAIL,)),
    Case("unknown members of an object with nothing redacted are never written",
         {"plain": {"a": 1, MAIL: 2}}, {"plain": {"a": 1}}, (MAIL,)),
    Case("an object that declares no members has only unknown ones, never written",
         {"empty": {MAIL: MAIL}}, {"empty": {}}, (MAIL,)),
    Case("declared members of a redacted object keep their keys",
         {"settings": {"theme": "dark-mode-secret"}},
         {"settings": {"theme": R.hash("dark-mode-secret")}}, ("dark-mode-secret",)),
    Case("a free-form object under a redaction is one value",
         {"extra": {MAIL: "en_GB"}},
         {"extra": hmac_value(KEY, '{"ada@example.com":"en_GB"}')}, (MAIL, "en_GB")),
    Case("a string where an object is declared gets the strongest redaction inside",
         {"settings": "dark-mode-secret"},
         {"settings": R.hash("dark-mode-secret")}, ("dark-mode-secret",)),
    Case("a string where an object with a credential is declared is left out",
         {"profile": "hunter2hunter2"}, {}, ("hunter2hunter2",)),
    Case("a list where an object with a credential is declared is left out",
         {"profile": [MAIL, "hunter2hunter2"]}, {}, (MAIL, "hunter2hunter2")),
    Case("an object where a list is declared", {"contacts": {"phone": "+31612345678"}}, {},
         ("+31612345678",)),
    Case("a scalar where an object item is declared", {"contacts": ["tok_SECRET_2"]},
         {"contacts": []}, ("tok_SECRET_2",)),
    Case("items truncated one by one", {"tags": ["abcdefghijk", None]},
         {"tags": ["abcdefgh", None]}, ("abcdefghijk",)),
    Case("a list of credentials is never written", {"keys": ["key_SECRET_1"]}, {},
         ("key_SECRET_1",)),
    Case("a structure where a scalar is redacted is one value",
         {"tags": [{MAIL: "x"}]}, {"tags": [R.hash('{"ada@example.com":"x"}')]}, (MAIL,)),
]


def forms(secret: str) -> list[bytes]:
    return [secret.encode(), orjson.dumps(secret)[1:-1], repr(secret).encode()]


def through_every_sink(tmp_path: Path, spec: EventSpec, fields: dict[str, Any],
                       on_invalid: str) -> tuple[list[dict[str, Any]], bytes]:
    """Emit once through every sink; the records and every byte written or reported."""
    memory, stream, logged = MemorySink(), io.BytesIO(), io.StringIO()
    handler = logging.StreamHandler(logged)
    logger = logging.getLogger("registry.audit.nested")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    sinks: list[Any] = [memory, StreamSink(stream), LoggingSink(logger),
                        JsonLinesSink(tmp_path / "audit.jsonl")]
    exported = otel_sink()
    if exported is not None:
        sinks.append(exported[0])
    reports: list[str] = []
    emitter = Emitter(TeeSink(*sinks), hmac_key=KEY, on_invalid=on_invalid,  # type: ignore[arg-type]
                      on_report=lambda error: reports.append(f"{error} {error!r}"))
    try:
        emitter._emit(spec, fields, actor=USER, targets=(), outcome="success", reason=None,
                      context=None, tenant=None)
    except InvalidEvent as error:
        reports.append(f"{error} {error!r} {error.args!r}")
    emitter.close()
    logger.removeHandler(handler)
    written = [*memory.lines, stream.getvalue(), logged.getvalue().encode(),
               (tmp_path / "audit.jsonl").read_bytes(), "\n".join(reports).encode()]
    if exported is not None:
        written += [str(record.body).encode() for record in exported[1]()]
    return memory.records, b"\n".join(written)


def otel_sink() -> tuple[Any, Any] | None:
    try:
        from opentelemetry.sdk._logs import LoggerProvider, export
    except ImportError:
        return None
    from registry_runtime.otel import OTelLogSink

    # renamed in SDK 1.39; the old name still works with a warning
    exporter_class = getattr(export, "InMemoryLogRecordExporter", None)
    if exporter_class is None:
        exporter_class = export.InMemoryLogExporter
    exporter = exporter_class()
    provider = LoggerProvider()
    provider.add_log_record_processor(export.SimpleLogRecordProcessor(exporter))

    def finished() -> list[Any]:
        return [getattr(item, "log_record", item) for item in exporter.get_finished_logs()]

    return OTelLogSink(provider), finished


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_nested_values_are_written_by_their_spec(case: Case, tmp_path: Path) -> None:
    records, written = through_every_sink(tmp_path, spec(), case.fields, "raise")
    assert records[0]["fields"] == case.written
    for secret in case.secrets:
        for form in forms(secret):
            assert form not in written, (secret, form)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_invalid_events_recorded_hold_no_secret_either(case: Case, tmp_path: Path) -> None:
    records, written = through_every_sink(tmp_path, spec(flag_all), case.fields, "record")
    assert records[0]["fields"] == case.written
    assert records[0]["validation_errors"]
    for secret in case.secrets:
        for form in forms(secret):
            assert form not in written, (secret, form)


def test_an_invalid_event_that_raises_writes_nothing_and_names_no_value(tmp_path: Path) -> None:
    fields = {"profile": {"email": MAIL, MAIL: "x"}, MAIL: 1}
    records, written = through_every_sink(tmp_path, spec(flag_all), fields, "raise")
    assert records == []
    assert b"has 1 unknown field(s)" not in written  # only the first problem is raised
    assert b"profile: is invalid" in written
    for form in forms(MAIL):
        assert form not in written


def test_a_valid_plain_object_is_written_as_it_is() -> None:
    memory = MemorySink()
    value = {"a": [1, {"b": 2}]}
    Emitter(memory, hmac_key=KEY)._emit(
        spec(), {"plain": value}, actor=USER, targets=(), outcome="success", reason=None,
        context=None, tenant=None)
    assert memory.records[0]["fields"] == {"plain": value}


def test_a_member_is_redacted_at_least_as_its_enclosing_value() -> None:
    weak = FieldSpec("outer", "hash", members=(FieldSpec("inner", "none"),))
    memory = MemorySink()
    Emitter(memory, hmac_key=KEY)._emit(
        EventSpec("a.b", 1, (weak,), frozenset(), frozenset(), frozenset({"success"}),
                  frozenset(), lambda fields: []),
        {"outer": {"inner": "x"}}, actor=USER, targets=(), outcome="success", reason=None,
        context=None, tenant=None)
    assert memory.records[0]["fields"] == {"outer": {"inner": R.hash("x")}}


def test_repr_of_a_context_hides_what_is_redacted_by_default() -> None:
    context = Context(ip="198.51.100.7", user_agent="Firefox/1", request_id="req_1",
                      session_id="sess_SECRET")
    text = repr(context)
    assert text == ("Context(ip=<redacted>, user_agent=<redacted>, request_id='req_1', "
                    "session_id=<redacted>)")
    assert repr(Context()) == ("Context(ip=None, user_agent=None, request_id=None, "
                               "session_id=None)")

"""Emitter: envelope shape and key order, validation, on_invalid, set-up errors."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import orjson
import pytest
from hashing import hmac_value
from runtime_helpers import (
    ANY_EVENT,
    GOOD_FIELDS,
    KEY,
    RELEASE,
    emit,
    emitter,
)

from registry.catalog.model import ENVELOPE
from registry_runtime import (
    Actor,
    AuditConfigurationError,
    Context,
    Emitter,
    EventSpec,
    FieldSpec,
    InvalidEvent,
    MemorySink,
    Target,
)
from registry_runtime.encode import json_default, stdlib_dumps
from registry_runtime.envelope import RECORD_KEYS
from registry_runtime.ids import uuid7_ms

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
UUID7 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def mac(value: str) -> str:
    return hmac_value(KEY, value)


def test_record_has_the_envelope_keys_in_the_contract_order() -> None:
    sink = MemorySink()
    record = emit(emitter(sink), tenant="acme")
    assert list(record) == ["id", "event", "version", "occurred_at", "actor", "targets",
                            "outcome", "reason", "context", "tenant", "fields"]
    assert list(record["context"]) == ["ip", "user_agent", "request_id", "session_id"]
    # One envelope: what the runtime writes is what the catalog side documents and checks.
    assert tuple(record) == RECORD_KEYS == tuple(member.name for member in ENVELOPE)
    assert UUID7.match(record["id"])
    assert TIMESTAMP.match(record["occurred_at"])
    assert record["event"] == "user.promoted_production"
    assert record["version"] == 1
    assert record["actor"] == {"type": "user", "id": "u_42"}
    assert record["targets"] == [{"type": "release", "id": "rel_8f3k2m1q"}]
    assert (record["outcome"], record["reason"], record["tenant"]) == ("success", None, "acme")
    assert record["fields"] == {"release_id": "rel_8f3k2m1q", "environment": "production"}
    # The line is the record, serialized once, keys in the same order.
    assert sink.records == [record]
    assert sink.lines == [orjson.dumps(record)]
    assert list(json.loads(sink.lines[0])) == list(record)


def test_id_and_occurred_at_come_from_the_same_millisecond() -> None:
    record = emit(emitter())
    ms = uuid7_ms(record["id"])
    second = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000))
    assert record["occurred_at"] == f"{second}.{ms % 1000:03d}Z"


def test_ids_sort_in_emit_order() -> None:
    sink = MemorySink()
    e = emitter(sink)
    for _ in range(2000):
        emit(e)
    ids = [record["id"] for record in sink.records]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_fields_are_redacted_per_field_spec() -> None:
    fields = {
        **GOOD_FIELDS,
        "approver_email": "ada@example.com",
        "note": "rolled out",
        "card_number": "4111111111111111",
        "city": "Amsterdam-Zuid",
        "internal_note": "never written",
        "api_token": "sk_live_supersecret",
    }
    sink = MemorySink()
    record = emit(emitter(sink), fields=fields)
    assert record["fields"] == {
        "release_id": "rel_8f3k2m1q",
        "environment": "production",
        "approver_email": mac("ada@example.com"),
        "note": "rolled out",
        "card_number": "************1111",
        "city": "Amsterda",
    }
    assert b"sk_live_supersecret" not in sink.lines[0]
    assert b"never written" not in sink.lines[0]


def test_none_fields_are_omitted_and_key_order_follows_the_spec() -> None:
    fields = {"environment": "production", "release_id": "rel_8f3k2m1q", "note": None,
              "approver_email": "a@b.example"}
    record = emit(emitter(), fields=fields)
    assert list(record["fields"]) == ["release_id", "environment", "approver_email"]


def test_context_is_redacted_by_default() -> None:
    context = Context(ip="203.0.113.9", user_agent="curl/8", request_id="req_1",
                      session_id="sess_9")
    record = emit(emitter(), context=context)
    assert record["context"] == {
        "ip": mac("203.0.113.9"),
        "user_agent": mac("curl/8"),
        "request_id": "req_1",
        "session_id": mac("sess_9"),
    }


def test_context_redaction_is_configurable_and_none_stays_none() -> None:
    e = emitter(context_redaction={"ip": "truncate", "user_agent": "drop", "request_id": "hash",
                                   "session_id": "none"}, truncate_to=7)
    record = emit(e, context=Context(ip="203.0.113.9", user_agent="curl/8", request_id="req_1"))
    assert record["context"] == {"ip": "203.0.1", "user_agent": None,
                                 "request_id": mac("req_1"), "session_id": None}
    assert emit(e)["context"] == dict.fromkeys(["ip", "user_agent", "request_id", "session_id"])


def test_tenant_from_the_call_overrides_the_emitters() -> None:
    e = emitter(tenant="acme")
    assert emit(e)["tenant"] == "acme"
    assert emit(e, tenant="globex")["tenant"] == "globex"
    assert emit(emitter())["tenant"] is None


def test_failure_with_a_declared_reason() -> None:
    record = emit(emitter(), outcome="failure", reason="tests_failed")
    assert (record["outcome"], record["reason"]) == ("failure", "tests_failed")


def test_empty_type_sets_accept_any_type_and_any_reason() -> None:
    record = emit(emitter(), ANY_EVENT, {"value": 1}, actor=Actor("robot", "r1"),
                  targets=(Target("anything", "t1"), Target("else", "t2")), outcome="failure",
                  reason="whatever happened")
    assert record["targets"] == [{"type": "anything", "id": "t1"}, {"type": "else", "id": "t2"}]
    assert record["reason"] == "whatever happened"


INVALID_CALLS: list[tuple[str, dict[str, Any], str]] = [
    ("actor type", {"actor": Actor("robot", "r1")},
     ("user.promoted_production: actor.type: is not an allowed actor type "
      "(expected one of ['service', 'user'])")),
    ("actor id", {"actor": Actor("user", "")},
     "user.promoted_production: actor.id: must be a non-empty string"),
    ("actor object", {"actor": "u_42"},
     "user.promoted_production: actor: must be an Actor, not str"),
    ("target type", {"targets": [RELEASE, Target("integration", "i1")]},
     ("user.promoted_production: targets[1].type: is not an allowed target type "
      "(expected one of ['release'])")),
    ("target object", {"targets": [("release", "r")]},
     "user.promoted_production: targets[0]: must be a Target, not tuple"),
    ("targets not a sequence", {"targets": RELEASE},
     "user.promoted_production: targets: must be a sequence of Target, not Target"),
    ("outcome", {"outcome": "maybe"},
     ("user.promoted_production: outcome: is not an allowed outcome "
      "(expected one of ['failure', 'success'])")),
    ("failure without reason", {"outcome": "failure"},
     "user.promoted_production: reason: a failure needs a reason"),
    ("undeclared reason", {"outcome": "failure", "reason": "cosmic rays"},
     ("user.promoted_production: reason: is not a declared failure reason "
      "(expected one of ['approval_missing', 'tests_failed'])")),
    ("reason on success", {"reason": "tests_failed"},
     ("user.promoted_production: reason: a reason is only recorded when the outcome is "
      "'failure'")),
    ("context object", {"context": {"ip": "1.2.3.4"}},
     "user.promoted_production: context: must be a Context or None, not dict"),
    ("tenant", {"tenant": 7},
     "user.promoted_production: tenant: must be a string or None, not int"),
    ("required field", {"fields": {"environment": "production"}},
     "user.promoted_production: release_id: is required"),
    ("field type", {"fields": {**GOOD_FIELDS, "release_id": 5}},
     "user.promoted_production: release_id: must be a string, not int"),
    ("enum", {"fields": {**GOOD_FIELDS, "environment": "prod"}},
     "user.promoted_production: environment: must be one of 'staging', 'production'"),
    ("unknown field", {"fields": {**GOOD_FIELDS, "colour": "red"}},
     "user.promoted_production: has 1 unknown field(s)"),
]


@pytest.mark.parametrize(("label", "call", "message"), INVALID_CALLS,
                         ids=[case[0] for case in INVALID_CALLS])
def test_invalid_calls_raise_one_clear_error(label: str, call: dict[str, Any],
                                             message: str) -> None:
    sink = MemorySink()
    fields = call.pop("fields", None)
    with pytest.raises(InvalidEvent) as caught:
        emit(emitter(sink), fields=fields, **call)
    assert str(caught.value) == message
    assert caught.value.event == "user.promoted_production"
    assert isinstance(caught.value, ValueError)
    assert sink.records == []  # nothing is written when raising


def test_envelope_problems_come_before_field_problems() -> None:
    with pytest.raises(InvalidEvent) as caught:
        emit(emitter(), fields={}, actor=Actor("robot", "r"))
    assert caught.value.field == "actor.type"


def test_invalid_event_without_a_field_and_pickling() -> None:
    import pickle

    error = InvalidEvent("a.b", None, "went wrong")
    assert str(error) == "a.b: went wrong"
    copy = pickle.loads(pickle.dumps(InvalidEvent("a.b", "f", "bad")))
    assert (copy.event, copy.field, copy.problem, str(copy)) == ("a.b", "f", "bad", "a.b: f: bad")


def test_on_invalid_record_writes_the_event_with_its_errors_and_reports_each() -> None:
    sink = MemorySink()
    reports: list[InvalidEvent] = []
    e = emitter(sink, on_invalid="record", on_report=reports.append)
    record = emit(e, fields={"environment": "prod", "approver_email": "ada@example.com"},
                  actor=Actor("robot", "r1"))
    assert list(record)[-1] == "validation_errors"
    assert record["validation_errors"] == [
        {"field": "actor.type", "problem": "is not an allowed actor type "
                                           "(expected one of ['service', 'user'])"},
        {"field": "release_id", "problem": "is required"},
        {"field": "environment", "problem": "must be one of 'staging', 'production'"},
    ]
    assert record["actor"] == {"type": "robot", "id": "r1"}
    assert record["fields"] == {"environment": "prod", "approver_email": mac("ada@example.com")}
    assert sink.records == [record]
    assert [str(report) for report in reports] == [
        ("user.promoted_production: actor.type: is not an allowed actor type "
         "(expected one of ['service', 'user'])"),
        "user.promoted_production: release_id: is required",
        "user.promoted_production: environment: must be one of 'staging', 'production'",
    ]


def test_on_invalid_record_survives_wrong_envelope_objects() -> None:
    sink = MemorySink()
    e = emitter(sink, on_invalid="record", on_report=lambda error: None)
    record = emit(e, actor=None, targets="nope", outcome=None, context="x")
    assert record["actor"] == {"type": None, "id": None}
    assert record["targets"] == []
    assert [error["field"] for error in record["validation_errors"]] == [
        "actor", "targets", "outcome", "context"]
    json.loads(sink.lines[0])


def test_default_report_is_a_warning_on_the_audit_logger(caplog: pytest.LogCaptureFixture
                                                         ) -> None:
    e = emitter(on_invalid="record")
    with caplog.at_level("WARNING", logger="registry.audit"):
        emit(e, fields={"environment": "production"})
    assert "user.promoted_production: release_id: is required" in caplog.text


def test_messages_are_not_scrubbed_so_they_are_no_oracle() -> None:
    # Scrubbing by substring replacement told the value: with `age` (hashed) set to 50, the
    # bound of another field read "must be at most <redacted>0". Messages now never hold a
    # value, so nothing is replaced in them.
    def validate(fields: Any) -> list[tuple[str, str]]:
        return [("score", "must be at most 500")] if fields.get("score", 0) > 500 else []

    spec = EventSpec("a.b", 1, (FieldSpec("age", "hash"), FieldSpec("score", "none")),
                     frozenset(), frozenset(), frozenset({"success"}), frozenset(), validate)
    with pytest.raises(InvalidEvent) as caught:
        emit(emitter(), spec, {"age": 50, "score": 501})
    assert str(caught.value) == "a.b: score: must be at most 500"


def test_envelope_messages_never_quote_what_the_caller_passed() -> None:
    sink = MemorySink()
    reports: list[InvalidEvent] = []
    e = emitter(sink, on_invalid="record", on_report=reports.append)
    secret = "ada@example.com"
    emit(e, fields={**GOOD_FIELDS, secret: "x"}, actor=Actor(secret, "u"),
         targets=[Target(secret, "t")], outcome="failure", reason=secret)
    emit(e, fields=GOOD_FIELDS, outcome=secret)
    texts = [str(report) for report in reports] + [repr(report) for report in reports]
    assert len(reports) == 5
    assert all(secret not in text for text in texts)
    assert all(b"ada@example.com" not in line.split(b'"validation_errors"')[1]
               for line in sink.lines)


def test_missing_key_fails_at_construction_naming_the_variable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGISTRY_AUDIT_HMAC_KEY", raising=False)
    with pytest.raises(AuditConfigurationError, match="REGISTRY_AUDIT_HMAC_KEY"):
        Emitter(MemorySink())
    monkeypatch.delenv("MY_AUDIT_KEY", raising=False)
    with pytest.raises(AuditConfigurationError, match="MY_AUDIT_KEY"):
        Emitter(MemorySink(), hmac_key_env="MY_AUDIT_KEY")


def test_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_AUDIT_KEY", KEY)
    sink = MemorySink()
    e = Emitter(sink, hmac_key_env="MY_AUDIT_KEY")
    assert emit(e, context=Context(ip="1.2.3.4"))["context"]["ip"] == mac("1.2.3.4")


@pytest.mark.parametrize("options", [
    {"hmac_key": ""}, {"hmac_key": b""}, {"hmac_key": 42}, {"on_invalid": "ignore"},
    {"context_redaction": {"mac_address": "hash"}}, {"context_redaction": {"ip": "rot13"}},
    {"truncate_to": -1}, {"tenant": 5},
], ids=str)
def test_bad_options_fail_at_construction(options: dict[str, Any],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGISTRY_AUDIT_HMAC_KEY", KEY)
    with pytest.raises(AuditConfigurationError):
        Emitter(MemorySink(), **options)


def test_empty_key_in_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGISTRY_AUDIT_HMAC_KEY", "")
    with pytest.raises(AuditConfigurationError, match="empty"):
        Emitter(MemorySink())


def test_unknown_redaction_in_a_spec_is_a_configuration_error() -> None:
    spec = EventSpec("a.b", 1, (FieldSpec("x", "scramble"),), frozenset(), frozenset(),
                     frozenset({"success"}), frozenset(), lambda fields: [])
    with pytest.raises(AuditConfigurationError, match="x: unknown redaction 'scramble'"):
        emit(emitter(), spec, {"x": 1})


def test_close_closes_the_sink_and_emitter_is_a_context_manager() -> None:
    closed: list[bool] = []

    class Sink:
        def write(self, record: dict[str, Any], line: bytes) -> None:
            pass

        def close(self) -> None:
            closed.append(True)

    with Emitter(Sink(), hmac_key=KEY) as e:
        emit(e)
    assert closed == [True]


def test_unusual_values_serialize_instead_of_failing() -> None:
    import datetime as dt
    import decimal
    import uuid

    sink = MemorySink()
    when = dt.datetime(2026, 11, 27, 21, 0, tzinfo=dt.UTC)
    record = emit(emitter(sink), ANY_EVENT, {"value": [when, dt.date(2026, 1, 2),
                                                       decimal.Decimal("1.10"),
                                                       uuid.UUID(int=1), {3}, b"\x01"]})
    assert json.loads(sink.lines[0])["fields"]["value"] == [
        "2026-11-27T21:00:00Z", "2026-01-02", "1.10", "00000000-0000-0000-0000-000000000001",
        [3], "01"]
    assert record["fields"]["value"][0] is when
    emit(emitter(sink), ANY_EVENT, {"value": "lone \ud800 surrogate"})
    assert json.loads(sink.lines[-1])["fields"]["value"] == "lone \ud800 surrogate"
    emit(emitter(sink), ANY_EVENT, {"value": 2**70})
    assert json.loads(sink.lines[-1])["fields"]["value"] == 2**70


def test_stdlib_fallback_encoder_matches_orjson() -> None:
    record = emit(emitter(), fields={**GOOD_FIELDS, "note": "naïve \"quotes\" \n ☃"},
                  context=Context(request_id="r"))
    assert stdlib_dumps(record) == orjson.dumps(record)
    assert json_default(object()).startswith("<object object")


def test_a_shared_emitter_is_thread_safe() -> None:
    import threading

    sink = MemorySink()
    e = emitter(sink)

    def work() -> None:
        for _ in range(300):
            emit(e)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [record["id"] for record in sink.records]
    assert len(ids) == len(set(ids)) == 1800

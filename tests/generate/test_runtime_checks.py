"""Run-time checks of the generated emitters: every kind of mistake is one InvalidEvent with the
message "<event>: <field>: <problem>", nothing is written, and valid calls write the right
(redacted) values. Runs the code generated from the built-in catalog and from a catalog with a
field of every kind (gen_helpers.KINDS_CATALOG).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import ModuleType
from typing import Any
from uuid import UUID

import orjson
import pytest
from gen_helpers import KEY, VALID_CALLS, generate_python, imported, write_kinds_catalog
from hashing import hmac_value

from registry_runtime import Actor, Context, InvalidEvent, MemorySink, Target

USER = Actor(type="user", id="u_42")
VALID = VALID_CALLS
"""A valid call per method (all optional fields given), broken one argument at a time below."""


@pytest.fixture(scope="module")
def builtin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("builtin")
    with imported(out, generate_python(out)) as package:
        yield package


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("kinds")
    catalog = write_kinds_catalog(out / "catalog")
    with imported(out, generate_python(out, (catalog,))) as package:
        yield package


def hmac_of(value: str, key: str = KEY) -> str:
    return hmac_value(key, value)


@dataclass(frozen=True)
class Case:
    method: str
    change: dict[str, Any]
    message: str

    @property
    def id(self) -> str:
        return f"{self.method}-{'-'.join(self.change)}-{self.message.rsplit(': ', 1)[1][:24]}"


DEPLOY = "user.deploy_failed"
ITEM = "item.counted"


def deploy(change: dict[str, Any], message: str) -> Case:
    """A case of user.deploy_failed; `message` is the part after "user.deploy_failed: "."""
    return Case("user_deploy_failed", change, f"{DEPLOY}: {message}")


def item(change: dict[str, Any], message: str) -> Case:
    """A case of item.counted; `message` is the part after "item.counted: "."""
    return Case("item_counted", change, f"{ITEM}: {message}")


BUILTIN_CASES = [
    # types
    deploy({"exit_code": "1"}, "exit_code: must be an integer, not str"),
    deploy({"exit_code": True}, "exit_code: must be an integer, not bool"),
    deploy({"exit_code": 1.0}, "exit_code: must be an integer, not float"),
    deploy({"release_id": 42}, "release_id: must be a string, not int"),
    Case("user_exported_team_data", {"includes_personal_data": "yes"},
         "user.exported_team_data: includes_personal_data: must be true or false, not str"),
    Case("user_exported_team_data", {"includes_personal_data": 1},
         "user.exported_team_data: includes_personal_data: must be true or false, not int"),
    Case("user_added_integration", {"scopes": "repo"},
         "user.added_integration: scopes: must be a list, not str"),
    Case("user_added_integration", {"scopes": ["repo", 7]},
         "user.added_integration: scopes: must be a string, not int"),
    # bounds
    deploy({"exit_code": -1}, "exit_code: must be at least 0"),
    deploy({"exit_code": 256}, "exit_code: must be at most 255"),
    Case("user_changed_channel_history", {"retention_days_after": 3651},
         "user.changed_channel_history: retention_days_after: must be at most 3650"),
    # enum values (a list is unhashable: once a TypeError, now the same clear message)
    deploy({"environment": "qa"},
         "environment: must be one of: staging, production"),
    deploy({"environment": ["staging"]},
         "environment: must be one of: staging, production"),
    deploy({"failed_step": 1},
         "failed_step: must be one of: build, migrate, health_check, traffic_switch"),
    Case("user_added_bot", {"permissions": ["read_messages", "delete_channel"]},
         "user.added_bot: permissions: must be one of: read_messages, post_messages, "
         "manage_pins, read_files"),
    # patterns
    deploy({"app_id": "application_1"},
         "app_id: does not match ^app_[a-z0-9]{6,}$"),
    Case("user_joined_team", {"team_id": "t0a1b2c3d4"},
         "user.joined_team: team_id: does not match ^T[A-Z0-9]{8,12}$"),
    Case("user_promoted_staging", {"source_commit": "HEAD"},
         "user.promoted_staging: source_commit: does not match ^[0-9a-f]{40}$"),
    Case("user_promoted_production", {"approver_email": "ada at example.com"},
         "user.promoted_production: approver_email: is not an e-mail address"),
    # lengths
    Case("user_added_integration", {"installation_id": "x" * 65},
         "user.added_integration: installation_id: is longer than 64 characters"),
    Case("user_added_integration", {"scopes": ["repo", "s" * 101]},
         "user.added_integration: scopes: is longer than 100 characters"),
    Case("user_promoted_production", {"approver_email": "a" * 250 + "@example.com"},
         "user.promoted_production: approver_email: is longer than 254 characters"),
    # required fields (None is what an omitted argument looks like to the check)
    deploy({"release_id": None}, "release_id: is required"),
    Case("user_added_bot", {"permissions": None}, "user.added_bot: permissions: is required"),
    # timestamps, as RFC 3339 and JSON Schema's date-time format define them
    Case("user_invited_observer", {"expires_at": "2030-01-01T00:00:00"},
         "user.invited_observer: expires_at: must be an RFC 3339 timestamp with a time zone"),
    Case("user_invited_observer", {"expires_at": "2030-01-01"},
         "user.invited_observer: expires_at: must be an RFC 3339 timestamp with a time zone"),
    Case("user_invited_observer", {"expires_at": "2030-01-01 00:00:00Z"},
         "user.invited_observer: expires_at: must be an RFC 3339 timestamp with a time zone"),
    Case("user_invited_observer", {"expires_at": "2030-02-30T00:00:00Z"},
         "user.invited_observer: expires_at: must be an RFC 3339 timestamp with a time zone"),
    Case("user_invited_observer", {"expires_at": "2030-01-01T24:00:00Z"},
         "user.invited_observer: expires_at: must be an RFC 3339 timestamp with a time zone"),
    Case("user_invited_observer", {"expires_at": 1893456000},
         "user.invited_observer: expires_at: must be an RFC 3339 timestamp with a time zone"),
    Case("user_invited_observer", {"expires_at": datetime(2030, 1, 1)},
         "user.invited_observer: expires_at: must be a timezone-aware datetime"),
    # the envelope: outcomes and failure reasons come from the catalog too
    Case("user_promoted_staging", {"outcome": "partial"},
         "user.promoted_staging: outcome: is not an allowed outcome "
         "(expected one of ['failure', 'success'])"),
    deploy({"outcome": "success", "reason": None},
         "outcome: is not an allowed outcome (expected one of ['failure'])"),
    deploy({"reason": "flaky"},
         "reason: is not a declared failure reason (expected one of "
         "['build_failed', 'health_check_failed', 'migration_failed', 'timeout', "
         "'traffic_switch_failed'])"),
    Case("user_promoted_production", {"outcome": "failure"},
         "user.promoted_production: reason: a failure needs a reason"),
    deploy({"actor": Actor(type="robot", id="r2")},
         "actor.type: is not an allowed actor type "
         "(expected one of ['service', 'system', 'user'])"),
    Case("user_promoted_staging", {"targets": [Target(type="team", id="T1")]},
         "user.promoted_staging: targets[0].type: is not an allowed target type "
         "(expected one of ['application', 'release'])"),
]

KINDS_CASES = [
    # numbers: type, finiteness, bounds
    item({"weight_kg": "2.5"}, "weight_kg: must be a number, not str"),
    item({"weight_kg": False}, "weight_kg: must be a number, not bool"),
    item({"weight_kg": math.nan}, "weight_kg: must be a finite number"),
    item({"weight_kg": math.inf}, "weight_kg: must be a finite number"),
    item({"weight_kg": -math.inf}, "weight_kg: must be a finite number"),
    item({"weight_kg": 0.49}, "weight_kg: must be at least 0.5"),
    item({"weight_kg": 100}, "weight_kg: must be at most 99.5"),
    item({"quantity": 1001}, "quantity: must be at most 1000"),
    # strings: length is checked before the pattern
    item({"sku": "SKU-00042"}, "sku: is longer than 8 characters"),
    item({"sku": "SKU-004"}, "sku: does not match ^SKU-[0-9]{4}$"),
    item({"sku": b"SKU-0042"}, "sku: must be a string, not bytes"),
    # dates, timestamps, UUIDs
    item({"counted_on": "2023-02-29"}, "counted_on: must be a date as YYYY-MM-DD"),
    item({"counted_on": "2024-2-1"}, "counted_on: must be a date as YYYY-MM-DD"),
    item({"counted_on": datetime(2024, 1, 1, tzinfo=UTC)}, "counted_on: must be a date"),
    item({"counted_on": 20240101}, "counted_on: must be a date"),
    item({"counted_at": "2024-13-01T00:00:00Z"},
         "counted_at: must be an RFC 3339 timestamp with a time zone"),
    item({"batch_id": "not-a-uuid"}, "batch_id: must be a UUID"),
    item({"batch_id": "0190a1b2c3d47e5f8a9b0c1d2e3f4a5b"}, "batch_id: must be a UUID"),
    item({"batch_id": 42}, "batch_id: must be a UUID"),
    # enums of integers, and of integers and strings: True is not 1, "1" is not 1
    item({"shelf_level": 4}, "shelf_level: must be one of: 1, 2, 3"),
    item({"shelf_level": True}, "shelf_level: must be one of: 1, 2, 3"),
    item({"shelf_level": "1"}, "shelf_level: must be one of: 1, 2, 3"),
    item({"shelf_level": 2.0}, "shelf_level: must be one of: 1, 2, 3"),
    item({"bin_label": "B"}, "bin_label: must be one of: A, 7"),
    item({"bin_label": {"A": 1}}, "bin_label: must be one of: A, 7"),
    # lists and objects
    item({"tags": ["new", "clearance"]}, "tags: is longer than 5 characters"),
    item({"tags": {"new"}}, "tags: must be a list, not set"),
    item({"location": [3]}, "location: must be a mapping, not list"),
    item({"location": {"note": "x"}}, "location.aisle: is required"),
    item({"location": {"aisle": 0}}, "location.aisle: must be at least 1"),
    item({"location": {"aisle": 1, "note": None}}, "location.note: must be a string, not NoneType"),
    item({"location": {"aisle": None}}, "location.aisle: is required"),
    item({"location": {"aisle": 1, "note": "n" * 11}},
         "location.note: is longer than 10 characters"),
    item({"location": {"aisle": 1, "shelf": 2}},
         "location: has 1 unknown member(s)"),
    # redacted fields are checked like any other (the message never holds their value)
    item({"counter_email": "ada"}, "counter_email: is not an e-mail address"),
    item({"badge_number": 12345678}, "badge_number: must be a string, not int"),
    item({"phone_number": "0" * 33}, "phone_number: is longer than 32 characters"),
    item({"quantity": None}, "quantity: is required"),
]


def call(package: ModuleType, case: Case, sink: MemorySink) -> dict[str, Any]:
    audit = package.AuditLog(sink, hmac_key=KEY)
    return getattr(audit, case.method)(**{**VALID[case.method], **case.change})


@pytest.mark.parametrize("case", BUILTIN_CASES, ids=lambda c: c.id)
def test_builtin_catalog_checks(builtin: ModuleType, case: Case) -> None:
    sink = MemorySink()
    with pytest.raises(InvalidEvent) as caught:
        call(builtin, case, sink)
    assert str(caught.value) == case.message
    assert f"{caught.value.event}: {caught.value.field}: {caught.value.problem}" == case.message
    assert isinstance(caught.value, ValueError)
    assert len(sink) == 0  # nothing is written for an invalid call


@pytest.mark.parametrize("case", KINDS_CASES, ids=lambda c: c.id)
def test_every_kind_of_check(kinds: ModuleType, case: Case) -> None:
    sink = MemorySink()
    with pytest.raises(InvalidEvent) as caught:
        call(kinds, case, sink)
    assert str(caught.value) == case.message
    assert len(sink) == 0


def test_secret_values_are_not_in_messages(kinds: ModuleType) -> None:
    sink = MemorySink()
    audit = kinds.AuditLog(sink, hmac_key=KEY)
    for change in ({"counter_email": "secret-address"}, {"home_city": "S" * 65},
                   {"badge_number": "B" * 33}, {"phone_number": "+31" + "5" * 40}):
        with pytest.raises(InvalidEvent) as caught:
            audit.item_counted(**{**VALID["item_counted"], **change})
        assert next(iter(change.values())) not in str(caught.value)


def test_only_the_first_problem_is_raised(builtin: ModuleType) -> None:
    audit = builtin.AuditLog(MemorySink(), hmac_key=KEY)
    with pytest.raises(InvalidEvent) as caught:
        audit.user_deploy_failed(**{**VALID["user_deploy_failed"], "app_id": "x",
                                    "environment": "qa", "exit_code": 999})
    assert str(caught.value) == f"{DEPLOY}: app_id: does not match ^app_[a-z0-9]{{6,}}$"


def test_unknown_fields_are_rejected(builtin: ModuleType) -> None:
    audit = builtin.AuditLog(MemorySink(), hmac_key=KEY)
    valid = {k: v for k, v in VALID["user_promoted_staging"].items() if k != "targets"}
    with pytest.raises(TypeError, match="branch"):  # the typed method has no such parameter
        audit.user_promoted_staging(**valid, branch="main")
    platform = importlib.import_module(builtin.__name__ + ".platform")
    fields = {"app_id": "app_9x7c2v", "release_id": "rel_8f3k2m1q", "branch": "main"}
    with pytest.raises(InvalidEvent) as caught:  # below the typed method: the spec's check
        audit._emit(platform.SPEC_USER_PROMOTED_STAGING, fields, actor=USER, targets=(),
                    outcome="success", reason=None, context=None, tenant=None)
    assert str(caught.value) == "user.promoted_staging: has 1 unknown field(s)"


# -- valid calls -------------------------------------------------------------------------------

@pytest.mark.parametrize("method", [m for m in VALID if m != "item_counted"])
def test_every_builtin_event_accepts_a_valid_call(builtin: ModuleType, method: str) -> None:
    sink = MemorySink()
    record = getattr(builtin.AuditLog(sink, hmac_key=KEY), method)(**VALID[method])
    assert sink.records == [record]
    assert "validation_errors" not in record


def test_records_hold_the_values_plain_or_redacted(builtin: ModuleType) -> None:
    sink = MemorySink()
    audit = builtin.AuditLog(sink, hmac_key=KEY, tenant="acme")
    record = audit.user_promoted_production(
        **{k: v for k, v in VALID["user_promoted_production"].items() if k != "change_ticket"},
        context=Context(ip="192.0.2.10", request_id="req_1"),
    )
    assert record["event"] == "user.promoted_production"
    assert record["version"] == 1
    assert record["outcome"] == "success"
    assert record["reason"] is None
    assert record["tenant"] == "acme"
    assert record["actor"] == {"type": "user", "id": "u_42"}
    assert record["fields"] == {
        "app_id": "app_9x7c2v",
        "release_id": "rel_8f3k2m1q",
        "previous_release_id": "rel_7e2j1l0p",
        "approver_email": hmac_of("ada@example.com"),
    }  # change_ticket was not given: no key, not null
    assert record["context"] == {"ip": hmac_of("192.0.2.10"), "user_agent": None,
                                 "request_id": "req_1", "session_id": None}
    line = sink.lines[0]
    assert orjson.loads(line) == record
    assert b"ada@example.com" not in line
    assert b"192.0.2.10" not in line


def test_every_redaction_of_the_kinds_catalog(kinds: ModuleType) -> None:
    sink = MemorySink()
    kinds.AuditLog(sink, hmac_key=KEY).item_counted(**VALID["item_counted"])
    written = orjson.loads(sink.lines[0])["fields"]
    assert written == {
        "sku": "SKU-0042",
        "quantity": 12,
        "weight_kg": 2.25,
        "damaged": False,
        "counted_on": "2024-02-29",
        "counted_at": "2024-02-29T10:00:00Z",
        "batch_id": "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
        "shelf_level": 2,
        "bin_label": 7,
        "tags": ["new", "promo"],
        "location": {"aisle": 3, "note": "top shelf"},
        "counter_email": hmac_of("ada@example.com"),  # hash
        "badge_number": "******5678",  # mask: the last 4 characters
        "home_city": "Amsterda",  # truncate: the first 8
        # phone_number: drop
    }
    for secret in (b"ada@example.com", b"B-12345678", b"Amsterdam-Noord", b"123 4567"):
        assert secret not in sink.lines[0]


def test_python_values_are_accepted_and_written_as_json(kinds: ModuleType) -> None:
    sink = MemorySink()
    values = {
        **VALID["item_counted"],
        "counted_on": date(2024, 2, 29),
        "counted_at": datetime(2024, 2, 29, 10, 0, tzinfo=UTC),
        "batch_id": UUID("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
        "tags": ("new",),
        "weight_kg": 3,
    }
    kinds.AuditLog(sink, hmac_key=KEY).item_counted(**values)
    written = orjson.loads(sink.lines[0])["fields"]
    assert written["counted_on"] == "2024-02-29"
    assert written["counted_at"] == "2024-02-29T10:00:00Z"
    assert written["batch_id"] == "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
    assert written["tags"] == ["new"]
    assert written["weight_kg"] == 3


def test_hash_redaction_is_stable_for_a_key(builtin: ModuleType) -> None:
    def approver_hash(key: str, email: str) -> str:
        sink = MemorySink()
        builtin.AuditLog(sink, hmac_key=key).user_promoted_production(
            **{**VALID["user_promoted_production"], "approver_email": email})
        return str(sink.records[0]["fields"]["approver_email"])

    first = approver_hash(KEY, "ada@example.com")
    assert first == approver_hash(KEY, "ada@example.com")  # another emitter, same key
    assert first == hmac_of("ada@example.com")
    assert first != approver_hash(KEY, "grace@example.com")
    assert first != approver_hash(KEY + "-rotated", "ada@example.com")
    # the same value in another event hashes the same: records stay joinable
    sink = MemorySink()
    builtin.AuditLog(sink, hmac_key=KEY).user_invited_observer(
        **{**VALID["user_invited_observer"], "invitee_email": "ada@example.com"})
    assert sink.records[0]["fields"]["invitee_email"] == first


def test_hmac_key_from_the_environment(builtin: ModuleType, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    monkeypatch.setenv("REGISTRY_AUDIT_HMAC_KEY", KEY)
    sink = MemorySink()
    builtin.AuditLog(sink).user_promoted_production(**VALID["user_promoted_production"])
    assert sink.records[0]["fields"]["approver_email"] == hmac_of("ada@example.com")


# -- on_invalid="record" -----------------------------------------------------------------------

def test_record_mode_writes_the_event_with_its_problems(builtin: ModuleType) -> None:
    sink = MemorySink()
    reports: list[InvalidEvent] = []
    audit = builtin.AuditLog(sink, hmac_key=KEY, on_invalid="record", on_report=reports.append)
    record = audit.user_deploy_failed(
        **{**VALID["user_deploy_failed"], "environment": ["staging"], "exit_code": 999})
    assert sink.records == [record]
    assert record["validation_errors"] == [
        {"field": "environment", "problem": "must be one of: staging, production"},
        {"field": "exit_code", "problem": "must be at most 255"},
    ]
    assert [str(r) for r in reports] == [
        f"{DEPLOY}: environment: must be one of: staging, production",
        f"{DEPLOY}: exit_code: must be at most 255",
    ]
    assert all(isinstance(r, InvalidEvent) for r in reports)
    assert record["fields"]["exit_code"] == 999  # written as given, with the marker
    assert list(orjson.loads(sink.lines[0]))[-1] == "validation_errors"


def test_record_mode_still_redacts(builtin: ModuleType) -> None:
    sink = MemorySink()
    reports: list[InvalidEvent] = []
    audit = builtin.AuditLog(sink, hmac_key=KEY, on_invalid="record", on_report=reports.append)
    record = audit.user_promoted_production(
        **{**VALID["user_promoted_production"], "approver_email": "not an address"})
    assert record["fields"]["approver_email"] == hmac_of("not an address")
    assert record["validation_errors"] == [
        {"field": "approver_email", "problem": "is not an e-mail address"}]
    assert b"not an address" not in sink.lines[0]
    assert [str(r) for r in reports] == [
        "user.promoted_production: approver_email: is not an e-mail address"]


def test_record_mode_without_problems_adds_no_marker(builtin: ModuleType) -> None:
    sink = MemorySink()
    reports: list[InvalidEvent] = []
    audit = builtin.AuditLog(sink, hmac_key=KEY, on_invalid="record", on_report=reports.append)
    record = audit.user_joined_team(**VALID["user_joined_team"])
    assert "validation_errors" not in record
    assert reports == []

"""`registry generate jsonschema` describes exactly what the generated emitters write.

Every record emitted through the generated code (the 45 events of the built-in catalogs with and
without their optional fields, with a failure and its reason, and the every-kind catalog)
validates against its generated schema with `jsonschema.Draft202012Validator` and format
checking: the record dict, its JSON line, and the chained line `JsonLinesSink` writes. Tampered
records fail. And, as a property: whatever values a call passes, the emitter either raises
InvalidEvent or writes a record its schema accepts.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import math
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import orjson
import pytest
from gen_helpers import (
    EVENT_OF_METHOD,
    KEY,
    SERVICE,
    USER,
    VALID_CALLS,
    generate_python,
    generate_schemas,
    imported,
    write_kinds_catalog,
)
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from registry_runtime import Context, InvalidEvent, JsonLinesSink, MemorySink, Target

Validator = jsonschema.Draft202012Validator
BUILTIN_METHODS = [m for m in VALID_CALLS if m != "item_counted"]
ENVELOPE = {"actor", "targets", "outcome", "reason", "context", "tenant"}


@dataclass
class Generated:
    package: ModuleType
    schemas: dict[str, dict[str, Any]]

    def validator(self, event: str) -> jsonschema.protocols.Validator:
        return Validator(self.schemas[event], format_checker=Validator.FORMAT_CHECKER)

    def spec(self, method: str) -> Any:
        """The EventSpec behind `method` (SPEC_<METHOD> in one of the domain modules)."""
        found = []
        for info in pkgutil.iter_modules(self.package.__path__):
            if info.name == "audit_log":  # the facade imports every spec
                continue
            module = importlib.import_module(f"{self.package.__name__}.{info.name}")
            if hasattr(module, "SPEC_" + method.upper()):
                found.append(getattr(module, "SPEC_" + method.upper()))
        assert len(found) == 1, method
        return found[0]


@pytest.fixture(scope="module")
def builtin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    out = tmp_path_factory.mktemp("crosscheck")
    schemas = generate_schemas(out / "schemas")
    with imported(out, generate_python(out)) as package:
        yield Generated(package, schemas)


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    out = tmp_path_factory.mktemp("crosscheck_kinds")
    catalog = (write_kinds_catalog(out / "catalog"),)
    schemas = generate_schemas(out / "schemas", catalog)
    with imported(out, generate_python(out, catalog)) as package:
        yield Generated(package, schemas)


def optional_parameters(package: ModuleType, method: str) -> set[str]:
    signature = inspect.signature(getattr(package.AuditLog, method))
    return {name for name, parameter in signature.parameters.items()
            if parameter.default is None and name not in ENVELOPE}


def variants(generated: Generated, method: str) -> dict[str, dict[str, Any]]:
    """Named valid calls of `method`: all fields, required ones only, a failure, the lot."""
    full = VALID_CALLS[method]
    optional = optional_parameters(generated.package, method)
    assert optional <= set(full), f"VALID_CALLS[{method!r}] misses {optional - set(full)}"
    required_only = {k: v for k, v in full.items() if k not in optional and k != "reason"}
    spec = generated.spec(method)
    calls = {"all_fields": full}
    if "success" in spec.outcomes:
        calls["required_only"] = {**required_only, "outcome": "success"}
    else:
        calls["required_only"] = {**required_only, "outcome": "failure",
                                  "reason": min(spec.failure_reasons)}
    if "failure" in spec.outcomes:
        for reason in sorted(spec.failure_reasons):
            calls[f"failure_{reason}"] = {**full, "outcome": "failure", "reason": reason}
    targets = [Target(type=kind, id=f"{kind}_1") for kind in sorted(spec.target_types)]
    calls["envelope"] = {
        **full,
        "actor": SERVICE if "service" in spec.actor_types
        else USER if "user" in spec.actor_types else full["actor"],
        "targets": targets,
        "context": Context(ip="192.0.2.1", user_agent="curl/8", request_id="r-1",
                           session_id="s-1"),
        "tenant": "acme",
    }
    return calls


def assert_valid(validator: jsonschema.protocols.Validator, instance: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]
    assert errors == []


def test_one_valid_2020_12_schema_per_event(builtin: Generated) -> None:
    assert sorted(builtin.schemas) == sorted(EVENT_OF_METHOD[m] for m in BUILTIN_METHODS)
    for name, schema in builtin.schemas.items():
        Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["properties"]["event"] == {"const": name}


@pytest.mark.parametrize("method", BUILTIN_METHODS)
def test_every_builtin_record_validates(builtin: Generated, method: str, tmp_path: Path) -> None:
    calls = variants(builtin, method)
    assert len(calls) >= (4 if "failure" in builtin.spec(method).outcomes else 3)
    memory = MemorySink()
    log = tmp_path / "audit.jsonl"
    with JsonLinesSink(log) as file_sink:
        for call in calls.values():
            for sink in (memory, file_sink):
                getattr(builtin.package.AuditLog(sink, hmac_key=KEY), method)(**call)
    event = memory.records[0]["event"]
    validator = builtin.validator(event)
    lines = log.read_bytes().splitlines()
    assert len(memory.records) == len(lines) == len(calls)
    for record, line, chained in zip(memory.records, memory.lines, lines, strict=True):
        assert "validation_errors" not in record
        assert_valid(validator, record)
        assert_valid(validator, orjson.loads(line))
        assert_valid(validator, orjson.loads(chained))  # with prev_hash and hash


def test_every_kind_validates(kinds: Generated) -> None:
    sink = MemorySink()
    for call in variants(kinds, "item_counted").values():
        kinds.package.AuditLog(sink, hmac_key=KEY).item_counted(**call)
    validator = kinds.validator("item.counted")
    for record, line in zip(sink.records, sink.lines, strict=True):
        assert_valid(validator, record)
        assert_valid(validator, orjson.loads(line))


def test_schema_of_redacted_fields(kinds: Generated) -> None:
    fields = kinds.schemas["item.counted"]["properties"]["fields"]
    assert "phone_number" not in fields["properties"]  # dropped: never written
    for name in ("counter_email", "badge_number", "home_city"):
        assert fields["properties"][name]["type"] == "string"
    sink = MemorySink()
    kinds.package.AuditLog(sink, hmac_key=KEY).item_counted(**VALID_CALLS["item_counted"])
    written = orjson.loads(sink.lines[0])
    extra = {**written, "fields": {**written["fields"], "phone_number": "+31 20 123 4567"}}
    assert not kinds.validator("item.counted").is_valid(extra)


# -- tampered records fail -----------------------------------------------------------------------

def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(record: dict[str, Any]) -> None:
        target: Any = record
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def _delete(path: tuple[str, ...]) -> Callable[[dict[str, Any]], None]:
    def change(record: dict[str, Any]) -> None:
        target: Any = record
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return change


TAMPERING = {
    "extra field": _set(("fields", "branch"), "main"),
    "extra top-level key": _set(("approved",), True),
    "extra context key": _set(("context", "geo"), "NL"),
    "wrong enum value": _set(("fields", "environment"), "qa"),
    "enum value of another field": _set(("fields", "environment"), "build"),
    "wrong type": _set(("fields", "exit_code"), "1"),
    "out of bounds": _set(("fields", "exit_code"), 256),
    "pattern": _set(("fields", "app_id"), "application"),
    "missing required field": _delete(("fields", "release_id")),
    "missing envelope key": _delete(("tenant",)),
    "wrong outcome": _set(("outcome",), "success"),
    "undeclared reason": _set(("reason",), "flaky_tests"),
    "other event": _set(("event",), "user.promoted_production"),
    "other version": _set(("version",), 2),
    "actor type": _set(("actor", "type"), "robot"),
    "target type": _set(("targets", 0, "type"), "team"),
    "id not a UUID": _set(("id",), "1234"),
    "occurred_at not a timestamp": _set(("occurred_at",), "2030-02-30T00:00:00Z"),
    "hash not hex": _set(("hash",), "x" * 64),
}


@pytest.mark.parametrize("name", TAMPERING)
def test_tampered_record_fails(builtin: Generated, tmp_path: Path, name: str) -> None:
    log = tmp_path / "audit.jsonl"
    with JsonLinesSink(log) as sink:
        builtin.package.AuditLog(sink, hmac_key=KEY, tenant="acme").user_deploy_failed(
            **VALID_CALLS["user_deploy_failed"], targets=[Target(type="release", id="rel_1")])
    record = orjson.loads(log.read_bytes())
    validator = builtin.validator("user.deploy_failed")
    assert_valid(validator, record)
    tampered = copy.deepcopy(record)
    TAMPERING[name](tampered)
    assert not validator.is_valid(tampered)


# -- property: accepted by the emitter => accepted by the schema ---------------------------------

ZONES = st.sampled_from([
    timezone(timedelta(hours=hours, minutes=minutes, seconds=seconds))
    for hours, minutes, seconds in ((-12, 0, 0), (0, 0, 0), (5, 30, 0), (14, 0, 0), (-3, -30, 0),
                                    (0, 19, 32), (23, 59, 0), (-23, -59, 0))
])
"""Fixed offsets (no time-zone database needed), one of them with seconds like a historic LMT."""
junk = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), st.text(max_size=12),
    st.binary(max_size=4), st.lists(st.one_of(st.integers(), st.text(max_size=6)), max_size=3),
    st.dictionaries(st.text(max_size=6), st.one_of(st.none(), st.integers(), st.text(max_size=12)),
                    max_size=3),
    st.dates(), st.datetimes(), st.datetimes(timezones=ZONES), st.uuids(),
    st.sets(st.text(max_size=3), max_size=2), st.tuples(st.text(max_size=5)),
)
REASONS = ["seat_limit_reached", "domain_not_allowed", "not_permitted"]
near_dates = st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
near_timestamps = st.from_regex(
    r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?\Z")
near_uuids = st.one_of(st.uuids().map(str), st.uuids().map(lambda u: u.hex),
                       st.uuids().map(lambda u: str(u).upper()), st.uuids().map(lambda u: f"{{{u}}}"))


def maybe(valid: st.SearchStrategy[Any], near: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly valid values (6 in 8), sometimes almost valid ones, sometimes anything. (Not
    `one_of(valid, valid, ...)`: one_of flattens the branches of `junk` into its own.)"""
    return st.integers(0, 7).flatmap(lambda pick: valid if pick < 6 else near if pick == 6
                                     else junk)


aware = st.datetimes(timezones=ZONES)
rfc3339 = aware.map(lambda moment: moment.isoformat().replace("+00:00", "Z"))

REQUIRED = ("sku", "quantity")
KINDS_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "sku": maybe(st.from_regex(r"\ASKU-[0-9]{4}\Z"), st.from_regex(r"\A[Ss]KU-[0-9]{3,5}\Z")),
    "quantity": maybe(st.integers(0, 1000), st.integers(-2, 1002)),
    "weight_kg": maybe(st.one_of(st.floats(0.5, 99.5), st.integers(1, 99)),
                       st.one_of(st.floats(0, 100), st.integers(0, 100),
                                 st.sampled_from([math.nan, math.inf, -math.inf, -0.0]))),
    "damaged": maybe(st.booleans(), st.integers(0, 1)),
    "counted_on": maybe(st.one_of(st.dates(), st.dates().map(date.isoformat)), near_dates),
    "counted_at": maybe(st.one_of(aware, rfc3339),
                        st.one_of(near_timestamps, st.datetimes())),
    "batch_id": maybe(st.one_of(st.uuids(), st.uuids().map(str)), near_uuids),
    "shelf_level": maybe(st.sampled_from([1, 2, 3]), st.sampled_from([0, 4, True, 2.0, "2"])),
    "bin_label": maybe(st.sampled_from(["A", 7]), st.sampled_from(["a", "7", 7.0, True])),
    "tags": maybe(st.one_of(st.lists(st.text(max_size=5), max_size=3),
                            st.tuples(st.text(max_size=5))),
                  st.lists(st.one_of(st.text(max_size=7), st.none()), max_size=3)),
    "location": maybe(
        st.fixed_dictionaries({"aisle": st.integers(1, 50)},
                              optional={"note": st.text(max_size=10)}),
        st.fixed_dictionaries(
            {"aisle": st.one_of(st.integers(-1, 3), st.none(), st.text(max_size=2))},
            optional={"note": st.one_of(st.text(max_size=12), st.none()),
                      "shelf": st.integers()})),
    "counter_email": maybe(st.emails(), st.text(max_size=12)),
    "badge_number": maybe(st.text(max_size=32), st.text(min_size=33, max_size=40)),
    "home_city": maybe(st.text(max_size=64), st.text(min_size=65, max_size=70)),
    "phone_number": maybe(st.text(max_size=32), st.text(min_size=33, max_size=40)),
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.fixed_dictionaries(
    {name: KINDS_VALUES[name] for name in REQUIRED},  # a missing argument is a TypeError
    optional={name: value for name, value in KINDS_VALUES.items() if name not in REQUIRED}))
def test_what_the_emitter_accepts_the_schema_accepts(kinds: Generated, values: dict[str, Any]
                                                     ) -> None:
    sink = MemorySink()
    audit = kinds.package.AuditLog(sink, hmac_key=KEY)
    try:
        audit.item_counted(actor=USER, **values)
    except InvalidEvent as error:
        event(f"rejected: {error.field}")
        assert len(sink) == 0
        return
    event("accepted")
    assert_valid(kinds.validator("item.counted"), orjson.loads(sink.lines[0]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expires_at=maybe(st.one_of(aware, rfc3339), st.one_of(near_timestamps, st.datetimes())),
       access_level=maybe(st.sampled_from(["view", "comment"]), st.just("edit")),
       ending=st.one_of(
           st.just(("success", None)),
           st.tuples(st.just("failure"), st.sampled_from(REASONS)),
           st.tuples(st.sampled_from(["success", "failure", "unknown", "", None]),
                     st.one_of(st.none(), st.just("timeout"), st.sampled_from(REASONS)))))
def test_builtin_timestamps_and_envelope(builtin: Generated, expires_at: Any, access_level: Any,
                                         ending: tuple[Any, Any]) -> None:
    outcome, reason = ending
    sink = MemorySink()
    audit = builtin.package.AuditLog(sink, hmac_key=KEY)
    call = {**VALID_CALLS["user_invited_observer"], "expires_at": expires_at,
            "access_level": access_level, "outcome": outcome, "reason": reason}
    try:
        audit.user_invited_observer(**call)
    except InvalidEvent as error:
        event(f"rejected: {error.field}")
        assert len(sink) == 0
        return
    event("accepted")
    assert_valid(builtin.validator("user.invited_observer"), orjson.loads(sink.lines[0]))

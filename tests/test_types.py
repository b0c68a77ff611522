"""registry.catalog.types: what generated code and JSON Schemas take from it holds together."""

from __future__ import annotations

import re
from pathlib import Path

from registry.catalog.types import ENFORCED_FORMATS, EnforcedFormat, anchored
from registry_runtime import checks


def test_every_enforced_format_is_a_named_function_of_the_runtime() -> None:
    """Generated code imports a format's test by its name from registry_runtime.checks."""
    for name, enforced in ENFORCED_FORMATS.items():
        assert isinstance(enforced, EnforcedFormat), name
        assert getattr(checks, enforced.test.__name__) is enforced.test, name
        assert enforced.test.__name__ in checks.__all__, name


def test_a_format_pattern_agrees_with_its_test() -> None:
    samples = [
        "ada@example.com",
        "a@b.c",
        "no-at-sign",
        "a@b",
        "a b@c.d",
        "é@example.de",
        "a..b@example.com",
        "ada@example.com\n",
        "",
    ]
    for enforced in ENFORCED_FORMATS.values():
        whole = re.compile(anchored(enforced.pattern))
        for sample in samples:
            assert (whole.search(sample) is not None) == enforced.test(sample), sample


# -- the JSON Schema of a value as the record holds it, at every depth ---------------------------
#
# `json_schema(spec, plan)` describes what the emitters write (registry_runtime.redact.writer)
# when the redaction plan (registry.privacy.policy) applies at every depth, and the docs' example
# (registry.generate.docs_examples.as_written) shows the same value.

from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.catalog.config import Config
from registry.catalog.model import Field, Kind, Redaction, TypeSpec
from registry.catalog.types import json_schema
from registry.findings import Origin
from registry.generate.docs_examples import HASHED, LEFT_OUT, as_written
from registry.privacy.policy import RedactionPlan, redaction_plan
from registry_runtime import FieldSpec
from registry_runtime.redact import OMIT, Redactor, writer

CONFIG = Config(root=Path("."))
HASH = "hmac:" + "0" * 64
Validator = jsonschema.Draft202012Validator


def _field(name: str, spec: TypeSpec, required: bool = False) -> Field:
    return Field(name, spec, required, None, Origin("t.yaml"))


def _string(**kw: Any) -> TypeSpec:
    return TypeSpec(Kind.STRING, max_length=60, **kw)


def _object(*members: Field, **kw: Any) -> TypeSpec:
    return TypeSpec(Kind.OBJECT, fields=members, **kw)


def _list(items: TypeSpec, **kw: Any) -> TypeSpec:
    return TypeSpec(Kind.LIST, items=items, **kw)


PII = frozenset({"pii"})
# profile: {email (pii: hash), locale, token (credential), address (mask) {street,
#           geo {lat, extra (free-form)}}, contacts: list of {phones: list of pii strings}}
PROFILE = _field(
    "profile",
    _object(
        _field("email", _string(sensitivity=PII)),
        _field("locale", _string(), required=True),
        _field("token", _string(sensitivity=frozenset({"credential"}))),
        _field("diagnosis", _string(sensitivity=frozenset({"special_category"}))),
        _field(
            "address",
            _object(
                _field("street", _string(redact=Redaction.NONE)),
                _field(
                    "geo",
                    _object(
                        _field("lat", TypeSpec(Kind.NUMBER)),
                        _field("extra", _object()),
                    ),
                ),
                redact=Redaction.MASK,
            ),
        ),
        _field(
            "contacts",
            _list(
                _object(
                    _field("phones", _list(_string(sensitivity=PII, redact=Redaction.TRUNCATE)))
                )
            ),
        ),
    ),
)
GOOD = {
    "email": HASH,
    "locale": "en_GB",
    "address": {"street": "********reet", "geo": {"lat": "****", "extra": HASH}},
    "contacts": [{"phones": ["+31 20 ", "0612"]}],
}


@pytest.mark.parametrize(
    ("record", "valid", "why"),
    [
        (GOOD, True, "every member as the emitter writes it"),
        ({**GOOD, "email": "ada@example.com"}, False, "pii member in clear"),
        ({**GOOD, "token": HASH}, False, "a credential member is never written, even hashed"),
        ({**GOOD, "diagnosis": HASH}, False, "special_category drops by default"),
        ({**GOOD, "locale": "x" * 61}, False, "constraints of clear members apply"),
        ({k: v for k, v in GOOD.items() if k != "locale"}, False, "required member missing"),
        ({**GOOD, "address": {"street": "Main Street 1"}}, False, "inherited mask: clear street"),
        ({**GOOD, "address": {"geo": {"lat": 52.1}}}, False, "inherited mask, three deep"),
        ({**GOOD, "address": {"geo": {"extra": {}}}}, False, "free-form object: one hash"),
        ({**GOOD, "address": {"geo": {"extra": "****"}}}, False, "free-form object: hashed"),
        ({**GOOD, "address": {}}, True, "redacted members are optional"),
        ({**GOOD, "contacts": [{"phones": [HASH]}]}, True, "a truncated value may be any text"),
        ({**GOOD, "contacts": [{"phones": [5]}]}, False, "items of a list in a list: text"),
        ({**GOOD, "contacts": [{"phone": "1"}]}, False, "unknown members never written"),
    ],
)
def test_the_schema_describes_the_redacted_shape_at_every_depth(
    record: dict[str, Any], valid: bool, why: str
) -> None:
    schema = json_schema(PROFILE.type, redaction_plan(PROFILE, CONFIG))
    assert schema is not None
    assert Validator(schema).is_valid(record) is valid, why


@pytest.mark.parametrize(
    ("spec", "written"),
    [
        (_string(sensitivity=frozenset({"credential"})), False),
        (_object(_field("a", _string()), sensitivity=frozenset({"credential"})), False),
        (_list(_string(sensitivity=frozenset({"credential"}))), False),
        (_list(_list(_string(redact=Redaction.DROP))), False),
        (_list(_object(_field("secret", _string(sensitivity=frozenset({"credential"}))))), True),
        (_object(redact=Redaction.MASK), True),
    ],
)
def test_values_never_written_have_no_schema(spec: TypeSpec, written: bool) -> None:
    plan = redaction_plan(_field("f", spec), CONFIG)
    assert plan.written is written
    assert (json_schema(spec, plan) is not None) is written


# -- property: runtime, JSON Schema and docs agree on random nested shapes ----------------------

_TAGS = st.sampled_from(
    [
        frozenset(),
        frozenset(),
        PII,
        frozenset({"credential"}),
        frozenset({"financial"}),
        frozenset({"special_category"}),
    ]
)
_REDACT = st.sampled_from([None, None, *Redaction])


def _specs() -> st.SearchStrategy[TypeSpec]:
    scalars = st.builds(
        lambda kind, tags, redact: TypeSpec(kind, sensitivity=tags, redact=redact),
        st.sampled_from([Kind.STRING, Kind.INTEGER, Kind.BOOLEAN]),
        _TAGS,
        _REDACT,
    )

    def nested(inner: st.SearchStrategy[TypeSpec]) -> st.SearchStrategy[TypeSpec]:
        members = st.lists(inner, max_size=3).map(
            lambda specs: tuple(_field(f"m{i}", s) for i, s in enumerate(specs))
        )
        return st.one_of(
            st.builds(
                lambda items, t, r: _list(items, sensitivity=t, redact=r), inner, _TAGS, _REDACT
            ),
            st.builds(
                lambda fields, t, r: _object(*fields, sensitivity=t, redact=r),
                members,
                _TAGS,
                _REDACT,
            ),
        )

    return st.recursive(scalars, nested, max_leaves=12)


def _values(spec: TypeSpec) -> st.SearchStrategy[Any]:
    if spec.kind is Kind.STRING:
        return st.text(max_size=12)
    if spec.kind is Kind.INTEGER:
        return st.integers(-(10**6), 10**6)
    if spec.kind is Kind.BOOLEAN:
        return st.booleans()
    if spec.kind is Kind.LIST:
        assert spec.items is not None
        return st.lists(_values(spec.items), max_size=3)
    return st.fixed_dictionaries({}, optional={m.name: _values(m.type) for m in spec.fields})


def _runtime_spec(plan: RedactionPlan) -> FieldSpec:
    """The plan as generated code spells it (registry/generate/python_model)."""
    return FieldSpec(
        plan.name,
        plan.redaction.value,
        plan.credential,
        tuple(_runtime_spec(m) for m in plan.members) if plan.kind is Kind.OBJECT else None,
        None if plan.items is None else _runtime_spec(plan.items),
    )


def _hashes_short(value: Any) -> Any:
    if isinstance(value, str) and checks.is_hashed(value):
        return HASHED
    if isinstance(value, list):
        return [_hashes_short(v) for v in value]
    if isinstance(value, dict):
        return {k: _hashes_short(v) for k, v in value.items()}
    return value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), _specs())
def test_runtime_schema_and_docs_agree_on_nested_redaction(
    data: st.DataObject, spec: TypeSpec
) -> None:
    field = _field("f", spec)
    plan = redaction_plan(field, CONFIG)
    value = data.draw(_values(spec))
    write = writer(_runtime_spec(plan), Redactor(b"property key"))
    schema = json_schema(spec, plan)
    docs = as_written(value, spec, plan)
    if write is None:
        assert schema is None
        assert docs is LEFT_OUT
        return
    written = write(value)
    assert written is not OMIT
    assert schema is not None
    assert Validator(schema).is_valid(written), (written, schema)
    assert _hashes_short(written) == docs

"""Hostile values at emit time can never break the chained JSON Lines log.

Whatever an application passes (any text, lone surrogates from `os.fsdecode`, line and
paragraph separators, NaN and infinities, integers over 64 bits, bytes, sets, nested lists and
mappings) in fields, actor and target ids, the tenant and the context: each emit writes
exactly one line, every line is strict JSON (no `NaN` or `Infinity`, which JSON does not have
and strict parsers refuse), the log verifies, and text that JSON can carry reads back as it was
written.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from registry_runtime import Actor, Context, Emitter, EventSpec, FieldSpec, JsonLinesSink, Target
from registry_runtime.verify import verify_log

SPEC = EventSpec(
    name="thing.happened",
    version=1,
    fields=(FieldSpec("value", "none"), FieldSpec("note", "none")),
    actor_types=frozenset(),
    target_types=frozenset(),
    outcomes=frozenset({"success"}),
    failure_reasons=frozenset(),
    validate=lambda fields: [],
)
any_text = st.text(st.characters())  # lone surrogates included
scalars = st.one_of(
    any_text,
    st.floats(),  # NaN and infinities included
    st.integers(),
    st.integers(min_value=2**63, max_value=2**80),
    st.booleans(),
    st.none(),
    st.binary(max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


def strict_json(line: bytes) -> Any:
    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(line, parse_constant=refuse)


def carries(value: Any) -> bool:
    """Whether JSON carries `value` unchanged (no surrogates, no non-finite floats, no bytes)."""
    if isinstance(value, str):
        return not any(0xD800 <= ord(char) <= 0xDFFF for char in value)
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, bytes):
        return False
    if isinstance(value, list):
        return all(carries(item) for item in value)
    if isinstance(value, dict):
        return all(carries(k) and carries(v) for k, v in value.items())
    return True


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=values, text=any_text, note=any_text)
@example(value=float("nan"), text="\ud800", note="x")
@example(value=[float("inf"), 2**70], text="a\u2028b\nc", note="\r")
def test_any_value_gives_one_strict_json_line(
    tmp_path_factory: pytest.TempPathFactory, value: Any, text: str, note: str
) -> None:
    log: Path = tmp_path_factory.mktemp("values") / "audit.jsonl"
    reports: list[Any] = []
    with Emitter(
        JsonLinesSink(log), hmac_key="k", tenant=text, on_invalid="record", on_report=reports.append
    ) as emitter:  # "record": an empty id is written too, with its validation_errors
        for fields in ({"value": value, "note": note}, {"value": text}):
            emitter._emit(
                SPEC,
                fields,
                actor=Actor("user", text),
                targets=[Target("file", text)],
                outcome="success",
                reason=None,
                context=Context(request_id=text, user_agent=note),
                tenant=None,
            )
    lines = log.read_bytes().split(b"\n")
    assert lines[-1] == b""  # every record ends with its newline
    records = [strict_json(line) for line in lines[:-1]]
    assert len(records) == 2
    result = verify_log(log)
    assert (result.ok, result.records, result.problems) == (True, 2, [])
    if carries(text):
        assert records[1]["fields"]["value"] == text
        assert records[1]["actor"]["id"] == text
        assert records[1]["tenant"] == text
    if carries(value) and carries(note):
        assert records[0]["fields"].get("value") == value  # None values are left out

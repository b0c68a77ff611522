"""The quick test compiled per event says yes exactly when the detailed checks find nothing.

Records of the fixture catalog are mutated at random (any member of the record replaced by
any JSON value, removed, or a member added); for each, the compiled quick test and the
detailed checks (envelope, event, fields, the validation_errors marker) must agree. If the
quick test passed a record the detailed checks reject, the stream check would miss findings.
"""

from __future__ import annotations

import copy
from typing import Any

from check_events_helpers import fixture_catalog, valid_order, valid_sign_out
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.checkevents.fieldchecks import Problem
from registry.checkevents.run import StreamCheck

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(
        [
            "",
            "web",
            "user",
            "order",
            "failure",
            "success",
            "payment_declined",
            "ord_8f3k2m1q",
            "hmac:" + "e" * 64,
            "*" * 12 + "1234",
            "2026-11-27T21:00:00Z",
            "2026-11-27",
            "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            "a" * 64,
        ]
    )
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["type", "id", "carrier", "x"]), children, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    base = draw(st.sampled_from([valid_order, valid_sign_out]))()
    if draw(st.booleans()):
        base = {**base, "prev_hash": "0" * 64, "hash": "f" * 64}
    if draw(st.booleans()) and base["event"] == "user.placed_order":
        base = {**base, "outcome": "failure", "reason": "out_of_stock"}
    record = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(record)
        path = draw(st.sampled_from(paths))
        parent: Any = record
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(JSON)
        elif action == "remove" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            key = draw(st.sampled_from(["extra", "validation_errors", "customer_phone", "hash"]))
            parent[key] = draw(JSON)
    return record


CHECK = StreamCheck(*fixture_catalog())


def _detailed(record: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    checker = CHECK.checker(record["event"])
    assert checker is not None
    CHECK._envelope(record, problems)
    checker.check(record, problems)
    CHECK._recorded_invalid(record, problems)
    return problems


@given(mutated())
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_quick_agrees_with_the_detailed_checks(record: dict[str, Any]) -> None:
    name = record.get("event")
    checker = CHECK.checker(name) if isinstance(name, str) else None
    if checker is None or record.get("version") != checker.version:
        return  # the quick test is only used for declared events at their version
    problems = _detailed(record)
    assert checker.quick(record) == (not problems), problems


def test_valid_records_pass_the_quick_test() -> None:
    for record in (valid_order(), valid_sign_out()):
        checker = CHECK.checker(record["event"])
        assert checker is not None
        assert checker.quick(record)
        assert _detailed(record) == []

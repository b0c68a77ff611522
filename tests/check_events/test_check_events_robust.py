"""Whatever a stream holds, the check reports findings and never raises."""

from __future__ import annotations

import orjson
from check_events_helpers import check_bytes, valid_order
from hypothesis import given, settings
from hypothesis import strategies as st

KEYS = ["id", "event", "version", "occurred_at", "actor", "targets", "outcome", "reason"]
KEYS += ["context", "tenant", "fields", "hash", "prev_hash", "validation_errors", "other"]
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["user.placed_order", "user.signed_out", "failure", "user", "order"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from([*KEYS, "type", "order_id", "shipping"]), children)
    ),
    max_leaves=12,
)


@given(st.lists(st.binary(max_size=80), max_size=8))
@settings(max_examples=200, deadline=None)
def test_any_bytes(lines: list[bytes]) -> None:
    findings, summary = check_bytes(b"\n".join(lines))
    assert summary.lines <= len(lines) + sum(line.count(b"\n") for line in lines)
    assert all(f.line >= 1 for f in findings)


@given(st.dictionaries(st.sampled_from(KEYS), VALUES))
@settings(max_examples=300, deadline=None)
def test_any_record(record: dict[str, object]) -> None:
    record = {**valid_order(), **record}
    try:
        line = orjson.dumps(record)
    except TypeError:  # integers beyond 64 bits
        return
    findings, _ = check_bytes(line + b"\n")
    assert all(f.line == 1 for f in findings)


@given(st.dictionaries(st.sampled_from(KEYS), VALUES))
@settings(max_examples=150, deadline=None)
def test_any_record_with_sampling(record: dict[str, object]) -> None:
    try:
        line = orjson.dumps(record)
    except TypeError:
        return
    check_bytes(line + b"\n", sample=0.5)

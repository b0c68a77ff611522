"""What the generated emitters write, check-events accepts: at every depth, for any shape.

The emitters and check-events read redaction from the same plan, but each applies it its own
way (one writes, the other checks). Hypothesis builds nested catalogs (objects of lists of
objects, random tags and redactions, objects that declare no members) and valid values for
them; every record the emitters write must pass `registry check-events` against the same
catalog with no finding at all (no E026 credential, E027 dropped, E028 not redacted, E007
unknown member ...). A disagreement found this way once: an object that declares no members,
under `hash`, was written as ``{}`` while check-events (and the docs) expected one hash.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_no_value_escapes import KEY, Node, _forget, _generated, catalogs

from registry.catalog.config import Config
from registry.catalog.load import load_catalog
from registry.checkevents.run import StreamCheck
from registry_runtime import Actor, StreamSink, Target


@st.composite
def valid_value(draw: st.DrawFn, node: Node) -> Any:
    if node.kind == "string":
        return draw(st.text("abcdefghkmnp", min_size=1, max_size=12))
    if node.kind == "integer":
        return draw(st.integers(0, 10**6))
    if node.kind == "free":
        return {}
    if node.kind == "list":
        assert node.items is not None
        return draw(st.lists(valid_value(node.items), max_size=2))
    return {
        name: draw(valid_value(member))
        for name, member in node.members.items()
        if draw(st.booleans())
    }


@settings(
    max_examples=int(os.environ.get("AGREE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fields=catalogs(), data=st.data())
def test_emitted_records_pass_check_events(
    tmp_path_factory: pytest.TempPathFactory, fields: dict[str, Node], data: st.DataObject
) -> None:
    tmp = tmp_path_factory.mktemp("agree")
    module = _generated(tmp, fields)
    try:
        out = io.BytesIO()
        audit = module.AuditLog(StreamSink(out), hmac_key=KEY)
        for _ in range(3):
            values = {name: data.draw(valid_value(node)) for name, node in fields.items()}
            audit.probe_recorded(
                actor=Actor("user", "u_1"), targets=[Target("item", "it_1")], **values
            )
        audit.close()
        config = Config()
        loaded = load_catalog((str(tmp / "probe.yaml"),), config)
        checker = StreamCheck(loaded.catalog, config, path="stream.jsonl")
        findings = list(checker.findings(io.BytesIO(out.getvalue())))
        assert [(f.rule, f.field, f.message) for f in findings] == []
    finally:
        _forget(module.__name__)


def test_the_check_can_fail(tmp_path: Path) -> None:
    """A record that shows a hashed member in clear is caught by the same check."""
    fields = {"f0": Node("object", members={"m0_0": Node("string", ("pii",))})}
    module = _generated(tmp_path, fields)
    try:
        out = io.BytesIO()
        audit = module.AuditLog(StreamSink(out), hmac_key=KEY)
        audit.probe_recorded(actor=Actor("user", "u_1"), f0={"m0_0": "plain"})
        audit.close()
        line = out.getvalue()
        forged = line.replace(
            line[line.index(b'"hmac:') : line.index(b'"', line.index(b'"hmac:') + 1) + 1],
            b'"plain"',
        )
        config = Config()
        loaded = load_catalog((str(tmp_path / "probe.yaml"),), config)
        checker = StreamCheck(loaded.catalog, config, path="stream.jsonl")
        assert "E028" in {f.rule for f in checker.findings(io.BytesIO(forged))}
    finally:
        _forget(module.__name__)

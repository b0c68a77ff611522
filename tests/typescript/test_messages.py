"""The TypeScript emitters refuse what the Python emitters refuse, in the same words: every
emitter case of the type-semantics table (tests/conformance/conformance_cases.py) is called on
both, generated from one catalog, and the verdicts and the `InvalidEvent` messages
(``<event>: <field>: <problem>``) must be equal.

Left out: values with a float that is a whole number (``1.0``), which JavaScript cannot tell
from the integer ``1`` (Python refuses it for an integer field, as a float).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from ts_helpers import REPO, compile_package, tools

from registry.catalog.identifiers import pascal
from registry.generate.run import generate
from registry_runtime import Actor, InvalidEvent, MemorySink, Target

from conftest import make_config

HERE = Path(__file__).parent
sys.path.insert(0, str(REPO / "tests" / "conformance"))
from conformance_cases import CASES, EMITTER, MISSING, Case
from test_type_semantics import KEY, PACKAGE, catalog_text, event_name

SAFE = 2**53 - 1


def _whole_float(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value) and value.is_integer()
    if isinstance(value, list):
        return any(_whole_float(item) for item in value)
    if isinstance(value, dict):
        return any(_whole_float(item) for item in value.values())
    return False


CALLED = [c for c in CASES if c.expected[EMITTER] is not None and not _whole_float(c.value)]


def _tagged(value: Any, number: bool) -> Any:
    """`value` as run_cases.mjs reads it: an integer beyond 2^53 - 1 as a bigint, or as the
    nearest double for a ``number`` field (a bigint is not a number to TypeScript)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not -SAFE <= value <= SAFE:
        return float(value) if number else {"$int": str(value)}
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, list):
        return [_tagged(item, number) for item in value]
    return {key: _tagged(item, number) for key, item in value.items()}


def _method(spec: str) -> str:
    name = pascal(event_name(spec))
    return name[:1].lower() + name[1:]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, Path, str]]:
    """The Python package (imported) and the compiled TypeScript one (its dist/), and node."""
    node, tsc = tools()
    out = tmp_path_factory.mktemp("messages")
    catalog = out / "catalog" / "conformance.yaml"
    catalog.parent.mkdir()
    catalog.write_text(catalog_text(), "utf-8")
    for target, package in (("python", PACKAGE), ("typescript", None)):
        result = generate(target, (str(catalog),), make_config(REPO), out, package=package)
        assert result.blocking == ()
    assert compile_package(node, tsc, out / "audit-events") == ""
    sys.path.insert(0, str(out))
    try:
        yield __import__(PACKAGE), out / "audit-events" / "dist", node
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


ENVELOPES: tuple[tuple[dict[str, Any], dict[str, Any]], ...] = (
    ({"actor": Actor(type="robot", id="r")}, {"actor": {"type": "robot", "id": "r"}}),
    ({"actor": Actor(type="user", id="")}, {"actor": {"type": "user", "id": ""}}),
    ({"targets": [Target(type="thing", id="")]}, {"targets": [{"type": "thing", "id": ""}]}),
    ({"outcome": "failure", "reason": "denied"}, {"outcome": "failure", "reason": "denied"}),
    ({"reason": "denied"}, {"reason": "denied"}),
    ({"tenant": 5}, {"tenant": 5}),
)
"""Envelopes the event refuses: the arguments of the Python method and the members of the
TypeScript call (the field is valid)."""


def _python_envelope_message(package: ModuleType, arguments: dict[str, Any]) -> str | None:
    audit = package.AuditLog(MemorySink(), hmac_key=KEY)
    try:
        audit.conformance_string_plain(**{"actor": Actor(type="user", id="u_42"), **arguments})
    except InvalidEvent as refused:
        return str(refused)
    return None


def _python_message(package: ModuleType, case: Case) -> str | None:
    audit = package.AuditLog(MemorySink(), hmac_key=KEY)
    kwargs = {} if case.value is MISSING else {"value": case.value}
    try:
        getattr(audit, "conformance_" + case.spec)(actor=Actor(type="user", id="u_42"), **kwargs)
    except InvalidEvent as refused:
        return str(refused)
    except TypeError:  # a required keyword left out: the check sees None (as Node does)
        spec = getattr(sys.modules[f"{PACKAGE}.conformance"], "SPEC_" + event_name(case.spec)
                       .replace(".", "_").upper())  # fmt: skip
        try:
            audit._emit(spec, {"value": None}, actor=Actor(type="user", id="u_42"), targets=(),
                        outcome="success", reason=None, context=None, tenant=None)  # fmt: skip
        except InvalidEvent as refused:
            return str(refused)
    return None


def test_node_refuses_what_python_refuses_in_the_same_words(
    packages: tuple[ModuleType, Path, str], tmp_path: Path
) -> None:
    package, dist, node = packages
    calls = [
        {"method": _method(c.spec), "fields": {} if c.value is MISSING else {"value": _tagged(c.value, c.spec.startswith("number"))}}
        for c in CALLED
    ]  # fmt: skip
    calls += [
        {"method": _method("string_plain"), "fields": {}, "envelope": members}
        for _, members in ENVELOPES
    ]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(calls, ensure_ascii=True), "utf-8")
    run = subprocess.run(
        [node, str(HERE / "run_cases.mjs"), str(dist), str(path)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    expected = [(case.id, _python_message(package, case)) for case in CALLED]
    expected += [
        (repr(members), _python_envelope_message(package, arguments))
        for arguments, members in ENVELOPES
    ]
    differ = [
        (name, python, theirs)
        for (name, python), theirs in zip(expected, json.loads(run.stdout), strict=True)
        if python != theirs
    ]
    assert differ == [], "\n".join(map(repr, differ))
    assert len(CALLED) > 150
    assert [name for name, message in expected[len(CALLED) :] if message is None] == []

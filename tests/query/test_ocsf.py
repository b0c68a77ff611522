"""`registry export --format ocsf`: records become OCSF events of the class and activity their
catalog event names in `xref`, validated by pydantic-ocsf (PyPI; the OCSF schemas it bundles,
offline; not ours) with no attribute the schema does not declare; events without a mapping
are listed on stderr and in the README, never guessed."""

from __future__ import annotations

import csv
import json
import os
import re
import zipfile
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from query_helpers import duckdb_or_skip, run

from registry.catalog.load import load_catalog
from registry.catalog.model import Catalog
from registry.generate.run import generate
from registry.query.ocsf import OCSF_VERSION, convert, mappings, to_ocsf
from registry_runtime import Actor, JsonLinesSink, Target

from conftest import CORPORA, REPO, make_config

try:
    from ocsf.v1_7_0 import events as ocsf_events
    from ocsf.v1_7_0 import objects as ocsf_objects
    from pydantic import BaseModel, ValidationError
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip("pydantic-ocsf (the test extra) is not installed", allow_module_level=True)

CATALOG = """\
domain: workspace
description: Sign-ins, documents and teams.
owners: [team-a]
events:
  session.signed_in:
    description: A user signed in.
    category: authentication
    actor: [user]
    targets: []
    outcomes: [success, failure]
    failure_reasons: [bad_password]
    xref: {ocsf_class: Authentication (3002), ocsf_activity: Logon (1)}
  document.read:
    description: A document was opened.
    category: data_access
    actor: [user, service]
    targets: [document]
    xref: {ocsf_class: Entity Management (3004), ocsf_activity: Read (2)}
  team.member_added:
    description: A user joined a team.
    category: privilege
    actor: [admin]
    targets: [team, user]
    xref: {ocsf_class: Group Management (3006), ocsf_activity: Add User (3)}
  account.locked:
    description: An account was locked.
    category: security
    actor: [system]
    targets: [user]
    xref: {ocsf_class: Account Change (3001), ocsf_activity: Lock (9)}
  report.viewed:
    description: A report was viewed (no OCSF class).
    category: data_access
    actor: [user]
    targets: [report]
"""
MAPPED = {"session.signed_in": (3002, 1), "document.read": (3004, 2),
          "team.member_added": (3006, 3), "account.locked": (3001, 9)}


def _schema_classes() -> dict[int, Any]:
    """class_uid -> pydantic-ocsf's model, from the schema the package bundles."""
    schema = json.loads((files("ocsf") / "schemas" / "v1_7_0.json").read_text("utf-8"))
    categories = {n: c["uid"] for n, c in schema["categories_meta"]["attributes"].items()}
    found = {}
    for name, event in schema["events"].items():
        category = event.get("category") or event.get("extends")
        if event.get("uid") is None or category not in categories:
            continue
        model = getattr(ocsf_events, "".join(p.title() for p in name.split("_")), None)
        if model is not None:
            found[categories[category] * 1000 + event["uid"]] = model
    return found


CLASSES = _schema_classes()


def _no_extra(model: Any, where: str = "") -> list[str]:
    """Attributes the OCSF schema does not declare, at any depth (pydantic-ocsf allows them)."""
    if isinstance(model, BaseModel):
        found = [f"{where}.{k}" for k in model.model_extra or {}]
        for name in type(model).model_fields:
            found += _no_extra(getattr(model, name), f"{where}.{name}")
        return found
    if isinstance(model, list):
        return [e for i, item in enumerate(model) for e in _no_extra(item, f"{where}[{i}]")]
    return []


def validate(event: dict[str, Any]) -> Any:
    """The event as the pydantic-ocsf model of its class: raises on an invalid one."""
    model = CLASSES[event["class_uid"]].model_validate(event)
    extra = [e for e in _no_extra(model) if not e.startswith(".unmapped")]
    assert extra == [], extra
    return model


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    duckdb_or_skip()
    root = tmp_path_factory.mktemp("ocsf")
    (root / "catalog").mkdir()
    (root / "catalog" / "workspace.yaml").write_text(CATALOG, "utf-8")
    package = f"ocsf_events_{os.getpid()}"
    result = generate("python", (str(root / "catalog"),), make_config(root), root / "out",
                      package=package)
    assert result.blocking == ()
    import importlib
    import sys

    sys.path.insert(0, str(root / "out"))
    try:
        audit_module = importlib.import_module(package)
        (root / "logs").mkdir()
        audit = audit_module.AuditLog(JsonLinesSink(root / "logs" / "audit.jsonl"),
                                      hmac_key="k" * 32, tenant="acme")
        audit.session_signed_in(actor=Actor("user", "u_1"), targets=[])
        audit.session_signed_in(actor=Actor("user", "u_1"), targets=[], outcome="failure",
                                reason="bad_password")
        audit.document_read(actor=Actor("service", "indexer"),
                            targets=[Target("document", "doc_7")])
        audit.team_member_added(actor=Actor("admin", "a_1"),
                                targets=[Target("user", "u_5"), Target("team", "t_2")])
        audit.account_locked(actor=Actor("system", "lockout"), targets=[Target("user", "u_5")])
        audit.report_viewed(actor=Actor("user", "u_1"), targets=[Target("report", "r_1")])
        audit.report_viewed(actor=Actor("user", "u_2"), targets=[Target("report", "r_2")])
        audit.close()
    finally:
        sys.path.remove(str(root / "out"))
    out = root / "case.zip"
    result = run("export", str(root / "logs"), "--catalog", str(root / "catalog"),
                 "--format", "ocsf", "--out", str(out))
    return out, result


def _ocsf_lines(out: Path) -> list[dict[str, Any]]:
    with zipfile.ZipFile(out) as archive:
        return [json.loads(line) for line in archive.read("ocsf.jsonl").decode().splitlines()]


def test_every_mapped_record_is_a_valid_ocsf_event_of_its_class(
    exported: tuple[Path, Any],
) -> None:
    out, result = exported
    assert result.exit_code == 0, result.output
    events = _ocsf_lines(out)
    assert [(e["metadata"]["event_code"], e["class_uid"], e["activity_id"]) for e in events] == [
        ("session.signed_in", 3002, 1), ("session.signed_in", 3002, 1),
        ("document.read", 3004, 2), ("team.member_added", 3006, 3),
        ("account.locked", 3001, 9),
    ]
    models = [validate(e) for e in events]
    assert [e["type_uid"] for e in events] == [300201, 300201, 300402, 300603, 300109]
    assert [e["status_id"] for e in events] == [1, 2, 1, 1, 1]
    assert events[1]["status_detail"] == "bad_password"
    assert models[2].entity.uid == "doc_7"
    assert events[3]["group"] == {"uid": "t_2", "type": "team"}
    assert events[3]["user"] == {"uid": "u_5", "type_id": 1, "type": "User"}
    assert events[4]["user"]["uid"] == "u_5"
    assert events[4]["actor"]["user"] == {"uid": "lockout", "type_id": 3, "type": "System"}
    assert all(e["metadata"]["version"] == OCSF_VERSION for e in events)
    assert all(e["metadata"]["tenant_uid"] == "acme" for e in events)
    with zipfile.ZipFile(out) as archive:
        records = archive.read("records.jsonl").decode().splitlines()
    assert [e["raw_data"] for e in events] == [r for r in records if "report.viewed" not in r]


def test_unmapped_events_are_listed_not_guessed(exported: tuple[Path, Any]) -> None:
    out, result = exported
    assert "report.viewed: 2 records (no ocsf_class and ocsf_activity in its xref)" in (
        result.stderr)
    with zipfile.ZipFile(out) as archive:
        readme = archive.read("README.txt").decode()
    assert "Not in ocsf.jsonl" in readme
    assert "report.viewed: 2 records" in readme
    assert all(e["metadata"]["event_code"] != "report.viewed" for e in _ocsf_lines(out))


def test_ocsf_needs_the_catalog(tmp_path: Path) -> None:
    duckdb_or_skip()
    (tmp_path / "a.jsonl").write_text("", "utf-8")
    result = run("export", str(tmp_path / "a.jsonl"), "--format", "ocsf",
                 "--out", str(tmp_path / "x.zip"))
    assert result.exit_code == 2
    assert "--format ocsf needs --catalog" in result.output
    assert not (tmp_path / "x.zip").exists()


@pytest.mark.parametrize(("change", "expected"), [
    ({"activity_id": 77}, "activity_id"),
    ({"class_uid": 3001}, "class_uid"),
    ({"severity_id": "high"}, "severity_id"),
])
def test_the_validation_can_fail(change: dict[str, Any], expected: str, tmp_path: Path) -> None:
    record = {"id": "0190a1b2-0000-7000-8000-000000000001", "event": "session.signed_in",
              "occurred_at": "2026-01-02T10:00:00.000Z", "actor": {"type": "user", "id": "u"},
              "targets": [], "outcome": "success"}
    catalog = _catalog(CATALOG, tmp_path)
    event = to_ocsf(record, json.dumps(record), mappings(catalog)[0]["session.signed_in"])
    validate(event)
    with pytest.raises(ValidationError, match=expected):
        validate({**event, **change})


def _catalog(text: str, root: Path) -> Catalog:
    directory = root / f"ocsf-catalog-{os.getpid()}"
    directory.mkdir(exist_ok=True)
    (directory / "workspace.yaml").write_text(text, "utf-8")
    return load_catalog((str(directory),), make_config(root)).catalog


def test_baseline_catalog_mappings_validate(tmp_path: Path) -> None:
    """Every mapped event of the shipped baseline: a valid event of its class where
    pydantic-ocsf's schema (1.7.0) has the class; User Management (3007) is newer, so there
    the class and activity are checked against the OCSF corpus (1.9.0-dev) and the objects
    (metadata, actor, user) against pydantic-ocsf's object models."""
    catalog = load_catalog((str(REPO / "catalog" / "security.yaml"),), make_config(tmp_path)).catalog
    found, missing = mappings(catalog)
    assert len(found) >= 15
    assert "audit_log.accessed" in missing
    with (CORPORA / "ocsf_iam_activities.tsv").open(encoding="utf-8") as handle:
        corpus = {(int(r["class_uid"]), int(r["activity_id"]))
                  for r in csv.DictReader(handle, delimiter="\t")}
    lines = []
    for event in catalog.events:
        if event.name in found:
            target = [{"type": event.targets[0], "id": "t_1"}] if event.targets else []
            record = {"id": "0190a1b2-0000-7000-8000-000000000001", "event": event.name,
                      "occurred_at": "2026-01-02T10:00:00.000Z",
                      "actor": {"type": event.actors[0], "id": "a_1"}, "targets": target,
                      "outcome": "success"}
            lines.append(json.dumps(record))
    converted = convert(lines, catalog)
    assert converted.unmapped == ()
    newer = 0
    for line in converted.lines:
        event = json.loads(line)
        assert (event["class_uid"], event["activity_id"]) in corpus
        if event["class_uid"] in CLASSES:
            validate(event)
            continue
        newer += 1
        for name, model in (("metadata", ocsf_objects.Metadata), ("user", ocsf_objects.User),
                            ("actor", ocsf_objects.Actor)):
            assert _no_extra(model.model_validate(event[name])) == [], name
    assert newer == sum(1 for m in found.values() if m.class_uid not in CLASSES) > 0


def test_xref_that_names_no_uid_is_not_mapped(tmp_path: Path) -> None:
    text = re.sub(r"Logon \(1\)", "Logon", CATALOG)
    _, missing = mappings(_catalog(text, tmp_path))
    assert "NAME (UID)" in missing["session.signed_in"]


def test_hostile_or_timeless_records_are_listed_as_text(tmp_path: Path) -> None:
    from registry.query.export import unmapped_lines

    catalog = _catalog(CATALOG, tmp_path)
    lines = [json.dumps({"event": "x\n::error::forged\u202e", "occurred_at": "2026-01-01T00:00:00Z"}),
             json.dumps({"event": "session.signed_in", "occurred_at": "yesterday"}),
             json.dumps({"event": "session.signed_in", "occurred_at": "2026-01-01T00:00:00"})]
    converted = convert(lines, catalog)
    assert converted.lines == ()
    assert unmapped_lines(converted) == [
        "session.signed_in: 2 records (occurred_at is not an RFC 3339 time)",
        "x\\n::error::forged\\u202e: 1 record (not an event of the catalog)",
    ]

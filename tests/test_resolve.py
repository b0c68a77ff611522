"""Resolution into the typed model: named types, includes, duplicates, defaults, envelope."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from registry.catalog.load import load_catalog
from registry.catalog.model import ENVELOPE, Kind, Outcome, Redaction
from registry.lint.engine import lint

from conftest import make_config, triples

HEAD = "description: Test catalog.\nowners: [team]\n"


def event(name: str, fields: str = "", extra: str = "") -> str:
    body = (f"  {name}:\n    description: A user did something worth auditing here.\n"
            f"    category: deployment\n    actor: [user]\n    targets: [release]\n{extra}")
    if fields:
        body += "    fields:\n" + fields
    return body


def write(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def run(tmp_path: Path, *paths: str, select: tuple[str, ...] = ("R", "Y", "S")):
    config = make_config(tmp_path)
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return lint(paths, config, select=select)
    finally:
        os.chdir(cwd)


def test_named_type_carries_constraints_and_tags_and_field_overrides(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEAD + """types:
  email_address:
    type: string
    format: email
    max_length: 254
    sensitivity: pii
    redact: hash
    description: An e-mail address.
events:
""" + event("user.invited_guest", "      invitee: {type: email_address, required: true,"
            " max_length: 100, sensitivity: confidential}\n"))
    result = run(tmp_path, "a.yaml")
    assert triples(result) == []
    field = result.catalog.events[0].fields[0]
    assert field.type.kind is Kind.STRING
    assert field.type.type_name == "email_address"
    assert field.type.format == "email"
    assert field.type.max_length == 100
    assert field.sensitivity == {"pii", "confidential"}
    assert field.type.redact is Redaction.HASH
    assert field.required is True
    assert field.description == "An e-mail address."


def test_defaults_and_envelope(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEAD + "events:\n" + event("user.added_bot"))
    result = run(tmp_path, "a.yaml")
    ev = result.catalog.events[0]
    assert ev.outcomes == (Outcome.SUCCESS,)
    assert ev.version == 1
    assert ev.domain == "a"
    assert ev.envelope == ENVELOPE
    assert {f.name for f in ev.envelope} >= {"id", "occurred_at", "actor", "targets", "outcome"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        ev.name = "other"  # type: ignore[misc]


def test_relative_include_provides_types(tmp_path: Path) -> None:
    write(tmp_path, "shared/types.yaml", HEAD + "types:\n  release_id: {type: string,"
          " pattern: '^rel_[a-z0-9]+$', description: A release.}\n")
    write(tmp_path, "app/a.yaml", HEAD + "include: [../shared/types.yaml]\nevents:\n"
          + event("user.promoted_release", "      release_id: {type: release_id}\n"))
    result = run(tmp_path, "app/a.yaml")
    assert triples(result) == []
    assert result.catalog.events[0].fields[0].type.pattern == "^rel_[a-z0-9]+$"


def test_builtin_include_is_resolved_and_not_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEAD + "include: ['builtin:platform']\nevents:\n"
          + event("user.rolled_back", "      release_id: {type: release_id}\n"))
    result = run(tmp_path, "a.yaml", select=())
    assert [f for f in result.findings if f.path.startswith("builtin:")] == []
    assert result.events == 1  # the built-in events are not counted as the user's
    assert result.catalog.event("user.promoted_production") is not None


def test_missing_include(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEAD + "include: [nope.yaml]\nevents:\n" + event("user.added_bot"))
    assert triples(run(tmp_path, "a.yaml")) == [("R005", 3, 11)]


def test_include_cycle(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEAD + "include: [b.yaml]\nevents:\n" + event("user.added_bot"))
    write(tmp_path, "b.yaml", HEAD + "include: [a.yaml]\nevents:\n" + event("user.removed_bot"))
    result = run(tmp_path, "a.yaml")
    assert [t[0] for t in triples(result)] == ["R002"]
    assert "a.yaml -> b.yaml -> a.yaml" in result.findings[0].message


def test_duplicate_event_names_both_places(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEAD + "events:\n" + event("user.added_bot"))
    write(tmp_path, "b.yaml", HEAD + "events:\n" + event("user.added_bot"))
    result = run(tmp_path, ".")
    assert triples(result) == [("R003", 4, 3)]
    finding = result.findings[0]
    assert finding.path == "b.yaml"
    assert "first at a.yaml:4" in finding.message


def test_duplicate_type(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEAD + "types:\n  tid: {type: string}\n")
    write(tmp_path, "b.yaml", HEAD + "types:\n  tid: {type: integer}\n")
    result = run(tmp_path, ".")
    assert triples(result) == [("R006", 4, 3)]
    assert "first at a.yaml:4" in result.findings[0].message


def test_type_cycle_and_unknown_type_and_bad_pattern(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEAD + "types:\n  left: {type: right}\n  right: {type: left}\n"
          "events:\n" + event("user.added_bot", "      bot: {type: strnig}\n"
                               "      code: {type: string, pattern: '[a-'}\n"))
    result = run(tmp_path, "a.yaml")
    codes = triples(result)
    assert ("R001", 13, 19) in codes
    assert ("R008", 14, 37) in codes
    assert [c for c in codes if c[0] == "R007"] == [("R007", 5, 17)]
    unknown = next(f for f in result.findings if f.rule == "R001")
    assert unknown.hint == "did you mean 'string'?"


def test_load_catalog_without_rules(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEAD + "events:\n" + event("User.Bad"))
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        loaded = load_catalog(("a.yaml",), make_config(tmp_path))
    finally:
        os.chdir(cwd)
    assert loaded.findings == ()
    assert [e.name for e in loaded.catalog.events] == ["User.Bad"]


def test_builtin_catalog_is_clean_and_complete() -> None:
    from conftest import REPO

    config = make_config(REPO / "catalog")
    result = lint((str(REPO / "catalog"),), config, strict=True)
    assert result.findings == ()
    baseline = {e.name for e in result.catalog.events if e.domain == "security"}
    assert len(baseline) == 36  # catalog/security.yaml, the builtin:security baseline
    assert {e.name for e in result.catalog.events} - baseline == {
        "user.added_integration", "user.invited_observer", "user.exported_team_data",
        "user.joined_team", "user.changed_channel_history", "user.added_bot",
        "user.promoted_staging", "user.promoted_production", "user.deploy_failed",
    }
    for ev in result.catalog.events:
        assert ev.actors
        # sign-ins and blocked requests act on no object: `targets: []`, declared
        assert ev.targets if ev.domain != "security" else ev.targets_declared
        assert ev.category
        assert ev.fields

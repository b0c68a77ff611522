"""The shipped JSON Schemas, and how schema failures become located S findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from registry.catalog.loading.compose import compose
from registry.catalog.schema import load_schema
from registry.catalog.validate import catalog_checker
from registry.cli import main

from conftest import REPO, lint_text, triples

SCHEMA_DIR = REPO / "registry" / "catalog" / "schema"
CATALOGS = sorted((REPO / "catalog").glob("*.yaml"))

HEAD = "description: Test catalog.\nowners: [team]\n"
CATALOG = (
    HEAD + "events:\n"
    "  user.created_thing:\n"  # line 4
    "    description: A user created a thing in the system.\n"  # line 5
    "    category: deployment\n"  # line 6
    "    actor: [user]\n"  # line 7
    "    targets: [release]\n"  # line 8
)


def s_findings(tmp_path: Path, text: str) -> list[Any]:
    return list(lint_text(tmp_path, text, select=("Y", "S")).findings)


def one(tmp_path: Path, text: str) -> Any:
    findings = s_findings(tmp_path, text)
    assert len(findings) == 1, [(f.rule, f.line, f.column, f.message) for f in findings]
    return findings[0]


# -- the schemas themselves ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["catalog", "config"])
def test_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_built_in_catalog_validates(path: Path) -> None:
    composed = compose(path.read_text("utf-8"), path.name)
    assert composed.findings == []
    validator = jsonschema.Draft202012Validator(load_schema("catalog"))
    assert [error.message for error in validator.iter_errors(composed.data)] == []
    assert catalog_checker().is_valid(composed.data)
    assert catalog_checker().check(composed.data, path.name) == []


def test_built_in_catalog_has_no_loader_or_schema_findings(tmp_path: Path) -> None:
    for path in CATALOGS:
        result = lint_text(tmp_path, path.read_text("utf-8"), name=path.name, select=("Y", "S"))
        assert triples(result) == [], path.name


# -- S001 unknown keys ----------------------------------------------------------------------------

UNKNOWN = [
    ("top level", HEAD + "evnets: {}\n", (3, 1), "'evnets'", "did you mean 'events'?"),
    ("event", CATALOG + "    categroy: x\n", (9, 5), "'categroy'", "did you mean 'category'?"),
    (
        "field",
        CATALOG + "    fields:\n      size:\n        type: integer\n        maxlength: 5\n",
        (12, 9),
        "'maxlength'",
        "did you mean 'max_length'?",
    ),
    (
        "field of a nested object, in flow style",
        CATALOG
        + "    fields:\n      meta:\n        type: object\n        fields:\n"
        + "          a: {type: string, requird: true}\n",
        (13, 29),
        "'requird'",
        "did you mean 'required'?",
    ),
]


@pytest.mark.parametrize(
    ("text", "position", "key", "hint"), [c[1:] for c in UNKNOWN], ids=[c[0] for c in UNKNOWN]
)
def test_unknown_key_points_at_the_key_with_a_did_you_mean(
    tmp_path: Path, text: str, position: tuple[int, int], key: str, hint: str
) -> None:
    finding = one(tmp_path, text)
    assert (finding.rule, finding.line, finding.column) == ("S001", *position)
    assert key in finding.message
    assert finding.hint == hint


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(tmp_path: Path) -> None:
    finding = one(tmp_path, CATALOG + "    zzz: 1\n")
    assert (finding.rule, finding.line, finding.column) == ("S001", 9, 5)
    assert finding.hint is not None
    assert finding.hint.startswith("allowed keys: ")
    assert "category" in finding.hint


def test_every_unknown_key_is_reported_once(tmp_path: Path) -> None:
    findings = s_findings(tmp_path, CATALOG + "    categroy: x\n    foo: y\n")
    assert [(f.rule, f.line, f.column) for f in findings] == [("S001", 9, 5), ("S001", 10, 5)]


def test_extension_keys_are_allowed(tmp_path: Path) -> None:
    assert s_findings(tmp_path, CATALOG.replace("owners:", "x-team: {a: 1}\nowners:")) == []


# -- S003 missing keys ----------------------------------------------------------------------------

MISSING = [
    ("enum without values", "answer:\n        type: enum\n", "'values'"),
    ("list without items", "tags:\n        type: list\n", "'items'"),
    ("object without fields", "meta:\n        type: object\n", "'fields'"),
    ("mapping without type", "size:\n        description: How big.\n", "'type'"),
]


@pytest.mark.parametrize(("field", "key"), [c[1:] for c in MISSING], ids=[c[0] for c in MISSING])
def test_missing_key_points_at_the_field_key(tmp_path: Path, field: str, key: str) -> None:
    finding = one(tmp_path, CATALOG + "    fields:\n      " + field)
    assert (finding.rule, finding.line, finding.column) == ("S003", 10, 7)
    assert f"missing required key {key}" in finding.message


# -- anyOf / oneOf: one finding, about the real mistake ------------------------------------------------

FIELD = CATALOG + "    fields:\n      size:\n        type: integer\n"  # `type` on line 11

ANY_OF = [
    (
        "sensitivity: 5",
        FIELD + "        sensitivity: 5\n",
        ("S002", 12, 22),
        (
            "expected string or list at events.user.created_thing.fields.size.sensitivity, "
            "got integer 5"
        ),
    ),
    (
        "actor: 5",
        CATALOG.replace("actor: [user]", "actor: 5"),
        ("S002", 7, 12),
        "expected string or list at events.user.created_thing.actor, got integer 5",
    ),
    (
        "actor: a mapping",
        CATALOG.replace("actor: [user]", "actor: {a: b}"),
        ("S002", 7, 12),
        "expected string or list at events.user.created_thing.actor, got mapping",
    ),
    (
        "actor: [5], a list is fine but not its item",
        CATALOG.replace("actor: [user]", "actor: [user, 5]"),
        ("S002", 7, 19),
        "expected string at events.user.created_thing.actor.1, got integer 5",
    ),
    (
        "targets: empty text, text is fine but not empty",
        CATALOG.replace("targets: [release]", "targets: ''"),
        ("S006", 8, 14),
        "'' should be non-empty at events.user.created_thing.targets",
    ),
    (
        "actor: repeated items",
        CATALOG.replace("actor: [user]", "actor: [user, user]"),
        ("S006", 7, 12),
        "['user', 'user'] has non-unique elements at events.user.created_thing.actor",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "message"), [c[1:] for c in ANY_OF], ids=[c[0] for c in ANY_OF]
)
def test_any_of_failure_is_one_finding_about_the_real_mistake(
    tmp_path: Path, text: str, expected: tuple[str, int, int], message: str
) -> None:
    finding = one(tmp_path, text)
    assert (finding.rule, finding.line, finding.column) == expected
    assert finding.message == message


def test_any_of_number_where_text_is_allowed_says_quote_it(tmp_path: Path) -> None:
    finding = one(tmp_path, FIELD + "        sensitivity: 1.10\n")
    assert (finding.rule, finding.line, finding.column) == ("S002", 12, 22)
    assert finding.hint is not None
    assert "'1.10'" in finding.hint


# -- `registry schema` ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "name"), [((), "catalog"), (("--catalog",), "catalog"), (("--config",), "config")]
)
def test_schema_command_prints_the_shipped_schema(args: tuple[str, ...], name: str) -> None:
    result = CliRunner().invoke(main, ["schema", *args])
    assert result.exit_code == 0, result.output
    shipped = (SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8")
    assert result.output == shipped
    assert json.loads(result.output) == json.loads(shipped) == load_schema(name)

"""Catalogs whose keys are all known but whose values have any type and shape, anywhere.

The schema check reports wrong types, and then resolution and every rule still run over
what is left: none of them may assume a type the schema check only reported. Each generated
catalog is linted with both parsers (library and CLI): no exception, exit 0 or 1, every
finding located.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hostile_text import catalog_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.cli import main
from registry.lint.engine import lint

from conftest import make_config

EXAMPLES = int(os.environ.get("REGISTRY_HOSTILE_EXAMPLES", "12")) * 4

TOP_KEYS = ("domain", "description", "owners", "include", "types", "events", "lint",
            "compatibility", "x-note")  # fmt: skip
EVENT_KEYS = ("description", "category", "actor", "targets", "outcomes", "failure_reasons",
              "version", "fields", "deprecated", "lint", "metadata", "covers", "xref")  # fmt: skip
FIELD_KEYS = ("type", "description", "pattern", "format", "min", "max", "max_length", "values",
              "items", "fields", "examples", "sensitivity", "redact", "redact_reason",
              "required", "deprecated", "lint")  # fmt: skip
WORDS = ("string", "integer", "number", "boolean", "timestamp", "date", "uuid", "enum", "list",
         "object", "pii", "credential", "hash", "drop", "none", "mask", "truncate", "success",
         "failure", "user", "service", "data_change", "email", "N003", "L", "item.counted",
         "builtin:security", "other.yaml", "^[a-z]+$", "(", "code", "reason", "rule")  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.integers(),
    st.floats(allow_nan=False),
    st.sampled_from(WORDS),
    st.text(max_size=6),
)
anything = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(WORDS + FIELD_KEYS), st.text(max_size=4)),
                        inner, max_size=3),
    ),
    max_leaves=6,
)  # fmt: skip


def mapping_of(keys: tuple[str, ...], value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.dictionaries(st.sampled_from(keys), value, max_size=len(keys))


field = st.deferred(lambda: mapping_of(FIELD_KEYS, st.one_of(anything, fields)))
fields = st.dictionaries(st.sampled_from(("a", "b_id", "class", "user_email")),
                         st.one_of(field, anything), max_size=3)  # fmt: skip
event = mapping_of(EVENT_KEYS, st.one_of(anything, fields, st.lists(anything, max_size=2)))
events = st.dictionaries(st.sampled_from(("item.counted", "item.recounted", "a.b", "x")),
                         st.one_of(event, anything), max_size=3)  # fmt: skip
catalogs = mapping_of(TOP_KEYS, st.one_of(anything, events, st.dictionaries(
    st.sampled_from(("code", "item_id")), st.one_of(field, anything), max_size=2)))  # fmt: skip


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=catalogs)
def test_values_of_any_type_never_crash_the_lint(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    directory: Path = tmp_path_factory.mktemp("confused")
    (directory / "other.yaml").write_text("domain: other\nevents: {}\n")
    path = directory / "catalog.yaml"
    path.write_text(catalog_yaml(data), "utf-8")
    config = make_config(directory)
    cwd = os.getcwd()
    os.chdir(directory)
    try:
        for parser in ("yaml-rs", "pyyaml"):
            result = lint(("catalog.yaml",), dataclasses.replace(config, parser=parser))
            assert result.exit_code in (0, 1)
            assert all(f.line >= 1 and f.column >= 1 for f in result.findings)
        cli = CliRunner().invoke(main, ["lint", "--no-cache", "catalog.yaml"])
    finally:
        os.chdir(cwd)
    assert cli.exit_code in (0, 1), cli.output
    assert "internal error" not in cli.output

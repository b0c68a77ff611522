"""An example record's text is `json.dumps(record, indent=2, ensure_ascii=False)` whether orjson
or json writes it (issue 14, item 6: each field's value is checked for orjson once, not once
per event): floats, whose shortest forms differ (1.5e-07 against 1.5e-7), integers beyond 64 bits
and values shared by events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from registry.generate.docs_examples import example, example_record, pretty_json
from registry.generate.docs_model import docs_view
from registry.lint.engine import lint

from conftest import make_config

CATALOG = """\
domain: numbers
description: Events whose examples hold numbers of every kind JSON writers disagree on.
owners: [team]
events:
{events}
"""
EVENT = """\
  thing.{name}:
    description: Something happened to a thing, recorded with a value of a given kind.
    category: configuration
    actor: [user]
    targets: [thing]
    fields:
      {field}:
        type: {type}
        examples: [{value}]
        description: The value the thing had when it happened.
"""
VALUES = [
    # (event name, field name, type, YAML value, as JSON in the record)
    ("scaled", "ratio", "number", "1.5e-7", "1.5e-07"),
    ("halved", "ratio", "number", "1.5e-7", "1.5e-07"),
    ("counted", "count", "integer", str(2**70), str(2**70)),
    ("named", "label", "string", "plain", '"plain"'),
    ("small", "level", "integer", "7", "7"),
    ("tenth", "share", "number", "0.1", "0.1"),
]


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, object], str]]:
    root = tmp_path_factory.mktemp("numbers")
    text = CATALOG.format(
        events="".join(
            EVENT.format(name=name, field=field, type=kind, value=value)
            for name, field, kind, value, _ in VALUES
        )
    )
    path = root / "numbers.yaml"
    path.write_text(text, "utf-8")
    config = make_config(Path(root))
    result = lint((str(path),), config)
    assert result.catalog is not None
    view = docs_view(result.catalog, config, "0" * 12)
    return {e.name: (e.example, e.example_json) for d in view.domains for e in d.events}


@pytest.mark.parametrize(("name", "field", "kind", "value", "shown"), VALUES)
def test_the_example_text_is_what_json_writes(
    events: dict[str, tuple[dict[str, object], str]],
    name: str,
    field: str,
    kind: str,
    value: str,
    shown: str,
) -> None:
    record, text = events[f"thing.{name}"]
    assert text == json.dumps(record, indent=2, ensure_ascii=False)
    assert f'"{field}": {shown}' in text


def test_example_gives_the_record_and_its_text() -> None:
    from registry.lint.engine import lint as run_lint

    from conftest import REPO

    config = make_config(REPO)
    catalog = run_lint((str(REPO / "catalog"),), config).catalog
    assert catalog is not None
    written: dict[tuple[str, int], tuple[object, bool, bool]] = {}
    for event in catalog.events:
        record, text = example(event, config, written)
        assert record == example_record(event, config)
        assert text == pretty_json(record) == json.dumps(record, indent=2, ensure_ascii=False)

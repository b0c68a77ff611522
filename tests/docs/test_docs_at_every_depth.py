"""The docs at every depth: each member row shows the redaction the record gives it and the
tags it inherits, credentials (and what they enclose) are never written, and the example
record is redacted at every depth (registry.privacy.policy.redaction_plan, read once).

The catalog (nested/accounts.yaml) nests objects and lists four levels deep: a pii member of a
plain object, a masked object whose members inherit the mask (a free-form object inside it is
one hash), lists of objects with lists of hashed items, a hashed object whose members declare
less, credential members and a credential object.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from registry.catalog.load import load_catalog
from registry.generate.docs_examples import HASHED
from registry.generate.docs_model import FieldRow, docs_view
from registry.generate.html_target import render as render_html
from registry.generate.run import generate

from conftest import make_config

NESTED = Path(__file__).parent / "nested" / "accounts.yaml"
GOLDEN = Path(__file__).parent / "golden" / "nested"


def _rows(tmp_path: Path) -> dict[str, FieldRow]:
    config = make_config(tmp_path)
    loaded = load_catalog((str(NESTED),), config)
    view = docs_view(loaded.catalog, config, "sha256:test")
    (event,) = view.domains[0].events
    return {row.name: row for row in event.fields}


# (row, own tags, inherited tags, redaction shown, required shown)
ROWS = [
    ("profile", (), (), "none", True),
    ("profile.email", ("pii",), (), "hash", False),
    ("profile.locale", (), (), "none", False),
    ("profile.api_token", ("credential",), (), "never written", False),
    ("profile.diagnosis", ("special_category",), (), "drop", False),
    ("profile.address", ("pii",), (), "mask", False),
    ("profile.address.country", (), ("pii",), "mask", False),  # declares none: inherits mask
    ("profile.address.geo.lat", (), ("pii",), "mask", False),
    ("profile.address.geo.extra", (), ("pii",), "hash", False),  # free-form: one hash
    ("contacts[].name", ("pii",), (), "truncate", False),
    ("contacts[].phones", (), (), "none", False),
    ("contacts[].phones[]", ("pii",), (), "hash", None),  # items with tags of their own
    ("settings.theme", (), (), "hash", False),  # declares none inside a hashed object
    ("settings.history[][].at", (), (), "hash", False),
    ("secret_answers", ("credential",), (), "never written", False),
    ("secret_answers.first", (), ("credential",), "never written", False),
]


@pytest.mark.parametrize(("name", "own", "inherited", "redaction", "required"), ROWS)
def test_each_row_shows_what_the_record_holds(
    tmp_path: Path,
    name: str,
    own: tuple[str, ...],
    inherited: tuple[str, ...],
    redaction: str,
    required: bool | None,
) -> None:
    row = _rows(tmp_path)[name]
    assert (row.sensitivity, row.inherited, row.redaction, row.required) == (
        own,
        inherited,
        redaction,
        required,
    )


def test_rows_are_listed_depth_first_without_rows_for_plain_items(tmp_path: Path) -> None:
    names = list(_rows(tmp_path))
    assert names.index("contacts") < names.index("contacts[].name") < names.index("settings")
    assert "contacts[]" not in names  # items without tags of their own add no row
    assert "settings.history[]" not in names


def test_example_record_is_redacted_at_every_depth(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    loaded = load_catalog((str(NESTED),), config)
    (event,) = docs_view(loaded.catalog, config, "sha256:test").domains[0].events
    expected: dict[str, Any] = {
        "profile": {
            "email": HASHED,
            "locale": "example_lo",
            "address": {
                "street": "**********reet",
                "country": "**",
                "geo": {"lat": "*", "extra": HASHED},
            },
        },
        "contacts": [{"name": "example_", "phones": [HASHED], "relation": "family"}],
        "settings": {"theme": HASHED, "raw": HASHED, "history": [[{"at": HASHED}]]},
    }
    assert event.example["fields"] == expected
    assert "api_token" not in event.example_json
    assert "secret_answers" not in event.example_json
    assert "diagnosis" not in event.example_json


def test_html_marks_inherited_tags_and_never_written_members(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    loaded = load_catalog((str(NESTED),), config)
    page = render_html(loaded.catalog, config, "sha256:test")["index.html"]
    row = re.search(r"<tr><td class=\"d2\"><code>profile\.address\.country</code>.*?</tr>", page)
    assert row is not None
    assert 'class="badge inherited" data-tag="pii"' in row.group(0)
    assert '<td class="redacted">mask</td>' in row.group(0)
    first = re.search(r"<code>secret_answers\.first</code>.*?</tr>", page)
    assert first is not None
    assert "never written" in first.group(0)


def test_markdown_page_matches_golden(tmp_path: Path, update_goldens: bool) -> None:
    result = generate("markdown", (str(NESTED),), make_config(tmp_path), tmp_path / "out")
    assert result.blocking == ()
    page = (tmp_path / "out" / "accounts.md").read_text("utf-8")
    golden = GOLDEN / "accounts.md"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text("utf-8")

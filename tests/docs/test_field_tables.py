"""Field tables are laid out in Python once per row object (issue 14, item 6): every row gets
its own line, in order, and a row that events share is laid out once per render."""

from __future__ import annotations

import pytest

from registry.generate import html_target, markdown_target
from registry.generate.docs_model import DocsView, FieldRow, RowLines, docs_view
from registry.lint.engine import lint

from conftest import REPO, make_config
from docs_helpers import CATALOG

TARGETS = {
    "markdown": (markdown_target.field_line, markdown_target.field_table),
    "html": (html_target.field_line, html_target.field_table),
}


@pytest.fixture(scope="module")
def view() -> DocsView:
    config = make_config(REPO)
    result = lint((CATALOG,), config)
    assert result.catalog is not None
    return docs_view(result.catalog, config, "0" * 12)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_each_row_object_is_laid_out_once_and_every_row_gets_its_line(
    view: DocsView, target: str
) -> None:
    field_line = TARGETS[target][0]
    made: list[FieldRow] = []

    def line(row: FieldRow) -> str:
        made.append(row)
        return field_line(row)

    lines = RowLines(line)
    events = [event for domain in view.domains for event in domain.events]
    rows = [row for event in events for row in event.fields]
    assert [text for event in events for text in lines(event.fields)] == [
        field_line(row) for row in rows
    ]
    assert len(made) == len({id(row) for row in rows})
    assert len(made) < len(rows)  # the built-in catalog's events share fields


@pytest.mark.parametrize(
    ("target", "head", "foot"),
    [
        (
            "markdown",
            (
                "| Field | Type | Required | Constraints | Sensitivity | Redaction | Description |\n"
                "|---|---|---|---|---|---|---|\n| `"
            ),
            " |",
        ),
        (
            "html",
            (
                '<div class="scroll"><table class="fields"><thead><tr><th>Field</th><th>Type</th>'
                "<th>Req.</th><th>Constraints</th><th>Sensitivity</th><th>Redaction</th>"
                '<th>Description</th></tr></thead><tbody>\n<tr><td class="d0"><code>'
            ),
            "</td></tr>\n</tbody></table></div>",
        ),
    ],
)
def test_a_table_is_its_head_and_one_line_per_row(
    view: DocsView, target: str, head: str, foot: str
) -> None:
    field_line, field_table = TARGETS[target]
    event = next(e for d in view.domains for e in d.events if len(e.fields) > 1)
    table = str(field_table(event.fields, RowLines(field_line)))
    assert table.startswith(head)
    assert table.endswith(foot)
    assert table.count("\n") == len(event.fields) + 1

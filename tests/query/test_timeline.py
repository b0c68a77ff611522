"""`registry query --format html`: a self-contained timeline page. Without a browser: what
the page holds (docs stylesheet, strict CSP, no external resource, the catalog's
descriptions) and, for any value (hypothesis), that a value is one cell's text and never
markup. In Debian's chromium (tests/query/test_timeline_browser.py): order, search, hostile
values shown as text and running nothing."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from query_helpers import duckdb_or_skip, run

from registry.escape.terminal import printable
from registry.query.engine import Answer
from registry.query.envelope import NAMES
from registry.query.timeline import csp_hash, docs_stylesheet, render

from conftest import REPO

HOSTILE = (
    "<script>window.pwned=1</script>",
    "\"'><img src=x onerror=\"window.pwned=1\">",
    "javascript:window.pwned=1",
    "evil\u202etxt.exe",
    "bell\x07\x1b[31mred",
)


class Cells(HTMLParser):
    """The page's tags, and the text of each `td` by class."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.cells: list[tuple[str, str]] = []
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag == "td":
            self._cell = dict(attrs).get("class") or ""
            self.cells.append((self._cell, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            name, text = self.cells[-1]
            self.cells[-1] = (name, text + data)


def record_answer(rows: list[dict[str, object]]) -> Answer:
    return Answer(NAMES, [tuple(row.get(n) for n in NAMES) for row in rows])


def parsed(page: str) -> Cells:
    cells = Cells()
    cells.feed(page)
    cells.close()
    return cells


def test_page_is_self_contained_with_docs_look_and_strict_csp() -> None:
    page = render(record_answer([{"event": "user.promoted", "actor_type": "user",
                                  "actor_id": "u_1", "targets": [], "outcome": "success"}]),
                  {"user.promoted": "A user was given the admin role."})
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = csp.group(1)
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert style is not None
    assert script is not None
    assert f"style-src '{csp_hash(style.group(1))}'" in policy
    assert f"script-src '{csp_hash(script.group(1))}'" in policy
    assert docs_stylesheet() in style.group(1)
    assert docs_stylesheet() == (REPO / "generators" / "html" / "style.css").read_text("utf-8")
    cells = parsed(page)
    assert {"link", "img", "iframe", "object"}.isdisjoint(cells.tags)
    assert cells.tags.count("script") == 1
    assert all(v is None or not v.startswith(("http:", "https:", "//")) for _, v in cells.attributes)
    assert ("action", "user.promotedA user was given the admin role.") in cells.cells


def test_hostile_values_are_text_in_their_cell() -> None:
    rows = [
        {"event": value, "actor_type": "user", "actor_id": value, "outcome": "failure",
         "reason": value, "targets": [{"type": "doc", "id": value}], "tenant": value}
        for value in HOSTILE
    ]
    page = render(record_answer(rows), {value: value for value in HOSTILE})
    cells = parsed(page)
    assert cells.tags.count("script") == 1
    assert "img" not in cells.tags
    actors = [text for name, text in cells.cells if name == "actor"]
    assert actors == [printable(f"user:{value}") for value in HOSTILE]
    assert not {"\u202e", "\x1b", "\x07"} & set(page)
    assert "\\u202e" in page


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=4))
def test_any_value_is_one_cell_of_text(values: list[str]) -> None:
    rows = [{"event": v, "actor_type": "user", "actor_id": v, "outcome": "success",
             "targets": [{"type": "t", "id": v}], "reason": v} for v in values]
    cells = parsed(render(record_answer(rows), {}))
    assert [t for n, t in cells.cells if n == "actor"] == [printable(f"user:{v}") for v in values]
    assert [t for n, t in cells.cells if n == "target"] == [printable(f"t:{v}") for v in values]
    assert cells.tags.count("tr") == len(values) + 1
    assert cells.tags.count("script") == 1


def test_sql_answers_render_as_a_table() -> None:
    page = render(Answer(("event", "n"), [("<b>x</b>", 3)]))
    cells = parsed(page)
    assert "b" not in cells.tags
    assert [t for _, t in cells.cells] == ["<b>x</b>", "3"]


def test_query_writes_the_page_with_catalog_descriptions(tmp_path: Path) -> None:
    duckdb_or_skip()
    log = tmp_path / "audit.jsonl"
    log.write_text(
        '{"id":"0190a1b2-0000-7000-8000-000000000001","event":"user.promoted","version":1,'
        '"occurred_at":"2026-01-02T10:00:00.000Z","actor":{"type":"user","id":"u_2"},'
        '"targets":[{"type":"user","id":"u_9"}],"outcome":"success","fields":{}}\n',
        "utf-8",
    )
    from query_helpers import CATALOG

    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "accounts.yaml").write_text(CATALOG, "utf-8")
    out = tmp_path / "page.html"
    result = run("query", str(log), "--format", "html", "--out", str(out),
                 "--catalog", str(tmp_path / "catalog"))
    assert result.exit_code == 0, result.output
    cells = parsed(out.read_text("utf-8"))
    assert ("action", "user.promotedA user was given the admin role.") in cells.cells
    assert ("actor", "user:u_2") in cells.cells
    stdout = run("query", str(log), "--format", "html")
    assert stdout.exit_code == 0
    assert stdout.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_value_never_leaves_its_cell(value: str) -> None:
    page = render(record_answer([{"event": "e", "actor_type": "user", "actor_id": "u",
                                  "targets": [], "outcome": value}]))
    assert ("outcome", printable(value)) in parsed(page).cells


def test_verified_answers_show_which_records_are_proven() -> None:
    columns = (*NAMES, "proven")
    base = record_answer([{"event": "e", "actor_type": "user", "actor_id": f"u_{n}",
                           "targets": [], "outcome": "success"} for n in (1, 2)])
    rows = [(*row, n == 0) for n, row in enumerate(base.rows)]
    page = render(Answer(columns, rows))
    cells = parsed(page)
    assert [t for n, t in cells.cells if n == "proven"] == ["yes", "NO"]
    assert "1 record not proven" in page
    assert "proven" not in [n for n, _ in parsed(render(record_answer([{}]))).cells]

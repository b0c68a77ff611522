"""The timeline page of `registry query --format html` in a real browser (Debian's chromium
driven by PyPI's playwright, as tests/docs/test_browser.py): the rows in time order, the
docs stylesheet and the script allowed by the CSP, search, hostile values shown as text and
running nothing, no request beyond the page itself."""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from query_helpers import duckdb_or_skip, run

from registry.escape.terminal import printable

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE = (
    "<script>window.pwned=1</script>",
    "\"'><img src=x onerror=\"window.pwned=1\">",
    "javascript:window.pwned=1",
    "evil\u202etxt.exe",
)


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return "Debian's chromium is not installed (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "PyPI playwright is not installed (pip install -e '.[test]')"
    return None


MISSING = _missing()
pytestmark = pytest.mark.skipif(
    MISSING is not None and os.environ.get("CI") != "true", reason=MISSING or "")
"""Skipped without a browser, except in CI, where the browser is installed and these fail."""


def _record(n: int, actor: str, target: str, outcome: str = "success") -> str:
    record: dict[str, Any] = {
        "id": f"0190a1b2-0000-7000-8000-{n:012d}", "event": "user.promoted", "version": 1,
        "occurred_at": f"2026-01-0{n}T10:00:00.000Z", "actor": {"type": "user", "id": actor},
        "targets": [{"type": "user", "id": target}], "outcome": outcome, "fields": {},
    }
    if outcome == "failure":
        record["reason"] = HOSTILE[0]
    return json.dumps(record)


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> str:
    duckdb_or_skip()
    root = tmp_path_factory.mktemp("timeline")
    # written out of order: the page shows them by time
    lines = [_record(3, "u_3", HOSTILE[2]), _record(1, HOSTILE[0], "u_9"),
             _record(4, HOSTILE[3], HOSTILE[1], "failure"), _record(2, "u_2", "u_8")]
    (root / "audit.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    out = root / "page.html"
    result = run("query", str(root / "audit.jsonl"), "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out.as_uri()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if MISSING is not None:
        pytest.fail(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, timeline: str) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(timeline)
    yield page
    assert problems == [], problems
    assert requests == [timeline]
    assert page.evaluate("typeof window.pwned") == "undefined"
    page.close()


def _visible_times(page: Any) -> list[str]:
    times: list[str] = page.eval_on_selector_all(
        "tbody tr:not([hidden]) td.time", "cells => cells.map(c => c.textContent)")
    return times


def test_rows_are_visible_in_time_order(page: Any) -> None:
    times = _visible_times(page)
    assert times == [f"2026-01-0{n}T10:00:00Z" for n in (1, 2, 3, 4)]
    assert page.locator("tbody tr").first.is_visible()
    actors = page.eval_on_selector_all("td.actor", "cells => cells.map(c => c.textContent)")
    assert actors == [f"user:{HOSTILE[0]}", "user:u_2", "user:u_3",
                      printable(f"user:{HOSTILE[3]}")]


def test_hostile_values_render_as_text_and_run_nothing(page: Any) -> None:
    targets = page.eval_on_selector_all("td.target", "cells => cells.map(c => c.textContent)")
    assert f"user:{HOSTILE[1]}" in targets
    assert f"user:{HOSTILE[2]}" in targets
    outcome = page.locator("tr.failure td.outcome").text_content()
    assert outcome == f"failure: {HOSTILE[0]}"
    assert page.eval_on_selector_all("img, iframe, a[href^='javascript']", "e => e.length") == 0
    assert page.eval_on_selector_all("script", "e => e.length") == 1


def test_docs_stylesheet_and_script_are_allowed_by_the_csp(page: Any) -> None:
    background = page.evaluate(
        "getComputedStyle(document.querySelector('table.timeline th')).backgroundColor")
    assert background == "rgb(246, 248, 250)"
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "system-ui" in font


def test_search_filters_rows_and_counts(page: Any) -> None:
    from playwright.sync_api import expect

    page.fill("#ui\\.q", "u_2")
    expect(page.locator("#ui\\.count")).to_have_text("1 of 4 rows")
    assert _visible_times(page) == ["2026-01-02T10:00:00Z"]
    page.fill("#ui\\.q", "<script>")
    expect(page.locator("#ui\\.count")).to_have_text("2 of 4 rows")
    page.fill("#ui\\.q", "")
    expect(page.locator("#ui\\.count")).to_have_text("4 of 4 rows")

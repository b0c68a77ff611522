"""The HTML site in a real browser (Debian's chromium driven by PyPI's playwright): search,
filters, no console errors, injected scripts do not run, search latency on 10,000 events."""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.generate.run import generate

from conftest import REPO, make_config
from docs_helpers import CATALOG, HOSTILE_CATALOG

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
LATENCY_BUDGET_MS = 100.0



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
def page(browser: Any) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    yield page
    page.close()


def _site(tmp_path: Path, catalogs: tuple[str, ...]) -> str:
    result = generate("html", catalogs, make_config(tmp_path), tmp_path / "site")
    assert result.blocking == ()
    return (tmp_path / "site" / "index.html").as_uri()


def _count(page: Any, visible: int) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#ui\\.count")).to_have_text(re.compile(rf"^{visible} of "))


def _visible(page: Any) -> list[str]:
    ids: list[str] = page.eval_on_selector_all("section.event:not([hidden])", "s => s.map(e => e.id)")
    return ids


def test_search_filter_and_injection(page: Any, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(HOSTILE_CATALOG, encoding="utf-8")
    page.goto(_site(tmp_path, (CATALOG, str(hostile))))
    assert len(_visible(page)) == 47  # 9 example events, 36 of the security baseline, 2 hostile
    page.fill("#ui\\.q", "promoted")
    _count(page, 2)
    assert _visible(page) == ["user-promoted_production", "user-promoted_staging"]
    page.fill("#ui\\.q", "")
    page.select_option("#ui\\.tag", label="pii")
    _count(page, 4)
    assert _visible(page) == [
        "user-promoted_production", "user-invited_observer", "user-created", "user-signed_in"]
    page.fill("#ui\\.q", "observer")
    _count(page, 1)
    assert _visible(page) == ["user-invited_observer"]
    page.click("#ui\\.reset")
    page.select_option("#ui\\.domain", label="hostile")
    _count(page, 2)
    assert page.text_content("#user-installed_plugin .description").startswith(
        "A user added a bot. <script>window.__pwned = 1</script>")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.console_errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.click("#ui\\.reset")
    page.screenshot(path=str(ARTIFACTS / "docs.png"), full_page=False)


def test_search_latency_on_10000_events(page: Any, tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from bench_lint import build_catalogs
    finally:
        sys.path.remove(str(REPO / "bench"))
    build_catalogs(tmp_path / "catalogs", 10_000)
    started = time.perf_counter()
    url = _site(tmp_path, (str(tmp_path / "catalogs"),))
    generated = time.perf_counter() - started
    page.goto(url, timeout=120_000)
    assert page.evaluate("window.__registryDocs.events") == 10_000
    latencies = []
    for query in ("r", "re", "rel", "rele", "relea", "releas", "release", "release ", "x"):
        latencies.append(page.evaluate(
            """async (query) => {
                const input = document.getElementById("ui.q");
                const done = new Promise(r => document.addEventListener(
                    "registry:searched", r, {once: true}));
                const t0 = performance.now();
                input.value = query;
                input.dispatchEvent(new Event("input"));
                await done;
                await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
                return [performance.now() - t0, window.__registrySearch.ms];
            }""", query))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "latency.txt").write_text(
        f"generate html (10,000 events): {generated:.2f} s\n"
        f"keystroke to painted results (ms, incl. 25 ms debounce): "
        f"{', '.join(f'{v[0]:.1f}/{v[1]:.1f}' for v in latencies)}\n")
    assert page.console_errors == []
    assert max(v[0] for v in latencies[1:]) < LATENCY_BUDGET_MS, latencies


def test_artifacts_are_not_committed() -> None:
    assert "tests/docs/artifacts/" in (REPO / ".gitignore").read_text()


VIEWPORTS = {"desktop": (1400, 900), "phone": (390, 844)}
LAYOUT = """() => {
    const box = e => { const r = e.getBoundingClientRect();
                       return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
    const header = document.querySelector("header.top");
    const matrix = document.querySelector("table.matrix");
    const lines = th => { const range = document.createRange(); range.selectNodeContents(th);
                          return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; };
    return {
        pageWidth: document.documentElement.scrollWidth, width: window.innerWidth,
        height: window.innerHeight, header: box(header), search: box(document.getElementById("ui.q")),
        matrixBox: box(matrix.parentElement), matrixWidth: matrix.scrollWidth,
        matrixScroll: getComputedStyle(matrix.parentElement).overflowX,
        toc: [...document.querySelectorAll("nav.toc a")].map(a => a.getAttribute("href")),
        brokenHeaders: [...document.querySelectorAll("table.fields thead th")]
            .filter(th => lines(th) > 1).map(th => th.textContent),
    };
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
def test_layout_for_an_auditor(browser: Any, tmp_path: Path, viewport: str) -> None:
    """No sideways page scroll, the matrix scrolls in its own box, search visible at the top
    and after scrolling (sticky header), a table of contents, headers never broken inside a
    word, and a jump to an event lands its heading below the header."""
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        url = _site(tmp_path, (CATALOG,))
        page.goto(url)
        layout = page.evaluate(LAYOUT)
        assert layout["pageWidth"] <= width
        assert layout["search"]["top"] >= 0
        assert layout["search"]["bottom"] <= layout["header"]["bottom"]
        assert layout["header"]["bottom"] < height / 3
        assert layout["matrixBox"]["right"] <= width
        assert layout["matrixScroll"] == "auto"
        assert layout["toc"] == ["#ui.overview", "#ui.list", "#ui.coverage", "#ui.rules"]
        assert layout["brokenHeaders"] == []
        page.mouse.wheel(0, 3000)
        page.wait_for_function("window.scrollY > 0")
        assert page.evaluate(LAYOUT)["search"]["top"] >= 0
        for anchor in ("user-promoted_production", "session-rejected", "ui.rules"):
            page.goto(f"{url}#{anchor}")
            page.wait_for_timeout(50)
            target = page.locator(f"[id='{anchor}']").first
            heading = target.locator("h2, h3").first if anchor != "ui.rules" else target
            top = heading.bounding_box()["y"]
            header = page.evaluate(LAYOUT)["header"]["bottom"]
            assert header <= top < height - 40, (anchor, top, header)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.goto(url)
        page.fill("#ui\\.q", "promoted")
        page.press("#ui\\.q", "Enter")
        _count(page, 2)
        first = page.locator("#user-promoted_production h3").bounding_box()
        assert layout["header"]["bottom"] <= first["y"] < height  # the results, in view
    finally:
        page.close()


def test_matrix_wider_than_the_window_scrolls_in_its_box(browser: Any, tmp_path: Path) -> None:
    """With more categories than fit, the page still does not scroll sideways."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(_site(tmp_path, (CATALOG,)))
        layout = page.evaluate(LAYOUT)
        assert layout["matrixWidth"] > layout["matrixBox"]["right"] - layout["matrixBox"]["left"]
        assert layout["pageWidth"] <= 390
    finally:
        page.close()

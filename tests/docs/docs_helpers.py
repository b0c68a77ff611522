"""Shared by the docs tests: a catalog full of hostile text, and HTML parsing helpers."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from registry.catalog.config import Config
from registry.catalog.model import Catalog
from registry.lint.engine import lint

from conftest import REPO, make_config

CATALOG = str(REPO / "catalog")
SCRIPT = "<script>window.__pwned = 1</script>"
HOSTILE_CATALOG = """\
domain: hostile
description: "Domain <script>window.__pwned = 1</script> | pipes | `tick` <!-- c -->"
owners: [team]
events:
  user.installed_plugin:
    description: "A user added a bot. <script>window.__pwned = 1</script> <img src=x onerror=window.__pwned=2> | a | b | ``` fence ``` <!-- comment --> **bold** [link](http://example.com)\\n# heading\\n- item\\n1. one"
    category: integration
    actor: [user]
    targets: [channel]
    fields:
      mode:
        type: enum
        values: ["<script>window.__pwned = 1</script>", "a|b", "`x`", "<!-- c -->"]
        required: true
        description: "Mode | with pipe\\nand a newline and </td></tr></table>"
      note:
        type: string
        max_length: 200
        examples: ["</script><script>window.__pwned = 3</script> | ``` `"]
        description: "Note ``` with a fence"
  user.removed_plugin:
    description: Someone removed a bot from the channel so it no longer reads messages there.
    category: integration
    actor: [user]
    targets: [channel]
    deprecated: {reason: "Use <b>added</b> | instead", replaced_by: user.installed_plugin}
"""


def hostile_catalog(tmp_path: Path) -> tuple[str, Config, Catalog]:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_CATALOG, encoding="utf-8")
    config = make_config(tmp_path)
    result = lint((str(path),), config)
    blocking = [f for f in result.findings if f.rule[0] in "YSR" and f.severity.value == "error"]
    assert not blocking, blocking
    assert result.catalog is not None
    return str(path), config, result.catalog


class Elements(HTMLParser):
    """Every start tag with its attributes; the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse_html(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser

"""Catalogs with hostile text in every free-text position, through the whole pipeline.

For every generated catalog (see `hostile_text`):

- `registry lint` never crashes, with either parser and in every output format: exit 0 or 1,
  no traceback, no "internal error"; the text output is one line per finding (plus hints and
  the summary) with no raw control characters, so catalog text cannot forge a finding or a
  terminal escape in a CI log; json and sarif parse; github is one annotation per finding.
- When it lints clean, `registry build` generates everything, and
  - every per-event JSON Schema is a valid 2020-12 schema with the hostile enum values;
  - the Python compiles, imports, and an event carrying the hostile enum value, pattern text
    and target type round-trips through the facade into a chained log that verifies;
  - the Markdown, rendered by a CommonMark + GFM-tables parser, has exactly the structure
    (headings, tables, rows, lists, code, links, emphasis, raw HTML) of the docs of its *twin*
    (the same catalog with each hostile text replaced by a plain word), and every hostile text
    reads back as the same characters;
  - the HTML has exactly the twin's elements and attributes, the same scripts, and every
    hostile text reads back as text (so no `</script>`, tag, attribute or `{{ }}` got through).

`REGISTRY_HOSTILE_EXAMPLES=500 pytest tests/hostile` for a long run (default 12 examples).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from click.testing import CliRunner
from hostile_text import FRAGMENTS, Texts, catalog, catalog_yaml, texts
from hypothesis import HealthCheck, example, given, settings
from markdown_it import MarkdownIt

from registry.cli import main
from registry_runtime import Actor, JsonLinesSink, Target
from registry_runtime.chain import strip_chain
from registry_runtime.verify import verify_log

EXAMPLES = int(os.environ.get("REGISTRY_HOSTILE_EXAMPLES", "12"))
KEY = "hostile-tests-hmac-key-0123456789"
FINDING_LINE = re.compile(r"^\S.*?:\d+:\d+: [A-Z]\d{3} \[(error|warning|info)\] ")
SUMMARY = re.compile(r"^(Found \d+ errors? and \d+ warnings?|All checks passed) \(")
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
SHOWN_IN_MARKDOWN = (
    "file_description", "owner", "type_description", "event_description", "values",
    "value_description", "code_description", "inner_value", "nested_description",
    "deprecated_reason", "deprecated_since", "field_deprecated_reason", "target_type",
)  # fmt: skip
SHOWN_IN_HTML = tuple(p for p in SHOWN_IN_MARKDOWN if p not in ("file_description", "owner"))
_packages = itertools.count()


def invoke(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    assert "internal error" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


# -- lint ------------------------------------------------------------------------------------


def check_lint_outputs(path: Path) -> int:
    """Lint `path` in every format with both parsers; the exit code (0 or 1)."""
    codes = set()
    for parser in ("yaml-rs", "pyyaml"):
        text = invoke("lint", "--no-cache", "--parser", parser, str(path))
        assert text.exit_code in (0, 1), text.output
        codes.add(text.exit_code)
        lines = text.output.splitlines()
        assert SUMMARY.match(lines[-1]), lines[-1]
        for line in lines[:-1]:
            assert FINDING_LINE.match(line) or line.startswith("    hint: "), repr(line)
        for char in text.output:
            assert char == "\n" or unicodedata.category(char) not in ("Cc", "Zl", "Zp"), (
                repr(char),
                text.output,
            )
    assert len(codes) == 1  # both parsers agree
    findings = len([line for line in lines if FINDING_LINE.match(line)])
    as_json = json.loads(invoke("lint", "--no-cache", "--format", "json", str(path)).output)
    assert len(as_json["findings"]) == findings
    sarif = json.loads(invoke("lint", "--no-cache", "--format", "sarif", str(path)).output)
    assert len(sarif["runs"][0]["results"]) == findings
    github = invoke("lint", "--no-cache", "--format", "github", str(path)).output.splitlines()
    assert len(github) == findings
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in github)
    return codes.pop()


# -- generated Python --------------------------------------------------------------------------


def check_python(out: Path, package: str, t: Texts, tmp: Path) -> None:
    for module in sorted((out / package).glob("*.py")):
        compile(module.read_text("utf-8"), str(module), "exec")
    sys.path.insert(0, str(out))
    try:
        generated = __import__(package)
        log = tmp / "audit.jsonl"
        sink = JsonLinesSink(log)
        with generated.AuditLog(sink, hmac_key=KEY) as audit:
            record = audit.item_counted(
                actor=Actor(type="user", id="u_1"),
                kind=t.values[0],
                code=t.code_text,
                spot={"inner": t.inner_value},
                targets=[Target(type=t.target_type, id="t_1")],
                outcome="failure",
                reason=t.failure_reasons[0],
            )
        assert record["fields"] == {
            "kind": t.values[0],
            "code": t.code_text,
            "spot": {"inner": t.inner_value},
        }
        assert record["targets"] == [{"type": t.target_type, "id": "t_1"}]
        (line,) = log.read_bytes().splitlines()
        written = orjson.loads(line)
        assert strip_chain(written) == record
        assert (written["stream"], written["seq"]) == (sink.stream, 0)
        result = verify_log(log)
        assert (result.ok, result.records, result.problems) == (True, 1, [])
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def check_schemas(directory: Path, t: Texts) -> None:
    """Every per-event schema is JSON, a valid 2020-12 schema, and keeps the enum values."""
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in directory.glob("*.json")}
    assert "item.counted.schema.json" in schemas, sorted(schemas)
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    fields = schemas["item.counted.schema.json"]["properties"]["fields"]["properties"]
    assert fields["kind"]["enum"] == list(t.values)


# -- docs ----------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Start tags with their attribute names, the text outside scripts (a space at every tag),
    and the text of each script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.text.append(" ")
        if tag == "script":
            self._script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("/" + tag, ()))
        self.text.append(" ")
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append(("<!--", ()))


def parse_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def collapse(text: str) -> str:
    return " ".join(text.replace("\x00", "\ufffd").split())


def readable_lines(text: str) -> list[str]:
    """How a text reads in a page: each non-blank line, whitespace collapsed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [collapse(line) for line in lines if collapse(line)]


def markdown_shape(markdown: str) -> Counter[str]:
    """What a Markdown page is made of, without its text: a count of every token type (with
    its tag), and the raw HTML it holds."""
    shape: Counter[str] = Counter()
    for token in MARKDOWN.parse(markdown):
        shape[f"{token.type}:{token.tag}"] += 1
        for child in token.children or ():
            if child.type in ("text", "softbreak", "hardbreak"):
                continue
            if child.type == "html_inline" and child.content == "<br>":
                continue  # a line break inside a table cell: depends on the text
            key = child.content if child.type == "html_inline" else child.tag
            shape[f"{child.type}:{key}"] += 1
    return shape


def positions(t: Texts, names: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for name in names:
        value = getattr(t, name)
        found.extend(value if isinstance(value, tuple) else [value])
    return found


def check_markdown(docs: Path, twin_docs: Path, t: Texts) -> None:
    pages = sorted(p.name for p in docs.glob("*.md"))
    assert pages == sorted(p.name for p in twin_docs.glob("*.md"))
    rendered = ""
    for name in pages:
        markdown = (docs / name).read_text("utf-8")
        twin = (twin_docs / name).read_text("utf-8")
        assert markdown_shape(markdown) == markdown_shape(twin), name
        rendered += "".join(parse_page(MARKDOWN.render(markdown)).text)
    text = collapse(rendered)
    for hostile in positions(t, SHOWN_IN_MARKDOWN):
        for line in readable_lines(hostile):
            assert line in text, line


def check_html(docs: Path, twin_docs: Path, t: Texts) -> None:
    html = (docs / "index.html").read_text("utf-8")
    page = parse_page(html)
    twin = parse_page((twin_docs / "index.html").read_text("utf-8"))
    assert page.tags == twin.tags
    assert not [name for _, names in page.tags for name in names if name.startswith("on")]
    assert len(page.scripts) == len(twin.scripts) == 2
    assert page.scripts[1] == twin.scripts[1]  # the page's own code, untouched
    data = json.loads(page.scripts[0])
    assert "</" not in page.scripts[0]
    assert len(data["events"]) == len(json.loads(twin.scripts[0])["events"])
    text = collapse("".join(page.text))
    for hostile in positions(t, SHOWN_IN_HTML):
        for line in readable_lines(hostile):
            assert line in text, line


# -- the property ------------------------------------------------------------------------------


def twin_of(t: Texts) -> Texts:
    """The same catalog with every hostile text replaced by a plain word (the same text by the
    same word)."""
    words: dict[str, str] = {}

    def plain(text: str) -> str:
        return words.setdefault(text, f"plain{len(words)}")

    changes: dict[str, Any] = {}
    for field in dataclasses.fields(t):
        value = getattr(t, field.name)
        if field.name in ("failure_reasons", "breaking"):
            continue
        changes[field.name] = tuple(map(plain, value)) if isinstance(value, tuple) else plain(value)
    return dataclasses.replace(t, **changes)


def build(tmp: Path, t: Texts, name: str) -> tuple[Path, str]:
    directory = tmp / name
    directory.mkdir()
    path = directory / "hostile.yaml"
    path.write_text(catalog_yaml(catalog(t)), "utf-8")
    package = f"hostile_{os.getpid()}_{next(_packages)}"
    out = directory / "build"
    result = invoke("build", str(path), "--out", str(out), "--package", package)
    assert result.exit_code == 0, result.output
    return out, package


def check_catalog(tmp: Path, t: Texts) -> None:
    path = tmp / "lint" / "hostile.yaml"
    path.parent.mkdir()
    path.write_text(catalog_yaml(catalog(t)), "utf-8")
    if check_lint_outputs(path) != 0:
        return
    out, package = build(tmp, t, "hostile")
    twin_out, _ = build(tmp, twin_of(t), "twin")
    check_python(out, package, t, tmp)
    check_schemas(out / "schemas", t)
    check_markdown(out / "docs" / "markdown", twin_out / "docs" / "markdown", t)
    check_html(out / "docs" / "html", twin_out / "docs" / "html", t)


PLAIN = Texts(
    file_description="Inventory events.", owner="inventory-team", extension="none",
    type_description="A code.", type_example="SKU-1", event_description="A worker counted.",
    values=("plain",), value_description="The kind.", code_text="SKU-1",
    code_description="The code.", inner_value="shelf", nested_description="Where.",
    redact_reason="needed", deprecated_reason="Superseded.", deprecated_since="2024",
    field_deprecated_reason="Unused.", target_type="item", metadata_key="team",
    metadata_value="none", suppression_reason="not needed", failure_reasons=("shelf_missing",),
)  # fmt: skip


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(t=texts)
@example(t=dataclasses.replace(
    PLAIN, event_description="</script><script>alert(1)</script> {{ 7 * 7 }} {% raw %}",
    values=("a|b", "`x`", "<!-- c -->"), value_description="| a | b |\n|---|---|\n| c | d |",
    code_text="```", target_type="<img src=x onerror=alert(1)>",
    deprecated_reason="# heading\n- item\n1. one\n    code\n> quote",
    file_description="\u202eevil\u202c [x](javascript:alert(1))", owner="**team**",
))  # fmt: skip
@example(
    t=dataclasses.replace(
        PLAIN,
        event_description="x\x1b[2J\rcatalog.yaml:1:1: Y001 [error]",
        breaking=(("category", "a\nb.yaml:1:1: Y001 [error] forged"),),
    )
)
@example(t=dataclasses.replace(PLAIN, breaking=(("include", "a\x00b.yaml"), ("actor", "\x85"))))
def test_hostile_catalogs(tmp_path_factory: pytest.TempPathFactory, t: Texts) -> None:
    check_catalog(tmp_path_factory.mktemp("hostile"), t)


def test_fragments_hold_no_plain_word() -> None:
    """A fragment that were a plain word could not be told from the twin's words."""
    for fragment in FRAGMENTS:
        assert not re.fullmatch(r"[A-Za-z0-9]+", fragment), fragment

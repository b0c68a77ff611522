"""Template packs (`registry generate --templates DIR`): the manifest's located errors, output
paths that cannot leave --out, the sandbox, located template errors (exit 2, no traceback),
--check, autoescaping, and the view model's JSON (golden)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from registry.cli import main
from registry.generate.packs.manifest import PackError, load_pack
from registry.generate.packs.model import SCHEMA_VERSION
from registry.generate.packs.paths import expand, pattern_problems

from conftest import REPO

CATALOG = str(REPO / "catalog")
GOLDEN = Path(__file__).parent / "golden" / "packs"

SMALL = """\
domain: shop
description: Orders of a web shop.
owners: [shop-team]
events:
  order.placed:
    description: "A customer placed an order <script>alert(1)</script>."
    category: data_change
    actor: [user]
    targets: [order]
    fields:
      email: {type: string, format: email, sensitivity: pii, description: Where the receipt goes.}
  order.cancelled:
    description: A customer cancelled an order.
    category: data_change
    actor: [user]
    targets: [order]
"""


def make_pack(root: Path, manifest: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(manifest, "utf-8")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return root


def one(template: str, path: str = "out.txt", each: str = "once") -> str:
    return f"name: t\nmodel: 1\ntemplates:\n  - template: {template}\n    path: {path}\n    each: {each}\n"


@pytest.fixture
def catalog(tmp_path: Path) -> str:
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "shop.yaml").write_text(SMALL, "utf-8")
    return str(tmp_path / "catalog")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


# -- the manifest ------------------------------------------------------------------------------

MANIFEST_CASES = [
    ("not a mapping", "- a\n", {}, "pack.yaml:1:1: the manifest must be a mapping"),
    ("yaml syntax", "name: [\n", {}, "pack.yaml:2:1:"),
    ("duplicate key", "name: a\nname: b\n", {}, "pack.yaml:2:1: duplicate key"),
    ("no model", "name: a\ntemplates: [{template: t.j2, path: x}]\n", {"t.j2": ""},
     "missing 'model'"),
    ("newer model", "name: a\nmodel: 2\ntemplates: [{template: t.j2, path: x}]\n", {"t.j2": ""},
     "pack.yaml:2:8: the pack is written for view model 2; this registry provides 1"),
    ("unknown key", "name: a\nmodel: 1\ntemplate: []\n", {}, "pack.yaml:3:1: unknown key 'template'"),
    ("no templates", "name: a\nmodel: 1\ntemplates: []\n", {},
     "pack.yaml:3:12: 'templates' must be a non-empty list"),
    ("entry keys", "name: a\nmodel: 1\ntemplates:\n  - {template: t.j2, path: x, ech: once}\n",
     {"t.j2": ""}, "pack.yaml:4:31: unknown key 'ech'"),
    ("each", one("t.j2", each="always"), {"t.j2": ""}, "pack.yaml:6:11: 'each' must be one of"),
    ("escape", one("t.j2") + "    escape: latex\n", {"t.j2": ""}, "'escape' must be one of"),
    ("template missing", one("nope.j2"), {}, "pack.yaml:4:15: 'nope.j2': no such file"),
    ("template climbs", one("../t.j2"), {}, "a template is named by its path inside the pack"),
    ("template absolute", one("/etc/passwd"), {}, "a template is named by its path inside"),
    ("manifest as template", one("pack.yaml"), {}, "the manifest is not a template"),
    ("path absolute", one("t.j2", "/tmp/x"), {"t.j2": ""}, "pack.yaml:5:11: the path must be relative"),
    ("path drive", one("t.j2", "'C:/x'"), {"t.j2": ""}, "the path must be relative"),
    ("path climbs", one("t.j2", "a/../../x"), {"t.j2": ""}, "may not have an empty, '.' or '..' segment"),
    ("path empty segment", one("t.j2", "a//x"), {"t.j2": ""}, "may not have an empty, '.' or '..' segment"),
    ("path backslash", one("t.j2", "'a\\x'"), {"t.j2": ""}, "may not hold control characters"),
    ("placeholder once", one("t.j2", "'{event}.txt'"), {"t.j2": ""},
     "{event} is not a placeholder of a template rendered 'once'"),
    ("placeholder domain", one("t.j2", "'{event}.txt'", "domain"), {"t.j2": ""},
     "(placeholders: {domain})"),
    ("per event, one path", one("t.j2", "'{domain}.txt'", "event"), {"t.j2": ""},
     "needs {event} in its path"),
    ("unknown case", one("t.j2", "'{event|upper}.txt'", "event"), {"t.j2": ""},
     "unknown case 'upper'"),
    ("brace", one("t.j2", "'{event.txt'", "event"), {"t.j2": ""}, "unbalanced brace"),
]


@pytest.mark.parametrize(("manifest", "files", "expected"),
                         [c[1:] for c in MANIFEST_CASES], ids=[c[0] for c in MANIFEST_CASES])
def test_manifest_problems_are_located(
    tmp_path: Path, manifest: str, files: dict[str, str], expected: str
) -> None:
    pack = make_pack(tmp_path / "pack", manifest, files)
    with pytest.raises(PackError) as raised:
        load_pack(str(pack))
    assert any(expected in problem for problem in raised.value.problems), raised.value.problems
    assert all(problem.startswith(f"{pack}/pack.yaml:") for problem in raised.value.problems)


def test_every_problem_of_a_manifest_is_listed_by_the_command(tmp_path: Path, catalog: str) -> None:
    pack = make_pack(tmp_path / "pack", "name: a\nmodel: 3\ntemplates:\n  - {template: x.j2, "
                     "path: ../x}\n", {})
    result = run("generate", "--templates", str(pack), catalog, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert f"{pack}/pack.yaml:2:8: the pack is written for view model 3" in result.output
    assert f"{pack}/pack.yaml:4:16: 'x.j2': no such file in the pack" in result.output
    assert "pack.yaml:4:28: the path may not have" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_missing_pack_is_a_usage_error(tmp_path: Path, catalog: str) -> None:
    result = run("generate", "--templates", str(tmp_path / "none"), catalog, "--out", "o")
    assert result.exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("generate", "--templates", str(empty), catalog, "--out", "o")
    assert result.exit_code == 2
    assert f"{empty}/pack.yaml: missing" in result.output


# -- output paths ------------------------------------------------------------------------------

@given(st.text(min_size=1, max_size=40), st.sampled_from(["", "|snake", "|kebab", "|pascal"]))
def test_a_name_never_leads_out_of_the_output_directory(name: str, case: str) -> None:
    pattern = f"events/{{event{case}}}.txt"
    assert pattern_problems(pattern, "event") == []
    path = expand(pattern, {"event": name, "domain": name})
    segments = path.split("/")
    assert len(segments) == 2
    assert segments[0] == "events"
    assert segments[1] not in ("", ".", "..")
    assert not segments[1].startswith(".")
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in segments[1])


def test_two_renders_to_one_path_are_refused(tmp_path: Path, catalog: str) -> None:
    pack = make_pack(tmp_path / "pack", one("t.j2", "'{domain}/{event|kebab}.txt'", "event")
                     + "  - {template: t.j2, path: 'shop/order-placed.txt'}\n", {"t.j2": "x\n"})
    result = run("generate", "--templates", str(pack), catalog, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"{pack}/pack.yaml:7:5: shop/order-placed.txt is written twice" in result.output


def test_a_link_in_out_that_leads_elsewhere_is_not_written_through(
    tmp_path: Path, catalog: str
) -> None:
    pack = make_pack(tmp_path / "pack", one("t.j2", "sub/x.txt"), {"t.j2": "x\n"})
    elsewhere, out = tmp_path / "elsewhere", tmp_path / "out"
    elsewhere.mkdir()
    out.mkdir()
    (out / "sub").symlink_to(elsewhere)
    result = run("generate", "--templates", str(pack), catalog, "--out", str(out))
    assert result.exit_code == 2
    assert "a link in --out leads outside it" in result.output
    assert list(elsewhere.iterdir()) == []


# -- rendering ---------------------------------------------------------------------------------

def test_per_domain_and_per_event_templates_see_their_part_of_the_view(
    tmp_path: Path, catalog: str
) -> None:
    pack = make_pack(
        tmp_path / "pack",
        "name: t\nmodel: 1\ntemplates:\n"
        "  - {template: d.j2, path: '{domain}/index.txt', each: domain}\n"
        "  - {template: e.j2, path: '{domain}/{event|snake}.txt', each: event}\n"
        "  - {template: o.j2, path: all.txt}\n",
        {
            "d.j2": "{{ domain.name }}: {{ events|map(attribute='name')|join(', ') }}\n",
            "e.j2": "{{ event.name|constant }} {{ event.fields|map(attribute='name')|list }}"
                    " in {{ domain.name }}\n",
            "o.j2": "{{ model.schema_version }} {{ model.events|length }}\n",
        },
    )
    out = tmp_path / "out"
    result = run("generate", "--templates", str(pack), catalog, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "shop" / "index.txt").read_text() == "shop: order.cancelled, order.placed\n"
    assert (out / "shop" / "order_placed.txt").read_text() == "ORDER_PLACED ['email'] in shop\n"
    assert (out / "shop" / "order_cancelled.txt").read_text() == "ORDER_CANCELLED [] in shop\n"
    assert (out / "all.txt").read_text() == f"{SCHEMA_VERSION} 2\n"


TEMPLATE_ERRORS = [
    ("undefined name", {"t.j2": "one\n{{ nope }}\n"}, "t.j2:2: 'nope' is undefined"),
    ("undefined attribute", {"t.j2": "{{ model.nope }}\n"}, "t.j2:1: "),
    ("syntax", {"t.j2": "a\nb\n{% for x in %}\n"}, "t.j2:3: Expected an expression"),
    ("unknown filter", {"t.j2": "{{ model.header|shout }}\n"}, "t.j2:1: No filter named 'shout'"),
    ("syntax in an include", {"t.j2": "{% include 'inc/part.j2' %}\n", "inc/part.j2": "\n{% if %}\n"},
     "inc/part.j2:2: Expected an expression"),
    ("error in an include", {"t.j2": "x\n{% include 'part.j2' %}\n", "part.j2": "\n\n{{ 1 // 0 }}\n"},
     "part.j2:3: ZeroDivisionError"),
    ("missing include", {"t.j2": "\n{% include 'nope.j2' %}\n"}, "t.j2:2: template 'nope.j2' not found"),
    ("recursion", {"t.j2": "{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}\n"},
     "t.j2:1: RecursionError"),
    ("lone surrogate", {"t.j2": "{{ '\\ud800' }}\n"},
     "t.j2: out.txt: the output is not UTF-8 text (a lone surrogate at character 0)"),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in TEMPLATE_ERRORS],
                         ids=[c[0] for c in TEMPLATE_ERRORS])
def test_template_errors_are_located_and_exit_2(
    tmp_path: Path, catalog: str, files: dict[str, str], expected: str
) -> None:
    pack = make_pack(tmp_path / "pack", one("t.j2"), files)
    result = run("generate", "--templates", str(pack), catalog, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"{pack}/{expected}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_per_event_error_names_the_event(tmp_path: Path, catalog: str) -> None:
    pack = make_pack(tmp_path / "pack", one("t.j2", "'{event}.txt'", "event"),
                     {"t.j2": "{{ event.fields[0].name }}\n"})
    result = run("generate", "--templates", str(pack), catalog, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "(rendering event order.cancelled)" in result.output


HOSTILE = [
    "{{ model.__class__ }}",
    "{{ model.events.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].system('true') }}",
    "{{ model.domain_events.__func__ }}",
    "{{ model.events[0].example.update({'x': 1}) }}",
    "{{ model.events[0].example.clear() }}",
    "{{ 'x' * 100000000 }}",
    "{{ [0] * 100000000 }}",
    "{{ 10 ** 100000 }}",
    "{% for i in range(1000000000) %}{% endfor %}",
    "{% include '../secret.txt' %}",
    "{% include '/etc/passwd' %}",
    "{% include 'link.txt' %}",
    "{{ model.events[0].fields[0].__reduce_ex__(2) }}",
]


@pytest.mark.parametrize("template", HOSTILE)
def test_the_sandbox_refuses_hostile_templates(tmp_path: Path, catalog: str, template: str) -> None:
    (tmp_path / "secret.txt").write_text("secret-content", "utf-8")
    pack = make_pack(tmp_path / "pack", one("t.j2"), {"t.j2": template + "\n"})
    (pack / "link.txt").symlink_to(tmp_path / "secret.txt")
    result = run("generate", "--templates", str(pack), catalog, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"{pack}/t.j2:1: " in result.output
    assert "secret-content" not in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_html_and_xml_outputs_are_autoescaped_others_not(tmp_path: Path, catalog: str) -> None:
    text = "{{ model.events[1].description }}\n"
    pack = make_pack(
        tmp_path / "pack",
        "name: t\nmodel: 1\ntemplates:\n"
        "  - {template: t.j2, path: page.html}\n"
        "  - {template: t.j2, path: feed.xml}\n"
        "  - {template: t.j2, path: notes.txt}\n"
        "  - {template: t.j2, path: raw.html, escape: none}\n"
        "  - {template: t.j2, path: escaped.md, escape: html}\n",
        {"t.j2": text},
    )
    out = tmp_path / "out"
    assert run("generate", "--templates", str(pack), catalog, "--out", str(out)).exit_code == 0
    escaped = "A customer placed an order &lt;script&gt;alert(1)&lt;/script&gt;.\n"
    raw = "A customer placed an order <script>alert(1)</script>.\n"
    for name in ("page.html", "feed.xml", "escaped.md"):
        assert (out / name).read_text() == escaped, name
    for name in ("notes.txt", "raw.html"):
        assert (out / name).read_text() == raw, name


def test_check_lists_stale_missing_and_leftover_files(tmp_path: Path, catalog: str) -> None:
    pack = make_pack(tmp_path / "pack", one("t.j2", "'events/{event}.txt'", "event"),
                     {"t.j2": "{{ model.header }}\n{{ event.name }}\n"})
    out = tmp_path / "out"
    args = ["generate", "--templates", str(pack), catalog, "--out", str(out)]
    missing = run(*args, "--check")
    assert missing.exit_code == 1
    assert f"{out}/events/order.placed.txt: stale" in missing.output
    assert f"registry generate --templates {pack}` again" in missing.output
    assert not out.exists()
    assert run(*args).exit_code == 0
    clean = run(*args, "--check")
    assert clean.exit_code == 0, clean.output
    assert "up to date" in clean.output
    edited = out / "events" / "order.placed.txt"
    edited.write_text(edited.read_text() + "local edit\n")
    leftover = out / "events" / "order.refunded.txt"
    leftover.write_text("Generated by registry 0.0.1 from catalog sha256:0. Do not edit.\n")
    mine = out / "events" / "notes.txt"
    mine.write_text("my own notes\n")
    stale = run(*args, "--check")
    assert stale.exit_code == 1
    assert f"{out}/events/order.placed.txt: stale" in stale.output
    assert f"{out}/events/order.refunded.txt: stale" in stale.output
    assert "notes.txt" not in stale.output
    assert edited.read_text().endswith("local edit\n")
    fixed = run(*args)
    assert fixed.exit_code == 0
    assert f"removed {out}/events/order.refunded.txt" in fixed.output
    assert mine.read_text() == "my own notes\n"
    assert run(*args, "--check").exit_code == 0


def test_a_catalog_with_errors_is_not_rendered(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("domain: x\nevents: [\n", "utf-8")
    pack = make_pack(tmp_path / "pack", one("t.j2"), {"t.j2": "x\n"})
    result = run("generate", "--templates", str(pack), str(tmp_path / "bad.yaml"),
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"not generating the pack {pack}" in result.output
    model = run("generate", "model", str(tmp_path / "bad.yaml"))
    assert model.exit_code == 1


# -- the view model ----------------------------------------------------------------------------

def test_view_model_json_matches_golden(update_goldens: bool) -> None:
    result = run("generate", "model", CATALOG, "--format", "json")
    assert result.exit_code == 0, result.output
    golden = GOLDEN / "model.json"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.output, "utf-8")
    assert result.output == golden.read_text("utf-8")
    model = json.loads(result.output)
    assert model["schema_version"] == SCHEMA_VERSION
    assert json.dumps(model, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == result.output
    names = [e["name"] for e in model["events"]]
    assert sorted(names) == sorted(n for d in model["domains"] for n in d["events"])


def test_templates_see_what_the_model_json_shows(tmp_path: Path, catalog: str) -> None:
    """Every key of the JSON is an attribute a template can read, with the same value."""
    pack = make_pack(tmp_path / "pack", one("t.j2", "view.json"), {
        "t.j2": "{{ {'header': model.header, 'tags': model.sensitivity_tags, "
                "'field': model.events[1].fields[0].name, "
                "'redaction': model.events[1].fields[0].redaction, "
                "'example': model.events[1].example} | json }}\n"})
    out = tmp_path / "out"
    assert run("generate", "--templates", str(pack), catalog, "--out", str(out)).exit_code == 0
    seen = json.loads((out / "view.json").read_text())
    model = json.loads(run("generate", "model", catalog).output)
    event = model["events"][1]
    assert seen == {"header": model["header"], "tags": model["sensitivity_tags"],
                    "field": event["fields"][0]["name"],
                    "redaction": event["fields"][0]["redaction"], "example": event["example"]}
    assert seen["redaction"] == "hash"


@pytest.mark.parametrize("args", [("--templates=pack", "catalog"), ("catalog", "--templates", "pack")])
def test_the_option_may_come_before_or_after_the_catalogs(
    tmp_path: Path, catalog: str, args: tuple[str, ...]
) -> None:
    pack = make_pack(tmp_path / "pack", one("t.j2"), {"t.j2": "{{ model.generator }}\n"})
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = run("generate", *args, "--out", "out")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "out.txt").read_text().startswith("registry ")
    assert pack.is_dir()


def test_the_view_fields_read_without_the_sandbox_checks_hold_data_only() -> None:
    """The sandbox's fast path serves the view's dataclass fields only: none is callable or
    private, so no method or internal escapes the checks through it."""
    from registry.generate.packs.render import VIEW_FIELDS
    from registry.generate.run import BLOCKING, Inputs
    from registry.lint.engine import lint

    from conftest import make_config

    config = make_config(REPO)
    view = Inputs.of(lint((CATALOG,), config, select=BLOCKING), config, None, None).view()
    reached: list[object] = [view, *view.domains, *view.events]
    for event in view.events:
        reached += [*event.fields, *(c for f in event.fields for c in f.constraints)]
        reached += [event.deprecated] if event.deprecated else []
    kinds = {type(o) for o in reached}
    assert len(kinds) == 5  # the built-in catalog deprecates no event
    assert kinds <= {t for t, _ in VIEW_FIELDS}
    for obj in reached:
        for view_type, name in VIEW_FIELDS:
            if type(obj) is view_type:
                assert not name.startswith("_")
                assert not callable(getattr(obj, name)), (view_type, name)

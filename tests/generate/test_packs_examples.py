"""The example packs of examples/packs: their output on the built-in catalog (golden), the Go
constants checked by `go vet` and `gofmt` (and, for hostile names, compiled and run to read
the constants back), the CSV inventory parsed back and compared with the catalog; and the
filters they rely on, property-tested."""

from __future__ import annotations

import ast
import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.catalog.model import Catalog, Redaction, all_fields
from registry.catalog.types import written_redaction
from registry.generate.packs.filters import csv_row, go_string
from registry.generate.packs.manifest import load_pack
from registry.generate.run import generate
from registry.lint.engine import lint
from registry.privacy.policy import redaction_plan
from registry.query.output import FORMULA_STARTS

from conftest import REPO, make_config

CATALOG = str(REPO / "catalog")
PACKS = REPO / "examples" / "packs"
GOLDEN = Path(__file__).parent / "golden" / "packs"
GO_FILE = "auditevents/constants.go"
CSV_FILE = "sensitive-fields.csv"

NESTED = """\
domain: accounts
description: Profile changes, with personal data and secrets nested in objects and lists.
owners: [team-a]
events:
  user.profile_updated:
    description: A user updated their profile.
    category: data_change
    actor: [user]
    targets: [user]
    version: 2
    fields:
      profile:
        type: object
        description: The new profile of the user.
        sensitivity: pii
        fields:
          email: {type: string, format: email, sensitivity: pii, redact: mask, description: Address.}
          locale: {type: string, max_length: 10, description: Preferred language tag.}
          address:
            type: object
            description: Postal address.
            fields:
              city: {type: string, max_length: 40, description: City.}
      contacts:
        type: list
        description: Emergency contacts.
        items:
          type: object
          fields:
            phone: {type: string, max_length: 20, sensitivity: pii, description: Phone number.}
            label: {type: string, max_length: 20, description: Who the contact is.}
            badge:
              type: object
              description: The contact's badge.
              fields:
                number: {type: string, max_length: 20, sensitivity: financial, description: Number.}
      recovery:
        type: object
        sensitivity: credential
        description: Recovery material of the account.
        fields:
          code: {type: string, max_length: 40, description: One-time code.}
          hint:
            type: object
            description: A hint.
            fields:
              text: {type: string, max_length: 40, description: The hint.}
      tags:
        type: list
        description: Labels the user chose.
        items: {type: string, max_length: 20, sensitivity: quasi_identifier}
      "=HYPERLINK(\\"https://example.com\\")":
        type: string
        max_length: 40
        sensitivity: confidential
        description: A field whose name a spreadsheet would run.
      note: {type: string, max_length: 100, description: Free text.}
      nickname: {type: string, max_length: 30, redact: truncate, description: Shown name.}
      medical:
        type: object
        sensitivity: special_category
        description: Health information.
        fields:
          notes: {type: string, max_length: 100, description: Notes.}
"""

HOSTILE_NAMES = """\
domain: weird
description: Event names and field keys no language would choose.
owners: [team-a]
events:
  "weird.quote\\"and\\\\backslash":
    description: "Quotes \\" and backslashes \\\\ and a comment end */ in a description."
    category: data_change
    actor: [user]
    targets: [user]
    fields:
      "\\u043a\\u043b\\u044e\\u0447": {type: string, max_length: 5, description: A Cyrillic key.}
      "=cmd|' /C calc'!A0": {type: string, max_length: 5, sensitivity: pii, description: A formula.}
  "weird.unicode_\\u00e9_\\U0001F600":
    description: "A line\\nbreak and a bidirectional override \\u202e in a description."
    category: data_change
    actor: [user]
    targets: [user]
  "weird.line\\u2028separator":
    description: Separators.
    category: data_change
    actor: [user]
    targets: [user]
  "weird.tab\\tname":
    description: A tab.
    category: data_change
    actor: [user]
    targets: [user]
"""


def render(pack: str, catalog: str, out: Path) -> Path:
    result = generate("templates", (catalog,), make_config(REPO), out,
                      pack=load_pack(str(PACKS / pack)))
    assert result.blocking == (), [f"{f.rule} {f.message}" for f in result.blocking]
    return out


def catalog_dir(root: Path, text: str) -> str:
    (root / "catalog").mkdir(parents=True)
    (root / "catalog" / "domain.yaml").write_text(text, "utf-8")
    return str(root / "catalog")


def resolved(catalog: str) -> Catalog:
    return lint((catalog,), make_config(REPO), select=("Y", "S", "R")).catalog


@pytest.mark.parametrize(("pack", "file"), [("go-constants", GO_FILE), ("csv-inventory", CSV_FILE)])
def test_example_pack_output_matches_golden(
    pack: str, file: str, tmp_path: Path, update_goldens: bool
) -> None:
    out = render(pack, CATALOG, tmp_path)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [file]
    golden = GOLDEN / pack / file
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text((out / file).read_text("utf-8"), "utf-8")
    assert (out / file).read_text("utf-8") == golden.read_text("utf-8")


# -- Go ----------------------------------------------------------------------------------------

def go_tool() -> str:
    found = shutil.which("go")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("go is missing: .ci/run installs Debian's golang-go")
        pytest.skip("go is not installed (Debian: golang-go)")
    return found


@pytest.fixture(scope="module")
def go_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("gohome")
    return {
        **os.environ,
        "HOME": str(home),
        "GOCACHE": str(home / "cache"),
        "GOPATH": str(home / "path"),
        "GOFLAGS": "-mod=mod",
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "GOSUMDB": "off",
        "CGO_ENABLED": "0",
    }


def go(env: dict[str, str], cwd: Path, *args: str) -> str:
    done = subprocess.run([go_tool(), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def go_module(out: Path) -> Path:
    (out / "go.mod").write_text("module example.com/audit\n\ngo 1.19\n", "utf-8")
    return out


def test_go_constants_pass_go_vet_and_gofmt(tmp_path: Path, go_env: dict[str, str]) -> None:
    out = go_module(render("go-constants", CATALOG, tmp_path))
    go(go_env, out, "vet", "./...")
    assert go(go_env, out, "list", "./...").strip() == "example.com/audit/auditevents"
    assert subprocess.run([str(Path(go_tool()).with_name("gofmt")), "-l", "."], cwd=out,
                          env=go_env, capture_output=True, text=True,
                          check=True).stdout == ""


def test_hostile_names_become_go_identifiers_and_literals_that_read_back(
    tmp_path: Path, go_env: dict[str, str]
) -> None:
    catalog = catalog_dir(tmp_path, HOSTILE_NAMES)
    out = go_module(render("go-constants", catalog, tmp_path / "out"))
    go(go_env, out, "vet", "./...")
    source = (out / GO_FILE).read_text("utf-8")
    assert all(c.isprintable() or c in "\n\t" for c in source)  # no bidi override, no U+2028
    assert "\u202e" in HOSTILE_NAMES.encode().decode("unicode_escape")
    constants = [line.split(" = ")[0].strip() for line in source.splitlines()
                 if " = " in line and not line.lstrip().startswith("//")]
    (out / "dump").mkdir()
    (out / "dump" / "main.go").write_text(
        'package main\n\nimport (\n\t"os"\n\n\ta "example.com/audit/auditevents"\n)\n\n'
        "func main() {\n"
        + "".join(f'\tos.Stdout.WriteString(a.{name} + "\\x00")\n' for name in constants)
        + "}\n", "utf-8")
    printed = go(go_env, out, "run", "./dump").split("\x00")[:-1]
    events = resolved(catalog).events
    expected = [e.name for e in sorted(events, key=lambda e: e.name)]
    expected += [f.name for e in sorted(events, key=lambda e: e.name) for f in e.fields]
    assert printed == expected


# -- CSV ---------------------------------------------------------------------------------------

def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))


def cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


NESTED_EXPECTED = [
    # field, type, required, sensitivity, inherited, redaction
    ("profile", "object", "no", "pii", "", "hash"),
    ("profile.email", "string", "no", "pii", "", "hash"),
    ("profile.locale", "string", "no", "", "pii", "hash"),
    ("profile.address", "object", "no", "", "pii", "hash"),
    ("profile.address.city", "string", "no", "", "pii", "hash"),
    ("contacts[].phone", "string", "no", "pii", "", "hash"),
    ("contacts[].badge.number", "string", "no", "financial", "", "mask"),
    ("recovery", "object", "no", "credential", "", "never written"),
    ("recovery.code", "string", "no", "", "credential", "never written"),
    ("recovery.hint", "object", "no", "", "credential", "never written"),
    ("recovery.hint.text", "string", "no", "", "credential", "never written"),
    ("tags[]", "string", "", "quasi_identifier", "", "hash"),
    ("'=HYPERLINK(\"https://example.com\")", "string", "no", "confidential", "", "hash"),
    ("nickname", "string", "no", "", "", "truncate"),
    ("medical", "object", "no", "special_category", "", "drop"),
    ("medical.notes", "string", "no", "", "special_category", "drop"),
]


def test_csv_inventory_of_nested_fields_is_exact(tmp_path: Path) -> None:
    """Members at every depth, in objects and in lists: their own tags, the tags they inherit,
    and what the record holds (a member of a hashed object is hashed; nothing inside a
    credential is written); the field a spreadsheet would run is neutralised."""
    out = render("csv-inventory", catalog_dir(tmp_path, NESTED), tmp_path / "out")
    rows = read_csv(out / CSV_FILE)
    assert {(r["event"], r["domain"], r["event_version"]) for r in rows} == {
        ("user.profile_updated", "accounts", "2")}
    assert [(r["field"], r["type"], r["required"], r["sensitivity"], r["inherited"],
             r["redaction"]) for r in rows] == NESTED_EXPECTED


@pytest.mark.parametrize("source", ["builtin", "nested", "hostile"])
def test_csv_inventory_lists_every_sensitive_top_level_field(tmp_path: Path, source: str) -> None:
    """Compared with the resolved catalog and its redaction plans: every top-level field that
    is tagged or redacted (and no other) has a row, with its tags and redaction; every
    event's row carries its domain and version; no row names an unknown event."""
    catalog = {"builtin": CATALOG, "nested": catalog_dir(tmp_path / "n", NESTED),
               "hostile": catalog_dir(tmp_path / "h", HOSTILE_NAMES)}[source]
    rows = read_csv(render("csv-inventory", catalog, tmp_path / "out") / CSV_FILE)
    config = make_config(REPO)
    events = {e.name: e for e in resolved(catalog).events}
    expected = set()
    for event in events.values():
        for field in event.fields:
            plan = redaction_plan(field, config)
            redaction = written_redaction(field.type, plan).value
            if plan.credential:
                redaction = "never written"
            if field.sensitivity or redaction != Redaction.NONE.value:
                expected.add((event.name, cell(field.name), " ".join(sorted(field.sensitivity)),
                              redaction))
    top = {(r["event"], r["field"], r["sensitivity"], r["redaction"]) for r in rows
           if r["field"] in {cell(f.name) for f in events[r["event"]].fields}}
    assert top == expected
    assert expected
    for row in rows:
        event = events[row["event"]]
        assert (row["domain"], row["event_version"]) == (event.domain, str(event.version))
    tagged = {(e.name, f.name) for e in events.values() for f in all_fields(e.fields)
              if f.sensitivity}
    listed = {(r["event"], r["field"].rsplit(".", 1)[-1].removeprefix("'")) for r in rows}
    assert {(e, n.removeprefix("'")) for e, n in tagged} <= listed | {
        (e, n) for e, n in tagged if "." in n}


# -- the filters -------------------------------------------------------------------------------

@given(st.text().filter(lambda t: not any(0xD800 <= ord(c) <= 0xDFFF for c in t)))
def test_go_string_is_an_ascii_literal_of_the_same_text(text: str) -> None:
    """Go's and Python's `\\"`, `\\\\`, `\\u` and `\\U` escapes mean the same."""
    literal = go_string(text)
    assert literal.isascii()
    assert literal.isprintable()
    assert ast.literal_eval(literal) == text


def test_go_string_writes_a_lone_surrogate_as_bytes() -> None:
    assert go_string("a\ud800") == '"a\\xed\\xa0\\x80"'


@given(st.lists(st.one_of(st.text(), st.integers(), st.lists(st.text(alphabet="ab", min_size=1)))))
def test_csv_row_reads_back_with_formulas_neutralised(cells: list[object]) -> None:
    line = csv_row(cells)
    parsed = next(csv.reader(io.StringIO(line, newline=""))) if cells else []
    expected = [" ".join(c) if isinstance(c, list) else str(c) for c in cells]
    expected = [cell(c) if not isinstance(original, int) else c
                for c, original in zip(expected, cells, strict=True)]
    assert parsed == expected

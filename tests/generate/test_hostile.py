"""Hostile catalog text can never break or inject into generated code.

Catalogs carry hostile text (quotes, backslashes, triple quotes, Jinja delimiters, newlines,
control characters, bidirectional controls, `</script>`, code) in every free-text position:
file, type, event and field descriptions, owners, enum values, patterns, examples,
deprecation reasons, target types, suppression reasons, metadata. The lint must not crash on
them, and when the catalog generates:

- every generated module compiles, and has the same syntax tree as the code generated from the
  same catalog with each hostile text replaced by a plain word (so the text only ever ends up
  inside string literals and docstrings), with only imports, assignments, classes and functions
  at the top level and no reference to `os`, `system`, `eval`, `exec` ...;
- the source holds no raw control or bidirectional characters (they are escaped);
- the package imports, and an event goes through the facade into a MemorySink with the hostile
  enum value (and pattern-matched text, and target type) intact, and validates against the
  generated JSON Schema.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import re
import unicodedata
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from gen_helpers import KEY, fresh_name, generate_schemas, imported, write_catalog
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from registry.generate.literals import docstring_body, py_literal
from registry.generate.run import generate
from registry.lint.engine import lint
from registry_runtime import Actor, MemorySink, Target

from conftest import REPO, make_config

FRAGMENTS = [
    '"', "'", "\\", '"""', "'''", '\\"""', "{{ x }}", "{% if x %}", "{# c #}", "{{", "%}",
    "\n", "\r\n", "\r", "\t", "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9b",
    "\u2028", "\u2029", "\ufeff", "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u200e",
    "\u061c", "</script>", "<!--", "]]>", "# ", "# type: ignore", ")", "]", "}", "\\N{BULLET}",
    "\\x41", "\\u0041", "\\\n", '__import__("os").system("echo pwned")',
    'import os\nos.system("echo pwned")', '"; import os; "', "'; import os; '", '"""; exec("x")',
    "é", "𝄞", "\U0001f600", "ﬁ", "a\u0301", " ", "   ", "---", "...", "&anchor", "*alias",
    "!!python/object", "%", "{}", "{0}", "%s", "$(rm -rf /)", "`id`", "\\\\", "\ufffd",
]
"""Each holds a character that is not a letter or digit, so no text made with one of them can
be mistaken for a plain word of the twin catalog."""

FORBIDDEN_NAMES = {"os", "system", "eval", "exec", "__import__", "compile", "open",
                   "subprocess", "breakpoint", "getattr", "globals", "pwned"}
FORBIDDEN_ATTRIBUTES = {"os", "system", "popen", "eval", "exec", "__import__", "pwned"}
ALLOWED_IMPORTS = {"__future__", "re", "collections.abc", "datetime", "typing", "uuid",
                   "registry_runtime", "registry_runtime.checks", "registry_runtime.patterns"}
TOP_LEVEL = (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign, ast.ClassDef,
             ast.FunctionDef)
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# no lone surrogates: YAML cannot carry them (see test_lone_surrogates_are_refused_by_yaml)
plain_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
hostile = st.builds(
    lambda first, rest: first + "".join(rest),
    st.sampled_from(FRAGMENTS),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), plain_text), max_size=4),
)
reason_codes = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)


@dataclasses.dataclass(frozen=True)
class Texts:
    """The free text of one catalog (everything else is fixed)."""

    file_description: str
    owner: str
    type_description: str
    event_description: str
    kind_description: str
    values: tuple[str | int, ...]
    code_text: str
    """The `code` field's pattern is re.escape(code_text), so code_text matches it."""
    code_description: str
    examples: tuple[str, ...]
    deprecated_reason: str
    target_type: str
    inner_value: str
    suppression_reason: str
    metadata: str
    failure_reasons: tuple[str, ...]

    def twin(self) -> Texts:
        """The same catalog with every hostile text replaced by a plain word (same text, same
        word), and the failure reasons and integers kept."""
        words: dict[str, str] = {}

        def plain(text: str) -> str:
            return words.setdefault(text, f"plain{len(words)}")

        changes: dict[str, Any] = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.name == "failure_reasons":
                continue
            if isinstance(value, tuple):
                changes[field.name] = tuple(plain(v) if isinstance(v, str) else v for v in value)
            else:
                changes[field.name] = plain(value)
        return dataclasses.replace(self, **changes)


texts = st.builds(
    Texts,
    file_description=hostile,
    owner=hostile,
    type_description=hostile,
    event_description=hostile,
    kind_description=hostile,
    values=st.tuples(hostile, st.lists(st.one_of(hostile, st.integers(-5, 5)), max_size=2))
    .map(lambda v: tuple(dict.fromkeys((v[0], *v[1])))),  # the first is text; all distinct
    code_text=hostile,
    code_description=hostile,
    examples=st.lists(hostile, max_size=2).map(tuple),
    deprecated_reason=hostile,
    target_type=hostile,
    inner_value=hostile,
    suppression_reason=hostile,
    metadata=hostile,
    failure_reasons=st.lists(reason_codes, min_size=1, max_size=3, unique=True).map(tuple),
)


def catalog(t: Texts) -> dict[str, Any]:
    return {
        "domain": "hostile",
        "description": t.file_description,
        "owners": [t.owner],
        "x-note": t.metadata,
        "types": {
            "hostile_code": {
                "type": "string",
                "max_length": 2000,
                "pattern": re.escape(t.code_text),
                "description": t.type_description,
                "examples": list(t.examples),
            },
        },
        "lint": {"ignore": [{"rule": "L", "reason": "why " + t.suppression_reason}]},
        "events": {
            "item.counted": {
                "description": t.event_description,
                "category": "data_change",
                "actor": ["user"],
                "targets": [t.target_type],
                "outcomes": ["success", "failure"],
                "failure_reasons": list(t.failure_reasons),
                "metadata": {"note": t.metadata, t.metadata: [t.owner]},
                "fields": {
                    "kind": {
                        "type": "enum",
                        "values": list(t.values),
                        "required": True,
                        "description": t.kind_description,
                        "examples": [t.values[0]],
                    },
                    "code": {"type": "hostile_code", "description": t.code_description},
                    "spot": {
                        "type": "object",
                        "description": t.code_description,
                        "fields": {
                            "inner": {
                                "type": "enum",
                                "values": [t.inner_value],
                                "description": t.kind_description,
                            },
                        },
                    },
                    "old_note": {
                        "type": "string",
                        "max_length": 10,
                        "description": t.event_description,
                        "deprecated": {"reason": t.deprecated_reason},
                    },
                },
            },
            "item.recounted": {
                "description": t.event_description,
                "category": "data_change",
                "actor": ["user"],
                "targets": [],
                "deprecated": {
                    "reason": t.deprecated_reason,
                    "replaced_by": "item.counted",
                    "since": t.metadata,
                },
                "fields": {"tally": {"type": "integer", "description": t.type_description}},
            },
        },
    }


# -- checks of generated source ------------------------------------------------------------------

def shape(source: str) -> str:
    """The syntax tree with every string constant replaced: equal shapes, equal code.

    A one-item subscript wrapped with the formatter's trailing comma (`Literal["...",]`, for a
    long value) is a one-item tuple to `ast`; it means the same as `Literal["..."]`.
    """
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = "S"
        elif (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Tuple)
              and len(node.slice.elts) == 1):
            node.slice = node.slice.elts[0]
    return ast.dump(tree)


def check_source(path: Path) -> None:
    source = path.read_text("utf-8")
    compile(source, str(path), "exec")
    tree = ast.parse(source)
    body = tree.body
    assert isinstance(body[0], ast.Expr)
    assert isinstance(body[0].value, ast.Constant)
    assert isinstance(body[0].value.value, str)
    for statement in body[1:]:
        assert isinstance(statement, TOP_LEVEL), ast.dump(statement)[:200]
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            assert node.id not in FORBIDDEN_NAMES, node.id
        elif isinstance(node, ast.Attribute):
            assert node.attr not in FORBIDDEN_ATTRIBUTES, node.attr
        elif isinstance(node, ast.ImportFrom) and node.level == 0:  # not the package's own
            assert node.module in ALLOWED_IMPORTS, node.module
        elif isinstance(node, ast.Import):
            assert {alias.name for alias in node.names} <= ALLOWED_IMPORTS
    for char in source:
        if char in "\n\t":
            continue
        assert unicodedata.category(char) not in ("Cc", "Zl", "Zp"), repr(char)
        assert char not in BIDI, repr(char)
        assert char != "\ufeff"


def generate_pair(tmp: Path, t: Texts) -> tuple[Path, str] | None:
    """Lint and generate the hostile catalog and its twin; compare the code. None when the
    hostile catalog does not generate (then its twin must not either)."""
    config = make_config(REPO)
    path = write_catalog(tmp / "hostile", "hostile.yaml", catalog(t))
    twin = write_catalog(tmp / "twin", "hostile.yaml", catalog(t.twin()))
    for parser in ("yaml-rs", "pyyaml"):  # never an exception, whatever the text
        lint((path,), dataclasses.replace(config, parser=parser))
    package = fresh_name("hostile")
    out, twin_out = tmp / "out", tmp / "twin_out"
    result = generate("python", (path,), config, out, package=package)
    twin_result = generate("python", (twin,), config, twin_out, package=package)
    assert twin_result.blocking == (), [f.message for f in twin_result.blocking]
    assert result.blocking == (), [f"{f.rule} {f.message}" for f in result.blocking]
    modules = sorted((out / package).glob("*.py"))
    assert [m.name for m in modules] == ["__init__.py", "_runtime.py", "audit_log.py", "hostile.py", "types.py"]
    for module in modules:
        check_source(module)
        twin_source = (twin_out / package / module.name).read_text("utf-8")
        assert shape(module.read_text("utf-8")) == shape(twin_source), module.name
    return out, package


def round_trip(out: Path, package: str, t: Texts, schemas: dict[str, dict[str, Any]]) -> None:
    with imported(out, package) as generated:
        sink = MemorySink()
        audit = generated.AuditLog(sink, hmac_key=KEY)
        record = audit.item_counted(
            actor=Actor(type="user", id="u_1"),
            kind=t.values[0],
            code=t.code_text,
            spot={"inner": t.inner_value},
            targets=[Target(type=t.target_type, id="t_1")],
            outcome="failure",
            reason=t.failure_reasons[0],
        )
        assert record["fields"] == {"kind": t.values[0], "code": t.code_text,
                                    "spot": {"inner": t.inner_value}}
        assert record["targets"] == [{"type": t.target_type, "id": "t_1"}]
        assert orjson.loads(sink.lines[0]) == record
        validator = jsonschema.Draft202012Validator(
            schemas["item.counted"], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        validator.validate(record)
        module = importlib.import_module(package + ".hostile")
        assert module.SPEC_ITEM_COUNTED.name == "item.counted"
        assert module.SPEC_ITEM_COUNTED.target_types == frozenset({t.target_type})


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(t=texts)
@example(t=Texts(
    file_description='"""\nimport os\nos.system("echo pwned")\n"""',
    owner="team\\", type_description="ends in a backslash\\",
    event_description='"""\nimport os\nos.system("echo pwned")\n"""',
    kind_description="C:\\temp\\", values=('"; import os; "', "'; import os; '", 7),
    code_text='"""', code_description="\\", examples=("{{ 7 * 7 }}",),
    deprecated_reason="{% include '/etc/passwd' %}", target_type="</script><script>x",
    inner_value="\u202eevil\u202c", suppression_reason="\x00\x1b[2J", metadata="\r\n",
    failure_reasons=("not_permitted",)))
def test_hostile_text_stays_text(tmp_path_factory: pytest.TempPathFactory, t: Texts) -> None:
    tmp = tmp_path_factory.mktemp("hostile")
    generated = generate_pair(tmp, t)
    assert generated is not None
    out, package = generated
    schemas = generate_schemas(tmp / "schemas", (str(tmp / "hostile" / "hostile.yaml"),))
    assert schemas["item.counted"]["properties"]["fields"]["properties"]["kind"]["enum"] == list(
        t.values)
    round_trip(out, package, t, schemas)


# -- explicit cases ------------------------------------------------------------------------------

BASE = Texts(
    file_description="Inventory events.", owner="inventory-team",
    type_description="A code.", event_description="A worker counted an item.",
    kind_description="The kind.", values=("plain",), code_text="SKU-1",
    code_description="The code.", examples=(), deprecated_reason="Superseded.",
    target_type="item", inner_value="shelf", suppression_reason="not needed",
    metadata="none", failure_reasons=("shelf_missing",))

PWNED = '"""\nimport os\nos.system("echo pwned")\n"""'


def test_docstring_breakout_is_inert(tmp_path: Path) -> None:
    t = dataclasses.replace(BASE, event_description=PWNED, file_description=PWNED)
    generated = generate_pair(tmp_path, t)
    assert generated is not None
    out, package = generated
    with imported(out, package):
        module = importlib.import_module(package + ".hostile")
        assert 'os.system("echo pwned")' in module.__doc__
        audit_log = importlib.import_module(package + ".audit_log")
        assert 'os.system("echo pwned")' in audit_log.AuditLog.item_counted.__doc__
    round_trip(out, package, t, generate_schemas(tmp_path / "schemas",
                                                 (str(tmp_path / "hostile" / "hostile.yaml"),)))


def test_description_ending_in_a_backslash(tmp_path: Path) -> None:
    t = dataclasses.replace(BASE, kind_description="a path like C:\\temp\\",
                            code_description="\\", event_description="ends in \\")
    generated = generate_pair(tmp_path, t)
    assert generated is not None
    out, package = generated
    source = (out / package / "audit_log.py").read_text("utf-8")
    assert "a path like C:\\\\temp\\\\" in source  # escaped, so no line continuation
    with imported(out, package) as module:
        assert "kind (enum; required; one of plain): a path like C:\\temp\\" in (
            module.AuditLog.item_counted.__doc__)


def test_enum_value_closing_the_string(tmp_path: Path) -> None:
    value = '"; import os; "'
    t = dataclasses.replace(BASE, values=(value, "'; import os; '"), code_text=value)
    generated = generate_pair(tmp_path, t)
    assert generated is not None
    out, package = generated
    round_trip(out, package, t, generate_schemas(tmp_path / "schemas",
                                                 (str(tmp_path / "hostile" / "hostile.yaml"),)))
    with imported(out, package) as module:
        audit = module.AuditLog(MemorySink(), hmac_key=KEY)
        with pytest.raises(module.InvalidEvent) as caught:
            audit.item_counted(actor=Actor(type="user", id="u_1"), kind="import os")
        assert str(caught.value) == (
            "item.counted: kind: must be one of: \"; import os; \", '; import os; '")


def test_bidirectional_controls_are_escaped_in_docstrings(tmp_path: Path) -> None:
    t = dataclasses.replace(BASE, event_description="admin\u202e\u2066 //check\u2069\u202c",
                            kind_description="\u200fRTL\u061c")
    generated = generate_pair(tmp_path, t)
    assert generated is not None
    out, package = generated
    source = (out / package / "audit_log.py").read_text("utf-8")
    assert "admin\\u202e\\u2066 //check\\u2069\\u202c" in source
    with imported(out, package) as module:
        assert "admin\u202e\u2066 //check\u2069\u202c" in module.AuditLog.item_counted.__doc__


def test_lone_surrogates_are_refused_by_yaml(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.yaml"
    path.write_text('domain: hostile\ndescription: "lone \\uD800 surrogate"\nevents: {}\n',
                    "utf-8")
    config = make_config(REPO)
    for parser in ("yaml-rs", "pyyaml"):
        result = lint((str(path),), dataclasses.replace(config, parser=parser))
        assert [f.rule for f in result.findings] == ["Y001"]
    result = generate("python", (str(path),), config, tmp_path / "out")
    assert [f.rule for f in result.blocking] == ["Y001"]
    assert not (tmp_path / "out").exists()


# -- the two escaping functions, on any text -----------------------------------------------------

any_text = st.text(st.characters(exclude_categories=("Cs",)))


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(any_text, hostile))
def test_py_literal_round_trips(text: str) -> None:
    literal = py_literal(text)
    assert "\n" not in literal
    assert "\r" not in literal
    assert ast.literal_eval(literal) == text


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(any_text, hostile))
def test_docstring_body_cannot_end_the_docstring(text: str) -> None:
    body = docstring_body(text)
    tree = ast.parse(f'def f():\n    """{body}"""\n    return 1\n')
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    assert len(function.body) == 2  # the docstring and the return: nothing got out
    docstring = ast.get_docstring(function, clean=False)
    assert docstring == "\n".join(line.rstrip() for line in text.strip().splitlines())

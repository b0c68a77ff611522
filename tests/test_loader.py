"""Hostile and surprising input for the loader: every case runs with both parsers, which
must report the same Y/S findings at the same line and column."""

from __future__ import annotations

import dataclasses
import math
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml_rs

from registry.catalog.loading.compose import compose
from registry.lint.engine import LintResult, lint

from conftest import REPO, lint_text, make_config, triples

PARSERS = ("yaml-rs", "pyyaml")
YS = ("Y", "S")

HEAD = "description: Test catalog.\nowners: [team]\n"
EVENT = (
    "events:\n"
    "  user.created_thing:\n"  # line 4
    "    description: A user created a thing in the system.\n"  # line 5
    "    category: deployment\n"  # line 6
    "    actor: [user]\n"  # line 7
    "    targets: [release]\n"  # line 8
)
CATALOG = HEAD + EVENT


def both(tmp_path: Path, text: str, **kwargs: Any) -> list[tuple[str, int, int]]:
    """Lint `text` with each parser; assert they agree and return the (code, line, col)s."""
    results = {}
    for parser in PARSERS:
        directory = tmp_path / parser
        directory.mkdir(parents=True)
        results[parser] = triples(lint_text(directory, text, parser=parser, select=YS, **kwargs))
    assert results["yaml-rs"] == results["pyyaml"]
    return results["pyyaml"]


def both_results(tmp_path: Path, text: str) -> dict[str, LintResult]:
    results = {}
    for parser in PARSERS:
        directory = tmp_path / parser
        directory.mkdir(parents=True)
        results[parser] = lint_text(directory, text, parser=parser, select=YS)
    assert triples(results["yaml-rs"]) == triples(results["pyyaml"])
    return results


def lint_paths(
    directory: Path, paths: tuple[str, ...], parser: str, config_yaml: str | None = None
) -> LintResult:
    config = dataclasses.replace(make_config(directory, config_yaml), parser=parser)
    cwd = os.getcwd()
    os.chdir(directory)
    try:
        return lint(paths, config, select=YS)
    finally:
        os.chdir(cwd)


def only(result: LintResult) -> Any:
    (finding,) = result.findings
    return finding


# -- YAML syntax ---------------------------------------------------------------------------

SYNTAX = [
    ("unclosed flow mapping", "events: {a.b: {}\n", [("Y001", 2, 1)]),
    ("unclosed flow sequence", "owners: [a, b\ndescription: x\n", [("Y001", 2, 12)]),
    ("flow sequence closed with }", "owners: [a, b}\n", [("Y001", 1, 14)]),
    ("key indented under a scalar", "description: x\n  owners: [a]\n", [("Y001", 2, 9)]),
    (
        "dedented key inside an event",
        "events:\n  a.b:\n    description: x\n   category: y\n",
        [("Y001", 4, 4)],
    ),
    ("unterminated double quote", 'description: "abc\n', [("Y001", 2, 1)]),
    ("unterminated single quote", "description: 'abc\nowners: [a]\n", [("Y001", 3, 1)]),
    ("unknown alias", "description: *nothing\n", [("Y001", 1, 14)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SYNTAX], ids=[c[0] for c in SYNTAX])
def test_syntax_errors_are_located(tmp_path: Path, text: str, expected: list[Any]) -> None:
    assert both(tmp_path, text) == expected


def test_syntax_error_message_says_what_is_wrong(tmp_path: Path) -> None:
    for result in both_results(tmp_path, "owners: [a, b\ndescription: x\n").values():
        assert "did not find expected ',' or ']'" in only(result).message


def test_syntax_error_on_the_first_line_is_not_also_an_empty_file(tmp_path: Path) -> None:
    # The file holds a document that cannot be read: no extra "holds no YAML document" (Y007).
    assert both(tmp_path, '"abc') == [("Y001", 1, 5)]


def test_yaml_rs_error_says_what_is_wrong(tmp_path: Path) -> None:
    # Continuation lines of a quoted scalar must be indented past the key (YAML 1.2, 7.5).
    # yaml-rs refuses this; libyaml lets it through, so the pyyaml parser reports nothing.
    text = CATALOG.replace(
        "description: A user created a thing in the system.",
        'description: "A user created\n    a thing."',
    )
    result = lint_text(tmp_path, text, parser="yaml-rs", select=YS)
    assert triples(result) == [("Y001", 6, 5)]
    assert only(result).message == "YAML error: invalid indentation in multiline quoted scalar"


# -- duplicate keys -------------------------------------------------------------------------

DUPLICATES = [
    ("top level", HEAD + "owners: [other]\n", ("Y002", 3, 1), "'owners'", 2, 3),
    (
        "event name",
        CATALOG + "  user.created_thing:\n    description: Again.\n",
        ("Y002", 9, 3),
        "'user.created_thing'",
        4,
        9,
    ),
    ("key in an event", CATALOG + "    category: security\n", ("Y002", 9, 5), "'category'", 6, 9),
    (
        "key in a field",
        CATALOG + "    fields:\n      size:\n        type: integer\n        type: string\n",
        ("Y002", 12, 9),
        "'type'",
        11,
        12,
    ),
    (
        "field in an event",
        CATALOG + "    fields:\n      size: integer\n      size: string\n",
        ("Y002", 11, 7),
        "'size'",
        10,
        11,
    ),
    (
        "field of a nested object field",
        CATALOG
        + "    fields:\n      meta:\n        type: object\n        fields:\n"
        + "          a: string\n          b: integer\n          a: string\n",
        ("Y002", 15, 11),
        "'a'",
        13,
        15,
    ),
    (
        "flow mapping, after non-ASCII text (columns count characters)",
        HEAD + "events:\n  user.created_thing: {description: é, description: x}\n",
        ("Y002", 4, 40),
        "'description'",
        4,
        4,
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "key", "first", "again"),
    [c[1:] for c in DUPLICATES],
    ids=[c[0] for c in DUPLICATES],
)
def test_duplicate_keys_at_every_level(
    tmp_path: Path, text: str, expected: tuple[str, int, int], key: str, first: int, again: int
) -> None:
    for result in both_results(tmp_path, text).values():
        finding = only(result)
        assert (finding.rule, finding.line, finding.column) == expected
        assert key in finding.message
        assert f"first defined on line {first}, again on line {again}" in finding.message


# -- resource limits -------------------------------------------------------------------------

LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    for parser in PARSERS:
        directory = tmp_path / parser
        directory.mkdir()
        start = time.perf_counter()
        result = lint_text(directory, LAUGHS, parser=parser, select=YS)
        elapsed = time.perf_counter() - start
        # A guard against expanding 9**9 nodes, not a benchmark.
        assert elapsed < 2, f"{parser}: {elapsed:.2f} s"
        # `g` holds 9 aliases of ~10**6 nodes each; the third one passes 2,000,000 nodes.
        assert triples(result) == [("Y008", 7, 16)]
        assert "alias" in only(result).message


DEEP = [
    ("flow sequences", "description: " + "[" * 10_000 + "]" * 10_000 + "\n", [("Y009", 1, 77)]),
    ("unclosed flow sequences", "description: " + "[" * 10_000 + "\n", [("Y009", 1, 77)]),
    ("flow mappings", "description: " + "{a: " * 10_000 + "x" + "}" * 10_000, [("Y009", 1, 266)]),
    ("block sequences", "description:\n  " + "- " * 10_000 + "x\n", [("Y009", 2, 129)]),
    (
        "block mappings",
        "".join(" " * depth + f"k{depth}:\n" for depth in range(100)),
        [("Y009", 65, 65)],
    ),
    # Deeper than the limit but shallow enough for yaml-rs: it must still be Y009.
    ("100 flow sequences", "description: " + "[" * 100 + "]" * 100 + "\n", [("Y009", 1, 77)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DEEP], ids=[c[0] for c in DEEP])
def test_deep_nesting_is_refused_without_recursion(
    tmp_path: Path, text: str, expected: list[Any]
) -> None:
    assert both(tmp_path, text) == expected


def test_nesting_at_the_depth_limit_is_accepted(tmp_path: Path) -> None:
    text = "".join(" " * depth + f"k{depth}:\n" for depth in range(64))
    assert both(tmp_path, text) == [("S001", 1, 1)]  # k0 is not a catalog key; no Y009


@pytest.mark.parametrize("parser", PARSERS)
def test_very_deep_block_nesting_does_not_crash_the_process(tmp_path: Path, parser: str) -> None:
    # yaml-rs recurses on block collections until the C stack overflows (a segfault, not
    # an exception), so this runs in a child process to report a crash as a failure.
    (tmp_path / "deep.yaml").write_text("description:\n  " + "- " * 100_000 + "x\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "registry",
            "lint",
            "--parser",
            parser,
            "--select",
            "Y",
            "deep.yaml",
        ],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 1, done.stderr
    assert "deep.yaml:2:129: Y009" in done.stdout


@pytest.mark.parametrize("parser", PARSERS)
def test_file_over_the_size_limit(tmp_path: Path, parser: str) -> None:
    (tmp_path / "big.yaml").write_text(HEAD + "x-padding: " + "x" * 1_000 + "\n")
    result = lint_paths(tmp_path, ("big.yaml",), parser, "limits: {max_file_bytes: 1000}\n")
    assert triples(result) == [("Y004", 1, 1)]
    assert "limit is 1,000" in only(result).message


@pytest.mark.parametrize("parser", PARSERS)
def test_file_at_the_size_limit_is_read(tmp_path: Path, parser: str) -> None:
    text = HEAD + "x-padding: "
    text += "x" * (1000 - len(text) - 1) + "\n"
    (tmp_path / "exact.yaml").write_text(text)
    assert len(text.encode()) == 1000
    result = lint_paths(tmp_path, ("exact.yaml",), parser, "limits: {max_file_bytes: 1000}\n")
    assert triples(result) == []


# -- encoding ----------------------------------------------------------------------------------

ENCODING = [
    ("latin-1 byte", b"description: ok\nowners: [caf\xe9]\n", (2, 13), "byte 0xe9"),
    # Columns count characters: the two-byte e-acute before the bad byte is one column.
    ("after a multibyte character", "owners: [é".encode() + b"\xff]\n", (1, 11), "byte 0xff"),
    ("truncated sequence", b"description: \xe2\x82\n", (1, 14), "byte 0xe2"),
    ("UTF-16", "description: x\n".encode("utf-16"), (1, 1), "not valid UTF-8"),
    ("NUL", b"description: a\x00b\n", (1, 15), "NUL"),
]


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    ("raw", "position", "message"), [c[1:] for c in ENCODING], ids=[c[0] for c in ENCODING]
)
def test_bytes_that_are_not_utf8_text(
    tmp_path: Path, parser: str, raw: bytes, position: tuple[int, int], message: str
) -> None:
    (tmp_path / "bad.yaml").write_bytes(raw)
    result = lint_paths(tmp_path, ("bad.yaml",), parser)
    assert triples(result) == [("Y005", *position)]
    assert message in only(result).message


@pytest.mark.parametrize("parser", PARSERS)
def test_utf8_byte_order_mark_is_accepted(tmp_path: Path, parser: str) -> None:
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + CATALOG.encode())
    assert triples(lint_paths(tmp_path, ("bom.yaml",), parser)) == []
    # ... and does not shift columns on the first line.
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbfdescription: 5\nowners: [team]\n")
    assert triples(lint_paths(tmp_path, ("bom.yaml",), parser)) == [("S002", 1, 14)]


def test_control_characters_are_located(tmp_path: Path) -> None:
    text = HEAD + "x-note: 'bell \x07 here'\n"
    assert both(tmp_path, text) == [("Y001", 3, 15)]
    for result in both_results(tmp_path / "again", text).values():
        assert "U+0007" in only(result).message


def test_tab_in_indentation(tmp_path: Path) -> None:
    text = HEAD + "events:\n\tuser.created_thing: {}\n"
    assert both(tmp_path / "a", text) == [("Y006", 4, 1)]
    assert both(tmp_path / "b", CATALOG + "\t  category: x\n") == [("Y006", 9, 1)]
    # A tab on the first line: only Y006, not also "no YAML document".
    assert both(tmp_path / "c", "\tdescription: x\n") == [("Y006", 1, 1)]


def test_tab_after_a_value_is_not_indentation(tmp_path: Path) -> None:
    assert both(tmp_path, CATALOG.replace("category: deployment", "category: deployment\t")) == []


# -- empty documents, tags, documents, keys ------------------------------------------------------

EMPTY = [
    ("empty file", ""),
    ("whitespace only", "  \n\n"),
    ("comment only", "# nothing here yet\n"),
    ("null", "null\n"),
    ("tilde", "~\n"),
    ("bare document marker", "---\n"),
]


@pytest.mark.parametrize("text", [c[1] for c in EMPTY], ids=[c[0] for c in EMPTY])
def test_empty_documents(tmp_path: Path, text: str) -> None:
    assert both(tmp_path, text) == [("Y007", 1, 1)]


def test_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = HEAD + f"x-run: !!python/object/apply:os.system ['touch {marker}']\n"
    for result in both_results(tmp_path, text).values():
        assert triples(result) == [("Y003", 3, 8)]
        assert "python/object/apply:os.system" in only(result).message
    assert not marker.exists()


TAGS = [
    ("custom tag on a value", HEAD + "x-thing: !foo bar\n", [("Y003", 3, 10)]),
    ("custom tag on a mapping", HEAD + "x-thing: !foo {a: 1}\n", [("Y003", 3, 10)]),
    ("custom tag on the document", "!foo\ndescription: x\n", [("Y003", 1, 1)]),
    ("python name tag", "description: !!python/name:os.system\n", [("Y003", 1, 14)]),
    ("value that does not fit its tag", "description: !!int abc\n", [("Y003", 1, 14)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TAGS], ids=[c[0] for c in TAGS])
def test_unsafe_tags(tmp_path: Path, text: str, expected: list[Any]) -> None:
    assert both(tmp_path, text) == expected


def test_core_tags_are_allowed(tmp_path: Path) -> None:
    text = HEAD.replace("description: Test catalog.", "description: !!str 1.10")
    assert both(tmp_path, text) == []


MULTIPLE = [
    ("two documents", "description: a\n---\ndescription: b\n", [("Y010", 2, 1)]),
    ("explicit first marker", "---\ndescription: a\n---\ndescription: b\n", [("Y010", 3, 1)]),
    ("second marker with a comment", "description: a\n--- # b\ndescription: b\n", [("Y010", 2, 1)]),
    ("empty second document", "description: a\n---\n", [("Y010", 2, 1)]),
    # libyaml (the reference) wants `---` after `...` before another document.
    ("end marker then more", "description: a\n...\ndescription: b\n", [("Y001", 3, 1)]),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in MULTIPLE], ids=[c[0] for c in MULTIPLE]
)
def test_multiple_documents(tmp_path: Path, text: str, expected: list[Any]) -> None:
    assert both(tmp_path, text) == expected


def test_single_document_with_markers_is_fine(tmp_path: Path) -> None:
    assert both(tmp_path, "---\n" + CATALOG + "...\n") == []


KEYS = [
    ("integer key", HEAD + "events:\n  1: {}\n", [("Y011", 4, 3)], "int"),
    ("float key", HEAD + "events:\n  1.5: {}\n", [("Y011", 4, 3)], "float"),
    ("boolean key", HEAD + "events:\n  true: {}\n", [("Y011", 4, 3)], "bool"),
    ("null key", HEAD + "events:\n  null: {}\n", [("Y011", 4, 3)], "null"),
    ("tilde key", HEAD + "events:\n  ~: {}\n", [("Y011", 4, 3)], "null"),
    ("key in a field", CATALOG + "    fields:\n      404: string\n", [("Y011", 10, 7)], "int"),
    ("flow sequence as key", HEAD + "events:\n  [a, b]: {}\n", [("Y011", 4, 3)], "collection"),
    ("mapping as key", HEAD + "events:\n  ? {a: [1]}\n  : {}\n", [("Y011", 4, 5)], "collection"),
    ("block mapping as key", "? x:\n    e: 1\n: c\n", [("Y011", 1, 3)], "collection"),
]


@pytest.mark.parametrize(
    ("text", "expected", "named"), [c[1:] for c in KEYS], ids=[c[0] for c in KEYS]
)
def test_keys_that_are_not_strings(
    tmp_path: Path, text: str, expected: list[Any], named: str
) -> None:
    for result in both_results(tmp_path, text).values():
        assert triples(result) == expected
        assert named in only(result).message


def test_yaml_12_words_are_string_keys(tmp_path: Path) -> None:
    text = CATALOG + "    fields:\n      yes: string\n      no: string\n      on: string\n"
    assert both(tmp_path, text) == []


# -- paths ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("parser", PARSERS)
def test_directory_without_catalogs(tmp_path: Path, parser: str) -> None:
    empty = tmp_path / "empty"
    (empty / ".hidden").mkdir(parents=True)
    (empty / "notes.txt").write_text("not a catalog\n")
    (empty / ".hidden" / "skipped.yaml").write_text(CATALOG)
    result = lint_paths(tmp_path, ("empty",), parser)
    assert [(f.path, f.rule, f.line, f.column) for f in result.findings] == [
        ("empty", "Y013", 1, 1)
    ]


@pytest.mark.parametrize("parser", PARSERS)
def test_missing_path(tmp_path: Path, parser: str) -> None:
    result = lint_paths(tmp_path, ("nowhere.yaml",), parser)
    assert [(f.path, f.rule, f.line, f.column) for f in result.findings] == [
        ("nowhere.yaml", "Y012", 1, 1)
    ]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
@pytest.mark.parametrize("parser", PARSERS)
def test_unreadable_file(tmp_path: Path, parser: str) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text(CATALOG)
    locked.chmod(0)
    try:
        result = lint_paths(tmp_path, ("locked.yaml",), parser)
    finally:
        locked.chmod(0o644)
    assert triples(result) == [("Y012", 1, 1)]
    assert "cannot read" in only(result).message


# -- YAML 1.1 surprises --------------------------------------------------------------------------

FIELD = CATALOG + "    fields:\n      size:\n        type: integer\n"  # `type` on line 11


def test_yes_for_a_boolean_says_write_true_or_false(tmp_path: Path) -> None:
    for result in both_results(tmp_path, FIELD + "        required: yes\n").values():
        finding = only(result)
        assert (finding.rule, finding.line, finding.column) == ("S002", 12, 19)
        assert finding.hint is not None
        assert "true" in finding.hint
        assert "false" in finding.hint


def test_version_1_10_is_a_number(tmp_path: Path) -> None:
    for result in both_results(tmp_path, CATALOG + "    version: 1.10\n").values():
        finding = only(result)
        assert (finding.rule, finding.line, finding.column) == ("S002", 9, 14)
        assert finding.hint is not None
        assert "1.10" in finding.hint


def test_enum_values_yes_no_on_off_stay_strings(tmp_path: Path) -> None:
    text = CATALOG + (
        "    fields:\n      answer:\n        type: enum\n        values: [yes, no, on, off]\n"
        "        description: The answer given.\n"
    )
    assert both(tmp_path, text) == []


def test_number_where_text_is_wanted_says_quote_it(tmp_path: Path) -> None:
    text = CATALOG.replace(
        "description: A user created a thing in the system.", "description: 1.10"
    )
    for result in both_results(tmp_path, text).values():
        finding = only(result)
        assert (finding.rule, finding.line, finding.column) == ("S002", 5, 18)
        assert finding.hint is not None
        assert "'1.10'" in finding.hint
        assert "quote" in finding.hint


NUMBERS = [
    # Not integers under the YAML 1.2 core schema (yaml-rs alone would read them as numbers).
    ("underscores", "description: 1_000\n", []),
    ("upper-case hex prefix", "description: 0X1F\n", []),
    ("binary", "description: 0b101\n", []),
    ("signed hex", "description: -0x1F\n", []),
    ("leading underscore", "owners: [_5]\n", []),
    # Core-schema numbers: both parsers read them as numbers.
    ("hex", "description: 0x1F\n", [("S002", 1, 14)]),
    ("octal", "description: 0o17\n", [("S002", 1, 14)]),
    ("exponent", "description: 1e3\n", [("S002", 1, 14)]),
    ("infinity", "description: -.inf\n", [("S002", 1, 14)]),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in NUMBERS], ids=[c[0] for c in NUMBERS]
)
def test_numbers_resolve_by_the_core_schema(tmp_path: Path, text: str, expected: list[Any]) -> None:
    assert both(tmp_path, text) == expected


# -- positions and parser agreement ------------------------------------------------------------------


def test_compose_spans_are_one_based_key_then_value() -> None:
    text = (
        "domain: chat\n"
        "events:\n"
        "  user.joined_team:\n"
        "    actor: [user, service]\n"
        "    fields: {team_id: {type: string}}\n"
        "    description: >-\n"
        "      Long text.\n"
    )
    composed = compose(text, "x.yaml")
    assert composed.findings == []
    spans = composed.spans
    assert spans[()] == (1, 1, 1, 1)
    assert spans[("domain",)] == (1, 1, 1, 9)
    assert spans[("events",)] == (2, 1, 3, 3)
    assert spans[("events", "user.joined_team")] == (3, 3, 4, 5)
    assert spans[("events", "user.joined_team", "actor")] == (4, 5, 4, 12)
    assert spans[("events", "user.joined_team", "actor", 0)] == (4, 13, 4, 13)
    assert spans[("events", "user.joined_team", "actor", 1)] == (4, 19, 4, 19)
    assert spans[("events", "user.joined_team", "fields", "team_id")] == (5, 14, 5, 23)
    assert spans[("events", "user.joined_team", "fields", "team_id", "type")] == (5, 24, 5, 30)
    assert spans[("events", "user.joined_team", "description")] == (6, 5, 6, 18)


def test_compose_keeps_the_source_of_non_string_scalars() -> None:
    composed = compose("a: 1.10\nb: yes\nc: [0o17, text]\n", "x.yaml")
    assert composed.data == {"a": 1.1, "b": "yes", "c": [15, "text"]}
    assert composed.raw == {("a",): "1.10", ("c", 0): "0o17"}


def test_compose_resolves_the_core_schema() -> None:
    text = (
        "'null': [~, null, Null, NULL, '']\n'bool': [true, True, FALSE, yes, no, on, off, y, n]\n"
        "int: [0, -1, +7, 0o17, 0x1F, 017, 1_000]\nfloat: [1.5, .5, 1., 1e3, -.inf, .NaN]\n"
    )
    data = compose(text, "x.yaml").data
    assert data["null"] == [None, None, None, None, ""]
    assert data["bool"] == [True, True, False, "yes", "no", "on", "off", "y", "n"]
    assert data["int"] == [0, -1, 7, 15, 31, 17, "1_000"]
    assert data["float"][:5] == [1.5, 0.5, 1.0, 1000.0, -math.inf]
    assert math.isnan(data["float"][5])


@pytest.mark.parametrize("path", sorted((REPO / "catalog").glob("*.yaml")), ids=lambda p: p.name)
def test_composer_and_yaml_rs_read_the_built_in_catalog_alike(path: Path) -> None:
    text = path.read_text("utf-8")
    composed = compose(text, path.name)
    assert composed.findings == []
    assert composed.documents == 1
    fast = yaml_rs.loads(text, parse_datetime=False)
    assert composed.data == fast
    assert _typed(composed.data) == _typed(fast)  # 1 and 1.0 and True compare equal


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)

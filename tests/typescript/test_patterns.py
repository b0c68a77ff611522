"""Catalog patterns get Python's verdict in the TypeScript runtime: the conformance vectors
(tests/vectors/patterns_v1.json, pattern_vectors.py) and a property over patterns drawn from a
small grammar, each batch searched by one Node process; a pattern with no faithful JavaScript
spelling stops the generation with an error naming the file, event, field and construct."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pattern_vectors import VECTORS, build, dump
from ts_helpers import Compiled, compiled

from registry.findings.errors import UsageError
from registry.generate.run import generate
from registry.generate.typescript_patterns import Untranslatable, javascript
from registry_runtime.patterns import pattern_search

from conftest import make_config

__all__ = ["compiled"]  # the session fixture

HERE = Path(__file__).parent


def node_verdicts(compiled: Compiled, batches: list[tuple[str, list[str]]], where: Path) -> Any:
    """What the compiled runtime's `pattern` says of each value, one Node process for all."""
    path = where / "batches.json"
    written = [(javascript(pattern), values) for pattern, values in batches]
    path.write_text(json.dumps(written, ensure_ascii=True), "utf-8")
    run = subprocess.run(
        [compiled.node, str(HERE / "run_patterns.mjs"), str(compiled.package / "dist"), str(path)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(run.stdout)


def test_python_gives_the_vectors_verdicts(update_goldens: bool) -> None:
    text = dump(build())
    if update_goldens:
        VECTORS.write_text(text, "utf-8")
    assert VECTORS.read_text("utf-8") == text


def test_node_gives_the_vectors_verdicts(compiled: Compiled, tmp_path: Path) -> None:
    cases = json.loads(VECTORS.read_text("utf-8"))["cases"]
    got = node_verdicts(compiled, [(case["pattern"], [case["value"]]) for case in cases], tmp_path)
    differ = [case for case, [found] in zip(cases, got, strict=True) if found != case["found"]]
    assert differ == []


# -- the property --------------------------------------------------------------------------

ALPHABET = "aAbkK_-1 \n\r\t\x1c\x85\xa0\ufeff\u2028\u00e9\u00c9\u0663\u00b2\u212a\u017f\u0130\U0001f600\ud800"
"""Characters where the two engines could disagree (and plain ones)."""
ATOMS = (
    "a", "b", "k", "\u00e9", "\u0663", "\\n", ".", "\\d", "\\D", "\\w", "\\W", "\\s", "\\S",
    "[a-z]", "[^a]", "[\\w-]", "[\u00e0-\u00ff]", "\\U0001F600", "^", "$", "\\A", "\\Z", "\\b",
    "\\B",
)  # fmt: skip


GROUPS = ("(", "(?i:", "(?s:", "(?m:", "(?a:", "(?>", "(?=", "(?!")


def _patterns() -> st.SearchStrategy[str]:
    atoms = st.sampled_from(ATOMS)

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        quantified = st.tuples(inner, st.sampled_from(["*", "+", "?", "{1,2}", "*?", "++", "?+"]))
        return st.one_of(
            st.lists(inner, min_size=2, max_size=3).map("".join),
            st.lists(inner, min_size=2, max_size=3).map("|".join).map(lambda t: f"(?:{t})"),
            quantified.map(lambda p: f"(?:{p[0]}){p[1]}"),
            st.tuples(st.sampled_from(GROUPS), inner).map(lambda p: f"{p[0]}{p[1]})"),
            inner.map(lambda t: f"(?<=[ab]){t}"),
        )

    body = st.recursive(atoms, grow, max_leaves=5)
    return st.tuples(st.sampled_from(["", "(?i)", "(?m)", "(?s)"]), body).map("".join)


def _compiles(pattern: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            re.compile(pattern)
    except (re.error, FutureWarning):
        return False
    return True


def _one_string_in_javascript(value: str) -> bool:
    """A lone high surrogate before a low one would make one code point in JavaScript."""
    return re.search("[\ud800-\udbff][\udc00-\udfff]", value) is None


values = st.text(st.sampled_from(ALPHABET), max_size=6).filter(_one_string_in_javascript)
batch = st.lists(
    st.tuples(_patterns().filter(_compiles), st.lists(values, min_size=1, max_size=12)),
    min_size=1,
    max_size=40,
)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch)
def test_node_gives_pythons_verdict_on_drawn_patterns(
    compiled: Compiled, tmp_path_factory: pytest.TempPathFactory, drawn: list[tuple[str, list[str]]]
) -> None:
    got = node_verdicts(compiled, drawn, tmp_path_factory.mktemp("patterns"))
    for (pattern, texts), found in zip(drawn, got, strict=True):
        search = pattern_search(pattern, re2=False)
        expected = [search(text) for text in texts]
        assert found == expected, (pattern, javascript(pattern), texts)


# -- what cannot be written ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "construct"),
    [
        ("^(a)\\1$", "a backreference"),
        ("^(?P<x>a)(?P=x)$", "a backreference"),
        ("^(a)?(?(1)b|c)$", "a conditional group"),
        ("(?<=(?>a))b", "an atomic group or possessive repeat inside a lookbehind"),
    ],
)
def test_untranslatable_constructs_are_named(pattern: str, construct: str) -> None:
    with pytest.raises(Untranslatable) as raised:
        javascript(pattern)
    assert raised.value.construct.startswith(construct)


CATALOG = """\
domain: demo
description: Demo events.
owners: [team]

events:
  thing.happened:
    description: A thing happened.
    category: data_change
    actor: [user]
    targets: [thing]
    outcomes: [success]
    fields:
      code:
        type: string
        description: A code.
      nested:
        type: object
        description: Nested.
        fields:
          inner:
            type: string
            pattern: "^(a)\\\\1$"
            description: Inner.
"""


def test_generation_stops_at_an_untranslatable_pattern(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    (catalog / "demo.yaml").write_text(CATALOG, "utf-8")
    with pytest.raises(UsageError) as raised:
        generate("typescript", (str(catalog),), make_config(tmp_path), tmp_path / "out")
    message = str(raised.value)
    assert message.startswith(f"{catalog / 'demo.yaml'}: event thing.happened, field nested.inner")
    assert "'^(a)\\\\1$' has a backreference" in message
    assert not (tmp_path / "out").exists()


def test_the_command_stops_at_an_untranslatable_pattern_with_exit_2(tmp_path: Path) -> None:
    """Through the command: a located message on stderr, exit 2, no traceback, nothing written."""
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    (catalog / "demo.yaml").write_text(CATALOG, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "registry", "generate", "typescript", "catalog", "--out", "out"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(
        "registry: catalog/demo.yaml: event thing.happened, field nested.inner: the pattern"
    ), done.stderr
    assert "has a backreference" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()

"""The hash vectors (tests/vectors/hash_v1.json) are what Python's runtime writes today
(`--update-goldens` rewrites them: review the diff), and Node's runtime gives the same key ids
and hashes, e-mail normalisation included, for them and for generated addresses."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from hash_vectors import VECTORS, build, dump
from hypothesis import given, settings
from hypothesis import strategies as st
from ts_helpers import Compiled, compiled

from registry_runtime.redact import Redactor

__all__ = ["compiled"]  # the session fixture

HERE = Path(__file__).parent


def node_hashes(compiled: Compiled, path: Path) -> list[dict[str, Any]]:
    run = subprocess.run(
        [compiled.node, str(HERE / "run_hashes.mjs"), str(compiled.package / "dist"), str(path)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    result: list[dict[str, Any]] = json.loads(run.stdout)
    return result


def test_python_runtime_reproduces_the_hash_vectors(update_goldens: bool) -> None:
    text = dump(build())
    if update_goldens:
        VECTORS.write_text(text, "utf-8")
    assert VECTORS.read_text("utf-8") == text


def test_node_gives_the_same_key_ids_and_hashes(compiled: Compiled) -> None:
    expected = json.loads(VECTORS.read_text("utf-8"))["keys"]
    produced = node_hashes(compiled, VECTORS)
    assert len(produced) == len(expected) == 3
    for mine, theirs in zip(produced, expected, strict=True):
        assert mine["key_id"] == theirs["key_id"]
        assert mine["hashed"] == [value["hashed"] for value in theirs["values"]]


# Letters of several scripts and cases, combining marks, and the white space both runtimes trim;
# inside a value, characters `\s` gives different meanings in Python and JavaScript (the e-mail
# test spells its white space out: checks.EMAIL_SPACE_CLASS).
_LETTERS = st.sampled_from(
    "aZ\u00c4\u00e4\u00df\u0130\u0131\u03a3\u03c3\u03c2\u0391\u0416\u0308\u0301\u1e9e"
    "\u00c5\u212b\u2126\u01c5\U0001d400\U00010400.-_+\u001c\u001f\u0085\ufeff\u180e"
)
_SPACES = st.text(st.sampled_from(" \t\n\u00a0\u2003\u3000\ufeff"), max_size=2)
_PARTS = st.text(_LETTERS, min_size=1, max_size=6)
addresses = st.builds(
    lambda pad, local, host, top, end: f"{pad}{local}@{host}.{top}{end}",
    _SPACES, _PARTS, _PARTS, _PARTS, _SPACES,
)  # fmt: skip


@settings(max_examples=5, deadline=None)
@given(st.lists(addresses, min_size=20, max_size=20))
def test_node_normalises_addresses_as_python_does(
    compiled: Compiled, tmp_path_factory: Any, values: list[str]
) -> None:
    redactor = Redactor(b"k")
    path = tmp_path_factory.mktemp("hashes") / "hash.json"
    path.write_text(json.dumps({"keys": [{"key": "k", "values": [{"value": v} for v in values]}]}))
    produced = node_hashes(compiled, path)
    assert produced[0]["key_id"] == redactor.key_id
    assert produced[0]["hashed"] == [redactor.hash(value) for value in values]

"""Property: for any floats, integers (safe, beyond 2^53, beyond 64 bits) and strings (non-BMP
characters, lone surrogates, control characters) in any redaction, the TypeScript runtime
writes the bytes Python writes. Each example is a batch of records checked by one Node run."""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path
from typing import Any

from emit_vectors import build, dump
from hypothesis import given, settings
from hypothesis import strategies as st
from ts_helpers import Compiled, compiled

__all__ = ["compiled"]  # the session fixture

HERE = Path(__file__).parent

floats = st.floats(allow_nan=False, allow_infinity=False).map(lambda x: {"$float": repr(x)})
integers = st.one_of(
    st.integers(-(2**53) + 1, 2**53 - 1),
    st.integers(-(2**70), 2**70),
).map(lambda n: {"$int": str(n)})
texts = st.text(st.characters(codec=None, blacklist_categories=()), max_size=12)
record = st.fixed_dictionaries(
    {},
    optional={
        "text": texts,
        "hashed": texts,
        "masked": texts,
        "short": texts,
        "count": integers,
        "big_hashed": integers,
        "ratio": floats,
        "ratio_masked": floats,
        "ratios": st.lists(floats, max_size=4),
        "tags": st.lists(texts, max_size=3),
    },
)


@settings(max_examples=8, deadline=None)
@given(st.lists(record, min_size=1, max_size=8))
def test_node_writes_what_python_writes(compiled: Compiled, tmp_path_factory: Any, records: list[dict[str, Any]]) -> None:
    assert all(not isinstance(v, float) or math.isfinite(v) for r in records for v in r.values())
    vectors = build([{"name": str(index), "fields": fields} for index, fields in enumerate(records)])
    path = tmp_path_factory.mktemp("vectors") / "vectors.json"
    path.write_text(dump(vectors), "utf-8")
    run = subprocess.run(
        [compiled.node, str(HERE / "run_vectors.mjs"), str(compiled.package / "dist"), str(path)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    produced = json.loads(run.stdout)
    for mine, theirs in zip(produced, vectors["cases"], strict=True):
        assert mine["body_hex"] == theirs["body_hex"], (
            bytes.fromhex(mine["body_hex"]),
            bytes.fromhex(theirs["body_hex"]),
        )
        assert mine["hash"] == theirs["hash"]

"""The checkpoint vectors (tests/vectors/checkpoint_v1.json) are what Python's runtime writes
today (`--update-goldens` rewrites them: review the diff), and the files of the sink scenario
are a sealed, rotated log that `verify_logs` proves with the first key alone (the second is
announced by a signed rotation)."""

from __future__ import annotations

import json
from pathlib import Path

from checkpoint_vectors import SEEDS, VECTORS, build, dump, signer

from registry_runtime.signing import PublicKeys
from registry_runtime.verify import verify_logs


def test_python_runtime_reproduces_the_checkpoint_vectors(update_goldens: bool) -> None:
    text = dump(build())
    if update_goldens:
        VECTORS.write_text(text, "utf-8")
    assert VECTORS.read_text("utf-8") == text


def test_the_vectors_cover_rotations_heartbeats_and_rotated_files() -> None:
    vectors = json.loads(VECTORS.read_text("utf-8"))
    counts = [json.loads(case["line"])["count"] for case in vectors["checkpoints"]]
    assert counts == [1, 3, 7, 0, 2, 0]
    rotations = [json.loads(case["line"])["next_key"] for case in vectors["checkpoints"]]
    assert rotations.count(vectors["keys"][1]["public_key_hex"]) == 2
    files = vectors["sink"]["files"]
    assert sorted(files) == [
        "audit.jsonl", *(f"audit.jsonl.{n}" for n in range(1, 7)),
        "audit.jsonl.checkpoints", "mirror/audit.jsonl.checkpoints",
    ]  # fmt: skip
    assert files["audit.jsonl.checkpoints"] == files["mirror/audit.jsonl.checkpoints"]
    sealed = [json.loads(line) for line in files["audit.jsonl.checkpoints"].splitlines()]
    assert [(c["first"], c["last"]) for c in sealed] == [(0, 2), (3, 3), (4, 6), (7, 7), (8, 9)]
    assert [c["key"] for c in sealed] == [vectors["keys"][0]["key_id"]] * 4 + [
        vectors["keys"][1]["key_id"]
    ]


def test_the_sink_scenario_is_a_sealed_log(tmp_path: Path) -> None:
    files = json.loads(VECTORS.read_text("utf-8"))["sink"]["files"]
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    result = verify_logs(
        [tmp_path], public_keys=PublicKeys([signer(SEEDS[0]).public_key]), workers=1
    )
    assert (result.ok, result.records, result.unsealed, result.problems) == (True, 10, 0, [])

"""Conformance vectors of inclusion proofs (tests/vectors/proof_v1.json), and their properties.

Fixed inputs (a key seed, a stream, record bodies, two checkpoint times) and what a prover
must produce: each log line, the two checkpoint lines (ranges 0-4 and 5-6, the second chained
to the first), the proof document of every record, and altered proofs with the kinds a
verifier must refute them with. A prover or verifier in another language passes when it
reproduces every proof and every verdict. `--update-goldens` rewrites the file (review the
diff: a change here is a format change).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from integrity_helpers import keys, signer

from registry_runtime.chain import ZERO_HASH, seal
from registry_runtime.checkpoint import checkpoint_hash, payload, sign_line
from registry_runtime.merkle import root
from registry_runtime.proof import build_proof, check_proof, prove
from registry_runtime.signing import PublicKeys

VECTORS = Path(__file__).parents[1] / "vectors" / "proof_v1.json"
STREAM = "vector-host-1"
TIMES = ("2026-12-02T00:00:00.000Z", "2026-12-02T00:01:00.000Z")
RANGES = ((0, 4), (5, 6))
BODIES = [
    f'{{"id":"0193a0b0-0000-7000-8000-00000000000{seq}","event":"user.signed_in","version":1,'
    f'"fields":{{"name":"na\u00efve \u2603 {seq}"}}}}'
    for seq in range(7)
]


def sealed_log() -> tuple[list[bytes], list[bytes]]:
    """The log lines and checkpoint lines (without newlines) of the fixed inputs."""
    key = signer(1)
    prev, lines, hashes = ZERO_HASH, [], []
    for seq, body in enumerate(BODIES):
        line, prev = seal(body.encode(), prev, STREAM, seq)
        lines.append(line[:-1])
        hashes.append(bytes.fromhex(prev.decode()))
    checkpoints, chained = [], "0" * 64
    for (first, last), time in zip(RANGES, TIMES, strict=True):
        leaves = hashes[first : last + 1]
        data = payload(
            STREAM, first, last, root(leaves), leaves[-1].hex(), chained, time, key.key_id
        )
        checkpoints.append(sign_line(data, key)[:-1])
        chained = checkpoint_hash(checkpoints[-1])
    return lines, checkpoints


def proofs(lines: list[bytes], checkpoints: list[bytes]) -> list[dict[str, Any]]:
    out = []
    for (first, last), checkpoint in zip(RANGES, checkpoints, strict=True):
        leaves = [bytes.fromhex(json.loads(line)["hash"]) for line in lines[first : last + 1]]
        out += [build_proof(lines[seq], checkpoint, leaves) for seq in range(first, last + 1)]
    return out


def refutations(good: list[dict[str, Any]], checkpoints: list[bytes]) -> list[dict[str, Any]]:
    """Altered copies of the proof of record 2, each with the kinds that refute it."""

    def altered(why: str, kinds: list[str], **changes: Any) -> dict[str, Any]:
        proof = copy.deepcopy(good[2]) | changes
        return {"why": why, "proof": proof, "kinds": kinds}

    path = good[2]["path"]
    return [
        altered("record edited", ["edited"], record=good[2]["record"].replace(" 2", " 3")),
        altered("path element changed", ["not_included"], path=[path[0][::-1], *path[1:]]),
        altered("path element missing", ["not_included"], path=path[:-1]),
        altered("index changed", ["index", "not_included"], index=3),
        altered(
            "checkpoint edited",
            ["bad_signature", "not_included"],
            checkpoint=good[2]["checkpoint"].replace(root_of(checkpoints[0]), "ab" * 32),
        ),
        altered(
            "checkpoint of another range",
            ["outside", "not_included"],
            checkpoint=checkpoints[1].decode(),
        ),
        altered("record of another place", ["position", "not_included"], record=good[3]["record"]),
    ]


def root_of(checkpoint: bytes) -> str:
    return str(json.loads(checkpoint)["root"])


def build() -> dict[str, Any]:
    key = signer(1)
    lines, checkpoints = sealed_log()
    good = proofs(lines, checkpoints)
    return {
        "format": "registry inclusion proof v1 (docs/integrity.md, 'Proof for one record')",
        "private_key_seed_hex": "01" * 32,
        "public_key_hex": key.public_key.hex(),
        "stream": STREAM,
        "log": [line.decode() for line in lines],
        "checkpoints": [line.decode() for line in checkpoints],
        "proofs": good,
        "refutations": refutations(good, checkpoints),
    }


def test_vectors_match(update_goldens: bool) -> None:
    built = build()
    if update_goldens or not VECTORS.exists():
        VECTORS.write_text(json.dumps(built, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert json.loads(VECTORS.read_text("utf-8")) == built


def test_vectors_verify_from_the_file_alone() -> None:
    vectors = json.loads(VECTORS.read_text("utf-8"))
    trusted = PublicKeys([bytes.fromhex(vectors["public_key_hex"])])
    for proof in vectors["proofs"]:
        verdict = check_proof(proof, trusted)
        assert verdict.ok, verdict.problems
    for case in vectors["refutations"]:
        verdict = check_proof(case["proof"], trusted)
        assert [p.kind for p in verdict.problems] == case["kinds"], case["why"]


def test_prove_reproduces_the_vectors_from_a_log(tmp_path: Path) -> None:
    vectors = json.loads(VECTORS.read_text("utf-8"))
    log = tmp_path / "vector.jsonl"
    log.write_text("".join(line + "\n" for line in vectors["log"]), "utf-8")
    Path(f"{log}.checkpoints").write_text(
        "".join(line + "\n" for line in vectors["checkpoints"]), "utf-8"
    )
    for proof in vectors["proofs"]:
        assert prove([log], json.loads(proof["record"])["id"]) == proof


# -- properties ----------------------------------------------------------------------------


def one_range(size: int) -> tuple[list[bytes], bytes, list[bytes]]:
    key, prev = signer(1), ZERO_HASH
    lines, leaves = [], []
    for seq in range(size):
        line, prev = seal(b'{"id":"%d"}' % seq, prev, "s", 100 + seq)
        lines.append(line[:-1])
        leaves.append(bytes.fromhex(prev.decode()))
    data = payload(
        "s", 100, 99 + size, root(leaves), leaves[-1].hex(), "0" * 64, TIMES[0], key.key_id
    )
    return lines, sign_line(data, key)[:-1], leaves


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40), st.data())
def test_every_record_of_any_range_is_proven_and_any_change_refuted(size: int, data: Any) -> None:
    lines, checkpoint, leaves = one_range(size)
    index = data.draw(st.integers(0, size - 1))
    proof = build_proof(lines[index], checkpoint, leaves)
    assert check_proof(proof, keys(1)).ok
    record = proof["record"]
    at = data.draw(st.integers(0, len(record) - 1))
    other = data.draw(st.sampled_from('0123456789abcdef{}",:x').filter(lambda c: c != record[at]))
    changed = proof | {"record": record[:at] + other + record[at + 1 :]}
    assert not check_proof(changed, keys(1)).ok
    if proof["path"]:
        step = data.draw(st.integers(0, len(proof["path"]) - 1))
        digit = data.draw(st.integers(0, 63))
        node = proof["path"][step]
        flipped = node[:digit] + ("0" if node[digit] != "0" else "1") + node[digit + 1 :]
        path = [*proof["path"][:step], flipped, *proof["path"][step + 1 :]]
        assert [p.kind for p in check_proof(proof | {"path": path}, keys(1)).problems] == [
            "not_included"
        ]
    wrong = data.draw(st.integers(-1, size).filter(lambda i: i != index))
    assert not check_proof(proof | {"index": wrong}, keys(1)).ok

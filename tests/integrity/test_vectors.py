"""Conformance vectors of the chained log format (tests/vectors/chain_v1.json).

Fixed inputs (record bodies, a stream id, a key seed, a time) and the bytes a writer must
produce: each line, each hash, the Merkle root of the range, the checkpoint payload and line
(Ed25519 is deterministic, so the signature is fixed too), an abandoned-fragment marker. A
writer in another language passes when it reproduces every byte. `--update-goldens`
rewrites the file (review the diff: a change here is a format change).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from integrity_helpers import keys, signer

from registry_runtime.chain import ZERO_HASH, abandoned_body, seal
from registry_runtime.checkpoint import DOMAIN, checkpoint_hash, payload, sign_line
from registry_runtime.merkle import root
from registry_runtime.verify import verify_log

VECTORS = Path(__file__).parents[1] / "vectors" / "chain_v1.json"
STREAM = "vector-host-1"
TIME = "2026-12-02T00:00:00.000Z"
BODIES = [
    '{"id":"0193a0b0-0000-7000-8000-000000000001","event":"user.signed_in","version":1}',
    '{"event":"unicode","fields":{"name":"na\u00efve \u2603 \\"quoted\\""}}',
    '{"n":1.5e300,"list":[1,2,{"deep":null}]}',
]


def build() -> dict[str, Any]:
    key = signer(1)
    prev = ZERO_HASH
    records = []
    for seq, body in enumerate(BODIES):
        line, digest = seal(body.encode(), prev, STREAM, seq)
        records.append({"body": body, "seq": seq, "prev_hash": prev.decode(),
                        "line": line.decode(), "hash": digest.decode()})  # fmt: skip
        prev = digest
    leaves = [bytes.fromhex(r["hash"]) for r in records]
    tree = root(leaves)
    data = payload(STREAM, 0, len(BODIES) - 1, tree, records[-1]["hash"], "0" * 64, TIME, key.key_id)
    line = sign_line(data, key)
    fragment = b'{"id":"cut sho'
    marker = abandoned_body(len(fragment), hashlib.sha256(fragment).hexdigest())
    marker_line, _ = seal(marker, prev, STREAM, len(BODIES))
    return {
        "format": "registry chained log v1 (docs/integrity.md)",
        "private_key_seed_hex": "01" * 32,
        "public_key_hex": key.public_key.hex(),
        "key_id": key.key_id,
        "stream": STREAM,
        "records": records,
        "merkle_leaves_hex": [leaf.hex() for leaf in leaves],
        "merkle_root_hex": tree.hex(),
        "checkpoint": {"time": TIME, "payload": data.decode(), "signed_input_prefix": DOMAIN.decode(),
                       "line": line.decode(), "checkpoint_hash": checkpoint_hash(line[:-1])},
        "abandoned": {"fragment": fragment.decode(), "line": marker_line.decode()},
    }


def test_vectors_match(update_goldens: bool) -> None:
    built = build()
    if update_goldens or not VECTORS.exists():
        VECTORS.parent.mkdir(exist_ok=True)
        VECTORS.write_text(json.dumps(built, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert json.loads(VECTORS.read_text("utf-8")) == built


def test_vector_log_verifies(tmp_path: Path) -> None:
    vectors = json.loads(VECTORS.read_text("utf-8"))
    log = tmp_path / "vector.jsonl"
    log.write_text("".join(r["line"] for r in vectors["records"]), "utf-8")
    Path(f"{log}.checkpoints").write_text(vectors["checkpoint"]["line"], "utf-8")
    result = verify_log(log, public_keys=keys(1))
    assert (result.ok, result.records, result.unsealed, result.problems) == (True, 3, 0, [])
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(vectors["abandoned"]["fragment"] + "\n" + vectors["abandoned"]["line"])
    result = verify_log(log, public_keys=keys(1))
    assert result.ok
    assert [p.kind for p in result.problems] == ["torn"]
    assert result.unsealed == 1  # the marker is a record of the stream, after the checkpoint

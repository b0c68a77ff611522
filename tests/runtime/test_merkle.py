"""registry_runtime.merkle against the published RFC 6962 vectors, a literal transcription of the
RFC's definitions, the checked-in conformance vectors (tests/vectors/merkle.json) and properties.

`pytest tests/runtime/test_merkle.py --update-goldens` rewrites tests/vectors/merkle.json from
the implementation; the tests below still check every entry against the published vectors and
the reference, so a rewrite cannot hide a wrong hash.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry_runtime import merkle
from registry_runtime.merkle import (
    Frontier,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root,
    verify_consistency,
    verify_inclusion,
)

VECTORS = Path(__file__).resolve().parent.parent / "vectors" / "merkle.json"

# The RFC 6962 test vectors as published by transparency-dev/merkle (Apache-2.0, the Go
# library behind Trillian and Certificate Transparency logs; they come from the C++
# certificate-transparency tests): testonly/constants.go at commit
# 582a6ad190b6848f1d26f8bf08ddef29955d9db1 (leaves, leaf hashes, roots) and
# proof/verify_test.go at commit 02194e9afb6c1d95b5381350007963aa70fff472 (paths; the Go
# file numbers leaves from 1, converted here to the 0-based index).
PUBLISHED_LEAVES = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
]
PUBLISHED_LEAF_HASHES = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
]
PUBLISHED_ROOTS = [  # by tree size 0..8
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
PUBLISHED_INCLUSION = [  # (index, size, path)
    (0, 1, []),
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
PUBLISHED_CONSISTENCY = [  # (old size, new size, path)
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
]
LEAVES = [bytes.fromhex(x) for x in PUBLISHED_LEAVES]


# A literal transcription of RFC 6962 section 2.1 (recursive, on slices): the reference the
# level-by-level implementation is compared with.
def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def ref_mth(d: Sequence[bytes]) -> bytes:
    n = len(d)
    if n == 0:
        return _sha(b"")
    if n == 1:
        return _sha(b"\x00" + d[0])
    k = 1 << ((n - 1).bit_length() - 1)
    return _sha(b"\x01" + ref_mth(d[:k]) + ref_mth(d[k:]))


def ref_path(m: int, d: Sequence[bytes]) -> list[bytes]:
    n = len(d)
    if n == 1:
        return []
    k = 1 << ((n - 1).bit_length() - 1)
    if m < k:
        return [*ref_path(m, d[:k]), ref_mth(d[k:])]
    return [*ref_path(m - k, d[k:]), ref_mth(d[:k])]


def ref_subproof(m: int, d: Sequence[bytes], b: bool) -> list[bytes]:
    n = len(d)
    if m == n:
        return [] if b else [ref_mth(d)]
    k = 1 << ((n - 1).bit_length() - 1)
    if m <= k:
        return [*ref_subproof(m, d[:k], b), ref_mth(d[k:])]
    return [*ref_subproof(m - k, d[k:], False), ref_mth(d[:k])]


def hexes(hashes: Sequence[bytes]) -> list[str]:
    return [h.hex() for h in hashes]


# --- the published vectors ---


@pytest.mark.parametrize(
    ("data", "expected"), list(zip(LEAVES, PUBLISHED_LEAF_HASHES, strict=True))
)
def test_leaf_hashes_match_published(data: bytes, expected: str) -> None:
    assert leaf_hash(data).hex() == expected


@pytest.mark.parametrize("size", range(9))
def test_roots_match_published(size: int) -> None:
    assert root(LEAVES[:size]).hex() == PUBLISHED_ROOTS[size]
    frontier = Frontier()
    for data in LEAVES[:size]:
        frontier.append(data)
    assert (frontier.size, frontier.root().hex()) == (size, PUBLISHED_ROOTS[size])


@pytest.mark.parametrize(("index", "size", "path"), PUBLISHED_INCLUSION)
def test_inclusion_matches_published(index: int, size: int, path: list[str]) -> None:
    assert hexes(inclusion_proof(index, LEAVES[:size])) == path
    proof = [bytes.fromhex(p) for p in path]
    tree_root = bytes.fromhex(PUBLISHED_ROOTS[size])
    assert verify_inclusion(LEAVES[index], index, size, proof, tree_root)
    # the corruptions transparency-dev/merkle probes, all rejected
    assert not verify_inclusion(b"WrongLeaf", index, size, proof, tree_root)
    assert not verify_inclusion(LEAVES[index], index, size, proof, merkle.EMPTY_ROOT)
    assert not verify_inclusion(LEAVES[index], index + 1, size, proof, tree_root)
    assert not verify_inclusion(LEAVES[index], index - 1, size, proof, tree_root)
    assert not verify_inclusion(LEAVES[index], index, size, [*proof, b""], tree_root)
    assert not verify_inclusion(LEAVES[index], index, size, [tree_root, *proof], tree_root)
    for i in range(len(proof)):
        flipped = [*proof[:i], bytes([proof[i][0] ^ 8]) + proof[i][1:], *proof[i + 1 :]]
        assert not verify_inclusion(LEAVES[index], index, size, flipped, tree_root)
        assert not verify_inclusion(LEAVES[index], index, size, proof[:i], tree_root)


@pytest.mark.parametrize(("old", "new", "path"), PUBLISHED_CONSISTENCY)
def test_consistency_matches_published(old: int, new: int, path: list[str]) -> None:
    assert hexes(consistency_proof(old, LEAVES[:new])) == path
    proof = [bytes.fromhex(p) for p in path]
    old_root, new_root = bytes.fromhex(PUBLISHED_ROOTS[old]), bytes.fromhex(PUBLISHED_ROOTS[new])
    assert verify_consistency(old, new, old_root, new_root, proof)
    if old == new:
        return
    assert not verify_consistency(old, new, new_root, old_root, proof)
    assert not verify_consistency(old, new, b"WrongRoot", new_root, proof)
    assert not verify_consistency(old, new, old_root, b"WrongRoot", proof)
    assert not verify_consistency(old, new, old_root, new_root, [])
    assert not verify_consistency(old, new, old_root, new_root, [*proof, old_root])
    assert not verify_consistency(old, new, old_root, new_root, [proof[0], *proof])
    assert not verify_consistency(old + 1, new, old_root, new_root, proof)
    assert not verify_consistency(old, new, old_root, new_root, proof[:-1])
    for i in range(len(proof)):
        flipped = [*proof[:i], bytes([proof[i][0] ^ 16]) + proof[i][1:], *proof[i + 1 :]]
        assert not verify_consistency(old, new, old_root, new_root, flipped)


# --- the checked-in conformance vectors ---


def vector_tree(name: str, leaves: Sequence[bytes]) -> dict[str, Any]:
    return {
        "name": name,
        "leaves": hexes(leaves),
        "leaf_hashes": hexes([leaf_hash(x) for x in leaves]),
        "roots": [root(leaves[:n]).hex() for n in range(len(leaves) + 1)],
        "inclusion": [
            {"index": i, "size": n, "path": hexes(inclusion_proof(i, leaves[:n]))}
            for n in range(1, len(leaves) + 1)
            for i in range(n)
        ],
        "consistency": [
            {"old_size": m, "new_size": n, "path": hexes(consistency_proof(m, leaves[:n]))}
            for n in range(1, len(leaves) + 1)
            for m in range(n + 1)
        ],
    }


def build_vectors() -> dict[str, Any]:
    records = [f"record {i}".encode() for i in range(17)]
    return {
        "description": (
            "Merkle tree conformance vectors of registry_runtime.merkle (RFC 6962 section 2.1 "
            "hashing, RFC 9162 section 2.1.3-2.1.4 verification). All bytes are lowercase hex. "
            "leaf hash = SHA-256(0x00 || leaf); node = SHA-256(0x01 || left || right); "
            "roots[n] is the root of the first n leaves (roots[0] = SHA-256 of nothing); "
            "inclusion paths and consistency proofs list hashes nearest the leaf first, as "
            "RFC 6962 PATH and PROOF define them, over the first `size` / `new_size` leaves. "
            "Every entry must verify; `rejected` lists inputs every verifier must refuse."
        ),
        "sources": (
            "Tree 'rfc6962' uses the leaves of the RFC 6962 test vectors published by "
            "transparency-dev/merkle (testonly/constants.go, proof/verify_test.go); its leaf "
            "hashes, roots and the paths published there are checked by "
            "tests/runtime/test_merkle.py. Generated by that test with --update-goldens."
        ),
        "trees": [vector_tree("rfc6962", LEAVES), vector_tree("records", records)],
        "rejected": rejected_vectors(),
    }


def rejected_vectors() -> list[dict[str, Any]]:
    """Inputs a verifier must refuse, each with why (built from the 'rfc6962' tree)."""
    r = [root(LEAVES[:n]).hex() for n in range(9)]
    p58 = hexes(inclusion_proof(5, LEAVES))
    c68 = hexes(consistency_proof(6, LEAVES))
    c48 = hexes(consistency_proof(4, LEAVES))
    c78 = hexes(consistency_proof(7, LEAVES))
    p78 = hexes(inclusion_proof(7, LEAVES))
    leaf5 = LEAVES[5].hex()

    def inc(why: str, index: int, size: int, path: list[str], tree_root: str) -> dict[str, Any]:
        entry = {"kind": "inclusion", "why": why, "leaf": leaf5, "index": index, "size": size}
        return entry | {"path": path, "root": tree_root}

    def con(why: str, old: int, new: int, old_root: str, new_root: str, path: list[str]) -> Any:
        entry = {"kind": "consistency", "why": why, "old_size": old, "new_size": new}
        return entry | {"old_root": old_root, "new_root": new_root, "path": path}

    return [
        inc("wrong index", 4, 8, p58, r[8]),
        inc("index outside the tree", 8, 8, p58, r[8]),
        inc("empty tree", 0, 0, [], r[0]),
        inc("path one hash short", 5, 8, p58[:-1], r[8]),
        inc("path one hash too long", 5, 8, [*p58, r[8]], r[8]),
        inc("wrong root", 5, 8, p58, r[7]),
        inc("a path longer than a tree of that size has", 0, 1, p78, r[8])
        | {"leaf": LEAVES[7].hex()},
        inc("leaf hash given as the leaf", 5, 8, p58, r[8]) | {"leaf": leaf_hash(LEAVES[5]).hex()},
        con("swapped roots", 6, 8, r[8], r[6], c68),
        con("empty proof", 6, 8, r[6], r[8], []),
        con("old size larger than new", 8, 6, r[8], r[6], c68),
        con("equal sizes, different roots", 6, 6, r[6], r[7], []),
        con("equal sizes, proof not empty", 6, 6, r[6], r[6], c68[:1]),
        con("proof one hash short", 6, 8, r[6], r[8], c68[:-1]),
        con("a proof longer than trees of those sizes have", 3, 4, r[7], r[8], c78),
        con("old root prepended to a power-of-two size's proof", 4, 8, r[4], r[8], [r[4], *c48]),
    ]


def test_vectors_file_is_current(update_goldens: bool) -> None:
    text = json.dumps(build_vectors(), indent=1) + "\n"
    if update_goldens:
        VECTORS.parent.mkdir(exist_ok=True)
        VECTORS.write_text(text, encoding="utf-8")
    assert VECTORS.read_text(encoding="utf-8") == text, "run pytest with --update-goldens"


def test_vectors_agree_with_published_and_reference() -> None:
    data = json.loads(VECTORS.read_text(encoding="utf-8"))
    first = data["trees"][0]
    assert first["leaves"] == PUBLISHED_LEAVES
    assert first["leaf_hashes"] == PUBLISHED_LEAF_HASHES
    assert first["roots"] == PUBLISHED_ROOTS
    paths = {(e["index"], e["size"]): e["path"] for e in first["inclusion"]}
    assert all(paths[i, n] == path for i, n, path in PUBLISHED_INCLUSION)
    proofs = {(e["old_size"], e["new_size"]): e["path"] for e in first["consistency"]}
    assert all(proofs[m, n] == path for m, n, path in PUBLISHED_CONSISTENCY)
    for tree in data["trees"]:
        leaves = [bytes.fromhex(x) for x in tree["leaves"]]
        assert tree["roots"] == [ref_mth(leaves[:n]).hex() for n in range(len(leaves) + 1)]
        for e in tree["inclusion"]:
            n, i = e["size"], e["index"]
            assert e["path"] == hexes(ref_path(i, leaves[:n]))
            proof = [bytes.fromhex(p) for p in e["path"]]
            assert verify_inclusion(leaves[i], i, n, proof, bytes.fromhex(tree["roots"][n]))
        for e in tree["consistency"]:
            m, n = e["old_size"], e["new_size"]
            expected = [] if m in (0, n) else hexes(ref_subproof(m, leaves[:n], True))
            assert e["path"] == expected
            proof = [bytes.fromhex(p) for p in e["path"]]
            old_root, new_root = (bytes.fromhex(tree["roots"][s]) for s in (m, n))
            assert verify_consistency(m, n, old_root, new_root, proof)


def test_rejected_vectors_are_refused() -> None:
    rejected = json.loads(VECTORS.read_text(encoding="utf-8"))["rejected"]
    assert rejected
    for e in rejected:
        path = [bytes.fromhex(p) for p in e["path"]]
        if e["kind"] == "inclusion":
            leaf, tree_root = bytes.fromhex(e["leaf"]), bytes.fromhex(e["root"])
            assert not verify_inclusion(leaf, e["index"], e["size"], path, tree_root), e["why"]
        else:
            roots = bytes.fromhex(e["old_root"]), bytes.fromhex(e["new_root"])
            assert not verify_consistency(e["old_size"], e["new_size"], *roots, path), e["why"]


# --- every size against the reference ---


def test_every_size_to_64_against_the_reference() -> None:
    leaves = [i.to_bytes(2, "big") for i in range(64)]
    roots = [ref_mth(leaves[:n]) for n in range(65)]
    for n in range(65):
        assert root(leaves[:n]) == roots[n]
    for n in range(1, 65):
        for i in range(n):
            assert inclusion_proof(i, leaves[:n]) == ref_path(i, leaves[:n])
        for m in range(n + 1):
            proof = consistency_proof(m, leaves[:n])
            assert proof == ([] if m in (0, n) else ref_subproof(m, leaves[:n], True))
            assert verify_consistency(m, n, roots[m], roots[n], proof), (m, n)
            if 0 < m < n:
                assert not verify_consistency(m, n, roots[m - 1], roots[n], proof), (m, n)
                assert not verify_consistency(m, n, roots[m], roots[n - 1], proof), (m, n)


# --- properties ---

distinct_leaves = st.lists(st.binary(max_size=24), min_size=1, max_size=80, unique=True)


@settings(max_examples=200, deadline=None)
@given(distinct_leaves, st.data())
def test_every_inclusion_proof_verifies_and_changes_fail(leaves: list[bytes], data: Any) -> None:
    n = len(leaves)
    index = data.draw(st.integers(0, n - 1))
    proof, tree_root = inclusion_proof(index, leaves), root(leaves)
    assert verify_inclusion(leaves[index], index, n, proof, tree_root)
    other = data.draw(st.binary(max_size=24).filter(lambda b: b != leaves[index]))
    assert not verify_inclusion(other, index, n, proof, tree_root)
    if n > 1:
        moved = data.draw(st.integers(0, n - 1).filter(lambda i: i != index))
        assert not verify_inclusion(leaves[index], moved, n, proof, tree_root)
    bad_root = bytes([tree_root[0] ^ 1]) + tree_root[1:]
    assert not verify_inclusion(leaves[index], index, n, proof, bad_root)
    assert not verify_inclusion(
        leaves[index], n + data.draw(st.integers(0, 5)), n, proof, tree_root
    )


@settings(max_examples=100, deadline=None)
@given(distinct_leaves, st.data())
def test_consistency_proofs_verify_and_changes_fail(leaves: list[bytes], data: Any) -> None:
    n = len(leaves)
    m = data.draw(st.integers(0, n))
    proof = consistency_proof(m, leaves)
    old_root, new_root = root(leaves[:m]), root(leaves)
    assert verify_consistency(m, n, old_root, new_root, proof)
    if 0 < m < n:
        changed = data.draw(st.integers(0, len(proof) - 1))
        bad = [*proof[:changed], leaf_hash(proof[changed]), *proof[changed + 1 :]]
        assert not verify_consistency(m, n, old_root, new_root, bad)
        assert not verify_consistency(m, n, leaf_hash(old_root), new_root, proof)
        assert not verify_consistency(m, n, old_root, leaf_hash(new_root), proof)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.binary(max_size=16), max_size=120))
def test_frontier_equals_root_after_every_append(leaves: list[bytes]) -> None:
    frontier = Frontier()
    assert frontier.root() == root([]) == merkle.EMPTY_ROOT
    for n, data in enumerate(leaves, start=1):
        frontier.append(data)
        assert frontier.size == n
        assert frontier.root() == root(leaves[:n])
        assert len(frontier._nodes) == n.bit_count()  # O(log n) state: a hash per set bit


hashes = st.lists(st.binary(max_size=40), max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=8), st.integers(-5, 70), st.integers(-5, 70), hashes, st.binary(max_size=40)
)
def test_verify_inclusion_never_raises(
    leaf: bytes, index: int, size: int, proof: list[bytes], tree_root: bytes
) -> None:
    assert verify_inclusion(leaf, index, size, proof, tree_root) in (True, False)


@settings(max_examples=300, deadline=None)
@given(st.integers(-5, 70), st.integers(-5, 70), st.binary(max_size=40), hashes)
def test_verify_consistency_never_raises(old: int, new: int, r: bytes, proof: list[bytes]) -> None:
    assert verify_consistency(old, new, r, r, proof) in (True, False)


# --- bad arguments ---


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: inclusion_proof(0, []), "leaf index 0 is outside a tree of 0 leaves"),
        (lambda: inclusion_proof(8, LEAVES), "leaf index 8 is outside a tree of 8 leaves"),
        (lambda: inclusion_proof(-1, LEAVES), "leaf index -1 is outside a tree of 8 leaves"),
        (lambda: consistency_proof(9, LEAVES), "old tree size 9 is outside 0..8"),
        (lambda: consistency_proof(-1, LEAVES), "old tree size -1 is outside 0..8"),
    ],
)
def test_bad_arguments_raise_value_error(call: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    ("old", "new", "old_root", "new_root", "expected"),
    [
        (0, 0, merkle.EMPTY_ROOT, merkle.EMPTY_ROOT, True),
        (0, 5, merkle.EMPTY_ROOT, b"anything", True),  # every tree extends the empty tree
        (3, 3, b"a", b"a", True),
        (3, 3, b"a", b"b", False),
        (-1, 3, b"a", b"b", False),
        (4, 3, b"a", b"b", False),
        (1, 2, b"a", b"b", False),  # an empty proof for different sizes
    ],
)
def test_consistency_edge_cases(
    old: int, new: int, old_root: bytes, new_root: bytes, expected: bool
) -> None:
    assert verify_consistency(old, new, old_root, new_root, []) is expected


def test_proofs_of_the_trivial_trees() -> None:
    assert inclusion_proof(0, [b"x"]) == []
    assert verify_inclusion(b"x", 0, 1, [], leaf_hash(b"x"))
    assert not verify_inclusion(b"x", 0, 1, [], merkle.node_hash(leaf_hash(b"x"), b""))
    assert consistency_proof(0, LEAVES) == consistency_proof(8, LEAVES) == []
    assert repr(Frontier()) == "Frontier(size=0)"


@pytest.mark.parametrize("size", [0, 1, 31, 32, 33, 55, 56, 63, 64, 65, 119, 120, 1000])
def test_the_leaf_hasher_gives_hashlib_digests(size: int) -> None:
    data = bytes(range(256)) * 4
    assert merkle._leaf_sha256(data[:size]).digest() == hashlib.sha256(data[:size]).digest()


def test_the_leaf_hasher_falls_back_to_hashlib(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> None:
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", missing)
    assert merkle._small_sha256() is hashlib.sha256


def test_the_leaf_hasher_is_the_interpreters_own_when_built_in() -> None:
    builtin = "_sha2" if sys.version_info >= (3, 12) else "_sha256"
    if builtin not in sys.builtin_module_names and importlib.util.find_spec(builtin) is None:
        pytest.skip(f"this interpreter has no {builtin}")
    assert merkle._leaf_sha256 is importlib.import_module(builtin).sha256

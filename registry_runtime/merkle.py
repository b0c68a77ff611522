"""Merkle trees over a range of records, hashed as RFC 6962 / RFC 9162 (Certificate Transparency).

A checkpoint seals a range of records with the root of a Merkle tree over their leaf data;
an inclusion proof shows that one record belongs to a sealed range, a consistency proof that
a tree extends an earlier one, both checkable without the rest of the log.

- a leaf is hashed ``SHA-256(0x00 || data)``, an inner node ``SHA-256(0x01 || left || right)``
  (the prefixes keep a leaf from passing for a node: RFC 6962 section 2.1);
- the tree of ``n > 1`` leaves splits at ``k``, the largest power of two below ``n``: the
  first ``k`` leaves on the left, the rest on the right; the empty tree's root is
  ``SHA-256(b"")``;
- proofs are lists of 32-byte hashes, nearest the leaf first, exactly as RFC 6962 section
  2.1.1 (PATH) and 2.1.2 (PROOF) define them, so any CT implementation can check them.

Verification follows RFC 9162 sections 2.1.3.2 and 2.1.4.2. Bad arguments to the proof
builders raise `ValueError`; the verifiers answer False for anything that does not prove
what was asked, never raising on a malformed proof. Standard library only.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Final, Protocol

__all__ = [
    "EMPTY_ROOT",
    "Frontier",
    "consistency_proof",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root",
    "verify_consistency",
    "verify_inclusion",
]

_LEAF: Final = b"\x00"
_NODE: Final = b"\x01"
EMPTY_ROOT: Final = hashlib.sha256(b"").digest()
"""The root of the tree with no leaves (RFC 6962 section 2.1)."""
_DIGEST: Final = type(hashlib.sha256()).digest
_JOIN: Final = b"".join


class _Hash(Protocol):
    def digest(self) -> bytes: ...


def _small_sha256() -> Callable[[bytes], _Hash]:
    """The SHA-256 constructor that hashes one block fastest: CPython's own (``_sha2`` from
    3.12, ``_sha256`` before) when the interpreter was built with it, else `hashlib.sha256`.

    A leaf (33 bytes) is one block: hashlib's OpenSSL path spends more making and copying a
    context than hashing it, the builtin copies a small struct (same digests). An inner node
    (65 bytes) is two blocks, where OpenSSL's faster compression wins: nodes keep `hashlib`.
    """
    for name in ("_sha2", "_sha256"):
        try:
            constructor: Callable[[bytes], _Hash] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return constructor
    return hashlib.sha256


_leaf_sha256: Final = _small_sha256()


def leaf_hash(data: bytes) -> bytes:
    """``SHA-256(0x00 || data)``: the hash of one leaf."""
    return _leaf_sha256(_LEAF + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 || left || right)``: the hash of an inner node."""
    return hashlib.sha256(_NODE + left + right).digest()


def _fold(hashes: list[bytes]) -> bytes:
    """The root over already hashed leaves (non-empty), level by level.

    Pairing neighbours and carrying an odd last node up unchanged builds the same tree as
    RFC 6962's split at the largest power of two: both put the complete subtrees on the left.
    """
    level = hashes
    while len(level) > 1:
        pairs = iter(level)  # zipped with itself: neighbours; an odd last node is carried up
        inputs = map(_JOIN, zip(repeat(_NODE), pairs, pairs))
        paired = list(map(_DIGEST, map(hashlib.sha256, inputs)))  # no bytecode per node
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def _leaf_hashes(leaves: Sequence[bytes]) -> list[bytes]:
    sha256 = _leaf_sha256
    return [sha256(_LEAF + data).digest() for data in leaves]


def root(leaves: Sequence[bytes]) -> bytes:
    """The Merkle tree hash (RFC 6962 MTH) of ``leaves``, the leaves' data in order."""
    if not leaves:
        return EMPTY_ROOT
    return _fold(_leaf_hashes(leaves))


def _split(size: int) -> int:
    """The largest power of two smaller than ``size`` (``size >= 2``)."""
    return 1 << ((size - 1).bit_length() - 1)


def inclusion_proof(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """The audit path (RFC 6962 PATH) of leaf ``index`` in the tree over ``leaves``."""
    size = len(leaves)
    if not 0 <= index < size:
        raise ValueError(f"leaf index {index} is outside a tree of {size} leaves")
    sha256 = hashlib.sha256
    level = _leaf_hashes(leaves)
    proof: list[bytes] = []
    while len(level) > 1:
        sibling = index ^ 1
        if sibling < len(level):
            proof.append(level[sibling])
        paired = [
            sha256(_NODE + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
        index >>= 1
    return proof


def consistency_proof(old_size: int, leaves: Sequence[bytes]) -> list[bytes]:
    """The proof (RFC 6962 PROOF) that the tree over ``leaves`` extends its first ``old_size``.

    Empty when ``old_size`` is 0 or the whole tree (nothing to prove).
    """
    size = len(leaves)
    if not 0 <= old_size <= size:
        raise ValueError(f"old tree size {old_size} is outside 0..{size}, the new tree's size")
    if old_size in (0, size):
        return []
    hashes = _leaf_hashes(leaves)
    proof: list[bytes] = []
    _subproof(old_size, hashes, 0, size, True, proof)
    return proof


def _subproof(m: int, hashes: list[bytes], lo: int, hi: int, whole: bool, out: list[bytes]) -> None:
    """RFC 6962 SUBPROOF(m, D[lo:hi], whole), appended to ``out`` in the RFC's order."""
    n = hi - lo
    if m == n:
        if not whole:
            out.append(_fold(hashes[lo:hi]))
        return
    k = _split(n)
    if m <= k:
        _subproof(m, hashes, lo, lo + k, whole, out)
        out.append(_fold(hashes[lo + k : hi]))
    else:
        _subproof(m - k, hashes, lo + k, hi, False, out)
        out.append(_fold(hashes[lo : lo + k]))


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """Whether ``proof`` shows leaf data ``leaf`` at ``index`` in the tree of ``size`` with ``root``.

    RFC 9162 section 2.1.3.2; False for an index outside the tree, a proof of the wrong
    length or any hash that does not match.
    """
    if not 0 <= index < size:
        return False
    fn, sn = index, size - 1
    r = leaf_hash(leaf)
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Whether ``proof`` shows the tree ``new_root`` of ``new_size`` extends ``old_root``.

    RFC 9162 section 2.1.4.2, with the edge cases CT implementations agree on: equal sizes
    need an empty proof and equal roots; every tree extends the empty tree (empty proof).
    """
    if not 0 <= old_size <= new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


class Frontier:
    """A tree built one leaf at a time, keeping only its O(log n) complete left subtrees.

    ``Frontier`` fed the leaves of a range has the same `root` as `root` over them, without
    holding the range: what a writer keeps between two checkpoints.
    """

    __slots__ = ("_nodes", "_size")

    def __init__(self) -> None:
        self._nodes: list[bytes] = []
        """Roots of the complete subtrees, left to right, one per set bit of the size."""
        self._size = 0

    @property
    def size(self) -> int:
        """The number of leaves appended."""
        return self._size

    def append(self, data: bytes) -> None:
        """Add the leaf with data ``data`` at the right."""
        nodes = self._nodes
        h = _leaf_sha256(_LEAF + data).digest()
        s = self._size
        while s & 1:
            h = hashlib.sha256(_NODE + nodes.pop() + h).digest()
            s >>= 1
        nodes.append(h)
        self._size += 1

    def root(self) -> bytes:
        """The root of the tree over the leaves appended so far (`EMPTY_ROOT` for none)."""
        nodes = self._nodes
        if not nodes:
            return EMPTY_ROOT
        r = nodes[-1]
        for left in reversed(nodes[:-1]):
            r = node_hash(left, r)
        return r

    def __repr__(self) -> str:
        return f"Frontier(size={self._size})"

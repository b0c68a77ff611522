"""Inclusion proofs: one record of a sealed log, checkable without the log (docs/integrity.md).

An *inclusion proof* is one JSON object (`FORMAT`)::

    {"format": "registry-inclusion-proof-v1",
     "record": "<the record's line, without its newline, exactly as in the log>",
     "stream": "<S>", "seq": <N>, "index": <N - first>,
     "path": ["<hex>", ...],            # RFC 6962 audit path, nearest the leaf first
     "checkpoint": "<the checkpoint line, without its newline, exactly as signed>",
     "key": "<key id of the checkpoint's signing key>"}

It is proven when the checkpoint's signature is valid under a trusted key; the record's own
chain hash holds (``hash = sha256(prev_hash + hashed bytes)``, `chain.body_hash`); its stream
and sequence number are the proof's and lie in the checkpoint's range, at ``index``; and the
audit path leads from the record's hash (the leaf data) to the checkpoint's Merkle root
(`merkle.verify_inclusion`). `prove` builds one from log files, `check_proof` checks one:
the standard library, and `cryptography` (the ``signing`` extra) for the signature.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from binascii import unhexlify
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from .chain import MAX_LINE_BYTES, body_hash, is_control, parse, stream_seq
from .checkpoint import MAX_CHECKPOINT_BYTES, Checkpoint, parse_checkpoint, signature_valid
from .merkle import inclusion_proof, root, verify_inclusion
from .rotation import CHECKPOINT_SUFFIX, families
from .signing import PublicKeys
from .verify_scan import read_lines

FORMAT: Final = "registry-inclusion-proof-v1"
MAX_PROOF_BYTES: Final = 2 * MAX_LINE_BYTES + (1 << 16)
"""The largest proof a reader accepts: a longest record, every byte escaped, and the rest."""
_KEYS: Final = ("format", "record", "stream", "seq", "index", "path", "checkpoint", "key")
_HEX64: Final = re.compile(r"[0-9a-f]{64}")


class ProofError(Exception):
    """`prove` cannot build the proof. ``kind``: ``bad_id`` (not a UUID), ``not_found``,
    ``unsealed`` (no checkpoint covers it yet), ``tampered`` (the log does not match its
    checkpoint, or the id is on several records). Messages name lines, never record contents."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


# -- building ------------------------------------------------------------------------------


def build_proof(line: bytes, checkpoint: bytes, leaves: Sequence[bytes]) -> dict[str, Any]:
    """The proof of the record ``line`` under the checkpoint line ``checkpoint`` (both without
    newlines), ``leaves`` being the hashes (32 raw bytes) of the checkpoint's range in order.

    Raises `ValueError` when the inputs do not fit together (what `prove` checks first)."""
    position, sealed, parsed = stream_seq(line), parse_checkpoint(checkpoint), parse(line)
    if position is None or parsed is None or sealed is None:
        raise ValueError("not a record line of the current format and a checkpoint line")
    stream, seq = position
    if stream != sealed.stream or not sealed.first <= seq <= sealed.last:
        raise ValueError("the checkpoint does not seal the record's stream and sequence number")
    index = seq - sealed.first
    if len(leaves) != sealed.count or leaves[index] != unhexlify(parsed[1]):
        raise ValueError("the leaves are not the checkpoint's range")
    return {
        "format": FORMAT,
        "record": line.decode("utf-8"),
        "stream": stream,
        "seq": seq,
        "index": index,
        "path": [node.hex() for node in inclusion_proof(index, leaves)],
        "checkpoint": checkpoint.decode("ascii"),
        "key": sealed.key,
    }


def dumps(proof: dict[str, Any]) -> bytes:
    """The proof as the file `registry prove` writes (indented JSON, UTF-8, final newline)."""
    return (json.dumps(proof, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _lines(paths: Sequence[str]) -> Iterator[tuple[str, int, bytes]]:
    """``(file, 1-based line, line)`` of the complete records of the files, in order."""
    for path in paths:
        with open(path, "rb") as handle:
            for number, (line, _newline) in enumerate(read_lines(handle), 1):
                if line is not None and parse(line) is not None:
                    yield path, number, line


def _has_id(line: bytes, needle: bytes, record_id: str) -> bool:
    if needle not in line:
        return False
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and record.get("id") == record_id and not is_control(record)


def prove(
    paths: Sequence[str | os.PathLike[str]],
    record_id: str,
    checkpoints: Sequence[str | os.PathLike[str]] | None = None,
) -> dict[str, Any]:
    """The inclusion proof of the record with id ``record_id`` in the logs ``paths`` (files
    or directories; rotated files are read with their log), sealed by a checkpoint in
    ``checkpoints`` (default: each log's ``<log>.checkpoints``).

    Raises `ProofError` and `OSError`."""
    try:
        record_id = str(uuid.UUID(record_id))
    except ValueError:
        raise ProofError("bad_id", f"{record_id!r} is not a UUID") from None
    needle = b'"id":"' + record_id.encode("ascii") + b'"'
    grouped = families([os.fspath(p) for p in paths])
    found: list[tuple[str, str, int, bytes]] = []
    for active, files in grouped.items():
        found += [(active, *hit) for hit in _lines(files) if _has_id(hit[2], needle, record_id)]
    if not found:
        raise ProofError("not_found", f"no record with id {record_id} in the logs given")
    if len(found) > 1:
        where = ", ".join(f"{file}:{number}" for _a, file, number, _l in found[:5])
        raise ProofError(
            "tampered",
            f"{len(found)} records have the id {record_id} ({where}): run registry verify-log",
        )
    active, file, number, line = found[0]
    position, parsed = stream_seq(line), parse(line)
    if position is None or parsed is None:
        raise ProofError(
            "unsealed",
            f"{file}:{number}: the record is in the first format (no stream): never sealed",
        )
    if body_hash(parsed[0], line) != parsed[1]:
        raise ProofError(
            "tampered", f"{file}:{number}: the record does not match its own hash (edited)"
        )
    stream, seq = position
    if checkpoints:
        sources = [os.fspath(p) for p in checkpoints]
    else:
        sidecar = active + CHECKPOINT_SUFFIX
        sources = [sidecar] if os.path.exists(sidecar) else []  # never sealed: no file
    covering = [c for c in _checkpoints(sources, stream) if c[1].first <= seq <= c[1].last]
    if not covering:
        raise ProofError(
            "unsealed",
            f"{file}:{number}: record {seq} of stream {stream} is after the stream's last "
            "checkpoint: not sealed yet (prove it after the next checkpoint)",
        )
    ranges: dict[tuple[int, int], list[bytes] | None] = {}
    for text, checkpoint in covering:  # one, unless checkpoints were forged or copied
        span = (checkpoint.first, checkpoint.last)
        if span not in ranges:
            ranges[span] = _range_leaves(grouped[active], stream, checkpoint)
        leaves = ranges[span]
        if leaves is not None and root(leaves).hex() == checkpoint.root:
            try:
                return build_proof(line, text, leaves)
            except ValueError:  # sealed, yet not UTF-8: the sink never writes that
                break
    sealed = covering[0][1]
    raise ProofError(
        "tampered",
        f"records {sealed.first} to {sealed.last} of stream {stream} do not match the "
        "checkpoint sealing them (missing, edited or reordered): run registry verify-log",
    )


def _checkpoints(paths: Sequence[str], stream: str) -> Iterator[tuple[bytes, Checkpoint]]:
    for path in paths:
        with open(path, "rb") as handle:
            for line, _newline in read_lines(handle):
                if line is None or len(line) > MAX_CHECKPOINT_BYTES:
                    continue
                checkpoint = parse_checkpoint(line)
                if checkpoint is not None and checkpoint.stream == stream and checkpoint.count:
                    yield line, checkpoint


def _range_leaves(files: Sequence[str], stream: str, sealed: Checkpoint) -> list[bytes] | None:
    """The hashes of records ``first..last`` of ``stream``, or None when one is missing or
    appears twice."""
    leaves: dict[int, bytes] = {}  # only what the log holds, whatever the checkpoint claims
    for _file, _number, line in _lines(files):
        position = stream_seq(line)
        if position is None or position[0] != stream:
            continue
        index = position[1] - sealed.first
        if 0 <= index < sealed.count:
            parsed = parse(line)
            if index in leaves or parsed is None:
                return None
            leaves[index] = unhexlify(parsed[1])
    if len(leaves) != sealed.count:
        return None
    return [leaves[index] for index in range(sealed.count)]


# -- checking ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProofProblem:
    """Why a proof does not prove: ``kind`` (docs/integrity.md, "Proof for one record")."""

    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class ProofCheck:
    """The verdict on a proof: ``ok`` when nothing refutes it."""

    problems: tuple[ProofProblem, ...]
    stream: str
    seq: int
    checkpoint: Checkpoint | None

    @property
    def ok(self) -> bool:
        return not self.problems


class UnreadableProof(ValueError):
    """The document is not an inclusion proof of this format (not JSON, fields missing)."""


def read_proof(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The proof in the file ``path`` (`load_proof`); raises `UnreadableProof`, `OSError`."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_PROOF_BYTES + 1)
    if len(data) > MAX_PROOF_BYTES:
        raise UnreadableProof(f"larger than any proof ({MAX_PROOF_BYTES} bytes)")
    return load_proof(data)


def load_proof(data: bytes) -> dict[str, Any]:
    """The proof in ``data``, its fields' types checked; raises `UnreadableProof`."""
    try:
        proof = json.loads(data)
    except ValueError:
        raise UnreadableProof("not a JSON document") from None
    if not isinstance(proof, dict) or proof.get("format") != FORMAT:
        raise UnreadableProof(f"not an inclusion proof of format {FORMAT}")
    missing = [key for key in _KEYS if key not in proof]
    if missing:
        raise UnreadableProof(f"the proof lacks {', '.join(missing)}")
    texts = all(isinstance(proof[k], str) for k in ("record", "stream", "checkpoint", "key"))
    numbers = all(type(proof[k]) is int for k in ("seq", "index"))
    path = proof["path"]
    hashes = isinstance(path, list) and all(
        isinstance(h, str) and _HEX64.fullmatch(h) for h in path
    )
    if not (texts and numbers and hashes):
        raise UnreadableProof(
            "record, stream, checkpoint and key must be strings, seq and index integers, "
            "path a list of 64-character lowercase hex hashes"
        )
    return proof


def check_proof(proof: dict[str, Any], keys: PublicKeys) -> ProofCheck:
    """Check a proof (as `load_proof` returns it) against the trusted ``keys``."""
    problems: list[ProofProblem] = []

    def refute(kind: str, message: str) -> None:
        problems.append(ProofProblem(kind, message))

    stream, seq, index = proof["stream"], proof["seq"], proof["index"]
    line = proof["record"].encode("utf-8", "surrogatepass")  # a lone surrogate cannot match
    parsed = parse(line)
    own = b""
    if parsed is None or stream_seq(line) is None:
        refute("record", "the record is not a line of the chained log (format with streams)")
    else:
        own = parsed[1]
        if stream_seq(line) != (stream, seq):
            refute(
                "position",
                f"the record names its stream and seq differently from the proof "
                f"(stream {stream}, seq {seq})",
            )
        if body_hash(parsed[0], line) != own:
            refute("edited", "the record does not match its own hash: it was changed")
    checkpoint = parse_checkpoint(proof["checkpoint"].encode("utf-8", "surrogatepass"))
    if checkpoint is None:
        refute("checkpoint", "the checkpoint is not a checkpoint line (changed, or not one)")
        return ProofCheck(tuple(problems), stream, seq, None)
    raw = keys.get(checkpoint.key)
    if proof["key"] != checkpoint.key:
        refute("key", f"the proof names key {proof['key']}, the checkpoint key {checkpoint.key}")
    if raw is None:
        refute(
            "unknown_key",
            f"the checkpoint is signed by key {checkpoint.key}, none of the trusted public keys",
        )
    elif not signature_valid(checkpoint, raw, keys):
        refute("bad_signature", "the checkpoint's signature is not valid: changed or forged")
    if checkpoint.stream != stream:
        refute(
            "other_stream",
            f"the record is of stream {stream}, the checkpoint seals stream {checkpoint.stream}",
        )
    elif not checkpoint.first <= seq <= checkpoint.last:
        refute(
            "outside",
            f"record {seq} is outside the checkpoint's range {checkpoint.first} to {checkpoint.last}",
        )
    elif index != seq - checkpoint.first:
        refute(
            "index",
            f"index {index} is not the record's place in the range ({seq - checkpoint.first})",
        )
    elif seq == checkpoint.last and own and own.decode("ascii") != checkpoint.last_hash:
        refute("not_included", "the record is not the last record the checkpoint seals")
    if own and not verify_inclusion(
        unhexlify(own),
        index,
        checkpoint.count,
        [unhexlify(h) for h in proof["path"]],
        unhexlify(checkpoint.root),
    ):
        refute(
            "not_included",
            "the audit path does not lead from the record's hash to the checkpoint's Merkle "
            "root: the record, the path or the index was changed",
        )
    return ProofCheck(tuple(problems), stream, seq, checkpoint)

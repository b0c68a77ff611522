"""Signed checkpoints: what seals a stream's records (docs/integrity.md, "Format").

A checkpoint is one line of a checkpoint file (default ``<log>.checkpoints``), compact JSON
with its keys in this order and nothing else::

    {"checkpoint":1,"stream":"<S>","first":<A>,"last":<B>,"count":<C>,"root":"<hex>",
     "last_hash":"<hex>","prev":"<hex>","time":"<RFC 3339 UTC ms Z>","key":"<key id>",
     "next_key":null|"<hex raw public key>","sig":"<hex Ed25519 signature>"}

- it seals the records of stream ``S`` with sequence numbers ``A..B`` (``C = B - A + 1``
  records; ``C`` is 0 only for a key rotation with nothing new to seal, then ``B = A - 1``);
- ``root``: the RFC 6962 Merkle tree hash over the range, one leaf per record, the leaf data
  being the record's hash as 32 raw bytes; ``last_hash``: the hash of record ``B``;
- ``prev``: the checkpoint hash of the stream's previous checkpoint (64 zeros for its first);
  the *checkpoint hash* is ``sha256`` of the whole line without its newline, as hex;
- ``key``: the key id of the signing key (`registry_runtime.signing.key_id`); ``next_key``:
  a rotation, the new public key, that signs the stream's next checkpoints;
- ``sig``: Ed25519 over ``b"registry-checkpoint-v1\\n"`` + the line with ``,"sig":"..."``
  removed (its payload, ending in ``}``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Final

from .chain import STREAM_PATTERN, ZERO_HASH
from .signing import PublicKeys, Signer

DOMAIN: Final = b"registry-checkpoint-v1\n"
ZERO: Final = ZERO_HASH.decode("ascii")
_INT: Final = rb"(-1|0|[1-9][0-9]{0,18})"
_HEX64: Final = rb"([0-9a-f]{64})"
_LINE: Final = re.compile(
    rb'\{"checkpoint":1,"stream":"('
    + STREAM_PATTERN.encode()
    + rb')","first":'
    + _INT
    + rb',"last":'
    + _INT
    + rb',"count":'
    + _INT
    + rb',"root":"'
    + _HEX64
    + rb'","last_hash":"'
    + _HEX64
    + rb'","prev":"'
    + _HEX64
    + rb'","time":"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z)"'
    + rb',"key":"([0-9a-f]{32})","next_key":(null|"[0-9a-f]{64}")'
    + rb',"sig":"([0-9a-f]{128})"\}'
)
MAX_CHECKPOINT_BYTES: Final = 1024


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """One parsed checkpoint line (see the module docstring)."""

    stream: str
    first: int
    last: int
    count: int
    root: str
    last_hash: str
    prev: str
    time: str
    key: str
    next_key: str | None
    signature: bytes
    payload: bytes
    hash: str


def checkpoint_hash(line: bytes) -> str:
    """The checkpoint hash of a checkpoint line (without its newline)."""
    return hashlib.sha256(line).hexdigest()


def payload(
    stream: str,
    first: int,
    last: int,
    root: bytes,
    last_hash: str,
    prev: str,
    time: str,
    key: str,
    next_key: bytes | None = None,
) -> bytes:
    """The signed payload of a checkpoint (the line without ``sig``)."""
    rotation = b"null" if next_key is None else b'"' + next_key.hex().encode() + b'"'
    return b"".join(
        (
            b'{"checkpoint":1,"stream":"%s","first":%d,"last":%d,"count":%d,'
            % (stream.encode("ascii"), first, last, last - first + 1),
            b'"root":"%s","last_hash":"%s","prev":"%s","time":"%s","key":"%s","next_key":'
            % (root.hex().encode(), last_hash.encode(), prev.encode(), time.encode(), key.encode()),
            rotation,
            b"}",
        )
    )


def sign_line(data: bytes, signer: Signer) -> bytes:
    """The checkpoint line (with its newline) of payload ``data`` signed by ``signer``."""
    signature = signer.sign(DOMAIN + data)
    return data[:-1] + b',"sig":"' + signature.hex().encode() + b'"}\n'


def parse_checkpoint(line: bytes) -> Checkpoint | None:
    """The checkpoint on ``line`` (no newline), or None when it is not one."""
    match = _LINE.fullmatch(line)
    if match is None:
        return None
    groups = match.groups()
    sig_start = line.rindex(b',"sig":"')
    rotation = groups[9]
    return Checkpoint(
        stream=groups[0].decode(),
        first=int(groups[1]),
        last=int(groups[2]),
        count=int(groups[3]),
        root=groups[4].decode(),
        last_hash=groups[5].decode(),
        prev=groups[6].decode(),
        time=groups[7].decode(),
        key=groups[8].decode(),
        next_key=None if rotation == b"null" else rotation[1:-1].decode(),
        signature=bytes.fromhex(groups[10].decode()),
        payload=line[:sig_start] + b"}",
        hash=checkpoint_hash(line),
    )


def signature_valid(checkpoint: Checkpoint, public_key: bytes, keys: PublicKeys) -> bool:
    """Whether the checkpoint's signature is valid under the raw ``public_key``."""
    return keys.verify(public_key, checkpoint.signature, DOMAIN + checkpoint.payload)

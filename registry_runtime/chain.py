"""The hash-chained JSON Lines format written by `JsonLinesSink` and checked by `verify_log`.

Each line of the file is one record::

    {...record keys...,"prev_hash":"<64 hex>","hash":"<64 hex>"}\\n

- *body* is the record serialized by the emitter (``orjson.dumps(record)``: compact, no
  newline) *without* the two chain keys;
- the line is the body with its closing ``}`` replaced by the fixed-length suffix
  ``,"prev_hash":"<P>","hash":"<H>"}`` (always `SUFFIX_LEN` bytes), so ``prev_hash`` and
  ``hash`` are the last two keys and the line is still one JSON object;
- ``H = sha256(P_hex_ascii + body).hexdigest()``: each hash covers the previous hash and the
  record, so changing, removing, adding or moving any record changes every later hash;
- the first record of a file has ``P = "0" * 64``.

A verifier never re-serializes JSON: the body is the line minus its last `SUFFIX_LEN` bytes plus
``}``, byte for byte what was hashed, so key order, number formatting and unicode escaping can
never cause false alarms.
"""

from __future__ import annotations

import hashlib
import re
from typing import Final

ZERO_HASH: Final = b"0" * 64
_PREV_KEY: Final = b',"prev_hash":"'
_HASH_KEY: Final = b'","hash":"'
_END: Final = b'"}'
SUFFIX_LEN: Final = len(_PREV_KEY) + 64 + len(_HASH_KEY) + 64 + len(_END)
_SUFFIX: Final = re.compile(rb',"prev_hash":"([0-9a-f]{64})","hash":"([0-9a-f]{64})"\}')


def seal(body: bytes, prev_hash: bytes) -> tuple[bytes, bytes]:
    """The file line (with its newline) for ``body`` chained after ``prev_hash``, and its hash."""
    if body[-1:] in (b"\n", b"\r"):
        body = body.rstrip(b"\r\n")
    if len(body) < 3 or body[:1] != b"{" or body[-1:] != b"}" or b"\n" in body:
        raise ValueError("a chained record must be a non-empty JSON object on one line")
    digest = hashlib.sha256(prev_hash)
    digest.update(body)
    new_hash = digest.hexdigest().encode("ascii")
    line = b"".join((body[:-1], _PREV_KEY, prev_hash, _HASH_KEY, new_hash, _END, b"\n"))
    return line, new_hash


def parse(line: bytes) -> tuple[bytes, bytes] | None:
    """``(prev_hash, hash)`` of a structurally complete line (no newline), else None.

    Only the shape is checked here (the fixed suffix with two hex hashes after a ``{...``
    prefix); use `body_hash` to check the content.
    """
    if len(line) <= SUFFIX_LEN + 1 or line[:1] != b"{":
        return None
    match = _SUFFIX.fullmatch(line, len(line) - SUFFIX_LEN)
    if match is None:
        return None
    return match.group(1), match.group(2)


def body_of(line: bytes) -> bytes:
    """The hashed body of a structurally complete line."""
    return line[:-SUFFIX_LEN] + b"}"


def body_hash(prev_hash: bytes, line: bytes) -> bytes:
    """``sha256(prev_hash + body)`` of a structurally complete line, as hex bytes."""
    digest = hashlib.sha256(prev_hash)
    digest.update(memoryview(line)[:-SUFFIX_LEN])
    digest.update(b"}")
    return digest.hexdigest().encode("ascii")

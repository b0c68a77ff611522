"""The hash-chained JSON Lines format written by `JsonLinesSink` and checked by `verify_log`.

The full specification, precise enough for a writer in another language, is docs/integrity.md
("Format"); tests/vectors/ holds conformance vectors. In short, each line is one record::

    {...record keys...,"stream":"<S>","seq":<N>,"prev_hash":"<P>","hash":"<H>"}\\n

- *body* is the record serialized by the emitter (compact JSON object, one line) *without* the
  chain keys;
- the *hashed bytes* are the body with its closing ``}`` replaced by
  ``,"stream":"<S>","seq":<N>}``: the stream id and the sequence number are hashed;
- ``H = sha256(P_hex_ascii + hashed bytes).hexdigest()``; ``P`` is the ``H`` of the stream's
  previous record, ``"0" * 64`` for its first record (``seq`` 0);
- the line is the hashed bytes with their closing ``}`` replaced by the fixed-length suffix
  ``,"prev_hash":"<P>","hash":"<H>"}`` (always `SUFFIX_LEN` bytes).

Records of today's first format (before streams) have no ``stream`` and ``seq``: the hashed
bytes are the body itself and the file is one chain. `parse`, `body_hash` read both.

A verifier never re-serializes JSON: the hashed bytes are the line minus its last `SUFFIX_LEN`
bytes plus ``}``, byte for byte what was hashed, so key order, number formatting and unicode
escaping can never cause false alarms.

*Control records* are chained records the sink writes about the log itself; their body starts
with ``{"control":"``: ``abandoned`` (a crash fragment the recovering writer closed, see
`abandoned_body`) and ``checkpoint`` (a notice that a signed checkpoint sealed the stream up to
a sequence number, see `checkpoint_notice_body`). Readers of events skip them (`is_control`).
"""

from __future__ import annotations

import hashlib
import re
from binascii import hexlify
from typing import Any, Final

ZERO_HASH: Final = b"0" * 64
_PREV_KEY: Final = b',"prev_hash":"'
_HASH_KEY: Final = b'","hash":"'
_END: Final = b'"}'
SUFFIX_LEN: Final = len(_PREV_KEY) + 64 + len(_HASH_KEY) + 64 + len(_END)
_SUFFIX: Final = re.compile(rb',"prev_hash":"([0-9a-f]{64})","hash":"([0-9a-f]{64})"\}')

STREAM_PATTERN: Final = r"[A-Za-z0-9._-]{1,64}"
"""What a stream id may be: 1 to 64 ASCII letters, digits, ``.``, ``_``, ``-``."""
MAX_SEQ: Final = 2**63 - 1
_STREAM_ID: Final = re.compile(STREAM_PATTERN)
_STREAM_SEQ: Final = re.compile(
    rb',"stream":"(' + STREAM_PATTERN.encode() + rb')","seq":(0|[1-9][0-9]{0,18})\Z'
)
_STREAM_SEQ_MAX: Final = len(b',"stream":"","seq":') + 64 + 19
RECORD_TAIL: Final = re.compile(
    rb',"stream":"(' + STREAM_PATTERN.encode() + rb')","seq":(0|[1-9][0-9]{0,18})'
    rb',"prev_hash":"([0-9a-f]{64})","hash":"([0-9a-f]{64})"\}\n\Z'
)
"""The end of a current-format line read with its newline: stream, seq, prev_hash, hash.

One search from `TAIL_WINDOW` bytes before the newline finds what `parse` and `stream_seq`
find on the line without its newline (for a line that starts with ``{``)."""
TAIL_WINDOW: Final = _STREAM_SEQ_MAX + SUFFIX_LEN

CHAIN_KEYS: Final = ("stream", "seq", "prev_hash", "hash")
"""The keys the sink adds to each record, in order (the last keys of every line)."""
CONTROL_PREFIX: Final = b'{"control":"'
MAX_LINE_BYTES: Final = 16 * 1024 * 1024
"""The longest line the sink writes (newline included); longer records are refused."""


def valid_stream_id(stream: str) -> bool:
    """Whether ``stream`` is a valid stream id (`STREAM_PATTERN`)."""
    return _STREAM_ID.fullmatch(stream) is not None


def seal(
    body: bytes, prev_hash: bytes, stream: str | None = None, seq: int = 0
) -> tuple[bytes, bytes]:
    """The file line (with its newline) for ``body`` chained after ``prev_hash``, and its hash.

    With ``stream`` the line carries the stream id and ``seq`` (the current format); without,
    the first format (no stream).
    """
    line, new_hash, _ = seal_digest(body, prev_hash, stream, seq)
    return line, new_hash


def seal_digest(
    body: bytes, prev_hash: bytes, stream: str | None = None, seq: int = 0
) -> tuple[bytes, bytes, bytes]:
    """`seal`, with the record hash also as its 32 raw bytes (a checkpoint's Merkle leaf)."""
    if body[-1:] in (b"\n", b"\r"):
        body = body.rstrip(b"\r\n")
    if len(body) < 3 or body[:1] != b"{" or body[-1:] != b"}" or b"\n" in body:
        raise ValueError("a chained record must be a non-empty JSON object on one line")
    if stream is not None:
        head = b"".join(
            (
                body[:-1],
                b',"stream":"',
                stream.encode("ascii"),
                b'","seq":',
                str(seq).encode("ascii"),
            )
        )
    else:
        head = body[:-1]
    digest = hashlib.sha256(prev_hash)
    digest.update(head)
    digest.update(b"}")
    raw = digest.digest()
    new_hash = hexlify(raw)
    line = b"".join((head, _PREV_KEY, prev_hash, _HASH_KEY, new_hash, _END, b"\n"))
    return line, new_hash, raw


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


def stream_seq(line: bytes) -> tuple[str, int] | None:
    """``(stream, seq)`` of a structurally complete line of the current format, else None."""
    end = len(line) - SUFFIX_LEN
    match = _STREAM_SEQ.search(line, max(0, end - _STREAM_SEQ_MAX), end)
    if match is None:
        return None
    return match.group(1).decode("ascii"), int(match.group(2))


def body_of(line: bytes) -> bytes:
    """The hashed bytes of a structurally complete line."""
    return line[:-SUFFIX_LEN] + b"}"


def body_hash(prev_hash: bytes, line: bytes) -> bytes:
    """``sha256(prev_hash + hashed bytes)`` of a structurally complete line, as hex bytes."""
    digest = hashlib.sha256(prev_hash)
    digest.update(memoryview(line)[:-SUFFIX_LEN])
    digest.update(b"}")
    return digest.hexdigest().encode("ascii")


def is_control(record: dict[str, Any]) -> bool:
    """Whether a parsed line is a control record (not an event): readers of events skip it."""
    return "control" in record and "event" not in record


def strip_chain(record: dict[str, Any]) -> dict[str, Any]:
    """The record without the chain keys (`CHAIN_KEYS`), as the emitter serialized it."""
    return {key: value for key, value in record.items() if key not in CHAIN_KEYS}


def abandoned_body(length: int, digest: str) -> bytes:
    """The body of the control record a recovering writer appends after closing a fragment.

    The fragment is every byte after the last complete line of the file up to (not including)
    the newline the writer added or found: what a crashed writer left; ``length`` is its size
    and ``digest`` its sha256 in hex.
    """
    return b'{"control":"abandoned","bytes":%d,"sha256":"%s"}' % (length, digest.encode("ascii"))


_ABANDONED: Final = re.compile(
    rb'\{"control":"abandoned","bytes":(0|[1-9][0-9]{0,18}),"sha256":"([0-9a-f]{64})",'
)


def abandoned_of(line: bytes) -> tuple[int, bytes] | None:
    """``(bytes, sha256 hex)`` named by an ``abandoned`` control line, else None."""
    match = _ABANDONED.match(line)
    return None if match is None else (int(match.group(1)), match.group(2))

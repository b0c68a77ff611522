"""Field redaction: keyed hash (HMAC-SHA256), mask, truncate, drop.

- ``hash``: ``"hmac:" + key id + ":" + HMAC-SHA256(key, text as UTF-8).hexdigest()``, where
  text is ``str(value)``, a string that is an e-mail address normalised first (`email_text`;
  a structure's text is not). Keyed, so
  values stay joinable across events without being readable or guessable from a dictionary;
  the key id (`Redactor.key_id`) names the key, so a reader holding several keys (a rotation) knows
  which one made a value. Values written before key ids, ``"hmac:" + hex``, are still read
  (`is_hashed`, `Redactor.lookups`). The HMAC is RFC 2104 computed from two precomputed SHA-256
  states (key XOR ipad, key XOR opad) that are copied per value: the same bytes as
  `hmac.new(key, msg, "sha256")`, about twice as fast.
- ``mask``: ``str(value)`` with every character but the last 4 replaced by ``*``; values shorter
  than `MASK_MIN_LENGTH` characters are masked completely, so at most half of a value shows.
- ``truncate``: the first ``truncate_to`` characters of ``str(value)``.
- ``drop``: the field is omitted (handled by the emitter, as are credentials).

A structure (dict, list, tuple, set) given to one of these functions is redacted as ONE value,
its canonical JSON text (sorted keys), so neither its keys nor its shape show; ``mask`` and
``truncate`` would show part of that text (a key, a bracket), so a structure is hashed instead.

`writer` turns a `FieldSpec` tree into the function that writes one field's value: it redacts
declared members and list items each by its own (inherited) redaction, leaves out credentials
and dropped values at any depth and members the spec does not declare, and writes a value whose
shape is not the declared one as one value with the strongest redaction inside the spec.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any, Final

from .envelope import REDACTIONS, STRENGTH, FieldSpec
from .errors import AuditConfigurationError

DEFAULT_KEY_ENV: Final = "REGISTRY_AUDIT_HMAC_KEY"
MASK_MIN_LENGTH: Final = 8
MASK_KEEP: Final = 4
"""`mask` keeps at most the last 4 characters, and only of values `MASK_MIN_LENGTH` long."""
HASH_PREFIX: Final = "hmac:"
"""What every value the `hash` redaction writes starts with, before the key id and the digest."""
KEY_ID_LENGTH: Final = 8
KEY_ID_INPUT: Final = "registry key id"
"""The key id is the first `KEY_ID_LENGTH` hex digits of HMAC-SHA256(key, `KEY_ID_INPUT`)."""
DIGEST_LENGTH: Final = 64
HASHED_LENGTH: Final = len(HASH_PREFIX) + KEY_ID_LENGTH + 1 + DIGEST_LENGTH
"""``hmac:<key id>:<64 hex digits>``, what the `hash` redaction writes."""
LEGACY_HASHED_LENGTH: Final = len(HASH_PREFIX) + DIGEST_LENGTH
"""``hmac:<64 hex digits>``, what it wrote before key ids (still read)."""
HASHED_PATTERN: Final = f"{HASH_PREFIX}(?:[\\s\\S]{{{KEY_ID_LENGTH}}}:)?[\\s\\S]{{{DIGEST_LENGTH}}}"
"""`is_hashed` as a regular expression (unanchored; the same in Python and ECMAScript)."""
EMAIL_SPACE: Final = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""What `email_text` trims: Unicode White_Space and the byte order mark (one list, as both
runtimes' own notions of white space differ)."""
_BLOCK: Final = 64  # SHA-256 block size

Redaction = Callable[[Any], Any]


def resolve_key(hmac_key: bytes | str | None, env_var: str = DEFAULT_KEY_ENV) -> bytes:
    """The HMAC key from the argument, else from the environment; refuse missing or empty keys."""
    if hmac_key is None:
        from_env = os.environ.get(env_var)
        if from_env is None:
            raise AuditConfigurationError(
                f"no HMAC key for hash redaction: pass hmac_key=... or set the environment "
                f"variable {env_var} (a secret of 32 or more random bytes; keep it out of the "
                f"audit trail and stable, or hashed values stop joining across restarts)"
            )
        if not from_env:
            raise AuditConfigurationError(f"the environment variable {env_var} is set but empty")
        return from_env.encode("utf-8")
    if isinstance(hmac_key, str):
        key = hmac_key.encode("utf-8")
    elif isinstance(hmac_key, bytes | bytearray | memoryview):
        key = bytes(hmac_key)
    else:
        raise AuditConfigurationError(
            f"hmac_key must be bytes or str, not {type(hmac_key).__name__}"
        )
    if not key:
        raise AuditConfigurationError("hmac_key is empty; an empty key is refused")
    return key


def is_hashed(text: str) -> bool:
    """Whether ``text`` has the shape the ``hash`` redaction writes, with a key id or without
    (as written before key ids). The hex digits are not checked: no clear value takes that
    shape by accident."""
    if not text.startswith(HASH_PREFIX):
        return False
    length = len(text)
    return length == LEGACY_HASHED_LENGTH or (
        length == HASHED_LENGTH and text[len(HASH_PREFIX) + KEY_ID_LENGTH] == ":"
    )


def email_text(text: str) -> str:
    """The text the ``hash`` redaction hashes for a string: an e-mail address (after trimming
    `EMAIL_SPACE`, `is_email`) trimmed, in Unicode NFC, then lower-cased as a whole (domain
    and local part); anything else unchanged."""
    trimmed = text.strip(EMAIL_SPACE)
    if not is_email(trimmed):
        return text
    return unicodedata.normalize("NFC", trimmed).lower()


class Redactor:
    """Redaction functions bound to one HMAC key and truncation length."""

    __slots__ = ("_inner", "_outer", "_prefix", "functions", "key_id", "truncate_to")

    def __init__(self, key: bytes, truncate_to: int = 8) -> None:
        if not key:
            raise AuditConfigurationError("hmac_key is empty; an empty key is refused")
        if isinstance(truncate_to, bool) or not isinstance(truncate_to, int) or truncate_to < 0:
            raise AuditConfigurationError(
                f"truncate_to must be a non-negative integer, not {truncate_to!r}"
            )
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
        self.key_id = self.hmac_hex(KEY_ID_INPUT)[:KEY_ID_LENGTH]
        """Names the key in every value it hashes; reveals nothing of the key."""
        self._prefix = f"{HASH_PREFIX}{self.key_id}:"
        self.truncate_to = truncate_to
        self.functions: dict[str, Redaction | None] = {
            "none": None,
            "hash": self.hash,
            "mask": self.mask,
            "truncate": self.truncate,
        }

    def hmac_hex(self, text: str) -> str:
        """Hex HMAC-SHA256 of ``text`` (UTF-8; lone surrogates passed through)."""
        inner = self._inner.copy()
        inner.update(text.encode("utf-8", "surrogatepass"))
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()

    def hash(self, value: Any) -> Any:
        if type(value) is str:
            if "@" in value:
                value = email_text(value)
            inner = self._inner.copy()
            inner.update(value.encode("utf-8", "surrogatepass"))
            outer = self._outer.copy()
            outer.update(inner.digest())
            return self._prefix + outer.hexdigest()
        return self._prefix + self.hmac_hex(_text(value))

    def lookups(self, value: str) -> tuple[str, ...]:
        """Every text a record holds for ``value`` hashed under this key: what `hash` writes,
        and the form written before key ids (of ``value`` as given and as `email_text`)."""
        legacy = dict.fromkeys(
            HASH_PREFIX + self.hmac_hex(text) for text in (value, email_text(value))
        )
        return (self.hash(value), *legacy)

    def mask(self, value: Any) -> Any:
        if type(value) is str:
            text = value
        elif isinstance(value, _STRUCTURES):
            return self.hash(value)
        else:
            text = str(value)
        if len(text) < MASK_MIN_LENGTH:
            return "*" * len(text)
        return "*" * (len(text) - MASK_KEEP) + text[-MASK_KEEP:]

    def truncate(self, value: Any) -> Any:
        if type(value) is str:
            return value[: self.truncate_to]
        if isinstance(value, _STRUCTURES):
            return self.hash(value)
        return str(value)[: self.truncate_to]

    def apply(self, mode: str, value: Any) -> Any:
        """Redact ``value`` with ``mode`` (``drop`` gives ``None``: callers omit the key)."""
        if mode not in REDACTIONS:
            raise AuditConfigurationError(
                f"unknown redaction {mode!r}; expected one of {sorted(REDACTIONS)}"
            )
        if mode == "drop" or value is None:
            return None
        function = self.functions[mode]
        return value if function is None else function(value)


_STRUCTURES: Final = (dict, list, tuple, set, frozenset, Mapping)


def _text(value: Any) -> str:
    """The text a value is redacted as: ``str`` of a scalar, canonical JSON of a structure."""
    if not isinstance(value, _STRUCTURES):
        return str(value)
    try:
        return json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
        )
    except (TypeError, ValueError, RecursionError):  # keys of mixed types, cycles
        return repr(value)


def _plain(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if isinstance(value, Mapping):
        return dict(value)
    return str(value)


# -- writing a field's value by its spec --------------------------------------------------------

OMIT: Final = object()
"""What a `Writer` returns for a value that is never written (its key is left out)."""

Writer = Callable[[Any], Any]


def stronger(a: str, b: str) -> str:
    return a if STRENGTH[a] >= STRENGTH[b] else b


def strongest(spec: FieldSpec, enclosing: str = "none") -> str:
    """The strongest redaction anywhere in `spec` (``drop`` where a credential is)."""
    if spec.credential:
        return "drop"
    mode = stronger(spec.redact, enclosing)
    for inner in (*(spec.members or ()), *(() if spec.items is None else (spec.items,))):
        mode = stronger(mode, strongest(inner, mode))
    return mode


def writer(spec: FieldSpec, redactor: Redactor, enclosing: str = "none") -> Writer | None:
    """The function that writes a value of `spec` (``None``: the value is never written).

    - credential, or ``drop`` (its own or enclosing): never written;
    - declared members: a mapping is written with those members only, each by its own writer
      (a member set to None stays None); a list with declared items: each item by its writer;
    - no declared shape inside (a scalar, a free-form object or list, an object that declares
      no members under a redaction): redacted as one value;
    - a value of another shape (a string where an object is declared): if anything in the
      spec is redacted, the whole value is written as one value with the strongest redaction
      inside (left out when a credential or drop is inside); else as it is.
    """
    if spec.redact not in REDACTIONS:
        raise AuditConfigurationError(
            f"{spec.name}: unknown redaction {spec.redact!r}; expected one of {sorted(REDACTIONS)}"
        )
    mode = stronger(spec.redact, enclosing)
    if spec.credential or mode == "drop":
        return None
    members = tuple(
        (member.name, function)
        for member in spec.members or ()
        if (function := writer(member, redactor, mode)) is not None
    )
    items = writer(spec.items, redactor, mode) if spec.items is not None else None
    if spec.items is not None and items is None:
        return None  # every item is never written: neither is the list
    worst = strongest(spec, enclosing)
    if worst == "none":
        mismatch: Writer = _same
    elif worst == "drop":
        mismatch = _omit
    else:
        mismatch = redactor.functions[worst] or _same
    if spec.members is not None and (spec.members or mode == "none"):
        return _object_writer(members, mismatch)
    # an object that declares no members holds only unknown ones: under a redaction it is
    # one value, like a free-form object (what the docs, the JSON Schema and check-events say)
    if items is not None:
        return _list_writer(items, mismatch)
    function = redactor.functions[mode]
    return _same if function is None else function


def _same(value: Any) -> Any:
    return value


def _omit(value: Any) -> Any:
    return OMIT


def _object_writer(members: tuple[tuple[str, Writer], ...], mismatch: Writer) -> Writer:
    def write(value: Any) -> Any:
        if not isinstance(value, Mapping):
            return mismatch(value)
        out: dict[str, Any] = {}
        for name, function in members:
            if name in value:
                member = value[name]
                if member is None:
                    out[name] = None
                elif (written := function(member)) is not OMIT:
                    out[name] = written
        return out

    return write


def _list_writer(items: Writer, mismatch: Writer) -> Writer:
    def write(value: Any) -> Any:
        if not isinstance(value, list | tuple):
            return mismatch(value)
        return [
            item
            for item in (None if each is None else items(each) for each in value)
            if item is not OMIT
        ]

    return write


# last: `checks` imports this module's constants (the package imports this module first)
from .checks import is_email

"""Field redaction: keyed hash (HMAC-SHA256), mask, truncate, drop.

- ``hash``: ``"hmac:" + HMAC-SHA256(key, str(value) as UTF-8).hexdigest()``. Keyed, so values
  stay joinable across events without being readable or guessable from a dictionary. The HMAC
  is RFC 2104 computed from two precomputed SHA-256 states (key XOR ipad, key XOR opad) that
  are copied per value: the same bytes as `hmac.new(key, msg, "sha256")`, about twice as fast.
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
from collections.abc import Callable, Mapping
from typing import Any, Final

from .envelope import REDACTIONS, STRENGTH, FieldSpec
from .errors import AuditConfigurationError

DEFAULT_KEY_ENV: Final = "REGISTRY_AUDIT_HMAC_KEY"
MASK_MIN_LENGTH: Final = 8
MASK_KEEP: Final = 4
"""`mask` keeps at most the last 4 characters, and only of values `MASK_MIN_LENGTH` long."""
HASH_PREFIX: Final = "hmac:"
"""What every value the `hash` redaction writes starts with, before 64 hex digits."""
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


class Redactor:
    """Redaction functions bound to one HMAC key and truncation length."""

    __slots__ = ("_inner", "_outer", "functions", "truncate_to")

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
            inner = self._inner.copy()
            inner.update(value.encode("utf-8", "surrogatepass"))
            outer = self._outer.copy()
            outer.update(inner.digest())
            return HASH_PREFIX + outer.hexdigest()
        return HASH_PREFIX + self.hmac_hex(_text(value))

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

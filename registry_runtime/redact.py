"""Field redaction: keyed hash (HMAC-SHA256), mask, truncate, drop.

- ``hash``: ``"hmac:" + HMAC-SHA256(key, str(value) as UTF-8).hexdigest()``. Keyed, so values
  stay joinable across events without being readable or guessable from a dictionary. The HMAC
  is RFC 2104 computed from two precomputed SHA-256 states (key XOR ipad, key XOR opad) that
  are copied per value: the same bytes as `hmac.new(key, msg, "sha256")`, about twice as fast.
- ``mask``: ``str(value)`` with every character but the last 4 replaced by ``*``; values shorter
  than `MASK_MIN_LENGTH` characters are masked completely, so at most half of a value shows.
- ``truncate``: the first ``truncate_to`` characters of ``str(value)``.
- ``drop``: the field is omitted (handled by the emitter, as are credentials).

Lists, tuples and dict values are redacted element by element (recursively); dict keys and
``None`` elements are kept as they are.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import Any, Final

from .envelope import REDACTIONS
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
        structured = _structured(value, self.hash)
        if structured is not None:
            return structured
        return HASH_PREFIX + self.hmac_hex(str(value))

    def mask(self, value: Any) -> Any:
        if type(value) is str:
            text = value
        else:
            structured = _structured(value, self.mask)
            if structured is not None:
                return structured
            text = str(value)
        if len(text) < MASK_MIN_LENGTH:
            return "*" * len(text)
        return "*" * (len(text) - MASK_KEEP) + text[-MASK_KEEP:]

    def truncate(self, value: Any) -> Any:
        if type(value) is str:
            return value[: self.truncate_to]
        structured = _structured(value, self.truncate)
        if structured is not None:
            return structured
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


def _structured(value: Any, function: Redaction) -> Any:
    """Apply ``function`` inside lists, tuples and dicts; ``None`` for scalars."""
    if isinstance(value, list | tuple | set | frozenset):
        return [None if item is None else function(item) for item in value]
    if isinstance(value, dict):
        return {key: None if item is None else function(item) for key, item in value.items()}
    return None

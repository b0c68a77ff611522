"""What the ``hash`` redaction writes, computed independently of the runtimes (the standard
library's `hmac`): ``hmac:<key id>:<64 hex digits>``, the key id being the first 8 hex digits
of HMAC-SHA256(key, "registry key id"). For tests of clear text: `text` is hashed as given
(the runtimes normalise an e-mail address first; tests/vectors/hash_v1.json has those)."""

from __future__ import annotations

import hashlib
import hmac


def key_id(key: bytes | str) -> str:
    raw = key.encode() if isinstance(key, str) else key
    return hmac.new(raw, b"registry key id", hashlib.sha256).hexdigest()[:8]


def hmac_value(key: bytes | str, text: str) -> str:
    raw = key.encode() if isinstance(key, str) else key
    digest = hmac.new(raw, text.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
    return f"hmac:{key_id(raw)}:{digest}"

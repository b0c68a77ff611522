"""Conformance vectors of the ``hash`` redaction (tests/vectors/hash_v1.json): keys -> their key
ids, strings -> what `Redactor.hash` writes (e-mail addresses normalised) and what
`registry query --subject` looks for (`Redactor.lookups`). The TypeScript runtime must give the
same key ids and hashes (test_hash_vectors.py). Run as a script (or the tests with
``--update-goldens``) to rewrite the file; review the diff: a change is a format change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from registry_runtime.redact import Redactor

VECTORS = Path(__file__).parents[1] / "vectors" / "hash_v1.json"
KEYS = ("conformance-key-\u00e9\U0001f511", "k", "longer than a SHA-256 block " * 3)
VALUES = (
    "alice@example.com",
    "  Alice@Example.COM \t",  # surrounding spaces, upper case
    "\u00a0ALICE@EXAMPLE.COM\ufeff",  # no-break space, byte order mark
    "Zoe\u0308@B\u00dcCHER.Example",  # decomposed e-umlaut (NFC), IDN domain
    "zo\u00eb@b\u00fccher.example",
    "\u0130stanbul@\u0394\u03a3.example",  # dotted capital I, final sigma
    "\u0391\u03a3@example.com",
    "x\ud800@example.com",  # a lone surrogate
    "Not An@Address",  # a space inside: not an address, hashed as given
    # white space inside by the one explicit list (checks.EMAIL_SPACE_CLASS), not `\s`:
    "Ada\u00a0X@Example.com",  # no-break space: not an address
    "Ada@Exa\u2028mple.COM",  # line separator: not an address
    "A\ufeffda@Example.com",  # byte order mark: not an address (JavaScript's \s)
    "Ada@Example.C\u0085om",  # next line: not an address (Python's \s)
    "A\u180eda@Example.com",  # Mongolian vowel separator: an address (not white space)
    "A\u001cda@Example.com",  # file separator: an address (not white space; Python's \s)
    "a@b",  # no dot in the domain: not an address
    "u_42",
    "",
)


def build() -> dict[str, Any]:
    keys = []
    for key in KEYS:
        redactor = Redactor(key.encode("utf-8"))
        values = [
            {"value": value, "hashed": redactor.hash(value), "lookups": redactor.lookups(value)}
            for value in VALUES
        ]
        keys.append({"key": key, "key_id": redactor.key_id, "values": values})
    return {"format": "registry hash vectors v1 (docs/runtime.md)", "keys": keys}


def dump(vectors: dict[str, Any]) -> str:
    return json.dumps(vectors, indent=2, ensure_ascii=True) + "\n"


if __name__ == "__main__":
    VECTORS.write_text(dump(build()), "utf-8")
    sys.stdout.write(f"wrote {VECTORS}\n")

"""The ``hash`` redaction names its key (``hmac:<key id>:<hex>``), normalises e-mail addresses
before hashing, and what reads hashed values accepts both that form and the one written before
key ids. The values are checked against an independent reference (tests/hashing.py)."""

from __future__ import annotations

import re

import pytest
from hashing import hmac_value, key_id
from hypothesis import given
from hypothesis import strategies as st

from registry_runtime.checks import is_hashed
from registry_runtime.redact import HASHED_PATTERN, Redactor, email_text

KEY = b"k3y-for-key-id-tests"


@pytest.mark.parametrize("key", [b"k", KEY, "cl\u00e9 \U0001f511".encode(), b"x" * 100])
def test_the_key_id_is_8_hex_digits_of_an_hmac_and_never_the_key(key: bytes) -> None:
    redactor = Redactor(key)
    assert redactor.key_id == key_id(key)
    assert re.fullmatch("[0-9a-f]{8}", redactor.key_id)
    assert redactor.hash("v") == hmac_value(key, "v")
    assert redactor.hash("v").split(":")[1] == redactor.key_id
    assert key.hex()[:8] != redactor.key_id


def test_key_ids_tell_keys_apart() -> None:
    ids = {Redactor(f"key-{n}".encode()).key_id for n in range(200)}
    assert len(ids) == 200


@pytest.mark.parametrize(("given", "hashed_as"), [
    ("alice@example.com", "alice@example.com"),
    ("Alice@Example.COM", "alice@example.com"),  # local part and domain lower-cased
    ("  alice@example.com\t\n", "alice@example.com"),  # surrounding white space trimmed
    ("\u00a0\u3000alice@example.com\ufeff", "alice@example.com"),  # Unicode spaces, BOM
    ("Zoe\u0308@B\u00dcCHER.example", "zo\u00eb@b\u00fccher.example"),  # NFC, IDN domain
    ("\u0130@\u0394\u03a3.example", "i\u0307@\u03b4\u03c3.example"),  # full lower-casing
    ("xn--BCHER-KVA@example.com", "xn--bcher-kva@example.com"),  # ACE labels kept as written
    ("Not An@Address.com", "Not An@Address.com"),  # a space inside: not an address
    ("a@b", "a@b"),  # no dot in the domain: not an address
    ("@example.com", "@example.com"),
    ("Alice", "Alice"),
    (" Alice ", " Alice "),  # only an address is trimmed
])  # fmt: skip
def test_addresses_are_hashed_normalised_and_other_text_as_given(
    given: str, hashed_as: str
) -> None:
    assert email_text(given) == hashed_as
    assert Redactor(KEY).hash(given) == hmac_value(KEY, hashed_as)


def test_structures_are_hashed_as_their_text_without_normalising() -> None:
    assert Redactor(KEY).hash({"A@B.C": 1}) == hmac_value(KEY, '{"A@B.C":1}')


@pytest.mark.parametrize(("text", "hashed"), [
    ("hmac:" + "a" * 8 + ":" + "b" * 64, True),
    ("hmac:" + "b" * 64, True),  # written before key ids
    ("hmac:" + "a" * 8 + "-" + "b" * 64, False),
    ("hmac:" + "b" * 63, False),
    ("hmac:" + "a" * 8 + ":" + "b" * 65, False),
    ("HMAC:" + "b" * 64, False),
    ("alice@example.com", False),
])  # fmt: skip
def test_hashed_values_are_recognised_with_and_without_a_key_id(text: str, hashed: bool) -> None:
    assert is_hashed(text) is hashed
    assert bool(re.fullmatch(HASHED_PATTERN, text)) is hashed  # the JSON Schema's pattern


@given(st.text(max_size=40))
def test_every_hash_is_recognised_and_names_its_key(text: str) -> None:
    hashed = Redactor(KEY).hash(text)
    assert is_hashed(hashed)
    assert hashed.startswith(f"hmac:{key_id(KEY)}:")


def test_lookups_are_the_current_form_then_the_forms_before_key_ids() -> None:
    redactor = Redactor(KEY)
    legacy = [
        hmac_value(KEY, t).replace(f"{redactor.key_id}:", "") for t in ("Al@Ex.com", "al@ex.com")
    ]
    assert redactor.lookups("Al@Ex.com") == (redactor.hash("al@ex.com"), *legacy)
    assert redactor.lookups("u_42") == (redactor.hash("u_42"), legacy_of(redactor, "u_42"))


def legacy_of(redactor: Redactor, text: str) -> str:
    return "hmac:" + redactor.hmac_hex(text)

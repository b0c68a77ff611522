"""Redaction: keyed hash (HMAC-SHA256), mask, truncate, drop, and key resolution."""

from __future__ import annotations

import pytest
from hashing import hmac_value
from hypothesis import given
from hypothesis import strategies as st

from registry_runtime import AuditConfigurationError
from registry_runtime.redact import Redactor, resolve_key

KEY = b"k3y-for-tests"


reference = hmac_value


@given(st.binary(min_size=1, max_size=200), st.text().filter(lambda text: "@" not in text))
def test_hash_is_hmac_sha256_of_the_utf8_text(key: bytes, text: str) -> None:
    assert Redactor(key).hash(text) == reference(key, text)


def test_hash_of_non_strings_uses_str() -> None:
    redactor = Redactor(KEY)
    assert redactor.hash(42) == reference(KEY, "42")
    assert redactor.hash(True) == reference(KEY, "True")
    assert redactor.hash(1.5) == reference(KEY, "1.5")


def test_hash_is_keyed() -> None:
    assert Redactor(b"a").hash("x") != Redactor(b"b").hash("x")


@pytest.mark.parametrize(("value", "masked"), [
    ("4111111111111111", "************1111"),
    ("12345678", "****5678"),
    ("1234567", "*******"),  # short values are masked completely
    ("abc", "***"),
    ("", ""),
    (1234567890, "******7890"),
])
def test_mask_keeps_only_the_last_four_characters(value: object, masked: str) -> None:
    assert Redactor(KEY).mask(value) == masked


@pytest.mark.parametrize(("length", "value", "expected"), [
    (8, "Amsterdam-Zuid", "Amsterda"),
    (8, "short", "short"),
    (3, 123456, "123"),
    (0, "anything", ""),
])
def test_truncate(length: int, value: object, expected: str) -> None:
    assert Redactor(KEY, truncate_to=length).truncate(value) == expected


def test_a_structure_is_redacted_as_one_value_so_its_keys_never_show() -> None:
    redactor = Redactor(KEY, truncate_to=2)
    structure = {"ada@example.com": "en_GB", "b": [1, None]}
    canonical = '{"ada@example.com":"en_GB","b":[1,null]}'
    assert redactor.hash(structure) == reference(KEY, canonical)
    assert redactor.hash(["a", None, ["b"]]) == reference(KEY, '["a",null,["b"]]')
    # a part of the text would show a key or a bracket: structures are hashed instead
    assert redactor.mask(structure) == reference(KEY, canonical)
    assert redactor.truncate(("abc", {"k": "xyz"})) == reference(KEY, '["abc",{"k":"xyz"}]')
    assert redactor.hash({2: "x", "a": "y"}).startswith("hmac:")  # keys of mixed types


def test_apply_and_drop() -> None:
    redactor = Redactor(KEY)
    assert redactor.apply("none", "x") == "x"
    assert redactor.apply("drop", "x") is None
    assert redactor.apply("hash", None) is None
    assert redactor.apply("hash", "x") == reference(KEY, "x")
    with pytest.raises(AuditConfigurationError, match="unknown redaction"):
        redactor.apply("blur", "x")


def test_keys_longer_than_a_block_are_hashed_first_like_hmac() -> None:
    key = b"x" * 100
    assert Redactor(key).hash("v") == reference(key, "v")


def test_resolve_key(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_key("clé") == "clé".encode()
    assert resolve_key(b"\x00\x01") == b"\x00\x01"
    monkeypatch.setenv("SOME_KEY", "from-env")
    assert resolve_key(None, "SOME_KEY") == b"from-env"
    assert resolve_key("argument wins", "SOME_KEY") == b"argument wins"
    monkeypatch.delenv("SOME_KEY")
    with pytest.raises(AuditConfigurationError, match="SOME_KEY"):
        resolve_key(None, "SOME_KEY")
    with pytest.raises(AuditConfigurationError, match="empty"):
        resolve_key("")

"""The value recognisers of `registry.privacy.leaks`: what they find, what they leave alone,
and that a masked rendering never holds the value."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.checkevents.checker import describe
from registry.privacy import leaks
from registry.privacy.leaks import find_leaks, iban_valid, mask_keep

FOUND = [
    ("ada@corp.io", leaks.EMAIL, "a***@c***.io"),
    ("mail: Bob.Smith+audit@mail.example.org.", leaks.EMAIL, "B***@m***.org"),
    ("10.1.2.3", leaks.IP_ADDRESS, "10.***.***.***"),
    ("from 192.0.2.7 via proxy", leaks.IP_ADDRESS, "192.***.***.***"),
    ("fe80::1ff:fe23:4567:890a", leaks.IP_ADDRESS, "fe80:***"),
    ("::ffff:192.0.2.1", leaks.IP_ADDRESS, "192.***.***.***"),
    ("4111 1111 1111 1111", leaks.CARD_NUMBER, "************1111"),
    ("378282246310005", leaks.CARD_NUMBER, "************0005"),
    ("5555-5555-5555-4444", leaks.CARD_NUMBER, "************4444"),
    ("NL91ABNA0417164300", leaks.IBAN, "NL**************"),
    ("DE89 3704 0044 0532 0130 00", leaks.IBAN, "DE**************"),
    ("+31 20 123 4567", leaks.PHONE_NUMBER, "+31**********67"),
    ("(555) 555-0134", leaks.PHONE_NUMBER, "(55*********34"),
    ("+442079460000", leaks.PHONE_NUMBER, "+44********00"),
    ("AKIAIOSFODNN7EXAMPLE", leaks.SECRET, "AKIA****************"),
    ("ASIAY34FZKBOKMUTVV7A", leaks.SECRET, "ASIA****************"),
    ("ghp_" + "a1" * 18, leaks.SECRET, "ghp_****************"),
    ("github_pat_" + "A" * 22 + "_" + "b" * 59, leaks.SECRET, "github_pat_****************"),
    ("xoxb-1234567890-abcdefghij", leaks.SECRET, "xoxb-****************"),
    ("xapp-1-A0123456789-abcdef", leaks.SECRET, "xapp****************"),
    ("sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", leaks.SECRET, "sk_live_****************"),
    ("AIza" + "SyA-1234567890abcdefghijklmnopqrstu", leaks.SECRET, "AIza****************"),
    ("-----BEGIN PRIVATE KEY-----\nMIIEv", leaks.SECRET, "-----BEGIN PRIVATE KEY-----***"),
    ("-----BEGIN OPENSSH PRIVATE KEY-----", leaks.SECRET, "-----BEGIN OPENSSH PRIVATE KEY-----***"),
    ("Authorization: Bearer abc123def456ghi789", leaks.SECRET, "Bearer ****************"),
    ("Basic dXNlcjpwYXNzd29yZA==", leaks.SECRET, "Basic ****************"),
    ("https://admin:hunter2@db.internal/", leaks.SECRET, "://***:***@"),
    (
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        leaks.SECRET,
        "eyJ****************",
    ),
]

CLEAN = [
    "u_42",
    "rel_8f3k2m1q",
    "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    "2026-11-27T21:00:00.123Z",
    "2026-11-27",
    "10:00:00",
    "version 2.14.0",
    "v1.2.3.4",
    "CHG004211",
    "build 1234-5678",
    "1732740000123",  # epoch milliseconds: no card issuer starts with 1
    "4111111111111112",  # fails the Luhn check
    "NL91ABNA0417164301",  # fails the IBAN checksum
    "basic authentication was used",
    "the bearer of this note",
    "https://ci.internal/builds/8812/log",
    "hmac:" + "0123456789abcdef" * 4,
    "Promoted after the canary held for 30 minutes.",
    "00:1a:2b:3c:4d:5e",
]


@pytest.mark.parametrize(("text", "kind", "masked"), FOUND)
def test_recognised(text: str, kind: str, masked: str) -> None:
    found = find_leaks(text)
    assert [leak.kind for leak in found] == [kind]
    assert found[0].masked == masked


@pytest.mark.parametrize("text", CLEAN)
def test_left_alone(text: str) -> None:
    assert find_leaks(text) == []


def test_one_finding_per_kind_and_overlaps() -> None:
    kinds = {leak.kind for leak in find_leaks("ada@corp.io from 10.0.0.1, AKIAIOSFODNN7EXAMPLE")}
    assert kinds == {leaks.EMAIL, leaks.IP_ADDRESS, leaks.SECRET}
    # the digits of a card or an IBAN are not a phone number as well
    assert [x.kind for x in find_leaks("GB82 WEST 1234 5698 7654 32")] == [leaks.IBAN]
    # user:password@host is a password in a URL, not an e-mail address
    assert [x.kind for x in find_leaks("ftp://bob:pw1234@files.corp.io")] == [leaks.SECRET]


def test_iban_checksum() -> None:
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert not iban_valid("GB82 WEST 1234 5698 7654 33")
    assert not iban_valid("XX82WEST12345698765432")


@given(st.text(min_size=0, max_size=80))
@settings(max_examples=300, deadline=None)
def test_masks_never_show_more_than_half(text: str) -> None:
    masked = mask_keep(text, 3, 2)
    shown = len(masked) - masked.count("*")
    assert shown <= max(len(text) // 2, 0)


@given(st.from_regex(r"[a-z]{3,12}@[a-z]{3,10}\.(com|io|net)", fullmatch=True))
@settings(max_examples=100, deadline=None)
def test_emails_found_and_masked(address: str) -> None:
    (leak,) = find_leaks(f"contact {address} now")
    assert leak.kind == leaks.EMAIL
    assert address not in leak.masked
    assert address.split("@")[0] not in leak.masked or len(address.split("@")[0]) == 1


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_never_crashes(text: str) -> None:
    for leak in find_leaks(text):
        assert leak.kind in leaks.KINDS


def test_describe_quotes_only_safe_values() -> None:
    assert describe("fax") == "'fax'"
    assert describe("ada@corp.io") == "a 11-character string"
    assert describe("x" * 41) == "a 41-character string"
    assert describe("a\nb") == "a 3-character string"
    assert describe(None) == "null"
    assert describe(True) == "true"
    assert describe([1]) == "an array"

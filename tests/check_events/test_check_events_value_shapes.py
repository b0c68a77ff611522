"""Value shapes the recognisers generalise to (issue 17), one table per rule.

Examples written for these tests from the rules (no row of bench/accuracy's held-out files).
"""

from __future__ import annotations

import random
import string

import pytest

from registry.privacy import leaks
from registry.privacy.leaks import find_leaks

R = random.Random(1702)
URLSAFE = "".join(R.choice(string.ascii_letters + string.digits + "-_") for _ in range(38))
URLSAFE_KEY = "Ab7" + URLSAFE[:17] + "-" + URLSAFE[17:35] + "_"  # 40 characters
assert len(URLSAFE_KEY) == 40


def kinds(text: str) -> set[str]:
    return {leak.kind for leak in find_leaks(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a token before @ in a URL is a secret (its prefix says so), never an address
        ("https://x-access-token:ghs_" + "k3Y9" * 9 + "@github.com/acme/api.git", {leaks.SECRET}),
        ("https://oauth2:glpat-" + "Zq81" * 5 + "@git.acme.io/ops.git", {leaks.SECRET}),
        ("clone https://ci-bot@git.acme.io/ops.git", set()),  # a user name alone
        ("https://" + "f0a1" * 8 + "@o42.ingest.errors.io/7", set()),  # a DSN's public key
        # an address after the authority ends is mail
        ("https://acme.io/contact?to=jane.roe@acme-mail.org", {leaks.EMAIL}),
        ("https://acme.io/p jane.roe@acme-mail.org", {leaks.EMAIL}),
        ("mailto:jane.roe@acme-mail.org", {leaks.EMAIL}),
    ],
)
def test_an_address_in_the_user_part_of_a_url_is_not_mail(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EUR 12 345 678,90", set()),
        ("total USD 4 500 120 300", set()),
        ("CHF 1 250 000.00 booked", set()),
        ("call 030 12345678 about EUR 12", {leaks.PHONE_NUMBER}),
    ],
)
def test_an_amount_after_a_currency_code_is_no_phone_number(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (URLSAFE_KEY, {leaks.SECRET}),  # 40 characters of the URL-safe alphabet, random
        (f"token {URLSAFE_KEY}", {leaks.SECRET}),
        ("a" * 20 + "-" + "b" * 19, set()),  # no entropy
        ("build-2024-11-27-release-candidate-0001", set()),  # words and digits
        ("0123456789abcdef0123456789abcdef01234567", set()),  # a git SHA: hex, one case
        (URLSAFE_KEY + "x", {leaks.SECRET}),  # 41 characters: a longer token (issue 17)
    ],
)
def test_a_random_40_character_url_safe_key_is_a_secret(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


MIXED = "".join(R.choice(string.ascii_letters + string.digits) for _ in range(40))
HEXBODY = "".join(R.choice("0123456789abcdef") for _ in range(32))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"acme_{MIXED}", {leaks.SECRET}),  # an issuer this module has no rule for
        (f"token=zz_live_{MIXED}", {leaks.SECRET}),
        (f"deploy with qq-{MIXED} now", {leaks.SECRET}),
        (f"cus_{MIXED[:14]}", set()),  # an object id: short
        (f"pk_live_{MIXED}", set()),  # publishable: public by design
        (f"usr_{HEXBODY}", set()),  # a prefixed hex id: one case
        ("evt_0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", set()),  # a prefixed UUID
        ("feature_flag_enabled_for_all_users_in_eu_west", set()),  # words
    ],
)
def test_a_token_in_the_shape_issuers_use_is_a_secret(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


def _luhn(body: str) -> str:
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return body + str((10 - total % 10) % 10)


@pytest.mark.parametrize(
    ("prefix", "length", "found"),
    [("2201", 16, True), ("2204", 19, True), ("9792", 16, True), ("9860", 16, True),
     ("2205", 16, False), ("9792", 15, False)],
)  # fmt: skip
def test_card_brands_of_the_published_iin_ranges(prefix: str, length: int, found: bool) -> None:
    number = _luhn(prefix + "1234567890123456"[: length - len(prefix) - 1])
    grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    assert (leaks.CARD_NUMBER in kinds(grouped)) is found

"""check-events' value recognisers, round 5 of issue 17: one case per class of the round,
written from the rule (numbers generated here with the schemes' published check digits, not
taken from a held-out split)."""

from __future__ import annotations

import random
import string

import pytest

from registry.privacy import leaks

_R = random.Random(5)


def _text(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(_R.choice(alphabet) for _ in range(n))


def _hex(n: int) -> str:
    return _text(n, "0123456789abcdef")


def _uuid() -> str:
    return f"{_hex(8)}-{_hex(4)}-4{_hex(3)}-a{_hex(3)}-{_hex(12)}"


def kinds(value: str) -> list[str]:
    return [leak.kind for leak in leaks.find_leaks(value)]


NATIONAL = [
    "matricule 1969081559445",  # Luxembourg: Luhn and Verhoeff, bare strength
    "1969081559445",
    "IDNP 2580798694112",  # Moldova
    "ІПН 2255551092",  # Ukraine's RNOKPP after its short label
    "ИИН 760519413483",  # Kazakhstan
    "СНИЛС 269-059-298 20",  # Russia, in its own grouping
    "269-059-298 20",
    "IRD number 030-494-288",  # New Zealand: the scheme's name before a head noun
    "Emirates ID 784-1989-4718720-3",
    "784-1989-4718720-3",
    "Iqama 2476047580",  # Saudi Arabia
    "کد ملی 7439616278",  # Iran
    "PIS 118.68543.12-3",  # Brazil
    "118.68543.12-3",
    "Medicare card 2890 07949 5",  # Australia: the scheme's name before "card"
    "NHS number 421 761 7666",
    '{"nhs_no": "4217617666"}',  # a key in snake case, in JSON
    "Rentenversicherungsnummer 53110880S859",  # Germany
    "TAJ szám: 589 809 052",  # Hungary
    "samordningsnummer 731087-8629",  # Sweden: day + 60
]


@pytest.mark.parametrize("value", NATIONAL)
def test_national_identifiers_of_further_schemes(value: str) -> None:
    assert kinds(value) == ["national_id"]


@pytest.mark.parametrize(
    "value",
    [
        "NHS number 421 761 7665",  # check digit changed
        "Iqama 2476047581",
        "TAJ szám: 589 809 053",
        "SIN 046 454 287",
        "TFN 123 456 781",
    ],
)
def test_a_number_after_a_schemes_name_that_fails_it_is_neither_an_id_nor_a_phone(
    value: str,
) -> None:
    assert kinds(value) == []


def test_a_label_naming_one_scheme_keeps_weak_schemes_of_other_countries_out() -> None:
    assert kinds("kennitala 150372-3419") == []  # no kennitala; a Danish CPR by shape
    assert kinds("CPR 150372-3419") == ["national_id"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Telefon: (+372) 612 3456", ["phone_number"]),  # a country code in brackets
        ("code sent by SMS (+33 6 12 34 56 78)", ["phone_number"]),
        ("USPS 9400 1000 0000 0000 0000 00", []),  # a carrier's number
        ("label 9400 1000 0000 0000 0000 00 printed", []),  # pieces of a longer chain
        ("room B12 0151 40558339", ["phone_number"]),  # a code's word is no chain
    ],
)
def test_phone_numbers_in_brackets_and_chains(value: str, expected: list[str]) -> None:
    assert kinds(value) == expected


def test_an_iban_shape_with_a_wrong_checksum_is_no_phone_and_an_iban_no_card() -> None:
    assert kinds("AD12 0001 2030 2003 5910 0101") == []  # a wrong checksum
    assert kinds("payout to IBAN EG38 0019 0005 0000 0000 2631 8000 2") == ["iban"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://203.0.113.7/health", ["ip_address"]),
        ("Chrome/120.0.6099.109", []),
        ("GET /optout?email=ana.silva%40example.pt", ["email"]),
        ("user@münchen.example", ["email"]),
        ("µ-admin@example.org", ["email"]),
        ('"jane doe"@example.net', ["email"]),
    ],
)
def test_addresses_in_further_forms(value: str, expected: list[str]) -> None:
    assert kinds(value) == expected


SECRETS = [
    f"ATBB{_text(32)}",
    "dt0c01." + _text(24, string.ascii_uppercase + string.digits) + "." + _text(64, "ABC123"),
    f"oy2{_text(43, string.ascii_lowercase + string.digits)}",
    f"lsv2_sk_{_hex(32)}_{_hex(10)}",
    f"access_token$production${_text(16, string.ascii_lowercase + string.digits)}${_hex(32)}",
    f"https://x.webhook.office.com/webhookb2/{_uuid()}@{_uuid()}/IncomingWebhook/{_hex(32)}/a",
    f"ya29.{_text(60)}",
    f"mailgun key-{_hex(32)}",
    f"{_hex(32)}-us14",
    f"sdk-{_uuid()}",
    f"AZURE_DEVOPS_EXT_PAT={_text(52, string.ascii_lowercase + '234567')}",
    f"napi_{_text(60, string.ascii_lowercase + string.digits)}",
    f"kubeadm join cp.internal:6443 --token {_text(6, 'abc123')}.{_text(16, 'abcdef0123')}",
    f"machine ftp.example.org login bob password {_text(14)}",
    f"WIFI:T:WPA;S:Guest;P:{_text(12)};;",
    f"C: AUTH PLAIN {_text(24)}=",
    f"https://fn.azurewebsites.net/api/x?code={_text(50)}",
]


@pytest.mark.parametrize("value", SECRETS)
def test_secrets_of_further_issuers_and_containers(value: str) -> None:
    assert kinds(value) == ["secret"]


@pytest.mark.parametrize(
    "value",
    [
        "api_key=YOUR_API_KEY",
        "password=DB_PASSWORD",
        "token: your-token-here",
        "--token <token>",
        "git log --password-file=x",
        "https://example.com/callback?code=abc",
        f"slug-{'-'.join(['guide'] * 10)}",
        f"key-{_hex(31)}",
        f"blog_{_text(45, string.ascii_lowercase)}",  # small letters, no digits: a word run
    ],
)
def test_placeholders_and_look_alikes_are_no_secret(value: str) -> None:
    assert "secret" not in kinds(value)

"""Table-driven cases for each value recogniser of check-events: positives in many regions
and formats, and the hard negatives that share their shapes. The values are synthetic or the
published specimen numbers of each scheme; none is a real person's."""

from __future__ import annotations

import pytest

from registry.privacy import leaks
from registry.privacy.leaks import find_leaks
from registry.privacy.national_ids import identify
from registry.privacy.phones import is_phone, parse_regions


def kinds(text: str, regions: tuple[str, ...] = leaks.DEFAULT_REGIONS) -> list[str]:
    return [leak.kind for leak in find_leaks(text, regions)]


PHONES = [
    "+44 7700 900123",  # UK, drama range: possible, not valid
    "+1 (415) 555-0132",
    "(212) 555-0147",
    "415.555.0199",
    "212-555-0147",
    "call 06 12 34 56 78",  # France, national
    "020 7946 0018",  # London, national
    "+81 90-1234-5678",
    "090-1234-5678",  # Japan, national
    "010-1234-5678",  # Korea, national
    "+82 10 1234 5678",
    "+91 98765 43210",
    "0412 345 678",  # Australia, national
    "+61 2 9876 5432",
    "+55 11 91234-5678",
    "(11) 91234-5678",  # Brazil, area code in brackets
    "+27 82 123 4567",
    "+234 803 123 4567",
    "612 34 56 78",  # Spain: no trunk prefix
    "06-12345678",  # Netherlands, national
    "+33612345678",  # compact, international
    "0151 23456789",  # Germany, national
]

NOT_PHONES = [
    "Ticket 2023 9988 9605",
    "ISBN 978-0-306-40615-7",
    "INV-2024-000123",
    "order 1234 5678 9012",
    "CAT 8861 8489 8047",
    "2026-11-27T21:00:00Z",
    "10:00:00 - 11:30:00",
    "build 1234-5678",
    "PO 6712485407",
    "12345678901",  # a bare run of digits is an id
    "3 units @ 4.99",
    "1.5 - 2.5 - 3.5 kg",
    "8861 8489 8047",  # valid in Germany only without the trunk prefix
    "2024-01-01/2025-12-31",
    "Case No. 2020-CV-254660",
    "ZIP 94105-1234",
    "total 1 234 567 890",
]


@pytest.mark.parametrize("text", PHONES)
def test_phone_numbers(text: str) -> None:
    assert kinds(text) == [leaks.PHONE_NUMBER], text


@pytest.mark.parametrize("text", NOT_PHONES)
def test_not_phone_numbers(text: str) -> None:
    assert leaks.PHONE_NUMBER not in kinds(text), text


def test_regions_decide_national_formats() -> None:
    assert kinds("0151 23456789", ("DE",)) == [leaks.PHONE_NUMBER]
    assert kinds("0151 23456789", ("US",)) == []
    # international and North American numbers are recognised whatever the regions
    assert kinds("+49 151 23456789", ("US",)) == [leaks.PHONE_NUMBER]
    assert is_phone("(212) 555-0147", ("DE",))
    assert parse_regions(" gb, FR ") == ("GB", "FR")
    for wrong in ("", "XX", "GB,ZZ"):
        with pytest.raises(ValueError, match="region"):
            parse_regions(wrong)


NATIONAL_IDS = [
    ("SSN 536-90-4399", "us.ssn"),
    ("536-90-4399", "us.ssn"),
    ("111.444.777-35", "br.cpf"),
    ("11144477735", "br.cpf"),
    ("12345678Z", "es.dni"),
    ("X1234567L", "es.nie"),
    ("811228-9874", "se.personnummer"),
    ("131052-308T", "fi.hetu"),
    ("44051401359", "pl.pesel"),
    ("RCCMNL83S18D969H", "it.codicefiscale"),
    ("15108695088", "no.fodselsnummer"),
    ("710319/2745", "cz.rc"),
    ("BOXW310820HNERXN09", "mx.curp"),
    ("756.9217.0769.85", "ch.ssn"),
    ("2341 2341 2346", "in_.aadhaar"),
    ("971013-9019902", "kr.rrn"),
    ("BSN 111222333", "nl.bsn"),
    ("id: 111222333", "nl.bsn"),
    ("11010519491231002X", "cn.ric"),
    ("S1234567D", "sg.nric"),
    ("12.879.797-1", "cl.rut"),
    ("1 75 12 57 376 872 42", "fr.nir"),
]

NOT_NATIONAL_IDS = [
    "386230530",  # nine bare digits: an SSN only in its grouping or after a label
    "id: 123456789",  # fails the 11-proof
    "order 44051401359",  # a thing's number
    "Ticket 2341 2341 2346",
    "1732740000123",  # epoch milliseconds
    "DE136695976",  # a VAT number: an organisation's
    "0151 40558339",  # a phone number
    "+61 491 570 083",  # the rest of an international number
    "v1.2.3.4",
    "Chrome/128.0.6191.47",
    "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    "2026-11-27T21:00:00.123Z",
    "INV-2021-445175",
]


@pytest.mark.parametrize(("text", "scheme"), NATIONAL_IDS)
def test_national_identifiers(text: str, scheme: str) -> None:
    (leak,) = find_leaks(text)
    assert leak.kind == leaks.NATIONAL_ID, text
    assert set(leak.masked) == {"*"}
    label, _, number = text.rpartition(" ") if text[0].isalpha() and " " in text else ("", "", text)
    assert identify(number, label.rstrip(":").lower()) == scheme


@pytest.mark.parametrize("text", NOT_NATIONAL_IDS)
def test_not_national_identifiers(text: str) -> None:
    assert leaks.NATIONAL_ID not in kinds(text), text


SECRETS = [
    "glpat-" + "a1B2c3D4e5F6g7H8i9J0",
    "npm_" + "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hI6",
    "shpat_" + "0123456789abcdef" * 2,
    "EAAA" + "l0ngSquareT0kenValue_ab-cd" * 2,
    "123456789:AA" + "Fq3xNd9kLmP2rT5vW8yZ1bC4eG7hJ0kMn",
    "PMAK-" + "0123456789abcdef01234567" + "-" + "0123456789abcdef0123456789abcdef01",
    "GOCSPX-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9S",
    "sk-proj-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2",
    "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh",
    "sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc",
    "SG." + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7O" + "." + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz3Ab4C",
    "hvs." + "CAESIAb1Cd2Ef3Gh4Ij5Kl6Mn7",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",  # AWS secret key, no prefix
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + "Zm9vYmFy" * 11 + "==",
    "password=Tr0ub4dor&3",
    "DB_PASSWORD: 'c0rrect-h0rse'",
    "Server=db;Database=app;User Id=sa;Password=S3cure!pass;",
    "https://:ghp" + "x" * 10 + "7@github.com/org/repo.git",
    "git+https://" + "5c4be4c38afc28b38aa2" + "c65e4458a99d2318f18a" + "@git.corp/org/tools.git",
    "https://app.corp/callback?code=1&access_token=ya29" + "Ab1Cd2Ef3Gh4",
    "https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&sig=Ab1Cd2Ef3Gh4Ij5Kl6%3D",
]

NOT_SECRETS = [
    "postgres://app:****@db.internal:5432/app",
    "postgres://app:${DB_PASSWORD}@db.internal/app",
    "password: <redacted>",
    "password=********",
    "Bearer [REDACTED]",
    "bearer token expired",
    "token: expired",
    "pk_live_" + "kjkRDxUOZWxmpRBMh1sb6QHa",
    "sha384-" + "ERp9n8//oHxy3vGwu1uwlbtLS8cCDAC2AvQ05I3IsYFSLeILX9bLyNqYJ/zKO/Lu",
    "da39a3ee5e6b4b0d3255bfef95601890afd80709",  # SHA-1 in hex
    "A" * 40,
    "https://bdd5f3e251e092083a21cb153f1e9ee1@o954943.ingest.sentry.io/4001859",  # a public DSN
    "https://cobalt@git.internal.corp/org/repo.git",
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGbY4e5xJZ7y2Lq3F1x4G8p9KkzVnQdYw2r6T8sM5uH0 ada@laptop",
    "-----BEGIN CERTIFICATE-----\nMIIB",
    "cus_" + "NffrFeUfNV2Hib",
    "password_policy=strict",
]


@pytest.mark.parametrize("text", SECRETS)
def test_secrets(text: str) -> None:
    found = find_leaks(text)
    assert [leak.kind for leak in found] == [leaks.SECRET], text
    assert text[-12:] not in found[0].masked


@pytest.mark.parametrize("text", NOT_SECRETS)
def test_not_secrets(text: str) -> None:
    assert leaks.SECRET not in kinds(text), text


EMAILS = ["mailto:ada@corp.io", "Ada Lovelace <ada@corp.de>", "ada+audit@xn--bcher-kva.de"]
NOT_EMAILS = [
    "icon@2x.png",
    "lodash@4.17.21",
    "git@git.internal.corp:org/repo.git",
    "https://key123@o1.ingest.example.io/1",
    "@channel",
    "3 units @ 4.99",
    "registry.internal/app@sha256:" + "ab" * 32,
    "https://ember@git.internal.corp/org/repo.git",
]


@pytest.mark.parametrize("text", EMAILS)
def test_emails(text: str) -> None:
    assert kinds(text) == [leaks.EMAIL], text


@pytest.mark.parametrize("text", NOT_EMAILS)
def test_not_emails(text: str) -> None:
    assert leaks.EMAIL not in kinds(text), text


IPS = ["10.0.0.1:8080", "[2001:db8::1]:443", "from 84.2.19.186, 130.248.167.235", "::ffff:10.1.2.3"]
NOT_IPS = [
    "version 3.12.1.0",
    "v9.14.7.92",
    "5.10.0.12-amd64",
    "Chrome/120.0.6099.71",
    "OID 2.5.4.3",
    "kernel 6.1.0.18",
    "1.3.6.1.4.1.311",
]


@pytest.mark.parametrize("text", IPS)
def test_ip_addresses(text: str) -> None:
    assert kinds(text) == [leaks.IP_ADDRESS], text


@pytest.mark.parametrize("text", NOT_IPS)
def test_not_ip_addresses(text: str) -> None:
    assert leaks.IP_ADDRESS not in kinds(text), text


def test_cards_and_ibans_in_any_grouping() -> None:
    assert kinds("3752 970721 96099") == [leaks.CARD_NUMBER]
    assert kinds("LU34656V7NX3ZN2MHHOJ") == [leaks.IBAN]  # few digits in a row
    assert kinds("IBAN: MT07HPLO13269L3K0E5RMONGOFOG7YW") == [leaks.IBAN]

"""check-events' value recognisers, round 7 of issue 17: representative shapes of each class
the round fixed, and clean look-alikes that must draw no error-level report. Numbers and
tokens are generated here (check digits from the schemes' published rules, random bodies in
the issuers' formats), not taken from a held-out split."""

from __future__ import annotations

import random
import string
import uuid
from pathlib import Path

import pytest

from registry.checkevents import codes
from registry.findings import Severity
from registry.privacy import leaks

_R = random.Random(7)
ALNUM = string.ascii_letters + string.digits
ERROR_KINDS = frozenset(
    kind for kind, code in codes.LEAK_CODES.items() if codes.severity(code) is Severity.ERROR
)


def _text(n: int, alphabet: str = ALNUM) -> str:
    return "".join(_R.choice(alphabet) for _ in range(n))


def _digits(n: int) -> str:
    return _R.choice("123456789") + _text(n - 1, string.digits)


def _hex(n: int) -> str:
    return _text(n, "0123456789abcdef")


def _password(n: int = 16) -> str:
    # capitals, small letters and digits, as a password generator gives them
    return _text(n - 3) + _R.choice(string.ascii_uppercase) + _R.choice("abcdef") + "7"


def kinds(value: str) -> list[str]:
    return [leak.kind for leak in leaks.find_leaks(value)]


def _weighted(number: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(number, weights, strict=False))


def _luhn_complete(body: str) -> str:
    for last in string.digits:
        number = body + last
        total = 0
        for i, char in enumerate(reversed(number)):
            d = int(char) * (2 if i % 2 else 1)
            total += d - 9 if d > 9 else d
        if total % 10 == 0:
            return number
    raise AssertionError(body)


def _bis() -> str:
    """Belgium's BIS number: a birth date whose month is raised by 40, a serial, 97 - n % 97."""
    body = f"{_R.randint(60, 99)}{_R.randint(41, 52)}{_R.randint(10, 28)}{_R.randint(1, 997):03d}"
    return f"{body}{97 - int(body) % 97:02d}"


def _nhs_mod11(lead: str) -> str:
    while True:
        body = lead + _text(9 - len(lead), string.digits)
        check = 11 - _weighted(body, tuple(range(10, 1, -1))) % 11
        if check != 10:
            return body + str(check % 11)


def _cui() -> str:
    dni = _text(8, string.digits)
    return f"{dni}-{'65432110987'[_weighted(dni, (3, 2, 7, 6, 5, 4, 3, 2)) % 11]}"


def _ec_cedula() -> str:
    body = f"{_R.randint(1, 24):02d}{_R.randint(0, 5)}{_text(6, string.digits)}"
    total = 0
    for i, char in enumerate(body):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return body + str(-total % 10)


def _mod11_from_right(body: str) -> int:
    return _weighted(body[::-1], tuple(range(2, 20))) % 11


def _py_ruc() -> str:
    ci = _digits(7)
    check = 11 - _mod11_from_right(ci)
    return f"{ci}-{0 if check > 9 else check}"


def _gt_nit() -> str:
    body = _digits(7)
    check = -_mod11_from_right(body) % 11
    return f"{body}-{'K' if check == 10 else check}"


def _sv_nit() -> str:
    body = (
        f"0614{_R.randint(10, 28)}{_R.randint(10, 12)}{_R.randint(60, 99)}{_R.randint(1, 99):03d}"
    )
    return f"{body}{_weighted(body, tuple(range(14, 1, -1))) % 11 % 10}"


def _npwp() -> str:
    return _luhn_complete(_text(8, string.digits)) + _text(3, string.digits) + "000"


def _gh_tin() -> str:
    while True:
        body = "00" + _text(7, string.digits)
        check = sum(i * int(d) for i, d in enumerate(body, start=1)) % 11
        if check < 10:
            return f"P{body}{check}"


_MU = string.digits + string.ascii_uppercase


def _mu_nid() -> str:
    body = f"K{_R.randint(10, 28)}{_R.randint(10, 12)}{_R.randint(60, 99)}{_text(6, string.digits)}"
    total = sum((14 - i) * _MU.index(char) for i, char in enumerate(body))
    return body + _MU[17 - total % 17]


_TW = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36), strict=True))


def _tw_resident() -> str:
    letter, body = _R.choice("ACDE"), _R.choice("89") + _text(7, string.digits)
    code = _TW[letter]
    total = code // 10 + 9 * (code % 10) + _weighted(body, tuple(range(8, 0, -1)))
    return f"{letter}{body}{-total % 10}"


def _bg_pnf() -> str:
    body = _text(9, string.digits)
    return body + str(_weighted(body, (21, 19, 17, 13, 11, 9, 7, 3, 1)) % 10)


def _za_tin() -> str:
    return _luhn_complete(_R.choice("0123") + _text(8, string.digits))


NATIONAL = [
    f"BIS number {(b := _bis())[:2]}.{b[2:4]}.{b[4:6]}-{b[6:9]}.{b[9:]}",
    f"CHI: {_nhs_mod11(f'{_R.randint(10, 28)}{_R.randint(10, 12)}{_R.randint(60, 99)}')}",
    f"H&C no. {_nhs_mod11(str(_R.randint(320, 399)))}",
    f"DNI: {_cui()}",
    f"RUC de persona natural {_ec_cedula()}001",
    f"RUC: {_py_ruc()}",
    f"NIT {_gt_nit()}",
    f"NIT: {_sv_nit()}",
    f"npwp={_npwp()}",
    f"Ghana TIN: {_gh_tin()}",
    f"national identity card: {_mu_nid()}",
    f"ARC {_tw_resident()}",
    f"ЛНЧ/LNCh {_bg_pnf()}",
    f"SARS income tax reference number: {_za_tin()}",
]


@pytest.mark.parametrize("value", NATIONAL)
def test_national_identifiers_of_further_schemes(value: str) -> None:
    assert kinds(value) == [leaks.NATIONAL_ID]


def _cuit_company() -> str:
    body = "30" + _text(8, string.digits)
    check = 11 - _weighted(body, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)) % 11
    if check == 10:
        return _cuit_company()
    return f"{body[:2]}-{body[2:]}-{check % 11}"


def _cvr() -> str:
    while True:
        body = _digits(7)
        check = -_weighted(body, (2, 7, 6, 5, 4, 3, 2)) % 11
        if check < 10:
            return body + str(check)


NOT_PERSONAL = [
    f"CUIT {_cuit_company()} (sociedad anónima)",
    f"OCR-nummer {_luhn_complete(_text(11, string.digits))}",
    f"CVR {_cvr()}",
    f"Org. nr. {_digits(3)} {_digits(3)} {_digits(3)}",
    f"Y-tunnus {_digits(7)}-{_R.randint(0, 9)}",
    f"사업자등록번호: {_digits(3)}-{_digits(2)}-{_digits(5)}",
    f"ondernemingsnummer 0{_digits(3)}.{_digits(3)}.{_digits(3)}",
    f"Bankgiro {_digits(3)}-{_digits(4)}",
    f"CAS {_digits(5)}-{_digits(2)}-{_R.randint(0, 9)}",
    f"NDC {_digits(5)}-{_digits(4)}-{_digits(2)}",
    f"baggage tag 0{_digits(3)} {_digits(6)}",
    f"sort code {_digits(2)}-{_digits(2)}-{_digits(2)}",
    f"release 2026.11.{_R.randint(10, 28)}.{_R.randint(1, 9)}",
    f"Table 1.{_R.randint(1, 9)}.{_R.randint(1, 9)}.{_R.randint(1, 9)}",
    f"control {_R.randint(1, 9)}.{_R.randint(1, 9)}.2.{_R.randint(1, 9)} passed",
]


@pytest.mark.parametrize("value", NOT_PERSONAL)
def test_organisations_things_and_document_numbers_are_clean(value: str) -> None:
    assert kinds(value) == []


PHONES = [
    "msisdn=44" + "7700900" + _text(3, string.digits),
    f'{{"e164": "33{_R.choice("67")}{_digits(8)}"}}',
    f"https://wa.me/49151{_digits(8)}",
]


@pytest.mark.parametrize("value", PHONES)
def test_international_numbers_written_without_their_plus(value: str) -> None:
    assert kinds(value) == [leaks.PHONE_NUMBER]


def test_an_iban_of_honduras() -> None:
    bban = _text(4, string.ascii_uppercase) + _text(20, string.digits)
    numeric = "".join(str(int(c, 36)) for c in bban + "HN00")
    iban = f"HN{98 - int(numeric) % 97:02d}{bban}"
    grouped = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    assert kinds(f"IBAN {grouped}") == [leaks.IBAN]


def test_every_country_of_python_stdnums_iban_registry_has_its_length() -> None:
    import stdnum

    registry = Path(stdnum.__file__).parent / "iban.dat"
    countries = {
        line[:2] for line in registry.read_text(encoding="utf-8").splitlines() if line[:2].isupper()
    }
    assert countries
    assert countries <= set(leaks._IBAN_LENGTHS)


SECRETS = [
    f"token: glsoat-{_text(20)}",
    f"HUBSPOT_TOKEN=pat-eu1-{uuid.UUID(int=_R.getrandbits(128))}",
    f"license {_text(6)}_{_text(29)}_mmk",
    f"key SK{_hex(32)}",
    f"s-s4t2af-{_hex(64)}",
    f"sm_aat_{_text(16)}",
    f"authress_{_text(8, 'abcdefghij0123')}.{_text(5, 'abc123')}.acc-{_text(12, 'abc0123')}.{_text(40)}",
    f"NRJS-{_hex(19)}",
    f"BUNDLE_GEMS__CONTRIBSYS__COM: {_hex(8)}:{_hex(8)}",
    f"https://hooks.zapier.com/hooks/catch/{_digits(6)}/{_text(7, 'abcdef0123')}/",
    f"https://acme.webhook.office.com/webhook/{uuid.uuid4()}@{uuid.uuid4()}/IncomingWebhook/{_hex(32)}/{uuid.uuid4()}",
    f"<secret>{_password()}</secret>",
    f'<add key="Smtp.Password" value="{_password()}"/>',
    f"redis-cli -a {_password()} INFO",
    f"AUTH {_password(20)}",
    f"ldapmodify -D cn=admin -w '{_password()}' -f change.ldif",
    f"smbclient -L fs01 -U backup%{_password()}",
    f"xfreerdp /u:ops /p:{_password()} /v:host",
    f"bcp dbo.t out t.dat -S db -U sa -P {_password()}",
    f"wpa_psk={_password()}",
]


@pytest.mark.parametrize("value", SECRETS)
def test_secrets_of_further_issuers_and_containers(value: str) -> None:
    assert kinds(value) == [leaks.SECRET]


CLEAN_SECRETS = [
    f"password=ENC({_text(32)})",
    f"db.password: {{cipher}}{_hex(64)}",
    "api_token: op://ops/stripe/credential",
    f"arn:aws:secretsmanager:us-east-1:{_digits(12)}:secret:app/api-{_text(6)}",
    "password=projects/123/secrets/db/versions/2",
    "passwd=%(password)s",
    f"ssdeep 1536:{_text(40)}:{_text(20)}",
    f"sb_publishable_{_text(31)}",
    "ls -a /var/lib/data",
    "mysql -h db -P 3306 -u app",
    "AUTH LOGIN",
    "<password></password>",
    "<token>${API_TOKEN}</token>",
    "xfreerdp /p:changeme",
]


@pytest.mark.parametrize("value", CLEAN_SECRETS)
def test_encrypted_referenced_public_and_placeholder_values_draw_no_error(value: str) -> None:
    assert not set(kinds(value)) & ERROR_KINDS


def test_values_stay_masked() -> None:
    for value in [*NATIONAL, *PHONES, *SECRETS]:
        for leak in leaks.find_leaks(value):
            assert all(part not in leak.masked for part in value.split() if len(part) >= 8), (
                leak.masked
            )

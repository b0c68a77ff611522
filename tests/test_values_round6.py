"""check-events' value recognisers, round 6 of issue 17: representative shapes of each class
the round fixed, and clean look-alikes that must draw no error-level report. Numbers and
tokens are generated here (check digits from the schemes' published rules, random bodies in
the issuers' formats), not taken from a held-out split."""

from __future__ import annotations

import base64
import hashlib
import itertools
import random
import string

import pytest

from registry.checkevents import codes
from registry.findings import Severity
from registry.privacy import leaks

_R = random.Random(6)
ALNUM = string.ascii_letters + string.digits
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ERROR_KINDS = frozenset(
    kind for kind, code in codes.LEAK_CODES.items() if codes.severity(code) is Severity.ERROR
)


def _text(n: int, alphabet: str = ALNUM) -> str:
    return "".join(_R.choice(alphabet) for _ in range(n))


def _digits(n: int) -> str:
    return _text(n, string.digits)


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


def _titulo() -> str:
    while True:
        seq, state = _digits(8), f"{_R.randint(3, 28):02d}"
        first = _weighted(seq, tuple(range(2, 10))) % 11 % 10
        second = (int(state[0]) * 7 + int(state[1]) * 8 + first * 9) % 11 % 10
        return f"{seq}{state}{first}{second}"


def _cns() -> str:
    while True:
        body = _R.choice("789") + _digits(13)
        last = -_weighted(body, tuple(range(15, 1, -1))) % 11
        if last < 10:
            return body + str(last)


def _es_nss() -> str:
    body = f"{_R.randint(1, 52):02d}" + _R.choice("123456789") + _digits(7)
    return body + f"{int(body) % 97:02d}"


def _kuwait() -> str:
    while True:
        body = f"2{_R.randint(60, 99)}{_R.randint(1, 12):02d}{_R.randint(1, 28):02d}{_digits(4)}"
        check = 11 - _weighted(body, (2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)) % 11
        if check < 10:
            return body + str(check)


def _szemelyi() -> str:
    while True:
        body = f"1{_R.randint(50, 96)}{_R.randint(1, 12):02d}{_R.randint(1, 28):02d}{_digits(3)}"
        check = _weighted(body, tuple(range(1, 11))) % 11
        if check < 10:
            return body + str(check)


def _rif() -> str:
    body = _digits(8)
    check = 11 - (4 + _weighted(body, (3, 2, 7, 6, 5, 4, 3, 2))) % 11
    return f"V-{body}-{0 if check >= 10 else check}"


def _ruc(lead: str) -> str:
    body = lead + _digits(8)
    return body + str((11 - _weighted(body, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)) % 11) % 10)


def _nit() -> str:
    cedula = "1" + _digits(9)
    weights = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43)
    r = _weighted(cedula[::-1], weights) % 11
    return f"{cedula}-{r if r < 2 else 11 - r}"


def _steuer_id() -> str:
    while True:
        chosen = _R.sample(string.digits, 9)
        body = "".join(_R.sample([*chosen, chosen[0]], 10))
        if body[0] == "0" or any(a == b for a, b in itertools.pairwise(body)):
            continue
        product = 10
        for char in body:
            total = (int(char) + product) % 10 or 10
            product = 2 * total % 11
        return body + str((11 - product) % 10)


NATIONAL = [
    f"título de eleitor {(t := _titulo())[:4]} {t[4:8]} {t[8:]}",  # Brazil: two mod-11 digits
    f"titulo_eleitor={_titulo()}",  # the first part of a key in snake case
    f"Cartão SUS (CNS): {_cns()}",  # a label closing a parenthesis
    f"Número de Seguridad Social (IMSS): {_luhn_complete(_digits(10))}",  # Mexico: Luhn
    f"NSS {_es_nss()}",  # Spain: mod 97
    f"Civil ID: {_kuwait()}",  # Kuwait: the scheme's name before ID
    f"személyi szám: {_szemelyi()}",  # Hungary: born before 1997, weights 1..10
    f"RIF: {_rif()}",  # Venezuela: the letter of a person glued to the number
    f"RUC {_ruc('10')}",  # Peru: a natural person's RUC
    f"NIT {_nit()}",  # Colombia
    f'{{"steuer_id":"{_steuer_id()}"}}',  # Germany, a JSON key
]


@pytest.mark.parametrize("value", NATIONAL)
def test_national_identifiers_of_further_schemes(value: str) -> None:
    assert kinds(value) == ["national_id"]


@pytest.mark.parametrize(
    "value",
    [
        f"RUC {_ruc('20')} (empresa)",  # a company's RUC: the guide's none
        f"RIF: J-{_digits(8)}-{_digits(1)}",  # a company's RIF
        f"titulo eleitoral {_digits(12)}",  # no label word of ours, random digits
        "id: 35335802641",  # a generic label does not reach a scheme that needs its own name
    ],
)
def test_company_numbers_and_generic_labels_are_no_personal_identifier(value: str) -> None:
    assert "national_id" not in kinds(value)


def _arabic(digits: str) -> str:
    return "".join(chr(0x0660 + int(d)) for d in digits)


def _full_width(digits: str) -> str:
    return "".join(chr(0xFF10 + int(d)) for d in digits)


PHONES = [
    f"+٩٧١ ٥٠ {_arabic('4' + _digits(2))} {_arabic(_digits(4))}",  # Arabic-Indic digits
    f"携帯 ０９０－{_full_width('4' + _digits(3))}－{_full_width(_digits(4))}",  # full width
    f"+33\u00a06\u00a0{_digits(2)}\u00a0{_digits(2)}\u00a0{_digits(2)}\u00a0{_digits(2)}",
    f"Tel. 030/{_R.choice('2345678')}{_digits(6)}",  # Berlin: area code, slash, number
    f"+61 (0) 491 570 {_R.choice(['006', '156', '157', '158', '159', '110'])}",  # AU drama
    "dial 011 49 171 2345678",  # the NANP's international prefix
    f"Albania mobile 069{_R.choice('2345678')}{_digits(6)}",  # a bare run after a phone word
]


@pytest.mark.parametrize("value", PHONES)
def test_phone_numbers_in_further_forms(value: str) -> None:
    assert kinds(value) == ["phone_number"]


def _cnpj() -> str:
    body = _digits(8) + "0001"
    for weights in ((5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2), (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)):
        check = 11 - _weighted(body, weights) % 11
        body += str(0 if check >= 10 else check)
    return f"{body[:2]}.{body[2:5]}.{body[5:8]}/{body[8:12]}-{body[12:]}"


NOT_PHONES_OR_IPS = [
    f"46359.{_digits(5)}",  # a spreadsheet's date: a decimal number
    f"lat=-33.{_digits(7)}&lon=151.{_digits(7)}",
    f"03.12.2026 18:{_R.randint(10, 59)}:{_R.randint(10, 59)}",  # day.month.year
    f"CNPJ {_cnpj()}",  # an organisation's identifier
    "ABN 51 824 753 556",
    f"D-U-N-S {_digits(2)}-{_digits(3)}-{_digits(4)}",
    "see § 4.2.1.3 of the contract",  # a section, not an address
    "section 10.2.3.4 applies",
    "02:42:ac:ff:fe:11:00:02",  # EUI-64
    "3c:22:fb:4a:8e:11",  # MAC address
]


@pytest.mark.parametrize("value", NOT_PHONES_OR_IPS)
def test_decimals_dates_organisations_sections_and_macs_are_clean(value: str) -> None:
    assert kinds(value) == []


def _b58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    number, out = int.from_bytes(data, "big"), ""
    while number:
        number, r = divmod(number, 58)
        out = B58[r] + out
    return out


def _random_bytes(n: int) -> bytes:
    return bytes(_R.randrange(256) for _ in range(n))


SECRETS = [
    f"FLWSECK-{_hex(32)}-X",  # Flutterwave
    f"FLY_API_TOKEN=FlyV1 fm2_{_text(120, ALNUM + '+/')}",  # Fly.io
    f"tfp_{_text(59, string.ascii_lowercase + string.digits)}",  # Typeform
    f"dnkey-{_text(26, string.ascii_uppercase)}-{_text(52, string.ascii_uppercase)}",
    f"v1.0-{_hex(24)}-{_hex(146)}",  # Cloudflare Origin CA key
    f"ABSK{_text(132, ALNUM + '+/')}",  # Amazon Bedrock
    f"token sl.{_text(135, ALNUM + '-_')}",  # Dropbox
    f"xoxe-1-{_text(120, string.ascii_uppercase + string.digits)}",  # Slack refresh token
    f"NRII-{_text(32, string.ascii_lowercase + string.digits)}",  # New Relic insert key
    f"nsec1{_text(58, 'qpzry9x8gf2tvdw0s3jn54khce6mua7l')}",  # Nostr private key
    f"wif={_b58check(bytes([0x80]) + _random_bytes(32) + bytes([1]))}",  # Bitcoin WIF
    _b58check(
        bytes.fromhex("0488ADE4") + bytes(9) + _random_bytes(32) + bytes(1) + _random_bytes(32)
    ),
    f"PrivateKey = {base64.b64encode(_random_bytes(32)).decode()}",  # WireGuard
    f"PRIVATE_KEY=0x{_hex(64)}",
    f"SECRET_KEY = '{_password(50)}'",
    f"secret_key_base: {_hex(128)}",
    f"APP_KEY=base64:{base64.b64encode(_random_bytes(32)).decode()}",
    f"X-Auth-Key: {_hex(37)}",
    f"db.internal:5432:orders:app_rw:{_password()}",  # .pgpass
    f"curl -u deploy:{_password()} https://artifacts.example.com/",
    f"docker login -u ci -p {_password()} registry.example.com",
    f"openssl pkcs12 -export -passout pass:{_password()} -out a.p12",
    f"net use \\\\fs01\\share /user:CORP\\jdoe {_password()}",
    f"sqlplus app/{_password()}@//db.example.com:1521/ORCL",
    f"Set-Cookie: JSESSIONID={_hex(32).upper()}; Path=/",
]


@pytest.mark.parametrize("value", SECRETS)
def test_secrets_of_further_issuers_keys_and_commands(value: str) -> None:
    found = leaks.find_leaks(value)
    assert [leak.kind for leak in found] == ["secret"]
    # masked: no stretch of eight characters of the value is shown
    assert all(value[i : i + 8] not in found[0].masked for i in range(len(value) - 8))


LOOK_ALIKES = [
    f"db_password: ENC[AES256_GCM,data:{_text(16)}=,iv:{_text(43)}=,type:str]",  # encrypted
    f'"NextToken": "{_text(160, ALNUM + "+/")}"',  # a pagination cursor
    f'data-sitekey="6L{_text(38, ALNUM + "-_")}"',  # a CAPTCHA's public site key
    f"posthog.init('phc_{_text(43)}')",  # PostHog's public project key
    _b58check(
        bytes.fromhex("0488B21E") + bytes(9) + _random_bytes(32) + b"\x02" + _random_bytes(32)
    ),
    f"eyJhbGciOiJSUzI1NiIsImtpZCI6I{_text(12, ALNUM + '-_')}",  # a JWT's header alone
    "data_base64: " + base64.b64encode(b'{"event":"page_view","path":"/pricing"}').decode(),
    f"age1{_text(58, 'qpzry9x8gf2tvdw0s3jn54khce6mua7l')}",  # an age recipient (public)
    f"PublicKey = {base64.b64encode(_random_bytes(32)).decode()}",  # WireGuard public key
    "docker run -p 8080:80 -u 1000:1000 nginx",  # a port and a uid:gid
    "mkdir -p build/output && ssh -p 2222 bastion",
    "git log -p README.md",
    "fe80::1:2:3:4 3c:22:fb:4a:8e:11",
]


@pytest.mark.parametrize("value", LOOK_ALIKES)
def test_look_alikes_draw_no_error_level_report(value: str) -> None:
    assert not ERROR_KINDS & set(kinds(value)), value


def test_a_base58_run_beyond_a_wallet_key_is_not_one_and_raises_nothing() -> None:
    """A run of the key's shape whose number does not fit in its bytes (hostile input)."""
    assert leaks.find_leaks("key: 9" + "z" * 50) == []
    assert leaks.find_leaks("wif 5" + "z" * 50 + " and L" + "z" * 51) == []


@pytest.mark.parametrize(
    "value",
    [
        f"page_token=x&pwd={_password()}",
        f"next_token=1&password={_password()}",
        f"sync_token=ab;secret={_password()}",
    ],
)
def test_a_credential_after_a_cursor_key_is_still_one(value: str) -> None:
    """The cursor key is the neighbour's: the value judged is assigned to a credential key."""
    assert [leak.kind for leak in leaks.find_leaks(value)] == ["secret"]

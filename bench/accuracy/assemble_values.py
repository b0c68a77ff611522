#!/usr/bin/env python3
"""Assemble bench/accuracy/values.tsv: labelled synthetic values, each naming its format.

    python bench/accuracy/assemble_values.py

Provenance only: the checked-in TSV is the data, and no test runs this script. Every value is
synthetic: random digits and letters planted in published formats, with check digits computed
here from the published algorithms (never with python-stdnum or phonenumbers, which a
recogniser may use: values drawn from a recogniser's own library would measure it against
itself). The seed is fixed, so the output is stable. Rows of one format share a split.
"""

from __future__ import annotations

import base64
import csv
import random
import string
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench_accuracy import VALUE_COLUMNS, split_of

OUT = HERE / "values.tsv"
R = random.Random(20261217)
DIGITS = string.digits
UPPER = string.ascii_uppercase
ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
HEX = "0123456789abcdef"


def d(n: int) -> str:
    return "".join(R.choice(DIGITS) for _ in range(n))


def nz(n: int) -> str:
    """n digits, the first not zero."""
    return R.choice("123456789") + d(n - 1)


def pick(alphabet: str, n: int) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def luhn_check(body: str) -> str:
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return str((10 - total % 10) % 10)


def birth() -> tuple[int, int, int]:
    return R.randint(1940, 2005), R.randint(1, 12), R.randint(1, 28)


# -- national identifiers (published check-digit algorithms) -----------------------------------


def us_ssn() -> str:
    area = R.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"


def uk_nino() -> str:
    first = R.choice("ABCEGHJKLMNPRSTWXYZ")
    second = R.choice("ABCEGHJKLMNPRSTWXYZ".replace("O", ""))
    while first + second in {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}:
        second = R.choice("ABCEHJKLMPRSTWXY")
    digits = d(6)
    suffix = R.choice("ABCD")
    if R.random() < 0.5:
        return f"{first}{second} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    return f"{first}{second}{digits}{suffix}"


def br_cpf() -> str:
    body = [int(c) for c in nz(9)]
    for size in (9, 10):
        total = sum(v * w for v, w in zip(body, range(size + 1, 1, -1), strict=True))
        body.append(0 if total % 11 < 2 else 11 - total % 11)
    text = "".join(map(str, body))
    return f"{text[:3]}.{text[3:6]}.{text[6:9]}-{text[9:]}" if R.random() < 0.6 else text


def es_dni() -> str:
    number = int(d(8))
    return f"{number:08d}{'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23]}"


def es_nie() -> str:
    prefix = R.choice("XYZ")
    body = d(7)
    number = int(str("XYZ".index(prefix)) + body)
    return f"{prefix}{body}{'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23]}"


def nl_bsn() -> str:
    while True:
        body = [int(c) for c in nz(8)]
        total = sum(v * w for v, w in zip(body, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return "".join(map(str, body)) + str(last)


def pl_pesel() -> str:
    year, month, day = birth()
    month += 20 if year >= 2000 else 0
    body = f"{year % 100:02d}{month:02d}{day:02d}{d(4)}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    total = sum(int(c) * w for c, w in zip(body, weights, strict=True))
    return body + str((10 - total % 10) % 10)


def se_personnummer() -> str:
    year, month, day = birth()
    body = f"{year % 100:02d}{month:02d}{day:02d}{d(3)}"
    return f"{body[:6]}-{body[6:]}{luhn_check(body)}"


def fi_hetu() -> str:
    year, month, day = birth()
    sign = "A" if year >= 2000 else "-"
    serial = f"{R.randint(2, 899):03d}"
    number = int(f"{day:02d}{month:02d}{year % 100:02d}{serial}")
    check = "0123456789ABCDEFHJKLMNPRSTUVWXY"[number % 31]
    return f"{day:02d}{month:02d}{year % 100:02d}{sign}{serial}{check}"


def no_fodselsnummer() -> str:
    while True:
        year, month, day = birth()
        digits = [int(c) for c in f"{day:02d}{month:02d}{year % 100:02d}{d(3)}"]
        ok = True
        for weights in ((3, 7, 6, 1, 8, 9, 4, 5, 2), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)):
            check = 11 - sum(v * w for v, w in zip(digits, weights, strict=False)) % 11
            check = 0 if check == 11 else check
            if check == 10:
                ok = False
                break
            digits.append(check)
        if ok:
            return "".join(map(str, digits))


def dk_cpr() -> str:
    year, month, day = birth()
    return f"{day:02d}{month:02d}{year % 100:02d}-{d(4)}"


_CF_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [
            1,
            0,
            5,
            7,
            9,
            13,
            15,
            17,
            19,
            21,
            1,
            0,
            5,
            7,
            9,
            13,
            15,
            17,
            19,
            21,
            2,
            4,
            18,
            20,
            11,
            3,
            6,
            8,
            12,
            14,
            16,
            10,
            22,
            25,
            24,
            23,
        ],
        strict=True,
    )
)


def it_codice_fiscale() -> str:
    year, month, day = birth()
    consonants = "BCDFGHLMNPRSTVZ"
    day += 40 if R.random() < 0.5 else 0
    body = (
        pick(consonants, 3)
        + pick(consonants, 3)
        + f"{year % 100:02d}"
        + "ABCDEHLMPRST"[month - 1]
        + f"{day:02d}"
        + R.choice("ABCDEFGHILM")
        + d(3)
    )
    total = 0
    for index, char in enumerate(body):
        if index % 2 == 0:
            total += _CF_ODD[char]
        else:
            total += int(char) if char.isdigit() else ord(char) - ord("A")
    return body + UPPER[total % 26]


def fr_nir() -> str:
    year, month, _ = birth()
    body = f"{R.choice('12')}{year % 100:02d}{month:02d}{R.randint(1, 95):02d}{d(3)}{d(3)}"
    key = 97 - int(body) % 97
    if R.random() < 0.5:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:]} {key:02d}"
    return f"{body}{key:02d}"


def be_nn() -> str:
    year, month, day = birth()
    year = min(year, 1999)
    body = f"{year % 100:02d}{month:02d}{day:02d}{R.randint(1, 997):03d}"
    check = 97 - int(body) % 97
    return f"{body[:2]}.{body[2:4]}.{body[4:6]}-{body[6:]}.{check:02d}"


def de_idnr() -> str:
    while True:
        first10 = nz(10)
        counts = sorted((first10.count(c) for c in set(first10)), reverse=True)
        if (
            counts[0] in (2, 3)
            and counts.count(counts[0]) == 1
            and counts[1:].count(1) == len(counts) - 1
        ):
            break
    product = 10
    for char in first10:
        total = (int(char) + product) % 10 or 10
        product = (2 * total) % 11
    check = 11 - product
    return first10 + str(0 if check == 10 else check)


def cn_ric() -> str:
    year, month, day = birth()
    body = f"{R.choice(['110101', '310104', '440305', '510107', '330106'])}{year}{month:02d}{day:02d}{d(3)}"
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(body))
    check = (12 - total % 11) % 11
    return body + ("X" if check == 10 else str(check))


_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]
_VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def in_aadhaar() -> str:
    body = R.choice("23456789") + d(10)
    c = 0
    for index, char in enumerate(reversed(body)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[(index + 1) % 8][int(char)]]
    text = body + str(_VERHOEFF_INV[c])
    return f"{text[:4]} {text[4:8]} {text[8:]}" if R.random() < 0.7 else text


def ca_sin() -> str:
    body = R.choice("1234567") + d(7)
    text = body + luhn_check(body)
    return (
        f"{text[:3]} {text[3:6]} {text[6:]}"
        if R.random() < 0.6
        else f"{text[:3]}-{text[3:6]}-{text[6:]}"
    )


def cl_rut() -> str:
    number = R.randint(5_000_000, 25_000_000)
    total = sum(
        int(c) * w for c, w in zip(reversed(str(number)), [2, 3, 4, 5, 6, 7] * 2, strict=False)
    )
    check = 11 - total % 11
    mark = "0" if check == 11 else "K" if check == 10 else str(check)
    return f"{number:,}".replace(",", ".") + f"-{mark}"


def za_id() -> str:
    year, month, day = birth()
    body = f"{year % 100:02d}{month:02d}{day:02d}{d(4)}{R.choice('01')}8"
    return body + luhn_check(body)


def tr_kimlik() -> str:
    digits = [int(c) for c in nz(9)]
    d10 = ((sum(digits[0:9:2]) * 7) - sum(digits[1:8:2])) % 10
    digits.append(d10)
    digits.append(sum(digits) % 10)
    return "".join(map(str, digits))


_CURP_CHARS = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ"


def mx_curp() -> str:
    year, month, day = birth()
    body = (
        R.choice("BCDFGHJLMNPRSTVZ")
        + R.choice("AEIOU")
        + pick(UPPER, 2)
        + f"{year % 100:02d}{month:02d}{day:02d}"
        + R.choice("HM")
        + R.choice(["AS", "BC", "CL", "DF", "JC", "NL", "VZ", "YN"])
        + pick("BCDFGHJKLMNPQRSTVWXYZ", 3)
        + (R.choice(UPPER) if year >= 2000 else d(1))
    )
    total = sum(_CURP_CHARS.index(c) * (18 - i) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def kr_rrn() -> str:
    year, month, day = birth()
    body = f"{year % 100:02d}{month:02d}{day:02d}{R.choice('12' if year < 2000 else '34')}{d(5)}"
    weights = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
    check = (11 - sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11) % 10
    return f"{body[:6]}-{body[6:]}{check}"


def ro_cnp() -> str:
    year, month, day = birth()
    body = f"{R.choice('12') if year < 2000 else R.choice('56')}{year % 100:02d}{month:02d}{day:02d}{R.randint(1, 46):02d}{d(3)}"
    total = sum(int(c) * int(w) for c, w in zip(body, "279146358279", strict=True))
    check = total % 11
    return body + ("1" if check == 10 else str(check))


def au_tfn() -> str:
    weights = (1, 4, 3, 7, 5, 8, 6, 9, 10)
    while True:
        body = nz(8)
        for last in range(10):
            text = body + str(last)
            if sum(int(c) * w for c, w in zip(text, weights, strict=True)) % 11 == 0:
                return f"{text[:3]} {text[3:6]} {text[6:]}"


def sg_nric() -> str:
    prefix = R.choice("ST")
    body = d(7)
    total = sum(int(c) * w for c, w in zip(body, (2, 7, 6, 5, 4, 3, 2), strict=True))
    total += 4 if prefix == "T" else 0
    return prefix + body + "JZIHGFEDCBA"[total % 11]


NATIONAL_IDS: dict[str, Callable[[], str]] = {
    "US SSN": us_ssn, "UK National Insurance number": uk_nino, "BR CPF (mod 11)": br_cpf,
    "ES DNI (mod 23 letter)": es_dni, "ES NIE (mod 23 letter)": es_nie,
    "NL BSN (11-proof)": nl_bsn, "PL PESEL (weighted mod 10)": pl_pesel,
    "SE personnummer (Luhn)": se_personnummer, "FI HETU (mod 31)": fi_hetu,
    "NO fodselsnummer (two mod 11)": no_fodselsnummer, "DK CPR": dk_cpr,
    "IT codice fiscale (odd/even table)": it_codice_fiscale, "FR NIR (97 - mod 97 key)": fr_nir,
    "BE national number (97 - mod 97)": be_nn, "DE Steuer-IdNr (ISO 7064 mod 11,10)": de_idnr,
    "CN resident id (ISO 7064 mod 11-2)": cn_ric, "IN Aadhaar (Verhoeff)": in_aadhaar,
    "CA SIN (Luhn)": ca_sin, "CL RUT (mod 11)": cl_rut, "ZA ID number (Luhn)": za_id,
    "TR TC Kimlik (two mod 10)": tr_kimlik, "MX CURP (weighted mod 10)": mx_curp,
    "KR resident registration number": kr_rrn, "RO CNP (weighted mod 11)": ro_cnp,
    "AU TFN (weighted mod 11)": au_tfn, "SG NRIC (weighted mod 11 letter)": sg_nric,
}  # fmt: skip
ID_CONTEXT = ["{v}", "{v}", "{v}", "id: {v}", "document {v}"]

# -- phone numbers (national numbering plans, written by hand) ---------------------------------

PHONES: dict[str, Callable[[], str]] = {
    "US national (NXX) NXX-XXXX": lambda: f"({nz(3)[0]}{d(2)}) {R.choice('23456789')}{d(2)}-{d(4)}",
    "US dashed": lambda: f"{R.choice('23456789')}{d(2)}-{R.choice('23456789')}{d(2)}-{d(4)}",
    "US dotted": lambda: f"{R.choice('23456789')}{d(2)}.{R.choice('23456789')}{d(2)}.{d(4)}",
    "US international": lambda: f"+1 {R.choice('23456789')}{d(2)} {R.choice('23456789')}{d(2)} {d(4)}",
    "UK mobile national (Ofcom drama range)": lambda: f"07700 900{d(3)}",
    "UK international": lambda: f"+44 7700 900{d(3)}",
    "UK London national": lambda: f"020 7946 0{d(3)}",
    "UK London bracketed": lambda: f"(020) 7946 0{d(3)}",
    "DE landline national": lambda: f"030 {nz(8)}",
    "DE mobile national": lambda: f"0151 {nz(8)}",
    "DE international with (0)": lambda: f"+49 (0)151 {d(4)} {d(4)}",
    "DE slash": lambda: f"089/{nz(6)}",
    "FR mobile national": lambda: f"06 {d(2)} {d(2)} {d(2)} {d(2)}",
    "FR dotted": lambda: f"01.{d(2)}.{d(2)}.{d(2)}.{d(2)}",
    "FR international": lambda: f"+33 6 {d(2)} {d(2)} {d(2)} {d(2)}",
    "IT mobile": lambda: f"347 {d(7)}",
    "IT international": lambda: f"+39 347 {d(3)} {d(4)}",
    "ES mobile national": lambda: f"6{d(2)} {d(2)} {d(2)} {d(2)}",
    "ES international": lambda: f"+34 6{d(2)} {d(3)} {d(3)}",
    "NL mobile dashed": lambda: f"06-{nz(8)}",
    "NL international": lambda: f"+31 6 {nz(8)}",
    "BR mobile national": lambda: f"(11) 9{d(4)}-{d(4)}",
    "BR international": lambda: f"+55 11 9{d(4)}-{d(4)}",
    "IN mobile": lambda: f"+91 9{d(4)} {d(5)}",
    "IN national with 0": lambda: f"09{d(4)} {d(5)}",
    "JP mobile national": lambda: f"090-{d(4)}-{d(4)}",
    "JP international": lambda: f"+81 90-{d(4)}-{d(4)}",
    "JP Tokyo landline": lambda: f"03-{d(4)}-{d(4)}",
    "AU mobile (fictional range)": lambda: f"0491 570 {R.randint(6, 159):03d}",
    "AU international": lambda: f"+61 491 570 {R.randint(6, 159):03d}",
    "CN mobile international": lambda: f"+86 138 {d(4)} {d(4)}",
    "CN Beijing landline": lambda: f"010-{nz(8)}",
    "MX international": lambda: f"+52 55 {d(4)} {d(4)}",
    "ZA mobile national": lambda: f"082 {d(3)} {d(4)}",
    "RU international": lambda: f"+7 (912) {d(3)}-{d(2)}-{d(2)}",
    "RU national with 8": lambda: f"8 (912) {d(3)}-{d(2)}-{d(2)}",
    "KR mobile": lambda: f"010-{d(4)}-{d(4)}",
    "NG mobile national": lambda: f"0803 {d(3)} {d(4)}",
    "E.164 without separators": lambda: R.choice(["+447700900", "+4915", "+336", "+9198", "+8613"]) + d(8),
    "in text": lambda: R.choice(["call me at ", "tel: ", "Mobil: ", "reach us on "]) + f"06 {d(2)} {d(2)} {d(2)} {d(2)}",
}  # fmt: skip

# -- payment cards and IBANs -------------------------------------------------------------------

CARD_PREFIXES = {
    "Visa 16": ("4", 16),
    "Mastercard 51-55": ("5" + R.choice("12345"), 16),
    "Mastercard 2-series": ("2" + R.choice(["221", "3", "5", "720"]), 16),
    "American Express": ("3" + R.choice("47"), 15),
    "Discover": ("6011", 16),
    "JCB": ("35" + R.choice(["28", "41", "89"]), 16),
    "Diners Club": ("36", 14),
    "UnionPay 19": ("62", 19),
    "Maestro": ("6759", 16),
}


def card(prefix: str, length: int) -> str:
    body = prefix + d(length - len(prefix) - 1)
    return body + luhn_check(body)


def card_format(number: str) -> str:
    style = R.random()
    if len(number) == 15 and style < 0.7:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    if style < 0.4:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    if style < 0.6:
        return "-".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


def _es_bban() -> str:
    weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)

    def control(digits: str) -> str:
        value = 11 - sum(int(c) * w for c, w in zip(digits, weights, strict=True)) % 11
        return str({11: 0, 10: 1}.get(value, value))

    bank, account = d(8), d(10)
    return bank + control("00" + bank) + control(account) + account


def _be_bban() -> str:
    body = d(10)
    return body + f"{int(body) % 97 or 97:02d}"


def _no_bban() -> str:
    while True:
        body = d(10)
        check = (
            11
            - sum(int(c) * w for c, w in zip(body, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True))
            % 11
        )
        if check != 10:
            return body + str(0 if check == 11 else check)


# National check digits inside the BBAN where they are published (ES, BE, NO).
IBAN_BBAN = {"DE": lambda: d(18), "GB": lambda: pick(UPPER, 4) + d(14), "FR": lambda: d(10) + pick(UPPER + DIGITS, 11) + d(2),
             "ES": _es_bban, "IT": lambda: R.choice(UPPER) + d(10) + d(12), "NL": lambda: pick(UPPER, 4) + d(10),
             "BE": _be_bban, "CH": lambda: d(5) + pick(UPPER + DIGITS, 12), "AT": lambda: d(16), "PL": lambda: d(24),
             "SE": lambda: d(20), "NO": _no_bban, "DK": lambda: d(14), "FI": lambda: d(14), "IE": lambda: pick(UPPER, 4) + d(14),
             "PT": lambda: d(21), "SA": lambda: d(2) + pick(UPPER + DIGITS, 18), "AE": lambda: d(19), "BR": lambda: d(23) + R.choice(UPPER) + R.choice(UPPER + DIGITS),
             "TR": lambda: d(5) + "0" + pick(UPPER + DIGITS, 16), "MT": lambda: pick(UPPER, 4) + d(5) + pick(UPPER + DIGITS, 18),
             "LU": lambda: d(3) + pick(UPPER + DIGITS, 13)}  # fmt: skip


def iban(country: str) -> str:
    bban = IBAN_BBAN[country]()
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def iban_format(text: str) -> str:
    style = R.random()
    if style < 0.5:
        return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
    if style < 0.65:
        return "IBAN: " + text
    return text


# -- secrets -----------------------------------------------------------------------------------


def b64(n: int) -> str:
    return base64.b64encode(R.randbytes(n)).decode()


def jwt() -> str:
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    claims = f'{{"sub":"{d(8)}","iat":{R.randint(1_600_000_000, 1_800_000_000)}}}'
    payload = base64.urlsafe_b64encode(claims.encode()).decode().rstrip("=")
    return f"{header}.{payload}.{pick(B64URL, 43)}"


def pw() -> str:
    return pick(ALNUM, 10) + R.choice("!#$%*") + d(2)


SECRETS: dict[str, Callable[[], str]] = {
    "AWS access key id": lambda: R.choice(["AKIA", "ASIA"]) + pick(UPPER + "234567", 16),
    "AWS secret access key, bare (no prefix)": lambda: pick(B64, 40),
    "AWS secret access key, assigned": lambda: f"aws_secret_access_key={pick(B64, 40)}",
    "Azure storage account key, bare (no prefix)": lambda: b64(64),
    "Azure storage connection string": lambda: f"DefaultEndpointsProtocol=https;AccountName={pick(string.ascii_lowercase, 10)};AccountKey={b64(64)};EndpointSuffix=core.windows.net",
    "Azure SAS URL": lambda: f"https://{pick(string.ascii_lowercase, 8)}.blob.core.windows.net/exports/report.csv?sv=2022-11-02&ss=b&sp=r&se=2026-01-01T00:00:00Z&sig={pick(ALNUM, 43)}%3D",
    "Google API key": lambda: "AIza" + pick(B64URL, 35),
    "Google OAuth client secret": lambda: "GOCSPX-" + pick(B64URL, 28),
    "GitHub token": lambda: R.choice(["ghp_", "gho_", "ghs_", "ghu_"]) + pick(ALNUM, 36),
    "GitHub fine-grained token": lambda: "github_pat_" + pick(ALNUM, 22) + "_" + pick(ALNUM, 59),
    "GitLab personal access token": lambda: "glpat-" + pick(B64URL, 20),
    "Slack bot token": lambda: f"xoxb-{nz(12)}-{nz(13)}-{pick(ALNUM, 24)}",
    "Slack webhook URL": lambda: f"https://hooks.slack.com/services/T{pick(UPPER + DIGITS, 8)}/B{pick(UPPER + DIGITS, 10)}/{pick(ALNUM, 24)}",
    "Stripe secret key": lambda: R.choice(["sk_live_", "rk_live_"]) + pick(ALNUM, 24),
    "SendGrid API key": lambda: f"SG.{pick(B64URL, 22)}.{pick(B64URL, 43)}",
    "npm token": lambda: "npm_" + pick(ALNUM, 36),
    "PyPI upload token": lambda: "pypi-AgEIcHlwaS5vcmc" + pick(B64URL, 60),
    "OpenAI project key": lambda: "sk-proj-" + pick(B64URL, 64),
    "Anthropic API key": lambda: "sk-ant-api03-" + pick(B64URL, 93) + "AA",
    "Mailgun key": lambda: "key-" + pick(HEX, 32),
    "DigitalOcean token": lambda: "dop_v1_" + pick(HEX, 64),
    "HashiCorp Vault token": lambda: "hvs." + pick(ALNUM, 24),
    "Shopify access token": lambda: "shpat_" + pick(HEX, 32),
    "Square access token": lambda: "EAAA" + pick(B64URL, 60),
    "Telegram bot token": lambda: f"{nz(10)}:AA{pick(B64URL, 33)}",
    "Linear API key": lambda: "lin_api_" + pick(ALNUM, 40),
    "Doppler token": lambda: "dp.pt." + pick(ALNUM, 43),
    "Postman API key": lambda: f"PMAK-{pick(HEX, 24)}-{pick(HEX, 34)}",
    "JSON Web Token": jwt,
    "private key block, JSON-escaped": lambda: f"-----BEGIN {R.choice(['RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED ', ''])}PRIVATE KEY-----\\n{b64(48)}\\n{b64(48)}\\n-----END PRIVATE KEY-----",
    "PGP private key block": lambda: f"-----BEGIN PGP PRIVATE KEY BLOCK-----\\n\\n{b64(60)}",
    "bearer header": lambda: f"{R.choice(['Authorization: Bearer ', 'bearer ', 'Bearer '])}{pick(ALNUM, 30)}{d(2)}",
    "basic header": lambda: "Basic " + base64.b64encode(f"{pick(string.ascii_lowercase, 6)}:{pw()}".encode()).decode(),
    "URL with user and password": lambda: f"{R.choice(['postgres', 'mysql', 'amqps', 'ftp', 'https'])}://{pick(string.ascii_lowercase, 5)}:{pw()}@{R.choice(['db', 'mq', 'files'])}.internal.corp:{R.randint(1000, 9999)}/app",
    "URL with password and empty user": lambda: f"redis://:{pw()}@cache.internal:6379/0",
    "URL with srv scheme": lambda: f"mongodb+srv://admin:{pw()}@cluster0.{pick(string.ascii_lowercase, 5)}.mongodb.net/prod?retryWrites=true",
    "URL with percent-encoded user": lambda: f"smtp://mailer%40corp.internal:{pw()}@smtp.relay.internal:587",
    "URL with token as user": lambda: f"https://x-access-token:{pick(ALNUM, 40)}@git.internal.corp/org/repo.git",
    "URL with token only": lambda: f"git+https://{pick(HEX, 40)}@git.internal.corp/org/tools.git",
    "JDBC URL with password parameter": lambda: f"jdbc:postgresql://db.internal:5432/app?user=app&password={pw()}",
    "ADO.NET connection string": lambda: f"Server=tcp:sql.internal,1433;Database=app;User ID=svc;Password={pw()};Encrypt=True",
    "password assignment": lambda: f"{R.choice(['password', 'passwd', 'pwd', 'PASSWORD'])}={pw()}",
}  # fmt: skip

# -- IP addresses ------------------------------------------------------------------------------


def v4() -> str:
    return f"{R.randint(1, 223)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"


def v6() -> str:
    return (
        "2001:db8:"
        + ":".join(f"{R.randint(0, 65535):x}" for _ in range(3))
        + "::"
        + f"{R.randint(1, 65535):x}"
    )


IPS: dict[str, Callable[[], str]] = {
    "IPv4": v4,
    "IPv4 with port": lambda: f"{v4()}:{R.randint(1024, 65535)}",
    "IPv4 in a forwarded-for list": lambda: f"{v4()}, {v4()}",
    "IPv4 in text": lambda: f"login from {v4()} refused",
    "IPv6 compressed": v6,
    "IPv6 full": lambda: ":".join(f"{R.randint(0, 65535):04x}" for _ in range(8)),
    "IPv6 bracketed with port": lambda: f"[{v6()}]:443",
    "IPv6 link-local with zone": lambda: (
        f"fe80::{R.randint(1, 65535):x}:{R.randint(1, 65535):x}%eth0"
    ),
    "IPv4-mapped IPv6": lambda: f"::ffff:{v4()}",
}

# -- e-mail addresses --------------------------------------------------------------------------

WORDS = [
    "river",
    "maple",
    "quartz",
    "lumen",
    "harbor",
    "cobalt",
    "fjord",
    "willow",
    "ember",
    "tundra",
]
TLDS = ["com", "org", "io", "de", "co.uk", "com.br", "fr", "photography", "dev", "nl"]


def domain() -> str:
    return f"{R.choice(WORDS)}{R.choice(['', '-', ''])}{R.choice(WORDS)}.{R.choice(TLDS)}"


EMAILS: dict[str, Callable[[], str]] = {
    "plain": lambda: f"{R.choice(WORDS)}.{R.choice(WORDS)}@{domain()}",
    "plus tag": lambda: f"{R.choice(WORDS)}+{R.choice(['news', 'audit', 'x1'])}@{domain()}",
    "numeric local part": lambda: f"{d(6)}@{domain()}",
    "subdomain": lambda: (
        f"{R.choice(WORDS)}@mail.{R.choice(['eu', 'corp', 'students'])}.{domain()}"
    ),
    "upper case": lambda: f"{R.choice(WORDS).upper()}_{d(2)}@{domain().upper()}",
    "punycode domain": lambda: (
        f"{R.choice(WORDS)}@xn--{pick(string.ascii_lowercase, 6)}-{pick(string.ascii_lowercase, 3)}.de"
    ),
    "display name": lambda: (
        f"{R.choice(WORDS).title()} {R.choice(WORDS).title()} <{R.choice(WORDS)}@{domain()}>"
    ),
    "mailto": lambda: f"mailto:{R.choice(WORDS)}@{domain()}",
    "in text": lambda: f"forwarded to {R.choice(WORDS)}_{d(3)}@{domain()} by rule",
}

# -- clean values (hard negatives) -------------------------------------------------------------


def luhn_invalid_16() -> str:
    body = "4" + d(14)
    wrong = str((int(luhn_check(body)) + R.randint(1, 9)) % 10)
    number = body + wrong
    return " ".join(number[i : i + 4] for i in range(0, 16, 4))


def bad_iban() -> str:
    good = iban(R.choice(["DE", "NL", "FR"]))
    check = (int(good[2:4]) + R.randint(1, 50)) % 100
    return f"{good[:2]}{check:02d}{good[4:]}"


CLEAN: dict[str, Callable[[], str]] = {
    "@ in an asset name": lambda: f"{R.choice(['icon', 'logo', 'avatar', 'splash'])}@{R.choice('23')}x.png",
    "@ in a package version": lambda: f"{R.choice(['lodash', 'react-dom', '@types/node', '@angular/core'])}@{R.randint(1, 20)}.{R.randint(0, 20)}.{R.randint(0, 30)}",
    "@ in an image digest": lambda: f"registry.internal/app@sha256:{pick(HEX, 64)}",
    "@ in a mention": lambda: f"@{R.choice(['channel', 'here', 'oncall-team'])} please review",
    "@ in an SSH remote": lambda: f"git@git.internal.corp:{R.choice(WORDS)}/{R.choice(WORDS)}.git",
    "@ in a public ingest DSN": lambda: f"https://{pick(HEX, 32)}@o{d(6)}.ingest.{R.choice(WORDS)}.io/{d(7)}",
    "@ in a public SSH key": lambda: f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{pick(B64, 43)} deploy@build-{d(2)}",
    "@ in a schedule": lambda: R.choice(["@daily", "@hourly", "@reboot"]) + f" run {R.choice(WORDS)}-sync",
    "@ as at": lambda: f"{R.randint(2, 9)} units @ {R.randint(1, 99)}.{d(2)} EUR",
    "invoice number": lambda: f"INV-{R.randint(2019, 2026)}-{d(6)}",
    "order number in three groups": lambda: f"Order #{d(3)}-{d(7)}-{d(7)}",
    "catalogue number in groups": lambda: f"CAT {d(4)} {d(4)} {d(4)}",
    "purchase order": lambda: f"PO {nz(10)}",
    "ISBN-13": lambda: f"ISBN 978-{R.randint(0, 9)}-{d(2)}-{d(6)}-{R.randint(0, 9)}",
    "court case number": lambda: f"Case No. {R.randint(2015, 2026)}-CV-{d(6)}",
    "ticket number in groups": lambda: f"Ticket {R.randint(2020, 2026)} {d(4)} {d(4)}",
    "batch id with date and time": lambda: f"batch {R.randint(2020, 2026)}{R.randint(1, 12):02d}{R.randint(1, 28):02d} {d(4)} {d(2)}",
    "dotted version number": lambda: f"version {R.randint(1, 12)}.{R.randint(0, 30)}.{R.randint(0, 9)}.{R.randint(0, 99)}",
    "version with prefix": lambda: f"v{R.randint(1, 12)}.{R.randint(0, 30)}.{R.randint(0, 9)}.{R.randint(0, 99)}",
    "browser version": lambda: f"Chrome/{R.randint(100, 130)}.0.{R.randint(4000, 7000)}.{R.randint(10, 200)}",
    "kernel version": lambda: f"{R.randint(4, 6)}.{R.randint(0, 19)}.0.{R.randint(1, 99)}-amd64",
    "object identifier": lambda: f"1.2.840.{R.randint(10000, 113549)}.1.1.{R.randint(1, 14)}",
    "MD5 hex": lambda: pick(HEX, 32),
    "SHA-1 hex": lambda: pick(HEX, 40),
    "SHA-256 hex": lambda: pick(HEX, 64),
    "subresource integrity": lambda: "sha384-" + b64(48),
    "UUID v4": lambda: f"{pick(HEX, 8)}-{pick(HEX, 4)}-4{pick(HEX, 3)}-{R.choice('89ab')}{pick(HEX, 3)}-{pick(HEX, 12)}",
    "ULID": lambda: pick("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 26),
    "prefixed object id": lambda: f"{R.choice(['cus_', 'evt_', 'usr_', 'org_'])}{pick(ALNUM, 14)}",
    "Stripe publishable key (public)": lambda: "pk_live_" + pick(ALNUM, 24),
    "ISO 8601 timestamp with offset": lambda: f"{R.randint(2020, 2026)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}+0{R.randint(1, 9)}:00",
    "timestamp with space and fraction": lambda: f"{R.randint(2020, 2026)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}.{d(6)}",
    "RFC 2822 date": lambda: f"{R.choice(['Mon', 'Tue', 'Wed'])}, {R.randint(1, 28)} {R.choice(['Jan', 'Feb', 'Mar'])} {R.randint(2020, 2026)} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:00 +0000",
    "epoch milliseconds": lambda: str(R.randint(1_600_000_000_000, 1_800_000_000_000)),
    "European date and time": lambda: f"{R.randint(1, 28):02d}/{R.randint(1, 12):02d}/{R.randint(2020, 2026)} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}",
    "date range": lambda: f"{R.randint(2020, 2025)}-01-01/{R.randint(2020, 2025)}-12-31",
    "money with thousands separators": lambda: f"{R.randint(1, 999)},{d(3)},{d(3)}.{d(2)}",
    "digit groups failing Luhn": luhn_invalid_16,
    "IBAN shape with a wrong checksum": bad_iban,
    "masked password in URL": lambda: "postgres://app:****@db.internal:5432/app",
    "URL with user and no password": lambda: f"https://{R.choice(WORDS)}@git.internal.corp/org/repo.git",
    "redacted bearer": lambda: R.choice(["Bearer [REDACTED]", "Authorization: Bearer <token>", "bearer token expired"]),
    "public key block": lambda: f"-----BEGIN {R.choice(['PUBLIC KEY', 'CERTIFICATE'])}-----\\n{b64(48)}",
    "placeholder password": lambda: R.choice(["password=********", "password: <redacted>", "pwd=${DB_PASSWORD}"]),
}  # fmt: skip


def rows() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []

    def add(kind: str, fmt: str, source: str, make: Callable[[], str], count: int) -> None:
        group = f"{kind}:{fmt}"
        for _ in range(count):
            out.append(
                {
                    "value": make(),
                    "expected": kind,
                    "format": fmt,
                    "group": group,
                    "source": source,
                    "split": split_of(group),
                    "note": "",
                }
            )

    for fmt, make in NATIONAL_IDS.items():
        context = R.choice(ID_CONTEXT)
        add(
            "national_id",
            fmt,
            "generated: published check-digit algorithm",
            lambda make=make, context=context: context.format(v=make()),
            6,
        )
    for fmt, make in PHONES.items():
        add("phone", fmt, "generated: national numbering plan", make, 3)
    for fmt, (prefix, length) in CARD_PREFIXES.items():
        add(
            "card",
            fmt,
            "generated: brand prefix and length, Luhn",
            lambda prefix=prefix, length=length: card_format(card(prefix, length)),
            5,
        )
    for country in IBAN_BBAN:
        add(
            "iban",
            country,
            "generated: ISO 13616 length, mod 97",
            lambda country=country: iban_format(iban(country)),
            2,
        )
    for fmt, make in SECRETS.items():
        add("secret", fmt, "generated: token format as documented by its issuer", make, 3)
    for fmt, make in IPS.items():
        add("ip", fmt, "generated: RFC 791 / RFC 4291 text forms", make, 4)
    for fmt, make in EMAILS.items():
        add("email", fmt, "generated: RFC 5322 addr-spec shapes", make, 5)
    for fmt, make in CLEAN.items():
        add("none", fmt, "generated: clean value, hard negative", make, 4)
    seen: set[str] = set()
    unique = []
    for row in out:
        if row["value"] not in seen and "\t" not in row["value"]:
            seen.add(row["value"])
            unique.append(row)
    return unique


def main() -> int:
    data = rows()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            VALUE_COLUMNS,
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
            lineterminator="\n",
            escapechar=None,
        )
        writer.writeheader()
        writer.writerows(data)
    print(f"{len(data)} rows written to {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

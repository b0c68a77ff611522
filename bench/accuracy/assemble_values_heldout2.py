#!/usr/bin/env python3
"""Assemble bench/accuracy/values_heldout2.tsv: a second held-out split of labelled values.

    python bench/accuracy/assemble_values_heldout2.py

Labelled before any tuning of the recognisers that followed it (issue 17, values part), by the
guide in bench/accuracy/README.md, and never tuned on: its misses are not listed while tuning.
Measure it with

    python bench/bench_accuracy.py --values bench/accuracy/values_heldout2.tsv --split all

Every value is synthetic: random digits and letters in formats written down by hand from
public documentation (numbering plans, national identifier specifications, vendors' token
formats) and values a service emits (order numbers, versions, hashes, ARNs, paths, URLs),
with check digits computed here from the published algorithms. Nothing is drawn from
phonenumbers, python-stdnum or a secret scanner's rule set (the recognisers use them). The
formats and countries are other than those of values.tsv where possible. The seed is fixed.
"""

from __future__ import annotations

import base64
import csv
import random
import string
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "values_heldout2.tsv"
COLUMNS = ("value", "expected", "format", "group", "source", "split", "note")
SPLIT = "heldout2"
R = random.Random(20261202)
DIGITS = string.digits
UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
HEX = "0123456789abcdef"


def d(n: int) -> str:
    return "".join(R.choice(DIGITS) for _ in range(n))


def nz(n: int) -> str:
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


def luhn_ok(number: str) -> bool:
    return luhn_check(number[:-1]) == number[-1]


def birth() -> tuple[int, int, int]:
    return R.randint(1945, 2004), R.randint(1, 12), R.randint(1, 28)


def weighted(digits: str, weights: list[int]) -> int:
    return sum(int(c) * w for c, w in zip(digits, weights, strict=True))


# -- national identifiers (published check-digit algorithms) -----------------------------------


def is_kennitala() -> str:
    while True:
        y, m, dd = birth()
        body = f"{dd:02d}{m:02d}{y % 100:02d}{R.randint(20, 99):02d}"
        rest = 11 - weighted(body, [3, 2, 7, 6, 5, 4, 3, 2]) % 11
        if rest == 10:
            continue
        check = 0 if rest == 11 else rest
        century = "9" if y < 2000 else "0"
        return f"{body[:6]}-{body[6:]}{check}{century}"


def baltic_code() -> str:
    """Estonian isikukood / Lithuanian asmens kodas: two weight passes mod 11."""
    y, m, dd = birth()
    first = R.choice("34") if y < 2000 else R.choice("56")
    body = f"{first}{y % 100:02d}{m:02d}{dd:02d}{d(3)}"
    rest = weighted(body, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11
    if rest == 10:
        rest = weighted(body, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11
        rest = 0 if rest == 10 else rest
    return body + str(rest)


def ee_isikukood() -> str:
    return baltic_code()


def lt_asmens_kodas() -> str:
    return baltic_code()


def lv_personas_kods() -> str:
    while True:
        y, m, dd = birth()
        century = "1" if y < 2000 else "2"
        body = f"{dd:02d}{m:02d}{y % 100:02d}{century}{d(3)}"
        check = (1101 - weighted(body, [1, 6, 3, 7, 9, 10, 5, 8, 4, 2])) % 11
        if check < 10:
            return f"{body[:6]}-{body[6:]}{check}"


def bg_egn() -> str:
    y, m, dd = birth()
    month = m + 40 if y >= 2000 else m
    body = f"{y % 100:02d}{month:02d}{dd:02d}{d(3)}"
    check = weighted(body, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11 % 10
    return body + str(check)


def hr_oib() -> str:
    body = nz(10)
    product = 10
    for char in body:
        total = (int(char) + product) % 10 or 10
        product = (total * 2) % 11
    check = (11 - product) % 10
    return body + str(check)


def si_emso() -> str:
    while True:
        y, m, dd = birth()
        body = f"{dd:02d}{m:02d}{y % 1000:03d}50{d(3)}"
        rest = 11 - weighted(body, [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11
        if rest == 10:
            continue
        return body + str(0 if rest == 11 else rest)


def cz_rodne_cislo() -> str:
    while True:
        y, m, dd = birth()
        if y < 1954:  # ten digits since 1954
            continue
        month = m + R.choice([0, 50])
        head = f"{y % 100:02d}{month:02d}{dd:02d}{d(3)}"
        check = int(head) % 11
        if check == 10:
            continue
        return f"{head[:6]}/{head[6:]}{check}"


def gr_amka() -> str:
    y, m, dd = birth()
    body = f"{dd:02d}{m:02d}{y % 100:02d}{d(4)}"
    return body + luhn_check(body)


def pt_nif() -> str:
    while True:
        body = R.choice("123") + d(7)
        rest = weighted(body, [9, 8, 7, 6, 5, 4, 3, 2]) % 11
        check = 0 if rest < 2 else 11 - rest
        return body + str(check)


def ie_pps() -> str:
    body = d(7)
    total = weighted(body, [8, 7, 6, 5, 4, 3, 2])
    letter = "WABCDEFGHIJKLMNOPQRSTUV"[total % 23]
    return body + letter


def il_teudat_zehut() -> str:
    body = d(8)
    total = 0
    for index, char in enumerate(body):
        value = int(char) * (1 if index % 2 == 0 else 2)
        total += value - 9 if value > 9 else value
    return body + str((10 - total % 10) % 10)


_TW_LETTERS = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17, "J": 18, "K": 19,
    "L": 20, "M": 21, "N": 22, "P": 23, "Q": 24, "R": 25, "S": 26, "T": 27, "U": 28, "V": 29,
}  # fmt: skip


def tw_national_id() -> str:
    letter = R.choice(list(_TW_LETTERS))
    code = _TW_LETTERS[letter]
    body = R.choice("12") + d(7)
    total = code // 10 + (code % 10) * 9 + weighted(body, [8, 7, 6, 5, 4, 3, 2, 1])
    return f"{letter}{body}{(10 - total % 10) % 10}"


def hk_hkid() -> str:
    letter = R.choice("ACDEGHKMPRVYZ")
    digits = d(6)
    total = 36 * 9 + (ord(letter) - 55) * 8 + weighted(digits, [7, 6, 5, 4, 3, 2])
    rest = (11 - total % 11) % 11
    check = "A" if rest == 10 else str(rest)
    return f"{letter}{digits}({check})"


def ar_cuil() -> str:
    while True:
        prefix = R.choice(["20", "23", "24", "27"])
        body = prefix + nz(8)
        rest = 11 - weighted(body, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11
        if rest == 10:
            continue
        check = 0 if rest == 11 else rest
        return f"{body[:2]}-{body[2:]}-{check}"


def uy_cedula() -> str:
    body = nz(7)
    check = (10 - weighted(body, [2, 9, 8, 7, 6, 3, 4]) % 10) % 10
    return f"{body[0]}.{body[1:4]}.{body[4:]}-{check}"


def ec_cedula() -> str:
    body = f"{R.randint(1, 24):02d}{R.randint(0, 5)}{d(6)}"
    total = 0
    for index, char in enumerate(body):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return body + str((10 - total % 10) % 10)


def ch_ahv() -> str:
    body = "756" + d(9)
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    check = (10 - total % 10) % 10
    number = body + str(check)
    return f"{number[:3]}.{number[3:7]}.{number[7:11]}.{number[11:]}"


def at_svnr() -> str:
    while True:
        serial = nz(3)
        y, m, dd = birth()
        date = f"{dd:02d}{m:02d}{y % 100:02d}"
        digits = serial + "0" + date
        check = weighted(digits, [3, 7, 9, 0, 5, 8, 4, 2, 1, 6]) % 11
        if check == 10:
            continue
        return f"{serial}{check} {date}"


def th_national_id() -> str:
    body = R.choice("12345678") + d(11)
    check = (11 - weighted(body, list(range(13, 1, -1))) % 11) % 10
    number = body + str(check)
    return f"{number[0]}-{number[1:5]}-{number[5:10]}-{number[10:12]}-{number[12]}"


def jp_my_number() -> str:
    body = d(11)
    # weights Qn for the digits counted from the right: n + 1 (n <= 6), n - 5 (n >= 7)
    total = sum(
        int(char) * (n + 1 if n <= 6 else n - 5) for n, char in enumerate(reversed(body), start=1)
    )
    rest = total % 11
    check = 0 if rest <= 1 else 11 - rest
    number = body + str(check)
    return f"{number[:4]} {number[4:8]} {number[8:]}"


def hu_adoazonosito() -> str:
    while True:
        body = "8" + d(8)
        check = weighted(body, list(range(1, 10))) % 11
        if check < 10:
            return body + str(check)


NATIONAL_IDS: dict[str, Callable[[], str]] = {
    "IS kennitala (mod 11)": is_kennitala,
    "EE isikukood (two-pass mod 11)": ee_isikukood,
    "LT asmens kodas (two-pass mod 11)": lambda: "asmens kodas " + lt_asmens_kodas(),
    "LV personas kods (mod 11)": lv_personas_kods,
    "BG EGN (weighted mod 11)": bg_egn,
    "HR OIB (ISO 7064 mod 11,10)": lambda: "OIB: " + hr_oib(),
    "SI EMSO (mod 11)": si_emso,
    "CZ rodne cislo (mod 11)": cz_rodne_cislo,
    "GR AMKA (Luhn)": lambda: "AMKA " + gr_amka(),
    "PT NIF (mod 11)": lambda: "NIF " + pt_nif(),
    "IE PPS number (mod 23 letter)": ie_pps,
    "IL Teudat Zehut (Luhn-like)": lambda: "ת.ז. " + il_teudat_zehut(),
    "TW national id (weighted mod 10)": tw_national_id,
    "HK HKID (mod 11)": hk_hkid,
    "AR CUIL (mod 11)": ar_cuil,
    "UY cedula (weighted mod 10)": uy_cedula,
    "EC cedula (mod 10)": lambda: "cédula " + ec_cedula(),
    "CH AHV number (EAN-13)": ch_ahv,
    "AT Sozialversicherungsnummer (mod 11)": at_svnr,
    "TH national id (mod 11)": th_national_id,
    "JP My Number (mod 11)": jp_my_number,
    "HU adoazonosito jel (mod 11)": lambda: "adóazonosító jel: " + hu_adoazonosito(),
}


# -- phone numbers: national and international formats of many numbering plans ------------------

PHONES: dict[str, Callable[[], str]] = {
    "PL mobile national": lambda: f"{R.choice(['512', '601', '691', '788', '882'])} {d(3)} {d(3)}",
    "PL international": lambda: f"+48 {R.choice(['512', '601', '691'])} {d(3)} {d(3)}",
    "CZ international": lambda: f"+420 {R.choice(['601', '602', '721', '777'])} {d(3)} {d(3)}",
    "SE mobile national": lambda: f"07{R.choice('0236')}-{d(3)} {d(2)} {d(2)}",
    "NO mobile international": lambda: (
        f"+47 {R.choice(['40', '41', '45', '46', '90', '92', '93', '95', '97', '98'])}{d(1)} {d(2)} {d(3)}"
    ),
    "DK international": lambda: (
        f"+45 {R.choice(['20', '30', '40', '50', '60'])} {d(2)} {d(2)} {d(2)}"
    ),
    "FI mobile national": lambda: f"04{R.choice('0145')} {d(3)} {d(4)}",
    "AT mobile national": lambda: f"06{R.choice(['64', '76', '99', '60'])} {nz(7)}",
    "CH mobile national": lambda: f"07{R.choice('6789')} {d(3)} {d(2)} {d(2)}",
    "CH Zurich landline international": lambda: f"+41 44 {nz(3)} {d(2)} {d(2)}",
    "BE mobile national": lambda: (
        f"04{R.choice(['70', '75', '77', '85', '96'])} {d(2)} {d(2)} {d(2)}"
    ),
    "PT mobile national": lambda: f"9{R.choice('1236')}{d(1)} {d(3)} {d(3)}",
    "GR mobile international": lambda: f"+30 69{R.choice('3479')} {d(3)} {d(4)}",
    "TR mobile national": lambda: (
        f"05{R.choice(['32', '33', '42', '55', '05'])} {d(3)} {d(2)} {d(2)}"
    ),
    "IL mobile national": lambda: f"05{R.choice('02348')}-{nz(3)}-{d(4)}",
    "AE mobile international": lambda: f"+971 5{R.choice('0256')} {nz(3)} {d(4)}",
    "SA mobile national": lambda: f"05{R.choice('0345')} {nz(3)} {d(4)}",
    "SG mobile": lambda: f"+65 {R.choice('89')}{d(3)} {d(4)}",
    "HK international": lambda: f"+852 {R.choice('69')}{d(3)} {d(4)}",
    "TW mobile national": lambda: f"09{R.choice('1235')}{d(1)} {d(3)} {d(3)}",
    "TH mobile international": lambda: f"+66 {R.choice(['81', '86', '89', '92'])} {d(3)} {d(4)}",
    "VN mobile international": lambda: (
        f"+84 {R.choice(['91', '98', '90', '93'])} {d(3)} {d(2)} {d(2)}"
    ),
    "MY mobile national": lambda: f"01{R.choice('2367')}-{nz(3)} {d(4)}",
    "PH mobile national": lambda: f"09{R.choice(['17', '18', '20', '27'])} {nz(3)} {d(4)}",
    "ID mobile national": lambda: f"08{R.choice(['12', '13', '21', '52'])}-{d(4)}-{d(4)}",
    "NZ mobile national": lambda: f"02{R.choice('17')} {nz(3)} {d(4)}",
    "IE mobile national": lambda: f"08{R.choice('3567')} {nz(3)} {d(4)}",
    "KE mobile international": lambda: f"+254 7{R.choice('0129')}{d(1)} {d(6)}",
    "EG mobile national": lambda: f"01{R.choice('0125')} {nz(4)} {d(4)}",
    "MA mobile international": lambda: f"+212 6{R.choice('1256')}{d(1)}-{d(6)}",
    "PK mobile national": lambda: f"03{R.choice(['00', '21', '33', '45'])} {nz(7)}",
    "UA mobile international": lambda: f"+380 {R.choice(['50', '67', '97', '63'])} {nz(3)} {d(4)}",
    "RO mobile national": lambda: f"07{R.choice(['22', '44', '55', '66'])} {d(3)} {d(3)}",
    "CO mobile national": lambda: f"3{R.choice(['00', '10', '15', '20'])} {nz(7)}",
    "CL mobile international": lambda: f"+56 9 {R.choice('5678')}{d(3)} {d(4)}",
    "AR international (9 mobile)": lambda: f"+54 9 11 {R.choice('2345')}{d(3)}-{d(4)}",
    "MX national": lambda: f"55 {R.choice('12345')}{d(3)} {d(4)}",
    "CA (NXX) NXX-XXXX": lambda: (
        f"({R.choice(['416', '604', '514', '403'])}) {R.choice('2345678')}{d(2)}-{d(4)}"
    ),
    "US in a sentence": lambda: (
        f"call me at {R.choice(['212', '312', '646', '702'])}.{R.choice('2345678')}{d(2)}.{d(4)} after 5pm"
    ),
    "KR landline national": lambda: f"02-{nz(4)}-{d(4)}",
    "DE international compact": lambda: f"+4915{R.choice('12579')}{d(8)}",
    "FR international dotted": lambda: f"+33 6.{d(2)}.{d(2)}.{d(2)}.{d(2)}",
}


# -- IBANs (ISO 13616 mod 97) ----------------------------------------------------------------------


def iban(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in rearranged))
    check = 98 - number % 97
    return f"{country}{check:02d}{bban}"


def grouped(text: str) -> str:
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


IBANS: dict[str, Callable[[], str]] = {
    "HR grouped": lambda: grouped(iban("HR", d(17))),
    "HU compact": lambda: iban("HU", d(24)),
    "CZ grouped": lambda: grouped(iban("CZ", d(20))),
    "SK compact": lambda: iban("SK", d(20)),
    "SI grouped": lambda: grouped(iban("SI", d(15))),
    "RO compact": lambda: iban("RO", pick(UPPER, 4) + pick(UPPER + DIGITS, 16)),
    "BG grouped": lambda: grouped(iban("BG", pick(UPPER, 4) + d(6) + pick(UPPER + DIGITS, 8))),
    "GR in text": lambda: "refund to " + iban("GR", d(7) + pick(UPPER + DIGITS, 16)),
    "CY compact": lambda: iban("CY", d(8) + pick(UPPER + DIGITS, 16)),
    "EE grouped": lambda: grouped(iban("EE", d(16))),
    "LV compact": lambda: iban("LV", pick(UPPER, 4) + pick(UPPER + DIGITS, 13)),
    "LT grouped": lambda: grouped(iban("LT", d(16))),
    "IS compact": lambda: iban("IS", d(22)),
    "LI grouped": lambda: grouped(iban("LI", d(5) + pick(UPPER + DIGITS, 12))),
    "KW compact": lambda: iban("KW", pick(UPPER, 4) + pick(UPPER + DIGITS, 22)),
    "QA grouped": lambda: grouped(iban("QA", pick(UPPER, 4) + pick(UPPER + DIGITS, 21))),
    "JO compact": lambda: iban("JO", pick(UPPER, 4) + d(4) + pick(UPPER + DIGITS, 18)),
    "IL labelled": lambda: "IBAN: " + iban("IL", d(19)),
    "GE compact": lambda: iban("GE", pick(UPPER, 2) + d(16)),
    "KZ grouped": lambda: grouped(iban("KZ", d(3) + pick(UPPER + DIGITS, 13))),
    "UA compact": lambda: iban("UA", d(6) + pick(UPPER + DIGITS, 19)),
    "AZ grouped": lambda: grouped(iban("AZ", pick(UPPER, 4) + pick(UPPER + DIGITS, 20))),
}


# -- payment cards -----------------------------------------------------------------------------


def card(prefix: str, length: int) -> str:
    body = prefix + d(length - len(prefix) - 1)
    return body + luhn_check(body)


def group(number: str, sizes: list[int], sep: str = " ") -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(number[at : at + size])
        at += size
    return sep.join(parts)


CARDS: dict[str, Callable[[], str]] = {
    "Visa 13 compact": lambda: card("4", 13),
    "Visa 19 grouped": lambda: group(card("4", 19), [4, 4, 4, 4, 3]),
    "Amex 4-6-5": lambda: group(card(R.choice(["34", "37"]), 15), [4, 6, 5]),
    "Discover 65 dashed": lambda: group(card("65", 16), [4, 4, 4, 4], "-"),
    "Mastercard 2-series in text": lambda: (
        "paid with " + group(card(str(R.randint(2221, 2720)), 16), [4, 4, 4, 4])
    ),
    "JCB 35 compact": lambda: card("35" + R.choice(["28", "40", "66", "89"]), 16),
    "Maestro 6759": lambda: group(card("6759", 18), [4, 4, 4, 4, 2]),
    "Mir 2200-2204": lambda: group(card("220" + R.choice("01234"), 16), [4, 4, 4, 4]),
    "UnionPay 62 16": lambda: card("62" + d(2), 16),
    "Diners 36 14": lambda: group(card("36", 14), [4, 6, 4]),
}


# -- secrets -----------------------------------------------------------------------------------


def b64(n: int) -> str:
    return pick(B64, n)


def aws_secret() -> str:
    return pick(ALNUM + "+/", 40)


SECRETS: dict[str, Callable[[], str]] = {
    "Hugging Face token": lambda: "hf_" + pick(ALNUM, 34),
    "Groq API key": lambda: "gsk_" + pick(ALNUM, 52),
    "Replicate token": lambda: "r8_" + pick(ALNUM, 37),
    "Supabase access token": lambda: "sbp_" + pick(HEX, 40),
    "Databricks token": lambda: "dapi" + pick(HEX, 32),
    "Grafana service account token": lambda: "glsa_" + pick(ALNUM, 32) + "_" + pick(HEX, 8),
    "New Relic user key": lambda: "NRAK-" + pick(UPPER + DIGITS, 27),
    "Sentry auth token": lambda: "sntrys_" + pick(ALNUM, 40),
    "Docker Hub access token": lambda: "dckr_pat_" + pick(B64URL, 27),
    "Pulumi access token": lambda: "pul-" + pick(HEX, 40),
    "Terraform Cloud token": lambda: pick(ALNUM, 14) + ".atlasv1." + pick(ALNUM, 67),
    "Atlassian API token": lambda: "ATATT3xFfGF0" + pick(B64URL, 180) + "=" + pick(HEX.upper(), 8),
    "Alibaba Cloud AccessKey id and secret": lambda: f"LTAI{pick(ALNUM, 20)}:{pick(ALNUM, 30)}",
    "Tencent Cloud SecretId": lambda: "AKID" + pick(ALNUM, 32),
    "age secret key": lambda: "AGE-SECRET-KEY-1" + pick("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
    "Slack app-level token": lambda: f"xapp-1-A{pick(UPPER + DIGITS, 10)}-{d(13)}-{pick(HEX, 64)}",
    "Stripe restricted key": lambda: "rk_live_" + pick(ALNUM, 99),
    "Razorpay live key id and secret": lambda: f"rzp_live_{pick(ALNUM, 14)}:{pick(ALNUM, 24)}",
    "Mapbox secret token": lambda: "sk.eyJ1Ijoi" + pick(ALNUM, 40) + "." + pick(B64URL, 22),
    "Notion integration token": lambda: "ntn_" + pick(ALNUM, 46),
    "Figma personal token": lambda: "figd_" + pick(B64URL, 40),
    "Contentful management token": lambda: "CFPAT-" + pick(B64URL, 43),
    "Buildkite agent token": lambda: "bkua_" + pick(HEX, 40),
    "Shippo live token": lambda: "shippo_live_" + pick(HEX, 40),
    "Azure AD client secret, assigned": lambda: (
        "client_secret=" + pick(ALNUM, 3) + "8Q~" + pick(ALNUM + "._-", 34)
    ),
    "Cloudflare API token, assigned": lambda: "CF_API_TOKEN=" + pick(ALNUM + "_-", 40),
    "Twilio auth token, labelled": lambda: "twilio auth token: " + pick(HEX, 32),
    "Algolia admin key, JSON": lambda: (
        '{"appId":"' + pick(UPPER + DIGITS, 10) + '","adminApiKey":"' + pick(HEX, 32) + '"}'
    ),
    "GCP service account private key, JSON-escaped": lambda: (
        '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\n'
        + b64(64)
        + "\\n"
        + b64(64)
        + '\\n-----END PRIVATE KEY-----\\n"}'
    ),
    "PuTTY private key": lambda: (
        "PuTTY-User-Key-File-3: ssh-ed25519 Encryption: none Comment: deploy Public-Lines: 2 "
        + b64(68)
        + " Private-Lines: 1 "
        + b64(44)
        + " Private-MAC: "
        + pick(HEX, 64)
    ),
    "kubeconfig client key data": lambda: (
        "client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo" + b64(80)
    ),
    "npmrc auth token": lambda: "//registry.npmjs.org/:_authToken=" + pick(ALNUM, 36),
    "docker config auth": lambda: (
        '{"auths":{"registry.acme.io":{"auth":"'
        + base64.b64encode(f"deploy:{pick(ALNUM, 16)}".encode()).decode()
        + '"}}}'
    ),
    "Service Bus connection string": lambda: (
        f"Endpoint=sb://acme-{pick(LOWER, 6)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={b64(43)}="
    ),
    "ODBC connection string": lambda: (
        f"Driver={{ODBC Driver 18 for SQL Server}};Server=tcp:db{d(2)}.acme.local,1433;Uid=app_rw;Pwd={pick(ALNUM + '!#%', 18)};"
    ),
    "redis URL with password only": lambda: (
        f"rediss://:{pick(ALNUM, 24)}@cache-{d(2)}.acme.internal:6380/0"
    ),
    "AMQP URL with vhost": lambda: f"amqps://svc_orders:{pick(ALNUM, 20)}@mq.acme.io:5671/prod",
    "git URL with access token as user": lambda: (
        f"https://x-access-token:ghs_{pick(ALNUM, 36)}@github.com/acme/api.git"
    ),
    "GitLab URL with oauth2 token": lambda: (
        f"https://oauth2:glpat-{pick(B64URL, 20)}@gitlab.acme.io/infra/deploy.git"
    ),
    "URL with access_token parameter": lambda: (
        f"https://graph.acme.io/v18.0/me?fields=id,name&access_token=EAAB{pick(ALNUM, 120)}"
    ),
    "URL with api_key parameter": lambda: (
        f"https://api.weather.io/data/2.5/forecast?q=Oslo&api_key={pick(HEX, 32)}"
    ),
    "S3 presigned URL": lambda: (
        f"https://acme-exports.s3.eu-west-1.amazonaws.com/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA{pick(UPPER + DIGITS, 16)}%2F20241202%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20241202T101010Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature={pick(HEX, 64)}"
    ),
    "Discord webhook URL": lambda: f"https://discord.com/api/webhooks/{d(18)}/{pick(B64URL, 68)}",
    "Authorization Token header": lambda: "Authorization: Token " + pick(HEX, 40),
    "SMTP URL with percent-encoded password": lambda: (
        f"smtp://mailer%40acme.io:{pick(ALNUM, 10)}%21{pick(ALNUM, 6)}@smtp.acme.io:587"
    ),
    "ftp URL in text": lambda: (
        f"fetched ftp://backup:{pick(ALNUM, 14)}@files.acme.io/nightly.tar.gz"
    ),
    "password in YAML line": lambda: f"password: {pick(ALNUM + '!$', 16)}",
    "DSN with secret key": lambda: (
        f"https://{pick(HEX, 32)}:{pick(HEX, 32)}@o{d(6)}.ingest.sentry.io/{d(7)}"
    ),
    "encrypted private key block, JSON-escaped": lambda: (
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI"
        + b64(40)
        + "\\n-----END ENCRYPTED PRIVATE KEY-----"
    ),
}


# -- clean values ------------------------------------------------------------------------------


def uuid4() -> str:
    h = pick(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def uuid7() -> str:
    h = pick(HEX, 32)
    return f"0190{h[4:8]}-{h[8:12]}-7{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def account() -> str:
    """Twelve digits that no card brand starts with at this length."""
    return R.choice("1234789") + d(11)


def ean13() -> str:
    body = R.choice(["0", "30", "40", "50", "76", "87"])
    body += d(12 - len(body))
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return f"EAN {body}{(10 - total % 10) % 10}"


CLEAN: dict[str, Callable[[], str]] = {
    "order number with prefix": lambda: f"ORD-{R.randint(2019, 2025)}-{d(6)}",
    "sales order with hash": lambda: f"SO#{nz(8)}",
    "SKU with variant": lambda: (
        f"TSH-{R.choice(['BLU', 'RED', 'BLK'])}-{R.choice(['S', 'M', 'XL'])}-{d(4)}"
    ),
    "Amazon ASIN": lambda: "B0" + pick(UPPER + DIGITS, 8),
    "semantic version with pre-release and build": lambda: (
        f"{R.randint(0, 9)}.{R.randint(0, 30)}.{R.randint(0, 20)}-rc.{R.randint(1, 9)}+build.{d(4)}"
    ),
    "user agent with versions": lambda: (
        f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{R.randint(110, 131)}.0.{d(4)}.{d(3)} Safari/537.36"
    ),
    "Windows build number": lambda: (
        f"Microsoft Windows NT 10.0.{R.choice(['19045', '22631', '26100'])}.{d(4)}"
    ),
    "npm package at version": lambda: (
        f"{R.choice(['react', 'vue', 'lodash', 'express'])}@{R.randint(1, 19)}.{R.randint(0, 20)}.{R.randint(0, 40)}"
    ),
    "git commit SHA": lambda: pick(HEX, 40),
    "short git SHA in describe": lambda: (
        f"v{R.randint(1, 5)}.{R.randint(0, 9)}.{R.randint(0, 9)}-{R.randint(1, 300)}-g{pick(HEX, 7)}"
    ),
    "SHA-512 hex": lambda: pick(HEX, 128),
    "container digest": lambda: "sha256:" + pick(HEX, 64),
    "UUID v7": uuid7,
    "UUID v4 upper case": lambda: uuid4().upper(),
    "W3C traceparent": lambda: f"00-{pick(HEX, 32)}-{pick(HEX, 16)}-01",
    "ISO timestamp with microseconds": lambda: (
        f"2024-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}.{d(6)}Z"
    ),
    "HTTP date": lambda: (
        f"Tue, {R.randint(1, 28):02d} Mar 2024 {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d} GMT"
    ),
    "compact timestamp": lambda: (
        f"2024{R.randint(1, 12):02d}{R.randint(1, 28):02d}{R.randint(0, 23):02d}{R.randint(0, 59):02d}{R.randint(0, 59):02d}"
    ),
    "epoch seconds": lambda: f"17{d(8)}",
    "Unix path with date": lambda: (
        f"/var/log/nginx/access.log.2024-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}.gz"
    ),
    "Windows path": lambda: (
        f"C:\\Users\\Public\\Documents\\report_{R.randint(2019, 2025)}_{d(3)}.xlsx"
    ),
    "object storage path": lambda: (
        f"s3://acme-data/exports/2024/{R.randint(1, 12):02d}/{R.randint(1, 28):02d}/part-{d(5)}.parquet"
    ),
    "API URL with query": lambda: (
        f"https://api.acme.io/v2/orders/{nz(8)}?page={R.randint(1, 40)}&limit=50"
    ),
    "pull request URL": lambda: (
        f"https://github.com/acme/{R.choice(['api', 'web', 'infra'])}/pull/{R.randint(100, 9999)}"
    ),
    "asset URL with content hash": lambda: f"https://cdn.acme.io/assets/app.{pick(HEX, 8)}.js",
    "base64 pagination cursor": lambda: base64.b64encode(
        f'{{"page":{R.randint(2, 900)},"after":"{nz(6)}"}}'.encode()
    ).decode(),
    "base64 of a text": lambda: base64.b64encode(
        R.choice(
            [
                "hello world, this is a test",
                "export finished with 0 errors",
                "the quick brown fox jumps",
            ]
        ).encode()
    ).decode(),
    "data URI of a 1x1 PNG": lambda: (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        + pick(ALNUM, 8)
        + "AAAAAElFTkSuQmCC"
    ),
    "IAM role ARN": lambda: (
        f"arn:aws:iam::{nz(12)}:role/{R.choice(['deploy', 'ci-runner', 'readonly'])}-role"
    ),
    "Lambda function ARN": lambda: (
        f"arn:aws:lambda:{R.choice(['eu-west-1', 'us-east-1'])}:{nz(12)}:function:{R.choice(['resize', 'ingest', 'notify'])}"
    ),
    "EC2 instance id": lambda: "i-0" + pick(HEX, 16),
    "security group id": lambda: "sg-0" + pick(HEX, 16),
    "Azure resource id": lambda: (
        f"/subscriptions/{uuid4()}/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod{d(3)}"
    ),
    "GCP resource name": lambda: f"projects/acme-prod-{d(6)}/locations/europe-west1/services/api",
    "Kubernetes pod name": lambda: f"api-{pick(HEX, 10)}-{pick(LOWER + DIGITS, 5)}",
    "AWS account id": account,
    "EAN-13 with label": ean13,
    "UPS tracking number": lambda: (
        f"1Z {pick(UPPER + DIGITS, 3)} {pick(UPPER + DIGITS, 3)} {d(2)} {d(4)} {d(3)}"
    ),
    "invoice number with slashes": lambda: f"INV/{R.randint(2019, 2025)}/{d(6)}",
    "amount with thousands separators": lambda: f"EUR {R.randint(1, 999)} {d(3)} {d(3)},{d(2)}",
    "coordinates": lambda: f"{R.uniform(-60, 70):.5f}, {R.uniform(-170, 170):.5f}",
    "duration": lambda: (
        f"{R.randint(0, 9):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}.{d(3)}"
    ),
    "MAC address": lambda: ":".join(pick(HEX.upper(), 2) for _ in range(6)),
    "OID": lambda: f"1.3.6.1.4.1.{R.randint(1000, 60000)}.{R.randint(1, 9)}.{R.randint(1, 20)}",
    "BIC": lambda: (
        pick(UPPER, 4)
        + R.choice(["DE", "FR", "GB", "NL"])
        + pick(UPPER, 2)
        + pick(UPPER + DIGITS, 3)
    ),
    "@ in a decorator": lambda: (
        f"@{R.choice(['Override', 'Deprecated', 'dataclass', 'staticmethod'])} on line {R.randint(10, 900)}"
    ),
    "@ in a cron alias": lambda: (
        f"schedule @{R.choice(['daily', 'hourly', 'weekly'])} next run {R.randint(1, 23)}:00"
    ),
    "@ in a package URL": lambda: (
        f"pkg:npm/%40acme/{R.choice(['ui', 'core', 'cli'])}@{R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}"
    ),
    "@ in an ssh URL": lambda: (
        f"ssh://git@{R.choice(['github.com', 'gitlab.com', 'bitbucket.org'])}/acme/{R.choice(['api', 'web'])}.git"
    ),
    "@ in an Elasticsearch field": lambda: f"@timestamp:[now-{R.randint(1, 30)}d TO now]",
    "URL without credentials with token word": lambda: (
        f"https://docs.acme.io/guides/api-token-rotation#step-{R.randint(1, 9)}"
    ),
    "masked secret": lambda: f"api_key=sk_live_****{pick(ALNUM, 4)}",
    "environment variable reference": lambda: (
        "postgres://app:${DB_PASSWORD}@db.acme.internal:5432/app"
    ),
    "Mapbox public token": lambda: "pk.eyJ1Ijoi" + pick(ALNUM, 40) + "." + pick(B64URL, 22),
    "SSH public key": lambda: (
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + pick(B64, 43) + " deploy@ci"
    ),
    "version with four parts after word": lambda: (
        f"firmware {R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 99)}.{R.randint(0, 255)}"
    ),
    "ticket reference": lambda: f"JIRA-{R.randint(100, 99999)}",
    "phone-like serial with label": lambda: f"Serial No. {R.choice('179')}{d(3)} {d(4)} {d(4)}",
}


ROWS_PER_FORMAT = {
    "national_id": 3,
    "phone": 2,
    "iban": 1,
    "card": 2,
    "secret": 1,
    "none": 2,
}
KINDS: tuple[tuple[str, dict[str, Callable[[], str]], str], ...] = (
    ("national_id", NATIONAL_IDS, "generated: published check-digit algorithm"),
    ("phone", PHONES, "hand: numbering plan (national or international format)"),
    ("iban", IBANS, "generated: ISO 13616 mod 97"),
    ("card", CARDS, "generated: brand prefix and length, Luhn"),
    ("secret", SECRETS, "hand: vendor token format or credential container"),
    ("none", CLEAN, "hand: values a service emits"),
)

EMAILS = (
    "first.last+billing@sub.acme.co.uk",
    'Reply-To: "Doe, Jane" <jane.doe@acme-mail.org>',
    "mailto:support@acme.io?subject=Refund",
    "jane_doe1987@gmail.com",
    "contact: o.nowak@firma.pl",
    "d'angelo.m@posteo.de",
    "j@acme.io",
    "ops-team@corp.acme.com.au",
    '{"to":"m.rossi@azienda.it"}',
    "notified k.tanaka@example.jp of the change",
    "tomas.novak@seznam.cz;petra.svoboda@seznam.cz",
    "ADMIN@ACME.ORG",
)
IPS = (
    "10.0.0.12:8443",
    "client=203.0.113.9",
    "X-Forwarded-For: 198.51.100.23, 10.1.2.3",
    "2001:db8:85a3::8a2e:370:7334",
    "[2001:db8::1]:443",
    "2001:DB8:0:0:8:800:200C:417A",
    "127.0.0.1:5432",
    "connection from 172.16.254.1 refused",
    "fe80::1ff:fe23:4567:890a",
    "::ffff:192.168.1.20",
)


def main() -> None:
    rows: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(value: str, expected: str, fmt: str, source: str) -> None:
        if value in seen:
            return
        seen.add(value)
        assert "\t" not in value, fmt
        assert "\n" not in value, fmt
        rows.append(
            {
                "value": value,
                "expected": expected,
                "format": fmt,
                "group": f"{expected}:{fmt}",
                "source": source,
                "split": SPLIT,
                "note": "",
            }
        )

    for expected, formats, source in KINDS:
        for fmt, make in formats.items():
            for _ in range(ROWS_PER_FORMAT[expected]):
                add(make(), expected, fmt, source)
    for value in EMAILS:
        add(value, "email", "hand-written address", "hand: e-mail addresses in service text")
    for value in IPS:
        add(value, "ip", "hand-written address", "hand: IP addresses in service text")
    # digit groups of a card shape that fail Luhn are clean (the guide)
    for _ in range(3):
        number = card("4", 16)
        bad = number[:-1] + str((int(number[-1]) + 1) % 10)
        assert not luhn_ok(bad)
        add(
            group(bad, [4, 4, 4, 4]),
            "none",
            "card shape failing Luhn",
            "generated: Luhn off by one",
        )
    # IBAN shapes with a wrong checksum are clean
    for country, length in (("HR", 17), ("LT", 16), ("CZ", 20)):
        good = iban(country, d(length))
        wrong = f"{good[:2]}{(int(good[2:4]) + 1) % 100:02d}{good[4:]}"
        add(
            wrong,
            "none",
            "IBAN shape with a wrong checksum (new countries)",
            "generated: mod 97 off by one",
        )
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            COLUMNS,
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
            quotechar=None,
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows -> {OUT}")


if __name__ == "__main__":
    main()

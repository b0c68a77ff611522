#!/usr/bin/env python3
"""Assemble bench/accuracy/values_heldout5.tsv: a fifth held-out split of labelled values.

    python bench/accuracy/assemble_values_heldout5.py

Labelled by the guide in bench/accuracy/README.md and committed before any recogniser changed
in the round that follows it (issue 17, values part, round 5). Measure it with

    python bench/bench_accuracy.py --values bench/accuracy/values_heldout5.tsv --split all

Nothing here comes from the earlier splits' generators (no import of `assemble_values*.py`)
nor from the libraries the recognisers use (phonenumbers, python-stdnum, a secret scanner's
rule set). Formats and contexts are ones no earlier split holds:

- national identifiers of schemes no earlier split holds (Serbia's and North Macedonia's
  JMBG, Luxembourg's matricule, Moldova's IDNP, Ukraine's RNOKPP, Kazakhstan's IIN, Russia's
  SNILS, New Zealand's IRD number, the Dominican cédula, the Emirates ID, Saudi Arabia's
  national id and iqama, Iran's national code, Brazil's PIS/NIS, Australia's Medicare number,
  the NHS number, Germany's Rentenversicherungsnummer, Hungary's TAJ number, Sweden's
  samordningsnummer), each check digit implemented again from the scheme's published rule, on
  random digits, bare, labelled, in log lines and in JSON;
- phone numbers of numbering plans no earlier split names (Eastern Europe, the Caucasus,
  Central Asia, the Gulf, South Asia, Africa, Latin America), mobile ranges written out by
  hand, in E.164, national, `tel:` URI and JSON forms;
- cards of brands no earlier split holds (Elo, Hipercard, RuPay, Dankort, Verve, Visa
  Electron, UATP), random bodies with Luhn check digits, in URLs, JSON and log lines;
- IBANs of countries no earlier split holds, random BBANs in each country's published BBAN
  shape, ISO 13616 mod-97 check digits;
- secrets: token formats of issuers no earlier split holds, as the issuers document them
  (prefix, alphabet, length) with random bodies, and credentials in containers not used
  before (`.netrc`, Wi-Fi QR payloads, SMTP AUTH, Cloudinary URLs, Cosmos DB strings);
- e-mail and IP addresses in odd contexts (percent-encoded in a query, quoted local part,
  CIDR, NAT64, access-log lines);
- clean values: hard negatives a service writes (device and SIM serials that pass Luhn,
  routing, ISIN and LEI numbers, tracking numbers, versions, hashes, UUIDs, timestamps,
  placeholders, public tokens), and cards, IBANs and identifiers with wrong check digits.

The seed is fixed; the file is written in a stable order.
"""

from __future__ import annotations

import random
import string
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "values_heldout5.tsv"
COLUMNS = ("value", "expected", "format", "group", "source", "split", "note")
SPLIT = "heldout5"
R = random.Random(20261205)

GEN_ID = "generated: published check-digit rule of the scheme, random digits"
GEN_PHONE = "hand: mobile range of the numbering plan, random subscriber digits"
GEN_CARD = "generated: brand IIN range, random body, Luhn"
GEN_IBAN = "generated: published BBAN shape, random characters, ISO 13616 mod 97"
GEN_SECRET = "generated: issuer's documented token format, random body"
HAND = "hand: log lines, JSON and URLs written for this file"

Row = tuple[str, str, str, str]
"""value, expected, format, source"""

UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits


def digits(n: int) -> str:
    return "".join(R.choice(string.digits) for _ in range(n))


def alnum(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def hexs(n: int) -> str:
    return alnum(n, "0123456789abcdef")


def b64(n: int) -> str:
    return alnum(n, ALNUM + "+/")


def b64url(n: int) -> str:
    return alnum(n, ALNUM + "-_")


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return total % 10 == 0


def luhn_complete(body: str) -> str:
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError(body)


def luhn_break(number: str) -> str:
    last = int(number[-1])
    return number[:-1] + str((last + R.randint(1, 9)) % 10)


def birth() -> tuple[int, int, int]:
    return R.randint(1955, 2004), R.randint(1, 12), R.randint(1, 28)


# -- national identifiers ----------------------------------------------------------------------


def jmbg(region: str) -> str:
    """DDMMYYY RR BBB K; K = 11 - (7(a+g) + 6(b+h) + ... + 2(f+l)) mod 11, 11 -> 0, 10 invalid."""
    while True:
        y, m, d = birth()
        body = f"{d:02d}{m:02d}{y % 1000:03d}{region}{R.randint(0, 999):03d}"
        weights = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
        k = 11 - sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
        if k == 10:
            continue
        return body + str(0 if k == 11 else k)


VERHOEFF_D = [
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
VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]
VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_digit(body: str) -> str:
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = VERHOEFF_D[c][VERHOEFF_P[(i + 1) % 8][int(ch)]]
    return str(VERHOEFF_INV[c])


def lu_matricule() -> str:
    """YYYYMMDD XXX, then a Luhn digit and a Verhoeff digit, both over the first 11."""
    y, m, d = birth()
    body = f"{y:04d}{m:02d}{d:02d}{digits(3)}"
    return body + luhn_complete(body)[-1] + verhoeff_digit(body)


def md_idnp() -> str:
    """13 digits, the last the sum of the first 12 weighted 7, 3, 1 mod 10."""
    body = "2" + digits(11)
    check = sum(int(c) * (7, 3, 1)[i % 3] for i, c in enumerate(body)) % 10
    return body + str(check)


def ua_rnokpp() -> str:
    """10 digits: days since 1899-12-31, a serial, a check over weights -1,5,7,9,4,6,10,5,7."""
    body = f"{R.randint(20000, 38000):05d}{digits(4)}"
    weights = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
    return body + str(sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11 % 10)


def kz_iin() -> str:
    """YYMMDD, century and sex, 4 digits, a mod-11 check with a second weight set."""
    while True:
        y, m, d = birth()
        body = f"{y % 100:02d}{m:02d}{d:02d}{R.choice('34' if y < 2000 else '56')}{digits(4)}"
        check = sum(int(c) * w for c, w in zip(body, range(1, 12), strict=True)) % 11
        if check == 10:
            weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
            check = sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
        if check < 10:
            return body + str(check)


def ru_snils() -> str:
    """XXX-XXX-XXX YY: the digits weighted 9..1; below 100 as is, 100 and 101 -> 00, else mod 101."""
    while True:
        body = digits(9)
        if int(body) <= 1001998:
            continue
        total = sum(int(c) * w for c, w in zip(body, range(9, 0, -1), strict=True))
        if total > 101:
            total %= 101
        check = 0 if total in (100, 101) else total
        return f"{body[:3]}-{body[3:6]}-{body[6:]} {check:02d}"


def nz_ird() -> str:
    """8 digits weighted 3,2,7,6,5,4,3,2; 11 - r; 10 -> second weights 7,4,3,2,5,2,7,6."""
    while True:
        body = f"{R.randint(10_000_000, 149_999_999) // 10:08d}"
        for weights in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
            r = sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
            check = 0 if r == 0 else 11 - r
            if check != 10:
                number = (body + str(check)).lstrip("0").rjust(9, "0")
                return f"{number[:3]}-{number[3:6]}-{number[6:]}"


def do_cedula() -> str:
    number = luhn_complete("0" + digits(9))
    return f"{number[:3]}-{number[3:10]}-{number[10]}"


def ae_emirates_id() -> str:
    y, _, _ = birth()
    number = luhn_complete(f"784{y:04d}{digits(7)}")
    return f"{number[:3]}-{number[3:7]}-{number[7:14]}-{number[14]}"


def sa_national_id(lead: str) -> str:
    return luhn_complete(lead + digits(8))


def ir_national_code() -> str:
    """10 digits; r = sum(d_i * (10 - i)) mod 11 over the first 9; check r if r < 2 else 11 - r."""
    body = digits(9)
    r = sum(int(c) * (10 - i) for i, c in enumerate(body)) % 11
    return body + str(r if r < 2 else 11 - r)


def br_pis() -> str:
    """11 digits, weights 3,2,9,8,7,6,5,4,3,2; 11 - r, 10 and 11 -> 0."""
    body = "1" + digits(9)
    weights = (3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
    k = 11 - sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
    number = body + str(0 if k >= 10 else k)
    return f"{number[:3]}.{number[3:8]}.{number[8:10]}-{number[10]}"


def au_medicare() -> str:
    """10 digits: first 2-6, 8th+1 digit a check (weights 1,3,7,9,1,3,7,9 mod 10), issue digit."""
    body = str(R.randint(2, 6)) + digits(7)
    check = sum(int(c) * w for c, w in zip(body, (1, 3, 7, 9, 1, 3, 7, 9), strict=True)) % 10
    return f"{body[:4]} {body[4:]}{check} {R.randint(1, 9)}"


def nhs_number() -> str:
    """10 digits, weights 10..2, check 11 - r, 11 -> 0, 10 invalid."""
    while True:
        body = str(R.randint(4, 6)) + digits(8)
        k = 11 - sum(int(c) * w for c, w in zip(body, range(10, 1, -1), strict=True)) % 11
        if k == 10:
            continue
        number = body + str(0 if k == 11 else k)
        return f"{number[:3]} {number[3:6]} {number[6:]}"


def de_rvnr() -> str:
    """area(2) DDMMYY letter serial(2) check: letter as its 2-digit place, weights
    2,1,2,5,7,1,2,1,2,1,2,1, digit sums of the products, mod 10."""
    y, m, d = birth()
    letter = R.choice(UPPER)
    area = R.choice(("12", "13", "15", "24", "42", "53", "65"))
    serial = f"{R.randint(0, 49) if R.random() < 0.5 else R.randint(50, 99):02d}"
    expanded = f"{area}{d:02d}{m:02d}{y % 100:02d}{UPPER.index(letter) + 1:02d}{serial}"
    weights = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)
    total = sum(sum(divmod(int(c) * w, 10)) for c, w in zip(expanded, weights, strict=True))
    return f"{area}{d:02d}{m:02d}{y % 100:02d}{letter}{serial}{total % 10}"


def hu_taj() -> str:
    """9 digits: the first 8 weighted 3 and 7 alternately, sum mod 10 is the ninth."""
    body = digits(8)
    check = sum(int(c) * (3 if i % 2 == 0 else 7) for i, c in enumerate(body)) % 10
    number = body + str(check)
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def se_samordningsnummer() -> str:
    """A personnummer whose day is increased by 60, Luhn over the ten digits."""
    y, m, d = birth()
    body = f"{y % 100:02d}{m:02d}{d + 60:02d}{digits(3)}"
    number = luhn_complete(body)
    return f"{number[:6]}-{number[6:]}"


def national_ids() -> list[Row]:
    rs, mk = jmbg("71"), jmbg("41")
    rows = [
        (f"JMBG: {rs}", "RS JMBG (mod 11), labelled"),
        (f'{{"jmbg":"{jmbg("73")}","status":"verified"}}', "RS JMBG in JSON"),
        (f"ЕМБГ {mk}", "MK EMBG (mod 11), Cyrillic label"),
        (f"matricule {lu_matricule()}", "LU matricule (Luhn and Verhoeff), labelled"),
        (f"numéro d'identification national {lu_matricule()} mis à jour", "LU matricule in text"),
        (f"IDNP {md_idnp()}", "MD IDNP (weights 7,3,1), labelled"),
        (f"client idnp={md_idnp()} kyc=passed", "MD IDNP in a log line"),
        (f"РНОКПП {ua_rnokpp()}", "UA RNOKPP (mod 11), labelled"),
        (f"ІПН: {ua_rnokpp()}", "UA RNOKPP (mod 11), short label"),
        (f"ИИН {kz_iin()}", "KZ IIN (mod 11, two weight sets), labelled"),
        (f'{{"iin": "{kz_iin()}", "bank": "halyk"}}', "KZ IIN in JSON"),
        (f"СНИЛС {ru_snils()}", "RU SNILS (mod 101), labelled"),
        (f"snils: {ru_snils()}", "RU SNILS (mod 101), Latin label"),
        (f"IRD number {nz_ird()}", "NZ IRD number (mod 11), labelled"),
        (f"payee IRD {nz_ird()} updated", "NZ IRD number in text"),
        (f"Cédula {do_cedula()}", "DO cédula (Luhn), labelled"),
        (f"cedula={do_cedula()}", "DO cédula (Luhn), assigned"),
        (f"Emirates ID {ae_emirates_id()}", "AE Emirates ID (Luhn), labelled"),
        (f"EID: {ae_emirates_id()} scanned at desk 3", "AE Emirates ID in text"),
        (f"national id {sa_national_id('1')}", "SA national id (Luhn), labelled"),
        (f"Iqama {sa_national_id('2')}", "SA iqama (Luhn), labelled"),
        (f"کد ملی {ir_national_code()}", "IR national code (mod 11), Persian label"),
        (f"melli code: {ir_national_code()}", "IR national code (mod 11), Latin label"),
        (f"PIS {br_pis()}", "BR PIS/NIS (mod 11), labelled"),
        (f"NIS/PIS: {br_pis()}", "BR PIS/NIS (mod 11), slash label"),
        (f"Medicare card {au_medicare()}", "AU Medicare number (weighted mod 10), labelled"),
        (f"NHS number {nhs_number()}", "UK NHS number (mod 11), labelled"),
        (f'{{"nhs_no":"{nhs_number().replace(" ", "")}"}}', "UK NHS number in JSON"),
        (f"Rentenversicherungsnummer {de_rvnr()}", "DE Rentenversicherungsnummer, labelled"),
        (f"SV-Nummer: {de_rvnr()}", "DE Rentenversicherungsnummer, short label"),
        (f"TAJ szám: {hu_taj()}", "HU TAJ number (weights 3,7), labelled"),
        (f"samordningsnummer {se_samordningsnummer()}", "SE samordningsnummer (Luhn), labelled"),
    ]
    return [(text, "national_id", fmt, GEN_ID) for text, fmt in rows]


def bad_national_ids() -> list[Row]:
    """Identifiers of the schemes above with the check digit changed: clean by the guide."""

    def bump(number: str) -> str:
        i = max(i for i, c in enumerate(number) if c.isdigit())
        return number[:i] + str((int(number[i]) + R.randint(1, 9)) % 10) + number[i + 1 :]

    def wrong(make_number: Callable[[], str], check: Callable[[str], bool]) -> str:
        while True:
            number = bump(make_number())
            if not check(number):
                return number

    def jmbg_ok(number: str) -> bool:
        weights = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
        k = 11 - sum(int(c) * w for c, w in zip(number, weights, strict=False)) % 11
        return (0 if k == 11 else k) == int(number[12])

    def ir_ok(number: str) -> bool:
        r = sum(int(c) * (10 - i) for i, c in enumerate(number[:9])) % 11
        return (r if r < 2 else 11 - r) == int(number[9])

    def nhs_ok(number: str) -> bool:
        d = number.replace(" ", "")
        k = 11 - sum(int(c) * w for c, w in zip(d, range(10, 1, -1), strict=False)) % 11
        return (0 if k == 11 else k) == int(d[9])

    rows = [
        (f"JMBG: {wrong(lambda: jmbg('71'), jmbg_ok)}", "RS JMBG with a wrong check digit"),
        (
            f"Emirates ID {wrong(ae_emirates_id, lambda n: luhn_ok(n.replace('-', '')))}",
            "AE Emirates ID with a wrong check digit",
        ),
        (f"کد ملی {wrong(ir_national_code, ir_ok)}", "IR national code with a wrong check digit"),
        (f"NHS number {wrong(nhs_number, nhs_ok)}", "UK NHS number with a wrong check digit"),
        (
            f"Cédula {wrong(do_cedula, lambda n: luhn_ok(n.replace('-', '')))}",
            "DO cédula with a wrong check digit",
        ),
    ]
    return [(text, "none", fmt, GEN_ID) for text, fmt in rows]


# -- phone numbers -----------------------------------------------------------------------------


def phones() -> list[Row]:
    d = digits
    rows = [
        (f"+36 20 {d(3)} {d(4)}", "HU mobile, E.164 grouped"),
        (f"hívjon: 06 30 {d(3)} {d(4)}", "HU mobile, national with 06"),
        (f"+359 88 {d(3)} {d(4)}", "BG mobile, E.164 grouped"),
        (f"tel. 0887 {d(3)} {d(3)}", "BG mobile, national"),
        (f"+385 91 {d(3)} {d(4)}", "HR mobile, E.164 grouped"),
        (f"mob: 098 {d(3)} {d(4)}", "HR mobile, national"),
        (f"+381 64 {d(3)} {d(4)}", "RS mobile, E.164 grouped"),
        (f"+421 905 {d(3)} {d(3)}", "SK mobile, E.164 grouped"),
        (f"+370 612 {d(5)}", "LT mobile, E.164"),
        (f"+371 2{d(3)} {d(4)}", "LV mobile, E.164"),
        (f"+372 5{d(3)} {d(4)}", "EE mobile, E.164"),
        (f"+354 66{d(1)} {d(4)}", "IS mobile, E.164"),
        (f"+352 621 {d(3)} {d(3)}", "LU mobile, E.164"),
        (f"+356 79{d(2)} {d(4)}", "MT mobile, E.164"),
        (f"+357 99 {d(6)}", "CY mobile, E.164"),
        (f"+995 555 {d(2)} {d(2)} {d(2)}", "GE mobile, E.164"),
        (f"+374 91 {d(6)}", "AM mobile, E.164"),
        (f"+7 701 {d(3)} {d(2)} {d(2)}", "KZ mobile, E.164"),
        (f"+998 90 {d(3)} {d(2)} {d(2)}", "UZ mobile, E.164"),
        (f"+962 79 {d(3)} {d(4)}", "JO mobile, E.164"),
        (f"+974 5{d(3)} {d(4)}", "QA mobile, E.164"),
        (f"+965 66{d(2)} {d(4)}", "KW mobile, E.164"),
        (f"+968 92 {d(3)} {d(3)}", "OM mobile, E.164"),
        (f"+973 36{d(2)} {d(4)}", "BH mobile, E.164"),
        (f"+880 171{d(1)}-{d(6)}", "BD mobile, E.164 dashed"),
        (f"+94 77 {d(3)} {d(4)}", "LK mobile, E.164"),
        (f"+977 984{d(1)}-{d(6)}", "NP mobile, E.164 dashed"),
        (f"+233 24 {d(3)} {d(4)}", "GH mobile, E.164"),
        (f"+255 754 {d(3)} {d(3)}", "TZ mobile, E.164"),
        (f"+256 772 {d(6)}", "UG mobile, E.164"),
        (f"+251 91 {d(3)} {d(4)}", "ET mobile, E.164"),
        (f"+221 77 {d(3)} {d(2)} {d(2)}", "SN mobile, E.164"),
        (f"+216 98 {d(3)} {d(3)}", "TN mobile, E.164"),
        (f"+213 550 {d(2)} {d(2)} {d(2)}", "DZ mobile, E.164"),
        (f"+51 987 {d(3)} {d(3)}", "PE mobile, E.164"),
        (f"+58 414-{d(7)}", "VE mobile, E.164 dashed"),
        (f"+593 99 {d(3)} {d(4)}", "EC mobile, E.164"),
        (f"+591 7{d(7)}", "BO mobile, E.164 compact"),
        (f"+595 981 {d(6)}", "PY mobile, E.164"),
        (f"+598 94 {d(3)} {d(3)}", "UY mobile, E.164"),
        (f"+506 8{d(3)} {d(4)}", "CR mobile, E.164"),
        (f"+507 6{d(3)}-{d(4)}", "PA mobile, E.164 dashed"),
        (f"+502 5{d(3)} {d(4)}", "GT mobile, E.164"),
        (f"+976 88{d(2)} {d(4)}", "MN mobile, E.164"),
        (f"tel:+36-20-{d(3)}-{d(4)}", "HU mobile, tel: URI"),
        (f'{{"msisdn":"+25575{d(7)}","opt_in":true}}', "TZ mobile, E.164 compact in JSON"),
        (f"sms queued to=+38164{d(7)} segments=1", "RS mobile, E.164 compact in a log line"),
        (f"callback number +421 2 {d(4)} {d(4)}", "SK Bratislava landline, E.164"),
        (f"+359 2 {d(3)} {d(4)}", "BG Sofia landline, E.164"),
        (f"Telefon: (+372) 6{d(2)} {d(4)}", "EE Tallinn landline, bracketed code"),
    ]
    return [(text, "phone", fmt, GEN_PHONE) for text, fmt in rows]


# -- cards -------------------------------------------------------------------------------------


def card(prefix: str, length: int) -> str:
    return luhn_complete(prefix + digits(length - len(prefix) - 1))


def group4(number: str, sep: str = " ") -> str:
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


def cards() -> list[Row]:
    rows = [
        (group4(card("636297", 16)), "Elo, 4-4-4-4"),
        (f"pagamento com cartão {card('506717', 16)} aprovado", "Elo, compact in text"),
        (group4(card("606282", 16), "-"), "Hipercard, dashes"),
        (f'{{"pan":"{card("652150", 16)}","scheme":"rupay"}}', "RuPay, compact in JSON"),
        (group4(card("508512", 16)), "RuPay 508, 4-4-4-4"),
        (f"Dankort {group4(card('5019', 16))}", "Dankort, labelled"),
        (f"verve card {card('506099', 19)} declined", "Verve 19, compact in text"),
        (f"/pay?card_number={card('4917', 16)}&exp=1228", "Visa Electron in a URL query"),
        (f"pan={card('1', 15)} brand=uatp", "UATP 15, compact in a log line"),
        (f"card {card('2202', 16)} token refresh", "Mir 2202 in text"),
    ]
    return [(text, "card", fmt, GEN_CARD) for text, fmt in rows]


def bad_cards() -> list[Row]:
    rows = [
        (group4(luhn_break(card("636297", 16))), "Elo shape failing Luhn"),
        (f"pan={luhn_break(card('652150', 16))}", "RuPay shape failing Luhn"),
        (group4(luhn_break(card("4917", 16)), "-"), "Visa shape failing Luhn, dashes"),
        (f"card ending {luhn_break(card('5412', 16))} flagged", "Mastercard shape failing Luhn"),
    ]
    return [(text, "none", fmt, GEN_CARD) for text, fmt in rows]


# -- IBANs -------------------------------------------------------------------------------------


def iban_of(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def shape(spec: str) -> str:
    """n digits, a capitals, c capitals or digits; e.g. '4n4a'."""
    out = []
    number = ""
    for ch in spec:
        if ch.isdigit():
            number += ch
            continue
        alphabet = {"n": string.digits, "a": UPPER, "c": UPPER + string.digits}[ch]
        out.append(alnum(int(number), alphabet))
        number = ""
    return "".join(out)


IBAN_SHAPES = {
    "AD": "4n4n12c",
    "AL": "8n16c",
    "BH": "4a14c",
    "CR": "18n",
    "DO": "4c20n",
    "FO": "4n9n1n",
    "GI": "4a15c",
    "GL": "4n9n1n",
    "GT": "4c20c",
    "IQ": "4a3n12n",
    "LB": "4n20c",
    "MD": "2c18c",
    "MU": "4a2n2n12n3n3a",
    "PK": "4a16c",
    "PS": "4a21c",
    "VA": "3n15n",
    "VG": "4a16n",
    "XK": "4n10n2n",
    "EG": "4n4n17n",
    "SV": "4a20n",
}


def ibans() -> list[Row]:
    made = {c: iban_of(c, shape(s)) for c, s in IBAN_SHAPES.items()}
    rows: list[tuple[str, str]] = []
    for i, (country, number) in enumerate(made.items()):
        form = i % 4
        if form == 0:
            rows.append((number, f"{country} IBAN, compact"))
        elif form == 1:
            rows.append((group4(number), f"{country} IBAN, grouped"))
        elif form == 2:
            rows.append((f"payout to IBAN {group4(number)} scheduled", f"{country} IBAN in text"))
        else:
            rows.append((f'{{"iban":"{number}","currency":"EUR"}}', f"{country} IBAN in JSON"))
    return [(text, "iban", fmt, GEN_IBAN) for text, fmt in rows]


def bad_ibans() -> list[Row]:
    rows = []
    for country in ("AD", "BH", "PK", "XK", "MU"):
        good = iban_of(country, shape(IBAN_SHAPES[country]))
        wrong = f"{good[:2]}{(int(good[2:4]) + R.randint(1, 40)) % 97 + 2:02d}{good[4:]}"
        assert wrong != good
        rows.append((group4(wrong), f"{country} IBAN shape, wrong check digits"))
    return [(text, "none", fmt, GEN_IBAN) for text, fmt in rows]


# -- secrets -----------------------------------------------------------------------------------


def secrets() -> list[Row]:
    uuid = lambda: f"{hexs(8)}-{hexs(4)}-4{hexs(3)}-a{hexs(3)}-{hexs(12)}"
    rows = [
        (f"glrt-{b64url(20)}", "GitLab runner authentication token"),
        (f"GITLAB_TRIGGER=glptt-{hexs(40)}", "GitLab pipeline trigger token, assigned"),
        (f"gldt-{alnum(20)}", "GitLab deploy token"),
        (f"ATBB{alnum(32)}", "Bitbucket app password"),
        (f"nfp_{alnum(36)}", "Netlify personal access token"),
        (f"pat{alnum(14)}.{hexs(64)}", "Airtable personal access token"),
        (f"2/{digits(16)}/{digits(16)}:{hexs(32)}", "Asana personal access token"),
        (
            f"dt0c01.{alnum(24, UPPER + string.digits)}.{alnum(64, UPPER + string.digits)}",
            "Dynatrace API token",
        ),
        (f"pscale_tkn_{b64url(43)}", "PlanetScale service token"),
        (f"pnu_{alnum(36)}", "Prefect API key"),
        (f"sgp_{hexs(40)}", "Sourcegraph access token"),
        (f"rubygems_{hexs(48)}", "RubyGems API key"),
        (f"oy2{alnum(43, LOWER + string.digits)}", "NuGet API key"),
        (f"CLOJARS_{hexs(60)}", "Clojars deploy token"),
        (f"xai-{alnum(80)}", "xAI API key"),
        (f"pplx-{alnum(48)}", "Perplexity API key"),
        (f"lsv2_pt_{hexs(32)}_{hexs(10)}", "LangSmith personal token"),
        (f"AAAA{alnum(7)}:APA91b{b64url(134)}", "Firebase Cloud Messaging server key"),
        (
            f"https://acme.webhook.office.com/webhookb2/{uuid()}@{uuid()}/IncomingWebhook/{hexs(32)}/{uuid()}",
            "Microsoft Teams incoming webhook URL",
        ),
        (
            f"kubeadm join api.k8s.internal:6443 --token {alnum(6, LOWER + string.digits)}.{alnum(16, LOWER + string.digits)}",
            "Kubernetes bootstrap token in a command line",
        ),
        (
            f"AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey={b64(86)}==;",
            "Azure Cosmos DB connection string",
        ),
        (
            f"https://acme-fn.azurewebsites.net/api/ingest?code={b64url(54)}==",
            "Azure Functions key in a URL",
        ),
        (f"AZURE_DEVOPS_EXT_PAT={alnum(52, LOWER + '234567')}", "Azure DevOps PAT, assigned"),
        (f"aws_session_token = FwoGZXIvYXdzE{b64(300)}", "AWS session token after its config key"),
        (f"X-API-Key: {hexs(32)}", "API key header"),
        (f"Proxy-Authorization: Basic {b64(28)}=", "proxy basic credentials"),
        (f"smtp: AUTH PLAIN {b64(36)}", "SMTP AUTH PLAIN"),
        (f"machine api.acme.example login deploy password {alnum(20)}", ".netrc line"),
        (f"WIFI:S:Office-5G;T:WPA;P:{alnum(16)};;", "Wi-Fi QR payload with a password"),
        (f"mysql -h db.internal -u app -p{alnum(14)} orders", "MySQL client password flag"),
        (f"ops_eyJ{b64url(160)}", "1Password service account token"),
        (f"DD_API_KEY={hexs(32)}", "Datadog API key, assigned"),
        (f"hcaik_01{alnum(56, LOWER + string.digits)}", "Honeycomb ingest key"),
        (f'{{"headers":{{"Authorization":"Splunk {uuid()}"}}}}', "Splunk HEC token in JSON"),
        (f"Authorization: ApiKey {b64(60)}==", "Elastic API key header"),
        (f"whsec_{b64(32)}", "Stripe webhook signing secret"),
        (f"sk_live_{hexs(40)}", "Paystack secret key"),
        (
            f"access_token$production${alnum(16, LOWER + string.digits)}${hexs(32)}",
            "Braintree access token",
        ),
        (f"PLAID_SECRET={hexs(30)}", "Plaid secret, assigned"),
        (f"{hexs(32)}-us{R.randint(1, 21)}", "Mailchimp API key"),
        (f"X-Postmark-Server-Token: {uuid()}", "Postmark server token header"),
        (f"xkeysib-{hexs(64)}-{alnum(16)}", "Brevo API key"),
        (f"re_{alnum(8)}_{alnum(24)}", "Resend API key"),
        (
            f"https://rest.nexmo.com/sms/json?api_key={hexs(8)}&api_secret={alnum(16)}&to=",
            "Vonage API secret in a URL",
        ),
        (f"sdk-{uuid()}", "LaunchDarkly server SDK key"),
        (f"CCIPAT_{alnum(22)}_{hexs(40)}", "CircleCI personal API token"),
        (f"API-{alnum(26, UPPER + string.digits)}", "Octopus Deploy API key"),
        (f"squ_{hexs(40)}", "SonarQube user token"),
        (f"AUTH0_CLIENT_SECRET={b64url(64)}", "Auth0 client secret, assigned"),
        (f"cloudinary://{digits(15)}:{b64url(27)}@acme-media", "Cloudinary URL"),
        (f"{alnum(6)}.{alnum(6)}:{b64url(43)}", "Ably API key"),
        (f"CONSUL_HTTP_TOKEN={uuid()}", "Consul ACL token, assigned"),
        (f"tskey-auth-{alnum(12)}CNTRL-{alnum(33)}", "Tailscale auth key"),
        (
            f"ngrok config add-authtoken 2{alnum(26)}_{alnum(21)}",
            "ngrok authtoken in a command line",
        ),
        (f"IBMCLOUD_API_KEY={b64url(44)}", "IBM Cloud API key, assigned"),
        (f"HCLOUD_TOKEN={alnum(64)}", "Hetzner Cloud token, assigned"),
        (f"rnd_{alnum(32)}", "Render API key"),
        (f"napi_{alnum(64, LOWER + string.digits)}", "Neon API key"),
        (f"PINECONE_API_KEY={uuid()}", "Pinecone API key, assigned"),
        (f"hvb.{b64url(138)}", "HashiCorp Vault batch token"),
    ]
    return [(text, "secret", fmt, GEN_SECRET) for text, fmt in rows]


# -- e-mail and IP addresses -------------------------------------------------------------------


def emails() -> list[Row]:
    rows = [
        (
            f"GET /unsubscribe?email=jana.novak{digits(2)}%40example.cz&list=news",
            "percent-encoded in a URL query",
        ),
        ('"john smith"@example.org', "quoted local part"),
        ('{"to":["ops-team+alerts@example.net"],"cc":[]}', "in a JSON list"),
        ("postfix/smtp: to=<k.tanaka@mail.example.jp>, relay=mx.example.jp", "postfix log line"),
        ("Reply-To: Renée Dubois <renee.dubois@exemple.fr>", "header with a display name"),
        ("user@bücher.example", "internationalised domain"),
        ("mailto:support@example.com?subject=Order%20issue", "mailto URI with a query"),
        (f"invite sent to Ana.Lima{digits(3)}@EXAMPLE.COM.BR", "upper-case domain in text"),
    ]
    return [(text, "email", fmt, HAND) for text, fmt in rows]


def ips() -> list[Row]:
    rows = [
        ("allow 10.20.30.0/24 to port 5432", "IPv4 CIDR"),
        ("route 2001:db8:abcd::/48 via fe80::1", "IPv6 CIDR"),
        ("dns64 answer 64:ff9b::c000:221", "NAT64 IPv6"),
        (
            '203.0.113.9 - - [03/Dec/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 512',
            "access-log line",
        ),
        ("postfix/smtpd: connect from unknown[198.51.100.7]", "bracketed in a mail log"),
        ('{"remote_addr":"2001:DB8:0:0:8:800:200C:417A"}', "IPv6 upper case in JSON"),
        ("connection from ::1 port 51234", "IPv6 loopback in text"),
        ("http://192.0.2.44/admin/login", "IPv4 host of a URL"),
        ("ssh ubuntu@198.51.100.23", "IPv4 after a login name"),
        ("peer fe80::1ff:fe23:4567:890a%en0 timed out", "IPv6 EUI-64 with zone"),
    ]
    return [(text, "ip", fmt, HAND) for text, fmt in rows]


# -- clean values ------------------------------------------------------------------------------


def clean() -> list[Row]:
    imei = luhn_complete("35" + digits(12))
    iccid = luhn_complete("8944" + digits(14))
    lines = [
        (f"device imei {imei} registered", "IMEI (Luhn) in text"),
        (f"SIM iccid={iccid}", "ICCID (Luhn, 19 digits)"),
        ("routing number 021000021", "ABA routing number"),
        ("ISIN US0378331005 traded", "ISIN"),
        ("LEI 5493001KJTIIGC8Y1R12", "LEI"),
        ("VIN 1HGCM82633A004352 registered", "vehicle identification number"),
        (f"UPC 0{digits(11)}", "UPC-A"),
        (f"FedEx tracking {digits(12)}", "FedEx tracking number"),
        (
            f"USPS 9400 1{digits(3)} {digits(4)} {digits(4)} {digits(4)} {digits(2)}",
            "USPS tracking number in groups",
        ),
        (f"DHL waybill {digits(10)} picked up", "DHL waybill number"),
        ("ISBN 0-306-40615-2", "ISBN-10 with dashes"),
        ("ISSN 2049-3630", "ISSN"),
        ("doi:10.1000/182", "DOI"),
        (f"order #{digits(3)}-{digits(7)}-{digits(7)}", "marketplace order number"),
        (f"invoice INV/2026/{digits(6)}", "invoice number with slashes"),
        (
            f"ticket {R.choice(UPPER)}{R.choice(UPPER)}{R.choice(UPPER)}-{digits(5)} closed",
            "ticket key",
        ),
        ("Chrome/120.0.6099.109 Safari/537.36", "browser version in a user agent"),
        ("firmware version 2.4.10.3 installed", "four-part firmware version"),
        ("libssl.so.1.1 loaded", "shared library version"),
        ("python 3.12.7+ (main, Oct  1 2026)", "interpreter version"),
        (f"sha256:{hexs(64)}", "SHA-256 digest with algorithm"),
        (f'etag "{hexs(32)}-12"', "multipart S3 ETag"),
        (f"oid sha256:{hexs(64)} size 10485760", "git-lfs pointer"),
        (f"{{{uuid_upper()}}}", "GUID in braces"),
        (f"urn:uuid:{hexs(8)}-{hexs(4)}-1{hexs(3)}-8{hexs(3)}-{hexs(12)}", "UUID v1 URN"),
        (
            f"x-amzn-RequestId: {hexs(8)}-{hexs(4)}-4{hexs(3)}-b{hexs(3)}-{hexs(12)}",
            "AWS request id",
        ),
        (f"X-B3-TraceId: {hexs(32)}", "B3 trace id"),
        ("2026-12-03T15:04:05.999999999Z", "timestamp with nanoseconds"),
        ("Dec  3 15:04:05 web-01 sshd[1234]: session opened", "syslog timestamp"),
        (f"ts={R.randint(1_700_000_000_000, 1_800_000_000_000)}", "epoch milliseconds"),
        ("retry after PT1H30M", "ISO 8601 duration"),
        ("schedule 0 */6 * * *", "cron expression"),
        (
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + b64(43) + " deploy@ci",
            "SSH public key with a comment",
        ),
        (f"pk_live_{alnum(24)}", "Stripe publishable key"),
        ("password=${DB_PASSWORD}", "password from an environment reference"),
        ("api_key=YOUR_API_KEY", "placeholder API key"),
        ("Authorization: Bearer <token>", "placeholder bearer"),
        ("token=null", "null token"),
        ('{"password":"********"}', "masked password in JSON"),
        ("secret: [REDACTED]", "redacted secret"),
        ("@types/node@20.10.5", "scoped package at version"),
        ("icon-home@3x.webp", "retina asset name"),
        ("standup @ 09:30 in room 4", "at as time"),
        ("nginx@sha256:" + hexs(64), "image digest"),
        ("color #1e90ff", "hex colour"),
        ("amount 1.234.567,89 EUR", "amount with European separators"),
        ("phone_number_verified=false retries=3", "flags about a phone"),
        ("SNMP OID 1.3.6.1.4.1.2021.10.1.3.1", "OID"),
        (f"pid {R.randint(1000, 65000)} exited with code 137", "process exit"),
        (f"order {digits(3)} {digits(3)} {digits(4)} shipped", "order number in 3-3-4 groups"),
        (f"cus_{alnum(14)}", "Stripe customer id"),
        (f"bcrypt cost=12 rounds hashed in {R.randint(180, 260)} ms", "hashing metrics"),
        (f"k8s uid {hexs(8)}-{hexs(4)}-{hexs(4)}-{hexs(4)}-{hexs(12)}", "Kubernetes object uid"),
        (f"commit {hexs(40)}", "git commit id"),
        ("https://example.com/reset?step=2&lang=de", "URL without credentials"),
        ("redis://cache.internal:6379/0", "connection URL without credentials"),
        ("version 10.4.3.17 (build 2211)", "dotted version after its word"),
        (f"barcode 4{digits(12)}", "EAN-13 barcode"),
        ("coordinates 48.8584, 2.2945", "coordinates"),
        (f"session length {R.randint(100, 999)}.{digits(3)} s", "duration with decimals"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in lines]


def uuid_upper() -> str:
    return f"{hexs(8)}-{hexs(4)}-4{hexs(3)}-9{hexs(3)}-{hexs(12)}".upper()


def rows() -> list[dict[str, str]]:
    data: list[Row] = [
        *emails(),
        *ips(),
        *phones(),
        *cards(),
        *ibans(),
        *national_ids(),
        *secrets(),
        *clean(),
        *bad_cards(),
        *bad_ibans(),
        *bad_national_ids(),
    ]
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for value, expected, fmt, source in data:
        assert "\t" not in value, value
        assert "\n" not in value, value
        assert value not in seen, value
        seen.add(value)
        group = f"{SPLIT}.{expected}:{fmt.split(',')[0].split(' (')[0].replace(' ', '_')}"
        out.append(
            {
                "value": value,
                "expected": expected,
                "format": fmt,
                "group": group,
                "source": source,
                "split": SPLIT,
                "note": "",
            }
        )
    return out


def main() -> int:
    data = rows()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for row in data:
            handle.write("\t".join(row[c] for c in COLUMNS) + "\n")
    kinds: dict[str, int] = {}
    for row in data:
        kinds[row["expected"]] = kinds.get(row["expected"], 0) + 1
    print(f"{OUT.name}: {len(data)} rows", ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

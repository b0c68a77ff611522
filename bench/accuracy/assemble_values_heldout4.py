#!/usr/bin/env python3
"""Assemble bench/accuracy/values_heldout4.tsv: a fourth held-out split of labelled values.

    python bench/accuracy/assemble_values_heldout4.py

Labelled by the guide in bench/accuracy/README.md and committed before any recogniser changed
in the round that follows it (issue 17, values part, round 4). Measure it with

    python bench/bench_accuracy.py --values bench/accuracy/values_heldout4.tsv --split all

Nothing here comes from the earlier splits' generators (no import of `assemble_values*.py`)
nor from the libraries the recognisers use (phonenumbers, python-stdnum, a secret scanner's
rule set). The sources, named on every row:

- national identifiers: each scheme's published check-digit rule, implemented again below
  from its description (`_ID_SCHEMES`), on random digits;
- phone numbers: numbering plans written out by hand (mobile and geographic ranges of 40
  regions, the fictional ranges where a regulator reserves them), written as people write
  them, often with the country named beside the number and no `+`;
- cards: the test card numbers that payment vendors publish for their sandboxes;
- IBANs: random BBANs in each country's published BBAN shape, ISO 13616 mod-97 check digits;
- secrets: token formats as vendors document them (prefix, alphabet, length) with random
  bodies, and credentials in URLs in the shapes of Go's net/url tests (`@` unescaped in the
  user or the password, an escaped user, an empty user, a token as user);
- e-mail and IP addresses: the addresses of Go 1.19's net/mail and net/netip test tables,
  written into log lines (the invalid ones of net/netip are clean values);
- clean values: log lines a service writes, composed by hand, with the guide's near misses.

The seed is fixed; the file is written in a stable order.
"""

from __future__ import annotations

import random
import string
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "values_heldout4.tsv"
COLUMNS = ("value", "expected", "format", "group", "source", "split", "note")
SPLIT = "heldout4"
R = random.Random(20261204)

GO_NETIP = "go 1.19 test suite: src/net/netip/netip_test.go"
GO_MAIL = "go 1.19 test suite: src/net/mail/message_test.go"
GO_URL = "go 1.19 test suite: src/net/url/url_test.go (shape), random credential"
HAND = "hand: log lines written for this file"

Row = tuple[str, str, str, str]
"""value, expected, format, source"""


def digits(n: int) -> str:
    return "".join(R.choice(string.digits) for _ in range(n))


def alnum(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def hexs(n: int) -> str:
    return alnum(n, "0123456789abcdef")


def b64(n: int) -> str:
    return alnum(n, string.ascii_letters + string.digits + "+/")


def b64url(n: int) -> str:
    return alnum(n, string.ascii_letters + string.digits + "-_")


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


def birth() -> tuple[int, int, int]:
    return R.randint(1950, 2004), R.randint(1, 12), R.randint(1, 28)


# -- national identifiers: check digits from each scheme's published rule ----------------------


def es_dni() -> str:
    n = R.randint(10_000_000, 99_999_999)
    return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def es_nie() -> str:
    lead = R.choice("XYZ")
    body = digits(7)
    n = int(str("XYZ".index(lead)) + body)
    return f"{lead}{body}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def nl_bsn() -> str:
    while True:
        body = str(R.randint(1, 9)) + digits(7)
        total = sum(int(d) * w for d, w in zip(body, range(9, 1, -1), strict=False))
        check = total % 11
        if check < 10:
            return body + str(check)


def se_personnummer() -> str:
    y, m, d = birth()
    body = f"{y % 100:02d}{m:02d}{d:02d}{digits(3)}"
    return f"{body[:6]}-{body[6:]}{luhn_digit_plain(body)}"


def luhn_digit_plain(body: str) -> str:
    """Luhn where the first digit of the body is doubled (Swedish personnummer, 9 digits)."""
    total = 0
    for i, ch in enumerate(body):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def no_fodselsnummer() -> str:
    while True:
        y, m, d = birth()
        base = f"{d:02d}{m:02d}{y % 100:02d}{R.randint(0, 499):03d}"
        w1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
        k1 = 11 - sum(int(c) * w for c, w in zip(base, w1, strict=False)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        w2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
        k2 = 11 - sum(int(c) * w for c, w in zip(base + str(k1), w2, strict=False)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return f"{base}{k1}{k2}"


def fi_hetu() -> str:
    y, m, d = birth()
    sign = "-" if y < 2000 else "A"
    n = R.randint(2, 899)
    key = int(f"{d:02d}{m:02d}{y % 100:02d}{n:03d}") % 31
    return f"{d:02d}{m:02d}{y % 100:02d}{sign}{n:03d}{'0123456789ABCDEFHJKLMNPRSTUVWXY'[key]}"


def pl_pesel() -> str:
    y, m, d = birth()
    month = m + (20 if y >= 2000 else 0)
    body = f"{y % 100:02d}{month:02d}{d:02d}{digits(4)}"
    total = sum(int(c) * w for c, w in zip(body, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3), strict=False))
    return body + str((10 - total % 10) % 10)


def br_cpf() -> str:
    body = [int(c) for c in digits(9)]
    for size in (10, 11):
        total = sum(d * w for d, w in zip(body, range(size, 1, -1), strict=False))
        body.append(total * 10 % 11 % 10)
    s = "".join(map(str, body))
    return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"


def cl_rut() -> str:
    n = R.randint(5_000_000, 25_999_999)
    total = sum(int(c) * w for c, w in zip(reversed(str(n)), [2, 3, 4, 5, 6, 7] * 2, strict=False))
    check = 11 - total % 11
    dv = "0" if check == 11 else "K" if check == 10 else str(check)
    return f"{n:,}".replace(",", ".") + f"-{dv}"


def ar_cuit() -> str:
    while True:
        body = R.choice(("20", "27", "23")) + digits(8)
        total = sum(int(c) * w for c, w in zip(body, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=False))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check < 10:
            return f"{body[:2]}-{body[2:]}-{check}"


_VD = [
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
_VP = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]
_VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def in_aadhaar() -> str:
    body = str(R.randint(2, 9)) + digits(10)
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VD[c][_VP[(i + 1) % 8][int(ch)]]
    s = body + str(_VINV[c])
    return f"{s[:4]} {s[4:8]} {s[8:]}"


def cn_ric() -> str:
    y, m, d = birth()
    body = f"{R.choice(('110101', '310101', '440104', '510104', '330102'))}{y}{m:02d}{d:02d}{digits(3)}"
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(body))
    return body + "10X98765432"[total % 11]


def za_id() -> str:
    y, m, d = birth()
    body = f"{y % 100:02d}{m:02d}{d:02d}{digits(4)}08"
    return body + luhn_digit(body)


def il_teudat() -> str:
    body = digits(8)
    total = 0
    for i, ch in enumerate(body):
        v = int(ch) * (1 if i % 2 == 0 else 2)
        total += v - 9 if v > 9 else v
    return body + str((10 - total % 10) % 10)


def tr_kimlik() -> str:
    d = [R.randint(1, 9)] + [int(c) for c in digits(8)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d.append(d10)
    d.append(sum(d) % 10)
    return "".join(map(str, d))


def ee_isikukood() -> str:
    y, m, d = birth()
    g = (3 if y < 2000 else 5) + R.randint(0, 1)
    body = f"{g}{y % 100:02d}{m:02d}{d:02d}{digits(3)}"
    r = sum(int(c) * w for c, w in zip(body, (1, 2, 3, 4, 5, 6, 7, 8, 9, 1), strict=False)) % 11
    if r == 10:
        r = sum(int(c) * w for c, w in zip(body, (3, 4, 5, 6, 7, 8, 9, 1, 2, 3), strict=False)) % 11
        r = 0 if r == 10 else r
    return body + str(r)


def ro_cnp() -> str:
    y, m, d = birth()
    s = (1 if y < 2000 else 5) + R.randint(0, 1)
    body = f"{s}{y % 100:02d}{m:02d}{d:02d}{R.randint(1, 46):02d}{digits(3)}"
    r = sum(int(c) * int(w) for c, w in zip(body, "279146358279", strict=False)) % 11
    return body + ("1" if r == 10 else str(r))


def bg_egn() -> str:
    y, m, d = birth()
    month = m + (40 if y >= 2000 else 0)
    body = f"{y % 100:02d}{month:02d}{d:02d}{digits(3)}"
    r = sum(int(c) * w for c, w in zip(body, (2, 4, 8, 5, 10, 9, 7, 3, 6), strict=False)) % 11
    return body + ("0" if r == 10 else str(r))


def hr_oib() -> str:
    body = digits(10)
    a = 10
    for ch in body:
        a = (a + int(ch)) % 10
        a = 10 if a == 0 else a
        a = a * 2 % 11
    return body + str((11 - a) % 10)


def ca_sin() -> str:
    body = str(R.randint(1, 7)) + digits(7)
    s = body + luhn_digit(body)
    return f"{s[:3]} {s[3:6]} {s[6:]}"


def au_tfn() -> str:
    while True:
        body = digits(8)
        w = (1, 4, 3, 7, 5, 8, 6, 9)
        total = sum(int(c) * x for c, x in zip(body, w, strict=False))
        for last in range(10):
            if (total + last * 10) % 11 == 0:
                s = body + str(last)
                return f"{s[:3]} {s[3:6]} {s[6:]}"


def sg_nric() -> str:
    lead = R.choice("ST")
    body = digits(7)
    total = sum(int(c) * w for c, w in zip(body, (2, 7, 6, 5, 4, 3, 2), strict=False)) + (
        4 if lead == "T" else 0
    )
    return f"{lead}{body}{'JZIHGFEDCBA'[total % 11]}"


def ie_pps() -> str:
    body = digits(7)
    total = sum(int(c) * w for c, w in zip(body, range(8, 1, -1), strict=False))
    return f"{body}{'WABCDEFGHIJKLMNOPQRSTUV'[total % 23]}"


def ch_ahv() -> str:
    body = "756" + digits(9)
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    s = body + str((10 - total % 10) % 10)
    return f"{s[:3]}.{s[3:7]}.{s[7:11]}.{s[11:]}"


def is_kennitala() -> str:
    while True:
        y, m, d = birth()
        body = f"{d:02d}{m:02d}{y % 100:02d}{R.randint(20, 99):02d}"
        c = (
            11
            - sum(int(ch) * w for ch, w in zip(body, (3, 2, 7, 6, 5, 4, 3, 2), strict=False)) % 11
        )
        c = 0 if c == 11 else c
        if c < 10:
            return f"{body[:6]}-{body[6:]}{c}{9 if y < 2000 else 0}"


def th_id() -> str:
    body = str(R.randint(1, 8)) + digits(11)
    total = sum(int(c) * w for c, w in zip(body, range(13, 1, -1), strict=False))
    s = body + str((11 - total % 11) % 10)
    return f"{s[0]}-{s[1:5]}-{s[5:10]}-{s[10:12]}-{s[12]}"


def ec_cedula() -> str:
    body = f"{R.randint(1, 24):02d}{R.randint(0, 5)}{digits(6)}"
    total = 0
    for i, ch in enumerate(body):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return body + str((10 - total % 10) % 10)


def gr_amka() -> str:
    y, m, d = birth()
    body = f"{d:02d}{m:02d}{y % 100:02d}{digits(4)}"
    return body + luhn_digit(body)


def fr_nir() -> str:
    y, m, _ = birth()
    body = f"{R.randint(1, 2)}{y % 100:02d}{m:02d}{R.randint(1, 95):02d}{R.randint(1, 990):03d}{R.randint(1, 999):03d}"
    key = 97 - int(body) % 97
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"


def be_nn() -> str:
    y, m, d = birth()
    body = f"{y % 100:02d}{m:02d}{d:02d}{R.randint(1, 997):03d}"
    n = int(("2" if y >= 2000 else "") + body)
    key = 97 - n % 97
    return f"{body[:2]}.{body[2:4]}.{body[4:6]}-{body[6:9]}.{key:02d}"


def pt_nif() -> str:
    body = str(R.randint(1, 3)) + digits(7)
    r = sum(int(c) * w for c, w in zip(body, range(9, 1, -1), strict=False)) % 11
    return body + ("0" if r < 2 else str(11 - r))


def si_emso() -> str:
    while True:
        y, m, d = birth()
        body = f"{d:02d}{m:02d}{y % 1000:03d}50{digits(3)}"
        r = (
            11
            - sum(
                int(c) * w for c, w in zip(body, (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=False)
            )
            % 11
        )
        r = 0 if r == 11 else r
        if r < 10:
            return body + str(r)


def kr_rrn() -> str:
    y, m, d = birth()
    body = f"{y % 100:02d}{m:02d}{d:02d}{R.choice('12') if y < 2000 else R.choice('34')}{R.randint(0, 96):02d}{digits(3)}"
    total = sum(
        int(c) * w for c, w in zip(body, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5), strict=False)
    )
    return f"{body[:6]}-{body[6:]}{(11 - total % 11) % 10}"


def jp_my_number() -> str:
    body = digits(11)
    total = 0
    for n, ch in enumerate(reversed(body), start=1):
        q = n + 1 if n <= 6 else n - 5
        total += int(ch) * q
    r = total % 11
    s = body + str(0 if r <= 1 else 11 - r)
    return f"{s[:4]} {s[4:8]} {s[8:]}"


def uy_ci() -> str:
    body = f"{R.randint(1_000_000, 6_999_999)}"
    total = sum(int(c) * w for c, w in zip(body, (2, 9, 8, 7, 6, 3, 4), strict=False))
    return f"{body[0]}.{body[1:4]}.{body[4:]}-{(10 - total % 10) % 10}"


_HK = {c: 10 + i for i, c in enumerate(string.ascii_uppercase)}


def hk_hkid() -> str:
    lead = R.choice("ACDEGHKPRVZ")
    body = digits(6)
    total = (
        36 * 9
        + _HK[lead] * 8
        + sum(int(c) * w for c, w in zip(body, range(7, 1, -1), strict=False))
    )
    check = (11 - total % 11) % 11
    return f"{lead}{body}({'A' if check == 10 else check})"


_TW = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36), strict=False))


def tw_id() -> str:
    lead = R.choice("ABEFHKT")
    code = _TW[lead]
    body = R.choice("12") + digits(7)
    total = (
        code // 10
        + (code % 10) * 9
        + sum(int(c) * w for c, w in zip(body, range(8, 0, -1), strict=False))
    )
    return f"{lead}{body}{(10 - total % 10) % 10}"


_ID_SCHEMES: list[tuple[Callable[[], str], str, str, str]] = [
    # generator, format, context with a label, context without
    (es_dni, "ES DNI (mod 23 letter)", "DNI {v} verificado", "titular {v}"),
    (es_nie, "ES NIE (mod 23 letter)", "NIE: {v}", "residence permit holder {v} checked in"),
    (nl_bsn, "NL BSN (11-proof)", "BSN {v}", "burgerservicenummer={v}"),
    (
        se_personnummer,
        "SE personnummer (Luhn)",
        "personnummer {v}",
        "kund {v} verifierad med BankID",
    ),
    (no_fodselsnummer, "NO fodselsnummer (two mod 11)", "fødselsnummer: {v}", "fnr={v}"),
    (fi_hetu, "FI henkilotunnus (mod 31)", "henkilötunnus {v}", "hetu {v}"),
    (pl_pesel, "PL PESEL (weighted mod 10)", "PESEL {v}", "klient {v} zweryfikowany"),
    (br_cpf, "BR CPF (two mod 11)", "CPF {v}", "cliente {v} aprovado"),
    (cl_rut, "CL RUT (mod 11, K)", "RUT {v}", "rol único {v}"),
    (ar_cuit, "AR CUIT (mod 11)", "CUIT {v}", "contribuyente {v}"),
    (in_aadhaar, "IN Aadhaar (Verhoeff)", "Aadhaar {v}", "UID {v} linked"),
    (cn_ric, "CN resident identity card (ISO 7064 mod 11-2)", "身份证 {v}", "id_card={v}"),
    (za_id, "ZA identity number (Luhn)", "SA ID {v}", "identity number {v}"),
    (il_teudat, "IL teudat zehut (Luhn variant)", "teudat zehut {v}", "ID no. {v}"),
    (tr_kimlik, "TR TC kimlik no (two sums)", "TC kimlik no {v}", "TCKN={v}"),
    (ee_isikukood, "EE isikukood (mod 11, two passes)", "isikukood {v}", "isik {v} allkirjastas"),
    (ro_cnp, "RO CNP (mod 11)", "CNP {v}", "cod numeric personal {v}"),
    (bg_egn, "BG EGN (mod 11)", "ЕГН {v}", "EGN={v}"),
    (hr_oib, "HR OIB (ISO 7064 mod 11,10)", "OIB: {v}", "osobni identifikacijski broj {v}"),
    (ca_sin, "CA SIN (Luhn)", "SIN {v}", "social insurance number on file: {v}"),
    (au_tfn, "AU TFN (weighted mod 11)", "TFN {v}", "tax file number {v} supplied"),
    (sg_nric, "SG NRIC (checksum letter)", "NRIC {v}", "Singpass login for {v}"),
    (ie_pps, "IE PPS number (mod 23 letter)", "PPSN {v}", "PPS no. {v}"),
    (ch_ahv, "CH AHV number (EAN-13)", "AHV-Nr. {v}", "AVS {v}"),
    (is_kennitala, "IS kennitala (mod 11)", "kennitala {v}", "kt. {v}"),
    (th_id, "TH identity number (mod 11)", "เลขประจำตัวประชาชน {v}", "Thai ID {v}"),
    (ec_cedula, "EC cédula (mod 10)", "cédula {v}", "CI {v}"),
    (gr_amka, "GR AMKA (Luhn)", "ΑΜΚΑ {v}", "AMKA: {v}"),
    (fr_nir, "FR NIR (key 97)", "n° de sécurité sociale {v}", "NIR {v}"),
    (be_nn, "BE national number (key 97)", "rijksregisternummer {v}", "NN {v}"),
    (pt_nif, "PT NIF (mod 11)", "NIF {v}", "contribuinte n.º {v}"),
    (si_emso, "SI EMSO (mod 11)", "EMŠO {v}", "EMSO={v}"),
    (kr_rrn, "KR resident registration number (mod 11)", "주민등록번호 {v}", "RRN {v}"),
    (jp_my_number, "JP My Number (mod 11)", "マイナンバー {v}", "個人番号 {v}"),
    (uy_ci, "UY cédula (mod 10)", "cédula de identidad {v}", "CI {v} validada"),
    (hk_hkid, "HK HKID (mod 11, parenthesised)", "HKID {v}", "香港身份證 {v}"),
    (tw_id, "TW national id (letter code, mod 10)", "身分證字號 {v}", "national id {v}"),
]


def national_ids() -> list[Row]:
    rows: list[Row] = []
    for gen, fmt, labelled, bare in _ID_SCHEMES:
        source = f"generated: {fmt}, written from the scheme's published check rule"
        rows.append((labelled.format(v=gen()), "national_id", f"{fmt}, labelled", source))
        if R.random() < 0.35:
            rows.append((bare.format(v=gen()), "national_id", f"{fmt}, in text", source))
    return rows


def bad_national_ids() -> list[Row]:
    """Each scheme's shape with the check digit changed: clean by the guide."""
    rows: list[Row] = []
    for gen, fmt, labelled, _ in _ID_SCHEMES[::4]:
        value = gen()
        # the check digit is the last character, but for a kennitala (its century digit
        # follows the check digit: corrected after the first measurement, issue 17 round 4)
        at = len(value) - (2 if gen is is_kennitala else 1)
        check = value[at]
        if check.isdigit():
            value = value[:at] + str((int(check) + 1) % 10) + value[at + 1 :]
        else:
            continue
        rows.append(
            (
                labelled.format(v=value),
                "none",
                f"{fmt} with a wrong check digit",
                f"generated: {fmt}, check digit changed",
            )
        )
    return rows


# -- phone numbers: numbering plans written out by hand ------------------------------------------


def phones() -> list[Row]:
    d = digits
    plan: list[tuple[str, str, str]] = [
        # national form with a region hint in the text, as written by people
        (
            f"FR mobile 0{R.choice('67')} {d(2)} {d(2)} {d(2)} {d(2)}",
            "FR mobile, national, region named",
            "fr",
        ),
        (f"Tel. (DE) 0151 {d(4)} {d(4)}", "DE mobile, national, region named", "de"),
        (
            f"Germany landline 030 {d(4)} {d(4)}",
            "DE Berlin geographic, national, region named",
            "de",
        ),
        (
            f"IT cell 3{R.choice(['20', '28', '33', '47', '49', '89'])} {d(3)} {d(4)}",
            "IT mobile, national, region named",
            "it",
        ),
        (f"Roma ufficio 06 {d(4)} {d(4)}", "IT Rome geographic, national", "it"),
        (f"España móvil 6{d(2)} {d(3)} {d(3)}", "ES mobile, national, region named", "es"),
        (f"NL: 06-{R.randint(1, 5)}{d(3)} {d(4)}", "NL mobile, national, region named", "nl"),
        (f"Belgium GSM 047{d(1)} {d(2)} {d(2)} {d(2)}", "BE mobile, national, region named", "be"),
        (
            f"Poland +48 {R.choice(['50', '51', '53', '57'])}{d(1)} {d(3)} {d(3)}",
            "PL mobile, international",
            "pl",
        ),
        (
            f"tel (PL) {R.choice(['60', '66', '69', '72', '79'])}{d(1)} {d(3)} {d(3)}",
            "PL mobile, national, region named",
            "pl",
        ),
        (f"Sweden 070-{d(3)} {d(2)} {d(2)}", "SE mobile, national, region named", "se"),
        (f"Norway mobil 9{d(2)} {d(2)} {d(3)}", "NO mobile, national, region named", "no"),
        (
            f"DK mobil {R.choice('2345')}{d(1)} {d(2)} {d(2)} {d(2)}",
            "DK mobile, national, region named",
            "dk",
        ),
        (f"Finland 040 {d(3)} {d(4)}", "FI mobile, national, region named", "fi"),
        (f"Portugal telemóvel 91{d(1)} {d(3)} {d(3)}", "PT mobile, national, region named", "pt"),
        (
            f"Ireland mobile 08{R.choice('3579')} {d(3)} {d(4)}",
            "IE mobile, national, region named",
            "ie",
        ),
        (f"Austria Handy 0664 {d(7)}", "AT mobile, national, region named", "at"),
        (
            f"CH Natel 07{R.choice('6789')} {d(3)} {d(2)} {d(2)}",
            "CH mobile, national, region named",
            "ch",
        ),
        (
            f"CZ mobil 7{R.choice('237')}{d(1)} {d(3)} {d(3)}",
            "CZ mobile, national, region named",
            "cz",
        ),
        (
            f"Greece κινητό 69{R.choice('3479')} {d(3)} {d(4)}",
            "GR mobile, national, region named",
            "gr",
        ),
        (f"Japan 090-{d(4)}-{d(4)}", "JP mobile, national, region named", "jp"),
        (f"Korea 010-{d(4)}-{d(4)}", "KR mobile, national, region named", "kr"),
        (
            f"India mobile {R.choice('6789')}{d(4)} {d(5)}",
            "IN mobile, national, region named",
            "in",
        ),
        (f"Brazil (11) 9{d(4)}-{d(4)}", "BR mobile, national, region named", "br"),
        (f"México cel. 55 {d(4)} {d(4)}", "MX Mexico City, national, region named", "mx"),
        (f"Argentina +54 9 11 {d(4)}-{d(4)}", "AR mobile, international", "ar"),
        (
            f"South Africa cell 08{R.choice('234')} {d(3)} {d(4)}",
            "ZA mobile, national, region named",
            "za",
        ),
        (
            f"Nigeria 080{R.choice('35678')} {d(3)} {d(4)}",
            "NG mobile, national, region named",
            "ng",
        ),
        (
            f"Kenya 07{R.choice('012')}{d(1)} {d(3)} {d(3)}",
            "KE mobile, national, region named",
            "ke",
        ),
        (f"Egypt 01{R.choice('0125')} {d(4)} {d(4)}", "EG mobile, national, region named", "eg"),
        (
            f"Türkiye cep 05{R.choice('345')}{d(1)} {d(3)} {d(2)} {d(2)}",
            "TR mobile, national, region named",
            "tr",
        ),
        (
            f"AU mobile 0491 570 {R.randint(110, 159)}",
            "AU mobile (ACMA fictitious range), national",
            "au",
        ),
        (f"New Zealand 021 {d(3)} {d(4)}", "NZ mobile, national, region named", "nz"),
        (f"Singapore {R.choice('89')}{d(3)} {d(4)}", "SG mobile, national, region named", "sg"),
        (f"Hong Kong {R.choice('69')}{d(3)} {d(4)}", "HK mobile, national, region named", "hk"),
        (
            f"Philippines 09{R.choice('17')}{d(1)} {d(3)} {d(4)}",
            "PH mobile, national, region named",
            "ph",
        ),
        (f"Indonesia 0812-{d(4)}-{d(4)}", "ID mobile, national, region named", "id"),
        (f"Thailand 08{R.choice('1689')}-{d(3)}-{d(4)}", "TH mobile, national, region named", "th"),
        (f"Vietnam 09{R.choice('0138')} {d(3)} {d(4)}", "VN mobile, national, region named", "vn"),
        (f"US office (212) 555-01{d(2)}", "US NANP fictitious 555-01xx, national", "us"),
        (f"UK drama line 07700 900{d(3)}", "GB mobile (Ofcom drama range), national", "gb"),
        # international forms, written without a hint or with the 00 prefix
        (f"0049 176 {d(4)} {d(4)}", "DE mobile, 00 international prefix", "de"),
        (f"+33{R.choice('67')}{d(8)}", "FR mobile, E.164", "fr"),
        (f"+81 80 {d(4)} {d(4)}", "JP mobile, international", "jp"),
        (f"+234 803 {d(3)} {d(4)}", "NG mobile, international", "ng"),
        (f"+27 82 {d(3)} {d(4)}", "ZA mobile, international", "za"),
        (f"+353 87 {d(3)} {d(4)}", "IE mobile, international", "ie"),
        (f"+91-{R.choice('6789')}{d(4)}-{d(5)}", "IN mobile, international, dashes", "in"),
    ]
    contexts = [
        "{v}",
        "contact phone changed to {v}",
        "2FA code sent via SMS ({v})",
        "caller left a voicemail, call back on {v}",
    ]
    rows: list[Row] = []
    for i, (text, fmt, region) in enumerate(plan):
        value = contexts[i % len(contexts)].format(v=text)
        source = f"generated: numbering plan of {region.upper()} written out by hand"
        rows.append((value, "phone", fmt, source))
    return rows


# -- cards: payment vendors' published sandbox numbers -------------------------------------------


def cards() -> list[Row]:
    vendor = "vendor docs: payment sandbox test card numbers (written out by hand)"
    published = [
        ("4000 0566 5566 5556", "Visa debit, 4-4-4-4"),
        ("5200828282828210", "Mastercard debit, compact"),
        ("2223 0031 2200 3222", "Mastercard 2-series, 4-4-4-4"),
        ("3782 822463 10005", "American Express, 4-6-5"),
        ("6011 0009 9013 9424", "Discover, 4-4-4-4"),
        ("3056 9300 0902 0004", "Diners Club 16 digits, 4-4-4-4"),
        ("3566-0020-2036-0505", "JCB, dashes"),
        ("6200 0000 0000 0005", "UnionPay, 4-4-4-4"),
        ("5105105105105100", "Mastercard, compact"),
        ("4111-1111-1111-1111", "Visa, dashes"),
    ]
    contexts = [
        "card {v} declined: insufficient funds",
        "charge attempted with pan={v}",
        "customer typed {v} into the notes field",
        "saved card {v} exp 12/34",
    ]
    rows: list[Row] = [
        (contexts[i % len(contexts)].format(v=v), "card", fmt, vendor)
        for i, (v, fmt) in enumerate(published)
    ]
    for prefix, fmt in (("4", "Visa"), ("51", "Mastercard")):
        body = prefix + digits(15 - len(prefix))
        good = body + luhn_digit(body)
        rows.append(
            (
                f"card_number={good}",
                "card",
                f"{fmt}, random, Luhn",
                "generated: brand prefix, length, Luhn",
            )
        )
        bad = body + str((int(luhn_digit(body)) + 3) % 10)
        rows.append(
            (
                f"reference {bad}",
                "none",
                f"{fmt} shape failing Luhn",
                "generated: brand prefix, length, wrong Luhn",
            )
        )
    return rows


# -- IBANs: published BBAN shapes, ISO 13616 check digits ---------------------------------------


def iban_check(country: str, bban: str) -> str:
    text = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in text))
    return f"{98 - number % 97:02d}"


def grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def ibans() -> list[Row]:
    up = string.ascii_uppercase
    shapes = [
        ("DE", lambda: digits(18)),
        ("GB", lambda: alnum(4, up) + digits(14)),
        ("AT", lambda: digits(16)),
        ("CH", lambda: digits(17)),
        ("IE", lambda: alnum(4, up) + digits(14)),
        ("LU", lambda: digits(3) + alnum(13, up + string.digits)),
        ("LT", lambda: digits(16)),
        ("DK", lambda: digits(14)),
        ("SE", lambda: digits(20)),
        ("HR", lambda: digits(17)),
        ("SA", lambda: digits(2) + alnum(18, up + string.digits)),
        ("AE", lambda: digits(19)),
        ("IL", lambda: digits(19)),
        ("CY", lambda: digits(8) + alnum(16, up + string.digits)),
    ]
    contexts = [
        "payout IBAN updated to {v}",
        "SEPA debit from {v} returned (AC04)",
        "iban={v}",
        "beneficiary account {v}",
    ]
    rows: list[Row] = []
    for i, (country, bban) in enumerate(shapes):
        b = bban()
        iban = country + iban_check(country, b) + b
        text = grouped(iban) if i % 2 else iban
        rows.append(
            (
                contexts[i % 4].format(v=text),
                "iban",
                f"{country} IBAN, {'grouped' if i % 2 else 'compact'}",
                "generated: published BBAN shape, ISO 13616 mod 97",
            )
        )
    for country, bban in shapes[:3]:
        b = bban()
        good = iban_check(country, b)
        wrong = f"{(int(good) + 11) % 97 + 2:02d}"
        rows.append(
            (
                f"iban={country}{wrong}{b}",
                "none",
                f"{country} IBAN shape, wrong check digits",
                "generated: published BBAN shape, wrong mod 97",
            )
        )
    return rows


# -- secrets: vendors' documented token formats, random bodies -----------------------------------


def secrets() -> list[Row]:
    up = string.ascii_uppercase
    vendor = "vendor docs: {} token format (prefix, alphabet, length), random body"
    tokens: list[tuple[str, str, str]] = [
        (f"github_pat_{alnum(22)}_{alnum(59)}", "GitHub fine-grained PAT", "GitHub"),
        (f"ghs_{alnum(36)}", "GitHub app installation token", "GitHub"),
        (f"glpat-{b64url(20)}", "GitLab personal access token", "GitLab"),
        (f"xoxp-{digits(12)}-{digits(12)}-{digits(13)}-{hexs(32)}", "Slack user token", "Slack"),
        (
            f"https://hooks.slack.com/services/T{alnum(10, up + string.digits)}/B{alnum(10, up + string.digits)}/{alnum(24)}",
            "Slack incoming webhook URL",
            "Slack",
        ),
        (f"rk_live_{alnum(99)}", "Stripe restricted key", "Stripe"),
        (f"SG.{b64url(22)}.{b64url(43)}", "SendGrid API key", "SendGrid"),
        (f"key-{hexs(32)}", "Mailgun private API key", "Mailgun"),
        (f"npm_{alnum(36)}", "npm access token", "npm"),
        (f"pypi-AgEIcHlwaS5vcmc{b64url(60)}", "PyPI API token", "PyPI"),
        (f"shpat_{hexs(32)}", "Shopify admin access token", "Shopify"),
        (f"ATATT3xFfGF0{b64url(170)}={hexs(8).upper()}", "Atlassian API token", "Atlassian"),
        (f"dop_v1_{hexs(64)}", "DigitalOcean personal access token", "DigitalOcean"),
        (f"hvs.{b64url(90)}", "HashiCorp Vault service token", "HashiCorp Vault"),
        (f"dp.st.prd.{alnum(43)}", "Doppler service token", "Doppler"),
        (f"lin_api_{alnum(40)}", "Linear API key", "Linear"),
        (f"PMAK-{hexs(24)}-{hexs(34)}", "Postman API key", "Postman"),
        (f"glsa_{alnum(32)}_{hexs(8)}", "Grafana service account token", "Grafana"),
        (f"dapi{hexs(32)}", "Databricks personal access token", "Databricks"),
        (f"AIza{b64url(35)}", "Google API key", "Google Cloud"),
        (f"sk-proj-{b64url(156)}", "OpenAI project key", "OpenAI"),
        (f"sk-ant-api03-{b64url(93)}AA", "Anthropic API key", "Anthropic"),
        (f"{R.randint(100000000, 9999999999)}:AA{b64url(33)}", "Telegram bot token", "Telegram"),
        (
            f"AGE-SECRET-KEY-1{alnum(58, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L')}",
            "age secret key",
            "age",
        ),
        (f"HRKU-AA{b64url(58)}", "Heroku platform API token", "Heroku"),
        (f"SSWS 00{b64url(40)}", "Okta API token header value", "Okta"),
        (f"EAAC{alnum(180)}", "Meta (Facebook) page access token", "Meta"),
        (f"ya29.a0{b64url(150)}", "Google OAuth 2.0 access token", "Google"),
    ]
    contexts = [
        "{v}",
        "token rotated; old value {v}",
        "export TOKEN={v}",
        "request failed (401) using {v}",
    ]
    rows: list[Row] = []
    for i, (tok, fmt, who) in enumerate(tokens):
        rows.append((contexts[i % 4].format(v=tok), "secret", fmt, vendor.format(who)))
    unprefixed = [
        (f"aws_secret_access_key = {b64(40)}", "AWS secret access key after its config key", "AWS"),
        (
            f"access key AKIA{alnum(16, up + '234567')} secret {b64(40)}",
            "AWS key pair in text",
            "AWS",
        ),
        (
            f"DefaultEndpointsProtocol=https;AccountName=acmelogs{digits(2)};AccountKey={b64(86)}==;EndpointSuffix=core.windows.net",
            "Azure storage connection string",
            "Azure",
        ),
        (f"storage key: {b64(86)}==", "Azure storage account key, bare after a word", "Azure"),
        (
            f"https://acmelogs.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2026-12-31T00:00:00Z&spr=https&sig={b64url(43)}%3D",
            "Azure SAS URL",
            "Azure",
        ),
        (
            f"ALIBABA_CLOUD_ACCESS_KEY_SECRET={alnum(30)}",
            "Alibaba Cloud AccessKey secret",
            "Alibaba Cloud",
        ),
        (f"CF_API_TOKEN={b64url(40)}", "Cloudflare API token", "Cloudflare"),
        (f"twilio auth_token {hexs(32)}", "Twilio auth token after its name", "Twilio"),
        (
            f'"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC{b64(60)}\\n"',
            "GCP service-account JSON private key",
            "Google Cloud",
        ),
        (
            f"-----BEGIN EC PRIVATE KEY----- MHcCAQEEI{b64(60)} -----END EC PRIVATE KEY-----",
            "PEM EC private key folded on one line",
            "RFC 5915",
        ),
    ]
    for text, fmt, who in unprefixed:
        rows.append((text, "secret", fmt, vendor.format(who)))
    pw = lambda: alnum(R.randint(12, 18))
    urls = [
        (f"http://jane:{pw()}@ssword@files.example.net/", "URL, '@' unescaped in the password"),
        (f"http://j@ne:{pw()}@files.example.net/report.csv", "URL, '@' unescaped in the user"),
        (f"http://j%40ne:{pw()}@files.example.net", "URL, escaped '@' in the user"),
        (f"redis://:{pw()}@cache-01.internal:6379/0", "URL, empty user"),
        (
            f"https://x-access-token:ghs_{alnum(36)}@github.com/acme/infra.git",
            "git URL, token as password",
        ),
        (
            f"https://{alnum(40, 'abcdef0123456789')}@gitlab.example.com/acme/app.git",
            "git URL, token as user",
        ),
        (f"amqps://svc-orders:{pw()}@[fd00::12]:5671/prod", "URL, bracketed IPv6 host"),
        (
            f"mongodb+srv://app:{pw()}@cluster0.ab1cd.mongodb.net/?retryWrites=true&w=majority",
            "mongodb+srv URL",
        ),
        (
            f"postgresql://app@db.internal:5432/orders?sslmode=require&password={pw()}",
            "URL, password parameter",
        ),
        (
            f"jdbc:sqlserver://db01:1433;databaseName=ledger;user=sa;password={pw()};encrypt=true",
            "JDBC string",
        ),
        (
            f"Server=tcp:sql01,1433;Initial Catalog=crm;User ID=crm_app;Password={pw()};",
            "ADO.NET string",
        ),
        (f"ftp://backup:{pw()}@ftp.example.org:2121/nightly/", "FTP URL with port"),
        (f"smtp+tls://mailer%2Bsvc:{pw()}@smtp.example.com:587", "URL, escaped '+' in the user"),
    ]
    for text, fmt in urls:
        rows.append((f"connecting to {text}", "secret", fmt, GO_URL))
    rows.append(
        (
            f"Authorization: Basic {__import__('base64').b64encode(f'svc:{pw()}'.encode()).decode()}",
            "secret",
            "HTTP basic credentials",
            "vendor docs: RFC 7617 basic scheme, random credentials",
        )
    )
    rows.append(
        (
            f"login retried user=ops password={pw()} attempt=2",
            "secret",
            "password= assignment in a log line",
            HAND,
        )
    )
    return rows


# -- e-mail and IP addresses: Go's test tables in log lines ---------------------------------------


def emails() -> list[Row]:
    addresses = [
        "john.q.public@example.com",
        "jdoe@machine.example",
        "mary@x.test",
        "boss@nil.test",
        "sysservices@example.net",
        "groupaddr1@example.com",
        "PIRARD@vm1.ulg.ac.be",
        "µ@example.com",
        "micro@µ.example.com",
        "cfws2@example.com",
    ]
    contexts = [
        "From: {v}",
        "notification bounced for <{v}>",
        "owner changed to {v} by admin",
        "reply_to={v}",
        "password reset link mailed to {v}",
    ]
    return [
        (contexts[i % 5].format(v=a), "email", "addr-spec from a test table, in text", GO_MAIL)
        for i, a in enumerate(addresses)
    ]


def ips() -> list[Row]:
    good = [
        ("100.81.251.94", "IPv4 in text"),
        ("1.2.3.4:51820", "IPv4 with port"),
        ("1:2::ffff:192.168.140.255%eth1", "IPv6 with embedded IPv4 and zone"),
        ("0:0:0:0::ffff:127.1.2.3", "IPv4-mapped IPv6"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "IPv6, full form"),
        ("0000:0000:0000:0000:0000:ffff:c000:0201", "IPv6 mapped, hex"),
        ("1::10", "IPv6 compressed"),
        ("192.168.140.255", "IPv4 private"),
        ("100.64.0.1", "IPv4 CGNAT"),
        ("169.254.0.1", "IPv4 link-local"),
    ]
    contexts = [
        "login from {v}",
        "peer={v} closed the connection",
        "blocked address {v} after 5 attempts",
        "client_ip: {v}",
    ]
    rows: list[Row] = [
        (contexts[i % 4].format(v=v), "ip", fmt, GO_NETIP) for i, (v, fmt) in enumerate(good)
    ]
    bad = [
        ("192.168.300.1", "invalid IPv4 (octet > 255) from the invalid table"),
        ("1:2:3:4:5:6:7:8:9", "invalid IPv6 (nine groups) from the invalid table"),
        ("1..2.3", "invalid IPv4 (empty octet) from the invalid table"),
    ]
    rows += [(f"parse error for address {v!r}", "none", fmt, GO_NETIP) for v, fmt in bad]
    return rows


# -- clean values: what a service writes, with the guide's near misses ---------------------------


def clean() -> list[Row]:
    lines = [
        ("upgraded openssl 3.0.13 -> 3.0.14 on 42 hosts", "versions"),
        ("kernel 6.1.0-18-amd64 booted in 3.2 s", "kernel release"),
        ("Windows build 10.0.22631.3447 detected", "four-part version after 'build'"),
        (f"Chrome/124.0.6367.{R.randint(10, 99)} Safari/537.36", "user-agent version"),
        ("OID 1.3.6.1.4.1.311.21.8 not trusted", "OID"),
        (
            f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b64(43)} deploy@ci-runner-3",
            "public key with user@host comment",
        ),
        (f"pk_live_{alnum(24)}", "Stripe publishable key"),
        (f"customer cus_{alnum(14)} attached payment method pm_{alnum(24)}", "Stripe object ids"),
        ("password=${DB_PASSWORD}", "placeholder credential"),
        ("api_key: <redacted>", "redacted credential"),
        ("Authorization: Bearer ********", "masked bearer token"),
        ("token=xxxxxxxxxxxxxxxxxxxx", "placeholder token of x"),
        (f"sha256:{hexs(64)}", "digest"),
        (f"commit {hexs(40)} merged into main", "git commit id"),
        (f'etag "{hexs(32)}"', "MD5 ETag"),
        (f"request_id={R.getrandbits(128):032x}", "request id of 128 bits hex"),
        (f"traceparent: 00-{hexs(32)}-{hexs(16)}-01", "W3C traceparent"),
        (f"job 01HZX{alnum(21, '0123456789ABCDEFGHJKMNPQRSTVWXYZ')} queued", "ULID"),
        (f"tenant {__import__('uuid').UUID(int=R.getrandbits(128), version=4)} suspended", "UUID"),
        ("invoice INV-2026-000318 paid", "invoice number"),
        (f"order {digits(4)}-{digits(4)}-{digits(4)} shipped", "grouped order number"),
        ("tracking 1Z999AA10123456784", "UPS sample tracking number"),
        ("ISBN 978-0-306-40615-7", "ISBN-13"),
        (f"EAN {digits(13)} out of stock", "EAN barcode"),
        ("created 2026-11-30T08:15:42.118Z", "ISO timestamp"),
        (f"ts_ms={R.randint(1_700_000_000_000, 1_799_999_999_999)}", "epoch milliseconds"),
        ("amount EUR 1 250,00 captured", "amount with grouping"),
        (f"charged USD {R.randint(1, 99)},{digits(3)}.{digits(2)}", "amount with separators"),
        ("npm i left-pad@1.3.0 --save-exact", "package@version"),
        (f"image nginx@sha256:{hexs(64)} pulled", "image digest with @"),
        ("@oncall-sre please check the queue", "@mention"),
        ("standup @ 09:30 in room 4.12", "at-sign as 'at'"),
        ("cloned git@gitlab.com:acme/infra.git", "git SSH remote"),
        ("asset docs/img/logo@3x.png missing", "retina asset name"),
        ("installed @acme/ui@2.4.1", "scoped package@version"),
        ("arn:aws:iam::123456789012:role/deploy-prod assumed", "AWS ARN with account id"),
        ("projects/acme-prod-441122/locations/europe-west1/keyRings/app", "GCP resource name"),
        (f"instance i-0{hexs(16)} stopped", "EC2 instance id"),
        (
            f"pod api-7d9f8c6b5-{alnum(5, string.ascii_lowercase + string.digits)} OOMKilled",
            "pod name",
        ),
        (f"MAC {':'.join(hexs(2) for _ in range(6))} joined VLAN 42", "MAC address"),
        (
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAA",
            "data URI of a PNG",
        ),
        (f"batch 20261203-{digits(4)} imported 10,482 rows", "batch number with a date"),
        (f"case #{digits(3)} {digits(3)} {digits(3)} escalated", "grouped case number"),
        (f"SKU {alnum(3, string.ascii_uppercase)}-{digits(5)}-{digits(2)} restocked", "SKU"),
        ("latency p99 1203.44 ms over 86400 s", "metrics"),
        ("serial number SN 2026 0419 8831 0042", "grouped serial number"),
        (f"session s_{alnum(10)} expired after 1800 s", "short session handle"),
        ("listening on :8443 (tls 1.3)", "port"),
        (f"coordinates 52.{digits(5)}, 13.{digits(5)}", "latitude/longitude"),
        ("retry 3 of 5 in 00:00:30", "durations"),
        ("build 2026.12.03.4 deployed to eu-central-1", "dotted build number"),
        ("file checksum crc32 0x7a3f91c2", "CRC"),
        (
            f"phone_verified=true attempts=2 last_digits={digits(2)}",
            "flags about a phone, no number",
        ),
        ("ticket HD-2026-11-0934 reopened", "ticket key"),
        ("PO number 4500018833 approved", "purchase order number"),
        (
            f"public key -----BEGIN PUBLIC KEY----- MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE{b64(40)} -----END PUBLIC KEY-----",
            "PEM public key",
        ),
        (
            "cert fingerprint SHA1 3A:9F:22:0B:7C:41:DE:88:10:5A:CC:E2:19:77:04:BE:6D:F0:33:91",
            "certificate fingerprint",
        ),
        ("https://docs.example.com/api/v2/users?page=3&per_page=50", "URL without credentials"),
        (
            "postgresql://db.internal:5432/orders?sslmode=require",
            "connection URL without credentials",
        ),
        (f"region eu-west-3, account 7{digits(11)}", "cloud account number"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in lines]


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

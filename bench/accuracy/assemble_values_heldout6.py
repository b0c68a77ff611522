#!/usr/bin/env python3
"""Assemble bench/accuracy/values_heldout6.tsv: a sixth held-out split of labelled values.

    python bench/accuracy/assemble_values_heldout6.py

Labelled by the guide in bench/accuracy/README.md and committed before any recogniser ran on
it, in the round that follows it (issue 17, values part, round 6). Measure it with

    python bench/bench_accuracy.py --values bench/accuracy/values_heldout6.tsv --split all

Nothing here comes from the earlier splits' generators (no import of `assemble_values*.py`)
nor from the libraries the recognisers use (phonenumbers, python-stdnum, a secret scanner's
rule set). Formats and contexts are ones no earlier split holds:

- national identifiers of 18 schemes no earlier split holds (Germany's Steuer-ID, France's
  numéro fiscal, Spain's NSS, Portugal's Cartão de Cidadão, Poland's identity card number,
  Brazil's título de eleitor and CNS, Colombia's NIT of a person, Peru's RUC of a person,
  Venezuela's RIF of a person, Mexico's RFC of a person and IMSS NSS, New Zealand's NHI,
  Kuwait's civil id, Russia's INN of a person, Bulgaria's LNCh, Norway's D-number, Hungary's
  személyi szám), check digits implemented from the published rules on random digits;
- phone numbers of 40 numbering plans no earlier split names (the Balkans, the Caucasus and
  Central Asia, South-East Asia, the Middle East, Africa, the Caribbean and Central America,
  microstates), mobile ranges written by hand, and earlier plans in forms not used before:
  trunk prefixes in brackets (`+44 (0)20`), extensions (`ext.`, `x`, `;ext=`), the `011`
  international prefix, slashes, no-break spaces, full-width and Arabic-Indic digits, CSV
  cells, JSON inside a string, key=value;
- IBANs of 14 countries no earlier split holds (with the national check digits where the
  country publishes one), cards of brands and groupings not used before (Troy, Discover 64x,
  Maestro 5893, UnionPay 4-4-4-4-3, Diners 4-6-4, dotted Visa);
- secrets of issuers no earlier split holds (formats as gitleaks' and trufflehog's rules
  describe them, random bodies), private keys of wallets and tunnels, and credentials in
  command lines and configuration not used before (Kafka JAAS, .pgpass, curl -u, docker
  login, openssl -passout, Oracle EZConnect, Ansible inventories, net use, cookies, TOTP
  URIs, SPNEGO);
- e-mail and IP addresses in contexts not used before (CSV, RFC 2047 headers, LDAP DNs, SMTP
  envelopes, RFC 7239 Forwarded, iptables, sshd);
- clean values, about a third: company and VAT numbers and payment references that pass
  their check digits, identifiers of shipping and trade (IMO, ISO 6346, SSCC, GS1), ids
  (KSUID, NanoID, ObjectId, Snowflake), wallet addresses, public keys and tokens, hashes,
  lock-file checksums, pagination cursors, timestamps, coordinates, MAC addresses, versions,
  placeholders and encrypted secrets, and identifiers, cards and IBANs with wrong check
  digits.

Crypto wallet addresses have no kind of their own among the values' labels: the guide's
kinds are e-mail, phone, card, IBAN, national id, secret and IP, so an address (public by
design) is a clean value, while a wallet's private key or extended private key is a secret.

The seed is fixed; the file is written in a stable order.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import random
import string
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "values_heldout6.tsv"
COLUMNS = ("value", "expected", "format", "group", "source", "split", "note")
SPLIT = "heldout6"
R = random.Random(20261206)

GEN_ID = "generated: published check-digit rule of the scheme, random digits"
GEN_PHONE = "hand: mobile range of the numbering plan, random subscriber digits"
GEN_CARD = "generated: brand IIN range, random body, Luhn"
GEN_IBAN = "generated: published BBAN shape, random digits, national check, ISO 13616 mod 97"
GEN_SECRET = "generated: issuer's token format as secret scanners describe it, random body"
HAND = "hand: log lines, commands, configuration and headers written for this file"

Row = tuple[str, str, str, str]
"""value, expected, format, source"""

UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def digits(n: int) -> str:
    return "".join(R.choice(string.digits) for _ in range(n))


def nz_digits(n: int) -> str:
    return R.choice("123456789") + digits(n - 1)


def alnum(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def hexs(n: int) -> str:
    return alnum(n, "0123456789abcdef")


def b64(n: int) -> str:
    return alnum(n, ALNUM + "+/")


def b64url(n: int) -> str:
    return alnum(n, ALNUM + "-_")


def password(n: int) -> str:
    return alnum(n, ALNUM + "!#%*+-.?_~")


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


def bump(number: str, at: int = -1) -> str:
    """`number` with one digit changed: a wrong check digit."""
    at = at % len(number)
    d = int(number[at])
    return number[:at] + str((d + R.randint(1, 9)) % 10) + number[at + 1 :]


def birth() -> tuple[int, int, int]:
    return R.randint(1958, 2003), R.randint(1, 12), R.randint(1, 28)


# -- national identifiers ----------------------------------------------------------------------


def de_steuer_id() -> str:
    """11 digits, first not 0; in the first ten one digit occurs twice, the others at most
    once; the last is ISO 7064 MOD 11,10 over the first ten."""
    while True:
        chosen = R.sample(string.digits, 9)
        body = [*chosen, R.choice(chosen)]
        R.shuffle(body)
        text = "".join(body)
        if text[0] == "0" or any(a == b for a, b in itertools.pairwise(text)):
            continue
        return text + iso7064_11_10(text)


def iso7064_11_10(body: str) -> str:
    product = 10
    for ch in body:
        total = (int(ch) + product) % 10 or 10
        product = (2 * total) % 11
    check = 11 - product
    return "0" if check == 10 else str(check % 10)


def fr_numero_fiscal() -> str:
    """13 digits, the first 0 to 3; the last three are the first ten mod 511."""
    body = R.choice("0123") + digits(9)
    return body + f"{int(body) % 511:03d}"


def es_nss() -> str:
    """PP NNNNNNNN CC: CC = (PP NNNNNNNN) mod 97, the number of eight digits not below 10^7."""
    body = f"{R.randint(1, 52):02d}" + nz_digits(8)
    return body + f"{int(body) % 97:02d}"


def alnum_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - 55


def pt_cc() -> str:
    """8 digits, their mod-11 check digit, two version letters, and a Luhn-like digit over all
    twelve (letters A=10 ... Z=35)."""
    number = digits(8)
    check = 11 - sum(int(c) * (9 - i) for i, c in enumerate(number)) % 11
    body = number + str(0 if check >= 10 else check) + R.choice(["ZZ", "ZX", "ZY", "ZW"])
    for last in string.digits:
        total = 0
        for i, ch in enumerate(reversed(body + last)):
            v = alnum_value(ch)
            if i % 2 == 1:
                v *= 2
                v -= 9 if v > 9 else 0
            total += v
        if total % 10 == 0:
            return f"{body[:8]} {body[8]} {body[9:]}{last}"
    raise AssertionError(body)


def pl_id_card() -> str:
    """Three letters and six digits, the first digit the check: weights 7,3,1,9,7,3,1,7,3 on
    A=10 ... Z=35 and the digits, sum mod 10 = 0."""
    letters = alnum(3, UPPER)
    rest = digits(5)
    weights = (7, 3, 1, 7, 3, 1, 7, 3)
    s = sum(alnum_value(c) * w for c, w in zip(letters + rest, weights, strict=True))
    return f"{letters}{s % 10}{rest}"


def br_titulo() -> str:
    """8 digits, a state code 03-28, dv1 = weights 2..9 mod 11, dv2 = state and dv1 weighted
    7, 8, 9 mod 11 (10 -> 0)."""
    seq = digits(8)
    uf = f"{R.randint(3, 28):02d}"
    dv1 = sum(int(c) * (i + 2) for i, c in enumerate(seq)) % 11 % 10
    dv2 = (int(uf[0]) * 7 + int(uf[1]) * 8 + dv1 * 9) % 11 % 10
    number = f"{seq}{uf}{dv1}{dv2}"
    return f"{number[:4]} {number[4:8]} {number[8:]}"


def br_cns() -> str:
    """Definitive CNS: 11 digits starting 1 or 2, then 000 or 001 and a digit so that the
    15 digits weighted 15..1 sum to 0 mod 11."""
    pis = R.choice("12") + digits(10)
    s = sum(int(c) * (15 - i) for i, c in enumerate(pis))
    dv = 11 - s % 11
    if dv == 11:
        dv = 0
    if dv == 10:
        s += 2
        dv = 11 - s % 11
        number = f"{pis}001{dv}"
    else:
        number = f"{pis}000{dv}"
    assert sum(int(c) * (15 - i) for i, c in enumerate(number)) % 11 == 0, number
    return f"{number[:3]} {number[3:7]} {number[7:11]} {number[11:]}"


def co_nit(number: str) -> str:
    weights = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)
    s = sum(int(c) * w for c, w in zip(reversed(number), weights, strict=False)) % 11
    return str(s if s < 2 else 11 - s)


def pe_ruc(lead: str) -> str:
    body = lead + digits(8)
    s = sum(int(c) * w for c, w in zip(body, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True))
    check = 11 - s % 11
    return body + str(check % 10)


def ve_rif() -> str:
    body = digits(8)
    s = 4 + sum(int(c) * w for c, w in zip(body, (3, 2, 7, 6, 5, 4, 3, 2), strict=True))
    check = 11 - s % 11
    return f"V-{body}-{0 if check >= 10 else check}"


RFC_CHARS = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"


def mx_rfc() -> str:
    """Persona física: four letters, YYMMDD, two homonymy characters, a check character from
    weights 13..2 mod 11 (10 -> A)."""
    y, m, d = birth()
    body = (
        R.choice("BCDFGHLMPRSTV")
        + R.choice("AEIOU")
        + R.choice("BCDGLMNRST")
        + R.choice("AEIMOR")
        + f"{y % 100:02d}{m:02d}{d:02d}"
        + alnum(2, "ABCDEFGHJKLMNPRSTUVWXYZ123456789")
    )
    s = sum(RFC_CHARS.index(c) * (13 - i) for i, c in enumerate(body)) % 11
    check = "0" if s == 0 else ("A" if 11 - s == 10 else str(11 - s))
    return body + check


def mx_imss() -> str:
    """Subdelegation, year of registration, year of birth, serial; Luhn over the 11."""
    return luhn_complete(
        f"{R.randint(1, 99):02d}{R.randint(80, 99):02d}{R.randint(58, 79):02d}{digits(4)}"
    )


NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def nz_nhi() -> str:
    """Old format AAANNNC: letters without I and O valued 1-24, weights 7..2, check 11 - r."""
    while True:
        letters = alnum(3, NHI_LETTERS)
        nums = digits(3)
        s = sum((NHI_LETTERS.index(c) + 1) * w for c, w in zip(letters, (7, 6, 5), strict=True))
        s += sum(int(c) * w for c, w in zip(nums, (4, 3, 2), strict=True))
        r = s % 11
        if r == 0:
            continue
        return f"{letters}{nums}{(11 - r) % 10}"


def kw_civil_id() -> str:
    while True:
        y, m, d = birth()
        body = f"{2 if y < 2000 else 3}{y % 100:02d}{m:02d}{d:02d}{digits(4)}"
        weights = (2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
        check = 11 - sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
        if check < 10:
            return body + str(check)


def ru_inn_person() -> str:
    body = f"{R.randint(1, 89):02d}" + digits(8)
    w1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
    n11 = sum(int(c) * w for c, w in zip(body, w1, strict=True)) % 11 % 10
    body += str(n11)
    w2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
    return body + str(sum(int(c) * w for c, w in zip(body, w2, strict=True)) % 11 % 10)


def bg_lnch() -> str:
    body = digits(9)
    weights = (21, 19, 17, 13, 11, 9, 7, 3, 1)
    return body + str(sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 10)


def no_d_number() -> str:
    while True:
        y, m, d = birth()
        indiv = f"{R.randint(0, 499):03d}" if y < 2000 else f"{R.randint(500, 999):03d}"
        body = f"{d + 40:02d}{m:02d}{y % 100:02d}{indiv}"
        k1 = (
            11
            - sum(int(c) * w for c, w in zip(body, (3, 7, 6, 1, 8, 9, 4, 5, 2), strict=True)) % 11
        )
        if k1 == 10:
            continue
        body += str(k1 % 11)
        k2 = (
            11
            - sum(int(c) * w for c, w in zip(body, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True))
            % 11
        )
        if k2 == 10:
            continue
        return body + str(k2 % 11)


def hu_szemelyi_szam() -> str:
    """Born before 1997: sex digit 1 or 2, YYMMDD, serial, check = weights 1..10 mod 11."""
    while True:
        y = R.randint(1958, 1996)
        _, m, d = birth()
        body = f"{R.choice('12')}{y % 100:02d}{m:02d}{d:02d}{digits(3)}"
        check = sum(int(c) * (i + 1) for i, c in enumerate(body)) % 11
        if check < 10:
            return body + str(check)


def national_ids() -> list[Row]:
    steuer = [de_steuer_id() for _ in range(3)]
    titulo = br_titulo()
    cedula = nz_digits(R.choice((8, 10)))
    rows = [
        (
            f"Steuerliche Identifikationsnummer: {steuer[0][:2]} {steuer[0][2:5]} {steuer[0][5:8]} {steuer[0][8:]}",
            "DE Steuer-ID (ISO 7064 mod 11,10), labelled, grouped",
        ),
        (f'{{"steuer_id":"{steuer[1]}","veranlagung":2025}}', "DE Steuer-ID in JSON"),
        (f"Lohnsteuer: IdNr. {steuer[2]} übermittelt", "DE Steuer-ID, short label in a log line"),
        (
            f"numéro fiscal : {(n := fr_numero_fiscal())[:2]} {n[2:4]} {n[4:7]} {n[7:10]} {n[10:]}",
            "FR numéro fiscal (mod 511), labelled",
        ),
        (f"spi={fr_numero_fiscal()}", "FR numéro fiscal, key=value"),
        (
            f"Nº afiliación Seguridad Social: {(s := es_nss())[:2]}/{s[2:10]}/{s[10:]}",
            "ES NSS (mod 97), slashes",
        ),
        (f"NSS {es_nss()}", "ES NSS, short label"),
        (f"Cartão de Cidadão n.º {pt_cc()}", "PT Cartão de Cidadão (Luhn over letters), labelled"),
        (
            f'{{"documento":"CC","numero":"{pt_cc().replace(" ", "")}"}}',
            "PT Cartão de Cidadão in JSON",
        ),
        (
            f"seria i numer dowodu osobistego: {pl_id_card()}",
            "PL identity card number (7-3-1), labelled",
        ),
        (f"dowód {pl_id_card()} wydany 2021", "PL identity card number in text"),
        (f"título de eleitor {titulo}", "BR título de eleitor (two mod 11), labelled"),
        (f"titulo_eleitor={br_titulo().replace(' ', '')}", "BR título de eleitor, key=value"),
        (f"Cartão SUS (CNS): {br_cns()}", "BR CNS (weights 15..1 mod 11), labelled"),
        (f"cns {br_cns().replace(' ', '')} paciente", "BR CNS, short label"),
        (
            f"NIT {cedula}-{co_nit(cedula)} (persona natural)",
            "CO NIT of a person (prime weights mod 11)",
        ),
        (f"RUC {pe_ruc('10')}", "PE RUC of a person (mod 11)"),
        (f"RIF: {ve_rif()}", "VE RIF of a person (mod 11)"),
        (f"cliente RIF {ve_rif()} registrado", "VE RIF in text"),
        (f"RFC {mx_rfc()}", "MX RFC of a person (mod 11)"),
        (f'{{"rfc": "{mx_rfc()}", "regimen": "612"}}', "MX RFC in JSON"),
        (f"Número de Seguridad Social (IMSS): {mx_imss()}", "MX IMSS NSS (Luhn), labelled"),
        (f"NHI {nz_nhi()}", "NZ NHI number (mod 11 over letters)"),
        (f"patient nhi={nz_nhi()} admitted", "NZ NHI number, key=value"),
        (f"Civil ID: {kw_civil_id()}", "KW civil id (weighted mod 11)"),
        (f"ИНН {ru_inn_person()}", "RU INN of a person (two mod 11), Cyrillic label"),
        (f"inn={ru_inn_person()}", "RU INN of a person, key=value"),
        (f"ЛНЧ {bg_lnch()}", "BG LNCh (weighted mod 10)"),
        (f"D-nummer {(dn := no_d_number())[:6]} {dn[6:]}", "NO D-number (two mod 11)"),
        (
            f"személyi szám: {(hz := hu_szemelyi_szam())[0]}-{hz[1:7]}-{hz[7:]}",
            "HU személyi szám (mod 11)",
        ),
    ]
    return [(text, "national_id", fmt, GEN_ID) for text, fmt in rows]


def wrong_last(value: str, step: int) -> str:
    return value[:-1] + str((int(value[-1]) + step) % 10)


def bad_national_ids() -> list[Row]:
    rows = [
        (f"Steuer-ID {bump(de_steuer_id())}", "DE Steuer-ID with a wrong check digit"),
        (
            f"NHI {wrong_last(nz_nhi(), 3)}",
            "NZ NHI with a wrong check digit",
        ),
        (f"título de eleitor {bump(br_titulo())}", "BR título de eleitor with a wrong check digit"),
        (f"ИНН {bump(ru_inn_person())}", "RU INN with a wrong check digit"),
        (
            f"RIF: {wrong_last(ve_rif(), 4)}",
            "VE RIF with a wrong check digit",
        ),
        (f"Civil ID: {bump(kw_civil_id())}", "KW civil id with a wrong check digit"),
    ]
    return [(text, "none", fmt, GEN_ID) for text, fmt in rows]


def de_vat() -> str:
    body = nz_digits(8)
    return "DE" + body + iso7064_11_10(body)


def fr_tva() -> str:
    siren = luhn_complete(nz_digits(8))
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def it_piva() -> str:
    return luhn_complete(digits(7) + f"{R.randint(1, 100):03d}")


def br_cnpj() -> str:
    body = digits(8) + "0001"
    w1 = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
    d1 = 11 - sum(int(c) * w for c, w in zip(body, w1, strict=True)) % 11
    body += str(0 if d1 >= 10 else d1)
    w2 = (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
    d2 = 11 - sum(int(c) * w for c, w in zip(body, w2, strict=True)) % 11
    n = body + str(0 if d2 >= 10 else d2)
    return f"{n[:2]}.{n[2:5]}.{n[5:8]}/{n[8:12]}-{n[12:]}"


def au_abn() -> str:
    weights = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
    while True:
        rest = digits(9)
        for lead in range(11, 100):
            n = f"{lead}{rest}"
            s = sum(
                (int(c) - (1 if i == 0 else 0)) * w
                for i, (c, w) in enumerate(zip(n, weights, strict=True))
            )
            if s % 89 == 0:
                return f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:]}"


def ru_inn_company() -> str:
    body = f"{R.randint(1, 89):02d}" + digits(7)
    w = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return body + str(sum(int(c) * x for c, x in zip(body, w, strict=True)) % 11 % 10)


def imo_number() -> str:
    body = nz_digits(6)
    return body + str(sum(int(c) * w for c, w in zip(body, (7, 6, 5, 4, 3, 2), strict=True)) % 10)


def iso6346() -> str:
    owner = "MSCU"
    serial = digits(6)
    values = []
    for ch in owner + serial:
        if ch.isdigit():
            values.append(int(ch))
        else:
            v = 10 + string.ascii_uppercase.index(ch)
            v += (v - 1) // 10 if v > 10 else 0
            values.append(v)
    s = sum(v * 2**i for i, v in enumerate(values)) % 11 % 10
    return f"{owner} {serial} {s}"


def gs1_check(body: str) -> str:
    s = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    return body + str((10 - s % 10) % 10)


def rf_reference() -> str:
    ref = digits(12)
    n = int(ref + "271500")  # RF00 moved to the end: R=27, F=15
    check = 98 - n % 97
    c = f"RF{check:02d}{ref}"
    return " ".join(c[i : i + 4] for i in range(0, len(c), 4))


def ch_qr_reference() -> str:
    table = (0, 9, 4, 6, 8, 2, 7, 1, 3, 5)
    body = "00000000" + digits(18)
    carry = 0
    for ch in body:
        carry = table[(carry + int(ch)) % 10]
    n = body + str((10 - carry) % 10)
    return n[:2] + " " + " ".join(n[i : i + 5] for i in range(2, 27, 5))


def fi_reference() -> str:
    body = nz_digits(R.randint(5, 9))
    s = sum(int(c) * (7, 3, 1)[i % 3] for i, c in enumerate(reversed(body)))
    return body + str((10 - s % 10) % 10)


def organisations() -> list[Row]:
    rows = [
        (f"USt-IdNr. {de_vat()}", "DE VAT number (ISO 7064 mod 11,10)"),
        (f"TVA intracommunautaire : {fr_tva()}", "FR VAT number (key over SIREN)"),
        (f"P.IVA {it_piva()}", "IT partita IVA (Luhn)"),
        (f"CNPJ {br_cnpj()}", "BR CNPJ (two mod 11)"),
        (f"ABN {au_abn()}", "AU ABN (mod 89)"),
        (f"ИНН организации {ru_inn_company()}", "RU INN of a company (mod 11)"),
        (
            f"SIRET {(sr := luhn_complete(luhn_complete(R.choice('47') + digits(7)) + digits(4)))[:3]} {sr[3:6]} {sr[6:9]} {sr[9:]}",
            "FR SIRET (Luhn)",
        ),
        (f"RUC {pe_ruc('20')} (empresa)", "PE RUC of a company (mod 11)"),
        (f"vessel IMO {imo_number()} berthed", "IMO ship number (weighted mod 10)"),
        (f"container {iso6346()} gated in", "ISO 6346 container number"),
        (f"SSCC (00){gs1_check('3' + digits(16))}", "GS1 SSCC (mod 10)"),
        (f"(01){gs1_check('0' + digits(12))}(17)271231(10)LOT{digits(3)}", "GS1 element string"),
        (f"KID {luhn_complete(digits(R.randint(9, 10)))}", "NO KID payment reference (Luhn)"),
        (f"Referenz {ch_qr_reference()}", "CH QR reference (mod 10 recursive)"),
        (f"Creditor reference {rf_reference()}", "ISO 11649 RF creditor reference (mod 97)"),
        (f"viitenumero {fi_reference()}", "FI payment reference (7-3-1)"),
        (f"D-U-N-S {digits(2)}-{digits(3)}-{digits(4)}", "DUNS number"),
        (f"Company No. 0{digits(7)}", "UK company number"),
        (f"ISRC US-{alnum(3, UPPER)}-{R.randint(10, 26)}-{digits(5)}", "ISRC"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


# -- phones -------------------------------------------------------------------------------------


def sub(n: int) -> str:
    """Subscriber digits: the first is 2-9 (most plans keep 0 and 1 out of that place)."""
    return R.choice("23456789") + digits(n - 1)


def phones() -> list[Row]:
    s = sub
    rows = [
        (f"+355 69 {s(3)} {s(4)}", "AL mobile, E.164 grouped"),
        (f"Albania mobile 069{s(7)}", "AL mobile, national, region named"),
        (f"+387 6{R.choice('1235')} {s(3)} {s(3)}", "BA mobile, E.164"),
        (f"+389 7{R.choice('0125678')} {s(3)} {s(3)}", "MK mobile, E.164"),
        (f"+382 6{R.choice('789')} {s(3)} {s(3)}", "ME mobile, E.164"),
        (f"+373 6{R.choice('79')} {s(3)} {s(3)}", "MD mobile, E.164"),
        (f"+375 29 {s(3)}-{s(2)}-{s(2)}", "BY mobile, E.164 dashed"),
        (f"Belarus: 8 029 {s(3)} {s(2)} {s(2)}", "BY mobile, national with trunk 8 0"),
        (f"+994 5{R.choice('05')} {s(3)} {s(2)} {s(2)}", "AZ mobile, E.164"),
        (
            f"Azerbaijan 05{R.choice('05')} {s(3)} {s(2)} {s(2)}",
            "AZ mobile, national, region named",
        ),
        (f"+996 55{R.choice('05')} {s(3)} {s(3)}", "KG mobile, E.164"),
        (f"+992 9{R.choice('0358')} {s(3)} {s(4)}", "TJ mobile, E.164"),
        (f"+855 1{R.choice('27')} {s(3)} {s(3)}", "KH mobile, E.164"),
        (f"+856 20 {R.choice('2579')}{s(3)} {s(4)}", "LA mobile, E.164"),
        (f"+673 {R.choice('78')}{s(2)} {s(4)}", "BN mobile, E.164"),
        (f"+853 6{R.choice('2568')}{s(2)} {s(4)}", "MO mobile, E.164"),
        (f"+964 7{R.choice('789')}0 {s(3)} {s(4)}", "IQ mobile, E.164"),
        (f"+98 91{R.choice('0123')} {s(3)} {s(4)}", "IR mobile, E.164"),
        (f"Iran: 091{R.choice('0123')} {s(3)} {s(4)}", "IR mobile, national, region named"),
        (f"+961 3 {s(3)} {s(3)}", "LB mobile, E.164"),
        (f"+93 7{R.choice('0789')} {s(3)} {s(4)}", "AF mobile, E.164"),
        (f"+218 9{R.choice('1234')} {s(3)} {s(4)}", "LY mobile, E.164"),
        (f"+249 9{R.choice('0126')} {s(3)} {s(4)}", "SD mobile, E.164"),
        (f"+250 78{R.choice('2345')} {s(3)} {s(3)}", "RW mobile, E.164"),
        (f"+260 97 {s(7)}", "ZM mobile, E.164"),
        (f"+263 77 {s(3)} {s(4)}", "ZW mobile, E.164"),
        (f"+258 8{R.choice('2345')} {s(3)} {s(4)}", "MZ mobile, E.164"),
        (f"+244 92{R.choice('3')} {s(3)} {s(3)}", "AO mobile, E.164"),
        (f"+264 81 {s(3)} {s(4)}", "NA mobile, E.164"),
        (f"+267 7{R.choice('1234')} {s(3)} {s(3)}", "BW mobile, E.164"),
        (f"+237 6 {R.choice('579')}{s(1)} {s(2)} {s(2)} {s(2)}", "CM mobile, E.164"),
        (f"+225 07 07 {s(2)} {s(2)} {s(2)}", "CI mobile, E.164"),
        (f"+223 7{R.choice('0156')} {s(2)} {s(2)} {s(2)}", "ML mobile, E.164"),
        (f"+261 3{R.choice('234')} {s(2)} {s(3)} {s(2)}", "MG mobile, E.164"),
        (f"+1 (876) {R.choice('3458')}{s(2)}-{s(4)}", "JM NANP, bracketed area code"),
        (f"+1 868 {R.choice('3467')}{s(2)} {s(4)}", "TT NANP, E.164"),
        (f"+504 9{s(3)} {s(4)}", "HN mobile, E.164"),
        (f"+505 8{s(3)} {s(4)}", "NI mobile, E.164"),
        (f"+503 7{s(3)} {s(4)}", "SV mobile, E.164"),
        (f"+53 5 {s(3)} {s(4)}", "CU mobile, E.164"),
        (f"+679 {R.choice('79')}{s(2)} {s(4)}", "FJ mobile, E.164"),
        (f"+376 3{s(2)} {s(3)}", "AD mobile, E.164"),
        (f"+377 6 {s(2)} {s(2)} {s(2)} {s(2)}", "MC mobile, E.164"),
        (
            f"call +44 (0)20 7946 0{s(3)} ext. {s(3)}",
            "GB London drama range, trunk in brackets and ext.",
        ),
        (f"Tel. 030/{R.choice('2345678')}{s(6)}", "DE Berlin landline, slash"),
        (f"+49 (0)17{R.choice('0125')} {s(7)}", "DE mobile, trunk in brackets"),
        (
            f"({R.choice(['312', '617', '415'])}) {R.choice('2345678')}{s(2)}-{s(4)} x{s(3)}",
            "US NANP with x extension",
        ),
        (
            f"tel:+1-{R.choice(['303', '512', '206'])}-{R.choice('2345678')}{s(2)}-{s(4)};ext={s(2)}",
            "US tel: URI with ;ext=",
        ),
        (f"dial 011 44 7700 900{s(3)}", "GB drama mobile after the NANP 011 prefix"),
        (f"+31 (0)6 {s(4)} {s(4)}", "NL mobile, trunk in brackets"),
        (f"+61 (0) 491 57{R.choice('0123456789')} {s(3)}", "AU drama mobile, trunk in brackets"),
        (
            f"携帯 ０９０－{''.join(chr(0xFF10 + int(c)) for c in s(4))}－{''.join(chr(0xFF10 + int(c)) for c in s(4))}",
            "JP mobile, full-width digits",
        ),
        (
            "+٩٧١ ٥٠ "
            + " ".join("".join(chr(0x0660 + int(c)) for c in part) for part in (s(3), s(4))),
            "AE mobile, Arabic-Indic digits",
        ),
        (
            f"+33\u00a06\u00a0{s(2)}\u00a0{s(2)}\u00a0{s(2)}\u00a0{s(2)}",
            "FR mobile, no-break spaces",
        ),
        (f"cell 3{R.choice('234')}{s(1)}/{s(7)}", "IT mobile, slash after the prefix"),
        (f"+34 6{s(2)}.{s(3)}.{s(3)}", "ES mobile, dotted"),
        (
            f'42,"Novák, Jan",+420 7{R.choice("2379")}{s(1)} {s(3)} {s(3)},Praha',
            "CZ mobile in a CSV row",
        ),
        (
            f'{{"payload":"{{\\"msisdn\\":\\"+26097{s(7)}\\"}}"}}',
            "ZM mobile in JSON inside a string",
        ),
        (f"callback_number=+2250707{s(6)}", "CI mobile, key=value"),
    ]
    return [(text, "phone", fmt, GEN_PHONE) for text, fmt in rows]


def phone_negatives() -> list[Row]:
    rows = [
        (f"ext. {digits(4)}", "an extension alone"),
        (f"case no. 2026/{digits(3)}/{digits(4)}", "case number with slashes"),
        (f"lot {digits(3)}-{digits(3)}-{digits(3)} expires 2027-03", "lot number in groups"),
        (
            f"flight LH {R.randint(100, 999)} seat {R.randint(10, 40)}C gate B{R.randint(10, 60)}",
            "flight and seat",
        ),
        (f"run {R.randint(10**10, 10**11 - 1)} attempt 2", "CI run id"),
        (f"03.12.2026 18:{R.randint(10, 59)}:{R.randint(10, 59)}", "German date and time"),
        (f"amount=€ 1.{digits(3)}.{digits(3)},{digits(2)}", "amount with dotted thousands"),
        (f"133{digits(15)}", "Windows FILETIME"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


# -- cards and IBANs ----------------------------------------------------------------------------


def card(prefix: str, length: int) -> str:
    return luhn_complete(prefix + digits(length - len(prefix) - 1))


def group4(number: str, sep: str = " ") -> str:
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


def cards() -> list[Row]:
    mc2 = card(str(R.randint(2221, 2720)), 16)
    amex = card("37", 15)
    diners = card("36", 14)
    rows = [
        (f'{{"kart_no":"{group4(card("9792", 16))}"}}', "Troy 9792, 4-4-4-4 in JSON"),
        (f'7,"Silva, Ana",{mc2},2028-04', "Mastercard 2-series in a CSV row"),
        (f"payment card={card('4', 16)} exp=09/29", "Visa, key=value"),
        (f'{{"evt":"{{\\"pan\\":\\"{amex}\\"}}"}}', "Amex in JSON inside a string"),
        (
            f"charged card {group4(card('64' + R.choice('456789'), 16))} for order {digits(6)}",
            "Discover 644-649 in text",
        ),
        (f"GET /pay?pan={card('3528', 16)}&cvc=", "JCB 3528 in a URL query"),
        (f"Maestro {group4(card('5893', 16), '-')}", "Maestro 5893, dashes"),
        (f"UnionPay {group4(card('62', 19))}", "UnionPay 19, 4-4-4-4-3"),
        (f"Diners {diners[:4]} {diners[4:10]} {diners[10:]}", "Diners 36, 4-6-4"),
        (f"card {group4(card('4', 16), '.')}", "Visa, dotted"),
    ]
    return [(text, "card", fmt, GEN_CARD) for text, fmt in rows]


def bad_cards() -> list[Row]:
    rows = [
        (f"kart_no {group4(bump(card('9792', 16)))}", "Troy shape failing Luhn"),
        (
            f'9,"Costa, Rui",{bump(card("5" + R.choice("12345"), 16))},2027-11',
            "Mastercard shape failing Luhn in a CSV row",
        ),
        (
            f"card {group4(bump(card('64' + R.choice('456789'), 16)), '.')}",
            "Discover shape failing Luhn, dotted",
        ),
    ]
    return [(text, "none", fmt, GEN_CARD) for text, fmt in rows]


def iban(country: str, bban: str) -> str:
    numeric = "".join(str(alnum_value(c)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def mod97_national(body: str) -> str:
    """The check pair of the ex-Yugoslav accounts: 98 - (body * 100) mod 97."""
    return body + f"{98 - int(body) * 100 % 97:02d}"


def fi_bban() -> str:
    return luhn_complete(digits(13))


def mc_bban() -> str:
    bank, branch, account = digits(5), digits(5), digits(11)
    key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    return f"{bank}{branch}{account}{key:02d}"


def grouped(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


# The national check formulas above, checked on the examples of the IBAN registry.
assert mod97_national("12900794010284") == "1290079401028494"  # BA
assert mod97_national("5050000123456789") == "505000012345678951"  # ME
assert mod97_national("2600056010016113") == "260005601001611379"  # RS
assert luhn_ok("12345600000785")  # FI
assert iban("BA", "1290079401028494") == "BA391290079401028494"


def ibans() -> list[Row]:
    rows = [
        (grouped(iban("BA", mod97_national(digits(14)))), "BA IBAN, grouped"),
        (f"IBAN: {iban('ME', mod97_national(digits(16)))}", "ME IBAN, labelled"),
        (f"<IBAN>{iban('MK', mod97_national(digits(13)))}</IBAN>", "MK IBAN in SEPA-style XML"),
        (f'{{"iban":"{iban("RS", mod97_national(digits(16)))}"}}', "RS IBAN in JSON"),
        (grouped(iban("FI", fi_bban())), "FI IBAN, grouped"),
        (f"tilinumero {grouped(iban('FI', fi_bban())).lower()}", "FI IBAN, lower case"),
        (f"IBAN {grouped(iban('MC', mc_bban()))}", "MC IBAN, grouped"),
        (f"payee_iban={iban('BY', alnum(4, UPPER) + digits(20))}", "BY IBAN, key=value"),
        (grouped(iban("LC", alnum(4, UPPER) + digits(24))), "LC IBAN, grouped"),
        (
            f"beneficiary {iban('SC', alnum(4, UPPER) + digits(20) + 'EUR')} (EUR)",
            "SC IBAN in text",
        ),
        (f"LY account {iban('LY', digits(21))}", "LY IBAN in text"),
        (grouped(iban("SD", digits(14))), "SD IBAN, grouped"),
        (f"{R.randint(100, 999)};Ulaanbaatar;{iban('MN', digits(16))};MNT", "MN IBAN in a CSV row"),
        (f"счёт {grouped(iban('RU', digits(29)))}", "RU IBAN, grouped in text"),
        (f"?iban={iban('TN', digits(20))}&amount=120", "TN IBAN in a URL query"),
    ]
    return [(text, "iban", fmt, GEN_IBAN) for text, fmt in rows]


def bad_ibans() -> list[Row]:
    def wrong(value: str) -> str:
        check = int(value[2:4])
        return value[:2] + f"{(check + R.randint(1, 40)) % 97 + 2:02d}"[:2] + value[4:]

    rows = [
        (
            grouped(wrong(iban("BA", mod97_national(digits(14))))),
            "BA IBAN shape, wrong check digits",
        ),
        (
            f"IBAN {wrong(iban('RS', mod97_national(digits(16))))}",
            "RS IBAN shape, wrong check digits",
        ),
        (grouped(wrong(iban("FI", fi_bban()))), "FI IBAN shape, wrong check digits"),
        (
            f"payee_iban={wrong(iban('BY', alnum(4, UPPER) + digits(20)))}",
            "BY IBAN shape, wrong check digits",
        ),
    ]
    return [(text, "none", fmt, GEN_IBAN) for text, fmt in rows]


# -- e-mail and IP ------------------------------------------------------------------------------


def emails() -> list[Row]:
    rows = [
        (
            f'{R.randint(10, 99)},"Müller, Anna",anna.mueller{digits(2)}@example.de,DE',
            "in a CSV row",
        ),
        ("From: =?UTF-8?B?SsO2cmcgS3JhdXM=?= <joerg.kraus@example.at>", "RFC 2047 display name"),
        (
            '{"msg":"{\\"user\\":\\"li.wei' + digits(2) + '@example.cn\\"}"}',
            "in JSON inside a string",
        ),
        (
            '<a href="mailto:press.office@example.org?subject=Hi">press</a>',
            "mailto in an HTML link",
        ),
        (f"mail=r.osei{digits(2)}@example.gh,ou=people,dc=example,dc=gh", "LDAP DN attribute"),
        ("Author: Sam O'Neil <sam.o'neil@example.ie>", "apostrophe in the local part"),
        ("contact maria@studio-lumen.photography today", "long generic top-level domain"),
        ("RCPT TO:<t.nguyen@example.vn> SIZE=2048", "SMTP envelope command"),
        ("notify_to=ops.oncall+pager@example.net", "key=value with a plus tag"),
        ("kofi.mensah@students.uni-example.edu.gh", "deep subdomain"),
    ]
    return [(text, "email", fmt, HAND) for text, fmt in rows]


def email_negatives() -> list[Row]:
    rows = [
        ("deploy@web-01:~$ sudo systemctl restart api", "shell prompt"),
        ("git reset --hard HEAD@{2}", "git reflog selector"),
        ("@media (max-width: 600px) { .nav { display: none } }", "CSS at-rule"),
        ('<button @click="save">Save</button>', "Vue event binding"),
        ('"react": "npm:@preact/compat@^17.1.2"', "npm alias at version"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


def ips() -> list[Row]:
    rows = [
        (
            'Forwarded: for="[2001:db8:cafe::17]:4711";proto=https',
            "RFC 7239 Forwarded, bracketed IPv6",
        ),
        (f"X-Real-IP: 198.51.100.{R.randint(2, 254)}", "X-Real-IP header"),
        (f"iptables -A INPUT -s 203.0.113.{R.randint(2, 254)}/32 -j DROP", "iptables rule"),
        (
            f'{{"event":"{{\\"src\\":\\"192.0.2.{R.randint(2, 254)}\\"}}"}}',
            "in JSON inside a string",
        ),
        ("GET http://[2001:db8::1]:8080/healthz", "URL with a bracketed IPv6 host and port"),
        (f"2026-12-03,198.51.100.{R.randint(2, 254)},GET,/login,302", "IPv4 in a CSV row"),
        (
            f"sshd[{R.randint(1000, 9999)}]: Accepted publickey for deploy from 203.0.113.{R.randint(2, 254)} port {R.randint(30000, 60000)} ssh2",
            "sshd log line",
        ),
        ("ipv6=2001:0db8:0000:0000:0000:ff00:0042:8329", "IPv6 full form, key=value"),
        (
            f"client 10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}:{R.randint(1024, 65535)} reset",
            "private IPv4 with port",
        ),
        ("peer fd12:3456:789a:1::2 up", "IPv6 unique local in text"),
    ]
    return [(text, "ip", fmt, HAND) for text, fmt in rows]


def ip_negatives() -> list[Row]:
    rows = [
        ("release 4.3.2.1 notes", "four-part version after its word"),
        ("see § 4.2.1.3 of the contract", "section number"),
        ("tag v2.10.4.1-rc", "tag of a four-part version"),
        ("10.0.22631.4602", "Windows build number, bare"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


# -- secrets ------------------------------------------------------------------------------------


def b58check(payload: bytes) -> str:
    check = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    data = payload + check
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


def rand_bytes(n: int) -> bytes:
    return bytes(R.randrange(256) for _ in range(n))


def jwt_like(claims: str) -> str:
    header = base64.urlsafe_b64encode(b'{"alg":"RS256","typ":"JWT"}').rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(claims.encode()).rstrip(b"=").decode()
    return f"{header}.{body}.{b64url(342)}"


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def secrets() -> list[Row]:
    pem_body = "\\n".join(b64(70) for _ in range(5))
    pgp_body = "\\n".join(b64(64) for _ in range(4))
    rows = [
        (f"OPENROUTER_API_KEY=sk-or-v1-{hexs(64)}", "OpenRouter API key, assigned"),
        (f"xi-api-key: sk_{hexs(48)}", "ElevenLabs API key header"),
        (f"sk-ant-admin01-{b64url(93)}AA", "Anthropic admin key"),
        (f'"token": "api_org_{alnum(34, ALNUM)}"', "Hugging Face organisation token in JSON"),
        (f"FLY_API_TOKEN=FlyV1 fm2_{b64(180)}", "Fly.io macaroon token"),
        (f"sntryu_{hexs(64)}", "Sentry user auth token"),
        (f"fio-u-{b64url(64)}", "Frame.io token"),
        (f"EASYPOST_API_KEY=EZAK{alnum(54)}", "EasyPost live key"),
        (f"FLWSECK-{hexs(32)}-X", "Flutterwave secret key"),
        (f"duffel_live_{b64url(43)}", "Duffel live token"),
        (
            f"Authorization: Basic {base64.b64encode(('rdme_' + hexs(70) + ':').encode()).decode()}",
            "ReadMe API key in basic credentials",
        ),
        (f"tfp_{alnum(59, LOWER + string.digits + '-_')}", "Typeform personal token"),
        (f"scalingo login --api-token tk-us-{b64url(48)}", "Scalingo API token in a command line"),
        (f"INFRACOST_API_KEY=ico-{alnum(32)}", "Infracost API key"),
        (f"x-api-key: pat.{b64url(22)}.{hexs(24)}.{alnum(20)}", "Harness PAT header"),
        (f"yc_api_key=AQVN{b64url(36)}", "Yandex Cloud API key"),
        (f"X-JFrog-Art-Api: AKCp{alnum(69)}", "JFrog Artifactory API key header"),
        (f"glc_{b64(80)}==", "Grafana Cloud access policy token"),
        (f"dropbox token sl.{b64url(135)}", "Dropbox short-lived token"),
        (f"SHOPIFY_API_SECRET=shpss_{hexs(32)}", "Shopify shared secret"),
        (f"Authorization: Bearer EAAA{b64url(60)}", "Square access token (EAAA)"),
        (f"MOLLIE_API_KEY=live_{alnum(30)}", "Mollie live key"),
        (f"Authorization: token gho_{alnum(36)}", "GitHub OAuth token header"),
        (f"gloas-{hexs(64)}", "GitLab OAuth application secret"),
        (f"slack refresh xoxe-1-{alnum(130, UPPER + string.digits)}", "Slack refresh token"),
        (
            f"TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAA{b64url(18)}%3D{b64url(50)}",
            "Twitter app bearer token",
        ),
        (f"origin_ca_key=v1.0-{hexs(24)}-{hexs(146)}", "Cloudflare Origin CA key"),
        (f"X-Auth-Key: {hexs(37)}", "Cloudflare global API key header"),
        (f"HEROKU_API_KEY=HRKU-AA{b64url(58)}", "Heroku API key, new format"),
        (f"deployctl deploy --token=ddp_{alnum(36)}", "Deno Deploy token in a command line"),
        (f"NRII-{alnum(32, LOWER + string.digits + '-')}", "New Relic insert key"),
        (f"ADAFRUIT_IO_KEY=aio_{alnum(28)}", "Adafruit IO key"),
        (
            f"dnkey-{alnum(26, UPPER + string.digits)}-{alnum(52, UPPER + string.digits)}",
            "Defined Networking API key",
        ),
        (
            f"Authorization: Bot {base64.b64encode(nz_digits(18).encode()).decode().rstrip('=')}.{b64url(6)}.{b64url(38)}",
            "Discord bot token header",
        ),
        (
            f"Authorization: AWS4-HMAC-SHA256 Credential=AKIA{alnum(16, UPPER + '234567')}/20261203/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature={hexs(64)}",
            "AWS SigV4 Authorization header",
        ),
        (f"AWS_BEARER_TOKEN_BEDROCK=ABSK{b64(132)}", "Amazon Bedrock API key"),
        (f"Authorization: Negotiate YII{b64(400)}==", "SPNEGO Negotiate header"),
        (f"sk_live_{alnum(99)}", "Stripe live secret key, bare"),
        (f"JENKINS_API_TOKEN=11{hexs(32)}", "Jenkins API token, assigned"),
        (f"VERCEL_TOKEN={alnum(24)}", "Vercel token, assigned"),
        (f"SHOPIFY_TOKEN=shpca_{hexs(32)}", "Shopify custom app token"),
        (f"refresh_token=1//0{b64url(99)}", "Google OAuth refresh token"),
        (f"PrivateKey = {base64.b64encode(rand_bytes(32)).decode()}", "WireGuard private key"),
        (f"nsec1{alnum(58, BECH32)}", "Nostr private key (nsec)"),
        (
            f"wif={b58check(bytes([0x80]) + rand_bytes(32) + bytes([0x01]))}",
            "Bitcoin WIF private key",
        ),
        (
            f"{b58check(bytes.fromhex('0488ADE4') + bytes([0, 0, 0, 0, 0, 0, 0, 0, 0]) + rand_bytes(32) + bytes([0]) + rand_bytes(32))}",
            "BIP32 extended private key (xprv)",
        ),
        (f"PRIVATE_KEY=0x{hexs(64)}", "Ethereum private key, assigned"),
        (
            f"-----BEGIN PGP PRIVATE KEY BLOCK-----\\n\\nlQVYBG{pgp_body}\\n=Ab12\\n-----END PGP PRIVATE KEY BLOCK-----",
            "PGP private key block, escaped newlines",
        ),
        (
            f'ssh_key: "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA{pem_body}\\n-----END OPENSSH PRIVATE KEY-----"',
            "OpenSSH private key in YAML",
        ),
        (
            f'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc-orders" password="{password(20)}";',
            "Kafka JAAS config",
        ),
        (f"db.internal:5432:orders:app_rw:{password(22)}", ".pgpass line"),
        (
            f"curl -u deploy:{password(16)} https://artifacts.example.com/upload",
            "curl -u user:password",
        ),
        (f"docker login -u ci-bot -p {password(24)} registry.example.com", "docker login -p"),
        (
            f"openssl pkcs12 -export -in cert.pem -inkey key.pem -passout pass:{password(16)} -out bundle.p12",
            "openssl -passout pass:",
        ),
        (
            f"sqlplus app_user/{alnum(14)}@//db.example.com:1521/ORCLPDB1",
            "Oracle EZConnect user/password",
        ),
        (
            f"web01 ansible_host=web01.example.com ansible_become_password={password(16)}",
            "Ansible inventory password",
        ),
        (f"net use \\\\fs01\\finance /user:CORP\\jdoe {password(14)}", "net use with a password"),
        (
            f"Cookie: sessionid={alnum(32, LOWER + string.digits)}; csrftoken={alnum(64)}",
            "session cookie header",
        ),
        (
            f"Set-Cookie: JSESSIONID={alnum(32, '0123456789ABCDEF')}; Path=/; HttpOnly",
            "Set-Cookie with a session id",
        ),
        (
            "https://app.example.com/callback#id_token="
            + jwt_like('{"sub":"' + digits(9) + '","aud":"web","exp":1796400000}')
            + f"&state={alnum(16)}",
            "OIDC id_token in a URL fragment",
        ),
        (
            f"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.{b64url(342)}.{b64url(16)}.{b64url(40)}.{b64url(22)}",
            "JWE compact serialisation",
        ),
        (
            f"DATABASE_URL=postgresql+asyncpg://app:{alnum(20)}@db.internal:5432/orders",
            "SQLAlchemy URL with a driver",
        ),
        (f"mysql --password={password(14)} -u root orders", "mysql --password="),
        (f"sshpass -p '{password(14)}' ssh -l deploy bastion.example.com", "sshpass -p"),
        (f"PGPASSWORD={password(18)} pg_dump -h db -U app orders", "PGPASSWORD in a command line"),
        (
            f"az ad sp create-for-rbac --client-secret {alnum(34, ALNUM + '~.-_')}",
            "--client-secret option",
        ),
        (
            f"SECRET_KEY = '{alnum(50, LOWER + string.digits + '!@#$%^&*(-_=+)')}'",
            "Django SECRET_KEY",
        ),
        (f"secret_key_base: {hexs(128)}", "Rails secret_key_base"),
        (f"APP_KEY=base64:{base64.b64encode(rand_bytes(32)).decode()}", "Laravel APP_KEY"),
        (
            f"otpauth://totp/Example:alice?secret={alnum(32, UPPER + '234567')}&issuer=Example",
            "TOTP provisioning URI",
        ),
    ]
    return [(text, "secret", fmt, GEN_SECRET) for text, fmt in rows]


def secret_negatives() -> list[Row]:
    nix = alnum(32, "0123456789abcdfghijklmnpqrsvwxyz")
    rows = [
        ("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "AWS documentation example key"),
        ("Authorization: Bearer {{access_token}}", "template placeholder bearer"),
        (
            f"db_password: ENC[AES256_GCM,data:{b64(16)}=,iv:{b64(43)}=,tag:{b64(22)}==,type:str]",
            "sops-encrypted value",
        ),
        (f"age1{alnum(58, BECH32)}", "age public recipient"),
        (f"PublicKey = {base64.b64encode(rand_bytes(32)).decode()}", "WireGuard public key"),
        (f"npub1{alnum(58, BECH32)}", "Nostr public key (npub)"),
        (
            f"{b58check(bytes.fromhex('0488B21E') + bytes(9) + rand_bytes(32) + bytes([2]) + rand_bytes(32))}",
            "BIP32 extended public key (xpub)",
        ),
        (f"to 0x{hexs(40)}", "Ethereum address"),
        (f"payout address {b58check(bytes([0]) + rand_bytes(20))}", "Bitcoin P2PKH address"),
        (f"tx_hash=0x{hexs(64)}", "Ethereum transaction hash"),
        (f"ipfs://Qm{alnum(44, B58)}", "IPFS CIDv0"),
        (f"golang.org/x/text v0.14.0 h1:{b64(43)}=", "go.sum line"),
        (f'"zh:{hexs(64)}",', "Terraform lock checksum"),
        (f"/nix/store/{nix}-openssl-3.0.13", "Nix store path"),
        (f"Content-Security-Policy: script-src 'nonce-{b64(22)}=='", "CSP nonce"),
        (f'"NextToken": "{b64(160)}"', "AWS pagination token"),
        (f'"VersionId": "{b64(64)}"', "S3 object version id"),
        (f"X-Amzn-Trace-Id: Root=1-{hexs(8)}-{hexs(24)}", "AWS X-Ray trace id"),
        (f"cf-ray: {hexs(16)}-FRA", "Cloudflare Ray id"),
        (f'data-sitekey="6L{b64url(38)}"', "reCAPTCHA site key"),
        (f"posthog.init('phc_{alnum(43)}')", "PostHog project key (public)"),
        (f"https://app.example.com/cb?state={alnum(32)}", "OAuth state parameter"),
        (
            f"client_id={digits(12)}-{alnum(32, LOWER + string.digits)}.apps.googleusercontent.com",
            "Google OAuth client id",
        ),
        ("password=&remember=1", "empty password parameter"),
        (f"eyJhbGciOiJSUzI1NiIsImtpZCI6I{b64url(12)}", "JWT header alone"),
        (
            "data_base64: "
            + base64.b64encode(b'{"event":"page_view","path":"/pricing","ms":412}').decode(),
            "base64 of an event",
        ),
        (
            f"caBundle: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSU{b64(120)}",
            "base64 of a certificate",
        ),
        (
            f"-----BEGIN CERTIFICATE REQUEST-----\\nMIIC{b64(64)}\\n-----END CERTIFICATE REQUEST-----",
            "certificate signing request",
        ),
        (f"main.{hexs(16)}.js", "bundle file with a content hash"),
        (f"Content-MD5: {base64.b64encode(rand_bytes(16)).decode()}", "Content-MD5 header"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


def clean() -> list[Row]:
    ksuid = alnum(27)
    rows = [
        (f"ksuid {ksuid}", "KSUID"),
        (f"id={b64url(21)}", "NanoID"),
        (f'{{"_id":{{"$oid":"{hexs(24)}"}}}}', "MongoDB ObjectId"),
        (f"message {R.choice('1')}{digits(18)} deleted", "Snowflake id"),
        (f"blob {hexs(40)}", "git blob id"),
        (f"blake3 {hexs(64)}", "BLAKE3 digest"),
        ("2.14.0-rc.2+build.5821", "semantic version with pre-release and build"),
        ("v1.29.3-eks-ae9a62a", "Kubernetes server version"),
        ("1:2.38.1-5+deb12u1", "Debian package version"),
        ("20261203T183200Z", "ISO 8601 basic timestamp"),
        (f"ts={R.randint(1_700_000_000, 1_800_000_000)}{digits(9)}", "epoch nanoseconds"),
        ("2026-12-03T18:32:00.123456789+01:00", "RFC 3339 timestamp with nanoseconds"),
        ("2026-W49-4", "ISO week date"),
        ("u33dc0cppjs7", "geohash"),
        ("9F4MGC22+22", "plus code"),
        ("POINT(13.4050 52.5200)", "WKT point"),
        ("52°31'12.0\"N 13°24'18.0\"E", "coordinates in degrees, minutes, seconds"),
        (f"lat=-33.{digits(7)}&lon=151.{digits(7)}", "coordinates with seven decimals"),
        (f"BUILD_ID=20261203-183200-{hexs(7)}", "build id with a date"),
        (
            "google/panther/panther:14/AP2A.240905.003/12231197:user/release-keys",
            "Android build fingerprint",
        ),
        ("3c:22:fb:4a:8e:11", "MAC address, colons"),
        ("3C-22-FB-4A-8E-11", "MAC address, dashes"),
        ("3c22.fb4a.8e11", "MAC address, Cisco dots"),
        ("02:42:ac:ff:fe:11:00:02", "EUI-64"),
        (
            f"Idempotency-Key: {hexs(8)}-{hexs(4)}-4{hexs(3)}-a{hexs(3)}-{hexs(12)}",
            "idempotency key (UUID)",
        ),
        (f"PNR {alnum(6, UPPER + string.digits)}", "booking reference"),
        (f"INV-2026-{digits(6)}", "invoice number with year"),
        ("Python 3.12.7 (main, Oct  1 2024, 08:52:12) [GCC 12.2.0]", "interpreter banner"),
        (f"46359.{digits(5)}", "spreadsheet date serial"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


def rows() -> list[dict[str, str]]:
    data: list[Row] = [
        *emails(),
        *ips(),
        *phones(),
        *cards(),
        *ibans(),
        *national_ids(),
        *secrets(),
        *email_negatives(),
        *ip_negatives(),
        *phone_negatives(),
        *bad_cards(),
        *bad_ibans(),
        *bad_national_ids(),
        *organisations(),
        *secret_negatives(),
        *clean(),
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

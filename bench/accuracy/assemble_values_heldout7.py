#!/usr/bin/env python3
"""Assemble bench/accuracy/values_heldout7.tsv: a seventh held-out split of labelled values.

    python bench/accuracy/assemble_values_heldout7.py

Labelled by the guide in bench/accuracy/README.md and committed before any recogniser ran on
it, in the round that follows it (issue 17, values part, round 7). Measure it with

    python bench/bench_accuracy.py --values bench/accuracy/values_heldout7.tsv --split all

Nothing here comes from the earlier splits' generators (no import of `assemble_values*.py`)
nor from the libraries the recognisers use (phonenumbers, python-stdnum, a secret scanner's
rule set): python-stdnum's module list gave the names of schemes, the check digits are
implemented below from the published rules. Formats and contexts are ones no earlier split
holds:

- national identifiers of 17 schemes no earlier split holds (Belgium's BIS number, the Dutch
  onderwijsnummer, Finland's henkilötunnus with the century signs of 2023, Scotland's CHI
  number, Northern Ireland's H&C number, Peru's CUI, Ecuador's RUC of a natural person,
  Paraguay's RUC, El Salvador's NIT, Guatemala's NIT, South Africa's income tax reference,
  Indonesia's NPWP, the UK's UTR, Taiwan's new resident certificate number, Bulgaria's PNF,
  Ghana's TIN of a person, Mauritius' NID);
- phone numbers of 40 numbering plans no earlier split names (microstates and territories,
  the Pacific, West and Central Africa, the Caribbean, the Guianas, the Middle East), and
  written forms not used before: `wa.me` and `sms:`/`callto:` links, vCard `TEL` lines, bare
  MSISDNs in key=value and as JSON numbers, German DIN pairs with a bracketed area code, a
  pause (`,`) and `#` extension;
- IBANs of 12 countries no earlier split holds (San Marino with its Italian CIN, Mauritania
  with its RIB key, and ten others), cards of brands not used before (Humo, UzCard,
  InstaPayment, InterPayment, LankaPay, Cabal, BORICA) and new contexts (a JSON number, a
  fixed-width record);
- secrets of issuers no earlier split holds (formats as gitleaks' and trufflehog's rules
  describe them, each named in the row's source, random bodies) and containers not used
  before (Maven settings.xml, NuGet.Config, Redis AUTH, ldapsearch -w, smbclient -U,
  xfreerdp /p:, sqlcmd -P, wget --password, wpa_supplicant psk, MYSQL_PWD, Bitwarden and
  Cargo tokens, Snowflake and ClickHouse URLs);
- e-mail and IP addresses in forms not used before (git trailers, Reply-To, `=`/`#`/`!` in a
  local part, `MAILTO:`; 6to4, IPv4-compatible, a percent-encoded zone in a URL, SPF `ip4:`,
  `Received:` brackets, ranges);
- clean values, about a third: company numbers that pass their checks (Swedish
  organisationsnummer, Danish CVR, Norwegian orgnr, Finnish Y-tunnus, Chinese USCC, Korean
  BRN, Canadian BN, Australian ACN, Dutch RSIN, Belgian enterprise number, SEPA creditor
  identifier), payment references (Belgian structured communication, Swedish bankgiro), trade
  and science identifiers (CAS, ISWC, ORCID, CUSIP, SEDOL, UIC wagon numbers, S10 parcel
  numbers, NDC), grid references and coordinates, versions and build numbers, webhook
  signatures, PKCE challenges, WebSocket keys, public JWKs, encrypted and referenced secrets,
  `@` that is not mail, and identifiers, cards and IBANs with wrong check digits.

The seed is fixed; the file is written in a stable order.
"""

from __future__ import annotations

import random
import string
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "values_heldout7.tsv"
COLUMNS = ("value", "expected", "format", "group", "source", "split", "note")
SPLIT = "heldout7"
R = random.Random(20261207)

GEN_ID = "generated: published check-digit rule of the scheme, random digits"
GEN_PHONE = "hand: mobile range of the numbering plan, random subscriber digits"
GEN_CARD = "generated: brand IIN range, random body, Luhn"
GEN_IBAN = "generated: published BBAN shape, random digits, national check, ISO 13616 mod 97"
HAND = "hand: log lines, commands, configuration and headers written for this file"
GITLEAKS = "generated: gitleaks rule {}, random body"
TRUFFLEHOG = "generated: trufflehog detector {}, random body"
VENDOR = "generated: issuer's documented token format ({}), random body"

Row = tuple[str, str, str, str]
"""value, expected, format, source"""

UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits


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
    return alnum(n, ALNUM + "!%*+-.?_~")


def uuid4() -> str:
    return f"{hexs(8)}-{hexs(4)}-4{hexs(3)}-{R.choice('89ab')}{hexs(3)}-{hexs(12)}"


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
    return R.randint(1958, 1999), R.randint(1, 12), R.randint(1, 28)


# -- national identifiers ----------------------------------------------------------------------


def be_bis() -> str:
    """BIS: a national number whose month is raised by 20 or 40; key 97 - n mod 97."""
    y, m, d = birth()
    body = f"{y % 100:02d}{m + R.choice((20, 40)):02d}{d:02d}{R.randint(1, 997):03d}"
    key = 97 - int(body) % 97
    n = f"{body}{key:02d}"
    return f"{n[:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]}.{n[9:]}"


def nl_onderwijsnummer() -> str:
    """Starts with 10; the BSN's 11-proof (9..2, -1) leaves remainder 5."""
    while True:
        body = "10" + digits(6)
        s = sum(w * int(c) for w, c in zip(range(9, 1, -1), body, strict=False))
        for last in range(10):
            if (s - last) % 11 == 5:
                return body + str(last)


HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def fi_hetu_new() -> str:
    """Henkilötunnus with a century sign of 2023 (Y X W V U for the 1900s)."""
    y, m, d = birth()
    serial = R.randint(2, 899)
    n = int(f"{d:02d}{m:02d}{y % 100:02d}{serial:03d}")
    return f"{d:02d}{m:02d}{y % 100:02d}{R.choice('YXWVU')}{serial:03d}{HETU_CHECK[n % 31]}"


def nhs_mod11(body: str) -> str | None:
    s = sum(w * int(c) for w, c in zip(range(10, 1, -1), body, strict=False))
    check = 11 - s % 11
    if check == 11:
        check = 0
    return None if check == 10 else body + str(check)


def scot_chi() -> str:
    while True:
        y, m, d = birth()
        n = nhs_mod11(f"{d:02d}{m:02d}{y % 100:02d}{digits(3)}")
        if n:
            return n


def ni_hc() -> str:
    while True:
        n = nhs_mod11(f"3{R.randint(20, 99)}{digits(6)}")
        if n:
            return n


def pe_cui() -> str:
    dni = digits(8)
    r = sum(w * int(n) for w, n in zip((3, 2, 7, 6, 5, 4, 3, 2), dni, strict=False)) % 11
    return f"{dni}-{'65432110987'[r]}"  # RENIEC's table, indexed by the remainder


def ec_cedula() -> str:
    body = f"{R.randint(1, 24):02d}{R.randint(0, 5)}{digits(6)}"
    s = 0
    for i, c in enumerate(body):
        v = int(c) * (2 if i % 2 == 0 else 1)
        s += v - 9 if v > 9 else v
    return body + str((10 - s % 10) % 10)


def py_ruc() -> str:
    ci = nz_digits(R.choice((6, 7)))
    s = sum(w * int(n) for w, n in zip(range(2, 20), reversed(ci), strict=False))
    check = 11 - s % 11
    return f"{ci}-{0 if check > 9 else check}"


def sv_nit() -> str:
    y, m, d = birth()
    body = f"0{R.randint(1, 9)}{R.randint(10, 20):02d}{d:02d}{m:02d}{y % 100:02d}{R.randint(1, 99):03d}"
    s = sum(w * int(n) for w, n in zip(range(14, 1, -1), body, strict=False))
    check = s % 11 % 10
    return f"{body[:4]}-{body[4:10]}-{body[10:]}-{check}"


def gt_nit() -> str:
    body = nz_digits(R.choice((6, 7)))
    s = sum(w * int(n) for w, n in zip(range(2, 20), reversed(body), strict=False))
    c = -s % 11
    return f"{body}-{'K' if c == 10 else c}"


def za_tin() -> str:
    return luhn_complete(R.choice("0123") + digits(8))


def id_npwp() -> str:
    n = luhn_complete(R.choice("0123456789") + digits(7)) + digits(3) + "000"
    return f"{n[:2]}.{n[2:5]}.{n[5:8]}.{n[8]}-{n[9:12]}.{n[12:]}"


def gb_utr() -> str:
    body = digits(9)
    s = sum(w * int(n) for w, n in zip((6, 7, 8, 9, 10, 5, 4, 3, 2), body, strict=False))
    return "21987654321"[s % 11] + body


TW_LETTER = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17, "I": 34,
    "J": 18, "K": 19, "L": 20, "M": 21, "N": 22, "O": 35, "P": 23, "Q": 24, "R": 25,
    "S": 26, "T": 27, "U": 28, "V": 29, "W": 32, "X": 30, "Y": 31, "Z": 33,
}  # fmt: skip


def tw_new_arc() -> str:
    """The resident certificate number of 2021: a letter, 8 or 9, seven digits, a check."""
    letter = R.choice("ABFGHKM")
    body = R.choice("89") + digits(7)
    code = TW_LETTER[letter]
    s = (
        code // 10
        + 9 * (code % 10)
        + sum(w * int(n) for w, n in zip(range(8, 0, -1), body, strict=False))
    )
    return f"{letter}{body}{-s % 10}"


def bg_pnf() -> str:
    body = digits(9)
    s = sum(w * int(n) for w, n in zip((21, 19, 17, 13, 11, 9, 7, 3, 1), body, strict=False))
    return body + str(s % 10)


def gh_tin() -> str:
    while True:
        body = "00" + digits(7)
        s = sum(i * int(n) for i, n in enumerate(body, start=1))
        c = s % 11
        if c != 10:
            return f"P{body}{c}"


MU_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def mu_nid() -> str:
    y, m, d = birth()
    body = f"{R.choice('ABCDEGHJKLMNPRST')}{d:02d}{m:02d}{y % 100:02d}{digits(6)}"
    s = sum((14 - i) * MU_ALPHABET.index(c) for i, c in enumerate(body))
    return body + MU_ALPHABET[17 - s % 17]


def national_ids() -> list[Row]:
    hetu = fi_hetu_new()
    utr = gb_utr()
    rows = [
        (f"BIS-nummer {be_bis()}", "BE BIS number (key 97, month + 20/40), labelled"),
        (
            f'{{"bis_number":"{be_bis().replace(".", "").replace("-", "")}"}}',
            "BE BIS number in JSON",
        ),
        (f"onderwijsnummer: {nl_onderwijsnummer()}", "NL onderwijsnummer (11-proof, remainder 5)"),
        (
            f"leerling onderwijsnummer={nl_onderwijsnummer()} school=04AB",
            "NL onderwijsnummer, key=value",
        ),
        (f"henkilötunnus {hetu}", "FI henkilötunnus with a 2023 century sign (mod 31)"),
        (f"HETU: {fi_hetu_new()} (potilas)", "FI HETU with a 2023 century sign, short label"),
        (
            f"CHI number {(c := scot_chi())[:6]} {c[6:]}",
            "UK Scotland CHI number (mod 11), labelled",
        ),
        (f"patient chi={scot_chi()}", "UK Scotland CHI number, key=value"),
        (
            f"H&C number {(h := ni_hc())[:3]} {h[3:6]} {h[6:]}",
            "UK Northern Ireland H&C number (mod 11)",
        ),
        (f"DNI {pe_cui()}", "PE CUI: DNI with its check digit, labelled"),
        (f'{{"tipo_doc":"DNI","cui":"{pe_cui()}"}}', "PE CUI in JSON"),
        (
            f"RUC persona natural {ec_cedula()}001",
            "EC RUC of a natural person (cédula mod 10 + 001)",
        ),
        (f"ruc={ec_cedula()}001 contribuyente", "EC RUC of a natural person, key=value"),
        (f"RUC {py_ruc()}", "PY RUC of a person (mod 11)"),
        (f"Cédula/RUC: {py_ruc()} - Asunción", "PY RUC in text"),
        (f"NIT {sv_nit()}", "SV NIT of a person (weights 14..2 mod 11)"),
        (f"NIT: {gt_nit()} (Guatemala)", "GT NIT (mod 11, K)"),
        (f"income tax reference number {za_tin()}", "ZA income tax reference (Luhn), labelled"),
        (f"SARS tax ref: {za_tin()}", "ZA income tax reference, short label"),
        (f"NPWP {id_npwp()}", "ID NPWP of a person (Luhn over 9 digits)"),
        (f'"npwp": "{id_npwp().replace(".", "").replace("-", "")}"', "ID NPWP in JSON, compact"),
        (f"Self Assessment UTR {utr[:5]} {utr[5:]}", "UK UTR (weighted mod 11), labelled"),
        (f"HMRC UTR: {gb_utr()}", "UK UTR, short label"),
        (f"居留證統一證號 {tw_new_arc()}", "TW resident certificate number of 2021 (mod 10)"),
        (f"ARC no. {tw_new_arc()}", "TW resident certificate number, Latin label"),
        (f"ЛНЧ/ПНФ {bg_pnf()}", "BG PNF (weights 21..1 mod 10)"),
        (f"personal number of a foreigner (PNF): {bg_pnf()}", "BG PNF, English label"),
        (f"Ghana TIN {gh_tin()}", "GH TIN of a person (weighted mod 11)"),
        (f"NID {mu_nid()}", "MU national identity card number (mod 17)"),
        (f"Mauritius national identity number: {mu_nid()}", "MU NID, long label"),
    ]
    return [(text, "national_id", fmt, GEN_ID) for text, fmt in rows]


def bad_national_ids() -> list[Row]:
    rows = [
        (f"BIS-nummer {bump(be_bis())}", "BE BIS number with a wrong key"),
        (f"CHI number {bump(scot_chi())}", "UK Scotland CHI with a wrong check digit"),
        (f"DNI {pe_cui()[:-1]}X", "PE CUI with a letter that is not a check"),
        (f"HMRC UTR: {bump(gb_utr(), 0)}", "UK UTR with a wrong check digit"),
        (f"NPWP {bump(id_npwp(), 9)}", "ID NPWP with a wrong check digit"),
        (
            f"onderwijsnummer: {bump(nl_onderwijsnummer())}",
            "NL onderwijsnummer with a wrong check digit",
        ),
        (
            f"NID {(m := mu_nid())[:-1]}{MU_ALPHABET[(MU_ALPHABET.index(m[-1]) + 5) % 17]}",
            "MU NID with a wrong check character",
        ),
    ]
    return [(text, "none", fmt, GEN_ID) for text, fmt in rows]


# -- company and payment identifiers (clean) -------------------------------------------------


def se_orgnr() -> str:
    n = luhn_complete(f"55{R.randint(6, 9)}{digits(6)}")
    return f"{n[:6]}-{n[6:]}"


def dk_cvr() -> str:
    while True:
        body = nz_digits(7)
        s = sum(w * int(n) for w, n in zip((2, 7, 6, 5, 4, 3, 2), body, strict=False))
        c = -s % 11
        if c < 10:
            return body + str(c)


def no_orgnr() -> str:
    while True:
        body = R.choice("89") + digits(7)
        s = sum(w * int(n) for w, n in zip((3, 2, 7, 6, 5, 4, 3, 2), body, strict=False))
        c = -s % 11
        if c < 10:
            return body + str(c)


def fi_ytunnus() -> str:
    while True:
        body = digits(7)
        s = sum(w * int(n) for w, n in zip((7, 9, 10, 5, 8, 4, 2), body, strict=False))
        c = -s % 11
        if c != 1:
            return f"{body}-{c if c != 10 else 0}" if c < 10 else f"{body}-0"


USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def cn_uscc() -> str:
    body = f"91{R.choice(['110', '310', '440', '330'])}{digits(3)}" + alnum(
        9, "0123456789ABCDEFGHJKLMNPQRTUWXY"
    )
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    s = sum(w * USCC.index(c) for w, c in zip(weights, body, strict=False))
    return body + USCC[-s % 31]


def kr_brn() -> str:
    body = f"{R.randint(101, 899)}{R.randint(81, 88)}{digits(4)}"
    w = (1, 3, 7, 1, 3, 7, 1, 3, 5)
    s = sum(a * int(b) for a, b in zip(w, body, strict=False)) + (5 * int(body[8])) // 10
    n = body + str(-s % 10)
    return f"{n[:3]}-{n[3:5]}-{n[5:]}"


def au_acn() -> str:
    body = digits(8)
    s = sum(w * int(n) for w, n in zip(range(8, 0, -1), body, strict=False))
    return f"{body[:3]} {body[3:6]} {body[6:]}{-s % 10}"


def nl_rsin() -> str:
    while True:
        body = "8" + digits(7)
        s = sum(w * int(n) for w, n in zip(range(9, 1, -1), body, strict=False))
        c = s % 11
        if c < 10:
            return body + str(c)


def be_enterprise() -> str:
    body = "0" + R.choice("4789") + digits(6)
    n = body + f"{97 - int(body) % 97:02d}"
    return f"{n[:4]}.{n[4:7]}.{n[7:]}"


def sepa_creditor_id() -> str:
    national = digits(11)
    numeric = "".join(str(int(c, 36)) for c in national + "DE00")
    return f"DE{98 - int(numeric) % 97:02d}ZZZ{national}"


def be_ogm() -> str:
    body = digits(10)
    c = int(body) % 97 or 97
    n = body + f"{c:02d}"
    return f"+++{n[:3]}/{n[3:7]}/{n[7:]}+++"


def cas_number() -> str:
    body = str(R.randint(50, 99999)) + digits(2)
    s = sum(i * int(c) for i, c in enumerate(reversed(body), start=1))
    return f"{body[:-2]}-{body[-2:]}-{s % 10}"


def orcid() -> str:
    body = "0000000" + digits(8)
    total = 0
    for c in body:
        total = (total + int(c)) * 2
    c = (12 - total % 11) % 11
    n = body + ("X" if c == 10 else str(c))
    return "-".join(n[i : i + 4] for i in range(0, 16, 4))


def cusip() -> str:
    body = digits(6) + alnum(2, UPPER + string.digits)
    s = 0
    for i, ch in enumerate(body):
        v = int(ch) if ch.isdigit() else ord(ch) - 55
        if i % 2:
            v *= 2
        s += v // 10 + v % 10
    return body + str(-s % 10)


def sedol() -> str:
    body = R.choice("BCDFG") + alnum(5, "0123456789BCDFGHJKLMNPQRSTVWXYZ")
    s = sum(
        w * (int(c) if c.isdigit() else ord(c) - 55)
        for w, c in zip((1, 3, 1, 7, 3, 9), body, strict=False)
    )
    return body + str(-s % 10)


def uic_wagon() -> str:
    n = luhn_complete(f"3180{digits(7)}")
    return f"{n[:2]} {n[2:4]} {n[4:8]} {n[8:11]}-{n[11]}"


def s10(country: str) -> str:
    body = digits(8)
    s = sum(w * int(n) for w, n in zip((8, 6, 4, 2, 3, 5, 9, 7), body, strict=False))
    c = 11 - s % 11
    c = 0 if c == 10 else 5 if c == 11 else c
    return f"{R.choice(['RR', 'LX', 'CP', 'EE'])}{body}{c}{country}"


def organisations() -> list[Row]:
    rows = [
        (f"organisationsnummer {se_orgnr()}", "SE organisationsnummer (Luhn)"),
        (f"CVR-nr. {dk_cvr()}", "DK CVR (weighted mod 11)"),
        (
            f"Org.nr: {(o := no_orgnr())[:3]} {o[3:6]} {o[6:]} MVA",
            "NO organisasjonsnummer (mod 11)",
        ),
        (f"Y-tunnus {fi_ytunnus()}", "FI Y-tunnus (mod 11)"),
        (f"统一社会信用代码 {cn_uscc()}", "CN unified social credit code (mod 31)"),
        (f"사업자등록번호 {kr_brn()}", "KR business registration number"),
        (f"BN {luhn_complete(digits(8))} RT0001", "CA business number (Luhn) with program account"),
        (f"ACN {au_acn()}", "AU ACN (weighted mod 10)"),
        (f"RSIN {nl_rsin()}", "NL RSIN (11-proof) of a legal entity"),
        (f"ondernemingsnummer {be_enterprise()}", "BE enterprise number (mod 97)"),
        (f"Gläubiger-ID {sepa_creditor_id()}", "SEPA creditor identifier (mod 97)"),
        (f"mededeling {be_ogm()}", "BE structured communication (mod 97)"),
        (f"Bankgiro {(bg := luhn_complete(digits(7)))[:4]}-{bg[4:]}", "SE bankgiro number (Luhn)"),
        (f"OCR-nummer {luhn_complete(digits(11))}", "SE OCR payment reference (Luhn)"),
        (f"CAS {cas_number()}", "CAS registry number"),
        (f"https://orcid.org/{orcid()}", "ORCID iD (ISO 7064 mod 11-2)"),
        (f"CUSIP {cusip()}", "CUSIP"),
        (f"SEDOL {sedol()}", "SEDOL"),
        (f"Wagen {uic_wagon()}", "UIC wagon number (Luhn)"),
        (f"tracking {s10('GB')}", "UPU S10 parcel number"),
        (f"ISWC T-{digits(3)}.{digits(3)}.{digits(3)}-{digits(1)}", "ISWC"),
        (f"NDC {digits(5)}-{digits(4)}-{digits(2)}", "NDC drug code"),
        (
            f"RFC de la empresa: {alnum(3, UPPER)}{R.randint(70, 99)}0{R.randint(1, 9)}1{R.randint(0, 9)}{alnum(3, UPPER + string.digits)}",
            "MX RFC of a company (12 characters)",
        ),
        (f"CUIT 30-{digits(8)}-{digits(1)} (S.A.)", "AR CUIT shape of a company"),
    ]
    return [(text, "none", fmt, GEN_ID) for text, fmt in rows]


# -- phones --------------------------------------------------------------------------------------


def sub(n: int) -> str:
    return R.choice("23456789") + digits(n - 1)


def phones() -> list[Row]:
    s = sub
    rows = [
        (f"+299 {R.choice('245')}{s(1)} {s(2)} {s(2)}", "GL mobile, E.164"),
        (f"+298 {R.choice('2579')}{s(2)} {s(3)}", "FO mobile, E.164"),
        (f"+350 5{R.choice('4678')}{s(3)} {s(3)}", "GI mobile, E.164"),
        (f"+378 66 {s(6)}", "SM mobile, E.164"),
        (f"+423 7{R.choice('89')}{s(1)} {s(2)} {s(2)}", "LI mobile, E.164"),
        (f"+383 4{R.choice('4589')} {s(3)} {s(3)}", "XK mobile, E.164"),
        (f"+993 6{R.choice('1235')} {s(2)} {s(2)} {s(2)}", "TM mobile, E.164"),
        (f"+975 17 {s(2)} {s(2)} {s(2)}", "BT mobile, E.164"),
        (f"+960 7{R.choice('2345679')}{s(1)}-{s(4)}", "MV mobile, E.164 dashed"),
        (f"+95 9 7{R.choice('5')}{s(1)} {s(3)} {s(3)}", "MM mobile, E.164"),
        (f"+670 77{s(2)} {s(4)}", "TL mobile, E.164"),
        (f"+675 7{R.choice('0123')}{s(2)} {s(4)}", "PG mobile, E.164"),
        (f"+685 7{R.choice('2567')} {s(5)}", "WS mobile, E.164"),
        (f"+676 8{R.choice('4789')}{s(1)} {s(4)}", "TO mobile, E.164"),
        (f"+687 {R.choice('789')}{s(1)}.{s(2)}.{s(2)}", "NC mobile, dotted"),
        (f"+689 87 {s(2)} {s(2)} {s(2)}", "PF mobile, E.164"),
        (f"+262 692 {s(2)} {s(2)} {s(2)}", "RE mobile, E.164"),
        (f"Martinique : 0696 {s(2)} {s(2)} {s(2)}", "MQ mobile, national, region named"),
        (f"+590 690 {s(2)} {s(2)} {s(2)}", "GP mobile, E.164"),
        (f"+594 694 {R.choice('23')}{s(1)} {s(2)} {s(2)}", "GF mobile, E.164"),
        (f"+230 5{R.choice('4789')}{s(2)} {s(4)}", "MU mobile, E.164"),
        (f"+248 2 {R.choice('5678')}{s(1)} {s(2)} {s(2)}", "SC mobile, E.164"),
        (f"+265 99{R.choice('12345')} {s(2)} {s(2)} {s(2)}", "MW mobile, E.164"),
        (f"+266 5{R.choice('78')}{s(2)} {s(4)}", "LS mobile, E.164"),
        (f"+268 7{R.choice('689')}{s(2)} {s(4)}", "SZ mobile, E.164"),
        (f"+220 7{R.choice('0')}{s(2)} {s(3)}", "GM mobile, E.164"),
        (f"+224 62{s(1)} {s(2)} {s(2)} {s(2)}", "GN mobile, E.164"),
        (f"+232 76 {s(6)}", "SL mobile, E.164"),
        (f"+231 77 {s(3)} {s(4)}", "LR mobile, E.164"),
        (f"+228 9{R.choice('0123')} {s(2)} {s(2)} {s(2)}", "TG mobile, E.164"),
        (f"+226 7{R.choice('0')} {s(2)} {s(2)} {s(2)}", "BF mobile, E.164"),
        (f"+227 9{R.choice('0')} {s(2)} {s(2)} {s(2)}", "NE mobile, E.164"),
        (f"+241 07 {s(2)} {s(2)} {s(2)}", "GA mobile, E.164"),
        (f"+243 81 {s(3)} {s(4)}", "CD mobile, E.164"),
        (f"+252 61 {s(7)}", "SO mobile, E.164"),
        (f"+253 77 {s(2)} {s(2)} {s(2)}", "DJ mobile, E.164"),
        (f"+222 {R.choice('234')}{s(3)} {s(4)}", "MR mobile, E.164"),
        (f"+238 9{R.choice('59')}{s(1)} {s(2)} {s(2)}", "CV mobile, E.164"),
        (f"+967 7{R.choice('1378')} {s(3)} {s(4)}", "YE mobile, E.164"),
        (f"+970 59{R.choice('2789')} {s(3)} {s(3)}", "PS mobile, E.164"),
        (f"+501 6{R.choice('0123')}{s(1)}-{s(4)}", "BZ mobile, E.164 dashed"),
        (f"+592 6{R.choice('0123')}{s(1)} {s(4)}", "GY mobile, E.164"),
        (f"+597 8{R.choice('5678')}{s(1)}-{s(4)}", "SR mobile, E.164 dashed"),
        (f"+509 3{R.choice('14678')} {s(2)} {s(4)}", "HT mobile, E.164"),
        (f"+1 (441) {R.choice('35')}{s(2)}-{s(4)}", "BM NANP, bracketed area code"),
        (f"+1 345 {R.choice(['323', '516', '525', '926'])} {s(4)}", "KY NANP, E.164"),
        (f"+297 {R.choice(['56', '59', '64', '69', '73'])}{s(1)} {s(4)}", "AW mobile, E.164"),
        (f"https://wa.me/22{'0'}7{s(6)}?text=hola", "GM mobile in a wa.me link"),
        (
            f'<a href="sms:+26269{R.choice("2")}{s(6)}?body=code">SMS</a>',
            "RE mobile in an sms: link",
        ),
        (f"callto:+2305{R.choice('7')}{s(6)}", "MU mobile in a callto: link"),
        (
            f"TEL;TYPE=CELL:+594 694 {R.choice('23')}{s(1)} {s(2)} {s(2)}",
            "GF mobile in a vCard TEL line",
        ),
        (f"msisdn=23276{s(6)} status=DELIVRD", "SL MSISDN without + in a log line"),
        (
            f'{{"to": 26599{R.choice("12345")}{s(6)}, "channel": "sms"}}',
            "MW MSISDN as a JSON number",
        ),
        (
            f"Tel. (0 30) {s(2)} {s(2)} {s(2)} {s(1)}",
            "DE Berlin landline, DIN pairs, bracketed area code",
        ),
        (
            f"dial +1 242 {R.choice('35')}{s(2)} {s(4)},,{s(4)}",
            "BS NANP with a pause and extension digits",
        ),
        (f"+1 (246) {R.choice('2458')}{s(2)}-{s(4)} #{s(3)}", "BB NANP with # extension"),
        (
            f"Mobil: 01{R.choice('57')}{R.choice('12')} / {s(3)} {s(3)} {s(2)}",
            "DE mobile, slash and pairs",
        ),
        (f"+44 (0) 7700 900 {s(3)}", "GB drama mobile, trunk in brackets, 4-3-3"),
        (f"0491 570 {R.choice('156')}{s(2)} (AU)", "AU drama mobile, region after the number"),
    ]
    return [(text, "phone", fmt, GEN_PHONE) for text, fmt in rows]


def phone_negatives() -> list[Row]:
    rows = [
        (f"Amazon order {R.randint(111, 114)}-{digits(7)}-{digits(7)}", "Amazon order number"),
        (f"eBay order {digits(2)}-{digits(5)}-{digits(5)}", "eBay order number"),
        (f"grid ref TQ {digits(5)} {digits(5)}", "OSGB grid reference"),
        (f"UTM 33U {digits(6)} {digits(7)}", "UTM coordinates"),
        (f"docket 1:{R.randint(20, 26)}-cv-{digits(5)}", "US court docket number"),
        (
            f"sort code {digits(2)}-{digits(2)}-{digits(2)} account ending {digits(4)}",
            "UK sort code and last digits",
        ),
        (f"BSB 0{digits(2)}-{digits(3)}", "AU BSB"),
        (f"patent US {R.randint(10, 12)},{digits(3)},{digits(3)} B2", "US patent number"),
        (f"EP {digits(1)} {digits(3)} {digits(3)} A1", "EP publication number"),
        (f"IMSI {R.choice(['262', '208', '310'])}0{digits(11)}", "IMSI"),
        (
            f"call duration 00:{R.randint(10, 59)}:{R.randint(10, 59)}, {R.randint(100, 999)} kB",
            "call duration",
        ),
        (f"HS code {digits(4)}.{digits(2)}.{digits(4)}", "HS tariff code"),
        (f"MMSI {R.choice('2345')}{digits(8)}", "MMSI of a ship"),
        (f"room 3-{digits(3)}, building {digits(2)}", "room number"),
        (f"ISMN 979-0-{digits(4)}-{digits(4)}-{digits(1)}", "ISMN"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


# -- cards and IBANs ----------------------------------------------------------------------------


def card(prefix: str, length: int) -> str:
    return luhn_complete(prefix + digits(length - len(prefix) - 1))


def group4(number: str, sep: str = " ") -> str:
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


def cards() -> list[Row]:
    rows = [
        (f"Humo {group4(card('9860', 16))}", "Humo 9860, 4-4-4-4"),
        (f"karta: {card('8600', 16)}", "UzCard 8600, compact"),
        (
            f"InstaPayment {group4(card(str(R.randint(637, 639)), 16), '-')}",
            "InstaPayment 637-639, dashes",
        ),
        (f"card {card('636', 16)} (InterPayment)", "InterPayment 636, compact"),
        (f"LankaPay {group4(card('357111', 16))}", "LankaPay 357111"),
        (f"tarjeta Cabal {group4(card('6042' + str(R.randint(1, 2)), 16))}", "Cabal 6042, 4-4-4-4"),
        (f"BORICA {card('2205', 16)}", "BORICA 2205 in text"),
        (f'{{"pan": {card("4", 16)}, "exp": "0829"}}', "Visa as a JSON number"),
        (
            f"0042 {card('5' + str(R.randint(1, 5)), 16)} 0829 JOHN SMITH          ",
            "Mastercard in a fixed-width record",
        ),
        (f"Amex: {(a := card('34', 15))[:4]}.{a[4:10]}.{a[10:]}", "Amex 4-6-5 dotted"),
    ]
    return [(text, "card", fmt, GEN_CARD) for text, fmt in rows]


def bad_cards() -> list[Row]:
    rows = [
        (f"Humo {group4(bump(card('9860', 16)))}", "Humo shape failing Luhn"),
        (
            f"loyalty card {group4(card('7' + digits(1), 16))}",
            "loyalty card, Luhn-valid, no payment brand",
        ),
        (f"gift card 6006 {digits(4)} {digits(4)} {digits(4)}", "gift card number"),
        (f"card 4{digits(3)} **** **** {digits(4)}", "masked card number"),
        (f"BIN {card('4', 6)} range", "card BIN alone"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


def alnum_value(ch: str) -> int:
    return int(ch, 36)


def iban(country: str, bban: str) -> str:
    numeric = "".join(str(alnum_value(c)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def grouped(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


CIN_ODD = (
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
)


def italian_cin(body: str) -> str:
    s = 0
    for i, ch in enumerate(body):
        v = int(ch) if ch.isdigit() else ord(ch) - 65
        s += CIN_ODD[v] if i % 2 == 0 else v
    return chr(65 + s % 26)


def sm_bban() -> str:
    body = digits(5) + digits(5) + digits(12)
    return italian_cin(body) + body


def rib_bban(bank_len: int = 5) -> str:
    bank, branch, account = digits(bank_len), digits(5), digits(11)
    key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    return f"{bank}{branch}{account}{key:02d}"


def ibans() -> list[Row]:
    sm = iban("SM", sm_bban())
    rows = [
        (f"IBAN {grouped(sm)}", "SM IBAN, grouped (Italian CIN)"),
        (f"beneficiary_iban={iban('MR', rib_bban())}", "MR IBAN (RIB key), key=value"),
        (f"IBAN {grouped(iban('BI', digits(23)))}", "BI IBAN, grouped"),
        (f'"iban":"{iban("DJ", digits(23))}"', "DJ IBAN in JSON"),
        (f"virement vers {iban('ST', digits(21))}", "ST IBAN in text"),
        (f"IBAN: {grouped(iban('TL', digits(19)))}", "TL IBAN, grouped"),
        (f"{iban('FK', alnum(2, UPPER) + digits(12))} (Falklands)", "FK IBAN, compact"),
        (f"<IBAN>{iban('NI', alnum(4, UPPER) + digits(20))}</IBAN>", "NI IBAN in XML"),
        (f"Cuenta IBAN {grouped(iban('HN', alnum(4, UPPER) + digits(20)))}", "HN IBAN, grouped"),
        (f"OM IBAN {iban('OM', digits(3) + alnum(16, UPPER + string.digits))}", "OM IBAN, compact"),
        (f"iban={iban('SO', digits(19))}&amount=120", "SO IBAN in a URL query"),
        (
            f"حساب {grouped(iban('YE', alnum(4, UPPER) + digits(4) + digits(18)))}",
            "YE IBAN after an Arabic word",
        ),
    ]
    return [(text, "iban", fmt, GEN_IBAN) for text, fmt in rows]


def bad_ibans() -> list[Row]:
    def wrong(country: str, bban: str) -> str:
        good = iban(country, bban)
        check = int(good[2:4])
        return f"{country}{(check + R.randint(1, 9)) % 97:02d}{bban}"

    rows = [
        (f"IBAN {grouped(wrong('SM', sm_bban()))}", "SM IBAN shape, wrong check digits"),
        (f"IBAN: {wrong('TL', digits(19))}", "TL IBAN shape, wrong check digits"),
        (f"iban={wrong('BI', digits(23))}", "BI IBAN shape, wrong check digits"),
    ]
    return [(text, "none", fmt, GEN_IBAN) for text, fmt in rows]


# -- secrets -------------------------------------------------------------------------------------


def secrets() -> list[Row]:
    rows: list[tuple[str, str, str]] = [
        (
            f"GH_REFRESH=ghr_{alnum(36)}",
            "GitHub refresh token",
            GITLEAKS.format("github-refresh-token"),
        ),
        (
            f"Authorization: token ghu_{alnum(36)}",
            "GitHub user-to-server token header",
            GITLEAKS.format("github-app-token"),
        ),
        (
            f"feed_token=glft-{b64url(20)}",
            "GitLab feed token",
            GITLEAKS.format("gitlab-feed-token"),
        ),
        (
            f"CI_JOB_TOKEN=glcbt-{alnum(2, 'abcdef0123456789')}_{b64url(20)}",
            "GitLab CI build token",
            GITLEAKS.format("gitlab-cicd-job-token"),
        ),
        (
            f"incoming_email_token: glimt-{alnum(25, LOWER + string.digits)}",
            "GitLab incoming mail token",
            GITLEAKS.format("gitlab-incoming-mail-token"),
        ),
        (
            f"scim token glsoat-{alnum(20)}",
            "GitLab SCIM token",
            GITLEAKS.format("gitlab-scim-token"),
        ),
        (
            f"hubspot: pat-na1-{uuid4()}",
            "HubSpot private app token",
            TRUFFLEHOG.format("HubSpotAPIKey (pat-na1)"),
        ),
        (
            f"oc login --token=sha256~{b64url(43)}",
            "OpenShift user token in a command line",
            GITLEAKS.format("openshift-user-token"),
        ),
        (
            f"MAXMIND_LICENSE_KEY={alnum(6)}_{alnum(29)}_mmk",
            "MaxMind license key",
            GITLEAKS.format("maxmind-license-key"),
        ),
        (
            f"mysql://{alnum(10, LOWER)}:pscale_pw_{b64url(43)}@aws.connect.psdb.cloud/app",
            "PlanetScale password in a URL",
            GITLEAKS.format("planetscale-password"),
        ),
        (
            f"PLANETSCALE_OAUTH_TOKEN=pscale_oauth_{b64url(43)}",
            "PlanetScale OAuth token",
            GITLEAKS.format("planetscale-oauth-token"),
        ),
        (f"twilio api key SK{hexs(32)}", "Twilio API key", GITLEAKS.format("twilio-api-key")),
        (
            f'"client_secret": "p8e-{alnum(32, LOWER + string.digits)}"',
            "Adobe client secret",
            GITLEAKS.format("adobe-client-secret"),
        ),
        (
            f"BEAMER_API_KEY=b_{alnum(44, LOWER + string.digits + '_-')}",
            "Beamer API token",
            GITLEAKS.format("beamer-api-token"),
        ),
        (
            f"s-s4t2ud-{hexs(64)}",
            "Intra42 client secret, bare",
            GITLEAKS.format("intra42-client-secret"),
        ),
        (
            f"settlemint token sm_pat_{alnum(16)}",
            "SettleMint personal access token",
            GITLEAKS.format("settlemint-personal-access-token"),
        ),
        (
            f"authress_{alnum(10, LOWER + string.digits)}.{alnum(5, LOWER + string.digits)}.acc_{alnum(16, LOWER + string.digits)}.{b64(64)}",
            "Authress service client key",
            GITLEAKS.format("authress-service-client-access-key"),
        ),
        (
            f"GOCARDLESS_ACCESS_TOKEN=live_{b64url(40)}",
            "GoCardless live access token",
            GITLEAKS.format("gocardless-api-token"),
        ),
        (f"lob_api_key: live_{hexs(35)}", "Lob live API key", GITLEAKS.format("lob-api-key")),
        (
            f"X-Shopify-Access-Token: shppa_{hexs(32)}",
            "Shopify private app password",
            GITLEAKS.format("shopify-private-app-access-token"),
        ),
        (
            f"shpca_{hexs(32)}",
            "Shopify custom app access token, bare",
            GITLEAKS.format("shopify-custom-access-token"),
        ),
        (
            f"SLACK_CONFIG_TOKEN=xoxe.xoxp-1-{alnum(164, UPPER + string.digits)}",
            "Slack configuration access token",
            GITLEAKS.format("slack-config-access-token"),
        ),
        (
            f"refresh_token=dor_v1_{hexs(64)}",
            "DigitalOcean OAuth refresh token",
            GITLEAKS.format("digitalocean-refresh-token"),
        ),
        (
            f"newrelic browser NRJS-{hexs(19)}",
            "New Relic browser API token",
            GITLEAKS.format("new-relic-browser-api-token"),
        ),
        (
            f"BUNDLE_ENTERPRISE__CONTRIBSYS__COM={hexs(8)}:{hexs(8)}",
            "Sidekiq Enterprise credentials",
            GITLEAKS.format("sidekiq-secret"),
        ),
        (
            f"https://{hexs(8)}:{hexs(8)}@gems.contribsys.com/",
            "Sidekiq sensitive URL",
            GITLEAKS.format("sidekiq-sensitive-url"),
        ),
        (
            f"LANGFUSE_SECRET_KEY=sk-lf-{uuid4()}",
            "Langfuse secret key",
            TRUFFLEHOG.format("Langfuse"),
        ),
        (
            f"SUPABASE_SECRET_KEY=sb_secret_{b64url(31)}",
            "Supabase secret API key",
            VENDOR.format("Supabase API keys, sb_secret_"),
        ),
        (
            f"WANDB_API_KEY={hexs(40)}",
            "Weights & Biases API key",
            TRUFFLEHOG.format("WeightsAndBiases"),
        ),
        (f"api-key: {hexs(32)}", "Azure OpenAI key header", TRUFFLEHOG.format("AzureOpenAI")),
        (
            f"BWS_ACCESS_TOKEN=0.{uuid4()}.{alnum(30)}:{b64(22)}==",
            "Bitwarden Secrets Manager access token",
            VENDOR.format("Bitwarden Secrets Manager machine account token"),
        ),
        (
            f'[registry]\ntoken = "cio{alnum(32)}"'.replace("\n", " "),
            "crates.io token in cargo credentials",
            VENDOR.format("crates.io API token, cio prefix"),
        ),
        (f"COHERE_API_KEY={alnum(40)}", "Cohere API key", GITLEAKS.format("cohere-api-token")),
        (f"MISTRAL_API_KEY={alnum(32)}", "Mistral API key", TRUFFLEHOG.format("Mistral")),
        (f"FRESHDESK_API_KEY={alnum(20)}", "Freshdesk API key", TRUFFLEHOG.format("Freshdesk")),
        (
            f"PAGERDUTY_TOKEN=u+{b64url(18)}",
            "PagerDuty user token",
            TRUFFLEHOG.format("PagerDutyApiKey"),
        ),
        (f"opsgenie apiKey: {uuid4()}", "Opsgenie API key", TRUFFLEHOG.format("Opsgenie")),
        (f"snyk_token = {uuid4()}", "Snyk API token", GITLEAKS.format("snyk-api-token")),
        (f"EXPO_TOKEN={b64url(40)}", "Expo access token", VENDOR.format("Expo robot access token")),
        (
            f"<server><id>nexus</id><username>deploy</username><password>{password(16)}</password></server>",
            "Maven settings.xml password",
            HAND,
        ),
        (
            f'<add key="ClearTextPassword" value="{password(18)}" />',
            "NuGet.Config ClearTextPassword",
            HAND,
        ),
        (f"redis-cli -h cache.internal -a '{password(20)}' PING", "redis-cli -a password", HAND),
        (f"AUTH default {password(24)}", "Redis AUTH command", HAND),
        (
            f'ldapsearch -x -D "cn=admin,dc=example,dc=org" -w {password(14)} -b dc=example,dc=org',
            "ldapsearch -w password",
            HAND,
        ),
        (
            f"smbclient //fs01/share -U svc_backup%{password(14)}",
            "smbclient -U user%password",
            HAND,
        ),
        (f"xfreerdp /v:10.0.0.5 /u:admin /p:{password(14)}", "xfreerdp /p: password", HAND),
        (f'sqlcmd -S db01 -U sa -P {password(16)} -Q "SELECT 1"', "sqlcmd -P password", HAND),
        (
            f"wget --user=deploy --password={password(14)} https://repo.example.com/a.tgz",
            "wget --password",
            HAND,
        ),
        (f'network={{ ssid="HomeNet" psk="{password(16)}" }}', "wpa_supplicant psk", HAND),
        (f"MYSQL_PWD={password(16)} mysqldump app", "MYSQL_PWD environment variable", HAND),
        (
            f"snowflake://etl_user:{password(16)}@xy12345.eu-central-1/analytics",
            "Snowflake URL with a password",
            HAND,
        ),
        (
            f"clickhouse://default:{password(16)}@ch.internal:9000/default",
            "ClickHouse URL with a password",
            HAND,
        ),
        (f"smb://WORKGROUP;alice:{password(12)}@nas.local/share", "SMB URL with a password", HAND),
        (f"spring.datasource.password={password(16)}", "Java properties datasource password", HAND),
        (f"vnc password: {password(8)} (viewer)", "VNC password in text", HAND),
        (
            f'{{"type":"service_account","private_key_id":"{hexs(40)}","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE{b64(60)}\\n-----END PRIVATE KEY-----\\n"}}',
            "service account JSON with an escaped PKCS#8 key",
            HAND,
        ),
        (
            f"-----BEGIN DSA PRIVATE KEY----- MIIBu{b64(60)} -----END DSA PRIVATE KEY-----",
            "DSA private key block on one line",
            HAND,
        ),
        (
            f"https://hooks.zapier.com/hooks/catch/{digits(7)}/{alnum(6, LOWER + string.digits)}/",
            "Zapier webhook URL",
            TRUFFLEHOG.format("ZapierWebhook"),
        ),
        (
            f"https://outlook.office.com/webhook/{uuid4()}@{uuid4()}/IncomingWebhook/{hexs(32)}/{uuid4()}",
            "Office 365 connector webhook URL",
            GITLEAKS.format("microsoft-teams-webhook (legacy host)"),
        ),
        (
            f"https://api.telegram.org/bot{R.randint(10**8, 10**10)}:AA{b64url(33)}/sendMessage",
            "Telegram bot token in an API URL",
            HAND,
        ),
    ]
    return [(text, "secret", fmt, source) for text, fmt, source in rows]


def secret_negatives() -> list[Row]:
    rows = [
        (f"X-Hub-Signature-256: sha256={hexs(64)}", "webhook signature header"),
        (f"code_challenge={b64url(43)}&code_challenge_method=S256", "PKCE code challenge"),
        (f"Sec-WebSocket-Key: {b64(22)}==", "WebSocket key"),
        (f"Sec-WebSocket-Accept: {b64(27)}=", "WebSocket accept"),
        (f'{{"kty":"EC","crv":"P-256","x":"{b64url(43)}","y":"{b64url(43)}"}}', "public JWK (EC)"),
        (f'{{"kty":"RSA","e":"AQAB","kid":"{hexs(16)}","n":"{b64url(342)}"}}', "public JWK (RSA)"),
        (f"password: ENC({b64(32)})", "Jasypt-encrypted value"),
        (f"spring.datasource.password={{cipher}}{hexs(64)}", "Spring Cloud Config cipher"),
        (f"vault:v1:{b64(48)}", "Vault transit ciphertext"),
        ("db_password: op://prod/postgres/password", "1Password secret reference"),
        (
            f"arn:aws:secretsmanager:eu-west-1:{digits(12)}:secret:prod/db-{alnum(6)}",
            "Secrets Manager ARN",
        ),
        ("projects/my-project/secrets/db-pass/versions/latest", "GCP Secret Manager resource name"),
        ("password: {{ .Values.postgres.password }}", "Helm template placeholder"),
        ("token=${{ secrets.GITHUB_TOKEN }}", "GitHub Actions secret expression"),
        ("PASSWORD=%(db_password)s", "Python format placeholder"),
        ("api_key=<YOUR_API_KEY_HERE>", "angle-bracket placeholder"),
        ("Authorization: Bearer xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "placeholder bearer of x"),
        (f'mixpanel.init("{hexs(32)}")', "Mixpanel project token (public)"),
        (
            f"gtag('config', 'G-{alnum(10, UPPER + string.digits)}')",
            "Google Analytics measurement id",
        ),
        (f"firebase appId 1:{digits(12)}:web:{hexs(22)}", "Firebase app id (public)"),
        (f"magnet:?xt=urn:btih:{hexs(40)}&dn=ubuntu.iso", "BitTorrent info hash"),
        (f"ja4=t13d1516h2_{hexs(12)}_{hexs(12)}", "JA4 fingerprint"),
        (f"SHA256:{b64(43)} (ED25519)", "SSH key fingerprint"),
        (f"ipfs://bafybei{alnum(52, LOWER + '234567')}", "IPFS CIDv1"),
        (f"docker image id sha256:{hexs(64)}", "container image id"),
        (f"x-amz-content-sha256: {hexs(64)}", "S3 payload hash header"),
        (f'ETag: W/"{hexs(8)}-{alnum(27)}"', "weak ETag"),
        (f"tlsh T1{hexs(70).upper()}", "TLSH digest"),
        (f"ssdeep 3072:{b64(40)}:{b64(20)}", "ssdeep digest"),
        (f"yt video {b64url(11)} watched", "YouTube video id"),
        (
            f"slack channel C0{alnum(8, UPPER + string.digits)} user U0{alnum(8, UPPER + string.digits)}",
            "Slack ids",
        ),
        (f"go pseudo-version v0.0.0-20241203211611-{hexs(12)}", "Go pseudo-version"),
        (f"pk-lf-{uuid4()}", "Langfuse public key"),
        (f"sb_publishable_{b64url(31)}", "Supabase publishable key"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


# -- e-mail and IP -------------------------------------------------------------------------------


def emails() -> list[Row]:
    rows = [
        (
            f"Signed-off-by: Ines Duarte <ines.duarte{digits(2)}@example.pt>",
            "git Signed-off-by trailer",
        ),
        (f"Reply-To: sales+{alnum(4, LOWER)}@example.co.jp", "Reply-To header with a tag"),
        (f"contact: first=last{digits(2)}@example.org", "= in the local part"),
        (f"alias #ops{digits(2)}@example.net forwards", "# in the local part"),
        (f"MAILTO:KARIN.BERG{digits(2)}@EXAMPLE.SE", "upper-case MAILTO: URI"),
        (f"X-Original-To: k.tanaka{digits(2)}@example.ne.jp", "X-Original-To header"),
        (f"x@{alnum(6, LOWER)}.io", "one-letter local part"),
        (
            f"user_id=42;email=o.kwame{digits(2)}@mail-01.example.com.gh;role=admin",
            "in a semicolon list",
        ),
        (
            f"Bcc: <{alnum(6, LOWER)}-{alnum(4, LOWER)}@example.travel>",
            "Bcc header, hyphen and long TLD",
        ),
        (f"notify=ana!{alnum(4, LOWER)}@example.es", "! in the local part"),
    ]
    return [(text, "email", fmt, HAND) for text, fmt in rows]


def email_negatives() -> list[Row]:
    rows = [
        ("@@ -12,7 +12,8 @@ def main():", "diff hunk header"),
        ("go get golang.org/x/net@v0.31.0", "Go module at version"),
        ("pip install mypkg@git+https://github.com/org/mypkg.git@v1.2", "pip direct reference"),
        ("SELECT @@ROWCOUNT", "SQL Server system variable"),
        ("@Override public String toString()", "Java annotation"),
        ("release notes @here: v2 is live", "@here mention"),
        (
            f"terraform registry hashicorp/aws@{R.randint(4, 5)}.{R.randint(0, 80)}.0",
            "provider at version",
        ),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


def ips() -> list[Row]:
    rows = [
        (f"6to4 relay 2002:c000:{hexs(4)}::1", "6to4 IPv6"),
        (f"compat ::192.0.2.{R.randint(1, 254)}", "IPv4-compatible IPv6"),
        (f"http://[fe80::{hexs(4)}:{hexs(4)}%25eth0]:8080/", "URL with a percent-encoded zone"),
        (f"v=spf1 ip4:203.0.113.{R.randint(1, 254)} -all", "SPF ip4 mechanism"),
        (f"Received: from mx1 (mx1 [198.51.100.{R.randint(1, 254)}])", "Received header"),
        (f"allow 10.{R.randint(0, 255)}.0.1-10.{R.randint(0, 255)}.0.20", "IPv4 range"),
        (f"peer 2001:db8:{hexs(4)}:: connected", "IPv6 ending in ::"),
        (
            f"X-Forwarded-For: unknown, 100.{R.randint(64, 127)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
            "X-Forwarded-For with unknown",
        ),
        (
            f"client_ip | 192.168.{R.randint(0, 255)}.{R.randint(1, 254)} | GET /",
            "pipe-separated log",
        ),
        (
            f"fd{hexs(2)}:{hexs(4)}:{hexs(4)}:1::{hexs(2)}/64 dev wg0",
            "ULA with prefix length after dev",
        ),
    ]
    return [(text, "ip", fmt, HAND) for text, fmt in rows]


def ip_negatives() -> list[Row]:
    rows = [
        (f"Windows 10.0.22631.{R.randint(3000, 4999)}", "Windows build after its name"),
        (f"Chrome/131.0.{R.randint(6000, 6999)}.{R.randint(10, 99)}", "browser version"),
        (f"Figure 2.1.{R.randint(1, 9)}.{R.randint(1, 9)}", "figure number"),
        (f"vlan eth0.{R.randint(100, 999)}", "VLAN interface"),
        ("std::vector<int>::size_type", "C++ scope"),
        ("ratio 16:9 at 29.97 fps", "aspect ratio and frame rate"),
        (f"WWN 50:06:01:60:{hexs(2)}:{hexs(2)}:{hexs(2)}:{hexs(2)}", "Fibre Channel WWN"),
        ("OpenSSL 3.0.13 30 Jan 2024", "library banner"),
        (f"calver 2026.12.03.{R.randint(1, 9)}", "calendar version"),
    ]
    return [(text, "none", fmt, HAND) for text, fmt in rows]


def clean() -> list[Row]:
    rows = [
        (f"{R.randint(1_700_000_000, 1_800_000_000)}.{digits(6)}", "epoch with microseconds"),
        ("Thu Dec  3 21:16:11 2026", "ctime timestamp"),
        (f"2026-12-03 21:16:11,{digits(3)} INFO worker", "log timestamp with comma"),
        ("12/3/2026 9:16:11 PM", "US date and time"),
        ("2026-337", "ISO ordinal date"),
        ("+52.5200+013.4050/", "ISO 6709 coordinates"),
        ("///filled.count.soap", "what3words address"),
        ("JO62qm", "Maidenhead locator"),
        ("33UUU8901219347", "MGRS coordinates"),
        (f"version 1.0.0rc1.post2.dev{digits(1)}", "PEP 440 version"),
        ("1.2.3-SNAPSHOT", "Maven snapshot version"),
        (f"android 14.0.0_r{R.randint(10, 70)}", "Android source tag"),
        ("macOS 15.1 (24B83)", "macOS build"),
        (f"ICD-10 E11.{R.randint(0, 9)}", "ICD-10 code"),
        (f"LOINC {R.randint(1000, 99999)}-{digits(1)}", "LOINC code"),
        (f"SNOMED CT {nz_digits(9)}", "SNOMED CT concept id"),
        (f"UN {R.randint(1000, 3500)} class 3", "UN number"),
        (f"order #{R.randint(1000, 99999)}", "shop order number"),
        (f"receipt W{digits(9)}", "Apple order number"),
        (f"AliExpress order 81{digits(14)}", "AliExpress order number"),
        (f"GTIN-14 {digits(14)}", "GTIN-14"),
        (f"GLN {digits(13)}", "GLN"),
        (f"baggage tag 0{digits(3)} {digits(6)}", "IATA baggage tag"),
        (f"ICAO 24-bit {hexs(6).upper()}", "ICAO aircraft address"),
        (f"IFSC SBIN000{digits(4)}", "IFSC"),
        (f"traceparent 00-{hexs(32)}-{hexs(16)}-01", "traceparent"),
        (f"Discord snowflake {R.randint(10**17, 10**18)}", "Discord snowflake"),
        (f"UA-{digits(8)}-1", "Universal Analytics property"),
        (f"{R.randint(1, 9)} units @ {R.randint(1, 99)}.{digits(2)} EUR", "@ as price"),
        (f"temp={R.randint(10, 40)}.{digits(1)}°C hum={R.randint(10, 90)}%", "sensor reading"),
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

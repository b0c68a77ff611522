"""What check-events' value recognisers report: the kinds, `Leak`, and the masking helpers.

Shared by `registry.privacy.leaks` (the entry point) and the recognisers it runs
(`phones`, `national_ids`, `secrets`), so each says what it found the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

EMAIL: Final = "email"
IP_ADDRESS: Final = "ip_address"
CARD_NUMBER: Final = "card_number"
IBAN: Final = "iban"
PHONE_NUMBER: Final = "phone_number"
NATIONAL_ID: Final = "national_id"
SECRET: Final = "secret"

KINDS: Final = (EMAIL, IP_ADDRESS, CARD_NUMBER, IBAN, PHONE_NUMBER, NATIONAL_ID, SECRET)


@dataclass(frozen=True, slots=True)
class Leak:
    """One recognised value: its kind, what it is in words, and a masked rendering."""

    kind: str
    what: str
    masked: str


_STAR_CAP: Final = 16


def stars(count: int) -> str:
    """A run of stars for ``count`` hidden characters: at least 3, capped (hides the length)."""
    return "*" * max(3, min(count, _STAR_CAP))


def mask_keep(text: str, head: int = 0, tail: int = 0) -> str:
    """``text`` with all but ``head`` leading and ``tail`` trailing characters starred.

    At most half of the text is ever kept (short texts are starred completely), and the run
    of stars is capped, so the output never reveals the length of a long secret either.
    """
    if head + tail > len(text) // 2:
        head = tail = 0
    middle = len(text) - head - tail
    return text[:head] + stars(middle) + (text[len(text) - tail :] if tail else "")


MAX_CANDIDATES: Final = 8
"""At most this many distinct candidates of one kind are judged per value: a value holding
thousands of number-shaped runs costs a bounded number of library calls."""
MAX_RUNS: Final = 64
"""At most this many number-shaped runs of a value are looked at, judged or not."""

_LABEL: Final = re.compile(
    r"([^\W\d_][^\W\d]*)\)?[\"']?\s{0,2}[.:#=_-]?\s{0,3}[\"']?"
    r"(?:[Nn][Oo]\.?\s{0,2}|[Nn][Rr]\.?\s{0,2})?$"
)
"""The last word before a number, and ``No.`` or ``Nr.`` after it (``Serial No. 12``); a
JSON or YAML key in quotes (``"nhs_no": "``), a sign after a space (``case #12``), and a
word that closes a parenthesis (``Cartão SUS (CNS): ``)."""
LABEL_WINDOW: Final = 32


_UNDECOMPOSED: Final = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "ı": "i"})
"""Letters that Unicode does not decompose into a base letter and an accent."""


def fold(word: str) -> str:
    """``word`` in lower case without accents (``Cédula`` -> ``cedula``, ``RČ`` -> ``rc``)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower()).translate(_UNDECOMPOSED)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_ABBREVIATION: Final = re.compile(
    r"(?<![^\W\d_])((?:[^\W\d_]\.){2,6}|(?:[^\W\d_][-&]){1,5}[^\W\d_](?![^\W\d_]))\s{0,3}"
    r"(?:[Nn][Oo]\.?\s{0,2}|[Nn][Rr]\.?\s{0,2})?$"
)
"""Letters each followed by a dot (``N.I.F.``, ``ת.ז.``) or joined by dashes or ampersands
(``D-U-N-S``, ``H&C``): one word, the letters joined."""


def label_before(text: str, start: int) -> str:
    """The word just before ``text[start:]``, folded (``"case"`` in ``Case No. 42``,
    ``"cedula"`` in ``cédula 12...``, ``"nif"`` in ``N.I.F. 12...``), or ``""``. Reads at
    most `LABEL_WINDOW` characters, so the cost is bounded."""
    window = text[max(0, start - LABEL_WINDOW) : start]
    abbreviation = (
        _ABBREVIATION.search(window) if "." in window or "-" in window or "&" in window else None
    )
    if abbreviation is not None:
        return fold(abbreviation.group(1).replace(".", "").replace("-", "").replace("&", ""))
    match = _LABEL.search(window)
    return fold(match.group(1)) if match is not None else ""


NOT_PERSONAL_LABELS: Final = frozenset(
    map(
        fold,
        {
        "amount", "batch", "build", "case", "cat", "catalog", "catalogue", "count", "ean",
        "gtin", "inv", "invoice", "isbn", "issn", "item", "job", "line", "lot", "order", "page",
        "part", "plz", "po", "port", "postal", "postcode", "price", "qty", "quantity",
        "receipt", "ref", "release", "run", "serial", "size", "sku", "ticket", "total",
        "tracking", "upc", "version", "zip",
        # carriers and shipments: a tracking or waybill number in groups
        "awb", "consignment", "dhl", "fedex", "parcel", "shipment", "ups", "usps", "waybill",
        # ISO 4217 codes of the most traded currencies: an amount, not a number of a person
        "aud", "brl", "cad", "chf", "cny", "czk", "dkk", "eur", "gbp", "hkd", "huf", "idr",
        "ils", "inr", "jpy", "krw", "mxn", "nok", "nzd", "pln", "rub", "sek", "sgd", "thb",
        "try", "twd", "usd", "zar",
        # identifiers of organisations, ships, goods and payments (the guide's none)
        "abn", "acn", "cif", "cnpj", "crn", "duns", "ein", "gln", "imo", "isrc", "kid", "kvk",
        "lei", "nipc", "nzbn", "siren", "siret", "sscc", "uen", "vat", "ust", "ustidnr",
        "iva", "piva", "container",
        # identifiers of organisations, payments, goods and science, as python-stdnum and
        # the registries name them (the guide's none): company and enterprise numbers,
        # bank giro and payment references, chemical, drug, security and parcel numbers
        "orgnr", "organisationsnummer", "organisasjonsnummer", "cvr", "tunnus", "ytunnus",
        "btw", "ondernemingsnummer", "kbo", "bce", "rsin", "brn", "사업자등록번호", "uscc",
        "统一社会信用代码", "regon", "krs", "ico", "mva", "bankgiro", "plusgiro", "ocr",
        "cas", "casrn", "ndc", "cusip", "sedol", "isin", "figi", "orcid", "iswc", "ismn",
        "imsi", "imei", "meid", "mmsi", "tag", "docket", "patent", "bsb", "sort", "wagen",
        "wagon", "uic", "org",
        },
    )
)  # fmt: skip
"""Words that say what the number after them is when it is neither a phone number nor a
personal identifier: a catalogue, order, ticket or ISBN number in groups, a postcode, an
amount (after a currency code), an organisation's, a ship's or a payment's identifier."""


DATE_OR_QUAD: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}|(?<![0-9])(?<![0-9]\.)[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9]|[.-][0-9])"
    r"|(?<![0-9])[0-3]?[0-9]\.[01]?[0-9]\.(?:19|20)[0-9]{2}(?![0-9])"
    r"|(?<![0-9])(?:19|20)[0-9]{2}\.[01][0-9]\.[0-3][0-9](?![0-9])"
)
"""An ISO date, a dotted day.month.year (``03.12.2026``), or a dotted quad (an IP address, a version): a number-shaped run holding one
is neither a phone number nor an identifier. Four groups exactly: five or more dotted groups
(``06.43.00.63.56``, a French number) are no address. Searched in each candidate (at most 40
characters), never in the whole value."""

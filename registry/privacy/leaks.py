"""Recognise personal data and secrets in the *values* of emitted audit records.

`registry check-events` runs `find_leaks` on every string of a field that the catalog does not
tag for personal data. Unlike `registry.privacy.values` (catalog examples, where documentation
addresses such as ``example.com`` are the right choice), any address or number of the right
shape counts here: a field that receives test e-mail addresses in staging receives real ones
in production.

E-mail and IP addresses, cards and IBANs are recognised here; phone numbers in
`registry.privacy.phones` (phonenumbers), national identifiers in
`registry.privacy.national_ids` (python-stdnum) and secrets in `registry.privacy.secrets`.
Each recogniser is guarded by a cheap substring or length test, so the common value (an id, a
short enum-like word) costs a few membership tests, and each is linear in the value.
`Leak.masked` is what may be shown: the kind and a few characters, never the value itself.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterator
from typing import Final

from registry.privacy.leakkinds import (
    CARD_NUMBER,
    EMAIL,
    IBAN,
    IP_ADDRESS,
    KINDS,
    MAX_CANDIDATES,
    MAX_RUNS,
    NATIONAL_ID,
    PHONE_NUMBER,
    SECRET,
    Leak,
    label_before,
    mask_keep,
    stars,
)
from registry.privacy.national_ids import find_national_id
from registry.privacy.phones import DEFAULT_REGIONS, find_phone, is_phone, phone_context
from registry.privacy.secrets import URL_PASSWORD, find_secret
from registry.privacy.values import luhn_valid
from registry.privacy.valueshape import shape_of

__all__ = [
    "CARD_NUMBER", "DEFAULT_REGIONS", "EMAIL", "IBAN", "IP_ADDRESS", "KINDS", "NATIONAL_ID",
    "PHONE_NUMBER", "SECRET", "Leak", "find_leaks", "iban_valid", "mask_keep",
]  # fmt: skip


@functools.cache
def phone_regions() -> frozenset[str]:
    """The regions phonenumbers knows (two-letter codes)."""
    import phonenumbers

    return frozenset(phonenumbers.SUPPORTED_REGIONS)


# -- e-mail ------------------------------------------------------------------------------------

_LOCAL_CHARS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-"
_DOMAIN: Final = re.compile(
    r"@(?<=[A-Za-z0-9._%+\"-]@)((?:[A-Za-z0-9-]{1,63}\.){1,10}[A-Za-z]{2,24})(?![A-Za-z0-9-])"
)
"""An ``@`` after a character of a local part (or the quote that ends a quoted one), and the
domain after it: found by the fast literal search for ``@``. At most ten labels before the
top-level domain: a failed match after an ``@`` gives back a bounded stretch, not every label
of a megabyte of ``a.a.a.``."""
_DOMAIN_ANY_SCRIPT: Final = re.compile(
    r"@(?<=[\w.%+\"-]@)((?:[\w-]{1,63}\.){1,10}[^\W\d_]{2,24})(?![\w-])"
)
"""`_DOMAIN` for a value that is not ASCII: labels of letters of any script (``bücher.de``).
The class holds ``_``, which no host name holds: a domain with one is dropped after the match
(one class is faster than a class without ``_``)."""
_LONGEST_LOCAL: Final = 64


def _is_local_char(char: str) -> bool:
    return char in _LOCAL_CHARS or (char >= "\x80" and char.isalnum())


def _local_length(head: str) -> int:
    """How many characters at the end of ``head`` form a local part: letters of any script,
    digits and ``._%+-``, or a quoted string (``"john smith"``)."""
    if head.isascii():
        length = len(head) - len(head.rstrip(_LOCAL_CHARS))
    else:
        length = 0
        for char in reversed(head):
            if not _is_local_char(char):
                break
            length += 1
    if length == 0 and head.endswith('"'):
        opening = head.rfind('"', 0, len(head) - 1)
        if 0 <= opening < len(head) - 2 and "\n" not in head[opening:]:
            return len(head) - opening
    return length


def _domains(text: str, any_script: bool) -> Iterator[re.Match[str]]:
    """The ``@`` of ``text`` with a domain after it: `_DOMAIN` searched through the value, or,
    with ``any_script``, `_DOMAIN_ANY_SCRIPT` tried at each of the first `MAX_RUNS` ``@``
    (its classes cost more per character: a bounded number of tries keeps a megabyte of
    ``é@`` linear and fast)."""
    if not any_script:
        position = 0
        while (match := _DOMAIN.search(text, position)) is not None:
            yield match
            position = match.start() + 1
        return
    at = text.find("@")
    for _ in range(MAX_RUNS):
        if at < 0:
            return
        match = _DOMAIN_ANY_SCRIPT.match(text, at)
        if match is not None and "_" not in match.group(1):
            yield match
        at = text.find("@", at + 1)


def _addr_specs(text: str, any_script: bool = False) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, local part, domain) of each addr-spec in ``text``, from left to right,
    none overlapping: a local part of 1 to 64 characters that no local-part character
    precedes, ``@``, a domain (`_domains`). Led by each ``@`` with a domain after it; the
    local part is read back from the ``@`` (at most 65 characters), never searched for at
    every position of the value."""
    searched = 0  # where the previous addr-spec ended: the next starts here or later
    for match in _domains(text, any_script):
        at = match.start()
        if at < searched:
            continue
        head = text[max(searched, at - _LONGEST_LOCAL - 1) : at]
        local = _local_length(head)
        start = at - local
        if (
            0 < local <= _LONGEST_LOCAL
            and start >= searched
            and (start == 0 or not _is_local_char(text[start - 1]))
        ):
            yield start, match.end(), text[start:at], match.group(1)
            searched = match.end()


_FILE_SUFFIXES: Final = frozenset(
    {
        "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "css", "js", "mjs", "json", "html",
        "htm", "txt", "pdf", "yaml", "yml", "xml", "csv", "lock", "ts", "tsx", "jsx", "map",
        "woff", "woff2", "ttf", "mp3", "mp4", "wav", "tar", "gz", "tgz", "exe", "dll", "so",
    }
)  # fmt: skip
"""Suffixes of file names, not top-level domains: ``icon@2x.png`` is an asset."""


_AUTHORITY_ENDS: Final = frozenset("/?#\\ \t\r\n\"'<>")
"""Characters that end a URL's authority: an ``@`` after one of them is not in the user part."""
_USERINFO_WINDOW: Final = 300


def _in_userinfo(text: str, start: int) -> bool:
    """Whether ``text[start:]`` lies in the user part of a URL: after ``://`` and before
    the authority ends (``https://x-access-token:ghs_...@github.com``, ``https://key@o1.
    ingest.host``). Reads at most `_USERINFO_WINDOW` characters back."""
    window = text[max(0, start - _USERINFO_WINDOW) : start]
    scheme = window.rfind("://")
    return scheme >= 0 and _AUTHORITY_ENDS.isdisjoint(window[scheme + 3 :])


def _is_address(text: str, start: int, end: int, domain: str) -> bool:
    """Whether the addr-spec ``text[start:end]`` is mail: not the user part of a URL
    (``https://user@host``, ``https://user:token@host``, a DSN's public key), not an SSH
    remote (``git@host:org/repo``), not a file name."""
    if "://" in text and _in_userinfo(text, start):
        return False
    if text[end : end + 1] == ":" and text[end + 1 : end + 2].strip():
        return False
    return domain.rpartition(".")[2].lower() not in _FILE_SUFFIXES


def _email(text: str) -> Leak | None:
    if "%40" in text:
        text = text.replace("%40", "@")  # percent-encoded in a URL (``?email=jane%40example.org``)
    if "@" not in text:
        return None
    # ASCII domains first (through the whole value), then, in a value that is not ASCII,
    # domains of any script (``bücher.example``)
    for any_script in (False, True) if not text.isascii() else (False,):
        for count, (start, end, local, domain) in enumerate(_addr_specs(text, any_script)):
            if _is_address(text, start, end, domain):
                name, _, tld = domain.rpartition(".")
                return Leak(EMAIL, "an e-mail address", f"{local[0]}***@{name[0]}***.{tld}")
            if count >= MAX_CANDIDATES:
                break
    return None


# -- IP addresses ------------------------------------------------------------------------------

_OCTET: Final = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4: Final = re.compile(
    rf"(?<![0-9A-Za-z.]){_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}(?![0-9A-Za-z]|\.[0-9])"
)
_DOTTED_QUAD: Final = re.compile(r"\.(?<=[0-9]\.)[0-9]{1,3}\.[0-9]{1,3}\.[0-9]")
"""What every `_IPV4` match holds, found from its dots (`re` skips to each dot by its fast
literal search): a value without it is not searched for IPv4 addresses."""
_IPV6_TOKEN: Final = re.compile(r"(?<![0-9A-Za-z:.])[0-9A-Fa-f:.]{3,64}(?![0-9A-Za-z:.])")
_IPV6_LONGEST: Final = 64
_IPV6_PAIR: Final = re.compile(r":[0-9A-Fa-f]{0,4}:")
"""Two colons with at most a group of four hex digits between them: every IPv6 address with
two colons holds one (a dotted IPv4 tail comes after the last colon). Led by the literal
``:``; no token starts more than `_IPV6_LONGEST` characters before the first."""


_HEX_PAIRS: Final = re.compile(r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5,7}")
"""Six or eight groups of two hex digits: how MAC and EUI-64 addresses are written; an IPv6
address is written with groups of up to four and compressed."""
_VERSION_WORDS: Final = frozenset(
    {
        "build", "firmware", "fw", "kernel", "oid", "release", "rev", "ver", "version", "v",
        "section", "sec", "clause", "paragraph", "para", "article", "art", "chapter",
        "figure", "fig", "table", "tab", "appendix", "annex", "step", "item", "rule",
        "requirement", "req", "control",
    }
)  # fmt: skip
"""Words that say a dotted quad after them is a version, an OID or the number of a section,
figure, table, step or control of a document (``Figure 2.1.3.4``, ``control 4.1.2.3``)."""
_VERSION_SUFFIX: Final = re.compile(r"[-+~][A-Za-z]")


def _is_version(text: str, match: re.Match[str]) -> bool:
    """Whether the text says a dotted quad is a version or an OID: a word before it
    (``version 3.12.1.0``), a product before a slash (``Chrome/120.0.6099.71``) or a build
    suffix after it (``5.10.0.12-amd64``)."""
    start, end = match.start(), match.end()
    if text[start - 1 : start] == "/" and text[start - 2 : start] != "//":
        return True  # not a URL's host (``http://192.0.2.4/``)
    if _VERSION_SUFFIX.match(text, end):
        return True
    if text[max(0, start - 3) : start].rstrip().endswith("§"):
        return True  # a section of a text (``§ 4.2.1.3``)
    return label_before(text, start) in _VERSION_WORDS


def _ip(text: str) -> Leak | None:
    if text.count(".") >= 3 and _DOTTED_QUAD.search(text) is not None:
        for count, match in enumerate(_IPV4.finditer(text)):
            if not _is_version(text, match):
                first = match.group(0).split(".", 1)[0]
                return Leak(IP_ADDRESS, "an IPv4 address", f"{first}.***.***.***")
            if count >= MAX_CANDIDATES:
                break
    pair = _IPV6_PAIR.search(text) if text.count(":") >= 2 else None
    if pair is not None:
        for token in _IPV6_TOKEN.findall(text, max(0, pair.start() - _IPV6_LONGEST)):
            if token.count(":") < 2 or len(token) > 45:
                continue
            try:
                address = ipaddress.IPv6Address(token)
            except ValueError:
                continue
            if address.exploded == "0000:0000:0000:0000:0000:0000:0000:0000":
                continue
            if _HEX_PAIRS.fullmatch(token) is not None:
                continue  # a MAC or EUI-64 address: groups of two hex digits

            head = token.split(":", 1)[0] or ":"
            return Leak(IP_ADDRESS, "an IPv6 address", f"{head}:***")
    return None


# -- payment cards -----------------------------------------------------------------------------

_CARD: Final = re.compile(r"[0-9](?<![0-9A-Za-z][0-9])(?:[ -]?[0-9]){12,18}(?![0-9A-Za-z])")
"""The test of the character before comes after the first digit, so `re` skips to each digit
by its fast first-character search."""
_CARD_CHAIN: Final = re.compile(r"[0-9](?<![0-9][0-9])(?<![0-9][ -][0-9])" + r"[ -]?[0-9]" * 12)
"""A run of digits with single spaces or dashes, from its first digit, that holds 13 digits:
every card number lies in one. Each run is walked once (not again from each of its groups)."""
_CARD_LENGTHS: Final[tuple[tuple[tuple[str, ...], frozenset[int]], ...]] = (
    (("4",), frozenset({13, 16, 19})),  # Visa
    (("34", "37"), frozenset({15})),  # American Express
    (tuple(str(n) for n in range(51, 56)), frozenset({16})),  # Mastercard
    (tuple(str(n) for n in range(2221, 2721)), frozenset({16})),  # Mastercard 2-series
    (("6011", "65", *(str(n) for n in range(644, 650))), frozenset({16, 17, 18, 19})),
    (tuple(str(n) for n in range(3528, 3590)), frozenset({16, 17, 18, 19})),  # JCB
    (("36", "38", "39", *(str(n) for n in range(300, 306))), frozenset(range(14, 20))),
    (("62",), frozenset(range(16, 20))),  # UnionPay
    (("50", *(str(n) for n in range(56, 70))), frozenset(range(12, 20))),  # Maestro
    (tuple(str(n) for n in range(2200, 2205)), frozenset(range(16, 20))),  # Mir
    (("9792", "9860", "8600"), frozenset({16})),  # Troy, Humo, UzCard
)


def _card_brand_length(digits: str) -> bool:
    return any(
        len(digits) in lengths and digits.startswith(prefixes)
        for prefixes, lengths in _CARD_LENGTHS
    )


def _card(text: str, start: int = 0) -> Leak | None:
    """The first card number in ``text``; none starts before ``start`` (where the first run of
    six digits starts: every card number begins with one)."""
    if len(text) < 13:
        return None
    chain = _CARD_CHAIN.search(text, start)
    if chain is None:
        return None
    start = chain.start()
    seen: set[str] = set()  # a value repeating one number pays for it once
    for count, match in enumerate(_CARD.finditer(text, start)):
        if count >= MAX_RUNS:
            break
        candidate = match.group(0)
        if candidate in seen:
            continue
        seen.add(candidate)
        digits = candidate.replace(" ", "").replace("-", "")
        if (
            13 <= len(digits) <= 19
            and len(set(digits)) > 1
            and _card_brand_length(digits)
            and luhn_valid(digits)
        ):
            return Leak(CARD_NUMBER, "a payment card number (Luhn-valid)", "*" * 12 + digits[-4:])
    return None


# -- IBAN --------------------------------------------------------------------------------------

# Length of the IBAN of each country (ISO 13616 registry).
_IBAN_LENGTHS: Final = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
    "IE": 22,
    "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
    "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23,
    "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip
_IBAN: Final = re.compile(
    r"([A-Z](?<![A-Za-z0-9][A-Z])[A-Z][0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)"
    r"(?![A-Za-z0-9])"
)
"""The test of the character before comes after the first capital, so `re` skips the text to
the next capital letter by its fast first-character search."""


def iban_valid(text: str) -> bool:
    """Whether ``text`` (spaces allowed) is an IBAN: known country, its length, mod-97 == 1."""
    compact = text.replace(" ", "").upper()
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def _iban(text: str) -> tuple[Leak | None, bool]:
    """The first IBAN in ``text``, and whether ``text`` holds an IBAN's shape (a country's
    code and length) at all: with a wrong checksum it is a mistyped IBAN, not a phone
    number in its digits."""
    if len(text) < 15:
        return None, False
    shaped = False
    for match in _IBAN.finditer(text):
        compact = match.group(1).replace(" ", "")
        if _IBAN_LENGTHS.get(compact[:2]) != len(compact):
            continue
        if iban_valid(compact):
            return Leak(IBAN, "an IBAN (checksum valid)", compact[:2] + "**" + stars(12)), True
        shaped = True
    return None, shaped


_ZEROS: Final = (
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
)  # fmt: skip
_ASCII_NUMBERS: Final = {
    **{zero + digit: str(digit) for zero in _ZEROS for digit in range(10)},
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u3000"), " "),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\uff0d\u30fc"), "-"),
    ord("\uff0b"): "+",
    ord("\uff08"): "(",
    ord("\uff09"): ")",
}
"""Digits of other scripts (Arabic-Indic, Devanagari, Thai, full-width ...), no-break and
ideographic spaces, dashes and full-width signs, each as the ASCII character it stands for
(one character for one, so offsets and labels are kept): a phone number written with them
(``+٩٧١ ٥٠ ...``, ``０９０－...``, ``+33\u00a06 ...``) is judged as if written in ASCII."""
_FOLDABLE: Final = re.compile("[" + "".join(map(chr, sorted(_ASCII_NUMBERS))) + "]")
"""One of them: a value without any is not translated (one scan at the speed of `re`)."""
_FOLD_WINDOW: Final = 4096
_NUMBER_KINDS: Final = frozenset({PHONE_NUMBER, NATIONAL_ID, CARD_NUMBER})


# Cards, national identifiers and phone numbers all hold a run of 6 or more digits and
# separators: a value without one is not searched for them (one regex search instead of three).
# An IBAN need not (``LU34656V7NX3ZN2MHHOJ``): its own expression starts at two capitals.
_NUMBERISH: Final = re.compile(r"[0-9][0-9 ().+/-]{4,}[0-9]")


_SIX_DIGITS: Final = re.compile(r"[0-9]" + r"[ ./-]?[0-9]" * 5)
"""Every national identifier but the codice fiscale holds six digits with single separators,
and every card number six digits with single spaces or dashes (unrolled: `re` runs a fixed
sequence faster than a repeated group)."""
_FISCAL_CODE: Final = re.compile(r"[A-EHLMPRST](?<=[0-9]{2}[A-EHLMPRST])[0-9]{2}[A-Z]")
"""The core of an Italian codice fiscale (year, month letter, day, town letter): the one
identifier with no run of six digits. Found from its month letter, so `re` skips the digits
by its fast first-character search."""


def _maybe_phone(text: str) -> bool:
    """The cheap part of `find_phone`: a ``+`` or ``(``, or a separator, or a key that holds
    a number without them (``msisdn=447...``, ``"e164":``, ``phone=``)."""
    return (
        "+" in text
        or "(" in text
        or " " in text
        or "-" in text
        or "." in text
        or "sisdn" in text
        or "SISDN" in text
        or "164" in text
        or "hone" in text
        or "HONE" in text
    )


def find_leaks(
    text: str, regions: tuple[str, ...] = DEFAULT_REGIONS, keyed: bool = False
) -> list[Leak]:
    """Every kind of personal data or secret recognised in ``text`` (one leak per kind).

    ``regions`` are the regions whose national phone formats are recognised; ``keyed`` says
    the value is held under a key named for a credential (`find_secret`). One number is
    one kind: a phone number is not reported beside a card number, an IBAN or a national
    identifier (their digits overlap), a card not beside a national identifier that carries
    a birth date, and an e-mail address not beside a credential in a URL
    (``user:password@host``).
    """
    found: list[Leak] = []
    if len(text) < 6:
        return found
    shape = shape_of(text)  # what can match at all: each test below is implied by a match
    secret = find_secret(text, keyed, shape)
    if secret is not None:
        found.append(secret)
    if secret is None or secret.what != URL_PASSWORD:  # user:password@host is no address
        leak = _email(text)
        if leak is not None:
            found.append(leak)
    # IBANs and the codice fiscale are written in capitals: a value that lower() leaves as it
    # is has none (cheaper than islower(), which also tells apart values with no letters)
    # and hold digits (ten fast searches)
    capitals = text.lower() != text and any(digit in text for digit in "0123456789")
    iban, iban_shaped = _iban(text) if capitals else (None, False)
    if iban is not None:
        found.append(iban)
    numberish = _NUMBERISH.search(text) is not None
    fiscal = (
        capitals and len(text) >= 16 and shape.id_word and _FISCAL_CODE.search(text) is not None
    )
    if numberish or fiscal:
        six = _SIX_DIGITS.search(text) if shape.six_digits else None
        national = None
        if shape.id_word and (fiscal or six is not None):
            national = find_national_id(
                text, lambda run, start: phone_context(text, start) and is_phone(run, regions)
            )
        card = None
        if (
            numberish
            and national is None
            and iban is None  # an IBAN's digits are not a card's (one number, one kind)
            and six is not None
            and shape.card_digits
        ):
            card = _card(text, six.start())
        numbers = [leak for leak in (national, card) if leak is not None]
        found.extend(numbers)
        if (
            numberish
            and not numbers
            and not iban_shaped
            and shape.phone_digits
            and _maybe_phone(text)
        ):
            leak = find_phone(text, regions)
            if leak is not None:
                found.append(leak)
    foldable = (
        _FOLDABLE.search(text)
        if not text.isascii() and not any(leak.kind in _NUMBER_KINDS for leak in found)
        else None
    )
    if foldable is not None:
        # the stretch from the first such character: a phone number's words and digits are
        # near it, and the cost stays bounded on a long value
        first = foldable.start()
        folded = text[max(0, first - 64) : first + _FOLD_WINDOW].translate(_ASCII_NUMBERS)
        if _NUMBERISH.search(folded) is not None and _maybe_phone(folded):
            leak = find_phone(folded, regions)
            if leak is not None:
                found.append(leak)
    if "." in text or ":" in text:
        leak = _ip(text)
        if leak is not None:
            found.append(leak)
    return found

"""Recognise personal data and secrets in the *values* of emitted audit records.

`registry check-events` runs `find_leaks` on every string of a field that the catalog does not
tag for personal data. Unlike `registry.privacy.values` (catalog examples, where documentation
addresses such as ``example.com`` are the right choice), any address or number of the right
shape counts here: a field that receives test e-mail addresses in staging receives real ones
in production.

Each recogniser is guarded by a cheap substring or length test, so the common value (an id, a
short enum-like word) costs a few membership tests. `Leak.masked` is what may be shown: the
kind and a few characters, never the value itself.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from dataclasses import dataclass
from typing import Final

from registry.privacy.values import luhn_valid

EMAIL: Final = "email"
IP_ADDRESS: Final = "ip_address"
CARD_NUMBER: Final = "card_number"
IBAN: Final = "iban"
PHONE_NUMBER: Final = "phone_number"
SECRET: Final = "secret"

KINDS: Final = (EMAIL, IP_ADDRESS, CARD_NUMBER, IBAN, PHONE_NUMBER, SECRET)


@dataclass(frozen=True, slots=True)
class Leak:
    """One recognised value: its kind, what it is in words, and a masked rendering."""

    kind: str
    what: str
    masked: str


_STAR_CAP: Final = 16


def _stars(count: int) -> str:
    return "*" * max(3, min(count, _STAR_CAP))


def mask_keep(text: str, head: int = 0, tail: int = 0) -> str:
    """``text`` with all but ``head`` leading and ``tail`` trailing characters starred.

    At most half of the text is ever kept (short texts are starred completely), and the run
    of stars is capped, so the output never reveals the length of a long secret either.
    """
    if head + tail > len(text) // 2:
        head = tail = 0
    middle = len(text) - head - tail
    return text[:head] + _stars(middle) + (text[len(text) - tail :] if tail else "")


# -- e-mail ------------------------------------------------------------------------------------

_EMAIL: Final = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]{1,64})@((?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24})"
    r"(?![A-Za-z0-9-])"
)


def _email(text: str) -> Leak | None:
    if "@" not in text:
        return None
    match = _EMAIL.search(text)
    if match is None:
        return None
    local, domain = match.group(1), match.group(2)
    name, _, tld = domain.rpartition(".")
    return Leak(EMAIL, "an e-mail address", f"{local[0]}***@{name[0]}***.{tld}")


# -- IP addresses ------------------------------------------------------------------------------

_OCTET: Final = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4: Final = re.compile(
    rf"(?<![0-9A-Za-z.]){_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}(?![0-9A-Za-z]|\.[0-9])"
)
_IPV6_TOKEN: Final = re.compile(r"(?<![0-9A-Za-z:.])[0-9A-Fa-f:.]{3,64}(?![0-9A-Za-z:.])")


def _ip(text: str) -> Leak | None:
    if text.count(".") >= 3:
        match = _IPV4.search(text)
        if match is not None:
            first = match.group(0).split(".", 1)[0]
            return Leak(IP_ADDRESS, "an IPv4 address", f"{first}.***.***.***")
    if text.count(":") >= 2:
        for token in _IPV6_TOKEN.findall(text):
            if token.count(":") < 2 or len(token) > 45:
                continue
            try:
                address = ipaddress.IPv6Address(token)
            except ValueError:
                continue
            if address.exploded == "0000:0000:0000:0000:0000:0000:0000:0000":
                continue
            head = token.split(":", 1)[0] or ":"
            return Leak(IP_ADDRESS, "an IPv6 address", f"{head}:***")
    return None


# -- payment cards -----------------------------------------------------------------------------

_CARD: Final = re.compile(r"(?<![0-9A-Za-z])(?:[0-9][ -]?){12,18}[0-9](?![0-9A-Za-z])")
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
)


def _card_brand_length(digits: str) -> bool:
    return any(
        len(digits) in lengths and digits.startswith(prefixes)
        for prefixes, lengths in _CARD_LENGTHS
    )


def _card(text: str) -> Leak | None:
    if len(text) < 13:
        return None
    seen: set[str] = set()  # a value repeating one number pays for it once
    for candidate in _CARD.findall(text):
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
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
    "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
    "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23,
    "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip
_IBAN: Final = re.compile(
    r"(?<![A-Za-z0-9])([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)(?![A-Za-z0-9])"
)


def iban_valid(text: str) -> bool:
    """Whether ``text`` (spaces allowed) is an IBAN: known country, its length, mod-97 == 1."""
    compact = text.replace(" ", "").upper()
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def _iban(text: str) -> Leak | None:
    if len(text) < 15:
        return None
    for match in _IBAN.finditer(text):
        if iban_valid(match.group(1)):
            compact = match.group(1).replace(" ", "")
            return Leak(IBAN, "an IBAN (checksum valid)", compact[:2] + "**" + _stars(12))
    return None


# -- phone numbers -----------------------------------------------------------------------------

_PHONE: Final = re.compile(
    r"(?<![0-9A-Za-z+(])"
    r"(?:[+(]|(?=[0-9]{1,15}[ ().-]{1,2}[0-9]{1,15}[ ().-]{1,2}[0-9]))"
    r"[0-9](?:[ ().-]{0,2}[0-9]){7,14}(?![0-9A-Za-z])"
)
"""8 to 15 digits with at most two separators between digits, starting with ``+`` or ``(`` or
holding three groups: the shape is tested by the expression, so a value full of near misses
(``1. 1. 1. ...``) costs no Python per candidate."""
_DATE_TIME: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_DOTTED_NUMBERS: Final = re.compile(r"(?<![0-9])[0-9]+(?:\.[0-9]+)+")
_PHONE_GROUPS: Final = re.compile(r"[0-9]+")


def _phone(text: str) -> Leak | None:
    if len(text) < 8:
        return None
    cleaned = (
        _DOTTED_NUMBERS.sub(" ", _DATE_TIME.sub(" ", text)) if "." in text or "-" in text else text
    )
    seen: set[str] = set()
    for found in _PHONE.findall(cleaned):
        if found in seen:
            continue
        seen.add(found)
        candidate = found.strip()
        digits = sum(char.isdigit() for char in candidate)
        if not 8 <= digits <= 15:
            continue
        if not candidate.startswith(("+", "(")) and len(_PHONE_GROUPS.findall(candidate)) < 3:
            continue  # a bare run of digits, or two groups, is more likely an id or a range
        return Leak(PHONE_NUMBER, "a phone number", mask_keep(candidate, 3, 2))
    return None


# -- secrets and tokens ------------------------------------------------------------------------

_JWT: Final = re.compile(
    r"eyJ(?<![A-Za-z0-9_-]eyJ)[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}"
)
_AWS_KEY_ID: Final = re.compile(r"A(?<![A-Z0-9]A)(?:KIA|SIA)[A-Z0-9]{16}(?![A-Z0-9])")
_GITHUB: Final = re.compile(
    r"g(?<![A-Za-z0-9_]g)(?:h[pousr]_[A-Za-z0-9]{36,251}|ithub_pat_[A-Za-z0-9_]{60,255})"
    r"(?![A-Za-z0-9_])"
)
_SLACK: Final = re.compile(
    r"x(?<![A-Za-z0-9-]x)(?:ox[abposr]|app)-[0-9A-Za-z-]{10,}"
    r"|hooks\.slack\.com/services/T[0-9A-Z]{6,}/B[0-9A-Z]{6,}/[0-9A-Za-z]{16,}"
)
_STRIPE: Final = re.compile(r"[sr](?<![A-Za-z0-9][sr])k_live_[0-9A-Za-z]{16,}")
_GOOGLE_API_KEY: Final = re.compile(r"AIza(?<![A-Za-z0-9_-]AIza)[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])")
_PRIVATE_KEY: Final = re.compile(r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----")
_BEARER: Final = re.compile(r"(?i)\bbearer\s{1,8}([A-Za-z0-9._~+/-]{16,}=*)")
_BASIC: Final = re.compile(r"(?i)\bbasic\s{1,8}([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])")
_URL_PASSWORD: Final = "a password in a URL"
_URL_CREDENTIALS: Final = re.compile(
    r"(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}://[^/\s:@]{1,256}:([^/\s@]{1,256})@", re.IGNORECASE
)


# The expressions above that begin with a literal test the character before it after the
# literal (``eyJ(?<![...]eyJ)``), not before: `re` then finds candidates by its fast literal
# search instead of trying every position.


def _token_leak(what: str, token: str, keep: int) -> Leak:
    return Leak(SECRET, what, token[:keep] + _stars(len(token) - keep))


def _basic_credentials(token: str) -> bool:
    try:
        decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return b":" in decoded and decoded.isascii()


def _secret(text: str) -> Leak | None:
    if len(text) < 16:
        return None
    if "eyJ" in text:
        match = _JWT.search(text)
        if match is not None:
            return _token_leak("a JSON Web Token", match.group(0), 3)
    if "KIA" in text or "SIA" in text:
        match = _AWS_KEY_ID.search(text)
        if match is not None:
            return _token_leak("an AWS access key id", match.group(0), 4)
    if "gh" in text or "github_pat_" in text:
        match = _GITHUB.search(text)
        if match is not None:
            token = match.group(0)
            keep = len("github_pat_") if token.startswith("github_pat_") else 4
            return _token_leak("a GitHub token", token, keep)
    if "xox" in text or "xapp-" in text or "hooks.slack.com" in text:
        match = _SLACK.search(text)
        if match is not None:
            token = match.group(0)
            keep = 5 if token.startswith("xox") else 4 if token.startswith("xapp") else 0
            return _token_leak("a Slack token or webhook", token, keep)
    if "_live_" in text:
        match = _STRIPE.search(text)
        if match is not None:
            return _token_leak("a Stripe secret key", match.group(0), 8)
    if "AIza" in text:
        match = _GOOGLE_API_KEY.search(text)
        if match is not None:
            return _token_leak("a Google API key", match.group(0), 4)
    if "PRIVATE KEY" in text:
        match = _PRIVATE_KEY.search(text)
        if match is not None:
            return Leak(SECRET, "a private key block", match.group(0) + "***")
    if "earer" in text or "EARER" in text:
        match = _BEARER.search(text)
        if match is not None and any(c.isdigit() for c in match.group(1)):
            return Leak(SECRET, "a bearer credential", "Bearer " + _stars(len(match.group(1))))
    if "asic" in text or "ASIC" in text:
        match = _BASIC.search(text)
        if match is not None and _basic_credentials(match.group(1)):
            return Leak(SECRET, "HTTP basic credentials", "Basic " + _stars(len(match.group(1))))
    if "://" in text and "@" in text:
        match = _URL_CREDENTIALS.search(text)
        if match is not None:
            return Leak(SECRET, _URL_PASSWORD, "://***:***@")
    return None


# Cards, IBANs and phone numbers all hold a run of 8 or more digits and separators: a value
# without one is not searched for them (one regex search instead of three).
_NUMBERISH: Final = re.compile(r"[0-9][0-9 ().+-]{6,}[0-9]")


def _maybe_phone(text: str) -> bool:
    """The cheap part of `_phone`: a ``+`` or ``(``, or at least two separators."""
    if "+" in text or "(" in text:
        return True
    return text.count(" ") + text.count("-") + text.count(".") >= 2


def find_leaks(text: str) -> list[Leak]:
    """Every kind of personal data or secret recognised in ``text`` (one leak per kind).

    A phone number is not reported beside a card number or an IBAN (their digits overlap),
    nor an e-mail address beside a password in a URL (``user:password@host``).
    """
    found: list[Leak] = []
    if len(text) < 6:
        return found
    secret = _secret(text)
    if secret is not None:
        found.append(secret)
    if secret is None or secret.what != _URL_PASSWORD:  # user:password@host is no address
        leak = _email(text)
        if leak is not None:
            found.append(leak)
    if _NUMBERISH.search(text) is not None:
        card = _card(text)
        iban = None if text.islower() else _iban(text)  # IBANs are written in capitals
        numbers = [leak for leak in (card, iban) if leak is not None]
        found.extend(numbers)
        if not numbers and _maybe_phone(text):
            leak = _phone(text)
            if leak is not None:
                found.append(leak)
    if "." in text or ":" in text:
        leak = _ip(text)
        if leak is not None:
            found.append(leak)
    return found

"""Recognise values that look like real personal data (used on catalog `examples`)."""

from __future__ import annotations

import ipaddress
import re

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_DOC_DOMAINS = ("example.com", "example.org", "example.net")
_RESERVED_TLDS = ("example", "test", "invalid", "localhost")
_DOC_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "192.0.2.0/24",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "2001:db8::/32",
    )
)
_CARD = re.compile(r"(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])")
_PHONE = re.compile(r"(?<![0-9A-Za-z])\+?[0-9][0-9 ().-]{6,18}[0-9](?![0-9])")
# Numbers reserved for fiction: North American 555-0100..0199, UK Ofcom drama ranges.
_FICTIONAL_PHONE = re.compile(
    r"555[ .-]?01[0-9]{2}$|^\+?44 ?0?20 ?7946 ?0[0-9]{3}$|^\+?44 ?0?7700 ?900[0-9]{3}$"
    r"|^0?7700 ?900[0-9]{3}$|^0?20 ?7946 ?0[0-9]{3}$"
)


def real_email(text: str) -> str | None:
    """The domain of an e-mail address outside the documentation domains, else None."""
    for match in _EMAIL.finditer(text):
        domain = match.group(1).lower().rstrip(".")
        if domain in _DOC_DOMAINS or any(domain.endswith("." + d) for d in _DOC_DOMAINS):
            continue
        if domain.rsplit(".", 1)[-1] in _RESERVED_TLDS:
            continue
        return domain
    return None


def real_ip(text: str) -> str | None:
    """An IP address outside the documentation ranges (RFC 5737, RFC 3849), else None."""
    for token in re.findall(r"[0-9A-Fa-f:.]{3,45}", text):
        try:
            address = ipaddress.ip_address(token.strip(".:"))
        except ValueError:
            continue
        if any(address in network for network in _DOC_NETWORKS):
            continue
        return str(address)
    return None


def luhn_valid(digits: str) -> bool:
    """Whether a run of ASCII digits passes the Luhn check (False for anything else)."""
    if not re.fullmatch(r"[0-9]+", digits):
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def card_number(text: str) -> bool:
    for match in _CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group(0))
        if 13 <= len(digits) <= 19 and luhn_valid(digits) and len(set(digits)) > 1:
            return True
    return False


# Dotted quads are IP addresses (real_ip judges them), not phone numbers: without this the
# documentation address 198.51.100.7 read as a 9-digit phone number.
_IPV4_SHAPE = re.compile(r"(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9]|\.[0-9])")
_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)


def real_phone(text: str) -> bool:
    """A phone-number-shaped value that is not in a range reserved for fiction."""
    for match in _PHONE.finditer(_IPV4_SHAPE.sub(" ", _DATE_TIME.sub(" ", text))):
        candidate = match.group(0).strip()
        digits = re.sub(r"[^0-9]", "", candidate)
        if not 8 <= len(digits) <= 15:
            continue
        if not (candidate.startswith("+") or re.search(r"[ ().-]", candidate)):
            continue  # a bare run of digits is more likely an id than a phone number
        if _FICTIONAL_PHONE.search(candidate):
            continue
        return True
    return False


def looks_real(value: object) -> str | None:
    """What real personal data a value seems to hold, or None."""
    if not isinstance(value, str):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        else:
            return None
    domain = real_email(value)
    if domain is not None:
        return f"an e-mail address at {domain}"
    if card_number(value):
        return "a card number that passes the Luhn check"
    address = real_ip(value)
    if address is not None:
        return f"the IP address {address}"
    if real_phone(value):
        return "a real-looking phone number"
    return None

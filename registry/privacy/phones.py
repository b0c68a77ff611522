"""Phone numbers in values, judged by `phonenumbers` (Google's libphonenumber metadata).

Candidates are found by one expression that cannot backtrack beyond a bounded window: 8 to
15 digits with at most two separators between digits. At most `MAX_CANDIDATES` distinct
candidates of a value are judged, each at most 40 characters, so the library is never called
on an unbounded string.

A candidate is a phone number when

- it is written in international form (``+44 7700 900469``) with a length the plan of its
  country code allows;
- or it has the North American shape ``(NXX) NXX-XXXX``, ``NXX-NXX-XXXX`` or
  ``NXX.NXX.XXXX`` (own rule: area codes not yet assigned are still phone numbers to a person
  reading the log);
- or it is in the national form of one of the configured regions: valid there, and written
  as it is dialled, with the region's trunk prefix (``0151 40558339`` in Germany), with the
  area code in brackets (``(11) 97916-5510`` in Brazil), or in the region's own grouping
  (``138 0013 8000``, a Chinese mobile). Without the trunk prefix and in any grouping, a run
  of digits is valid in some plan.

Runs of digits without separators are ids, not phone numbers, unless written with ``+``. A
number after a word that names a thing (``Ticket 2023 9988 9605``, ``ISBN``) is not judged.

A region named in the words before a number (``Tel. (DE) 0151 ...``, ``Vietnam 091 ...``,
``España móvil 612 ...``: its ISO code in capitals or its name, `regionnames`) is a hint: a
number valid in that region's plan is a phone number in any grouping, whether or not the
region is configured.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from registry.privacy.leakkinds import (
    DATE_OR_QUAD,
    MAX_CANDIDATES,
    MAX_RUNS,
    NOT_PERSONAL_LABELS,
    PHONE_NUMBER,
    Leak,
    fold,
    label_before,
    mask_keep,
)
from registry.privacy.national_ids import ID_SCHEME_LABELS, id_label
from registry.privacy.regionnames import REGION_OF_NAME

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

DEFAULT_REGIONS: Final = (
    "US", "GB", "IE", "DE", "AT", "CH", "FR", "BE", "NL", "LU", "IT", "ES", "PT", "SE", "NO",
    "DK", "FI", "PL", "CZ", "RO", "GR", "TR", "UA", "IN", "CN", "JP", "KR", "AU", "NZ", "SG",
    "BR", "AR", "MX", "CO", "CL", "ZA", "NG", "KE", "EG", "IL", "AE", "SA", "PH", "ID",
)  # fmt: skip
"""Regions whose national formats are recognised unless told otherwise (`--region`): the
largest economies and populations of each continent. International numbers (``+...``) are
recognised whatever the list."""


def parse_regions(text: str) -> tuple[str, ...]:
    """``"GB,fr"`` -> ``("GB", "FR")``; ValueError naming a code phonenumbers does not know."""
    import phonenumbers

    regions = tuple(part.strip().upper() for part in text.split(",") if part.strip())
    if not regions:
        raise ValueError("no region given (two-letter codes separated by commas, e.g. GB,FR)")
    unknown = [region for region in regions if region not in phonenumbers.SUPPORTED_REGIONS]
    if unknown:
        raise ValueError(f"unknown region {', '.join(unknown)} (two-letter ISO 3166 codes)")
    return regions


_CANDIDATE: Final = re.compile(
    r"(?<![0-9A-Za-z+_])(?:\+|\()?[0-9](?:[ ().-]{0,2}[0-9]){7,14}(?![0-9A-Za-z])"
)
"""A run of 8 to 15 digits with short separators, after ``+`` or ``(`` or neither; ``+``
may follow a bracket (``(+372) 612 3456``, ``via SMS (+33 6 ...)``): a run that starts
at ``(`` is found from there, so a bracket before the start matters only before ``+``."""
_SLASHED: Final = re.compile(
    r"/(?:(?<=(?<![0-9A-Za-z/+_.:-])[0-9]{2}/)|(?<=(?<![0-9A-Za-z/+_.:-])[0-9]{3}/)|"
    r"(?<=(?<![0-9A-Za-z/+_.:-])[0-9]{4}/))[0-9]{5,9}(?![0-9A-Za-z/.-])"
)
"""An area code or a mobile prefix of two to four digits, a slash and the subscriber's five
to nine digits (``030/4711234``, ``347/1234567``): how many write a number in Germany,
Austria and Italy. Led by the literal ``/``; judged by the plans as any candidate is (a
national form needs its trunk prefix or its region's grouping)."""
_IDD: Final = re.compile(r"(?:011|00)[ .-]")
"""An international call prefix (``00`` in most plans, ``011`` in North America) and a
separator: the country code follows, as after ``+``."""
_DECIMAL: Final = re.compile(r"[0-9]+\.[0-9]+")
"""Two groups of digits joined by one dot: a decimal number (a coordinate, an amount, a
spreadsheet's date), not a phone number, which has more groups or other separators."""
_GROUPS: Final = re.compile(r"[0-9]+")
_DIGIT: Final = re.compile(r"[0-9]")
_NANP: Final = re.compile(
    r"(?:\+?1[ .-]?)?(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[.-])[2-9][0-9]{2}[.-][0-9]{4}"
)
_LONGEST: Final = 40


def _judge_regions(regions: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(region, trunk prefix or "") for each region phonenumbers knows."""
    from phonenumbers import PhoneMetadata

    known = []
    for region in regions:
        metadata = PhoneMetadata.metadata_for_region(region.upper())
        if metadata is not None:
            known.append((region.upper(), metadata.national_prefix or ""))
    return tuple(known)


_judged: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}


def _parse(candidate: str, region: str | None) -> PhoneNumber | None:
    import phonenumbers

    try:
        return phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None


def _possible(number: PhoneNumber) -> bool:
    """A length the plan of the country code allows: enough after a ``+`` (ranges reserved
    for drama, such as UK 07700 900xxx, are not valid but are written as real ones)."""
    import phonenumbers

    return bool(phonenumbers.is_possible_number(number))


def _valid(number: PhoneNumber) -> bool:
    import phonenumbers

    return bool(phonenumbers.is_valid_number(number))


def is_phone(candidate: str, regions: tuple[str, ...] = DEFAULT_REGIONS) -> bool:
    """Whether ``candidate`` (a short string: one number, as written) is a phone number."""
    if len(candidate) > _LONGEST:
        return False
    idd = _IDD.match(candidate)
    if idd is not None:
        candidate = "+" + candidate[idd.end() :]  # ``011 44 ...``: dialled abroad
    if candidate.startswith("+"):
        number = _parse(candidate, None)
        return number is not None and _possible(number)
    if _NANP.fullmatch(candidate):
        return True
    digits = "".join(_GROUPS.findall(candidate))
    bracketed = candidate.startswith("(")
    judged = _judged.get(regions)
    if judged is None:
        judged = _judged[regions] = _judge_regions(regions)
    groups = tuple(len(group) for group in _GROUPS.findall(candidate))
    for region, trunk in judged:
        dialled = not trunk or bracketed or digits.startswith(trunk)
        if not dialled and len(groups) < 3:
            continue
        number = _parse(candidate, region)
        if number is None or not _valid(number):
            continue
        if dialled or _national_groups(number) == groups:
            return True
    return False


def _national_groups(number: PhoneNumber) -> tuple[int, ...]:
    """The digit groups of the region's own national format of ``number``: a number written
    without the trunk prefix counts only in its region's grouping (``138 0013 8000``, a
    Chinese mobile)."""
    import phonenumbers

    written = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return tuple(len(group) for group in _GROUPS.findall(written))


_CODE_HEAD: Final = re.compile(
    r"(?<![0-9A-Za-z])(?=[0-9]{0,5}[A-Z])(?=[A-Z]{0,5}[0-9])[0-9A-Z]{2,6}(?:[ -][0-9A-Z]{1,6}){1,3}[ -]"
)
_CODE_WINDOW: Final = 32


def _code_tail(text: str, start: int) -> bool:
    """Whether the run at ``start`` ends a code written in three or more groups whose first
    group mixes capitals and digits (a parcel's tracking number ``1Z 999 AA1 01 2345 6784``):
    the run is the code's tail, not a phone number. One such word alone before a number
    (``room B12 0151 40558339``) is not a code. Reads at most `_CODE_WINDOW` characters
    back."""
    window_start = max(0, start - _CODE_WINDOW)
    return any(match.end() == start for match in _CODE_HEAD.finditer(text, window_start, start))


_IN_CHAIN_BEFORE: Final = re.compile(r"(?<![0-9A-Za-z])[0-9]{1,8}[ .-]$")
_IN_CHAIN_AFTER: Final = re.compile(r"[ .-][0-9]")
"""A group of digits alone (not a code's tail, ``B12``) joined to the run by one separator
before it, or a digit after one separator after it: the run is a piece of a longer number
(the expression takes at most 15 digits)."""


def candidates(text: str) -> list[tuple[int, str]]:
    """Distinct number-shaped runs of ``text`` (start, run) that might be phone numbers:
    dates, dotted quads and runs after a thing's label left out."""
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for count, match in enumerate(_CANDIDATE.finditer(text)):
        if count >= MAX_RUNS:
            break
        run = match.group(0).strip()
        if run in seen:
            continue
        seen.add(run)
        if (
            not run.startswith("+")
            and len(_GROUPS.findall(run)) < 2
            and not phone_context(text, match.start())
            and not _international(text, match.start())
        ):
            continue  # a bare run of digits is an id, unless the text calls it a phone
        if not 8 <= len(_DIGIT.findall(run)) <= 15 or DATE_OR_QUAD.search(run):
            continue
        if _DECIMAL.fullmatch(run) is not None:
            continue  # a decimal number (``46359.22033``, ``-33.8688197``)
        start = match.start()
        if text[start - 1 : start] == "-" and text[start - 2 : start - 1].isalpha():
            continue  # the number of a thing glued to its name (``INV-2024-000123``)
        if (start >= 2 and _IN_CHAIN_BEFORE.search(text, max(0, start - 9), start)) or (
            _IN_CHAIN_AFTER.match(text, match.end()) is not None
        ):
            continue  # a piece of a longer chain of digit groups (a parcel's 22 digits)
        label = label_before(text, start)
        if label in NOT_PERSONAL_LABELS or _code_tail(text, start):
            continue
        named = id_label(text, start, label) if label else ""
        if named in ID_SCHEME_LABELS or named in NOT_PERSONAL_LABELS:
            continue  # ``TFN 123 456 782``: an identifier (valid or not), not a phone number;
            # ``Org.nr 911 149 885``: a thing's number before its head noun
        found.append((match.start(), run))
        if len(found) >= MAX_CANDIDATES:
            break
    if "/" in text and len(found) < MAX_CANDIDATES:
        for count, match in enumerate(_SLASHED.finditer(text)):
            if count >= MAX_CANDIDATES or len(found) >= MAX_CANDIDATES:
                break
            start = match.start()
            while start > 0 and text[start - 1].isdigit():
                start -= 1  # at most four: the area code the lookbehind read
            run = text[start : match.end()]
            label = label_before(text, start)
            if run in seen or label in NOT_PERSONAL_LABELS:
                continue
            named = id_label(text, start, label) if label else ""
            if named in ID_SCHEME_LABELS or named in NOT_PERSONAL_LABELS:
                continue
            seen.add(run)
            found.append((start, run))
    return found


_HINT_WINDOW: Final = 40
_HINT_WORD: Final = re.compile(r"[^\W\d_]+")
_NOT_REGION_CODES: Final = frozenset({"AM", "PM", "ID", "TV", "PC", "GB"})
"""Two capitals that are words before a number more often than a region: times of day, an
identifier, a size (``GB`` is written ``UK``)."""
_LONGEST_NAME: Final = 4
"""Words in the longest region name looked for (``saint kitts and nevis``)."""


def region_hint(text: str, start: int) -> str | None:
    """The region named nearest before ``text[start:]`` (at most `_HINT_WINDOW` characters
    back): an ISO 3166 code written in capitals (``(DE)``, ``FR mobile``) or a name of
    `regionnames` (``Germany``, ``España``, ``Viet Nam``) written with a capital or in a
    script without case, or None."""
    window = text[max(0, start - _HINT_WINDOW) : start]
    if window.lower() == window and window.isascii():
        return None  # a name or a code is written with a capital (or in another script)
    words = _HINT_WORD.findall(window)
    if not words:
        return None
    folded = [fold(word) for word in words]
    for end in range(len(words), 0, -1):
        word = words[end - 1]
        if len(word) == 2 and word.isupper() and word.isascii():
            region = "GB" if word == "UK" else word
            if region not in _NOT_REGION_CODES and region in _supported():
                return region
        for size in range(1, min(_LONGEST_NAME, end) + 1):
            region = REGION_OF_NAME.get(" ".join(folded[end - size : end]))
            if region is not None:
                return region
    return None


_supported_regions: set[str] = set()


def _supported() -> set[str]:
    if not _supported_regions:
        import phonenumbers

        _supported_regions.update(phonenumbers.SUPPORTED_REGIONS)
    return _supported_regions


_PHONE_WORDS: Final = frozenset(
    {
        "phone", "telephone", "tel", "mobile", "mobil", "cell", "cellphone", "call", "callback",
        "sms", "text", "whatsapp", "signal", "viber", "fax", "contact", "dial", "dialled",
        "dialed", "ring", "rang", "telefon", "telefono", "telefone", "handy",
        "gsm", "movil", "celular", "portable", "cellulare", "telemovel", "puhelin", "matkapuhelin",
        "numer", "tlf", "voicemail", "otp", "mfa",
    }
)  # fmt: skip
"""Words that say a number nearby is a phone number."""


def phone_context(text: str, start: int) -> bool:
    """Whether a word of `_PHONE_WORDS` is among the words at most `_HINT_WINDOW` characters
    before ``text[start:]``."""
    window = text[max(0, start - _HINT_WINDOW) : start]
    return any(fold(word) in _PHONE_WORDS for word in _HINT_WORD.findall(window))


_INTERNATIONAL: Final = re.compile(
    r"(?:msisdn|e\.?164|wa\.me/|phone=)[\"']?\s{0,2}[:=]?\s{0,2}[\"']?$", re.IGNORECASE
)
"""A key or link that holds a number in international form without its ``+``: an MSISDN
(``msisdn=447700900123``), an E.164 field, a WhatsApp link (``wa.me/447...``)."""


def _international(text: str, start: int) -> bool:
    """Whether the digits at ``text[start:]`` follow such a key or link (read at most 24
    characters back)."""
    return _INTERNATIONAL.search(text, max(0, start - 24), start) is not None


def is_phone_in(candidate: str, region: str) -> bool:
    """Whether ``candidate`` is valid in the plan of ``region``, a region the text names: then
    any grouping is the writer's (a hint is stronger evidence than a grouping)."""
    if len(candidate) > _LONGEST:
        return False
    number = _parse(candidate, region)
    return number is not None and _valid(number)


def find_phone(text: str, regions: tuple[str, ...] = DEFAULT_REGIONS) -> Leak | None:
    """The first phone number in ``text``, masked, or None."""
    for start, run in candidates(text):
        if run.isdigit() and _international(text, start):
            number = _parse("+" + run, None)  # the key says it is international
            if number is not None and _possible(number):
                return Leak(PHONE_NUMBER, "a phone number", mask_keep(run, 3, 2))
        if is_phone(run, regions):
            return Leak(PHONE_NUMBER, "a phone number", mask_keep(run, 3, 2))
        region = region_hint(text, start)
        if region is not None and is_phone_in(run, region):
            return Leak(PHONE_NUMBER, "a phone number", mask_keep(run, 3, 2))
    return None

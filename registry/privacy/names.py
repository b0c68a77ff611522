"""Classify field names: personal data (which tag it needs) and credentials.

Names are split into words whatever their case style, abbreviations written out
(`words.py`), and searched for a *concept* (`email`, `date_of_birth`, `access_token`, a
national number python-stdnum knows ...). A concept only counts when the field holds it, not
data about it: words after the concept that describe metadata or name a technical head noun
(`email_template_id`, `phone_count`, `token_expires_at`, `font_family`, `sibling_index`) and
value types that cannot carry it (`email_verified: boolean`, `password_changed_at:
timestamp`) turn it off. Some words next to a concept change what it is about
(`bot_display_name`, `server_address`, `next_page_token`, `zip_archive_path` are not personal
data or credentials), and for some concepts a metadata word still names the thing itself
(`password_hash`, `diagnosis_code`, `disability_status`). The tables are data
(`personal.py`, `credentials.py`, `identifiers.py`) so that teams can extend them from
configuration.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from registry.privacy import identifiers
from registry.privacy.categories import CATEGORIES
from registry.privacy.compounds import COMPOUNDS
from registry.privacy.concept import METADATA_AFTER, METADATA_BEFORE, START, Concept
from registry.privacy.credentials import CREDENTIALS
from registry.privacy.personal import PERSONAL
from registry.privacy.words import name_words

__all__ = [
    "METADATA_AFTER",
    "METADATA_BEFORE",
    "Concept",
    "classify_credential",
    "classify_personal",
    "concepts_from_config",
]


_SHORT_PLURALS = frozenset({"ids", "ips", "uas"})
"""Plurals of two-letter abbreviations, which the length rule below would keep."""


def _singular(word: str) -> str:
    if word.endswith("sses"):  # `addresses`, `passes`
        return word[:-2]
    if word.endswith("ss") or len(word) <= 3:
        return word[:-1] if word in _SHORT_PLURALS else word  # `face_ids`, `client_ips`
    if word.endswith("uses"):  # `statuses`, `viruses`
        return word[:-2]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("us") else word


@lru_cache(maxsize=65536)
def _normalize(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words in the singular, once per name for every search of it."""
    return tuple(_singular(w) for w in words)


@dataclass(frozen=True, slots=True)
class Match:
    concept: Concept
    start: int
    end: int


Index = dict[str, tuple[Concept, ...]]


def build_index(concepts: Iterable[Concept]) -> Index:
    """Concepts by their first word, so that a name is compared only with candidates."""
    index: dict[str, list[Concept]] = {}
    for concept in concepts:
        index.setdefault(concept.words[0], []).append(concept)
    return {word: tuple(found) for word, found in index.items()}


_PERSONAL_INDEX = build_index(
    (*PERSONAL, *CATEGORIES, *(c for c in COMPOUNDS if c.tag != "credential"))
)
_CREDENTIAL_INDEX = build_index((*CREDENTIALS, *(c for c in COMPOUNDS if c.tag == "credential")))


def find(
    words: tuple[str, ...], indexes: Iterable[Index], kind: str | None, first: int = 0
) -> Match | None:
    """The longest concept the words hold (not merely mention), or None. A concept that the
    words after it turn into metadata yields to a concept after it (`account_holder_address_
    postal_code` is a postal code); `first` is where the search starts."""
    normalized = _normalize(words)
    best: Match | None = None
    owned: list[tuple[int, int]] = []
    """Spans of concepts whose owner says they are not a person's (`company_tax_number`): no
    shorter concept inside them counts either (`tax`)."""
    for start in range(first, len(words)):
        keys = (
            (words[start],)
            if words[start] == normalized[start]
            else (words[start], normalized[start])
        )
        candidates = [c for index in indexes for key in keys for c in index.get(key, ())]
        for concept in candidates:
            size = len(concept.words)
            if start + size > len(words):
                continue
            if (
                tuple(words[start : start + size]) != concept.words
                and tuple(normalized[start : start + size]) != concept.words
            ):
                continue
            if best is not None and size <= best.end - best.start:
                continue
            # A concept the value type cannot hold yields to a shorter one that it can
            # (`date_of_birth_year: integer` is a year of birth).
            if kind is not None and kind not in concept.kinds:
                continue
            previous = normalized[start - 1] if start else START
            if concept.before and previous not in concept.before:
                continue
            if previous in concept.not_after:
                owned.append((start, start + size))
                continue
            following = normalized[start + size] if start + size < len(words) else None
            if following is not None and following in concept.not_before:
                continue
            best = Match(concept, start, start + size)
    if best is None or any(s <= best.start and best.end <= e for s, e in owned):
        return None
    before = normalized[: best.start]
    keeps = best.concept.keeps
    for word, plain in zip(words[best.end :], normalized[best.end :], strict=True):
        # `age_of_cache_seconds`: a word counts in the form the table writes it
        if (word in METADATA_AFTER or plain in METADATA_AFTER) and not (
            word in keeps or plain in keeps
        ):
            return find(words, indexes, kind, best.end) if best.end < len(words) else None
    if before and before[0] in METADATA_BEFORE and before[0] not in keeps:
        return None
    return best


@lru_cache(maxsize=1)
def _numbers_index() -> Index:
    return build_index(identifiers.concepts())


@lru_cache(maxsize=65536)
def classify_personal(
    name: str, kind: str | None, extra: tuple[Concept, ...] = ()
) -> Concept | None:
    words = name_words(name)
    indexes = (_numbers_index(), _PERSONAL_INDEX)
    match = find(words, (*indexes, build_index(extra)) if extra else indexes, kind)
    return match.concept if match else None


@lru_cache(maxsize=65536)
def classify_credential(
    name: str, kind: str | None, extra: tuple[Concept, ...] = ()
) -> Concept | None:
    words = name_words(name)
    if find(words, (_numbers_index(),), None) is not None:
        return None  # `ke_pin`: a Kenyan tax number, not a card PIN
    indexes = (_CREDENTIAL_INDEX, build_index(extra)) if extra else (_CREDENTIAL_INDEX,)
    match = find(words, indexes, kind)
    return match.concept if match else None


def concepts_from_config(names: Iterable[str], tag: str, label: str) -> tuple[Concept, ...]:
    """Concepts for names a team adds in its configuration (any spelling)."""
    return tuple(Concept(name_words(n), tag, label) for n in names if name_words(n))

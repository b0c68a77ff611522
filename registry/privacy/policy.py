"""The sensitivity model: tags, their default redaction, and what a field ends up with."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from registry.catalog.config import Config
from registry.catalog.model import Field, Redaction

PERSONAL_TAGS = frozenset({"pii", "quasi_identifier", "special_category", "financial"})
"""Tags for personal data (credential and confidential are handled by their own rules)."""

STRENGTH = {
    Redaction.NONE: 0,
    Redaction.TRUNCATE: 1,
    Redaction.MASK: 2,
    Redaction.HASH: 3,
    Redaction.DROP: 4,
}


def default_redactions(config: Config) -> Mapping[str, Redaction]:
    return _defaults(config.vocabularies.sensitivity)


@lru_cache(maxsize=32)
def _defaults(pairs: tuple[tuple[str, str], ...]) -> Mapping[str, Redaction]:
    return MappingProxyType({tag: Redaction(policy) for tag, policy in pairs})


def effective_redaction(field: Field, config: Config) -> Redaction:
    """The field's own `redact`, or the strongest default of its tags, or none."""
    if field.type.redact is not None:
        return field.type.redact
    defaults = default_redactions(config)
    policies = [defaults[tag] for tag in field.sensitivity if tag in defaults]
    return max(policies, key=STRENGTH.__getitem__, default=Redaction.NONE)


def weaker(a: Redaction, b: Redaction) -> bool:
    return STRENGTH[a] < STRENGTH[b]

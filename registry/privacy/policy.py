"""The sensitivity model: tags, their default redaction, and what a field ends up with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from registry.catalog.config import Config
from registry.catalog.model import Field, Kind, Redaction, TypeSpec
from registry_runtime.envelope import STRENGTH as RUNTIME_STRENGTH

PERSONAL_TAGS = frozenset({"pii", "quasi_identifier", "special_category", "financial"})
"""Tags for personal data (credential and confidential are handled by their own rules)."""

STRENGTH: Mapping[Redaction, int] = MappingProxyType(
    {Redaction(mode): rank for mode, rank in RUNTIME_STRENGTH.items()}
)
"""How strongly each redaction hides a value: the runtime's order (it applies the stronger of
a member's own and its parent's redaction), read here so that the two cannot disagree."""


def default_redactions(config: Config) -> Mapping[str, Redaction]:
    return _defaults(config.vocabularies.sensitivity)


@lru_cache(maxsize=32)
def _defaults(pairs: tuple[tuple[str, str], ...]) -> Mapping[str, Redaction]:
    return MappingProxyType({tag: Redaction(policy) for tag, policy in pairs})


def effective_redaction(field: Field, config: Config) -> Redaction:
    """The field's own `redact`, or the strongest default of its tags, or none."""
    return _own_redaction(field.type, config)


def weaker(a: Redaction, b: Redaction) -> bool:
    return STRENGTH[a] < STRENGTH[b]


CREDENTIAL_TAG = "credential"
"""The tag of secrets: a field or member carrying it is never written, at any depth."""


@dataclass(frozen=True, slots=True)
class RedactionPlan:
    """What the emitters write for one field, and for each member and item inside it.

    Sensitivity applies at every depth: a member's `redaction` is the stronger of its own
    effective redaction and that of every enclosing field (a member of a hashed object is
    hashed), and a member tagged credential is never written, whatever encloses it. The
    generated emitters, check-events, the docs and the JSON Schema target all read this plan,
    so they cannot disagree about what a record holds.
    """

    name: str
    """The field or member name; `ITEMS` for the items of a list."""
    redaction: Redaction
    credential: bool
    kind: Kind
    members: tuple[RedactionPlan, ...] = ()
    """The declared members of an object (empty for other kinds and for free-form objects)."""
    items: RedactionPlan | None = None
    """The plan of each item of a list."""

    @property
    def written(self) -> bool:
        """Whether any form of the value appears in a record: never for a credential, a
        dropped value, or a list whose items are never written (the emitters leave it out)."""
        if self.credential or self.redaction is Redaction.DROP:
            return False
        return self.items is None or self.items.written

    @property
    def sensitive(self) -> bool:
        """Whether this value, or anything inside it, is redacted or never written."""
        if self.credential or self.redaction is not Redaction.NONE:
            return True
        if self.items is not None and self.items.sensitive:
            return True
        return any(member.sensitive for member in self.members)


ITEMS = "[]"
"""The `RedactionPlan.name` of a list's items."""


def redaction_plan(field: Field, config: Config) -> RedactionPlan:
    """The plan of a top-level field (see `RedactionPlan`)."""
    return _plan(field.name, field.type, config, Redaction.NONE)


def _plan(name: str, spec: TypeSpec, config: Config, enclosing: Redaction) -> RedactionPlan:
    credential = CREDENTIAL_TAG in spec.sensitivity
    redaction = max(enclosing, _own_redaction(spec, config), key=STRENGTH.__getitem__)
    members = tuple(_plan(member.name, member.type, config, redaction) for member in spec.fields)
    items = _plan(ITEMS, spec.items, config, redaction) if spec.items is not None else None
    return RedactionPlan(name, redaction, credential, spec.kind, members, items)


def _own_redaction(spec: TypeSpec, config: Config) -> Redaction:
    if spec.redact is not None:
        return spec.redact
    if not spec.sensitivity:
        return Redaction.NONE
    return _tags_redaction(spec.sensitivity, config.vocabularies.sensitivity)


@lru_cache(maxsize=1024)
def _tags_redaction(tags: frozenset[str], pairs: tuple[tuple[str, str], ...]) -> Redaction:
    """The strongest default redaction of ``tags`` (a catalog uses few sets of tags)."""
    defaults = _defaults(pairs)
    policies = [defaults[tag] for tag in tags if tag in defaults]
    return max(policies, key=STRENGTH.__getitem__, default=Redaction.NONE)

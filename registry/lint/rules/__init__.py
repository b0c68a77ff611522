"""The rule registry: a rule for every finding code, by code. Codes are stable and never reused.

The lint rules (a module each, with a check) are listed below; every other code of
`registry.findings.codes` (reported by the loader, the schema check, the resolver, lint's
suppression handling, the configuration loader or `registry diff`) gets a rule without a check
and with its docs from `registry.findings.docs`, so that `registry rules` and `registry explain`
list them all, in the order of the codes' table.
"""

from __future__ import annotations

from functools import cache

from registry.findings.codes import ALL_CODES, KnownCodes
from registry.findings.docs import DOCS
from registry.lint.rules import (
    a001_actor_missing,
    a002_targets_missing,
    a003_change_without_values,
    a004_deletion_without_identifier,
    a005_security_failure_not_recorded,
    a006_failure_without_reason,
    d001_missing_description,
    d002_useless_description,
    d003_field_description,
    d004_file_description,
    n001_event_name_format,
    n002_segment_count,
    n003_verb_tense,
    n004_namespace,
    n005_reserved_word,
    n006_name_too_long,
    n007_field_name_format,
    n008_field_keyword,
    n009_field_shadows_envelope,
    n010_near_duplicate,
    n011_vague_name,
    n012_synonym_action,
    n013_two_actions,
    n014_misspelt_word,
    n015_repeated_object,
    p001_untagged_personal_data,
    p002_credential_field,
    p003_unredacted_personal_data,
    p004_realistic_example,
    p005_unbounded_free_text,
    p006_weakened_redaction,
    p007_unknown_sensitivity_tag,
    p008_opaque_value,
    r004_identifier_collision,
    r009_unknown_replacement,
    r010_unknown_category,
    r011_unknown_party_type,
    r012_unknown_requirement,
    r014_searched_pattern,
)
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

LINT_RULES: tuple[Rule, ...] = (
    r004_identifier_collision.RULE,
    r009_unknown_replacement.RULE,
    r010_unknown_category.RULE,
    r011_unknown_party_type.RULE,
    r012_unknown_requirement.RULE,
    r014_searched_pattern.RULE,
    n001_event_name_format.RULE,
    n002_segment_count.RULE,
    n003_verb_tense.RULE,
    n004_namespace.RULE,
    n005_reserved_word.RULE,
    n006_name_too_long.RULE,
    n007_field_name_format.RULE,
    n008_field_keyword.RULE,
    n009_field_shadows_envelope.RULE,
    n010_near_duplicate.RULE,
    n011_vague_name.RULE,
    n012_synonym_action.RULE,
    n013_two_actions.RULE,
    n014_misspelt_word.RULE,
    n015_repeated_object.RULE,
    p001_untagged_personal_data.RULE,
    p002_credential_field.RULE,
    p003_unredacted_personal_data.RULE,
    p004_realistic_example.RULE,
    p005_unbounded_free_text.RULE,
    p006_weakened_redaction.RULE,
    p007_unknown_sensitivity_tag.RULE,
    p008_opaque_value.RULE,
    a001_actor_missing.RULE,
    a002_targets_missing.RULE,
    a003_change_without_values.RULE,
    a004_deletion_without_identifier.RULE,
    a005_security_failure_not_recorded.RULE,
    a006_failure_without_reason.RULE,
    d001_missing_description.RULE,
    d002_useless_description.RULE,
    d003_field_description.RULE,
    d004_file_description.RULE,
)
"""The rules lint runs: each has a check."""


def _every_code() -> tuple[Rule, ...]:
    checked = {rule.spec: rule for rule in LINT_RULES}
    missing = [str(c) for c in ALL_CODES if c not in checked and c not in DOCS]
    if missing or len(checked) != len(LINT_RULES) or set(checked) & set(DOCS):
        raise RuntimeError(f"every code needs exactly one rule or docs entry: {missing}")
    return tuple(checked.get(code) or Rule(code, DOCS[code]) for code in ALL_CODES)


ALL_RULES: tuple[Rule, ...] = _every_code()
"""A rule for every code, in the order of the codes' table (families Y S R N P A B D L C)."""

COMPATIBILITY_RULES: tuple[Rule, ...] = tuple(rule for rule in ALL_RULES if rule.family == "B")
"""The codes `registry diff` reports; their examples are BASE/HEAD pairs
(`registry.findings.docs.compatibility_examples.split`)."""

FAMILIES = {
    "Y": "loading",
    "S": "schema",
    "R": "resolve",
    "N": "naming",
    "P": "privacy",
    "A": "audit completeness",
    "B": "compatibility",
    "D": "documentation",
    "L": "lint directives",
    "C": "configuration",
}


@cache
def by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in ALL_RULES}


def get(code: str) -> Rule | None:
    return by_code().get(code.upper())


@cache
def known_codes() -> KnownCodes:
    """Every rule code, with the options each rule declares (the configuration is checked
    against them)."""
    return KnownCodes({code: rule.option_defaults() for code, rule in by_code().items()})


__all__ = [
    "ALL_RULES",
    "COMPATIBILITY_RULES",
    "FAMILIES",
    "LINT_RULES",
    "Rule",
    "RuleContext",
    "RuleDocs",
    "by_code",
    "get",
    "known_codes",
]

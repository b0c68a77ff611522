"""The rule registry: every rule, by code. Codes are stable and never reused."""

from __future__ import annotations

from functools import cache

from registry.findings.codes import KnownCodes
from registry.lint.rules import (
    a001_actor_missing,
    a002_targets_missing,
    a003_change_without_values,
    a004_deletion_without_identifier,
    a005_security_failure_not_recorded,
    a006_failure_without_reason,
    b_compatibility,
    c001_invalid,
    c002_unknown_key,
    d001_missing_description,
    d002_useless_description,
    d003_field_description,
    d004_file_description,
    l001_unused_suppression,
    l002_unknown_suppression,
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
    p001_untagged_personal_data,
    p002_credential_field,
    p003_unredacted_personal_data,
    p004_realistic_example,
    p005_unbounded_free_text,
    p006_weakened_redaction,
    p007_unknown_sensitivity_tag,
    r001_unknown_type,
    r002_include_cycle,
    r003_duplicate_event,
    r004_identifier_collision,
    r005_missing_include,
    r006_duplicate_type,
    r007_type_cycle,
    r008_invalid_pattern,
    r009_unknown_replacement,
    r010_unknown_category,
    r011_unknown_party_type,
    r012_unknown_requirement,
    s001_unknown_key,
    s002_wrong_type,
    s003_missing_key,
    s004_value_not_allowed,
    s005_pattern,
    s006_out_of_range,
    s007_invalid,
    y001_yaml_syntax,
    y002_duplicate_key,
    y003_unsafe_tag,
    y004_file_too_large,
    y005_not_utf8,
    y006_tab_indentation,
    y007_empty_file,
    y008_alias_bomb,
    y009_too_deep,
    y010_multiple_documents,
    y011_non_string_key,
    y012_unreadable,
    y013_no_catalogs,
)
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

ALL_RULES: tuple[Rule, ...] = (
    y001_yaml_syntax.RULE,
    y002_duplicate_key.RULE,
    y003_unsafe_tag.RULE,
    y004_file_too_large.RULE,
    y005_not_utf8.RULE,
    y006_tab_indentation.RULE,
    y007_empty_file.RULE,
    y008_alias_bomb.RULE,
    y009_too_deep.RULE,
    y010_multiple_documents.RULE,
    y011_non_string_key.RULE,
    y012_unreadable.RULE,
    y013_no_catalogs.RULE,
    s001_unknown_key.RULE,
    s002_wrong_type.RULE,
    s003_missing_key.RULE,
    s004_value_not_allowed.RULE,
    s005_pattern.RULE,
    s006_out_of_range.RULE,
    s007_invalid.RULE,
    r001_unknown_type.RULE,
    r002_include_cycle.RULE,
    r003_duplicate_event.RULE,
    r004_identifier_collision.RULE,
    r005_missing_include.RULE,
    r006_duplicate_type.RULE,
    r007_type_cycle.RULE,
    r008_invalid_pattern.RULE,
    r009_unknown_replacement.RULE,
    r010_unknown_category.RULE,
    r011_unknown_party_type.RULE,
    r012_unknown_requirement.RULE,
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
    p001_untagged_personal_data.RULE,
    p002_credential_field.RULE,
    p003_unredacted_personal_data.RULE,
    p004_realistic_example.RULE,
    p005_unbounded_free_text.RULE,
    p006_weakened_redaction.RULE,
    p007_unknown_sensitivity_tag.RULE,
    a001_actor_missing.RULE,
    a002_targets_missing.RULE,
    a003_change_without_values.RULE,
    a004_deletion_without_identifier.RULE,
    a005_security_failure_not_recorded.RULE,
    a006_failure_without_reason.RULE,
    *b_compatibility.RULES,
    d001_missing_description.RULE,
    d002_useless_description.RULE,
    d003_field_description.RULE,
    d004_file_description.RULE,
    l001_unused_suppression.RULE,
    l002_unknown_suppression.RULE,
    c001_invalid.RULE,
    c002_unknown_key.RULE,
)

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
    "FAMILIES",
    "Rule",
    "RuleContext",
    "RuleDocs",
    "by_code",
    "get",
    "known_codes",
]

"""The rule registry: every rule, by code. Codes are stable and never reused."""

from __future__ import annotations

from functools import cache

from registry.rules import (
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
from registry.rules.base import Rule, RuleContext, RuleDocs

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
    "D": "documentation",
    "L": "lint directives",
    "C": "configuration",
}


@cache
def by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in ALL_RULES}


def get(code: str) -> Rule | None:
    return by_code().get(code.upper())


def known_codes() -> frozenset[str]:
    return frozenset(by_code())


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

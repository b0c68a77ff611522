"""Finding codes: each one with its name, default severity and summary; which codes a run knows.

A code is stable and never reused. `Code` carries what is said about it everywhere (its id, its
dotted name, its default severity and a one-line summary); the table below is the one place
where each code of the families Y S R N P A B D L C is written, and the only place its default
severity is. The stages import the constants (`codes.DUPLICATE_KEY`) instead of spelling the
id; `registry rules` and `registry explain` list them (the docs of the codes no lint rule
checks are in `registry.findings.docs`). The E codes of `registry check-events` share the type
and have their own table (`registry.checkevents.codes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, Self

from registry.findings import Severity


@dataclass(frozen=True, slots=True)
class Code:
    """One finding code: `Y002 loading.duplicate-key (error)`. `str(code)` is the id."""

    id: str
    """Family letter and number, as findings, suppressions and the configuration spell it."""
    name: str
    severity: Severity
    """The default severity; a configuration may override it (`rules: {Y002: {severity: ...}}`)."""
    summary: str

    def __str__(self) -> str:
        return self.id

    @property
    def code(self) -> str:
        """The id (the name the listings of codes read it by)."""
        return self.id

    @property
    def family(self) -> str:
        return self.id[0]


_E, _W = Severity.ERROR, Severity.WARNING

# One line per code, in the order `registry rules` lists them (family by family).
# fmt: off
# Y: loading
YAML_SYNTAX = Code("Y001", "loading.yaml-syntax", _E, "The file is not valid YAML.")
DUPLICATE_KEY = Code("Y002", "loading.duplicate-key", _E, "The same key appears twice in one mapping.")
UNSAFE_TAG = Code("Y003", "loading.unsafe-tag", _E, "A YAML tag other than the plain data types.")
FILE_TOO_LARGE = Code("Y004", "loading.file-too-large", _E, "The file is larger than the configured limit.")
NOT_UTF8 = Code("Y005", "loading.not-utf8", _E, "The file is not UTF-8 text.")
TAB_INDENTATION = Code("Y006", "loading.tab-indentation", _E, "A tab where YAML allows only spaces.")
EMPTY_FILE = Code("Y007", "loading.empty-file", _E, "The file holds no YAML document, or only `null`.")
ALIAS_BOMB = Code("Y008", "loading.alias-bomb", _E, "Aliases expand to more nodes than the limit.")
TOO_DEEP = Code("Y009", "loading.too-deep", _E, "Nesting deeper than the configured limit.")
MULTIPLE_DOCUMENTS = Code("Y010", "loading.multiple-documents", _E, "A catalog file holds more than one YAML document.")
NON_STRING_KEY = Code("Y011", "loading.non-string-key", _E, "A mapping key that YAML reads as a number, boolean, null or collection.")
UNREADABLE = Code("Y012", "loading.unreadable", _E, "A path that does not exist or cannot be read.")
NO_CATALOGS = Code("Y013", "loading.no-catalogs", _E, "A directory without any catalog files.")

# S: schema
UNKNOWN_KEY = Code("S001", "schema.unknown-key", _E, "A key the catalog format does not define.")
WRONG_TYPE = Code("S002", "schema.wrong-type", _E, "A value of the wrong type.")
MISSING_KEY = Code("S003", "schema.missing-key", _E, "A required key is missing.")
VALUE_NOT_ALLOWED = Code("S004", "schema.value-not-allowed", _E, "A value outside the allowed set.")
PATTERN_MISMATCH = Code("S005", "schema.pattern", _E, "A name or value that does not match its required pattern.")
OUT_OF_RANGE = Code("S006", "schema.out-of-range", _E, "A number, length or list size out of range.")
INVALID_VALUE = Code("S007", "schema.invalid", _E, "The value does not fit the catalog format.")
AMBIGUOUS_NUMBER = Code("S008", "schema.ambiguous-number", _E, "A number the catalog cannot mean as written: a fractional version, NaN or infinity, an integer too large, or an integer with leading zeros.")

# R: resolve
UNKNOWN_TYPE = Code("R001", "resolve.unknown-type", _E, "A field uses a type that is neither built in nor declared.")
INCLUDE_CYCLE = Code("R002", "resolve.include-cycle", _E, "Catalog files include each other in a cycle.")
DUPLICATE_EVENT = Code("R003", "resolve.duplicate-event", _E, "The same event is defined in two places.")
IDENTIFIER_COLLISION = Code("R004", "resolve.identifier-collision", _E, "Two events or two fields would get the same generated Python name.")
MISSING_INCLUDE = Code("R005", "resolve.missing-include", _E, "An included catalog cannot be found or read.")
DUPLICATE_TYPE = Code("R006", "resolve.duplicate-type", _E, "A named type is declared twice.")
TYPE_CYCLE = Code("R007", "resolve.type-cycle", _E, "Named types refer to each other in a cycle.")
INVALID_PATTERN = Code("R008", "resolve.invalid-pattern", _E, "A `pattern` that is not a valid regular expression.")
UNKNOWN_REPLACEMENT = Code("R009", "resolve.unknown-replacement", _E, "A deprecated event names a replacement that does not exist.")
UNKNOWN_CATEGORY = Code("R010", "resolve.unknown-category", _E, "An event's category is not in the configured vocabulary.")
UNKNOWN_PARTY_TYPE = Code("R011", "resolve.unknown-party-type", _E, "An actor or target type is not in the configured vocabulary.")
UNKNOWN_REQUIREMENT = Code("R012", "resolve.unknown-requirement", _E, "`covers:` names a coverage requirement that no profile defines.")
SLOW_PATTERN = Code("R013", "resolve.slow-pattern", _E, "A `pattern` whose matching time can grow faster than linearly with the input (catastrophic backtracking).")
SEARCHED_PATTERN = Code("R014", "resolve.searched-pattern", _W, "A `pattern` searched anywhere in the value, on a field without `max_length`: values over 4,096 characters are refused.")

# N: naming
EVENT_NAME_FORMAT = Code("N001", "naming.event-format", _E, "An event name does not match the naming pattern.")
SEGMENT_COUNT = Code("N002", "naming.segment-count", _E, "An event name has too few or too many dot-separated segments.")
VERB_TENSE = Code("N003", "naming.verb-tense", _E, "The action of an event name does not use the configured verb tense.")
NAMESPACE_NOT_ALLOWED = Code("N004", "naming.namespace", _E, "An event name starts with a namespace that is not in the allowed list.")
RESERVED_WORD = Code("N005", "naming.reserved-word", _E, "An event name uses a reserved or placeholder word.")
NAME_TOO_LONG = Code("N006", "naming.too-long", _W, "An event name is longer than the configured maximum.")
FIELD_NAME_FORMAT = Code("N007", "naming.field-format", _E, "A field name does not match the field naming pattern (snake_case).")
FIELD_KEYWORD = Code("N008", "naming.field-keyword", _E, "A field name is a Python keyword or soft keyword.")
FIELD_SHADOWS_ENVELOPE = Code("N009", "naming.field-shadows-envelope", _E, "A field has the name of an envelope member (actor, occurred_at, ...).")
NEAR_DUPLICATE = Code("N010", "naming.near-duplicate", _E, "Two event names differ only in case, separators or word order.")
VAGUE_NAME = Code("N011", "naming.vague", _W, "An event name says that something happened, not what.")
SYNONYM_ACTION = Code("N012", "naming.synonym-action", _W, "Two events name one action on one object with two verbs (deleted, removed).")
TWO_ACTIONS = Code("N013", "naming.two-actions", _W, "An event name joins two actions (created_and_invited).")
MISSPELT_WORD = Code("N014", "naming.misspelt-word", _W, "A word of an event name is one letter away from a word the catalog uses more.")
REPEATED_OBJECT = Code("N015", "naming.repeated-object", _W, "The action of an event name repeats its object (user.user_deleted).")

# P: privacy
UNTAGGED_PERSONAL_DATA = Code("P001", "privacy.untagged-personal-data", _E, "A field looks like personal data but has no sensitivity tag.")
CREDENTIAL_FIELD = Code("P002", "privacy.credential-field", _E, "A field would hold a password, key, token or other secret.")
UNREDACTED_PERSONAL_DATA = Code("P003", "privacy.unredacted-personal-data", _E, "A personal-data field is written in clear without a stated reason.")
REALISTIC_EXAMPLE = Code("P004", "privacy.realistic-example", _E, "An example value looks like real personal data.")
UNBOUNDED_FREE_TEXT = Code("P005", "privacy.unbounded-free-text", _W, "A string field accepts any text of any length.")
WEAKENED_REDACTION = Code("P006", "privacy.weakened-redaction", _E, "A field lowers the redaction its named type asks for.")
UNKNOWN_SENSITIVITY_TAG = Code("P007", "privacy.unknown-tag", _E, "A sensitivity tag is not in the configured vocabulary.")
OPAQUE_VALUE = Code("P008", "privacy.opaque-value", _E, "A field whose name says nothing of what it holds (value, payload, data, before ...) declares no sensitivity.")

# A: audit completeness
ACTOR_MISSING = Code("A001", "audit.actor-missing", _E, "An event does not say who performs it.")
TARGETS_MISSING = Code("A002", "audit.targets-missing", _E, "An event does not say what it acts on.")
CHANGE_WITHOUT_VALUES = Code("A003", "audit.change-without-values", _E, "A change event records neither the old nor the new value.")
DELETION_WITHOUT_IDENTIFIER = Code("A004", "audit.deletion-without-identifier", _E, "A deletion event keeps no identifier of what was deleted.")
SECURITY_FAILURE_NOT_RECORDED = Code("A005", "audit.security-failure-not-recorded", _E, "An event in a security category does not allow the failure outcome.")
FAILURE_WITHOUT_REASON = Code("A006", "audit.failure-without-reason", _E, "A security event that can fail declares no failure reasons.")

# B: compatibility
EVENT_REMOVED = Code("B001", "compatibility.event-removed", _E, "An event was removed without being deprecated first.")
FIELD_REMOVED = Code("B002", "compatibility.field-removed", _E, "A field was removed from an event.")
FIELD_RENAMED = Code("B003", "compatibility.field-renamed", _E, "A field was renamed (removed, and added with the same type).")
FIELD_BECAME_REQUIRED = Code("B004", "compatibility.field-became-required", _E, "An optional field became required.")
REQUIRED_FIELD_ADDED = Code("B005", "compatibility.required-field-added", _E, "A required field was added to an existing event.")
TYPE_CHANGED = Code("B006", "compatibility.type-changed", _E, "The type of a field changed kind (for example integer to string).")
TYPE_NARROWED = Code("B007", "compatibility.type-narrowed", _E, "A field's constraints were tightened (bounds, pattern, format, max_length).")
TYPE_WIDENED = Code("B008", "compatibility.type-widened", _E, "A field's constraints were loosened (breaks forward compatibility only).")
ENUM_VALUE_REMOVED = Code("B009", "compatibility.enum-value-removed", _E, "A value was removed from an enum.")
ENUM_VALUE_ADDED = Code("B010", "compatibility.enum-value-added", _E, "A value was added to an enum (breaks forward compatibility only).")
OUTCOME_REMOVED = Code("B011", "compatibility.outcome-removed", _E, "An outcome was removed from an event.")
OUTCOME_ADDED = Code("B012", "compatibility.outcome-added", _E, "An outcome was added to an event (breaks forward compatibility only).")
FIELD_BECAME_OPTIONAL = Code("B013", "compatibility.field-became-optional", _E, "A required field became optional (breaks forward compatibility only).")
SENSITIVITY_REMOVED = Code("B014", "compatibility.sensitivity-removed", _E, "A sensitivity tag was removed from a field (privacy).")
REDACTION_WEAKENED = Code("B015", "compatibility.redaction-weakened", _E, "A field's effective redaction was weakened (privacy).")
CREDENTIAL_FIELD_ADDED = Code("B016", "compatibility.credential-field-added", _E, "A credential-tagged field appears (privacy).")
VERSION_NOT_BUMPED = Code("B017", "compatibility.version-not-bumped", _E, "An event changed in a breaking way without a version bump.")
REPLACEMENT_NOT_IN_HEAD = Code("B018", "compatibility.unknown-replacement", _E, "A deprecated event names a replacement HEAD does not define.")
EVENT_ADDED = Code("B019", "compatibility.event-added", _W, "An event was added (non-breaking).")
OPTIONAL_FIELD_ADDED = Code("B020", "compatibility.optional-field-added", _W, "An optional field was added (non-breaking).")
DESCRIPTION_CHANGED = Code("B021", "compatibility.description-changed", _W, "A description changed (non-breaking).")
DEPRECATION_ADDED = Code("B022", "compatibility.deprecation-added", _W, "An event or a field was deprecated (non-breaking).")
DEPRECATED_EVENT_REMOVED = Code("B023", "compatibility.deprecated-event-removed", _W, "A deprecated event was removed (non-breaking).")
FAILURE_REASON_REMOVED = Code("B024", "compatibility.failure-reason-removed", _E, "A failure reason was removed from an event.")
FAILURE_REASON_ADDED = Code("B025", "compatibility.failure-reason-added", _E, "A failure reason was added to an event (breaks forward compatibility).")
ACTOR_OR_TARGET_TYPE_REMOVED = Code("B026", "compatibility.actor-or-target-type-removed", _E, "An actor type or a target type was removed from an event.")
ACTOR_OR_TARGET_TYPE_ADDED = Code("B027", "compatibility.actor-or-target-type-added", _E, "An actor or target type was added to an event (breaks forward compatibility).")
CATEGORY_CHANGED = Code("B028", "compatibility.category-changed", _E, "An event moved to another category.")
COMPATIBILITY_MODE_CHANGED = Code("B029", "compatibility.mode-changed", _W, "A catalog file changed its compatibility mode (listed).")

# D: documentation
MISSING_DESCRIPTION = Code("D001", "docs.missing-description", _E, "An event has no description.")
USELESS_DESCRIPTION = Code("D002", "docs.useless-description", _W, "A description only repeats the name, or is too short to help.")
FIELD_DESCRIPTION_MISSING = Code("D003", "docs.field-description", _W, "A field has no description (neither its own nor its named type's).")
FILE_DESCRIPTION_MISSING = Code("D004", "docs.file-description", _W, "A catalog file has no description or names no owners.")

# L: lint directives
UNUSED_SUPPRESSION = Code("L001", "lint.unused-suppression", _W, "A suppression that matched no finding.")
UNKNOWN_SUPPRESSION = Code("L002", "lint.unknown-suppression", _E, "A suppression names no known rule.")

# C: configuration
INVALID_CONFIG = Code("C001", "config.invalid", _E, "The configuration is invalid.")
UNKNOWN_CONFIG_KEY = Code("C002", "config.unknown-key", _W, "A configuration key registry does not know.")

# fmt: on

ALL_CODES: Final[tuple[Code, ...]] = tuple(
    value for value in tuple(globals().values()) if isinstance(value, Code)
)
"""Every code of the table above, in its order (collected, so that a code is written once)."""

BY_ID: Final[Mapping[str, Code]] = MappingProxyType({code.id: code for code in ALL_CODES})


def lookup(code_id: str) -> Code:
    """The code with this id (`"Y002"`); KeyError for an id no code has."""
    return BY_ID[code_id]


class KnownCodes(frozenset[str]):
    """The rule codes a run knows, each with the options its rule declares (name -> default).

    A set of codes, so that prefixes are matched against it; the stages below the rules
    (the configuration loader) receive it instead of importing the rules.
    """

    options: Mapping[str, Mapping[str, Any]]

    def __new__(cls, options: Mapping[str, Mapping[str, Any]]) -> Self:
        known = super().__new__(cls, options)
        known.options = MappingProxyType(dict(options))
        return known

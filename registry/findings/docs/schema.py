"""Docs of the schema codes (S001-S008): what each reports, why it matters, examples.

No lint rule checks them: the schema check (registry.catalog.validate) reports them. `registry
explain` shows these docs; the bad and the good example are whole catalog files that the tests
lint.
"""

from __future__ import annotations

from typing import Final

from registry.findings import codes
from registry.findings.docs.examples import BOT_EVENT, CATALOG
from registry.findings.rule_docs import RuleDocs

DOCS: Final[dict[codes.Code, RuleDocs]] = {
    codes.UNKNOWN_KEY: RuleDocs(
        what=(
            "Reports keys that are not part of the catalog format at that place, with the "
            "closest known key as a hint. Keys starting with `x-` are free for extensions."
        ),
        why=(
            "A misspelt key (`requried: true`, `sensitivty: pii`) is otherwise ignored, and the "
            "protection it was meant to add silently does not exist."
        ),
        bad=BOT_EVENT
        + (
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, requried: true, description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
    codes.WRONG_TYPE: RuleDocs(
        what=(
            "Reports values whose type does not fit the format: a list where a mapping is "
            "expected, a number where text is expected. For YAML surprises, such as `1.10` read "
            "as the number 1.1, the hint shows how to quote it."
        ),
        why=(
            "Wrongly typed values are either dropped or misread by every later step; YAML's "
            "implicit typing makes this easy to write by accident."
        ),
        bad=(
            "domain: communication\n"
            "description: Team chat.\n"
            "owners: [chat-team]\n"
            "events:\n"
            "  user.added_bot:\n"
            "    description: A user added a bot to a channel.\n"
            "    category: integration\n"
            "    actor: {user: true}\n"
            "    targets: [channel]\n"
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
    codes.MISSING_KEY: RuleDocs(
        what=(
            "Reports keys the format requires: `type` on a field, `values` on an enum, `items` "
            "on a list, `fields` on an object, `reason` on a suppression or deprecation."
        ),
        why=(
            "Without them the field cannot be generated or checked; an enum without values "
            "accepts nothing."
        ),
        bad=BOT_EVENT + "    fields:\n      bot_id: {type: enum, description: Kind of bot.}\n",
        good=CATALOG,
    ),
    codes.VALUE_NOT_ALLOWED: RuleDocs(
        what=(
            "Reports values that must come from a fixed list: `redact` policies, `format` names, "
            "`outcomes`."
        ),
        why="A misspelt policy (`redact: hsah`) would otherwise mean no redaction at all.",
        bad=BOT_EVENT
        + (
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, redact: hsah, description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
    codes.PATTERN_MISMATCH: RuleDocs(
        what=(
            "Reports type names, domain names and rule codes that do not match the format's "
            "patterns."
        ),
        why=(
            "These names become identifiers in generated code and keys in configuration; a bad "
            "one breaks those later steps."
        ),
        bad=(
            "domain: Team Chat\n"
            "description: Team chat.\n"
            "owners: [chat-team]\n"
            "events:\n"
            "  user.added_bot:\n"
            "    description: A user added a bot to a channel.\n"
            "    category: integration\n"
            "    actor: [user]\n"
            "    targets: [channel]\n"
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
    codes.OUT_OF_RANGE: RuleDocs(
        what=(
            "Reports values below a minimum or above a maximum, empty lists that must have "
            "items, and duplicated list items: `version: 0`, `values: []`, `max_length: -1`."
        ),
        why="These values cannot mean anything sensible and would produce broken emitters.",
        bad=BOT_EVENT
        + (
            "    version: 0\n"
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
    codes.INVALID_VALUE: RuleDocs(
        what="Reports schema violations not covered by a more specific S rule.",
        why=(
            "The catalog format is a contract between the people writing catalogs and every tool "
            "that reads them."
        ),
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
    codes.AMBIGUOUS_NUMBER: RuleDocs(
        what=(
            "Reports numbers the catalog (or the configuration) cannot mean as written: a "
            "decimal where a whole number is expected (`version: 2.0`, `max_length: 64.0`, "
            "`values: [1.0]`, `max_file_bytes: 5e6`), NaN or an infinity anywhere (`max: .nan`, "
            "`min: -.inf`, `1e400`, which YAML reads as infinity), an integer outside 64 bits, "
            "and an integer written with leading zeros (`0644`), which YAML 1.2 readers take as "
            "decimal 644 and YAML 1.1 readers (PyYAML and many tools) as octal 420. A decimal "
            "that is not whole (`version: 1.5`) is S002 with the same hint."
        ),
        why=(
            "Each is read as something else without a word: a version rounded down asks for a "
            "bump that was made, a NaN bound compares false with everything so the check it "
            "declares never fails, an integer beyond 64 bits is changed by JSON readers and "
            "databases, and `0644` becomes 644 in one reader and 420 in another. Write the "
            "whole number, leave the bound out, or quote the text (`'0644'`)."
        ),
        bad=BOT_EVENT
        + (
            "    version: 2.0\n"
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
}

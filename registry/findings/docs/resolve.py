"""Docs of the resolve codes (R001-R008): what each reports, why it matters, examples.

No lint rule checks them: the resolver (registry.catalog.resolve) reports them while it builds
the model. `registry explain` shows these docs; the bad and the good example are whole catalog
files that the tests lint.
"""

from __future__ import annotations

from typing import Final

from registry.findings import codes
from registry.findings.docs.examples import BOT_EVENT, CATALOG
from registry.findings.rule_docs import RuleDocs

DOCS: Final[dict[codes.Code, RuleDocs]] = {
    codes.UNKNOWN_TYPE: RuleDocs(
        what=(
            "Reports field types that are not one of the built-in types (string, integer, "
            "number, boolean, timestamp, date, uuid, enum, list, object) and not declared under "
            "`types:` in any loaded catalog file."
        ),
        why=(
            "The field cannot be generated or validated; usually the type's file is not "
            "included, or its name is misspelt."
        ),
        bad=BOT_EVENT
        + (
            "    fields:\n"
            "      bot_id: {type: bot_identifier, description: Identifier of the bot.}\n"
        ),
        good=(
            "domain: communication\n"
            "description: Team chat.\n"
            "owners: [chat-team]\n"
            "types:\n"
            "  bot_identifier: {type: string, pattern: '^bot_[a-z0-9]+$'}\n"
            "events:\n"
            "  user.added_bot:\n"
            "    description: A user added a bot to a channel.\n"
            "    category: integration\n"
            "    actor: [user]\n"
            "    targets: [channel]\n"
            "    fields:\n"
            "      bot_id: {type: bot_identifier, description: Identifier of the bot.}\n"
        ),
    ),
    codes.INCLUDE_CYCLE: RuleDocs(
        what="Reports an `include` entry that leads back to a file already on the include path.",
        why=(
            "Cycles make the load order ambiguous and usually mean the shared types belong in a "
            "file of their own."
        ),
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
    codes.DUPLICATE_EVENT: RuleDocs(
        what="Reports an event name defined in more than one catalog file, naming both places.",
        why=(
            "Only one definition can be generated; the other one is silently ignored by whoever "
            "reads the files in a different order."
        ),
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
    codes.MISSING_INCLUDE: RuleDocs(
        what=(
            "Reports `include` entries that point to a file that does not exist, or a `builtin:` "
            "name that registry does not ship."
        ),
        why=(
            "The types and events it should provide are missing, which causes a cascade of "
            "unknown-type findings."
        ),
        bad=(
            "domain: communication\n"
            "description: Team chat.\n"
            "owners: [chat-team]\n"
            "include: [shared/missing.yaml]\n"
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
    codes.DUPLICATE_TYPE: RuleDocs(
        what=(
            "Reports a name under `types:` that is declared in more than one loaded file, naming "
            "the first."
        ),
        why="Fields would silently get one of the two definitions, depending on load order.",
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
    codes.TYPE_CYCLE: RuleDocs(
        what=(
            "Reports named types whose definitions lead back to themselves (`a: {type: b}`, `b: "
            "{type: a}`)."
        ),
        why="Such a type has no concrete shape and cannot be generated or validated.",
        bad=(
            "domain: communication\n"
            "description: Team chat.\n"
            "owners: [chat-team]\n"
            "types:\n"
            "  left: {type: right}\n"
            "  right: {type: left}\n"
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
    codes.INVALID_PATTERN: RuleDocs(
        what=(
            "Reports `pattern` values that Python's `re` module cannot compile, compiles only "
            "with a FutureWarning (an ambiguous set such as `[[a]` or `[a--z]`), or whose "
            "groups nest more than 100 levels deep."
        ),
        why="Generated validators would fail at import time, in production, instead of in CI.",
        bad=BOT_EVENT
        + (
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, pattern: '^bot_[a-z+$', description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
    codes.SLOW_PATTERN: RuleDocs(
        what=(
            "Reports patterns that a backtracking engine (Python's `re`, the one the generated "
            "emitters and check-events use) can take exponential or polynomial time to match: "
            "nested quantifiers `(a+)+`, overlapping alternatives under a quantifier "
            "`(a|b|ab)*`, adjacent repetitions that overlap before something that can fail "
            "`\\d+\\d+x`, an unanchored repetition that scans to the end from every start "
            "position `[a-z]+x`, a backreference to a group of unbounded length. The finding "
            "points at the quantifier at fault; the hint says how to rewrite it (remove the "
            "nesting, make it possessive `a++` or atomic `(?>...)`, anchor with `^`, or bound "
            "the repetition `{1,32}`). A repetition with more than 32 optional or 64 required "
            "iterations counts as unbounded: its cost per input character is that large."
        ),
        why=(
            "Matching runs inside the service that emits the event and holds the interpreter "
            "lock: one crafted value of a few dozen characters can stop every thread of the "
            "service for minutes."
        ),
        bad=BOT_EVENT
        + (
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, pattern: '^bot_([a-z0-9]+_?)+$', description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
}

"""Docs of the loading codes (Y001-Y013): what each reports, why it matters, examples.

No lint rule checks them: the loader (registry.catalog.loading) reports them while reading and
parsing files. `registry explain` shows these docs; the bad and the good example are whole
catalog files that the tests lint.
"""

from __future__ import annotations

from typing import Final

from registry.findings import codes
from registry.findings.docs.examples import BOT_EVENT, CATALOG
from registry.findings.rule_docs import RuleDocs

DOCS: Final[dict[codes.Code, RuleDocs]] = {
    codes.YAML_SYNTAX: RuleDocs(
        what=(
            "Reports YAML that cannot be parsed: unclosed brackets or quotes, bad indentation, a "
            "key without a value where one is needed."
        ),
        why=(
            "A catalog that does not parse cannot be checked at all; the position points at the "
            "first thing the parser could not read."
        ),
        bad=BOT_EVENT + "    fields:\n      bot_id: {type: string, max_length: 64\n",
        good=CATALOG,
    ),
    codes.DUPLICATE_KEY: RuleDocs(
        what="Reports a mapping key that is repeated, naming the line of the first one.",
        why=(
            "YAML loaders silently keep only one of the values, so half of what was written is "
            "lost without a word: a field defined twice, an event whose second definition wins."
        ),
        bad=BOT_EVENT
        + (
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
            "      bot_id: {type: string, description: Again.}\n"
        ),
        good=CATALOG,
    ),
    codes.UNSAFE_TAG: RuleDocs(
        what=(
            "Reports explicit tags such as `!!python/object` or custom `!tags`. Only the core "
            "tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`) are "
            "accepted."
        ),
        why=(
            "Tags are how YAML loaders are told to construct objects, which is how unsafe "
            "loading runs code. A catalog is data; registry refuses tags instead of guessing "
            "what they mean."
        ),
        bad=(
            "domain: communication\n"
            "description: Team chat.\n"
            "owners: [chat-team]\n"
            "events:\n"
            "  user.added_bot:\n"
            "    description: !!python/object:os.system echo\n"
            "    category: integration\n"
            "    actor: [user]\n"
            "    targets: [channel]\n"
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
    codes.FILE_TOO_LARGE: RuleDocs(
        what=(
            "Reports catalog files over `limits.max_file_bytes` (5 MB by default) before reading "
            "them."
        ),
        why=(
            "A huge file is almost always a mistake or an attack on the CI job; a real catalog "
            "is split by domain long before it reaches this size."
        ),
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
    codes.NOT_UTF8: RuleDocs(
        what=(
            "Reports bytes that do not decode as UTF-8 (and NUL characters), with the position "
            "of the first bad byte. A UTF-8 byte-order mark is accepted and ignored."
        ),
        why=(
            "Catalog text ends up in generated code and documentation; guessing an encoding "
            "would corrupt names and descriptions silently."
        ),
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
    codes.TAB_INDENTATION: RuleDocs(
        what="Reports tab characters used for indentation.",
        why=(
            "YAML forbids tabs in indentation; editors show them at different widths, so the "
            "structure the author sees is not the one the parser reads."
        ),
        bad=BOT_EVENT
        + (
            "    fields:\n"
            "\t  bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
    codes.EMPTY_FILE: RuleDocs(
        what="Reports catalog files that are empty or contain only comments or `null`.",
        why=(
            "An empty catalog file is usually a failed merge or an unfinished rename; linting it "
            'as "no events" would hide that the events are gone.'
        ),
        bad="# nothing here yet\n",
        good=CATALOG,
    ),
    codes.ALIAS_BOMB: RuleDocs(
        what=(
            "Reports documents whose anchors and aliases would expand beyond `limits.max_nodes` "
            'nodes (the "billion laughs" attack). The check counts nodes without expanding '
            "them."
        ),
        why=(
            "An alias bomb of a few hundred bytes can expand to billions of nodes and exhaust "
            "memory in CI; catalogs never need aliases at that scale."
        ),
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
    codes.TOO_DEEP: RuleDocs(
        what="Reports mappings and lists nested more than `limits.max_depth` (64) levels deep.",
        why=(
            "No catalog needs such depth; hostile nesting is a cheap way to exhaust a parser's "
            "stack."
        ),
        bad="events: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
        good=CATALOG,
    ),
    codes.MULTIPLE_DOCUMENTS: RuleDocs(
        what="Reports a second `---` document in a catalog file.",
        why=(
            "Tools that read only the first document would silently drop the rest; one file, one "
            "document keeps every reader in agreement."
        ),
        bad=BOT_EVENT
        + (
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
            "---\n"
            "domain: more\n"
        ),
        good=CATALOG,
    ),
    codes.NON_STRING_KEY: RuleDocs(
        what="Reports keys that are not strings, such as `1:`, `true:`, `null:` or `[a, b]:`.",
        why=(
            "Event, field and type names are text; a key read as a number or boolean turns into "
            "a different name in every tool that reads the file."
        ),
        bad=BOT_EVENT
        + (
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
            "      404: {type: integer, description: Status.}\n"
        ),
        good=CATALOG,
    ),
    codes.UNREADABLE: RuleDocs(
        what="Reports catalog paths that are missing or cannot be opened.",
        why="A typo in a CI path would otherwise lint nothing and pass.",
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
    codes.NO_CATALOGS: RuleDocs(
        what=(
            "Reports a directory given as a catalog path that contains no `*.yaml` or `*.yml` "
            "files."
        ),
        why="Linting an empty directory and passing hides a wrong path or a deleted catalog.",
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
}

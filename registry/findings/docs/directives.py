"""Docs of the lint directives codes (L001-L002): what each reports, why it matters, examples.

No lint rule checks them: lint reports them for the `lint.ignore` entries of catalogs
(registry.lint.selection). `registry explain` shows these docs; the bad and the good example are
whole catalog files that the tests lint.
"""

from __future__ import annotations

from typing import Final

from registry.findings import codes
from registry.findings.docs.examples import BOT_EVENT, CATALOG
from registry.findings.rule_docs import RuleDocs

DOCS: Final[dict[codes.Code, RuleDocs]] = {
    codes.UNUSED_SUPPRESSION: RuleDocs(
        what="Reports `lint.ignore` entries that did not suppress anything in this run.",
        why=(
            "Stale suppressions hide future problems of the same kind and mislead readers about "
            "what is being excused."
        ),
        bad=BOT_EVENT
        + (
            "    lint:\n"
            "      ignore: [{rule: N003, reason: legacy name kept for SIEM rules}]\n"
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
    codes.UNKNOWN_SUPPRESSION: RuleDocs(
        what="Reports `lint.ignore` entries whose `rule` matches no rule code or prefix.",
        why="A misspelt code suppresses nothing while looking like it does.",
        bad=BOT_EVENT
        + (
            "    lint:\n"
            "      ignore: [{rule: Q123, reason: not a real rule}]\n"
            "    fields:\n"
            "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
        ),
        good=CATALOG,
    ),
}

"""L001 lint.unused-suppression: A suppression that matched no finding."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="L001",
    name="lint.unused-suppression",
    summary="A suppression that matched no finding.",
    severity=Severity.WARNING,
    docs=RuleDocs(
        what="Reports `lint.ignore` entries that did not suppress anything in this run.",
        why="Stale suppressions hide future problems of the same kind and mislead readers about what is being excused.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    lint:\n      ignore: [{rule: N003, reason: legacy name kept for SIEM rules}]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

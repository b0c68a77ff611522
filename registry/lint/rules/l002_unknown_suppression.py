"""L002 lint.unknown-suppression: A suppression names no known rule."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="L002",
    name="lint.unknown-suppression",
    summary="A suppression names no known rule.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports `lint.ignore` entries whose `rule` matches no rule code or prefix.",
        why="A misspelt code suppresses nothing while looking like it does.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    lint:\n      ignore: [{rule: Q123, reason: not a real rule}]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

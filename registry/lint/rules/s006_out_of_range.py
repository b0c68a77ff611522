"""S006 schema.out-of-range: A number, length or list size out of range."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="S006",
    name="schema.out-of-range",
    summary="A number, length or list size out of range.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports values below a minimum or above a maximum, empty lists that must have items, and duplicated list items: `version: 0`, `values: []`, `max_length: -1`.",
        why="These values cannot mean anything sensible and would produce broken emitters.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    version: 0\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

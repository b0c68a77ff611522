"""Y002 loading.duplicate-key: The same key appears twice in one mapping."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y002",
    name="loading.duplicate-key",
    summary="The same key appears twice in one mapping.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports a mapping key that is repeated, naming the line of the first one.",
        why="YAML loaders silently keep only one of the values, so half of what was written is lost without a word: a field defined twice, an event whose second definition wins.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n      bot_id: {type: string, description: Again.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

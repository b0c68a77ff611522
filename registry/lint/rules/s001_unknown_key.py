"""S001 schema.unknown-key: A key the catalog format does not define."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="S001",
    name="schema.unknown-key",
    summary="A key the catalog format does not define.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports keys that are not part of the catalog format at that place, with the closest known key as a hint. Keys starting with `x-` are free for extensions.",
        why="A misspelt key (`requried: true`, `sensitivty: pii`) is otherwise ignored, and the protection it was meant to add silently does not exist.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, requried: true, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

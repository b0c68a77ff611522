"""R007 resolve.type-cycle: Named types refer to each other in a cycle."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="R007",
    name="resolve.type-cycle",
    summary="Named types refer to each other in a cycle.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports named types whose definitions lead back to themselves (`a: {type: b}`, `b: {type: a}`).",
        why="Such a type has no concrete shape and cannot be generated or validated.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\ntypes:\n  left: {type: right}\n  right: {type: left}\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

"""S002 schema.wrong-type: A value of the wrong type."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="S002",
    name="schema.wrong-type",
    summary="A value of the wrong type.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports values whose type does not fit the format: a list where a mapping is expected, a number where text is expected. For YAML surprises, such as `1.10` read as the number 1.1, the hint shows how to quote it.",
        why="Wrongly typed values are either dropped or misread by every later step; YAML's implicit typing makes this easy to write by accident.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: {user: true}\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

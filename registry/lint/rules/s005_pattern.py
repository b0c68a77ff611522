"""S005 schema.pattern: A name or value that does not match its required pattern."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="S005",
    name="schema.pattern",
    summary="A name or value that does not match its required pattern.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports type names, domain names and rule codes that do not match the format's patterns.",
        why="These names become identifiers in generated code and keys in configuration; a bad one breaks those later steps.",
        bad="domain: Team Chat\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

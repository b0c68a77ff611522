"""S004 schema.value-not-allowed: A value outside the allowed set."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="S004",
    name="schema.value-not-allowed",
    summary="A value outside the allowed set.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports values that must come from a fixed list: `redact` policies, `format` names, `outcomes`.",
        why="A misspelt policy (`redact: hsah`) would otherwise mean no redaction at all.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, redact: hsah, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

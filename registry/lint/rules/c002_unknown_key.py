"""C002 config.unknown-key: A configuration key registry does not know."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="C002",
    name="config.unknown-key",
    summary="A configuration key registry does not know.",
    severity=Severity.WARNING,
    docs=RuleDocs(
        what="Warns about keys in `registry.yaml` or `[tool.registry]` that are not part of the configuration format.",
        why="A misspelt option is otherwise ignored and the behaviour it should change stays as it was.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

"""R008 resolve.invalid-pattern: A `pattern` that is not a valid regular expression."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="R008",
    name="resolve.invalid-pattern",
    summary="A `pattern` that is not a valid regular expression.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports `pattern` values that Python's `re` module cannot compile.",
        why="Generated validators would fail at import time, in production, instead of in CI.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, pattern: '^bot_[a-z+$', description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

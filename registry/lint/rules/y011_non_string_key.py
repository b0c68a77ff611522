"""Y011 loading.non-string-key: A mapping key that YAML reads as a number, boolean, null or collection."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y011",
    name="loading.non-string-key",
    summary="A mapping key that YAML reads as a number, boolean, null or collection.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports keys that are not strings, such as `1:`, `true:`, `null:` or `[a, b]:`.",
        why="Event, field and type names are text; a key read as a number or boolean turns into a different name in every tool that reads the file.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n      404: {type: integer, description: Status.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

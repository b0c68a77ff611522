"""R005 resolve.missing-include: An included catalog cannot be found or read."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="R005",
    name="resolve.missing-include",
    summary="An included catalog cannot be found or read.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports `include` entries that point to a file that does not exist, or a `builtin:` name that registry does not ship.",
        why="The types and events it should provide are missing, which causes a cascade of unknown-type findings.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\ninclude: [shared/missing.yaml]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

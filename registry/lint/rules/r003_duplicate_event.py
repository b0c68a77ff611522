"""R003 resolve.duplicate-event: The same event is defined in two places."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="R003",
    name="resolve.duplicate-event",
    summary="The same event is defined in two places.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports an event name defined in more than one catalog file, naming both places.",
        why="Only one definition can be generated; the other one is silently ignored by whoever reads the files in a different order.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

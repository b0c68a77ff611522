"""R002 resolve.include-cycle: Catalog files include each other in a cycle."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="R002",
    name="resolve.include-cycle",
    summary="Catalog files include each other in a cycle.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports an `include` entry that leads back to a file already on the include path.",
        why="Cycles make the load order ambiguous and usually mean the shared types belong in a file of their own.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

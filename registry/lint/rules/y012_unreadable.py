"""Y012 loading.unreadable: A path that does not exist or cannot be read."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y012",
    name="loading.unreadable",
    summary="A path that does not exist or cannot be read.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports catalog paths that are missing or cannot be opened.",
        why="A typo in a CI path would otherwise lint nothing and pass.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

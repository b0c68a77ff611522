"""S007 schema.invalid: The value does not fit the catalog format."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="S007",
    name="schema.invalid",
    summary="The value does not fit the catalog format.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports schema violations not covered by a more specific S rule.",
        why="The catalog format is a contract between the people writing catalogs and every tool that reads them.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

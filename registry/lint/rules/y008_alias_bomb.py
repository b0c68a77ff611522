"""Y008 loading.alias-bomb: Aliases expand to more nodes than the limit."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y008",
    name="loading.alias-bomb",
    summary="Aliases expand to more nodes than the limit.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what='Reports documents whose anchors and aliases would expand beyond `limits.max_nodes` nodes (the "billion laughs" attack). The check counts nodes without expanding them.',
        why="An alias bomb of a few hundred bytes can expand to billions of nodes and exhaust memory in CI; catalogs never need aliases at that scale.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

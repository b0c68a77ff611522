"""R006 resolve.duplicate-type: A named type is declared twice."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="R006",
    name="resolve.duplicate-type",
    summary="A named type is declared twice.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports a name under `types:` that is declared in more than one loaded file, naming the first.",
        why="Fields would silently get one of the two definitions, depending on load order.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

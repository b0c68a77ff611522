"""S003 schema.missing-key: A required key is missing."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="S003",
    name="schema.missing-key",
    summary="A required key is missing.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports keys the format requires: `type` on a field, `values` on an enum, `items` on a list, `fields` on an object, `reason` on a suppression or deprecation.",
        why="Without them the field cannot be generated or checked; an enum without values accepts nothing.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: enum, description: Kind of bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

"""R001 resolve.unknown-type: A field uses a type that is neither built in nor declared."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="R001",
    name="resolve.unknown-type",
    summary="A field uses a type that is neither built in nor declared.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports field types that are not one of the built-in types (string, integer, number, boolean, timestamp, date, uuid, enum, list, object) and not declared under `types:` in any loaded catalog file.",
        why="The field cannot be generated or validated; usually the type's file is not included, or its name is misspelt.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: bot_identifier, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\ntypes:\n  bot_identifier: {type: string, pattern: '^bot_[a-z0-9]+$'}\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: bot_identifier, description: Identifier of the bot.}\n",
    ),
)

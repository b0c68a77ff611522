"""Y003 loading.unsafe-tag: A YAML tag other than the plain data types."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y003",
    name="loading.unsafe-tag",
    summary="A YAML tag other than the plain data types.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports explicit tags such as `!!python/object` or custom `!tags`. Only the core tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`) are accepted.",
        why="Tags are how YAML loaders are told to construct objects, which is how unsafe loading runs code. A catalog is data; registry refuses tags instead of guessing what they mean.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: !!python/object:os.system echo\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

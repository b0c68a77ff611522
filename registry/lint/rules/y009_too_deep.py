"""Y009 loading.too-deep: Nesting deeper than the configured limit."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y009",
    name="loading.too-deep",
    summary="Nesting deeper than the configured limit.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports mappings and lists nested more than `limits.max_depth` (64) levels deep.",
        why="No catalog needs such depth; hostile nesting is a cheap way to exhaust a parser's stack.",
        bad="events: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

"""Y004 loading.file-too-large: The file is larger than the configured limit."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y004",
    name="loading.file-too-large",
    summary="The file is larger than the configured limit.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports catalog files over `limits.max_file_bytes` (5 MB by default) before reading them.",
        why="A huge file is almost always a mistake or an attack on the CI job; a real catalog is split by domain long before it reaches this size.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

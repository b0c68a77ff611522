"""Y010 loading.multiple-documents: A catalog file holds more than one YAML document."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y010",
    name="loading.multiple-documents",
    summary="A catalog file holds more than one YAML document.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports a second `---` document in a catalog file.",
        why="Tools that read only the first document would silently drop the rest; one file, one document keeps every reader in agreement.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n---\ndomain: more\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

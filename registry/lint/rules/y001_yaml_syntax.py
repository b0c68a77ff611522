"""Y001 loading.yaml-syntax: The file is not valid YAML."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y001",
    name="loading.yaml-syntax",
    summary="The file is not valid YAML.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports YAML that cannot be parsed: unclosed brackets or quotes, bad indentation, a key without a value where one is needed.",
        why="A catalog that does not parse cannot be checked at all; the position points at the first thing the parser could not read.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

"""Y005 loading.not-utf8: The file is not UTF-8 text."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y005",
    name="loading.not-utf8",
    summary="The file is not UTF-8 text.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports bytes that do not decode as UTF-8 (and NUL characters), with the position of the first bad byte. A UTF-8 byte-order mark is accepted and ignored.",
        why="Catalog text ends up in generated code and documentation; guessing an encoding would corrupt names and descriptions silently.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

"""Y006 loading.tab-indentation: A tab where YAML allows only spaces."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y006",
    name="loading.tab-indentation",
    summary="A tab where YAML allows only spaces.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports tab characters used for indentation.",
        why="YAML forbids tabs in indentation; editors show them at different widths, so the structure the author sees is not the one the parser reads.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n\t  bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

"""C001 config.invalid: The configuration is invalid."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="C001",
    name="config.invalid",
    summary="The configuration is invalid.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports configuration values of the wrong type or shape, unknown presets, rule codes that match no rule, and naming patterns that are not valid regular expressions. The run stops with exit code 2.",
        why="A broken configuration would lint with settings nobody chose.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

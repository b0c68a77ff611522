"""Y007 loading.empty-file: The file holds no YAML document, or only `null`."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y007",
    name="loading.empty-file",
    summary="The file holds no YAML document, or only `null`.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports catalog files that are empty or contain only comments or `null`.",
        why='An empty catalog file is usually a failed merge or an unfinished rename; linting it as "no events" would hide that the events are gone.',
        bad="# nothing here yet\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

"""Y013 loading.no-catalogs: A directory without any catalog files."""

from registry.findings import Severity
from registry.lint.rules.base import Rule, RuleDocs

RULE = Rule(
    code="Y013",
    name="loading.no-catalogs",
    summary="A directory without any catalog files.",
    severity=Severity.ERROR,
    docs=RuleDocs(
        what="Reports a directory given as a catalog path that contains no `*.yaml` or `*.yml` files.",
        why="Linting an empty directory and passing hides a wrong path or a deleted catalog.",
        bad="",  # not expressible as one catalog file; see tests
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
)

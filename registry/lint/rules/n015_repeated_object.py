"""N015 naming.repeated-object: the action repeats the object (`user.user_deleted`)."""

from collections.abc import Iterator

from registry.catalog.identifiers import words
from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import REPEATED_OBJECT
from registry.lint.lexicon import is_base, is_past
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG, renamed
from registry.lint.rules._naming import SEPARATOR_OPTION, separator, split_name
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def repeated(head: str, action: tuple[str, ...], sep: str) -> str | None:
    """The object's last segment when the action starts with it and a verb follows
    (`user.user_deleted`); `user.user_group_added` names another thing (a user group)."""
    if not head:
        return None
    noun = tuple(words(head.rpartition(sep)[2]))
    size = len(noun)
    if not noun or len(action) <= size or action[:size] != noun:
        return None
    following = action[size]
    return "_".join(noun) if is_past(following) or is_base(following) else None


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    sep = separator(ctx.options)
    for event in own_events(catalog):
        head, action = split_name(event.name, sep)
        noun = repeated(head, action, sep)
        if noun is None:
            continue
        rest = "_".join(action[len(noun.split("_")) :])
        yield finding_at(
            event.origin,
            REPEATED_OBJECT,
            f"the action of {event.name!r} repeats its object {noun!r}",
            event=event.name,
            at_key=True,
            hint=f"did you mean {head}{sep}{rest}?",
        )


RULE = Rule(
    REPEATED_OBJECT,
    docs=RuleDocs(
        what="Warns when the action starts with the object it follows, then a verb "
        "(`user.user_deleted`, `api_key.api_key_revoked`). A repeated word that starts a "
        "compound noun names another thing (`user.user_group_added`) and is not reported. The "
        "action follows the last segment separator (option `separator`, default `.`).",
        why="The object is said once; a name that repeats it is longer to read and search "
        "for, and sorts apart from the object's other events (`user.deleted`).",
        bad=renamed("release.release_promoted"),
        good=CATALOG,
    ),
    check=check,
    options=SEPARATOR_OPTION,
)

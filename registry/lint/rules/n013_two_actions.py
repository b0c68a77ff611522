"""N013 naming.two-actions: one event name joins two actions (`user.created_and_invited`)."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import TWO_ACTIONS
from registry.lint.lexicon import is_base, is_past
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG, renamed
from registry.lint.rules._naming import SEPARATOR_OPTION, separator, split_name
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

_JOINERS = frozenset(["and", "or", "then"])
_PREPOSITIONS = frozenset(["to", "from", "by", "via", "in", "on", "for", "with", "at", "into"])


def _form(word: str) -> str | None:
    if is_past(word):
        return "past"
    return "base" if is_base(word) else None


def two_actions(words: tuple[str, ...]) -> tuple[str, str] | None:
    """The two verbs a joiner links (`created_and_invited`), when they are the name's actions:
    both of one form, no verb after them (`read_and_write_access_granted` is one action on a
    noun phrase), and base forms only at the end or before a preposition
    (`export_and_print_settings` names settings)."""
    for index in range(1, len(words) - 1):
        if words[index] not in _JOINERS:
            continue
        before, after = words[index - 1], words[index + 1]
        form = _form(before)
        if form is None or _form(after) != form:
            continue
        rest = words[index + 2 :]
        if any(_form(word) for word in rest):
            continue
        if form == "base" and rest and rest[0] not in _PREPOSITIONS:
            continue
        return before, after
    return None


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    sep = separator(ctx.options)
    for event in own_events(catalog):
        pair = two_actions(split_name(event.name, sep)[1])
        if pair is None:
            continue
        yield finding_at(
            event.origin,
            TWO_ACTIONS,
            f"{event.name!r} names two actions ({pair[0]!r} and {pair[1]!r})",
            event=event.name,
            at_key=True,
            hint="record one event per action (one may name the other in a field), so each "
            "can be searched and counted on its own",
        )


RULE = Rule(
    TWO_ACTIONS,
    docs=RuleDocs(
        what="Warns about actions that join two verbs of one form with `and`, `or` or `then` "
        "(`user.created_and_invited`, `file.create_or_update`). Verbs that qualify a noun "
        "are one action (`role.read_and_write_access_granted`, `report.export_and_print_settings`"
        "). The action follows "
        "the last segment separator (option `separator`, default `.`).",
        why="An event that stands for two actions cannot say which one failed, cannot be "
        "counted against either, and hides the second from searches; with `or` the record "
        "does not even say what happened.",
        bad=renamed("user.promoted_and_deployed"),
        good=CATALOG,
    ),
    check=check,
    options=SEPARATOR_OPTION,
)

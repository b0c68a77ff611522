"""N001 naming.event-format: an event name does not match the naming pattern."""

import re
import unicodedata
from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import EVENT_NAME_FORMAT
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG, renamed
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    pattern = re.compile(ctx.config.naming.event_pattern)
    for event in own_events(catalog):
        if pattern.fullmatch(event.name):
            continue
        foreign = next((c for c in event.name if ord(c) > 127), None)
        if foreign is not None:
            described = unicodedata.name(foreign, f"U+{ord(foreign):04X}")
            message = (
                f"event name {event.name!r} contains the non-ASCII character {foreign!r}"
                f" ({described})"
            )
            hint = "retype the name in plain ASCII; look-alike letters make two names that read the same"
        else:
            message = f"event name {event.name!r} does not match {pattern.pattern!r}"
            hint = (
                "use lower-case snake_case segments separated by dots, e.g. user.added_integration"
            )
        yield finding_at(
            event.origin, EVENT_NAME_FORMAT, message, event=event.name, at_key=True, hint=hint
        )


RULE = Rule(
    EVENT_NAME_FORMAT,
    docs=RuleDocs(
        what="Checks every event name against `naming.event_pattern` (by default lower-case "
        "snake_case segments separated by dots) and names non-ASCII look-alike letters.",
        why="Event names are the keys of every query, alert and dashboard built on the trail. "
        "One `User.PromotedProduction` among `user.promoted_*` names is missed by all of them, "
        "and a Cyrillic `а` makes two names that look identical but never match.",
        bad=renamed("User.PromotedProduction"),
        good=CATALOG,
    ),
    check=check,
)

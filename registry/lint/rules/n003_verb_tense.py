"""N003 naming.verb-tense: the action of an event name does not use the configured verb tense."""

from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import VERB_TENSE
from registry.lint.lexicon import base_of, is_base, is_past, past_of
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG, renamed
from registry.lint.rules._naming import SEPARATOR_OPTION, separator, split_name
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    naming = ctx.config.naming
    if naming.verb_tense == "any":
        return
    past_extra = frozenset(naming.past_verbs)
    base_extra = frozenset(naming.base_verbs)
    sep = separator(ctx.options)
    for event in own_events(catalog):
        head, action_words = split_name(event.name, sep)
        words = list(action_words)
        if not words:
            continue
        action = event.name[len(head) + len(sep) :] if head else event.name
        prefix = f"{head}{sep}" if head else ""
        if naming.verb_tense == "past":
            if is_past(words[0], past_extra) or is_past(words[-1], past_extra):
                continue
            hint = None
            if is_base(words[0], base_extra):
                fixed = "_".join([past_of(words[0]), *words[1:]])
                hint = f"did you mean {prefix}{fixed}?"
            yield finding_at(
                event.origin,
                VERB_TENSE,
                f"action {action!r} of {event.name!r} has no past-tense verb as its first or last"
                " word",
                event=event.name,
                at_key=True,
                hint=hint or "audit events are facts: name what happened, e.g. added_integration",
            )
        else:
            if is_base(words[0], base_extra):
                continue
            base = base_of(words[0]) if is_past(words[0], frozenset()) else None
            base = base if base is not None and is_base(base, base_extra) else None
            yield finding_at(
                event.origin,
                VERB_TENSE,
                f"action {action!r} of {event.name!r} does not start with a base-form verb",
                event=event.name,
                at_key=True,
                hint=f"did you mean {base!r}?"
                if base
                else "start the action with a verb (create, grant, start), or add the word to "
                "naming.base_verbs",
            )


RULE = Rule(
    VERB_TENSE,
    docs=RuleDocs(
        what="Looks at the last segment of each event name (the action). With "
        "`naming.verb_tense: past` (the default) its first or last word must be a past-tense "
        "verb (`added_integration`, `deploy_failed`); with `base` its first word must be a "
        "base-form verb (`session.start`). Irregular verbs are known (`sent`, `reset`, "
        "`began`); extra words go in `naming.past_verbs` or `naming.base_verbs`. The action "
        "is what follows the last segment separator (option `separator`, default `.`); a name "
        "without one is all action (`project_deleted`, `delete_issue`), so taxonomies of "
        "single-token names are checked too.",
        why="An audit event records something that has happened. A consistent tense makes "
        "names predictable to search for, and `user.promote_production` reads like a command "
        "rather than a fact.",
        bad=renamed("user.promote_production"),
        good=CATALOG,
    ),
    check=check,
    options=SEPARATOR_OPTION,
)

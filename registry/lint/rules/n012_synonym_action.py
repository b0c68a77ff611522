"""N012 naming.synonym-action: two events name one action on one object with two verbs."""

from collections.abc import Iterator

from registry.catalog.model import Catalog, Event
from registry.findings import Finding, finding_at
from registry.findings.codes import SYNONYM_ACTION
from registry.lint.lexicon import IRREGULAR, SYNONYM_VERBS, past_of, synonym_group
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG
from registry.lint.rules._naming import SEPARATOR_OPTION, separator, split_name
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

_EVENT = """  {name}:
    description: A user's account was removed from the workspace by an admin.
    category: account_management
    actor: [admin]
    targets: [user]
"""
_GOOD = CATALOG + _EVENT.format(name="user.deleted")
_BAD = _GOOD + _EVENT.format(name="user.removed")


def _pasts(verb: str) -> tuple[str, ...]:
    """Past forms as names spell them: `edited` and `editted`, `canceled` and `cancelled`."""
    plain = verb + ("d" if verb.endswith("e") else "ed")
    return (past_of(verb), plain, verb + verb[-1] + "ed", *IRREGULAR.get(verb, ()))


# Every form of the verbs of SYNONYM_VERBS -> its base form (`removed` -> `remove`).
_FORMS = {form: verb for group in SYNONYM_VERBS for verb in group for form in (verb, *_pasts(verb))}


def _key(event: Event, sep: str) -> tuple[tuple[str, tuple[str, ...]], frozenset[str]] | None:
    """(the name with each synonym verb replaced by its group, the verbs replaced)."""
    head, words = split_name(event.name, sep)
    verbs = {word: verb for word in words if (verb := _FORMS.get(word)) is not None}
    if not verbs:
        return None
    shape = tuple(f"#{synonym_group(verbs[w])}" if w in verbs else w for w in words)
    return (head, shape), frozenset(verbs.values())


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    sep = separator(ctx.options)
    own = {event.name for event in own_events(catalog)}
    first: dict[tuple[str, tuple[str, ...]], tuple[Event, frozenset[str]]] = {}
    for event in sorted(catalog.events, key=lambda e: (e.name not in own, e.name)):
        key = _key(event, sep)
        if key is None:
            continue
        shape, verbs = key
        seen = first.setdefault(shape, (event, verbs))
        other, other_verbs = seen
        if other is event or other_verbs == verbs or event.name not in own:
            continue
        said = ", ".join(sorted(verbs | other_verbs))
        yield finding_at(
            event.origin,
            SYNONYM_ACTION,
            f"{event.name!r} and {other.name!r} name one action with two verbs ({said})",
            event=event.name,
            at_key=True,
            hint=f"use one verb for this action across the catalog, as in {other.name!r}; if "
            "the two differ (a soft and a hard delete), say how in the name",
        )


RULE = Rule(
    SYNONYM_ACTION,
    docs=RuleDocs(
        what="Warns when two events of the same object have actions that differ only in a "
        "verb of one meaning (`user.deleted` and `user.removed`; `project_destroyed` and "
        "`project_deleted`). The groups are conservative: delete/destroy/remove/erase, "
        "update/modify/edit/alter, begin/commence/initiate, reject/deny/decline/refuse, "
        "cancel/abort, get/fetch/retrieve, send/dispatch; verbs that audit taxonomies use for "
        "different things (`add` and `create`, `disable` and `deactivate`) are not mixed. The "
        "action follows the last segment separator (option `separator`, default `.`).",
        why="Searches and alerts written for one verb miss the events named with the other; "
        "two verbs for one action also make readers ask whether they differ.",
        bad=_BAD,
        good=_GOOD,
    ),
    check=check,
    options=SEPARATOR_OPTION,
)

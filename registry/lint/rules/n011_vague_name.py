"""N011 naming.vague: an event name says that something happened, not what."""

from collections.abc import Iterator

from registry.catalog.identifiers import words
from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import VAGUE_NAME
from registry.lint.lexicon import is_base
from registry.lint.rules._common import action_words, own_events
from registry.lint.rules._examples import CATALOG, renamed
from registry.lint.rules._naming import names_a_thing, segment_words
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    naming = ctx.config.naming
    vague = set(naming.vague_actions)
    noise = [(entry, words(entry)) for entry in naming.noise_words]
    for event in own_events(catalog):
        action = action_words(event.name)
        if len(action) == 1 and action[0] in vague:
            yield finding_at(
                event.origin,
                VAGUE_NAME,
                f"{event.name!r} is vague: {action[0]!r} does not say what happened",
                event=event.name,
                at_key=True,
                hint="name the specific action, e.g. user.changed_email instead of user.updated",
            )
            continue
        hit = _filler(segment_words(event.name), noise, vague)
        if hit is not None:
            yield finding_at(
                event.origin,
                VAGUE_NAME,
                f"{event.name!r} contains the filler word {hit!r}",
                event=event.name,
                at_key=True,
                hint="every audit event is an event or action; name what happened instead",
            )


def _filler(
    segments: list[list[str]], noise: list[tuple[str, list[str]]], vague: set[str]
) -> str | None:
    """The first noise entry found in the name; entries of several words (`data_changed`)
    match those words in a row within a segment. A one-word entry that is part of a compound
    noun (`event_hook`, `scheduled_action.canceled`) names a thing of the domain, and so does
    one a specific verb acts on (`provider.receive_event`) or one that is the whole action
    after an object of two segments or more, which qualifies it (`policy.entity_risk.action`:
    the policy's action)."""
    for seg, said in enumerate(segments):
        for start in range(len(said)):
            for entry, phrase in noise:
                if not phrase or said[start : start + len(phrase)] != phrase:
                    continue
                if len(phrase) == 1 and (
                    names_a_thing(segments, seg, start) or _acted_on(said, start, vague)
                ):
                    continue
                if len(phrase) == len(said) and seg >= 2 and seg == len(segments) - 1:
                    continue
                return entry
    return None


def _acted_on(said: list[str], index: int, vague: set[str]) -> bool:
    """Whether a specific base-form verb comes right before the word (`receive_event`)."""
    if index == 0:
        return False
    verb = said[index - 1]
    return is_base(verb) and verb not in vague and verb not in _EMPTY_VERBS


_EMPTY_VERBS = frozenset(["do", "did", "perform", "handle", "process", "trigger", "take"])


RULE = Rule(
    VAGUE_NAME,
    docs=RuleDocs(
        what="Warns about actions made of one vague verb (`user.clicked`, `user.updated`, "
        "`user.did`) and names with filler words (`user.did_action`, `system.event`). A "
        "filler word that modifies the noun after it names a thing of the domain and is "
        "not reported (`event_hook.created`, `scheduled_action.canceled`), nor one a specific "
        "verb acts on (`provider.receive_event`), nor one that is the whole action after an "
        "object of two segments or more (`policy.entity_risk.action`: the policy's action). Both lists are configurable (`naming.vague_actions`, `naming.noise_words`).",
        why="An audit trail that records everything is noise: reviewers cannot find the "
        "promotion to production among ten thousand `user.clicked` records, and a vague name "
        "cannot carry the fields that make a record useful.",
        bad=renamed("user.updated"),
        good=CATALOG,
    ),
    check=check,
)

"""N014 naming.misspelt-word: a word of an event name is one letter away from a word the catalog
uses more (`user.pasword_changed` beside `password`)."""

from collections import Counter
from collections.abc import Iterator

from registry.catalog.identifiers import words
from registry.catalog.model import Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import MISSPELT_WORD
from registry.lint.lexicon import base_of, is_base
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

MIN_LENGTH = 5
"""Shorter words are too often a different word one letter away (`sign`, `sing`)."""
MAX_TYPO_USES = 3
"""A word used in more names than this is meant, not a slip of the keyboard (`contract` in
237 names beside `contact` in 341 of a synthetic catalog)."""
SUBSTITUTION_LENGTH = 8
"""One letter replaced in a shorter word makes another word too often (`state`, `stage`)."""

# Endings that make another word of the same stem (`assigned`, `assignee`; `user`, `users`).
_ENDINGS = frozenset(
    ["", "s", "es", "d", "ed", "r", "er", "ers", "or", "ors", "e", "ee", "ees", "ing", "ion",
     "ions", "al", "y", "ies", "ment", "ty"]
)  # fmt: skip


def one_edit(word: str, other: str) -> bool:
    """Whether one typo inside the word turns `word` into `other`: a letter added or removed,
    two neighbours swapped, or (in words of SUBSTITUTION_LENGTH letters or more) one letter
    replaced. The first and last letters stay: a change there makes another word more often
    than a typo does (`auth`, `oauth`; `ldap`, `ldapi`; `unable`, `enable`)."""
    if abs(len(word) - len(other)) > 1 or word == other:
        return False
    start = 0
    while start < min(len(word), len(other)) and word[start] == other[start]:
        start += 1
    longest = max(len(word), len(other))
    if start == 0 or start >= longest - 1:
        return False
    a, b = word[start:], other[start:]
    if len(a) != len(b):
        return a[1:] == b if len(a) > len(b) else a == b[1:]
    swapped = a[0] == b[1] and a[1] == b[0] and a[2:] == b[2:]
    return swapped or (len(word) >= SUBSTITUTION_LENGTH and a[1:] == b[1:])


def _inflected(word: str, other: str) -> bool:
    """Whether the two differ only in an ending of one stem (`create`, `created`)."""
    start = 0
    while start < min(len(word), len(other)) and word[start] == other[start]:
        start += 1
    return word[start:] in _ENDINGS and other[start:] in _ENDINGS


def _deletes(word: str) -> Iterator[str]:
    yield word
    for index in range(len(word)):
        yield word[:index] + word[index + 1 :]


def _candidate(word: str) -> bool:
    """Long enough, letters only, and not a verb the lexicon knows (in either form)."""
    if len(word) < MIN_LENGTH or not word.isalpha() or is_base(word):
        return False
    base = base_of(word)
    return base is None or not is_base(base)


def near_misses(counts: Counter[str]) -> dict[str, str]:
    """Rare word (used at most MAX_TYPO_USES times) -> the more used word it is one edit away
    from. Pairs are found through their one-letter deletions (each word is looked up in time
    linear in its length)."""
    by_delete: dict[str, list[str]] = {}
    for word in counts:
        if len(word) >= MIN_LENGTH - 1 and word.isalpha():
            for key in set(_deletes(word)):
                by_delete.setdefault(key, []).append(word)
    found: dict[str, str] = {}
    for word, count in counts.items():
        if count > MAX_TYPO_USES or not _candidate(word):
            continue
        others = {o for key in set(_deletes(word)) for o in by_delete.get(key, ())}
        best = [
            other
            for other in others
            if other != word
            and (counts[other] > count or (counts[other] == count and other < word))
            and one_edit(word, other)
            and not _inflected(word, other)
        ]
        if best:
            found[word] = max(best, key=lambda o: (counts[o], o))
    return found


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    counts: Counter[str] = Counter()
    for event in catalog.events:
        counts.update(words(event.name))
    fields = {field.name for event in catalog.events for field in event.fields}
    for name in fields:
        counts.update(words(name))
    misses = near_misses(counts)
    if not misses:
        return
    for event in own_events(catalog):
        for word in words(event.name):
            other = misses.get(word)
            if other is None:
                continue
            yield finding_at(
                event.origin,
                MISSPELT_WORD,
                f"{word!r} in {event.name!r} is one letter away from {other!r}, which the "
                f"catalog uses {counts[other]} time(s)",
                event=event.name,
                at_key=True,
                hint=f"did you mean {other!r}? If both words are meant, rename one or suppress",
            )
            break


_BAD = (
    CATALOG
    + """  user.changed_pasword:
    description: A user changed the password of their account.
    category: account_management
    actor: [user]
    targets: [user]
    fields:
      password_strength: {type: integer, description: Score of the new password (0 to 4).}
"""
)

RULE = Rule(
    MISSPELT_WORD,
    docs=RuleDocs(
        what="Warns about a word of an event name that is one typo away from a word the "
        "catalog's event and field names use at least as often (`user.changed_pasword` beside "
        "a field `password_strength`): a letter added or removed, two neighbours swapped, or, "
        "in words of eight letters or more, one letter replaced (`organisation`), never the "
        "first or last letter (`auth` and `oauth` are two words). Words shorter than five "
        "letters, words with digits, known verbs, and words that differ only in an ending of "
        "one stem (`assigned`, `assignee`) are not reported, nor is a word used in more than "
        "three names: that many uses are meant (`contract` beside `contact`). When both "
        "words are used as often, the later one in alphabetical order is reported.",
        why="A typo in an event name is forever: emitters, queries and alerts copy it, and "
        "the one search for `password` misses the event.",
        bad=_BAD,
        good=_BAD.replace("pasword", "password"),
    ),
    check=check,
)

"""P007 privacy.unknown-tag: a sensitivity tag that is not in the vocabulary."""

import difflib
from collections.abc import Iterator

from registry.catalog.model import Catalog
from registry.findings import Finding, Origin, finding_at
from registry.findings.codes import UNKNOWN_SENSITIVITY_TAG
from registry.lint.rules._common import event_fields
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

Place = tuple[Origin, frozenset[str], str | None, str | None]


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    vocabulary = [tag for tag, _ in ctx.config.vocabularies.sensitivity]
    reported: set[tuple[Origin, str]] = set()
    for origin, tags, event, field in _places(catalog):
        for tag in sorted(tags):
            if tag in vocabulary or (origin, tag) in reported:
                continue
            reported.add((origin, tag))
            close = difflib.get_close_matches(tag, vocabulary, n=1)
            yield finding_at(
                origin,
                UNKNOWN_SENSITIVITY_TAG,
                f"sensitivity tag {tag!r} is not in the vocabulary",
                event=event,
                field_name=field,
                sub=("sensitivity",),
                hint=f"did you mean {close[0]!r}?"
                if close
                else "use one of: " + ", ".join(vocabulary),
            )


def _places(catalog: Catalog) -> Iterator[Place]:
    """The user's named types, then every field with tags of its own, one at a time (a list
    of them all held a tuple and an origin per tagged field, issue 14)."""
    builtin = {f.path for f in catalog.files if f.builtin}
    for named in catalog.types:
        if named.origin.path not in builtin:
            yield named.origin, named.spec.sensitivity, None, None
    inherited = {t.name: t.spec.sensitivity for t in catalog.types}
    for user, member in event_fields(catalog):
        if member.sensitivity:
            own = member.sensitivity - inherited.get(member.type.type_name or "", frozenset())
            yield member.origin, own, user.name, member.name


RULE = Rule(
    UNKNOWN_SENSITIVITY_TAG,
    docs=RuleDocs(
        what="Reports `sensitivity` tags that are not in `vocabularies.sensitivity` (by "
        "default pii, quasi_identifier, special_category, financial, credential, "
        "confidential).",
        why="A misspelt tag (`pi`, `PII`) has no default redaction, so the field is written "
        "in clear while looking protected.",
        bad=CATALOG.replace("sensitivity: pii", "sensitivity: pi"),
        good=CATALOG,
    ),
    check=check,
)

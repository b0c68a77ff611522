"""A003 audit.change-without-values: a change event records neither old nor new values."""

import re
from collections.abc import Iterator

from registry.catalog.identifiers import words
from registry.catalog.model import Catalog, Event
from registry.findings import Finding, finding_at
from registry.findings.codes import CHANGE_WITHOUT_VALUES
from registry.lint.rules._audit import changes_a_secret, is_change
from registry.lint.rules._audit_examples import CATALOG
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

BEFORE = frozenset(["before", "old", "previous", "prev", "from", "original", "former"])
AFTER = frozenset(["after", "new", "to", "updated", "current"])
CHANGE_SET = re.compile(r"^(changes|change_set|changeset|diff|changed_fields|patch)$")


def records_values(event: Event) -> bool:
    names = [f.name for f in event.fields]
    if any(CHANGE_SET.match(name) for name in names):
        return True
    said = [set(words(name)) for name in names]
    return any(s & BEFORE for s in said) and any(s & AFTER for s in said)


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event in own_events(catalog):
        if is_change(event) and not records_values(event):
            yield finding_at(
                event.origin,
                CHANGE_WITHOUT_VALUES,
                f"change event {event.name!r} records neither the old nor the new value",
                event=event.name,
                at_key=True,
                hint=_hint(event),
            )


def _hint(event: Event) -> str:
    if changes_a_secret(event):
        # Never the values of a credential: what identifies it instead (see P002, P008).
        return (
            "record what identifies the secret, never its value: a version, a fingerprint "
            "or the last 4 characters, before and after (key_version_before / "
            "key_version_after, key_fingerprint_after)"
        )
    return (
        "add a pair of fields such as role_before / role_after (or old_ / new_), "
        "or a `changes` field"
    )


RULE = Rule(
    CHANGE_WITHOUT_VALUES,
    docs=RuleDocs(
        what="For change events (an action with changed, updated, modified, renamed, "
        "rotated ... or settings applied), requires a pair of fields for the value before "
        "and after (`*_before`/`*_after`, `old_*`/`new_*`, `previous_*`/`current_*`) or a "
        "`changes` field.",
        why='"The retention policy was changed" cannot be investigated; "from 365 to 7 '
        'days" can. PCI DSS 10.2 and ISO 27002 12.4.1 ask for changes to security settings '
        "to be reconstructable.",
        bad=CATALOG.replace("role_before:", "role_was:").replace("role_after:", "role_now:"),
        good=CATALOG,
    ),
    check=check,
)

"""N009 naming.field-shadows-envelope: a field repeats a name the envelope already has."""

from collections.abc import Iterator

from registry.catalog.model import ENVELOPE_NAMES, Catalog
from registry.findings import Finding, finding_at
from registry.findings.codes import FIELD_SHADOWS_ENVELOPE
from registry.lint.rules._common import own_events
from registry.lint.rules._examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event in own_events(catalog):
        for field in event.fields:
            if field.name in ENVELOPE_NAMES:
                yield finding_at(
                    field.origin,
                    FIELD_SHADOWS_ENVELOPE,
                    f"field {field.name!r} repeats an envelope member that every event has",
                    event=event.name,
                    field_name=field.name,
                    at_key=True,
                    hint="the envelope already records it; name the field for what is "
                    "different (e.g. previous_owner instead of actor)",
                )


RULE = Rule(
    FIELD_SHADOWS_ENVELOPE,
    docs=RuleDocs(
        what="Reports top-level fields named like a member of the envelope registry adds to "
        "every event: id, event, version, occurred_at, actor, targets, outcome, reason, "
        "context, tenant, fields, ip, user_agent, request_id, session_id.",
        why="Two `actor`s in one record (the envelope's and the event's) make readers guess "
        "which one is accountable, and generated emitters could not take both as parameters.",
        bad=CATALOG.replace("release_id:", "occurred_at:"),
        good=CATALOG,
    ),
    check=check,
)

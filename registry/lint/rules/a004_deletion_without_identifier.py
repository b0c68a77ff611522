"""A004 audit.deletion-without-identifier: a deletion does not keep what was deleted."""

from collections.abc import Iterator

from registry.catalog.identifiers import words
from registry.catalog.model import Catalog, Event, Kind
from registry.findings import Finding, finding_at
from registry.findings.codes import DELETION_WITHOUT_IDENTIFIER
from registry.lint.rules._audit import is_deletion
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

_GOOD = """domain: storage
description: Files in shared drives.
owners: [storage-team]
events:
  user.deleted_file:
    description: A user deleted a file from a shared drive.
    category: data_change
    actor: [user]
    targets: [file]
    fields:
      file_name: {type: string, max_length: 255, description: Name the file had.}
"""


def keeps_identifier(event: Event) -> bool:
    if event.targets:
        return True
    return any(
        f.type.kind is Kind.UUID or words(f.name)[-1:] in (["id"], ["ids"]) for f in event.fields
    )


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event in own_events(catalog):
        if is_deletion(event) and not keeps_identifier(event):
            yield finding_at(
                event.origin,
                DELETION_WITHOUT_IDENTIFIER,
                f"deletion event {event.name!r} keeps no identifier of what was deleted",
                event=event.name,
                at_key=True,
                hint="declare its targets (their ids are recorded) or add an *_id field",
            )


RULE = Rule(
    DELETION_WITHOUT_IDENTIFIER,
    docs=RuleDocs(
        what="For deletion events (deleted, removed, revoked, purged, wiped ...), requires "
        "either target types (the envelope then records their ids) or a field that holds an "
        "identifier (`*_id`, `*_ids`, or a uuid).",
        why="After a deletion the object is gone; the trail is the only place left that "
        "says which one it was. Without its id nobody can tell what was lost or restore it.",
        bad=_GOOD.replace("    targets: [file]\n", "    targets: []\n"),
        good=_GOOD,
    ),
    check=check,
)

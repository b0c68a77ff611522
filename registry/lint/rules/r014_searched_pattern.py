"""R014 resolve.searched-pattern: a pattern searched anywhere in the value, on a field that
declares no `max_length`, bounds it to 4,096 characters (`registry.catalog.types`)."""

from collections.abc import Iterator

from registry.catalog.model import Catalog, Kind, TypeSpec
from registry.catalog.types import implied_max_length
from registry.catalog.usable_pattern import pattern_problem
from registry.findings import Finding, finding_at
from registry.findings.codes import SEARCHED_PATTERN
from registry.lint.rules._common import event_fields
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

_CATALOG = """domain: identity
description: Access keys of the cloud console.
owners: [identity-team]
events:
  user.created_access_key:
    description: A user created an access key for the cloud console's API.
    category: security
    actor: [user]
    targets: [user]
    fields:
      key_id:
        type: string
        pattern: "AKIA[0-9A-Z]{16}"
        description: Public identifier of the new key.
"""


def _bounded(spec: TypeSpec) -> int | None:
    """The limit a searched pattern puts on `spec` (or on its items, at any depth), if any;
    None for a pattern that is not valid or is ambiguous (R008 reports it)."""
    if spec.kind is Kind.LIST and spec.items is not None:
        return _bounded(spec.items)
    if spec.pattern is None or pattern_problem(spec.pattern) is not None:
        return None
    return implied_max_length(spec)


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event, field in event_fields(catalog):
        limit = _bounded(field.type)
        if limit is None:
            continue
        yield finding_at(
            field.origin,
            SEARCHED_PATTERN,
            f"field {field.name!r} has no max_length and its pattern is searched anywhere in "
            f"the value: values over {limit} characters are refused",
            event=event.name,
            field_name=field.name,
            at_key=True,
            hint="anchor the pattern with ^ if it describes the whole value (it is then tried "
            "once, at the start), or declare max_length (longer values are searched with "
            "google-re2 when the runtime's re2 extra is installed)",
        )


RULE = Rule(
    SEARCHED_PATTERN,
    docs=RuleDocs(
        what="Warns about string fields (and lists of strings) whose `pattern` does not start "
        "with `^` (or `\\A`) in every branch and that declare no `max_length`. Such a field "
        "holds at most 4,096 characters: the emitters, check-events and the JSON Schemas "
        "refuse a longer value before searching it.",
        why="A pattern is searched, as `re.search` does: without an anchor at the start, it is "
        "retried from every character of the value. A pattern R013 proves linear still costs "
        "tens of steps per character (`[0-9]{2,12}-`, long alternations): 25-70 ms for 100 KB, "
        "on every emit. The bound keeps each check within milliseconds; the warning makes it "
        "visible before a long value is refused at run time.",
        bad=_CATALOG,
        good=_CATALOG.replace('"AKIA[0-9A-Z]{16}"', '"^AKIA[0-9A-Z]{16}$"'),
    ),
    check=check,
)

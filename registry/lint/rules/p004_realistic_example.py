"""P004 privacy.realistic-example: an example value looks like real personal data."""

from collections.abc import Iterator
from typing import Any

from registry.catalog.model import Catalog
from registry.findings import Finding, Origin, Pointer, finding_at
from registry.findings.codes import REALISTIC_EXAMPLE
from registry.lint.rules._common import event_fields
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs
from registry.privacy.values import looks_real


def _walk(value: Any, pointer: Pointer) -> Iterator[tuple[Any, Pointer]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*pointer, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*pointer, index))
    else:
        yield value, pointer


def _findings(
    examples: tuple[Any, ...], origin: Origin, event: str | None, field: str | None
) -> Iterator[Finding]:
    for value, pointer in _walk(list(examples), ("examples",)):
        what = looks_real(value)
        if what is None:
            continue
        yield finding_at(
            origin,
            REALISTIC_EXAMPLE,
            f"example value looks like real personal data: {what}",
            event=event,
            field_name=field,
            sub=pointer,
            hint="use reserved values: name@example.com, 192.0.2.0/24 or 2001:db8::/32, "
            "+1 555 0100..0199, card numbers that fail the Luhn check",
        )


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    builtin = {f.path for f in catalog.files if f.builtin}
    for named in catalog.types:
        if named.origin.path not in builtin:
            yield from _findings(named.spec.examples, named.origin, None, None)
    inherited = {named.name: named.spec.examples for named in catalog.types}
    for event, field in event_fields(catalog):
        # Examples inherited from a named type are checked once, on the type.
        if field.examples and field.examples != inherited.get(field.type.type_name or ""):
            yield from _findings(field.examples, field.origin, event.name, field.name)


RULE = Rule(
    REALISTIC_EXAMPLE,
    docs=RuleDocs(
        what="Checks `examples` of fields and named types for e-mail addresses outside the "
        "documentation domains (example.com, .org, .net and the reserved .example, .test, "
        ".invalid TLDs), IP addresses outside the documentation ranges (192.0.2.0/24, "
        "198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), card numbers that pass the Luhn "
        "check, and phone numbers outside the ranges reserved for fiction.",
        why="Examples are published in the generated docs and copied into tests and "
        "fixtures. A real customer's address pasted as an example is a personal-data leak "
        "in every one of those places.",
        bad=CATALOG.replace("examples: [ada@example.com]", "examples: [ada.lovelace@gmail.com]"),
        good=CATALOG,
    ),
    check=check,
)

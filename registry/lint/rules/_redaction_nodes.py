"""The values inside a field, each with what the record holds of it (its `RedactionPlan`) and
where a finding about it is located, for the privacy rules that look at every depth."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from registry.catalog.config import Config
from registry.catalog.model import Catalog, Event, Field, TypeSpec
from registry.findings import Pointer
from registry.lint.rules._common import own_events
from registry.privacy.policy import ITEMS, RedactionPlan, redaction_plan


@dataclass(frozen=True, slots=True)
class Node:
    """A field, a member of an object or the items of a list."""

    path: str
    """Dotted from the top-level field: ``profile.email``, ``contacts[].phones[]``."""
    spec: TypeSpec
    plan: RedactionPlan
    field: Field
    """The node's own field, or for the items of a list the nearest declared field (items
    have no origin, no name and no `redact_reason` of their own)."""
    sub: Pointer
    """From ``field.origin`` to the node: ``()``, or ``("items",)`` for a list's items."""


def redaction_nodes(catalog: Catalog, config: Config) -> Iterator[tuple[Event, Node]]:
    """Every value of every field of the user's events, depth first. A member of a named type
    is reached once per use: what the record holds of it depends on what encloses it.

    Fields share their `TypeSpec` when their specs are equal, and a plan depends only on the
    spec (and the configuration) but for its top-level name: each spec's plan is made once
    per call, keyed by the spec's identity (every spec stays alive with the catalog)."""
    plans: dict[int, RedactionPlan] = {}
    for event in own_events(catalog):
        for field in event.fields:
            plan = plans.get(id(field.type))
            if plan is None:
                plan = plans[id(field.type)] = redaction_plan(field, config)
            elif plan.name != field.name:
                plan = replace(plan, name=field.name)
            for node in _nodes(field.name, field.type, plan, field, ()):
                yield event, node


def _nodes(
    path: str, spec: TypeSpec, plan: RedactionPlan, field: Field, sub: Pointer
) -> Iterator[Node]:
    yield Node(path, spec, plan, field, sub)
    if spec.items is not None and plan.items is not None:
        yield from _nodes(path + ITEMS, spec.items, plan.items, field, (*sub, "items"))
    for member, member_plan in zip(spec.fields, plan.members, strict=True):
        yield from _nodes(f"{path}.{member.name}", member.type, member_plan, member, ())

"""The values inside a field, each with what the record holds of it (its `RedactionPlan`) and
where a finding about it is located, for the privacy rules that look at every depth."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


Keep = Callable[[TypeSpec, RedactionPlan], bool]
"""Which nodes a rule looks at, from what the node holds alone (not from the field using it)."""


@dataclass(frozen=True, slots=True)
class _Inside:
    """A node of a field's value, relative to the field: the same for every field whose
    `TypeSpec` is the same object."""

    suffix: str
    """Appended to the field's name: ``""`` for the field itself, ``.email``, ``[]``."""
    spec: TypeSpec
    plan: RedactionPlan | None
    """None for the field itself, whose plan carries the using field's name."""
    member: Field | None
    """The nearest declared member, None when that is the field itself."""
    sub: Pointer


def redaction_nodes(catalog: Catalog, config: Config, keep: Keep) -> Iterator[tuple[Event, Node]]:
    """The values of every field of the user's events that ``keep`` accepts, depth first. A
    member of a named type is reached once per use: what the record holds of it depends on
    what encloses it.

    Fields share their `TypeSpec` when their specs are equal, and a plan, like the nodes
    ``keep`` accepts, depends only on the spec (and the configuration) but for the top-level
    name: both are made once per spec and call, keyed by the spec's identity (every spec
    stays alive with the catalog), and most specs hold no node a rule looks at."""
    plans: dict[int, RedactionPlan] = {}
    kept: dict[int, tuple[_Inside, ...]] = {}
    for event in own_events(catalog):
        for field in event.fields:
            key = id(field.type)
            inside = kept.get(key)
            if inside is None:
                plans[key] = first = redaction_plan(field, config)
                inside = kept[key] = tuple(_inside(field.type, first, keep))
            if not inside:
                continue
            top = plans[key]
            if top.name != field.name:
                top = replace(top, name=field.name)
            for node in inside:
                member = field if node.member is None else node.member
                plan = top if node.plan is None else node.plan
                yield event, Node(field.name + node.suffix, node.spec, plan, member, node.sub)


def _inside(spec: TypeSpec, plan: RedactionPlan, keep: Keep) -> Iterator[_Inside]:
    """The nodes of a field's value that ``keep`` accepts, depth first."""
    Entry = tuple[str, TypeSpec, RedactionPlan, Field | None, Pointer, bool]
    stack: list[Entry] = [("", spec, plan, None, (), True)]
    while stack:
        suffix, node_spec, node_plan, member, sub, top = stack.pop()
        if keep(node_spec, node_plan):
            yield _Inside(suffix, node_spec, None if top else node_plan, member, sub)
        below: list[Entry] = [
            (f"{suffix}.{m.name}", m.type, m_plan, m, (), False)
            for m, m_plan in zip(node_spec.fields, node_plan.members, strict=True)
        ]
        if node_spec.items is not None and node_plan.items is not None:
            below.insert(
                0,
                (suffix + ITEMS, node_spec.items, node_plan.items, member, (*sub, "items"), False),
            )
        stack.extend(reversed(below))  # items first, then members in order: depth first

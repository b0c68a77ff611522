"""Which field types generate the same Python: a number per distinct shape.

The resolver shares one `TypeSpec` between equal scalar fields, but gives every list and
object field a spec of its own (their members carry their own origins). The generator's caches
were keyed by the spec's identity, so each use of a list or object field was laid out again
(16,000 times in a 10,000-event catalog whose files reuse a few such fields). Keyed by shape
instead, a field is laid out once per module however many events repeat it.

A shape holds everything of a spec the generated package depends on: kind, named type (and
whether the spec is checked as that type, see `as_named`), constraints, values,
sensitivity and redaction, items, and each member's name, requirement and shape. Not the
origins, suppressions, descriptions or examples of the spec and its members, which the Python
target never reads. Numbers are compared by `repr` (1, 1.0, True and -0.0 render differently).
"""

from __future__ import annotations

from registry.catalog.model import TypeSpec


def as_named(spec: TypeSpec, named: dict[str, TypeSpec]) -> str | None:
    """The name of the named type `spec` comes from, when it is checked as that type is (a
    field may narrow its named type: then its checks are the field's own)."""
    base = named.get(spec.type_name) if spec.type_name is not None else None
    if base is None or base is spec:
        return spec.type_name if base is not None else None
    same = (
        base.pattern == spec.pattern
        and base.format == spec.format
        and base.minimum == spec.minimum
        and base.maximum == spec.maximum
        and base.max_length == spec.max_length
        and base.values == spec.values
        and base.items is spec.items
        and base.fields is spec.fields
    )
    return spec.type_name if same else None


Shape = int
"""A small number naming one distinct shape (equal shapes, equal numbers)."""


class Shapes:
    """The shape of each spec, found once per spec (specs live as long as the catalog)."""

    def __init__(self, named_specs: dict[str, TypeSpec]) -> None:
        self.named_specs = named_specs
        self._by_id: dict[int, Shape] = {}
        self._numbers: dict[tuple[object, ...], Shape] = {}

    def of(self, spec: TypeSpec) -> Shape:
        known = self._by_id.get(id(spec))
        if known is not None:
            return known
        items = None if spec.items is None else self.of(spec.items)
        members = tuple((m.name, m.required, self.of(m.type)) for m in spec.fields)
        content = (
            spec.kind,
            spec.type_name,
            as_named(spec, self.named_specs),
            spec.pattern,
            spec.format,
            repr(spec.minimum),
            repr(spec.maximum),
            repr(spec.max_length),
            repr(spec.values),
            spec.sensitivity,
            spec.redact,
            items,
            members,
        )
        number = self._numbers.setdefault(content, len(self._numbers))
        self._by_id[id(spec)] = number
        return number

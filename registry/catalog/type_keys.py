"""Comparable keys of resolved types, without source locations.

`shape_key` is what a record's reader depends on (kind, constraints, values, members): `diff`
matches a removed and an added field with the same shape as a rename. `full_key` adds what an
event inherits besides (privacy, documentation, examples): `reuse` accepts one side's
resolved events for the other only when every named type has the same full key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from registry.catalog.model import Deprecation, Field, TypeSpec


def shape_key(spec: TypeSpec) -> tuple[Any, ...]:
    return _common(spec, shape_key, lambda f: (f.name, f.required, shape_key(f.type)))


def full_key(spec: TypeSpec) -> tuple[Any, ...]:
    return (
        *_common(spec, full_key, _field_key),
        spec.sensitivity,
        spec.redact,
        spec.description,
        repr(spec.examples),
    )


def _common(
    spec: TypeSpec,
    key: Callable[[TypeSpec], tuple[Any, ...]],
    field_key: Callable[[Field], tuple[Any, ...]],
) -> tuple[Any, ...]:
    return (
        spec.kind,
        spec.type_name,
        spec.pattern,
        spec.format,
        spec.minimum,
        spec.maximum,
        spec.max_length,
        spec.values,
        None if spec.items is None else key(spec.items),
        tuple(field_key(f) for f in spec.fields),
    )


def _field_key(field: Field) -> tuple[Any, ...]:
    return (
        field.name,
        full_key(field.type),
        field.required,
        field.description,
        field.redact_reason,
        _deprecation_key(field.deprecated),
        tuple((s.rule, s.reason) for s in field.suppressions),
    )


def _deprecation_key(deprecation: Deprecation | None) -> tuple[Any, ...] | None:
    if deprecation is None:
        return None
    return (deprecation.reason, deprecation.replaced_by, deprecation.since)

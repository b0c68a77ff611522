"""The python target's caches are keyed by the shape of a field's type (`python_shapes`): two
specs share a shape exactly when the generated code cannot tell them apart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from registry.catalog.model import Field, Kind, Redaction, TypeSpec
from registry.findings import Origin
from registry.generate.python_shapes import Shapes

HERE = Origin("a.yaml", ("events", "x", "fields"))
THERE = Origin("b.yaml", ("events", "y", "fields"))
NAMED_LIST = TypeSpec(Kind.LIST, type_name="Tags", items=TypeSpec(Kind.STRING, max_length=8))
NAMED = {"Tags": NAMED_LIST}


def _object(*members: Field) -> TypeSpec:
    return TypeSpec(Kind.OBJECT, fields=members)


def _member(name: str, spec: TypeSpec, required: bool = False, parent: Origin = HERE) -> Field:
    return Field(name, spec, required, None, parent)


NUMBER = TypeSpec(Kind.NUMBER, minimum=1, maximum=10)
ENUM = TypeSpec(Kind.ENUM, values=("a", 1))

CASES = [
    # (what, one spec, another, same shape)
    ("the same object", _object(_member("a", NUMBER)), _object(_member("a", NUMBER)), True),
    (
        "members from other places",
        _object(_member("a", NUMBER)),
        _object(_member("a", NUMBER, parent=THERE)),
        True,
    ),
    ("a description", NUMBER, replace(NUMBER, description="Counted."), True),
    ("examples", NUMBER, replace(NUMBER, examples=(3,)), True),
    ("a bound 1 against 1.0", NUMBER, replace(NUMBER, minimum=1.0), False),
    (
        "a bound 0.0 against -0.0",
        replace(NUMBER, minimum=0.0),
        replace(NUMBER, minimum=-0.0),
        False,
    ),
    ("a value 1 against True", ENUM, replace(ENUM, values=("a", True)), False),
    ("values in another order", ENUM, replace(ENUM, values=(1, "a")), False),
    ("a member's name", _object(_member("a", NUMBER)), _object(_member("b", NUMBER)), False),
    (
        "a member's requirement",
        _object(_member("a", NUMBER)),
        _object(_member("a", NUMBER, required=True)),
        False,
    ),
    (
        "a member's type",
        _object(_member("a", NUMBER)),
        _object(_member("a", replace(NUMBER, maximum=11))),
        False,
    ),
    ("the kind", TypeSpec(Kind.STRING), TypeSpec(Kind.UUID), False),
    (
        "a pattern",
        TypeSpec(Kind.STRING, pattern="^a$"),
        TypeSpec(Kind.STRING, pattern="^b$"),
        False,
    ),
    ("a format", TypeSpec(Kind.STRING, format="email"), TypeSpec(Kind.STRING, format="ip"), False),
    ("a length", TypeSpec(Kind.STRING, max_length=3), TypeSpec(Kind.STRING, max_length=4), False),
    (
        "sensitivity",
        TypeSpec(Kind.STRING, sensitivity=frozenset({"pii"})),
        TypeSpec(Kind.STRING, sensitivity=frozenset({"financial"})),
        False,
    ),
    ("a redaction", TypeSpec(Kind.STRING), TypeSpec(Kind.STRING, redact=Redaction.HASH), False),
    (
        "items",
        TypeSpec(Kind.LIST, items=TypeSpec(Kind.STRING)),
        TypeSpec(Kind.LIST, items=TypeSpec(Kind.INTEGER)),
        False,
    ),
    (
        "a named type's own items against equal ones declared again",
        replace(NAMED_LIST, description="Narrowed."),
        replace(NAMED_LIST, items=TypeSpec(Kind.STRING, max_length=8)),
        False,
    ),
    ("a named type against its structure", NAMED_LIST, replace(NAMED_LIST, type_name=None), False),
]


@pytest.mark.parametrize(
    ("one", "other", "same"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_specs_share_a_shape_only_when_they_generate_the_same_code(
    one: TypeSpec, other: TypeSpec, same: bool
) -> None:
    shapes = Shapes(NAMED)
    assert (shapes.of(one) == shapes.of(other)) is same
    assert shapes.of(one) == shapes.of(one)  # asked again: the same number

"""Schema checks of scalar values, compiled once from the catalog model into plain closures
(lists, objects and redaction at every depth: `registry.checkevents.structure`).

A check is ``check(value, problems)``: it appends ``(code, path, message)`` to ``problems``
when the value does not fit, and allocates nothing when it does. The semantics follow the
generated validators (`registry.generate.python_domain`) and the runtime's redaction
(`registry_runtime.redact`), so a record the emitters wrote always passes:

- the meaning of each type is `registry.catalog.types`; the tests of timestamps, dates, UUIDs,
  e-mail addresses and redacted shapes are `registry_runtime.checks`, which the generated
  emitters call too;
- a field present as ``null`` is a wrong type (the emitters leave ``None`` fields out);
- patterns are searched as `registry.checkevents.patterns` says (linear time).

Paths are static: items of a list are checked as ``path[*]`` and renamed ``path[i]`` only when
they fail, so a clean record pays for no string building.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, assert_never

from registry.catalog.model import Kind, TypeSpec
from registry.catalog.types import (
    Constraint,
    Finite,
    Format,
    Maximum,
    MaxLength,
    Minimum,
    Pattern,
    constraints,
)
from registry.checkevents import codes
from registry.checkevents.patterns import pattern_search
from registry.privacy import leaks
from registry_runtime.checks import is_date, is_timestamp, is_uuid

Problem = tuple[str, str, str]
Check = Callable[[Any, list[Problem]], None]

JSON_TYPES: Final = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
    list: "array",
    dict: "object",
}


def json_type(value: Any) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


_KEY_LIMIT: Final = 64


def shows_safely(text: str, limit: int = _KEY_LIMIT) -> bool:
    """Whether text taken from a record may be shown as it is: short, printable, and holding
    nothing that looks like personal data or a secret."""
    return len(text) <= limit and text.isprintable() and not leaks.find_leaks(text)


def safe_key(key: str) -> str:
    """A key taken from a record, as a path may show it (else its length only)."""
    return key if shows_safely(key) else f"<{len(key)}-character key>"


def opaque(value: Any) -> str:
    """How a message names a value of a field tagged for personal data: never by its text."""
    return "the value" if value is not None else "null"


def rename_items(problems: list[Problem], start: int, star: str, indexed: str) -> None:
    """Give the problems appended since ``start`` the item's index instead of ``[*]``."""
    for position in range(start, len(problems)):
        code, path, message = problems[position]
        if path.startswith(star):
            problems[position] = (code, indexed + path[len(star) :], message)


def _constraint_test(constraint: Constraint) -> tuple[Callable[[Any], bool], str]:
    """A test that holds when a value of the right type meets `constraint`, and the code of
    the finding when it does not."""
    match constraint:
        case MaxLength(limit):
            return (lambda value: len(value) <= limit), codes.CONSTRAINT
        case Pattern(regex):
            return pattern_search(regex), codes.PATTERN
        case Format():
            return constraint.test, codes.CONSTRAINT
        case Finite():
            return constraint.test, codes.CONSTRAINT
        case Minimum(bound):
            return (lambda value: value >= bound), codes.CONSTRAINT
        case Maximum(bound):
            return (lambda value: value <= bound), codes.CONSTRAINT
        case _:
            assert_never(constraint)


def _problem(constraint: Constraint, value: Any) -> str:
    if isinstance(constraint, MaxLength):
        return f"{constraint.problem} ({len(value)})"
    return constraint.problem


def _scalar_check(spec: TypeSpec, path: str, is_type: Callable[[Any], bool], noun: str) -> Check:
    """The type test, then the type's constraints in the order `registry.catalog.types` gives."""
    tests = tuple((constraint, *_constraint_test(constraint)) for constraint in constraints(spec))

    def check(value: Any, problems: list[Problem]) -> None:
        if not is_type(value):
            problems.append((codes.WRONG_TYPE, path, f"must be {noun}, not {json_type(value)}"))
            return
        for constraint, test, code in tests:
            if not test(value):
                problems.append((code, path, _problem(constraint, value)))
                return

    return check


def string_check(spec: TypeSpec, path: str) -> Check:
    return _scalar_check(spec, path, lambda value: type(value) is str, "a string")


def numeric_check(spec: TypeSpec, path: str) -> Check:
    if spec.kind is Kind.INTEGER:
        return _scalar_check(spec, path, lambda value: type(value) is int, "an integer")
    return _scalar_check(
        spec, path, lambda value: type(value) is int or type(value) is float, "a number"
    )


def format_check(kind: Kind, path: str) -> Check:
    if kind is Kind.BOOLEAN:

        def check_boolean(value: Any, problems: list[Problem]) -> None:
            if type(value) is not bool:
                problems.append(
                    (codes.WRONG_TYPE, path, f"must be true or false, not {json_type(value)}")
                )

        return check_boolean
    test, what = {
        Kind.TIMESTAMP: (is_timestamp, "an RFC 3339 timestamp with a time zone"),
        Kind.DATE: (is_date, "a date as YYYY-MM-DD"),
        Kind.UUID: (is_uuid, "a UUID"),
    }[kind]

    def check(value: Any, problems: list[Problem]) -> None:
        if type(value) is not str:
            problems.append((codes.WRONG_TYPE, path, f"must be {what}, not {json_type(value)}"))
        elif not test(value):
            problems.append((codes.CONSTRAINT, path, f"must be {what}"))

    return check


def enum_check(spec: TypeSpec, path: str, describe: Callable[[Any], str]) -> Check:
    values = spec.values
    allowed: frozenset[str | int] = frozenset(values)
    if all(isinstance(v, str) for v in values):
        types: tuple[type, ...] = (str,)
    elif all(isinstance(v, int) for v in values):
        types = (int,)
    else:
        types = (str, int)
    listed = ", ".join(str(v) for v in values)

    def check(value: Any, problems: list[Problem]) -> None:
        if type(value) not in types or value not in allowed:
            problems.append((codes.NOT_ALLOWED, path, f"{describe(value)} is not one of: {listed}"))

    return check

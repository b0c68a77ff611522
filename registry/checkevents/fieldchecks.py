"""Per-field schema checks, compiled once from the catalog model into plain closures.

A check is ``check(value, problems)``: it appends ``(code, path, message)`` to ``problems``
when the value does not fit, and allocates nothing when it does. The semantics follow the
generated validators (`registry.generate.python_domain`) and the runtime's redaction
(`registry_runtime.redact`), so a record the emitters wrote always passes:

- the meaning of each type is `registry.catalog.types`; the tests of timestamps, dates, UUIDs,
  e-mail addresses and redacted shapes are `registry_runtime.checks`, which the generated
  emitters call too;
- a field present as ``null`` is a wrong type (the emitters leave ``None`` fields out);
- a field redacted with ``hash`` holds ``"hmac:"`` + 64 hex digits in place of every scalar,
  ``mask`` holds stars and at most the last 4 characters, ``truncate`` a string; lists and
  objects keep their shape (redaction applies element by element).

Paths are static: items of a list are checked as ``path[*]`` and renamed ``path[i]`` only when
they fail, so a clean record pays for no string building.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final, assert_never

from registry.catalog.model import Kind, Redaction, TypeSpec
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
from registry.privacy import leaks
from registry_runtime.checks import (
    is_date,
    is_hashed,
    is_masked,
    is_timestamp,
    is_uuid,
)

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
            search = re.compile(regex).search
            return (lambda value: search(value) is not None), codes.PATTERN
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


def _string_check(spec: TypeSpec, path: str) -> Check:
    return _scalar_check(spec, path, lambda value: type(value) is str, "a string")


def _numeric_check(spec: TypeSpec, path: str) -> Check:
    if spec.kind is Kind.INTEGER:
        return _scalar_check(spec, path, lambda value: type(value) is int, "an integer")
    return _scalar_check(
        spec, path, lambda value: type(value) is int or type(value) is float, "a number"
    )


def _format_check(kind: Kind, path: str) -> Check:
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


def _enum_check(spec: TypeSpec, path: str, describe: Callable[[Any], str]) -> Check:
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


def _list_check(spec: TypeSpec, path: str, describe: Callable[[Any], str]) -> Check:
    star = path + "[*]"
    item = compile_check(spec.items, star, describe) if spec.items is not None else None

    def check(value: Any, problems: list[Problem]) -> None:
        if type(value) is not list:
            problems.append((codes.WRONG_TYPE, path, f"must be an array, not {json_type(value)}"))
            return
        if item is None:
            return
        for index, element in enumerate(value):
            before = len(problems)
            item(element, problems)
            if len(problems) > before:
                rename_items(problems, before, star, f"{path}[{index}]")

    return check


def _object_check(spec: TypeSpec, path: str, describe: Callable[[Any], str]) -> Check:
    members = tuple(
        (
            m.name,
            m.required,
            f"{path}.{m.name}",
            compile_check(m.type, f"{path}.{m.name}", opaque if m.type.sensitivity else describe),
        )
        for m in spec.fields
    )
    known = frozenset(m.name for m in spec.fields)

    def check(value: Any, problems: list[Problem]) -> None:
        if type(value) is not dict:
            problems.append((codes.WRONG_TYPE, path, f"must be an object, not {json_type(value)}"))
            return
        if not known.issuperset(value):
            for name in sorted(value.keys() - known):
                problems.append(
                    (codes.UNEXPECTED_FIELD, f"{path}.{safe_key(name)}", "is not a declared member")
                )
        for name, required, where, member in members:
            item = value.get(name)
            if item is None:
                if required:
                    problems.append((codes.MISSING_FIELD, where, "is required"))
                elif name in value:
                    member(item, problems)
            else:
                member(item, problems)

    return check


def compile_check(spec: TypeSpec, path: str, describe: Callable[[Any], str]) -> Check:
    """The check of a value written in clear (redaction ``none``)."""
    kind = spec.kind
    if kind is Kind.STRING:
        return _string_check(spec, path)
    if kind in (Kind.INTEGER, Kind.NUMBER):
        return _numeric_check(spec, path)
    if kind is Kind.ENUM:
        return _enum_check(spec, path, describe)
    if kind is Kind.LIST:
        return _list_check(spec, path, describe)
    if kind is Kind.OBJECT:
        return _object_check(spec, path, describe)
    return _format_check(kind, path)


def compile_redacted(spec: TypeSpec, path: str, redaction: Redaction) -> Check:
    """The check of a value written with ``hash``, ``mask`` or ``truncate``: same shape, every
    scalar a string redacted that way (never quoted in messages: it may be in clear)."""
    if spec.kind is Kind.LIST:
        star = path + "[*]"
        item = compile_redacted(spec.items, star, redaction) if spec.items is not None else None

        def check_list(value: Any, problems: list[Problem]) -> None:
            if type(value) is not list:
                problems.append(
                    (codes.WRONG_TYPE, path, f"must be an array, not {json_type(value)}")
                )
                return
            if item is None:
                return
            for index, element in enumerate(value):
                if element is None:
                    continue
                before = len(problems)
                item(element, problems)
                if len(problems) > before:
                    rename_items(problems, before, star, f"{path}[{index}]")

        return check_list
    if spec.kind is Kind.OBJECT:
        members = {
            m.name: compile_redacted(m.type, f"{path}.{m.name}", redaction) for m in spec.fields
        }

        def check_object(value: Any, problems: list[Problem]) -> None:
            if type(value) is not dict:
                problems.append(
                    (codes.WRONG_TYPE, path, f"must be an object, not {json_type(value)}")
                )
                return
            for name, element in value.items():
                member = members.get(name)
                if member is None:
                    problems.append(
                        (
                            codes.UNEXPECTED_FIELD,
                            f"{path}.{safe_key(name)}",
                            "is not a declared member",
                        )
                    )
                elif element is not None:
                    member(element, problems)

        return check_object
    if redaction is Redaction.HASH:

        def check_hash(value: Any, problems: list[Problem]) -> None:
            if type(value) is not str or not is_hashed(value):
                problems.append(
                    (codes.NOT_REDACTED, path, 'is not hashed ("hmac:" and 64 hex digits)')
                )

        return check_hash
    if redaction is Redaction.MASK:

        def check_mask(value: Any, problems: list[Problem]) -> None:
            if type(value) is not str or not is_masked(value):
                problems.append(
                    (codes.NOT_REDACTED, path, "is not masked (stars and at most the last 4)")
                )

        return check_mask

    def check_truncated(value: Any, problems: list[Problem]) -> None:
        if type(value) is not str:
            problems.append(
                (codes.NOT_REDACTED, path, f"is not truncated text ({json_type(value)})")
            )

    return check_truncated

"""The check of a field at every depth, from its type and its redaction plan.

`registry.privacy.policy.RedactionPlan` says what the emitters write for a field and for each
member and item inside it (the generated emitters, the runtime, the docs and the JSON Schema
read the same plan), so check-events expects exactly that:

- a value never written (tagged ``credential``: E026; redaction ``drop``: E027) is a finding
  when it is present, at any depth;
- a value written in clear is checked against its type (`registry.checkevents.fieldchecks`),
  an object's members against their own plans (unknown members: E007);
- under ``hash``, ``mask`` or ``truncate`` lists and the declared members of objects keep their
  shape (members given as None are left out or kept as null), and every scalar, and every
  object without declared members (one text: the redaction of its canonical JSON), is a string
  redacted that way (E028 otherwise).

Paths are static: items of a list are checked as ``path[*]`` and renamed ``path[i]`` only when
they fail, so a clean record pays for no string building.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from registry.catalog.model import Kind, Redaction, TypeSpec
from registry.catalog.types import written_redaction
from registry.checkevents import codes
from registry.checkevents.fieldchecks import (
    Check,
    Problem,
    enum_check,
    format_check,
    json_type,
    numeric_check,
    opaque,
    rename_items,
    safe_key,
    string_check,
)
from registry.privacy.policy import RedactionPlan
from registry_runtime.checks import is_hashed, is_masked

Describe = Callable[[Any], str]

CREDENTIAL_MESSAGE: Final = "is tagged credential: the emitters never write it, in any form"
DROPPED_MESSAGE: Final = "is redacted with drop: the emitters never write it"


def never_written(plan: RedactionPlan) -> tuple[str, str]:
    """The code and message of a value the emitters never write, found in a record."""
    if plan.credential:
        return codes.CREDENTIAL_WRITTEN, CREDENTIAL_MESSAGE
    return codes.DROPPED_WRITTEN, DROPPED_MESSAGE


def compile_value(spec: TypeSpec, plan: RedactionPlan, path: str, describe: Describe) -> Check:
    """The check of a value the emitters write (``plan.written``), clear or redacted."""
    if plan.redaction is not Redaction.NONE:
        return _redacted(spec, plan, path)
    kind = spec.kind
    if kind is Kind.STRING:
        return string_check(spec, path)
    if kind in (Kind.INTEGER, Kind.NUMBER):
        return numeric_check(spec, path)
    if kind is Kind.ENUM:
        return enum_check(spec, path, describe)
    if kind is Kind.LIST:
        return _list(spec, plan, path, lambda s, p, where: compile_value(s, p, where, describe))
    if kind is Kind.OBJECT:
        return _object(spec, plan, path, describe, clear=True)
    return format_check(kind, path)


Compile = Callable[[TypeSpec, RedactionPlan, str], Check]


def _list(spec: TypeSpec, plan: RedactionPlan, path: str, compile_item: Compile) -> Check:
    star = path + "[*]"
    items = plan.items
    item: Check | None = None
    if spec.items is not None and items is not None:
        if items.written:
            item = compile_item(spec.items, items, star)
        else:
            item = _absent(star, *never_written(items))
    clear = plan.redaction is Redaction.NONE

    def check(value: Any, problems: list[Problem]) -> None:
        if type(value) is not list:
            problems.append((codes.WRONG_TYPE, path, f"must be an array, not {json_type(value)}"))
            return
        if item is None:
            return
        for index, element in enumerate(value):
            if element is None and not clear:
                continue  # the runtime keeps None items of redacted lists
            before = len(problems)
            item(element, problems)
            if len(problems) > before:
                rename_items(problems, before, star, f"{path}[{index}]")

    return check


def _absent(path: str, code: str, message: str) -> Check:
    def check(_value: Any, problems: list[Problem]) -> None:
        problems.append((code, path, message))

    return check


def _object(
    spec: TypeSpec, plan: RedactionPlan, path: str, describe: Describe, *, clear: bool
) -> Check:
    """Declared members against their plans; a clear object's required members must be there
    (under a redaction the runtime leaves out members given as None)."""
    members = []
    for member, member_plan in zip(spec.fields, plan.members, strict=True):
        where = f"{path}.{member.name}"
        if member_plan.written:
            shown = opaque if member.type.sensitivity else describe
            check = compile_value(member.type, member_plan, where, shown)
            members.append((member.name, clear and member.required, clear, where, check))
        else:
            absent = _absent(where, *never_written(member_plan))
            members.append((member.name, False, True, where, absent))
    known = frozenset(member.name for member in spec.fields)
    entries = tuple(members)

    def check_object(value: Any, problems: list[Problem]) -> None:
        if type(value) is not dict:
            problems.append((codes.WRONG_TYPE, path, f"must be an object, not {json_type(value)}"))
            return
        if not known.issuperset(value):
            for name in sorted(value.keys() - known):
                problems.append(
                    (codes.UNEXPECTED_FIELD, f"{path}.{safe_key(name)}", "is not a declared member")
                )
        for name, required, null_checked, where, member_check in entries:
            item = value.get(name)
            if item is None:
                if required:
                    problems.append((codes.MISSING_FIELD, where, "is required"))
                elif null_checked and name in value:
                    member_check(item, problems)
            else:
                member_check(item, problems)

    return check_object


def _redacted(spec: TypeSpec, plan: RedactionPlan, path: str) -> Check:
    """A value under ``hash``, ``mask`` or ``truncate`` (never quoted in messages: it may be
    in clear)."""
    if spec.kind is Kind.LIST:
        return _list(spec, plan, path, lambda s, p, where: compile_value(s, p, where, opaque))
    if spec.kind is Kind.OBJECT and spec.fields:
        return _object(spec, plan, path, opaque, clear=False)
    return _redacted_text(written_redaction(spec, plan), path)


def _redacted_text(redaction: Redaction, path: str) -> Check:
    if redaction is Redaction.HASH:

        def check_hash(value: Any, problems: list[Problem]) -> None:
            if type(value) is not str or not is_hashed(value):
                problems.append(
                    (codes.NOT_REDACTED, path, 'is not hashed ("hmac:<key id>:" and 64 hex digits)')
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

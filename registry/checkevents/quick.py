"""The fast path: one yes/no test per record, no messages.

Most records of a real stream are valid, so each is first put through its event's quick
test (`compile_quick`: the envelope, then the event's own rules); only a record that fails it
goes through the detailed checks (`registry.checkevents.envelope`, `registry.checkevents.fieldchecks`), which
say what is wrong. The quick tests are at least as strict as the detailed ones (a test
checks this on mutated records), so a record they pass has no schema finding.

`compile_quick` writes the per-event test as Python source and compiles it once, like the
generated emitters inline their checks: one function with a flat run of type and constraint
tests costs a few microseconds where a closure per field costs several times that. Nothing
from the catalog is written into the source: field names, patterns, values and limits are
passed in as constants (``_c0``, ``_c1`` ...), so no catalog text can change the code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final, assert_never

from registry.catalog.model import Kind, Redaction, TypeSpec
from registry.catalog.types import (
    Finite,
    Format,
    Maximum,
    MaxLength,
    Minimum,
    Pattern,
    constraints,
)
from registry.checkevents.envelope import CONTEXT, HASH_LENGTH, REQUIRED, DateCache
from registry.checkevents.fieldchecks import Check, Problem
from registry.checkevents.patterns import pattern_search
from registry.privacy.policy import RedactionPlan
from registry_runtime.chain import CHAIN_KEYS, STREAM_PATTERN
from registry_runtime.checks import TIMESTAMP, UTC_TIMESTAMP, UUID, is_hashed, is_masked

QuickTest = Callable[[dict[str, Any]], bool]


_ENVELOPE_SOURCE: Final = """\
    size = len(record)
    if size != plain_size:
        if size == chained_size:
            value = record["stream"]
            if type(value) is not str or stream_id(value) is None:
                return False
            value = record["seq"]
            if type(value) is not int or value < 0:
                return False
        elif size != first_chained_size:
            return False
        for value in (record["hash"], record["prev_hash"]):
            if type(value) is not str or len(value) != hash_length:
                return False
    record["event"]
    value = record["id"]
    if type(value) is not str or uuid(value) is None:
        return False
    if type(record["version"]) is not int:
        return False
    value = record["occurred_at"]
    if type(value) is not str or utc(value) is None or not dates(value[:10]):
        return False
    actor = record["actor"]
    if type(actor) is not dict or len(actor) != 2:
        return False
    kind = actor.get("type")
    value = actor.get("id")
    if type(kind) is not str or not kind or type(value) is not str or not value:
        return False
    parties = record["targets"]
    if type(parties) is not list:
        return False
    for party in parties:
        if type(party) is not dict or len(party) != 2:
            return False
        kind = party.get("type")
        value = party.get("id")
        if type(kind) is not str or not kind or type(value) is not str or not value:
            return False
    outcome = record["outcome"]
    if type(outcome) is not str or not outcome:
        return False
    reason = record["reason"]
    if reason is not None and type(reason) is not str:
        return False
    value = record["context"]
    if type(value) is not dict or not context_keys.issuperset(value):
        return False
    for item in value.values():
        if item is not None and type(item) is not str:
            return False
    value = record["tenant"]
    if value is not None and type(value) is not str:
        return False
    f = record["fields"]
    if type(f) is not dict:
        return False
"""
"""The event-independent part of every quick test: the envelope as the emitters write it.

Every required member is read with ``record[...]`` (a missing one raises KeyError, which the
test turns into False); with the record's size equal to the number of members read, there
is no member besides them."""


def _envelope_constants() -> dict[str, object]:
    return {
        "plain_size": len(REQUIRED),
        "chained_size": len(REQUIRED) + len(CHAIN_KEYS),
        "first_chained_size": len(REQUIRED) + 2,
        "stream_id": re.compile(STREAM_PATTERN).fullmatch,
        "uuid": UUID.fullmatch,
        "utc": UTC_TIMESTAMP.fullmatch,
        "dates": DateCache().valid,
        "context_keys": CONTEXT,
        "hash_length": HASH_LENGTH,
    }


class _Source:
    """Lines of the quick test and the constants they refer to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, object] = {}
        self.dates = "dates"

    def constant(self, value: object) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def fail_unless(self, depth: int, condition: str) -> None:
        self.lines.append("    " * depth + f"if not ({condition}):")
        self.lines.append("    " * depth + "    return False")


def _clear_condition(spec: TypeSpec, source: _Source, detailed: Check, var: str = "v") -> str:
    """A condition on ``var`` that holds when the detailed check of a clear value finds
    nothing (lists of scalars are tested inline, objects through the detailed check)."""
    kind = spec.kind
    if kind is Kind.STRING:
        return " and ".join([f"type({var}) is str", *_constraint_tests(spec, source, var)])
    if kind is Kind.INTEGER:
        return " and ".join([f"type({var}) is int", *_constraint_tests(spec, source, var)])
    if kind is Kind.NUMBER:
        number = f"(type({var}) is int or type({var}) is float)"
        return " and ".join([number, *_constraint_tests(spec, source, var)])
    if kind is Kind.BOOLEAN:
        return f"type({var}) is bool"
    if kind is Kind.TIMESTAMP:
        timestamp = source.constant(TIMESTAMP.fullmatch)
        return (
            f"type({var}) is str and {timestamp}({var}) is not None and {source.dates}({var}[:10])"
        )
    if kind is Kind.DATE:
        return f"type({var}) is str and {source.dates}({var})"
    if kind is Kind.UUID:
        return f"type({var}) is str and {source.constant(UUID.fullmatch)}({var}) is not None"
    if kind is Kind.ENUM:
        values = frozenset(spec.values)
        types = frozenset(type(item) for item in spec.values)
        return f"type({var}) in {source.constant(types)} and {var} in {source.constant(values)}"
    if kind is Kind.LIST and (
        spec.items is None or spec.items.kind not in (Kind.LIST, Kind.OBJECT)
    ):
        if spec.items is None:
            return f"type({var}) is list"
        item = f"x{len(source.constants)}"
        condition = _clear_condition(spec.items, source, detailed, item)
        return f"type({var}) is list and all({condition} for {item} in {var})"
    return _via_detailed(source, detailed, var)


def _constraint_tests(spec: TypeSpec, source: _Source, var: str) -> list[str]:
    """A condition per constraint of the type (`registry.catalog.types.constraints`)."""
    tests = []
    for constraint in constraints(spec):
        match constraint:
            case MaxLength(limit):
                tests.append(f"len({var}) <= {source.constant(limit)}")
            case Pattern(regex):
                tests.append(f"{source.constant(pattern_search(regex))}({var})")
            case Format():
                tests.append(f"{source.constant(constraint.test)}({var})")
            case Finite():
                tests.append(f"{source.constant(constraint.test)}({var})")
            case Minimum(bound):
                tests.append(f"{var} >= {source.constant(bound)}")
            case Maximum(bound):
                tests.append(f"{var} <= {source.constant(bound)}")
            case _:
                assert_never(constraint)
    return tests


def _via_detailed(source: _Source, detailed: Check, var: str = "v") -> str:
    """Objects and nested lists: the detailed check, run into a scratch list."""
    return f"{source.constant(_clean)}({source.constant(detailed)}, {var})"


def _clean(check: Check, value: Any) -> bool:
    problems: list[Problem] = []
    check(value, problems)
    return not problems


def _redacted_condition(
    spec: TypeSpec, redaction: Redaction, source: _Source, detailed: Check
) -> str:
    if spec.kind in (Kind.LIST, Kind.OBJECT):
        return _via_detailed(source, detailed)
    if redaction is Redaction.HASH:
        return f"type(v) is str and {source.constant(is_hashed)}(v)"
    if redaction is Redaction.MASK:
        return f"type(v) is str and {source.constant(is_masked)}(v)"
    return "type(v) is str"


FieldEntry = tuple[str, bool, TypeSpec, RedactionPlan, Check]
"""(name, required, type, redaction plan, detailed check) of a field the emitters write."""


def compile_quick(
    entries: tuple[FieldEntry, ...],
    actors: frozenset[str],
    targets: frozenset[str],
    outcomes: frozenset[str],
    reasons: frozenset[str],
) -> QuickTest:
    """The quick test of one event: the envelope, the declared parties, outcome and reason,
    then every field."""
    source = _Source()
    lines = source.lines
    if actors:
        source.fail_unless(1, f'actor["type"] in {source.constant(actors)}')
    if targets:
        allowed = source.constant(targets)
        lines.append("    for party in parties:")
        source.fail_unless(2, f'party["type"] in {allowed}')
    source.fail_unless(1, f"outcome in {source.constant(outcomes)}")
    lines.append('    if outcome == "failure":')
    if reasons:
        source.fail_unless(2, f"reason in {source.constant(reasons)}")
    else:
        source.fail_unless(2, "reason")
    lines.append("    elif reason is not None:")
    lines.append("        return False")
    known = frozenset(name for name, _, _, _, _ in entries)
    source.fail_unless(1, f"{source.constant(known)}.issuperset(f)")
    for name, required, spec, plan, detailed in entries:
        key = source.constant(name)
        lines.append(f"    v = f.get({key})")
        lines.append("    if v is None:")
        lines.append("        return False" if required else f"        if {key} in f: return False")
        lines.append("    else:")
        if plan.redaction is not Redaction.NONE:
            condition = _redacted_condition(spec, plan.redaction, source, detailed)
        elif plan.sensitive:  # something inside is redacted or never written
            condition = _via_detailed(source, detailed)
        else:
            condition = _clear_condition(spec, source, detailed)
        source.fail_unless(2, condition)
    lines.append("    return True")
    body = _ENVELOPE_SOURCE + "\n".join(lines) + "\n"
    text = (
        "def quick(record):\n    try:\n"
        + "".join("    " + line + "\n" for line in body.splitlines())
        + "    except KeyError:  # a member of the envelope is missing\n        return False\n"
    )
    namespace: dict[str, Any] = {**_envelope_constants(), **source.constants}
    exec(compile(text, "<registry check-events quick test>", "exec"), namespace)  # noqa: S102
    function: QuickTest = namespace["quick"]
    return function

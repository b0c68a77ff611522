"""The meaning of field types and their constraints: the catalog half.

One place says what each field type (`Kind`) and constraint means, for every stage that needs
it: the Python generator, `registry check-events`, the JSON Schema target and the docs. The
run-time half (the tests a value must pass: timestamps, dates, UUIDs, e-mail addresses,
redacted shapes) is `registry_runtime.checks`, which generated code and check-events both
call; `tests/conformance` runs the same (spec, value) table through the generated emitters,
check-events and the JSON Schemas and demands one verdict.

The rules, in short:

- ``string``: ``max_length`` counts code points; ``pattern`` is searched (anchor it with
  ``^...$`` to match the whole value); a pattern searched anywhere in the value (not anchored
  at its start) bounds a field without ``max_length`` to `PATTERN_SEARCH_LIMIT` characters
  (`registry_runtime.patterns`: the search stays within milliseconds); of the declared
  ``format`` values only those in `ENFORCED_FORMATS` are checked, the others document intent.
- ``integer``: an int, never a bool; ``number``: an int or a finite float, never a bool;
  ``min`` / ``max`` are inclusive.
- ``timestamp``: RFC 3339 date-time with a time zone, second 60 refused; ``date``:
  ``YYYY-MM-DD`` of a calendar day; ``uuid``: 8-4-4-4-12 hexadecimal digits.
- ``enum``: one of ``values``, compared by type too (``True`` and ``1.0`` are not ``1``).
- ``list``: every item is checked against ``items``; ``object``: ``fields`` are the members,
  no others allowed, ``required`` members must be present.
- Redaction applies at every depth (`Written`, computed by `registry.privacy.policy`): a member
  or item inherits the strongest redaction around it. ``hash``, ``mask`` and ``truncate`` keep
  the shape of lists and of objects' declared members and turn every scalar into text, and
  every object without declared members into one hash; ``drop`` (and ``credential``, at any
  depth) leaves the value out, as does a list whose items are never written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol, assert_never

from registry.catalog.model import Kind, Redaction, TypeSpec
from registry_runtime import checks
from registry_runtime.patterns import SHORT, starts_at_start


@dataclass(frozen=True, slots=True)
class EnforcedFormat:
    """What a checked string format means: the runtime's test (a function of
    `registry_runtime.checks`, which generated code imports by its name), the problem an
    emitter reports, and the pattern the JSON Schemas carry (whole-value; JSON Schema's own
    `format` keyword means different things to different validators, so it is not used)."""

    test: Callable[[str], bool]
    problem: str
    pattern: re.Pattern[str]


ENFORCED_FORMATS: Final[dict[str, EnforcedFormat]] = {
    "email": EnforcedFormat(checks.is_email, "is not an e-mail address", checks.EMAIL),
}
"""String formats whose values are checked (the other declared formats are documentation)."""

SCALAR_JSON_SCHEMA: Final[dict[Kind, dict[str, Any]]] = {
    Kind.STRING: {"type": "string"},
    Kind.INTEGER: {"type": "integer"},
    Kind.NUMBER: {"type": "number"},
    Kind.BOOLEAN: {"type": "boolean"},
    Kind.TIMESTAMP: {"type": "string", "format": "date-time"},
    Kind.DATE: {"type": "string", "format": "date"},
    Kind.UUID: {"type": "string", "format": "uuid"},
}


END: Final = r"(?![\s\S])"
r"""The end of the text, in both Python's and ECMA-262's regular expressions (``$`` also
matches before a final line break in Python, which JSON Schema validators written in Python
use; ``\Z`` does not exist in ECMA-262)."""


def anchored(pattern: re.Pattern[str] | str) -> str:
    """A runtime pattern as a whole-value JSON Schema ``pattern``."""
    text = pattern if isinstance(pattern, str) else pattern.pattern
    return f"^(?:{text}){END}"


#: Whole-value patterns of the formats JSON Schema's own ``format`` keyword checks more
#: loosely than the runtime (leap seconds, shapes of UUIDs and e-mail addresses).
_FORMAT_PATTERNS: Final[dict[Kind, str]] = {
    Kind.TIMESTAMP: anchored(checks.TIMESTAMP),
    Kind.DATE: anchored(checks.DATE),
    Kind.UUID: anchored(checks.UUID),
}


# -- constraints: what a value is checked against after its type ------------------------------


PATTERN_SEARCH_LIMIT: Final = SHORT
"""The most characters a field holds when its pattern is searched anywhere in the value
(not anchored at its start) and it declares no ``max_length``: a search of a linear pattern
costs `re` work at every start position (about 25 ms for 100 KB), so the length is checked
first. Declaring ``max_length`` (any size) or anchoring the pattern with ``^`` lifts it."""


@dataclass(frozen=True, slots=True)
class MaxLength:
    """A string of at most `limit` code points; `implied` when the catalog does not declare
    it (`PATTERN_SEARCH_LIMIT`)."""

    limit: int
    implied: bool = False

    @property
    def problem(self) -> str:
        if self.implied:
            return (
                f"is longer than {self.limit} characters (the limit of a field whose pattern is"
                " searched anywhere in the value: declare max_length or anchor it with ^)"
            )
        return f"is longer than {self.limit} characters"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A string in which `regex` is found (searched: anchor it to match the whole value)."""

    regex: str

    @property
    def problem(self) -> str:
        return f"does not match {self.regex}"


@dataclass(frozen=True, slots=True)
class Format:
    """A string of an enforced format (`ENFORCED_FORMATS`); `test` is the runtime's."""

    name: str

    @property
    def test(self) -> Callable[[str], bool]:
        return ENFORCED_FORMATS[self.name].test

    @property
    def problem(self) -> str:
        return ENFORCED_FORMATS[self.name].problem


@dataclass(frozen=True, slots=True)
class Finite:
    """A number that is not NaN or infinite (a float can be; JSON cannot hold them)."""

    @property
    def test(self) -> Callable[[float], bool]:
        return checks.is_finite

    @property
    def problem(self) -> str:
        return "must be a finite number"


@dataclass(frozen=True, slots=True)
class Minimum:
    bound: float

    @property
    def problem(self) -> str:
        return f"must be at least {self.bound}"


@dataclass(frozen=True, slots=True)
class Maximum:
    bound: float

    @property
    def problem(self) -> str:
        return f"must be at most {self.bound}"


Constraint = MaxLength | Pattern | Format | Finite | Minimum | Maximum
"""Every constraint a scalar value is checked against once its type is right."""


def constraints(spec: TypeSpec) -> tuple[Constraint, ...]:
    """The constraints of a string or number type, in the order every checker applies them
    (the first that fails is the one reported)."""
    out: list[Constraint] = []
    if spec.kind is Kind.STRING:
        if spec.max_length is not None:
            out.append(MaxLength(spec.max_length))
        elif implied_max_length(spec) is not None:
            out.append(MaxLength(PATTERN_SEARCH_LIMIT, implied=True))
        if spec.pattern is not None:
            out.append(Pattern(spec.pattern))
        if spec.format in ENFORCED_FORMATS:
            out.append(Format(spec.format))
    elif spec.kind in (Kind.INTEGER, Kind.NUMBER):
        if spec.kind is Kind.NUMBER:
            out.append(Finite())
        if spec.minimum is not None:
            out.append(Minimum(spec.minimum))
        if spec.maximum is not None:
            out.append(Maximum(spec.maximum))
    return tuple(out)


def implied_max_length(spec: TypeSpec) -> int | None:
    """`PATTERN_SEARCH_LIMIT` for a string whose pattern is searched anywhere in the value
    and that declares no ``max_length``, else None."""
    if spec.kind is not Kind.STRING or spec.max_length is not None or spec.pattern is None:
        return None
    return None if starts_at_start(spec.pattern) else PATTERN_SEARCH_LIMIT


def enum_types(values: tuple[str | int, ...]) -> tuple[type, ...]:
    """The Python types an enum's values have: the type test comes before membership (a
    list is unhashable, and ``True == 1``)."""
    if all(isinstance(v, str) for v in values):
        return (str,)
    if all(isinstance(v, int) for v in values):
        return (int,)
    return (str, int)


class Written(Protocol):
    """What a record holds of a value, at every depth: the shape of
    `registry.privacy.policy.RedactionPlan` (which this layer cannot import), whose members
    and items follow the `TypeSpec`'s ``fields`` and ``items``."""

    @property
    def redaction(self) -> Redaction: ...

    @property
    def written(self) -> bool: ...

    @property
    def members(self) -> Sequence[Written]: ...

    @property
    def items(self) -> Written | None: ...


def json_schema(spec: TypeSpec, plan: Written | None = None) -> dict[str, Any] | None:
    """The JSON Schema (2020-12) of a value as a record holds it, redacted the way ``plan``
    says at every depth (no plan: written in clear); None when it is never written.

    A member never written (drop, credential, a list of such items: `written`) is not allowed; a value under
    ``hash``, ``mask`` or ``truncate`` keeps the shape of its lists and declared members
    (members optional: the runtime leaves out members given as None), every scalar becomes one
    text of the shape that redaction writes, and every object without declared members one
    hash (`registry_runtime.redact`: a structure is redacted as its canonical JSON text).
    """
    if plan is not None and not plan.written:
        return None
    if spec.kind is Kind.LIST:
        return {"type": "array", "items": _items(spec, plan)}
    if plan is not None and plan.redaction is not Redaction.NONE:
        return _redacted(spec, plan)
    if spec.kind is Kind.ENUM:
        return {"enum": list(spec.values)}
    if spec.kind is Kind.OBJECT:
        properties = _members(spec, plan)
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [m.name for m in spec.fields if m.required and m.name in properties],
            "properties": properties,
        }
    schema = dict(SCALAR_JSON_SCHEMA[spec.kind])
    if spec.kind in _FORMAT_PATTERNS:
        schema["pattern"] = _FORMAT_PATTERNS[spec.kind]
    patterns: list[str] = []
    for constraint in constraints(spec):
        match constraint:
            case MaxLength(limit):
                schema["maxLength"] = limit
            case Pattern(regex):
                patterns.append(regex)
            case Format(name):
                patterns.append(anchored(ENFORCED_FORMATS[name].pattern))
            case Finite():
                pass  # JSON numbers are finite
            case Minimum(bound):
                schema["minimum"] = bound
            case Maximum(bound):
                schema["maximum"] = bound
            case _:
                assert_never(constraint)
    if patterns:
        schema["pattern"] = patterns[0]
    if len(patterns) > 1:
        schema["allOf"] = [{"pattern": p} for p in patterns[1:]]
    return schema


def written_redaction(spec: TypeSpec, plan: Written) -> Redaction:
    """The redaction the record shows for a value: the plan's, except that an object without
    declared members is one value, its canonical JSON text, which ``mask`` and ``truncate``
    hash instead (part of that text, a key or a bracket, would show otherwise)."""
    if spec.kind is Kind.OBJECT and not spec.fields and plan.redaction in _SHOWS_PART:
        return Redaction.HASH
    return plan.redaction


_SHOWS_PART: Final = frozenset({Redaction.MASK, Redaction.TRUNCATE})


def _redacted(spec: TypeSpec, plan: Written) -> dict[str, Any]:
    if spec.kind is Kind.OBJECT and spec.fields:
        return {
            "type": "object",
            "additionalProperties": False,
            "properties": _members(spec, plan),
        }
    pattern = REDACTED_PATTERNS.get(written_redaction(spec, plan))
    return {"type": "string", "pattern": pattern} if pattern else {"type": "string"}


def _items(spec: TypeSpec, plan: Written | None) -> dict[str, Any]:
    if spec.items is None:
        return {}
    items = json_schema(spec.items, None if plan is None else plan.items)
    assert items is not None  # a list whose items are never written is itself never written
    return items


def _members(spec: TypeSpec, plan: Written | None) -> dict[str, Any]:
    """The schemas of the members an object's record holds (never-written ones left out)."""
    plans: Sequence[Written | None] = [None] * len(spec.fields) if plan is None else plan.members
    properties = {}
    for member, member_plan in zip(spec.fields, plans, strict=True):
        schema = json_schema(member.type, member_plan)
        if schema is not None:
            properties[member.name] = schema
    return properties


REDACTED_PATTERNS: Final[dict[Redaction, str]] = {
    Redaction.HASH: anchored(checks.HASHED_PATTERN),
    Redaction.MASK: (
        f"^(?:\\*{{0,{checks.MASK_MIN_LENGTH - 1}}}"
        f"|(?=[\\s\\S]{{{checks.MASK_MIN_LENGTH}}})\\*+[\\s\\S]{{0,{checks.MASK_KEEP}}}){END}"
    ),
}
"""What `registry_runtime.checks.is_hashed` and `is_masked` accept, as JSON Schema patterns."""


def number_text(value: float) -> str:
    """A bound as the docs show it: ``5`` rather than ``5.0``."""
    return str(int(value)) if float(value).is_integer() else repr(value)


def type_label(spec: TypeSpec) -> str:
    """How the docs name a field's type: ``release_id (string)``, ``list of string``."""
    base = spec.kind.value
    if spec.kind is Kind.LIST and spec.items is not None:
        base = f"list of {type_label(spec.items)}"
    return f"{spec.type_name} ({base})" if spec.type_name else base


def constraint_labels(spec: TypeSpec) -> tuple[tuple[str, str], ...]:
    """The constraints of a type as (label, value) pairs, in the order the docs list them."""
    out: list[tuple[str, str]] = []
    if spec.kind is Kind.ENUM:
        out.append(("one of", ", ".join(str(v) for v in spec.values)))
    if spec.pattern is not None:
        out.append(("pattern", spec.pattern))
    if spec.format is not None:
        out.append(("format", spec.format))
    if spec.minimum is not None:
        out.append(("min", number_text(spec.minimum)))
    if spec.maximum is not None:
        out.append(("max", number_text(spec.maximum)))
    if spec.max_length is not None:
        out.append(("max length", str(spec.max_length)))
    elif (implied := implied_max_length(spec)) is not None:
        out.append(("max length", f"{implied} (the pattern is searched anywhere)"))
    if spec.kind is Kind.LIST and spec.items is not None:
        out += [(f"items {label}", value) for label, value in constraint_labels(spec.items)]
    return tuple(out)

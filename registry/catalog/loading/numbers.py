"""Numbers a catalog cannot mean as written (S008), found where the schema check is silent.

JSON Schema calls `2.0` an integer and NaN and infinity numbers, so `version: 2.0`,
`max_length: 64.0`, `max: .nan` and `min: -.inf` all pass it; every later step then reads
something else (a rounded version, a bound that never fails). The parsers mark the files
that hold a float or an integer beyond 64 bits (the rest skip this check, which costs
nothing then); for those, a strict reading of the same schema finds:

- a float where the schema wants a whole number (`version`, `max_length`, enum `values`,
  configuration limits);
- NaN or an infinity (`.nan`, `.inf`, or `1e400`, which YAML reads as infinity), anywhere;
- an integer outside 64 bits (what every reader and database keeps exactly), anywhere;

except where the schema check reports the value's type anyway (S002 says it there).
Integers written with leading zeros are reported while composing (they need the text).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from registry.catalog.loading.compose import INT64_MAX, INT64_MIN
from registry.findings import Finding, Origin, Pointer, finding_at
from registry.findings.codes import AMBIGUOUS_NUMBER

RawText = Callable[[Pointer], str | None]


def _whole(value: Any) -> bool:
    return type(value) is int and INT64_MIN <= value <= INT64_MAX


def _finite(value: Any) -> bool:
    return _whole(value) or (type(value) is float and math.isfinite(value))


def _odd(value: Any) -> bool:
    """NaN, an infinity or an integer beyond 64 bits."""
    kind = type(value)
    return (kind is float and not math.isfinite(value)) or (kind is int and not _whole(value))


@cache
def _validators(schema_name: str) -> tuple[Any, Any]:
    """(the schema's own validator, the same schema with strict `integer` and `number`)."""
    import jsonschema

    from registry.catalog.schema import load_schema

    base = jsonschema.Draft202012Validator
    checker = base.TYPE_CHECKER.redefine_many(
        {"integer": lambda _, value: _whole(value), "number": lambda _, value: _finite(value)}
    )
    strict = jsonschema.validators.extend(base, type_checker=checker)  # type: ignore[no-untyped-call]
    schema = load_schema(schema_name)
    return base(schema), strict(schema)


def _type_errors(errors: Any) -> Iterator[Any]:
    for error in errors:
        if error.validator == "type":
            yield error
        if error.context:
            yield from _type_errors(error.context)


def number_findings(
    data: Any, path: str, raw_text: RawText | None = None, schema_name: str = "catalog"
) -> list[Finding]:
    """S008 findings for the document `data` of file `path` (checked against `schema_name`)."""
    base, strict = _validators(schema_name)
    wrong_type = {tuple(e.absolute_path) for e in _type_errors(base.iter_errors(data))}
    reported: dict[Pointer, Finding] = {}
    for error in _type_errors(strict.iter_errors(data)):
        pointer: Pointer = tuple(error.absolute_path)
        value = error.instance
        if pointer in wrong_type or pointer in reported or type(value) is not float:
            continue
        if math.isfinite(value):
            reported[pointer] = _fraction(value, Origin(path, pointer), raw_text, error)
    for pointer, value in _odd_values(data):
        if pointer not in wrong_type and pointer not in reported:
            reported[pointer] = _odd_finding(value, Origin(path, pointer), raw_text)
    return list(reported.values())


def _odd_values(data: Any) -> Iterator[tuple[Pointer, Any]]:
    stack: list[tuple[Pointer, Any]] = [((), data)]
    while stack:
        pointer, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, (dict, list)):
                stack.append(((*pointer, key), value))
            elif _odd(value):
                yield (*pointer, key), value


def _where(pointer: Pointer) -> str:
    return " at " + ".".join(str(part) for part in pointer) if pointer else ""


def _fraction(value: float, origin: Origin, raw_text: RawText | None, error: Any) -> Finding:
    raw = raw_text(origin.pointer) if raw_text is not None else None
    written = raw or repr(value)
    allowed = error.validator_value if isinstance(error.validator_value, list) else []
    if value.is_integer():
        hint = f"write {int(value)}" + (f": YAML reads {raw} as a decimal number" if raw else "")
        if "string" in allowed:
            hint += f", or '{written}' in quotes to keep it as text"
    else:
        hint = "use a whole number" + (
            " (a version counts breaking changes: 1, 2, 3)"
            if origin.pointer[-1:] == ("version",)
            else ""
        )
    return finding_at(
        origin,
        AMBIGUOUS_NUMBER,
        f"{written}{_where(origin.pointer)} is a decimal number where a whole number is expected",
        hint=hint,
    )


def _odd_finding(value: Any, origin: Origin, raw_text: RawText | None) -> Finding:
    where = _where(origin.pointer)
    if type(value) is int:
        count = len(str(abs(value)))  # at most 4,300: longer literals are read as infinity
        return finding_at(
            origin,
            AMBIGUOUS_NUMBER,
            f"an integer of {count:,} digits{where} is too large for a catalog",
            hint=f"catalog integers fit in 64 bits ({INT64_MIN} to {INT64_MAX}); "
            "quote it to keep it as text",
        )
    if math.isnan(value):
        return finding_at(
            origin,
            AMBIGUOUS_NUMBER,
            f"NaN (not a number){where} means no number",
            hint="a NaN bound compares false with everything, so the check it declares never "
            "fails; write the number you mean, or leave the key out",
        )
    raw = raw_text(origin.pointer) if raw_text is not None else None
    sign = "-" if value < 0 else ""
    digits = (raw or "").lstrip("+-")
    if digits.isdigit():
        message = f"an integer of {len(digits):,} digits{where} is too large for any reader"
        hint = f"catalog integers fit in 64 bits ({INT64_MIN} to {INT64_MAX})"
    else:
        message = f"{sign}infinity{where} is no bound or value"
        hint = (
            f"YAML reads {raw} as {sign}infinity (beyond the largest float); "
            if raw is not None and "inf" not in raw.lower()
            else ""
        ) + "leave the key out for no bound, or write the number you mean"
    return finding_at(origin, AMBIGUOUS_NUMBER, message, hint=hint)

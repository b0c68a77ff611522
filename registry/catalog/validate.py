"""Check documents against a JSON Schema and turn failures into located, coded findings.

A compiled validator (jsonschema-rs) answers "valid?" for every document; only the
documents that fail go through the `jsonschema` library, whose error objects carry the
schema keyword, the instance path and the sub-errors of `anyOf`, which map to codes.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from registry.findings import Finding, Origin, Pointer, finding_at
from registry.findings.codes import (
    INVALID_VALUE,
    MISSING_KEY,
    OUT_OF_RANGE,
    PATTERN_MISMATCH,
    UNKNOWN_KEY,
    VALUE_NOT_ALLOWED,
    WRONG_TYPE,
    Code,
)

_KEYWORD_CODES: dict[str, Code] = {
    "additionalProperties": UNKNOWN_KEY,
    "unevaluatedProperties": UNKNOWN_KEY,
    "type": WRONG_TYPE,
    "required": MISSING_KEY,
    "enum": VALUE_NOT_ALLOWED,
    "const": VALUE_NOT_ALLOWED,
    "pattern": PATTERN_MISMATCH,
    "propertyNames": PATTERN_MISMATCH,
    "format": PATTERN_MISMATCH,
    "minimum": OUT_OF_RANGE,
    "maximum": OUT_OF_RANGE,
    "exclusiveMinimum": OUT_OF_RANGE,
    "exclusiveMaximum": OUT_OF_RANGE,
    "minLength": OUT_OF_RANGE,
    "maxLength": OUT_OF_RANGE,
    "minItems": OUT_OF_RANGE,
    "maxItems": OUT_OF_RANGE,
    "uniqueItems": OUT_OF_RANGE,
}

_JSON_TYPES = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    dict: "mapping",
    list: "list",
    type(None): "null",
}

RawText = Callable[[Pointer], str | None]
"""Source text of a plain scalar that YAML did not read as a string (for hints)."""


def type_name(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


class SchemaChecker:
    def __init__(self, schema: dict[str, Any]) -> None:
        self._schema = schema
        self._detailed_validator: Any = None
        self._fast: Callable[[Any], bool] | None
        try:
            import jsonschema_rs

            self._fast = jsonschema_rs.validator_for(schema).is_valid
        except ImportError:  # pragma: no cover - jsonschema-rs is a dependency
            self._fast = None

    @property
    def _detailed(self) -> Any:
        """The `jsonschema` validator, built on first need: importing jsonschema costs about
        0.1 s, and a clean catalog never needs it."""
        if self._detailed_validator is None:
            import jsonschema

            self._detailed_validator = jsonschema.Draft202012Validator(self._schema)
        return self._detailed_validator

    def is_valid(self, data: Any) -> bool:
        if self._fast is not None:
            try:
                return self._fast(data)
            except (ValueError, TypeError, OverflowError):
                pass
        return bool(self._detailed.is_valid(data))

    def check(self, data: Any, path: str, raw_text: RawText | None = None) -> list[Finding]:
        """Findings for `data` (one document of file `path`); empty when it is valid."""
        if self.is_valid(data):
            return []
        findings: list[Finding] = []
        for error in sorted(self._detailed.iter_errors(data), key=_error_order):
            findings.extend(_to_findings(error, path, raw_text))
        return findings


@cache
def catalog_checker() -> SchemaChecker:
    from registry.catalog.schema import load_schema

    return SchemaChecker(load_schema("catalog"))


def _error_order(error: Any) -> tuple[str, ...]:
    return tuple(str(part) for part in error.absolute_path)


def _describe_schema_type(schema_type: Any) -> str:
    names = {"object": "mapping", "array": "list"}
    if isinstance(schema_type, list):
        parts = [names.get(str(t), str(t)) for t in schema_type]
        return " or ".join(parts)
    return names.get(str(schema_type), str(schema_type))


def _best(error: Any) -> Any:
    """For anyOf/oneOf, the one sub-error most likely to be the user's real mistake.

    Among the branches' errors that is the deepest one, then one whose branch has the
    instance's type (jsonschema's relevance, taken the way `best_match` takes it inside
    a context). When the two best are equally relevant, the anyOf/oneOf error stays.
    """
    from jsonschema.exceptions import relevance

    while error.validator in ("anyOf", "oneOf") and error.context:
        ranked = sorted(error.context, key=relevance)
        if len(ranked) > 1 and relevance(ranked[0]) == relevance(ranked[1]):
            break
        error = ranked[0]
    return error


def _branch_types(error: Any) -> list[str] | None:
    """The types an anyOf/oneOf allows, when the value has none of them."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return None
    mismatched: dict[int, Any] = {}
    for sub in error.context:
        if sub.validator == "type" and not sub.relative_path and sub.relative_schema_path:
            mismatched[sub.relative_schema_path[0]] = sub.validator_value
    if len(mismatched) < len(error.validator_value):
        return None  # some branch has the value's type: its own error says more
    types: list[str] = []
    for _branch, value in sorted(mismatched.items()):
        for name in value if isinstance(value, list) else [value]:
            if str(name) not in types:
                types.append(str(name))
    return types


def _to_findings(error: Any, path: str, raw_text: RawText | None) -> Iterator[Finding]:
    error = _best(error)
    pointer: Pointer = tuple(error.absolute_path)
    keyword = str(error.validator)
    code = _KEYWORD_CODES.get(keyword, INVALID_VALUE)
    origin = Origin(path, pointer)
    where = _where(pointer)
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted(error.schema.get("properties", {}))
        patterns = list(error.schema.get("patternProperties", {}))
        for key in error.instance:
            if key in allowed or any(re.search(p, key) for p in patterns):
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint: str | None = (
                f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(allowed)}"
            )
            yield finding_at(
                Origin(path, (*pointer, key)),
                code,
                f"unknown key {key!r}{where}",
                hint=hint,
                at_key=True,
            )
        return
    if keyword == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        name = missing[0] if missing else "?"
        yield finding_at(origin, code, f"missing required key {name!r}{where}", at_key=True)
        return
    if keyword == "type":
        yield _type_finding(error, origin, where, raw_text)
        return
    types = _branch_types(error)
    if types is not None:
        yield _type_finding(error, origin, where, raw_text, types)
        return
    if keyword == "propertyNames":
        key = error.instance
        yield finding_at(
            Origin(path, (*pointer, key)),
            code,
            f"name {key!r}{where} must match {error.schema.get('pattern', '')!r}",
            at_key=True,
        )
        return
    if keyword in ("enum", "const"):
        options = error.validator_value if keyword == "enum" else [error.validator_value]
        close = difflib.get_close_matches(str(error.instance), [str(o) for o in options], n=1)
        hint = f"did you mean {close[0]!r}?" if close else None
        yield finding_at(
            origin,
            code,
            f"{error.instance!r} is not allowed{where}; use one of: "
            + ", ".join(str(o) for o in options),
            hint=hint,
        )
        return
    if keyword == "pattern":
        yield finding_at(
            origin, code, f"{error.instance!r}{where} does not match {error.validator_value!r}"
        )
        return
    yield finding_at(origin, code, f"{error.message}{where}")


def _type_finding(
    error: Any,
    origin: Origin,
    where: str,
    raw_text: RawText | None,
    types: list[str] | None = None,
) -> Finding:
    wanted = _describe_schema_type(types if types is not None else error.validator_value)
    value = error.instance
    got = type_name(value)
    hint = None
    raw = raw_text(origin.pointer) if raw_text is not None else None
    if raw is not None and not isinstance(value, (dict, list)) and raw != repr(value):
        hint = f"YAML reads {raw} as the {got} {value!r}" + (
            f"; write '{raw}' in quotes to keep it as text" if "string" in wanted else ""
        )
    elif (
        isinstance(value, float)
        and math.isfinite(value)
        and "integer" in wanted
        and "number" not in wanted
    ):
        hint = "use a whole number" + (
            " (a version counts breaking changes: 1, 2, 3)"
            if origin.pointer[-1:] == ("version",)
            else ""
        )
    elif (
        isinstance(value, str)
        and "boolean" in wanted
        and value.lower() in ("yes", "no", "on", "off", "y", "n")
    ):
        hint = f"write true or false; {value!r} is text in YAML 1.2"
    shown = "" if isinstance(value, (dict, list)) else f" {_short(value)}"
    return finding_at(origin, WRONG_TYPE, f"expected {wanted}{where}, got {got}{shown}", hint=hint)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _where(pointer: Pointer) -> str:
    if not pointer:
        return " at the top level"
    return " at " + ".".join(str(part) for part in pointer)

"""The example record each event's docs show: the record the emitter would write, built from
the fields' `examples` (or a value that fits the type and constraints) and redacted at every
depth the way the runtime redacts, following `registry.privacy.policy.redaction_plan` (a keyed
hash is shown as ``"hmac:…"``)."""

from __future__ import annotations

import importlib
import json
import re
from functools import lru_cache
from typing import Any

from registry.catalog.config import Config
from registry.catalog.identifiers import slug
from registry.catalog.model import Event, Field, Kind, Redaction, TypeSpec
from registry.privacy.policy import RedactionPlan, redaction_plan
from registry_runtime.envelope import CONTEXT_KEYS, DEFAULT_CONTEXT_REDACTION
from registry_runtime.redact import Redactor

EXAMPLE_ID = "0193e4a1-7b2c-7d3e-8f90-123456789abc"
EXAMPLE_TIME = "2026-01-01T00:00:00.000Z"
EXAMPLE_DATE = "2026-01-01"
EXAMPLE_TENANT = "acme"
HASHED = "hmac:…"
"""What a keyed hash looks like in the examples (the real value is 64 hex digits)."""
CONTEXT_EXAMPLE = {
    key: HASHED if DEFAULT_CONTEXT_REDACTION[key] == "hash" else "req_1" for key in CONTEXT_KEYS
}
"""The envelope's context as the emitter writes it by default (ip, user agent and session id
are hashed; the request id is kept)."""
_FORMAT_EXAMPLES = {
    "email": "someone@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "ip": "192.0.2.1",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "hostname": "host.example.com",
    "country_code": "NL",
}

# -- example values ------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _pattern_sample(pattern: str) -> str | None:
    """A short string that matches `pattern`, or None when this simple sampler cannot tell."""
    parser: Any = importlib.import_module("re._parser")
    constants: Any = importlib.import_module("re._constants")
    try:
        parsed = parser.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None

    def category(cat: Any) -> str:
        name = str(cat)
        if "DIGIT" in name:
            return "0" if "NOT" not in name else "a"
        if "SPACE" in name:
            return " " if "NOT" not in name else "a"
        return "a" if "NOT" not in name else " "

    def one_of(items: Any) -> str:
        for op, av in items:
            if op is constants.NEGATE:
                return "x"
            if op is constants.LITERAL:
                return chr(av)
            if op is constants.RANGE:
                return chr(av[0])
            if op is constants.CATEGORY:
                return category(av)
        return "a"

    def walk(items: Any, depth: int = 0) -> str:
        if depth > 50:
            raise RecursionError
        out: list[str] = []
        for op, av in items:
            if op is constants.LITERAL:
                out.append(chr(av))
            elif op is constants.NOT_LITERAL:
                out.append("a" if av != ord("a") else "b")
            elif op is constants.ANY:
                out.append("a")
            elif op is constants.IN:
                out.append(one_of(av))
            elif op is constants.CATEGORY:
                out.append(category(av))
            elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
                low, _high, sub = av
                out.append(walk(sub, depth + 1) * min(low, 1000))
            elif op is constants.SUBPATTERN:
                out.append(walk(av[-1], depth + 1))
            elif op is constants.ATOMIC_GROUP:
                out.append(walk(av, depth + 1))
            elif op is constants.BRANCH:
                out.append(walk(av[1][0], depth + 1))
        return "".join(out)

    try:
        sample = walk(parsed)
        return sample if re.search(pattern, sample) else None
    except (RecursionError, ValueError, TypeError, AttributeError, re.error):
        return None


def _placeholder(spec: TypeSpec, name: str) -> Any:
    """A value of the right type and within the constraints, for a field without examples."""
    kind = spec.kind
    if kind is Kind.ENUM:
        return spec.values[0] if spec.values else None
    if kind is Kind.BOOLEAN:
        return True
    if kind in (Kind.INTEGER, Kind.NUMBER):
        value: float = 1
        if spec.minimum is not None and value < spec.minimum:
            value = spec.minimum
        if spec.maximum is not None and value > spec.maximum:
            value = spec.maximum
        if kind is Kind.INTEGER:
            return int(value) if float(value).is_integer() else int(value) + 1
        return value
    if kind is Kind.TIMESTAMP:
        return EXAMPLE_TIME
    if kind is Kind.DATE:
        return EXAMPLE_DATE
    if kind is Kind.UUID:
        return EXAMPLE_ID
    if kind is Kind.LIST:
        return [] if spec.items is None else [_example_value(spec.items, name)]
    if kind is Kind.OBJECT:
        return {m.name: _example_value(m.type, m.name) for m in spec.fields}
    text: str | None = None
    if spec.pattern is not None:
        text = _pattern_sample(spec.pattern)
    if text is None:
        text = _FORMAT_EXAMPLES.get(spec.format or "", f"example_{name}")
    if spec.max_length is not None:
        text = text[: spec.max_length]
    return text


def _example_value(spec: TypeSpec, name: str) -> Any:
    if spec.examples:
        return spec.examples[0]
    return _placeholder(spec, name)


_REDACTOR = Redactor(b"docs examples")
"""The runtime's own mask and truncation (its default length); hashes are shown as `HASHED`."""
LEFT_OUT = object()
"""What `as_written` gives for a value the record does not hold."""


def as_written(value: Any, spec: TypeSpec, plan: RedactionPlan) -> Any:
    """The value as the emitter writes it, redacted the way `plan` says at every depth:
    credential and dropped values left out, unknown members never written, a redacted value
    keeps its lists and declared members, and a redacted object without declared members is
    one hash (of its canonical JSON text); hashes are shown short (`HASHED`)."""
    if not plan.written:
        return LEFT_OUT
    if value is None:
        return None
    if spec.kind is Kind.LIST and spec.items is not None and plan.items is not None:
        if not isinstance(value, list | tuple):
            return _redact(plan.redaction, value)
        items = [as_written(item, spec.items, plan.items) for item in value]
        return [item for item in items if item is not LEFT_OUT]
    if spec.kind is Kind.OBJECT and (spec.fields or plan.redaction is Redaction.NONE):
        given = value if isinstance(value, dict) else {}
        out = {}
        for member, member_plan in zip(spec.fields, plan.members, strict=True):
            if member.name in given:
                written = as_written(given[member.name], member.type, member_plan)
                if written is not LEFT_OUT:
                    out[member.name] = written
        return out
    if spec.kind is Kind.OBJECT:
        return HASHED  # one value, its canonical JSON text, hashed whatever the redaction
    return _redact(plan.redaction, value)


def _redact(mode: Redaction, value: Any) -> Any:
    """A scalar as the emitter writes it (registry_runtime.redact), hashes shown short."""
    if mode is Redaction.HASH:
        return HASHED
    return _REDACTOR.apply(mode.value, value)


class Plans:
    """Each top-level field's `redaction_plan`, made once per (name, type) for a whole view:
    a plan depends on nothing else (the configuration is the view's), the docs' field rows and
    the example records both need it, and events repeat fields. The types asked about are
    kept, so an id always names the same type."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._made: dict[tuple[str, int], tuple[TypeSpec, RedactionPlan]] = {}

    def of(self, field: Field) -> RedactionPlan:
        key = (field.name, id(field.type))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = (field.type, redaction_plan(field, self.config))
        return made[1]


Written = tuple[Any, bool, bool]
"""A field's example as the record holds it (or `LEFT_OUT`), whether it names a target (see
`_target_id`) and whether orjson writes it as `json` does (see `pretty_json`)."""


def example_record(
    event: Event,
    config: Config,
    written: dict[tuple[str, int], Written] | None = None,
    plans: Plans | None = None,
) -> dict[str, Any]:
    """The record the emitter would write for this event, from the fields' examples.

    `written`, when given, keeps each field's example by (name, id of its type) for the
    next events: a field's example depends on nothing else, and events repeat fields (the
    caller keeps the catalog, so the ids stay those of its types)."""
    return _record(event, config, written, plans)[0]


def example(
    event: Event,
    config: Config,
    written: dict[tuple[str, int], Written] | None = None,
    plans: Plans | None = None,
) -> tuple[dict[str, Any], str]:
    """`example_record` and its text (`pretty_json`), each field's value checked for orjson
    once (with `written`), not once per event that has the field."""
    record, plain_fields = _record(event, config, written, plans)
    # Every other member of the envelope is a string (or None) made by `_record`.
    plain = plain_fields and _orjson_safe(record["version"])
    return record, pretty_json(record, plain=plain)


def _record(
    event: Event,
    config: Config,
    written: dict[tuple[str, int], Written] | None,
    plans: Plans | None,
) -> tuple[dict[str, Any], bool]:
    """The record and whether orjson writes each of its fields' values as `json` does."""
    fields: dict[str, Any] = {}
    identifiers: dict[str, str] = {}
    plain_fields = True
    for field in event.fields:
        key = (field.name, id(field.type))
        known = written.get(key) if written is not None else None
        if known is None:
            known = _written(field, config, plans)
            if written is not None:
                written[key] = known
        value, names_target, plain = known
        if value is not LEFT_OUT:
            fields[field.name] = value
            plain_fields = plain_fields and plain
        if names_target:
            identifiers[field.name.removesuffix("_id")] = value
    actor = event.actors[0] if event.actors else "user"
    outcome = event.outcomes[0].value if event.outcomes else "success"
    reason = None
    if outcome == "failure":
        reason = event.failure_reasons[0] if event.failure_reasons else "example_reason"
    record = {
        "id": EXAMPLE_ID,
        "event": event.name,
        "version": event.version,
        "occurred_at": EXAMPLE_TIME,
        "actor": {"type": actor, "id": f"{_slug(actor)}_42"},
        "targets": [{"type": t, "id": _target_id(t, identifiers)} for t in event.targets],
        "outcome": outcome,
        "reason": reason,
        "context": dict(CONTEXT_EXAMPLE),
        "tenant": EXAMPLE_TENANT,
        "fields": fields,
    }
    return record, plain_fields


def _written(field: Field, config: Config, plans: Plans | None) -> Written:
    example = _example_value(field.type, field.name)
    plan = plans.of(field) if plans is not None else redaction_plan(field, config)
    value = as_written(example, field.type, plan)
    names_target = value == example and isinstance(value, str) and field.name.endswith("_id")
    return value, names_target, value is LEFT_OUT or _orjson_safe(value)


@lru_cache(maxsize=1024)
def _slug(name: str) -> str:
    """`slug` of an actor or target type: a catalog has few, and each event names them."""
    return slug(name)


def _target_id(target_type: str, identifiers: dict[str, str]) -> str:
    """A target's id in the example: the example of the event's field that names it
    (`release_id` for a `release`, `app_id` for an `application`), so the record agrees with the
    field's pattern; `<type>_1` when no field names it."""
    name = _slug(target_type)
    if name in identifiers:
        return identifiers[name]
    prefixed = [
        value for prefix, value in identifiers.items() if prefix and name.startswith(prefix)
    ]
    return prefixed[0] if prefixed else f"{name}_1"


def pretty_json(value: Any, *, plain: bool | None = None) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, by orjson when that gives the same
    text (no floats, whose shortest forms differ, no integers beyond 64 bits, no lone
    surrogates): the pure-Python indenting encoder took a fifth of a 10,000-event docs run.
    `plain`: whether the caller has checked that (`_orjson_safe`); checked here when None."""
    if plain if plain is not None else _orjson_safe(value):
        try:
            import orjson

            return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
        except (ImportError, TypeError):
            pass
    return json.dumps(value, indent=2, ensure_ascii=False)


def _orjson_safe(value: Any) -> bool:
    if isinstance(value, dict):
        return all(type(k) is str and _orjson_safe(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_orjson_safe(v) for v in value)
    if type(value) is int:
        return -(2**63) <= value < 2**64
    return value is None or type(value) in (str, bool)

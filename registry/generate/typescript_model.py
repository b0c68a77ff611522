"""View-model of the generated TypeScript package: per domain, the interfaces of the events'
fields and their `EventSpec` literals; per event, the `AuditLog` method. The templates under
generators/typescript only lay these out; every catalog string reaches TypeScript through
`ts_string` (a string literal) or `ts_comment` (a comment line), never raw.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from registry import __version__
from registry.catalog.config import Config
from registry.catalog.identifiers import pascal, snake
from registry.catalog.model import Catalog, Event, Field, Kind, TypeSpec
from registry.catalog.types import (
    Finite,
    Format,
    Maximum,
    MaxLength,
    Minimum,
    Pattern,
    constraints,
)
from registry.findings.errors import UsageError
from registry.generate.python_names import unique
from registry.generate.typescript_patterns import Untranslatable, javascript
from registry.privacy.policy import RedactionPlan, redaction_plan

_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_RESERVED = frozenset({"emit", "encode", "close", "sink", "constructor"})
_RUNTIME_NAMES = frozenset(
    {"AuditLog", "Call", "Emitter", "EmitterOptions", "EventSpec", "pattern", "ReadonlyArray"}
)
"""Names the generated modules import or declare besides the catalog's."""


def ts_string(text: str) -> str:
    """A TypeScript string literal of `text`: every non-ASCII character (U+2028, U+2029, lone
    surrogates included) as a `\\u` escape, quotes and backslashes escaped."""
    return json.dumps(text, ensure_ascii=True)


def ts_comment(text: str) -> str:
    """`text` on one line, safe inside a `/** ... */` comment (no `*/`, no line breaks)."""
    return " ".join(text.split()).replace("*/", "*\\/")


def ts_key(name: str) -> str:
    """A property name: bare when it is an identifier, else a string literal."""
    return name if _IDENTIFIER.fullmatch(name) else ts_string(name)


def _number(value: float) -> str:
    text = repr(value)
    return text if text not in ("inf", "-inf", "nan") else "NaN"


@dataclass(frozen=True, slots=True)
class InterfaceView:
    name: str
    doc: str
    members: tuple[str, ...]
    """`key?: Type | null;` lines."""


@dataclass(frozen=True, slots=True)
class EventView:
    method: str
    spec_name: str
    interface: str
    doc: str
    spec: str
    """The `EventSpec` object literal."""
    call: str
    """The `Call<...>` type of the method's argument."""


@dataclass(frozen=True, slots=True)
class ModuleView:
    name: str
    doc: str
    interfaces: tuple[InterfaceView, ...]
    patterns: tuple[tuple[str, str], ...]
    """Each distinct RegExp of the module's checks, made once: (its constant, its source)."""
    events: tuple[EventView, ...]


@dataclass(frozen=True, slots=True)
class PackageView:
    package: str
    name_literal: str
    """The package name as a JSON string (package.json)."""
    header: str
    modules: tuple[ModuleView, ...]


class _Module:
    def __init__(self, name: str, config: Config, taken: set[str]) -> None:
        self.name = name
        self.config = config
        self.interfaces: list[InterfaceView] = []
        self.patterns: dict[str, str] = {}
        """The constant of each translated pattern source (a source can be 100 KB: written
        once per module, whatever the number of fields that check it)."""
        self.taken = taken
        """Type names of the whole package (the facade imports them all)."""

    def type_of(self, spec: TypeSpec, owner: str, doc: str) -> str:
        kind = spec.kind
        if kind is Kind.ENUM:
            literals = [ts_string(v) if isinstance(v, str) else str(v) for v in spec.values]
            return " | ".join(literals) or "never"
        if kind is Kind.INTEGER:
            return "number | bigint"
        if kind is Kind.NUMBER:
            return "number"
        if kind is Kind.BOOLEAN:
            return "boolean"
        if kind is Kind.LIST:
            item = "unknown" if spec.items is None else self.type_of(spec.items, owner, doc)
            return f"ReadonlyArray<{item}>"
        if kind is Kind.OBJECT:
            return self.interface(spec.fields, pascal(spec.type_name or owner), doc)
        return "string"

    def pattern(self, source: str) -> str:
        """The module's constant holding ``pattern(source)``."""
        return self.patterns.setdefault(source, f"PATTERN_{len(self.patterns) + 1}")

    def interface(self, fields: tuple[Field, ...], wanted: str, doc: str) -> str:
        name = unique(wanted, self.taken)
        members = []
        for field in fields:
            inner = self.type_of(field.type, f"{wanted} {field.name}", field.description or "")
            comment = ts_comment(field.description or "")
            prefix = f"/** {comment} */\n  " if comment else ""
            optional = "" if field.required else "?"
            nullable = "" if field.required else " | null"
            members.append(f"{prefix}readonly {ts_key(field.name)}{optional}: {inner}{nullable};")
        self.interfaces.append(InterfaceView(name, ts_comment(doc), tuple(members)))
        return name


def _pattern(regex: str, where: str) -> str:
    """The RegExp source the TypeScript runtime checks ``regex`` with (`javascript`); a
    pattern it cannot check as Python's re does stops the generation, located by ``where``
    (``file: event E, field F``)."""
    try:
        return javascript(regex)
    except Untranslatable as refused:
        raise UsageError(
            f"{where}: the pattern {regex!r} has {refused.construct}, which the TypeScript "
            "emitters cannot check as Python's re does; write the pattern without it to "
            "generate TypeScript"
        ) from None


def _field_spec(
    module: _Module, plan: RedactionPlan, spec: TypeSpec, required: bool | None, where: str
) -> str:
    redact = "drop" if plan.credential else plan.redaction.value
    parts = [f"name: {ts_string(plan.name)}", f"kind: {ts_string(spec.kind.value)}"]
    parts.append(f"redact: {ts_string(redact)}")
    if plan.credential:
        parts.append("credential: true")
    if required:
        parts.append("required: true")
    if spec.kind is Kind.ENUM:
        values = (ts_string(v) if isinstance(v, str) else str(v) for v in spec.values)
        parts.append(f"values: [{', '.join(values)}]")
    checks = []
    for constraint in constraints(spec):
        problem = ts_string(constraint.problem)
        match constraint:
            case MaxLength(limit):
                checks.append(f'["maxLength", {limit}, {problem}]')
            case Pattern(regex):
                constant = module.pattern(_pattern(regex, where))
                checks.append(f'["pattern", {constant}, {problem}]')
            case Format():
                checks.append(f'["email", null, {problem}]')
            case Finite():
                checks.append(f'["finite", null, {problem}]')
            case Minimum(bound):
                checks.append(f'["minimum", {_number(bound)}, {problem}]')
            case Maximum(bound):
                checks.append(f'["maximum", {_number(bound)}, {problem}]')
    if checks:
        parts.append(f"checks: [{', '.join(checks)}]")
    if spec.kind is Kind.OBJECT:
        members = (
            _field_spec(module, member_plan, member.type, member.required, f"{where}.{member.name}")
            for member_plan, member in zip(plan.members, spec.fields, strict=True)
        )
        parts.append(f"members: [{', '.join(members)}]")
    if spec.items is not None and plan.items is not None:
        parts.append(f"items: {_field_spec(module, plan.items, spec.items, None, where)}")
    return "{ " + ", ".join(parts) + " }"


def _strings(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(ts_string(v) for v in values) + "]"


def _union(values: tuple[str, ...] | list[str]) -> str:
    return " | ".join(ts_string(v) for v in values) if values else "string"


def _event(event: Event, module: _Module, methods: set[str], specs: set[str]) -> EventView:
    base = pascal(event.name)
    interface = module.interface(event.fields, f"{base}Fields", f"The fields of {event.name}.")
    fields = ",\n    ".join(
        _field_spec(
            module,
            redaction_plan(field, module.config),
            field.type,
            field.required,
            f"{event.origin.path}: event {event.name}, field {field.name}",
        )
        for field in event.fields
    )
    outcomes = [outcome.value for outcome in event.outcomes]
    spec = "\n".join(
        [
            "{",
            f"  name: {ts_string(event.name)},",
            f"  version: {event.version},",
            f"  fields: [\n    {fields},\n  ]," if fields else "  fields: [],",
            f"  actorTypes: {_strings(sorted(event.actors))},",
            f"  targetTypes: {_strings(sorted(event.targets))},",
            f"  outcomes: {_strings(sorted(outcomes))},",
            f"  failureReasons: {_strings(sorted(event.failure_reasons))},",
            "}",
        ]
    )
    reasons = _union(sorted(event.failure_reasons)) if "failure" in outcomes else "never"
    call = (
        f"Call<{_union(sorted(event.actors))}, {_union(sorted(event.targets))}, "
        f"{_union(sorted(outcomes))}, {reasons}, {interface}>"
    )
    camel = base[:1].lower() + base[1:]
    method = unique(camel + ("_" if camel in _RESERVED else ""), methods)
    doc = ts_comment(event.description or event.name)
    if event.deprecated is not None:
        doc += ts_comment(f" @deprecated {event.deprecated.reason}")
    spec_name = unique("SPEC_" + snake(event.name).upper(), specs)
    return EventView(method, spec_name, interface, doc, spec, call)


def package_view(catalog: Catalog, config: Config, package: str, content_hash: str) -> PackageView:
    by_domain: dict[str, list[Event]] = {}
    for event in sorted(catalog.events, key=lambda e: e.name):
        by_domain.setdefault(event.domain, []).append(event)
    descriptions = {file.domain: file.description for file in catalog.files}
    methods: set[str] = set()
    specs: set[str] = set()
    names: set[str] = {"index", "audit_log", "runtime"}
    types: set[str] = set(_RUNTIME_NAMES)
    modules = []
    for domain in sorted(by_domain):
        module = _Module(unique(snake(domain), names), config, types)
        events = tuple(_event(event, module, methods, specs) for event in by_domain[domain])
        doc = ts_comment(descriptions.get(domain) or f"Events of {domain}.")
        patterns = tuple((name, ts_string(source)) for source, name in module.patterns.items())
        modules.append(ModuleView(module.name, doc, tuple(module.interfaces), patterns, events))
    header = (
        f"// Generated by registry {__version__} from catalog {content_hash}.\n"
        "// Do not edit: change the catalog and run `registry generate typescript` again."
    )
    return PackageView(package, ts_string(package), header, tuple(modules))

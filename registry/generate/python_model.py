"""View-model of the generated Python package: every name, annotation, literal and check
is computed here; the templates under generators/python only lay them out."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from registry import __version__
from registry.catalog.config import Config
from registry.catalog.identifiers import pascal, snake
from registry.catalog.model import Catalog, Event, Field, Kind, Outcome, TypeSpec
from registry.generate.literals import (
    LINE_LIMIT,
    docstring_body,
    fit,
    fit_append,
    fit_condition,
    fit_set,
    py_literal,
)
from registry.privacy.policy import effective_redaction

ENVELOPE_PARAMS = frozenset(
    {
        "self",
        "actor",
        "targets",
        "outcome",
        "reason",
        "context",
        "tenant",
        "event",
        "as_fields",
        "EVENT",
        "VERSION",
    }
)
RUNTIME_NAMES = frozenset(
    {
        "Actor",
        "Target",
        "Context",
        "Emitter",
        "EventSpec",
        "FieldSpec",
        "Any",
        "Literal",
        "Sequence",
        "Mapping",
        "UUID",
        "datetime",
        "date",
        # builtins the dataclass body annotates with: a field of that name would shadow them
        "str",
        "int",
        "float",
        "bool",
        "dict",
    }
)
PACKAGE_NAMES = frozenset({"AuditLog", "Actor", "Target", "Context", "InvalidEvent", "MemorySink"})
"""Names the generated package's __init__ exports besides the event classes."""
EMITTER_METHODS = frozenset({"close", "_emit"})


@dataclass(frozen=True, slots=True)
class FieldView:
    name: str
    """Key in the emitted record (the catalog's name)."""
    ident: str
    """Python identifier (parameter and attribute)."""
    annotation: str
    required: bool
    redact: str
    credential: bool
    doc: str
    """One docstring line: type, constraints, sensitivity."""


@dataclass(frozen=True, slots=True)
class EventView:
    name: str
    name_literal: str
    class_name: str
    method: str
    spec_name: str
    validator: str
    version: int
    doc: str
    fields: tuple[FieldView, ...]
    checks: tuple[str, ...]
    """Source lines of the validator body (indented for a function body)."""
    spec_lines: tuple[str, ...]
    outcome_annotation: str
    outcome_default: str | None
    reason_annotation: str


@dataclass(frozen=True, slots=True)
class TypedDictView:
    class_name: str
    members: tuple[tuple[str, str, bool], ...]
    """(key literal, annotation, required)"""


@dataclass(frozen=True, slots=True)
class ModuleView:
    name: str
    alias: str
    """Name the facade imports the module as (`_` + name: no field identifier starts so)."""
    domain_doc: str
    events: tuple[EventView, ...]
    constants: tuple[str, ...]
    """Lines of module-level definitions: patterns, type aliases, value sets."""
    typed_dicts: tuple[TypedDictView, ...]
    exports: tuple[str, ...]
    """Type names the facade imports (aliases and typed dicts)."""
    imports_datetime: bool
    imports_uuid: bool


@dataclass(frozen=True, slots=True)
class PackageView:
    package: str
    header: str
    modules: tuple[ModuleView, ...]
    facade_doc: str


@dataclass(slots=True)
class _Builder:
    event: Event
    patterns: dict[str, str]
    typed_dicts: list[TypedDictView]
    constants: dict[str, list[str]]
    """Module-level definitions (type aliases, value sets) by name, in order."""
    lines: list[str] = dataclasses.field(default_factory=list)
    uses_datetime: bool = False
    uses_uuid: bool = False
    value_sets: dict[tuple[str, ...], str] = dataclasses.field(default_factory=dict)
    """`_VALUES_` constant names by their items (looked up, not searched: 10,000 events)."""

    def constant(self, name: str, lines: list[str]) -> str:
        self.constants.setdefault(name, lines)
        return name

    def value_set(self, values: tuple[str | int, ...]) -> str:
        """The module constant holding `values` as a set, declared on first use."""
        items = tuple(py_literal(v) for v in values)
        name = self.value_sets.get(items)
        if name is None:
            name = f"_VALUES_{len(self.value_sets)}"
            self.value_sets[items] = name
            self.constant(name, fit(0, f"{name} = {{", list(items), "}"))
        return name

    def append(self, depth: int, label: str, message: str) -> None:
        self.lines.extend(fit_append(depth * 4, label, message))

    def pattern(self, regex: str) -> str:
        if regex not in self.patterns:
            self.patterns[regex] = f"_PATTERN_{len(self.patterns)}"
        return self.patterns[regex]

    # -- annotations ------------------------------------------------------------------------

    def annotation(self, spec: TypeSpec, owner: str) -> str:
        kind = spec.kind
        if kind is Kind.STRING:
            return "str"
        if kind is Kind.INTEGER:
            return "int"
        if kind is Kind.NUMBER:
            return "float"
        if kind is Kind.BOOLEAN:
            return "bool"
        if kind is Kind.TIMESTAMP:
            self.uses_datetime = True
            return "datetime | str"
        if kind is Kind.DATE:
            self.uses_datetime = True
            return "date | str"
        if kind is Kind.UUID:
            self.uses_uuid = True
            return "UUID | str"
        if kind is Kind.ENUM:
            items = [py_literal(v) for v in spec.values]
            return self.constant(owner, fit(0, f"{owner} = Literal[", items, "]"))
        if kind is Kind.LIST:
            inner = self.annotation(spec.items, owner + "Item") if spec.items else "Any"
            return f"Sequence[{inner}]"
        # object: a TypedDict named after the event and the field
        members = []
        for member in spec.fields:
            members.append(
                (
                    py_literal(member.name),
                    self.annotation(member.type, owner + pascal(member.name)),
                    member.required,
                )
            )
        self.typed_dicts.append(TypedDictView(owner, tuple(members)))
        return owner

    # -- checks -----------------------------------------------------------------------------

    def emit(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def check(self, spec: TypeSpec, value: str, where: str, depth: int, counter: list[int]) -> None:
        """Lines that append (where, problem) to `problems` when `value` does not fit."""
        label = py_literal(where)
        kind = spec.kind
        if kind is Kind.STRING:
            self.emit(depth, f"if not isinstance({value}, str):")
            self.append(depth + 1, label, f'"must be a string, not " + type({value}).__name__')
            self._string_constraints(spec, value, label, depth)
        elif kind in (Kind.INTEGER, Kind.NUMBER):
            types = "int" if kind is Kind.INTEGER else "(int, float)"
            noun = "an integer" if kind is Kind.INTEGER else "a number"
            self.emit(depth, f"if isinstance({value}, bool) or not isinstance({value}, {types}):")
            self.append(depth + 1, label, f'"must be {noun}, not " + type({value}).__name__')
            if kind is Kind.NUMBER:
                self.emit(
                    depth, f'elif {value} != {value} or {value} in (float("inf"), float("-inf")):'
                )
                self.append(depth + 1, label, '"must be a finite number"')
            if spec.minimum is not None:
                self.emit(depth, f"elif {value} < {py_literal(spec.minimum)}:")
                self.append(depth + 1, label, py_literal(f"must be at least {spec.minimum}"))
            if spec.maximum is not None:
                self.emit(depth, f"elif {value} > {py_literal(spec.maximum)}:")
                self.append(depth + 1, label, py_literal(f"must be at most {spec.maximum}"))
        elif kind is Kind.BOOLEAN:
            self.emit(depth, f"if not isinstance({value}, bool):")
            self.append(depth + 1, label, f'"must be true or false, not " + type({value}).__name__')
        elif kind is Kind.TIMESTAMP:
            self.emit(depth, f"if isinstance({value}, datetime):")
            self.emit(depth + 1, f"if {value}.tzinfo is None:")
            self.append(depth + 2, label, '"must be a timezone-aware datetime"')
            self.emit(depth, f"elif not isinstance({value}, str) or not _is_timestamp({value}):")
            self.append(depth + 1, label, '"must be an RFC 3339 timestamp with a time zone"')
        elif kind is Kind.DATE:
            self.emit(depth, f"if isinstance({value}, str):")
            self.emit(depth + 1, f"if not _is_date({value}):")
            self.append(depth + 2, label, '"must be a date as YYYY-MM-DD"')
            self.emit(
                depth, f"elif isinstance({value}, datetime) or not isinstance({value}, date):"
            )
            self.append(depth + 1, label, '"must be a date"')
        elif kind is Kind.UUID:
            self.emit(depth, f"if isinstance({value}, str):")
            self.emit(depth + 1, f"if not _UUID.fullmatch({value}):")
            self.append(depth + 2, label, '"must be a UUID"')
            self.emit(depth, f"elif not isinstance({value}, UUID):")
            self.append(depth + 1, label, '"must be a UUID"')
        elif kind is Kind.ENUM:
            tests = [
                *_enum_guard(spec.values, value),
                f"{value} not in {self.value_set(spec.values)}",
            ]
            self.lines.extend(fit_condition(depth * 4, tests))
            listed = ", ".join(str(v) for v in spec.values)
            self.append(depth + 1, label, py_literal(f"must be one of: {listed}"))
        elif kind is Kind.LIST:
            self.emit(depth, f"if not isinstance({value}, (list, tuple)):")
            self.append(depth + 1, label, f'"must be a list, not " + type({value}).__name__')
            if spec.items is not None:
                counter[0] += 1
                item = f"item{counter[0]}"
                self.emit(depth, "else:")
                self.emit(depth + 1, f"for {item} in {value}:")
                self.check(spec.items, item, where, depth + 2, counter)
        elif kind is Kind.OBJECT:
            self.emit(depth, f"if not isinstance({value}, Mapping):")
            self.append(depth + 1, label, f'"must be a mapping, not " + type({value}).__name__')
            self.emit(depth, "else:")
            known = self.value_set(tuple(m.name for m in spec.fields))
            counter[0] += 1
            extra = f"extra{counter[0]}"
            self.emit(depth + 1, f"for {extra} in set({value}) - {known}:")
            self.append(depth + 2, label, f'"has an unknown member " + repr({extra})')
            for member in spec.fields:
                counter[0] += 1
                sub = f"member{counter[0]}"
                sub_where = f"{where}.{member.name}"
                sub_label = py_literal(sub_where)
                self.emit(depth + 1, f"{sub} = {value}.get({py_literal(member.name)})")
                if member.required:
                    self.emit(depth + 1, f"if {sub} is None:")
                    self.append(depth + 2, sub_label, '"is required"')
                    self.emit(depth + 1, "else:")
                else:  # present means checked: a member set to None is not a string either
                    self.emit(depth + 1, f"if {py_literal(member.name)} in {value}:")
                self.check(member.type, sub, sub_where, depth + 2, counter)

    def _string_constraints(self, spec: TypeSpec, value: str, label: str, depth: int) -> None:
        if spec.max_length is not None:
            self.emit(depth, f"elif len({value}) > {spec.max_length}:")
            self.append(
                depth + 1, label, py_literal(f"is longer than {spec.max_length} characters")
            )
        if spec.pattern is not None:
            name = self.pattern(spec.pattern)
            self.emit(depth, f"elif not {name}.search({value}):")
            self.append(depth + 1, label, py_literal(f"does not match {spec.pattern}"))
        if spec.format == "email":
            self.emit(depth, f"elif not _EMAIL.fullmatch({value}):")
            self.append(depth + 1, label, '"is not an e-mail address"')


def _enum_guard(values: tuple[str | int, ...], value: str) -> list[str]:
    """The type tests before the membership test (a list is unhashable; True == 1)."""
    if all(isinstance(v, str) for v in values):
        return [f"not isinstance({value}, str)"]
    types = "int" if all(isinstance(v, int) for v in values) else "(str, int)"
    return [f"isinstance({value}, bool)", f"not isinstance({value}, {types})"]


def _field_doc(field: Field, config: Config) -> str:
    spec = field.type
    parts = [spec.type_name or spec.kind.value]
    if field.required:
        parts.append("required")
    if spec.values:
        parts.append("one of " + ", ".join(str(v) for v in spec.values))
    if spec.max_length is not None:
        parts.append(f"at most {spec.max_length} characters")
    if spec.pattern:
        parts.append(f"matches {spec.pattern}")
    if spec.minimum is not None:
        parts.append(f">= {spec.minimum:g}")
    if spec.maximum is not None:
        parts.append(f"<= {spec.maximum:g}")
    if field.sensitivity:
        tags = ", ".join(sorted(field.sensitivity))
        if "credential" in field.sensitivity:
            parts.append(f"sensitivity {tags}: never written")
        else:
            parts.append(f"sensitivity {tags}: {effective_redaction(field, config).value}")
    description = " ".join((field.description or "").split())
    return f"{field.name} ({'; '.join(parts)})" + (f": {description}" if description else "")


def _ident(name: str, taken: set[str]) -> str:
    ident = snake(name)
    if ident in ENVELOPE_PARAMS or ident in RUNTIME_NAMES:
        ident += "_"
    while ident in taken:
        ident += "_"
    taken.add(ident)
    return ident


def event_view(event: Event, config: Config, builder: _Builder) -> EventView:
    class_name = pascal(event.name)
    if class_name in PACKAGE_NAMES:
        class_name += "Event"
    builder.event = event
    builder.lines = []
    taken: set[str] = set()
    views = []
    ordered = sorted(event.fields, key=lambda f: not f.required)
    for field in ordered:
        ident = _ident(field.name, taken)
        annotation = builder.annotation(field.type, class_name + pascal(field.name))
        credential = "credential" in field.sensitivity
        redact = "drop" if credential else effective_redaction(field, config).value
        views.append(
            FieldView(
                field.name,
                ident,
                annotation,
                field.required,
                redact,
                credential,
                docstring_body(_field_doc(field, config)),
            )
        )
    counter = [0]
    known = builder.value_set(tuple(f.name for f in event.fields)) if event.fields else "set()"
    builder.emit(1, f"for unknown in set(fields) - {known}:")
    builder.append(2, "unknown", '"is not a field of this event"')
    for field in event.fields:
        label = py_literal(field.name)
        value = f"value{counter[0]}"
        counter[0] += 1
        builder.emit(1, f"{value} = fields.get({label})")
        if field.required:
            builder.emit(1, f"if {value} is None:")
            builder.append(2, label, '"is required"')
            builder.emit(1, "else:")
        else:
            builder.emit(1, f"if {value} is not None:")
        builder.check(field.type, value, field.name, 2, counter)
    outcomes = [o.value for o in event.outcomes]
    outcome_default = (
        "success"
        if Outcome.SUCCESS.value in outcomes
        else outcomes[0]
        if len(outcomes) == 1
        else None
    )
    outcome_alias = builder.constant(
        class_name + "Outcome",
        fit(0, f"{class_name}Outcome = Literal[", [py_literal(o) for o in outcomes], "]"),
    )
    reasons = event.failure_reasons
    if reasons:
        reason_alias = builder.constant(
            class_name + "Reason",
            fit(0, f"{class_name}Reason = Literal[", [py_literal(r) for r in reasons], "]"),
        )
        reason_annotation = f"{reason_alias} | None"
    else:
        reason_annotation = "str | None"
    doc_lines = [" ".join((event.description or event.name).split())]
    if event.deprecated is not None:
        replaced = (
            f" Use {event.deprecated.replaced_by} instead." if event.deprecated.replaced_by else ""
        )
        doc_lines.append(f"Deprecated: {event.deprecated.reason}.{replaced}")
    spec_name = "SPEC_" + snake(event.name).upper()
    validator = "_validate_" + snake(event.name)
    spec_lines = [
        f"{spec_name} = EventSpec(",
        f"    name={py_literal(event.name)},",
        f"    version={event.version},",
    ]
    field_specs = [
        fit(
            8,
            "FieldSpec(",
            [py_literal(view.name), py_literal(view.redact), f"credential={view.credential}"],
            "),",
        )
        for view in views
    ]
    # the formatter joins a tuple of none or one item (its comma is not a magic trailing one)
    one_line = "    fields=(" + "".join(lines[0].strip() for lines in field_specs) + "),"
    if (
        len(field_specs) <= 1
        and all(len(lines) == 1 for lines in field_specs)
        and len(one_line) <= LINE_LIMIT
    ):
        spec_lines.append(one_line)
    else:
        spec_lines += ["    fields=(", *(line for lines in field_specs for line in lines), "    ),"]
    for keyword_name, values in (
        ("actor_types", event.actors),
        ("target_types", event.targets),
        ("outcomes", tuple(outcomes)),
        ("failure_reasons", event.failure_reasons),
    ):
        spec_lines += fit_set(4, f"{keyword_name}=", [py_literal(v) for v in sorted(values)], ",")
    spec_lines += [f"    validate={validator},", ")"]
    method = snake(event.name)
    return EventView(
        name=event.name,
        name_literal=py_literal(event.name),
        class_name=class_name,
        method=method + ("_event" if method in EMITTER_METHODS else ""),
        spec_name=spec_name,
        validator=validator,
        version=event.version,
        doc=docstring_body("\n\n".join(doc_lines)),
        fields=tuple(views),
        checks=tuple(builder.lines),
        spec_lines=tuple(spec_lines),
        outcome_annotation=outcome_alias,
        outcome_default=py_literal(outcome_default) if outcome_default else None,
        reason_annotation=reason_annotation,
    )


def package_view(catalog: Catalog, config: Config, package: str, content_hash: str) -> PackageView:
    domains: dict[str, list[Event]] = {}
    for event in catalog.events:
        domains.setdefault(event.domain, []).append(event)
    docs = {f.domain: f.description for f in catalog.files if f.description}
    modules = []
    for domain, events in sorted(domains.items()):
        builder = _Builder(events[0], {}, [], {})
        views = [event_view(event, config, builder) for event in events]
        module = snake(domain)
        if module in ("audit_log", "runtime", "registry"):
            module += "_events"
        constants = [
            line
            for regex, name in builder.patterns.items()
            for line in fit(0, f"{name} = re.compile(", [py_literal(regex)], ")")
        ]
        for lines in builder.constants.values():
            constants += lines
        aliases = [n for n in builder.constants if not n.startswith("_")]
        modules.append(
            ModuleView(
                name=module,
                alias="_" + module,
                domain_doc=docstring_body(
                    docs.get(domain) or f"Audit events of the {domain} domain."
                ),
                events=tuple(views),
                constants=tuple(constants),
                typed_dicts=tuple(builder.typed_dicts),
                exports=tuple(sorted({*aliases, *(t.class_name for t in builder.typed_dicts)})),
                imports_datetime=builder.uses_datetime,
                imports_uuid=builder.uses_uuid,
            )
        )
    header = (
        f"# Generated by registry {__version__} from catalog {content_hash}.\n"
        "# Do not edit: change the catalog and run `registry generate python` again."
    )
    return PackageView(
        package,
        header,
        tuple(modules),
        docstring_body("Typed audit-event emitters, one method per event."),
    )

"""View-model of the generated Python package: each event's facade method and spec, and the
package as a whole; the templates under generators/python only lay them out. Beside it:
`python_names` (what each namespace holds), `python_types` (the package's `types` module),
`python_domain` (a domain module's constants and validators), `python_views` (the views).

The package: `__init__.py` (the public names), `audit_log.py` (`AuditLog`, one typed method
per event), `types.py` (the type aliases of the signatures and the patterns of the catalog's
named types) and one module per domain (each event's validator and `EventSpec`).

Names say what they hold, never a counter: an alias is named after the catalog's named type
(`ReleaseId`), after the event and field that first declare its values
(`UserDeployFailedEnvironment`), or after the outcomes it allows (`SuccessOrFailureOutcome`); a
module constant after the named type or the field it checks, or the event and field when that
name is taken (`RELEASE_ID_PATTERN`, `_ENVIRONMENT_VALUES`, `_USER_DEPLOY_FAILED_FIELDS`); a
local variable after the field (`app_id`, `tags_item`, `location_aisle`). Identical annotations
and value sets are defined once and shared. Catalog names are arbitrary, so every generated name
is made unique in its namespace (a trailing `_`), and never takes a name the module imports, a
builtin or a keyword.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from registry import __version__
from registry.catalog.config import Config
from registry.catalog.identifiers import snake
from registry.catalog.model import Catalog, Event, Field, Kind, Outcome
from registry.generate.literals import (
    LINE_LIMIT,
    docstring,
    fit_annotated,
    fit_set,
    import_from,
    py_literal,
    sort_key,
)
from registry.generate.python_domain import DomainModule, Validator, name_patterns
from registry.generate.python_names import (
    EMITTER_METHODS,
    ENVELOPE_PARAMS,
    OWN_MODULES,
    RUNTIME_NAMES,
    SHARED_IMPORTS,
    TYPES_MODULE,
    TYPES_NAMES,
    Names,
    unique,
)
from registry.generate.python_shapes import Shape, Shapes
from registry.generate.python_types import TypesModule, all_names, import_some
from registry.generate.python_views import (
    EventView,
    FieldView,
    MethodView,
    ModuleView,
    PackageView,
)
from registry.privacy.policy import RedactionPlan, redaction_plan


def _field_doc(field: Field, ident: str, redact: str) -> str:
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
            parts.append(f"sensitivity {tags}: {redact}")
    description = " ".join((field.description or "").split())
    return f"{ident} ({'; '.join(parts)})" + (f": {description}" if description else "")


def _ident(name: str, taken: set[str]) -> str:
    ident = snake(name)
    if ident in ENVELOPE_PARAMS or ident in RUNTIME_NAMES:
        ident += "_"
    return unique(ident, taken)


def _parameter(ident: str, annotation: str, required: bool) -> list[str]:
    return fit_annotated(8, f"{ident}: ", annotation, ",", optional=not required)


def _event_doc(event: Event, fields: list[tuple[str, int, int]]) -> str:
    """The method's docstring; `fields` are the fields' blocks (see `_field_doc`)."""
    blocks = [(" ".join((event.description or event.name).split()), 0, 0)]
    if event.deprecated is not None:
        replaced = (
            f" Use {event.deprecated.replaced_by} instead." if event.deprecated.replaced_by else ""
        )
        blocks += [("", 0, 0), (f"Deprecated: {event.deprecated.reason}.{replaced}", 0, 0)]
    if fields:
        blocks += [("", 0, 0), ("Args:", 0, 0)]
        blocks += fields
    return docstring(blocks, 8)


def _shaped(plan: RedactionPlan) -> bool:
    """Whether the runtime needs `plan` spelled out: something inside is redacted or never
    written, or it declares members (the runtime writes those only)."""
    return (
        plan.sensitive
        or plan.kind is Kind.OBJECT
        or (plan.items is not None and _shaped(plan.items))
    )


def _field_spec_arguments(
    plan: RedactionPlan,
) -> tuple[list[str], list[RedactionPlan] | None, str]:
    """The simple arguments of `FieldSpec(...)`, its members (None: not an object; an object
    that declares none has every key unknown) and the items to spell out (`""` when none)."""
    redact = "drop" if plan.credential else plan.redaction.value
    simple = [py_literal(plan.name), py_literal(redact)]
    if plan.credential:
        simple.append("credential=True")
    items = plan.items if plan.items is not None and _shaped(plan.items) else None
    members = list(plan.members) if plan.kind is Kind.OBJECT else None
    return simple, members, "" if items is None else _field_spec_text(items)


def _field_spec_text(plan: RedactionPlan) -> str:
    """`FieldSpec(...)` on one line."""
    simple, members, items = _field_spec_arguments(plan)
    arguments = list(simple)
    if members is not None:
        texts = [_field_spec_text(member) for member in members]
        arguments.append("members=(" + ", ".join(texts) + ("," if len(texts) == 1 else "") + ")")
    if items:
        arguments.append("items=" + items)
    return "FieldSpec(" + ", ".join(arguments) + ")"


def _field_spec_lines(plan: RedactionPlan, indent: int, head: str, tail: str) -> list[str]:
    """`head + FieldSpec(...) + tail`, on one line when it fits, else one argument per line
    with trailing commas (which the formatter keeps), nested specs laid out the same way."""
    pad = " " * indent
    one = pad + head + _field_spec_text(plan) + tail
    if len(one) <= LINE_LIMIT:
        return [one]
    simple, members, _items = _field_spec_arguments(plan)
    inner = " " * (indent + 4)
    lines = [pad + head + "FieldSpec(", *(inner + argument + "," for argument in simple)]
    if members is not None:
        texts = [_field_spec_text(member) for member in members]
        together = inner + "members=(" + ", ".join(texts) + ("," if len(texts) == 1 else "")
        if len(together) + 2 <= LINE_LIMIT:
            lines.append(together + "),")
        else:
            lines.append(inner + "members=(")
            for member in members:
                lines += _field_spec_lines(member, indent + 8, "", ",")
            lines.append(inner + "),")
    if plan.items is not None and _items:
        lines += _field_spec_lines(plan.items, indent + 4, "items=", ",")
    return [*lines, pad + ")" + tail]


def _spec_lines(
    event: Event, spec_name: str, validator: str, field_specs: list[list[str]]
) -> list[str]:
    """`SPEC_<EVENT> = EventSpec(...)`; `field_specs` are the fields' `FieldSpec(...)` lines
    (`_field_spec_lines` at the indentation of the tuple's items)."""
    lines = [
        f"{spec_name} = EventSpec(",
        f"    name={py_literal(event.name)},",
        f"    version={event.version},",
    ]
    # the formatter joins a tuple of none or one item (its comma is not a magic trailing one)
    one_line = "    fields=(" + "".join(lines[0].strip() for lines in field_specs) + "),"
    if (
        len(field_specs) <= 1
        and all(len(lines) == 1 for lines in field_specs)
        and len(one_line) <= LINE_LIMIT
    ):
        lines.append(one_line)
    else:
        lines += ["    fields=(", *(line for lines in field_specs for line in lines), "    ),"]
    for keyword_name, values in (
        ("actor_types", event.actors),
        ("target_types", event.targets),
        ("outcomes", tuple(o.value for o in event.outcomes)),
        ("failure_reasons", event.failure_reasons),
    ):
        lines += _set_argument(keyword_name, values)
    lines += [f"    validate={validator},", ")"]
    return lines


@lru_cache(maxsize=1 << 12)
def _set_argument(keyword_name: str, values: tuple[str, ...]) -> tuple[str, ...]:
    """`keyword_name=frozenset({...}),` in an event's spec (cached: events repeat their
    actors, targets and outcomes)."""
    return tuple(fit_set(4, f"{keyword_name}=", [py_literal(v) for v in sorted(values)], ","))


Parameter = tuple[list[str], list[str], tuple[str, int, int], FieldView]
"""A field as its event's method and spec show it: signature lines, the lines of its
`FieldSpec(...)` in the event's spec, its block of the docstring and its entry in the record
the method passes on."""


def _spec_name(event: Event) -> str:
    """`SPEC_<EVENT>`: the name of the event's `EventSpec` in its module."""
    return "SPEC_" + snake(event.name).upper()


ParameterKey = tuple[Shape, str, bool, str | None, str]
"""A field as a parameter: (shape of its type, name, required, description, parameter name)."""


Parameters = tuple[tuple[Field, ParameterKey], ...]
"""An event's fields in the order of its method's parameters (required first), each with its
key."""


def _parameters(event: Event, shapes: Shapes) -> Parameters:
    taken: set[str] = set()
    return tuple(
        (f, (shapes.of(f.type), f.name, f.required, f.description, _ident(f.name, taken)))
        for f in _in_signature_order(event)
    )


def _in_signature_order(event: Event) -> list[Field]:
    return sorted(event.fields, key=lambda f: not f.required)


def _annotation(types: TypesModule, event_owner: str, field: Field, uses: set[str]) -> str:
    owner = (f"{event_owner}_{snake(field.name)}", snake(field.name))
    return types.annotation(field.type, owner, uses)


def _event_view(
    event: Event,
    config: Config,
    module: DomainModule,
    parameters: dict[ParameterKey, Parameter],
) -> tuple[EventView, MethodView]:
    """`parameters`: fields already shown, by key: events repeat fields, and equal types have
    the same annotation. The names this uses are all made already (`PackagePlan`)."""
    types = module.types
    event_owner = snake(event.name)
    signature = ["        actor: Actor,"]
    specs = []
    documented = []
    entries: list[FieldView] = []
    for field, key in _parameters(event, module.shapes):
        known = parameters.get(key)
        if known is None:
            ident = key[4]
            annotation = _annotation(types, event_owner, field, set())
            plan = redaction_plan(field, config)
            redact = "drop" if plan.credential else plan.redaction.value
            known = parameters[key] = (
                _parameter(ident, annotation, field.required),
                _field_spec_lines(plan, 8, "", ","),
                (_field_doc(field, ident, redact), 4, 4),
                FieldView(py_literal(field.name), ident),
            )
        signature += known[0]
        specs.append(known[1])
        documented.append(known[2])
        entries.append(known[3])
    outcomes = tuple(o.value for o in event.outcomes)
    default = (
        "success"
        if Outcome.SUCCESS.value in outcomes
        else outcomes[0]
        if len(outcomes) == 1
        else None
    )
    outcome = types.outcome(outcomes)
    reason = "str"
    if event.failure_reasons:
        reason = types.reason(event.failure_reasons, event_owner)
    signature += [
        "        targets: Sequence[Target] = (),",
        f"        outcome: {outcome}" + (f" = {py_literal(default)}," if default else ","),
        f"        reason: {reason} | None = None,",
        "        context: Context | None = None,",
        "        tenant: str | None = None,",
    ]
    validator = Validator(module, event.fields)
    validator.fields(event, event_owner)
    spec_name = _spec_name(event)
    function = "_validate_" + event_owner
    definition = f"def {function}(fields: Mapping[str, Any]) -> list[tuple[str, str]]:"
    if len(definition) > LINE_LIMIT:  # as the formatter splits it
        definition = f"def {function}(\n    fields: Mapping[str, Any],\n) -> list[tuple[str, str]]:"
    method = MethodView(
        name=event_owner + ("_event" if event_owner in EMITTER_METHODS else ""),
        spec_name=spec_name,
        doc=_event_doc(event, documented),
        signature="\n".join(signature),
        fields=tuple(entries),
    )
    return EventView(
        validator=definition,
        constants=module.take_lines(),
        checks="\n".join(validator.lines),
        spec="\n".join(_spec_lines(event, spec_name, function, specs)),
    ), method


def _used_types(catalog: Catalog) -> list[str]:
    """The named types some field uses (at any depth), in the catalog's order."""
    used: set[str] = set()
    seen: set[int] = set()
    stack = [field.type for event in catalog.events for field in event.fields]
    while stack:
        spec = stack.pop()
        if id(spec) in seen:
            continue
        seen.add(id(spec))
        if spec.type_name is not None:
            used.add(spec.type_name)
        if spec.items is not None:
            stack.append(spec.items)
        stack.extend(member.type for member in spec.fields)
    return [t.name for t in catalog.types if t.name in used]


@dataclass(frozen=True, slots=True)
class DomainPlan:
    """A domain module to lay out: its name, docstring and events."""

    name: str
    doc: str
    events: tuple[Event, ...]


class PackagePlan:
    """The package in two passes. The first (here) makes every name the package defines in
    the order of the domains and their events, as laying them out would first use them: the
    aliases and patterns of the types module, the facade's imports. Then each domain module
    only looks names up (`module`), so the modules can be laid out in any order, in two
    processes, and the facade is made of their methods (`view`)."""

    def __init__(self, catalog: Catalog, config: Config, package: str, content_hash: str) -> None:
        self.config = config
        self.package = package
        self.header = (
            f"# Generated by registry {__version__} from catalog {content_hash}.\n"
            "# Do not edit: change the catalog and run `registry generate python` again."
        )
        by_domain: dict[str, list[Event]] = {}
        for event in catalog.events:
            by_domain.setdefault(event.domain, []).append(event)
        docs = {f.domain: f.description for f in catalog.files if f.description}
        self.spec_names = frozenset(_spec_name(event) for event in catalog.events)
        types = self.types = TypesModule(catalog, set(TYPES_NAMES) | self.spec_names)
        self.shapes = Shapes(types.named_specs)
        for type_name in _used_types(catalog):  # first: their aliases take the names they share
            types.named_type(type_name)
        self.facade_uses: set[str] = {"Sequence"}
        self.domains: list[DomainPlan] = []
        module_names = set(OWN_MODULES)
        annotated: set[Shape] = set()
        walked: set[Shape] = set()
        for domain, events in sorted(by_domain.items()):
            name = snake(domain)
            name = unique(name + "_events" if name in OWN_MODULES else name, module_names)
            doc = docstring(
                [(docs.get(domain) or f"Audit events of the {domain} domain.", 0, 0)], 0
            )
            self.domains.append(DomainPlan(name, doc, tuple(events)))
            for event in events:
                self._name(event, annotated, walked)
        types.complete = True
        self.parameters: dict[ParameterKey, Parameter] = {}

    def _name(self, event: Event, annotated: set[Shape], walked: set[Shape]) -> None:
        """Make the names the event's method and validator use, in the order they use them
        (a type of a shape already seen adds none: equal shapes, equal annotations)."""
        types, uses, shapes = self.types, self.facade_uses, self.shapes
        event_owner = snake(event.name)
        for field in _in_signature_order(event):
            shape = shapes.of(field.type)
            if shape not in annotated:
                annotated.add(shape)
                _annotation(types, event_owner, field, uses)
        uses.add(types.outcome(tuple(o.value for o in event.outcomes)))
        if event.failure_reasons:
            uses.add(types.reason(event.failure_reasons, event_owner))
        for field in event.fields:
            shape = shapes.of(field.type)
            if shape not in walked:
                walked.add(shape)
                name_patterns(field.type, types)

    def module(self, domain: DomainPlan) -> tuple[ModuleView, tuple[MethodView, ...]]:
        """A domain module, and its events' methods of the facade."""
        validators = ("_validate_" + snake(event.name) for event in domain.events)
        module = DomainModule(self.types, Names(self.spec_names, validators), self.shapes)
        made = [_event_view(event, self.config, module, self.parameters) for event in domain.events]
        exports = [method.spec_name for _, method in made]
        view = ModuleView(
            name=domain.name,
            doc=domain.doc,
            imports=module.import_lines(),
            exports=all_names(exports),
            events=tuple(event for event, _ in made),
        )
        return view, tuple(method for _, method in made)

    def view(self, methods: list[str]) -> PackageView:
        """The package's view, from each domain's methods laid out (in the order of
        `domains`)."""
        facade_uses = self.facade_uses
        aliases = facade_uses - SHARED_IMPORTS
        facade_specs = [
            (domain.name, [_spec_name(event) for event in domain.events]) for domain in self.domains
        ]
        relative = sorted(
            [*facade_specs, (TYPES_MODULE, sorted(aliases))], key=lambda m: sort_key(m[0])
        )
        facade_imports = [
            "from collections.abc import Sequence",
            *import_some("datetime", {"date", "datetime"} & facade_uses),
            "from typing import Any",
            *(["from uuid import UUID"] if "UUID" in facade_uses else []),
            "",
            "from registry_runtime import Actor, Context, Emitter, Target",
            "",
            f"from . import {RUNTIME_CHECK_MODULE}  # noqa: F401 (first: checks the runtime's version)",
            *(line for name, names in relative for line in import_from("." + name, names)),
        ]
        return PackageView(
            package=self.package,
            header=self.header,
            facade_doc=docstring([("Typed audit-event emitters, one method per event.", 0, 0)], 0),
            facade_imports="\n".join(facade_imports),
            methods=tuple(methods),
            types=self.types.view(),
        )


RUNTIME_DISTRIBUTION = "audit-registry-runtime"
RUNTIME_CHECK_MODULE = "_runtime"
"""The generated module that checks, before any event module loads, that the installed runtime
is one this package was generated for (docs/runtime.md, "Versions")."""


def runtime_range(version: str = __version__) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The runtime versions code generated by this tool works with: from the tool's own version
    (the runtime released with it) up to, not including, the next minor version before 1.0 and
    the next major version from 1.0 on (where the runtime may drop what older code uses)."""
    major, minor, patch = (int(part) for part in version.split(".")[:3])
    return (major, minor, patch), ((0, minor + 1) if major == 0 else (major + 1,))


def runtime_check_module(header: str, package: str) -> str:
    """The text of the package's `_runtime` module (only imports, a function and assignments,
    like every generated module)."""
    low, high = runtime_range()
    required = f"{RUNTIME_DISTRIBUTION}>={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"
    return f'''{header}
"""Checks, on import and before any module of the package uses it, that the runtime is
{required}."""

from __future__ import annotations

from registry_runtime import __version__

REQUIRED = "{required}"


def _compatible(version: str) -> str:
    found = tuple(int(part) for part in version.split(".")[:3])
    if not {low} <= found < {high}:
        raise ImportError(
            f"{package} was generated for {{REQUIRED}}, but registry_runtime {{version}} is"
            f" installed: pip install '{{REQUIRED}}'"
        )
    return version


RUNTIME_VERSION = _compatible(__version__)
'''

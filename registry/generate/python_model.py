"""View-model of the generated Python package: every name, annotation, literal and check
is computed here; the templates under generators/python only lay them out.

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

import builtins
import keyword
import unicodedata
from dataclasses import dataclass
from typing import assert_never

from registry import __version__
from registry.catalog.config import Config
from registry.catalog.identifiers import pascal, snake
from registry.catalog.model import Catalog, Event, Field, Kind, Outcome, TypeSpec
from registry.catalog.types import (
    Finite,
    Format,
    Maximum,
    MaxLength,
    Minimum,
    Pattern,
    constraints,
    enum_types,
)
from registry.generate.literals import (
    LINE_LIMIT,
    docstring,
    fit,
    fit_annotated,
    fit_append,
    fit_call,
    fit_for,
    fit_if,
    fit_set,
    import_from,
    py_literal,
    sort_all,
    sort_key,
)
from registry.privacy.policy import effective_redaction

TYPES_MODULE = "types"
"""The package's module of type aliases (a domain of that name gets another module name)."""
OWN_MODULES = frozenset({"audit_log", "runtime", "registry", TYPES_MODULE})
"""Domain names whose module gets an `_events` suffix: the package's own modules, and names
that would read as the tool's."""

PYTHON_NAMES = frozenset(dir(builtins)) | frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)
"""No generated name shadows a builtin or is a keyword."""
ENVELOPE_PARAMS = frozenset(
    {"self", "actor", "targets", "outcome", "reason", "context", "tenant", "event", "fields"}
)
"""Parameters every facade method has (and `fields`, the dict the method builds)."""
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
        "str",
        "int",
        "float",
        "bool",
        "dict",
    }
)
"""Names a parameter does not take (it gets a trailing `_`): what the facade imports and the
builtins its methods use. Kept stable: parameter names are the generated API."""
EMITTER_METHODS = frozenset({"close", "sink", "_emit"})
"""Attributes of `Emitter` an event's method must not override (it gets `_event`)."""

SHARED_IMPORTS = frozenset({"Any", "Sequence", "UUID", "date", "datetime"})
"""What an annotation may need from the standard library (imported where it is used)."""
TYPES_NAMES = PYTHON_NAMES | {
    *SHARED_IMPORTS,
    "Literal",
    "NotRequired",
    "Required",
    "TypeAlias",
    "TypedDict",
    "annotations",
    "re",
    # the facade imports the aliases next to these
    "Actor",
    "AuditLog",
    "Context",
    "Emitter",
    "Target",
}
"""Names an alias or a pattern of types.py does not take."""
CHECKS = ("is_date", "is_email", "is_finite", "is_timestamp", "is_uuid")
"""The run-time tests the validators import from registry_runtime.checks."""
LOCAL_NAMES = PYTHON_NAMES | {
    *CHECKS,
    "Any",
    "EventSpec",
    "FieldSpec",
    "Mapping",
    "UUID",
    "annotations",
    "date",
    "datetime",
    "re",
    # the validator's own
    "fields",
    "problems",
    "unknown",
}
"""Names a validator's local variable does not take: what its module imports, the builtins,
the validator's parameter and fixed locals."""
ALIAS_LIMIT = 60
"""Longest alias named after the event and field before the field's name alone."""
DERIVED_LIMIT = 30
"""Longest `<variable>_<member>` (or `_item`, `_key`) name before the member's name alone."""


def _unique(name: str, taken: set[str]) -> str:
    """`name`, with `_` appended until no name in `taken` is the same; then taken."""
    while name in taken:
        name += "_"
    taken.add(name)
    return name


# -- views --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldView:
    key: str
    """Literal of the key in the emitted record (the catalog's name)."""
    ident: str
    """Python identifier of the parameter."""


@dataclass(frozen=True, slots=True)
class EventView:
    """Source text is given as laid out lines joined by line breaks (no final one)."""

    method: str
    spec_name: str
    validator: str
    """The validator's `def` line(s)."""
    doc: str
    """The method's docstring, laid out (wrapped, indented)."""
    signature: str
    """The keyword-only parameters, indented for the method."""
    fields: tuple[FieldView, ...]
    constants: str
    """The module constants first used by this event's validator."""
    checks: str
    """The validator body (indented for a function body)."""
    spec: str
    """`SPEC_<EVENT> = EventSpec(...)`."""


@dataclass(frozen=True, slots=True)
class ModuleView:
    name: str
    doc: str
    imports: str
    """The import block after `from __future__ import annotations`."""
    exports: str
    """`__all__`."""
    events: tuple[EventView, ...]


@dataclass(frozen=True, slots=True)
class TypesView:
    doc: str
    imports: str
    exports: str
    """`__all__`."""
    definitions: str
    """The definitions, each after what it uses, with the blank lines before them."""


@dataclass(frozen=True, slots=True)
class PackageView:
    package: str
    header: str
    facade_doc: str
    facade_imports: str
    modules: tuple[ModuleView, ...]
    types: TypesView


# -- types.py -----------------------------------------------------------------------------------

_SCALARS = {Kind.STRING: "str", Kind.INTEGER: "int", Kind.NUMBER: "float", Kind.BOOLEAN: "bool"}


class _Types:
    """The aliases of types.py, one per distinct annotation, and the named types' patterns."""

    def __init__(self, catalog: Catalog, taken: set[str]) -> None:
        self.named_specs = {t.name: t.spec for t in catalog.types}
        self.taken = taken
        self.blocks: list[list[str]] = []
        """The definitions, each after what it uses (a class is a block of its own)."""
        self.pattern_lines: list[str] = []
        self.exports: list[str] = []
        self.imports: set[str] = set()
        self.literals: dict[tuple[str, ...], str] = {}
        self.outcomes: dict[tuple[str, ...], str] = {}
        self.reasons: dict[tuple[str, ...], str] = {}
        self.typed_dicts: dict[tuple[tuple[str, str, bool], ...], str] = {}
        self.named: dict[str, tuple[str, str]] = {}
        """Named type -> (its alias, the annotation the alias stands for)."""
        self.patterns: dict[str, str] = {}
        """Named type -> the constant of its compiled pattern."""
        self.annotations: dict[int, tuple[str, frozenset[str]]] = {}
        """id(spec) -> its annotation and what that needs, once made (catalogs share one spec
        between equal fields, and the annotation of a spec no longer depends on the owner once
        its aliases exist)."""

    def name(self, wanted: str) -> str:
        name = _unique(wanted, self.taken)
        self.exports.append(name)
        return name

    def alias(self, wanted: str, annotation: str) -> str:
        name = self.name(wanted)
        self.imports.add("TypeAlias")
        self.blocks.append([f"{name}: TypeAlias = {annotation}"])
        return name

    def annotation(self, spec: TypeSpec, owner: tuple[str, str], uses: set[str]) -> str:
        """The annotation of a value of `spec`; `owner` (snake_case: the path of event, field,
        members; and the last of them) names an alias made for it (see `alias_name`). The
        names it needs are added to `uses`."""
        if spec.type_name is None:
            scalar = _SCALARS.get(spec.kind)
            if scalar is not None:
                return scalar
        known = self.annotations.get(id(spec))
        if known is None:
            named = None
            if spec.type_name is not None and spec.type_name in self.named_specs:
                named = self.named_type(spec.type_name)  # first: its aliases take its name
            needs: set[str] = set()
            text = self.structural(spec, owner, needs)
            if named is not None and text == named[1]:  # the named type's own: its name says more
                text, needs = named[0], {named[0]}
            known = self.annotations[id(spec)] = (text, frozenset(needs))
        uses |= known[1]
        return known[0]

    def structural(self, spec: TypeSpec, owner: tuple[str, str], uses: set[str]) -> str:
        kind = spec.kind
        scalar = _SCALARS.get(kind)
        if scalar is not None:
            return scalar
        if kind is Kind.TIMESTAMP:
            uses.add("datetime")
            return "datetime | str"
        if kind is Kind.DATE:
            uses.add("date")
            return "date | str"
        if kind is Kind.UUID:
            uses.add("UUID")
            return "UUID | str"
        if kind is Kind.ENUM:
            items = tuple(py_literal(v) for v in spec.values)
            name = self.literal(self.literals, items, self.alias_name(owner))
            uses.add(name)
            return name
        if kind is Kind.LIST:
            uses.add("Sequence")
            if spec.items is None:
                uses.add("Any")
                return "Sequence[Any]"
            path, leaf = owner
            return (
                f"Sequence[{self.annotation(spec.items, (path + '_item', leaf + '_item'), uses)}]"
            )
        return self.typed_dict(spec, owner, uses)

    def alias_name(self, owner: tuple[str, str]) -> str:
        """`UserDeployFailedEnvironment`: after the event and field (and members); after the
        field (or member) alone when that grows too long and the name is free."""
        path, leaf = owner
        full = pascal(path)
        if len(full) <= ALIAS_LIMIT or pascal(leaf) in self.taken:
            return full
        return pascal(leaf)

    def literal(
        self, table: dict[tuple[str, ...], str], items: tuple[str, ...], wanted: str
    ) -> str:
        name = table.get(items)
        if name is None:
            name = self.name(wanted)
            table[items] = name
            self.imports |= {"Literal", "TypeAlias"}
            self.blocks.append(fit(0, f"{name}: TypeAlias = Literal[", list(items), "]"))
        return name

    def typed_dict(self, spec: TypeSpec, owner: tuple[str, str], uses: set[str]) -> str:
        needs: set[str] = set()
        members = tuple(
            (
                py_literal(member.name),
                self.annotation(
                    member.type, (f"{owner[0]}_{snake(member.name)}", snake(member.name)), needs
                ),
                member.required,
            )
            for member in spec.fields
        )
        name = self.typed_dicts.get(members)
        if name is None:
            name = self.name(self.alias_name(owner))
            self.typed_dicts[members] = name
            self.imports |= (needs & SHARED_IMPORTS) | {"TypedDict"}
            self.blocks.append(self.typed_dict_lines(name, spec, members))
        uses.add(name)
        return name

    def typed_dict_lines(
        self, name: str, spec: TypeSpec, members: tuple[tuple[str, str, bool], ...]
    ) -> list[str]:
        """A class when every member name can be an attribute name as it is (the linter's
        preference), else the functional form (`TypedDict("Name", {...})`)."""
        if all(_attribute_name(member.name) for member in spec.fields):
            lines = [f"class {name}(TypedDict):"]
            for member, (_, annotation, required) in zip(spec.fields, members, strict=True):
                if not required:
                    self.imports.add("NotRequired")
                    annotation = f"NotRequired[{annotation}]"
                lines += fit_annotated(4, f"{member.name}: ", annotation)
            return lines if members else [*lines, "    pass"]
        lines = [f"{name} = TypedDict(", f"    {py_literal(name)},", "    {"]
        for key, annotation, required in members:
            wrapper = "Required" if required else "NotRequired"
            self.imports.add(wrapper)
            lines += fit_annotated(8, f"{key}: ", f"{wrapper}[{annotation}]", ",")
        return [*lines, "    },", ")"]

    def named_type(self, type_name: str) -> tuple[str, str]:
        """The alias of a named type (made on first use) and the annotation it stands for."""
        found = self.named.get(type_name)
        if found is not None:
            return found
        spec = self.named_specs[type_name]
        needs: set[str] = set()
        made = len(self.exports)
        meaning = self.structural(spec, (snake(type_name), snake(type_name)), needs)
        if spec.kind in (Kind.ENUM, Kind.OBJECT) and meaning in self.exports[made:]:
            alias = meaning  # the Literal or TypedDict was made for this type, named after it
        else:
            self.imports |= needs & SHARED_IMPORTS
            alias = self.alias(pascal(type_name), meaning)
        self.named[type_name] = (alias, meaning)
        return alias, meaning

    def outcome(self, outcomes: tuple[str, ...]) -> str:
        """`SuccessOrFailureOutcome`, `FailureOutcome`, `SuccessFailureOrUnknownOutcome` ..."""
        words = [pascal(o) for o in outcomes]
        wanted = "".join(words[:-1]) + ("Or" if len(words) > 1 else "") + words[-1] + "Outcome"
        return self.literal(self.outcomes, tuple(py_literal(o) for o in outcomes), wanted)

    def reason(self, reasons: tuple[str, ...], owner: str) -> str:
        items = tuple(py_literal(r) for r in reasons)
        return self.literal(self.reasons, items, pascal(owner + "_reason"))

    def pattern(self, type_name: str, regex: str) -> str:
        """The constant of a named type's compiled pattern."""
        constant = self.patterns.get(type_name)
        if constant is None:
            constant = self.name(snake(type_name).upper() + "_PATTERN")
            self.patterns[type_name] = constant
            self.imports.add("re")
            self.pattern_lines += fit(0, f"{constant} = re.compile(", [py_literal(regex)], ")")
        return constant

    def layout(self) -> list[str]:
        """The definitions with the blank lines the formatter wants: none between assignments,
        two around a class (the first block follows `__all__`)."""
        blocks = [*self.blocks, self.pattern_lines] if self.pattern_lines else self.blocks
        lines: list[str] = []
        after_class = True  # `__all__` is followed by one blank line, or two before a class
        for block in blocks:
            is_class = block[0].startswith("class ")
            if is_class or after_class:
                lines += ["", ""] if is_class or lines else [""]
            lines += block
            after_class = is_class
        return lines

    def view(self) -> TypesView:
        stdlib = [
            *(["import re"] if "re" in self.imports else []),
            *(["from collections.abc import Sequence"] if "Sequence" in self.imports else []),
            *_import_some("datetime", {"date", "datetime"} & self.imports),
            *_import_some(
                "typing",
                {"Any", "Literal", "NotRequired", "Required", "TypeAlias", "TypedDict"}
                & self.imports,
            ),
            *(["from uuid import UUID"] if "UUID" in self.imports else []),
        ]
        return TypesView(
            doc=docstring(
                [
                    (
                        (
                            "The types of the emitters' arguments: aliases of the catalog's "
                            "named types and of the values of enums, outcomes and failure "
                            "reasons, typed dicts of object fields; and the patterns of the "
                            "named types."
                        ),
                        0,
                        0,
                    )
                ],
                0,
            ),
            imports="\n".join(stdlib),
            exports=_all(self.exports),
            definitions="\n".join(self.layout()),
        )


def _all(names: list[str]) -> str:
    """`__all__` (sorted as the linter wants it)."""
    return "\n".join(fit(0, "__all__ = [", [f'"{name}"' for name in sort_all(names)], "]"))


def _attribute_name(name: str) -> bool:
    """Whether a member can be a TypedDict class attribute named `name` (not a keyword, not
    mangled like `__name`, and the same after the parser's NFKC normalisation)."""
    return (
        name.isidentifier()
        and not keyword.iskeyword(name)
        and not name.startswith("__")
        and unicodedata.normalize("NFKC", name) == name
    )


def _import_some(module: str, names: set[str]) -> list[str]:
    return import_from(module, names) if names else []


# -- a domain module ----------------------------------------------------------------------------


class _Module:
    """Module-level names of one domain module: value sets, patterns, what it imports."""

    def __init__(self, types: _Types, taken: set[str]) -> None:
        self.types = types
        self.taken = taken
        self.lines: list[str] = []
        """Constants not yet placed (the next event's view takes them)."""
        self.value_sets: dict[tuple[str, ...], str] = {}
        """Literals of the values -> the constant."""
        self.literals: dict[int, tuple[tuple[str | int, ...], tuple[str, ...]]] = {}
        """id(values) -> (values, their literals): catalogs share one tuple between equal
        specs."""
        self.patterns: dict[str, str] = {}
        self.named_patterns: set[str] = set()
        self.imports: set[str] = set()

    def constant(self, leaf: str, owner: str, what: str) -> str:
        """A new constant's name: after the field (or member, or named type) it checks, else,
        when another constant has that name, after the event and field."""
        short = f"_{leaf.upper()}_{what}"
        if short not in self.taken:
            self.taken.add(short)
            return short
        return _unique(f"_{owner.upper()}_{what}", self.taken)

    def value_set(self, values: tuple[str | int, ...], leaf: str, owner: str, what: str) -> str:
        """The constant holding `values` as a frozenset (one per distinct set)."""
        known = self.literals.get(id(values))
        if known is None or known[0] is not values:
            known = self.literals[id(values)] = (values, tuple(py_literal(v) for v in values))
        items = known[1]
        name = self.value_sets.get(items)
        if name is None:
            name = self.constant(leaf, owner, what)
            self.value_sets[items] = name
            self.lines += fit_set(0, f"{name} = ", list(items), "")
        return name

    def pattern(self, spec: TypeSpec, regex: str, leaf: str, owner: str) -> str:
        named = self.types.named_specs.get(spec.type_name or "")
        if named is not None and named.pattern == regex:
            shared = self.types.pattern(spec.type_name or "", regex)
            self.named_patterns.add(shared)
            return shared
        constant = self.patterns.get(regex)
        if constant is None:
            constant = self.constant(leaf, owner, "PATTERN")
            self.patterns[regex] = constant
            self.imports.add("re")
            self.lines += fit(0, f"{constant} = re.compile(", [py_literal(regex)], ")")
        return constant

    def take_lines(self) -> str:
        lines, self.lines = "\n".join(self.lines), []
        return lines

    def import_lines(self) -> str:
        lines = [
            *(["import re"] if "re" in self.imports else []),
            "from collections.abc import Mapping",
            *_import_some("datetime", {"date", "datetime"} & self.imports),
            "from typing import Any",
            *(["from uuid import UUID"] if "UUID" in self.imports else []),
            "",
            "from registry_runtime import EventSpec, FieldSpec",
            *_import_some("registry_runtime.checks", set(CHECKS) & self.imports),
        ]
        if self.named_patterns:
            lines += ["", *import_from("." + TYPES_MODULE, self.named_patterns)]
        return "\n".join(lines)


def _as_named(spec: TypeSpec, named: dict[str, TypeSpec]) -> str | None:
    """The name of the named type `spec` comes from, when it is checked as that type is (a
    field may narrow its named type: then its checks are the field's own)."""
    base = named.get(spec.type_name) if spec.type_name is not None else None
    if base is None or base is spec:
        return spec.type_name if base is not None else None
    same = (
        base.pattern == spec.pattern
        and base.format == spec.format
        and base.minimum == spec.minimum
        and base.maximum == spec.maximum
        and base.max_length == spec.max_length
        and base.values == spec.values
        and base.items is spec.items
        and base.fields is spec.fields
    )
    return spec.type_name if same else None


def _single_branch(spec: TypeSpec) -> bool:
    """Whether the checks of `spec` are one `if` (no `elif`, no `else`)."""
    kind = spec.kind
    if kind in (Kind.STRING, Kind.INTEGER, Kind.NUMBER):
        return not constraints(spec)
    if kind is Kind.LIST:
        return spec.items is None
    return kind in (Kind.BOOLEAN, Kind.ENUM)


def _enum_guard(values: tuple[str | int, ...], value: str) -> list[str]:
    """The type tests before the membership test (a list is unhashable; True == 1)."""
    types = enum_types(values)
    if types == (str,):
        return [f"not isinstance({value}, str)"]
    names = "int" if types == (int,) else "(str, int)"
    return [f"isinstance({value}, bool)", f"not isinstance({value}, {names})"]


class _Validator:
    """The body of one event's validator."""

    def __init__(self, module: _Module, fields: tuple[Field, ...]) -> None:
        self.module = module
        self.lines: list[str] = []
        self.locals: set[str] = set()
        # the fields' own variables first: derived names (items, members) give way to them
        self.variables = [self.local(snake(f.name)) for f in fields]

    def local(self, name: str) -> str:
        """A new local variable's name (see LOCAL_NAMES)."""
        while name in self.locals or name in LOCAL_NAMES:
            name += "_"
        self.locals.add(name)
        return name

    def derived(self, value: str, suffix: str) -> str:
        """The variable of an item, member or key of `value`: `value_suffix`, or `suffix`
        alone once that grows long (nested objects and lists would repeat every name)."""
        name = f"{value}_{suffix}"
        return self.local(name if len(name) <= DERIVED_LIMIT else suffix)

    def emit(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def append(self, depth: int, where: str, text: str, suffix: str | None = None) -> None:
        self.lines += fit_append(depth * 4, py_literal(where), text, suffix)

    def branch(self, depth: int, keyword: str, tests: list[str], operator: str = "or") -> None:
        """`if`/`elif` line(s) of `tests` (see `fit_if`)."""
        line = f"{'    ' * depth}{keyword} {f' {operator} '.join(tests)}:"
        if len(line) <= LINE_LIMIT:
            self.lines.append(line)
        else:
            self.lines += fit_if(depth * 4, keyword, tests, operator)

    def first(
        self, depth: int, keyword: str, guard: str | None, tests: list[str], operator: str = "or"
    ) -> None:
        """The first branch of a chain: `keyword` (`if`, or `elif` continuing one) and the
        `guard` (see `check`) before `tests`."""
        if guard is None:
            self.branch(depth, keyword, tests, operator)
        elif len(tests) == 1:
            self.branch(depth, keyword, [guard, tests[0]], "and")
        else:
            self.lines += fit_if(depth * 4, keyword, [guard], "and", (tests, operator))

    def constraints(
        self, spec: TypeSpec, value: str, label: str, names: tuple[str, str], depth: int
    ) -> None:
        """An `elif` per constraint of a string or number (`registry.catalog.types`), after
        the type test, in the order every checker applies them."""
        for constraint in constraints(spec):
            match constraint:
                case MaxLength(limit):
                    self.branch(depth, "elif", [f"len({value}) > {limit}"])
                case Pattern(regex):
                    pattern = self.module.pattern(spec, regex, *names)
                    self.branch(depth, "elif", [f"not {pattern}.search({value})"])
                case Format():
                    test = constraint.test.__name__  # a function of registry_runtime.checks
                    self.module.imports.add(test)
                    self.branch(depth, "elif", [f"not {test}({value})"])
                case Finite():
                    self.module.imports.add("is_finite")
                    tests = [f"isinstance({value}, float)", f"not is_finite({value})"]
                    self.branch(depth, "elif", tests, "and")
                case Minimum(bound):
                    self.branch(depth, "elif", [f"{value} < {py_literal(bound)}"])
                case Maximum(bound):
                    self.branch(depth, "elif", [f"{value} > {py_literal(bound)}"])
                case _:
                    assert_never(constraint)
            self.lines += fit_append((depth + 1) * 4, label, constraint.problem)

    def check(
        self,
        spec: TypeSpec,
        value: str,
        where: str,
        names: tuple[str, str],
        depth: int,
        keyword: str = "if",
        guard: str | None = None,
    ) -> None:
        """The if-chain that appends (where, problem) when `value` does not fit `spec`; its
        first branch starts with `keyword` (`elif` continues a chain) and tests `guard` first
        (`guard and ...`: only for a chain of one branch, see `_single_branch`). `names` is
        (field or member name, event-and-field path), snake_case, for the constants it needs."""
        named = _as_named(spec, self.module.types.named_specs)
        leaf, owner = (named, named) if named is not None else names
        label = py_literal(where)
        inner = (depth + 1) * 4
        lines = self.lines
        kind = spec.kind
        type_of = f"type({value}).__name__"
        if kind is Kind.STRING:
            self.first(depth, keyword, guard, [f"not isinstance({value}, str)"])
            lines += fit_append(inner, label, "must be a string, not ", type_of)
            self.constraints(spec, value, label, (leaf, owner), depth)
        elif kind is Kind.INTEGER or kind is Kind.NUMBER:
            integer = kind is Kind.INTEGER
            types = "int" if integer else "(int, float)"
            tests = [f"isinstance({value}, bool)", f"not isinstance({value}, {types})"]
            self.first(depth, keyword, guard, tests)
            noun = "an integer" if integer else "a number"
            lines += fit_append(inner, label, f"must be {noun}, not ", type_of)
            self.constraints(spec, value, label, (leaf, owner), depth)
        elif kind is Kind.BOOLEAN:
            self.first(depth, keyword, guard, [f"not isinstance({value}, bool)"])
            lines += fit_append(inner, label, "must be true or false, not ", type_of)
        elif kind is Kind.TIMESTAMP:
            self.module.imports |= {"datetime", "is_timestamp"}
            self.first(depth, keyword, guard, [f"isinstance({value}, datetime)"])
            self.branch(depth + 1, "if", [f"{value}.tzinfo is None"])
            lines += fit_append(inner + 4, label, "must be a timezone-aware datetime")
            tests = [f"not isinstance({value}, str)", f"not is_timestamp({value})"]
            self.branch(depth, "elif", tests)
            lines += fit_append(inner, label, "must be an RFC 3339 timestamp with a time zone")
        elif kind is Kind.DATE:
            self.module.imports |= {"date", "datetime", "is_date"}
            self.first(depth, keyword, guard, [f"isinstance({value}, str)"])
            self.branch(depth + 1, "if", [f"not is_date({value})"])
            lines += fit_append(inner + 4, label, "must be a date as YYYY-MM-DD")
            tests = [f"isinstance({value}, datetime)", f"not isinstance({value}, date)"]
            self.branch(depth, "elif", tests)
            lines += fit_append(inner, label, "must be a date")
        elif kind is Kind.UUID:
            self.module.imports |= {"UUID", "is_uuid"}
            self.first(depth, keyword, guard, [f"isinstance({value}, str)"])
            self.branch(depth + 1, "if", [f"not is_uuid({value})"])
            lines += fit_append(inner + 4, label, "must be a UUID")
            self.branch(depth, "elif", [f"not isinstance({value}, UUID)"])
            lines += fit_append(inner, label, "must be a UUID")
        elif kind is Kind.ENUM:
            values = self.module.value_set(spec.values, leaf, owner, "VALUES")
            tests = [*_enum_guard(spec.values, value), f"{value} not in {values}"]
            self.first(depth, keyword, guard, tests)
            listed = ", ".join(str(v) for v in spec.values)
            lines += fit_append(inner, label, f"must be one of: {listed}")
        elif kind is Kind.LIST:
            self.first(depth, keyword, guard, [f"not isinstance({value}, (list, tuple))"])
            lines += fit_append(inner, label, "must be a list, not ", type_of)
            if spec.items is not None:
                item = self.derived(value, "item")
                self.emit(depth, "else:")
                lines += fit_for(inner, item, value)
                self.check(spec.items, item, where, (leaf, owner), depth + 2)
        else:
            self.first(depth, keyword, guard, [f"not isinstance({value}, Mapping)"])
            lines += fit_append(inner, label, "must be a mapping, not ", type_of)
            self.emit(depth, "else:")
            self.members(spec, value, where, (leaf, owner), depth + 1)

    def members(
        self, spec: TypeSpec, value: str, where: str, names: tuple[str, str], depth: int
    ) -> None:
        leaf, owner = names
        key = self.derived(value, "key")
        members = tuple(m.name for m in spec.fields)
        if members:
            known = self.module.value_set(members, leaf, owner, "MEMBERS")
            self.lines += fit_for(depth * 4, key, f"set({value}) - {known}")
        else:
            self.lines += fit_for(depth * 4, key, f"set({value})")
        self.append(depth + 1, where, "has an unknown member ", f"repr({key})")
        for member in spec.fields:
            variable = self.derived(value, snake(member.name))
            sub_where = f"{where}.{member.name}"
            member_names = (snake(member.name), f"{owner}_{snake(member.name)}")
            label = py_literal(member.name)
            self.lines += fit_call(depth * 4, f"{variable} = {value}.get", label)
            if member.required:
                self.branch(depth, "if", [f"{variable} is None"])
                self.append(depth + 1, sub_where, "is required")
                self.check(member.type, variable, sub_where, member_names, depth, "elif")
            elif _single_branch(member.type):
                # present means checked: a member set to None is not a string either
                guard = f"{label} in {value}"
                self.check(member.type, variable, sub_where, member_names, depth, "if", guard)
            else:
                self.branch(depth, "if", [f"{label} in {value}"])
                self.check(member.type, variable, sub_where, member_names, depth + 1)

    def fields(self, event: Event, event_owner: str) -> None:
        if event.fields:
            names = tuple(f.name for f in event.fields)
            known = _unique(f"_{event_owner.upper()}_FIELDS", self.module.taken)
            self.module.lines += fit_set(0, f"{known} = ", [py_literal(n) for n in names], "")
            self.lines += fit_for(4, "unknown", f"set(fields) - {known}")
        else:
            self.lines += fit_for(4, "unknown", "fields")
        self.lines += fit_append(8, "unknown", "is not a field of this event")
        for field, variable in zip(event.fields, self.variables, strict=True):
            label = py_literal(field.name)
            names = (snake(field.name), f"{event_owner}_{snake(field.name)}")
            spec = field.type
            self.lines += fit_call(4, f"{variable} = fields.get", label)
            if field.required:
                self.branch(1, "if", [f"{variable} is None"])
                self.append(2, field.name, "is required")
                self.check(spec, variable, field.name, names, 1, "elif")
            elif _single_branch(spec):
                self.check(spec, variable, field.name, names, 1, "if", f"{variable} is not None")
            else:
                self.branch(1, "if", [f"{variable} is not None"])
                self.check(spec, variable, field.name, names, 2)


# -- the facade's side of an event ------------------------------------------------------------


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
    return _unique(ident, taken)


def _parameter(ident: str, annotation: str, required: bool) -> list[str]:
    return fit_annotated(8, f"{ident}: ", annotation, ",", optional=not required)


def _event_doc(event: Event, fields: list[tuple[Field, str, str]]) -> str:
    """The method's docstring; `fields` are (field, parameter, redaction)."""
    blocks = [(" ".join((event.description or event.name).split()), 0, 0)]
    if event.deprecated is not None:
        replaced = (
            f" Use {event.deprecated.replaced_by} instead." if event.deprecated.replaced_by else ""
        )
        blocks += [("", 0, 0), (f"Deprecated: {event.deprecated.reason}.{replaced}", 0, 0)]
    if fields:
        blocks += [("", 0, 0), ("Args:", 0, 0)]
        blocks += [(_field_doc(field, ident, redact), 4, 4) for field, ident, redact in fields]
    return docstring(blocks, 8)


def _spec_lines(
    event: Event, spec_name: str, validator: str, specs: list[tuple[str, str, bool]]
) -> list[str]:
    """`SPEC_<EVENT> = EventSpec(...)`; `specs` are the fields' (name, redaction, credential)."""
    lines = [
        f"{spec_name} = EventSpec(",
        f"    name={py_literal(event.name)},",
        f"    version={event.version},",
    ]
    field_specs = [
        fit(
            8,
            "FieldSpec(",
            [py_literal(name), py_literal(redact), f"credential={credential}"],
            "),",
        )
        for name, redact, credential in specs
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
        lines += fit_set(4, f"{keyword_name}=", [py_literal(v) for v in sorted(values)], ",")
    lines += [f"    validate={validator},", ")"]
    return lines


def _event_view(
    event: Event, config: Config, types: _Types, module: _Module, facade_uses: set[str]
) -> EventView:
    event_owner = snake(event.name)
    taken: set[str] = set()
    ordered = sorted(event.fields, key=lambda f: not f.required)
    idents = [(field, _ident(field.name, taken)) for field in ordered]
    signature = ["        actor: Actor,"]
    specs = []
    documented = []
    for field, ident in idents:
        owner = (f"{event_owner}_{snake(field.name)}", snake(field.name))
        annotation = types.annotation(field.type, owner, facade_uses)
        signature += _parameter(ident, annotation, field.required)
        credential = "credential" in field.sensitivity
        redact = "drop" if credential else effective_redaction(field, config).value
        specs.append((field.name, redact, credential))
        documented.append((field, ident, redact))
    outcomes = tuple(o.value for o in event.outcomes)
    default = (
        "success"
        if Outcome.SUCCESS.value in outcomes
        else outcomes[0]
        if len(outcomes) == 1
        else None
    )
    outcome = types.outcome(outcomes)
    facade_uses.add(outcome)
    reason = "str"
    if event.failure_reasons:
        reason = types.reason(event.failure_reasons, event_owner)
        facade_uses.add(reason)
    signature += [
        "        targets: Sequence[Target] = (),",
        f"        outcome: {outcome}" + (f" = {py_literal(default)}," if default else ","),
        f"        reason: {reason} | None = None,",
        "        context: Context | None = None,",
        "        tenant: str | None = None,",
    ]
    validator = _Validator(module, event.fields)
    validator.fields(event, event_owner)
    spec_name = "SPEC_" + event_owner.upper()
    function = "_validate_" + event_owner
    definition = f"def {function}(fields: Mapping[str, Any]) -> list[tuple[str, str]]:"
    if len(definition) > LINE_LIMIT:  # as the formatter splits it
        definition = f"def {function}(\n    fields: Mapping[str, Any],\n) -> list[tuple[str, str]]:"
    method = snake(event.name)
    return EventView(
        method=method + ("_event" if method in EMITTER_METHODS else ""),
        spec_name=spec_name,
        validator=definition,
        doc=_event_doc(event, documented),
        signature="\n".join(signature),
        fields=tuple(FieldView(py_literal(f.name), ident) for f, ident in idents),
        constants=module.take_lines(),
        checks="\n".join(validator.lines),
        spec="\n".join(_spec_lines(event, spec_name, function, specs)),
    )


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


def package_view(catalog: Catalog, config: Config, package: str, content_hash: str) -> PackageView:
    domains: dict[str, list[Event]] = {}
    for event in catalog.events:
        domains.setdefault(event.domain, []).append(event)
    docs = {f.domain: f.description for f in catalog.files if f.description}
    spec_names = {"SPEC_" + snake(event.name).upper() for event in catalog.events}
    types = _Types(catalog, set(TYPES_NAMES) | spec_names)
    for type_name in _used_types(catalog):  # first: their aliases take the names they share
        types.named_type(type_name)
    facade_uses: set[str] = {"Sequence"}
    modules = []
    facade_specs: list[tuple[str, list[str]]] = []
    module_names = set(OWN_MODULES)
    for domain, events in sorted(domains.items()):
        name = snake(domain)
        name = _unique(name + "_events" if name in OWN_MODULES else name, module_names)
        module = _Module(types, {*spec_names, *("_validate_" + snake(e.name) for e in events)})
        views = tuple(_event_view(event, config, types, module, facade_uses) for event in events)
        exports = [view.spec_name for view in views]
        facade_specs.append((name, exports))
        modules.append(
            ModuleView(
                name=name,
                doc=docstring(
                    [(docs.get(domain) or f"Audit events of the {domain} domain.", 0, 0)], 0
                ),
                imports=module.import_lines(),
                exports=_all(exports),
                events=views,
            )
        )
    aliases = facade_uses - SHARED_IMPORTS
    relative = sorted(
        [*facade_specs, (TYPES_MODULE, sorted(aliases))], key=lambda m: sort_key(m[0])
    )
    facade_imports = [
        "from collections.abc import Sequence",
        *_import_some("datetime", {"date", "datetime"} & facade_uses),
        "from typing import Any",
        *(["from uuid import UUID"] if "UUID" in facade_uses else []),
        "",
        "from registry_runtime import Actor, Context, Emitter, Target",
        "",
        *(line for name, names in relative for line in import_from("." + name, names)),
    ]
    header = (
        f"# Generated by registry {__version__} from catalog {content_hash}.\n"
        "# Do not edit: change the catalog and run `registry generate python` again."
    )
    return PackageView(
        package=package,
        header=header,
        facade_doc=docstring([("Typed audit-event emitters, one method per event.", 0, 0)], 0),
        facade_imports="\n".join(facade_imports),
        modules=tuple(modules),
        types=types.view(),
    )

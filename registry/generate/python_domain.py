"""One domain module of the generated package: its constants (value sets, patterns), its
imports, and each event's validator, built from `registry.catalog.types.constraints`."""

from __future__ import annotations

from typing import assert_never

from registry.catalog.identifiers import snake
from registry.catalog.model import Event, Field, Kind, TypeSpec
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
    fit,
    fit_append,
    fit_call,
    fit_for,
    fit_if,
    fit_set,
    import_from,
    py_literal,
)
from registry.generate.python_names import (
    CHECKS,
    COMPILE_PATTERN,
    DERIVED_LIMIT,
    LOCAL_NAMES,
    PATTERN_IMPORT,
    TYPES_MODULE,
    Names,
    unique,
)
from registry.generate.python_shapes import Shape, Shapes, as_named
from registry.generate.python_types import TypesModule, import_some

# -- a domain module ----------------------------------------------------------------------------


class DomainModule:
    """Module-level names of one domain module: value sets, patterns, what it imports."""

    def __init__(self, types: TypesModule, taken: Names, shapes: Shapes) -> None:
        self.types = types
        self.shapes = shapes
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
        self.field_checks: dict[tuple[Shape, str, bool, str], FieldChecks] = {}
        """Validator lines of a field by (shape of its type, name, required, variable): events of
        a domain repeat fields, and a field's lines depend on nothing else but the names its
        items' and members' variables get (see `FieldChecks`); its constants are found by
        their values, and the imports it adds stay added."""

    def constant(self, leaf: str, owner: str, what: str) -> str:
        """A new constant's name: after the field (or member, or named type) it checks, else,
        when another constant has that name, after the event and field."""
        short = f"_{leaf.upper()}_{what}"
        if short not in self.taken:
            self.taken.add(short)
            return short
        return unique(f"_{owner.upper()}_{what}", self.taken)

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
        shared = self.types.named_pattern(spec, regex)
        if shared is not None:
            self.named_patterns.add(shared)
            return shared
        constant = self.patterns.get(regex)
        if constant is None:
            constant = self.constant(leaf, owner, "PATTERN")
            self.patterns[regex] = constant
            self.imports.add(COMPILE_PATTERN)
            self.lines += fit(0, f"{constant} = {COMPILE_PATTERN}(", [py_literal(regex)], ")")
        return constant

    def take_lines(self) -> str:
        lines, self.lines = "\n".join(self.lines), []
        return lines

    def import_lines(self) -> str:
        lines = [
            "from collections.abc import Mapping",
            *import_some("datetime", {"date", "datetime"} & self.imports),
            "from typing import Any",
            *(["from uuid import UUID"] if "UUID" in self.imports else []),
            "",
            "from registry_runtime import EventSpec, FieldSpec",
            *import_some("registry_runtime.checks", set(CHECKS) & self.imports),
            *(PATTERN_IMPORT if COMPILE_PATTERN in self.imports else ()),
        ]
        if self.named_patterns:
            lines += ["", *import_from("." + TYPES_MODULE, self.named_patterns)]
        return "\n".join(lines)


FieldChecks = tuple[list[str], tuple[tuple[str, str], ...]]
"""The lines that check a field, and each local variable they use beyond the field's own:
(the name asked for, the name given). Another event's validator reuses the lines when each name
asked for is given again (its other fields' variables may take one)."""


def name_patterns(spec: TypeSpec, types: TypesModule) -> None:
    """Make the constants of the named types' patterns that checking `spec` uses, in the order
    `Validator.check` first uses them (a string's constraints, a list's items, an object's
    members, depth first): the types module is then complete before any validator is laid
    out, and the validators of different modules can be laid out apart."""
    for constraint in constraints(spec):
        if isinstance(constraint, Pattern):
            types.named_pattern(spec, constraint.regex)
    if spec.kind is Kind.LIST and spec.items is not None:
        name_patterns(spec.items, types)
    elif spec.kind is Kind.OBJECT:
        for member in spec.fields:
            name_patterns(member.type, types)


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


class Validator:
    """The body of one event's validator."""

    def __init__(self, module: DomainModule, fields: tuple[Field, ...]) -> None:
        self.module = module
        self.lines: list[str] = []
        self.locals: set[str] = set()
        # the fields' own variables first: derived names (items, members) give way to them
        self.variables = [self.local(snake(f.name)) for f in fields]
        self.asked: list[tuple[str, str]] = []
        """Each derived variable: (the name asked for, the name given), in order."""

    def local(self, name: str) -> str:
        """A new local variable's name (see LOCAL_NAMES)."""
        while name in self.locals or name in LOCAL_NAMES:
            name += "_"
        self.locals.add(name)
        return name

    def _reuse(self, known: FieldChecks) -> bool:
        """Add `known`'s lines when its variables get the same names here (see `FieldChecks`)."""
        lines, asked = known
        start = len(self.asked)
        for name, given in asked:
            self.asked.append((name, self.local(name)))
            if self.asked[-1][1] != given:  # undo: the field's lines are made anew
                self.locals.difference_update(n for _, n in self.asked[start:])
                del self.asked[start:]
                return False
        self.lines += lines
        return True

    def derived(self, value: str, suffix: str) -> str:
        """The variable of an item, member or key of `value`: `value_suffix`, or `suffix`
        alone once that grows long (nested objects and lists would repeat every name)."""
        name = f"{value}_{suffix}"
        asked = name if len(name) <= DERIVED_LIMIT else suffix
        given = self.local(asked)
        self.asked.append((asked, given))
        return given

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
        named = as_named(spec, self.module.types.named_specs)
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
        unknown = self.derived(value, "unknown")
        members = tuple(m.name for m in spec.fields)
        if members:
            known = self.module.value_set(members, leaf, owner, "MEMBERS")
            self.lines += fit_call(depth * 4, f"{unknown} = len", f"{value}.keys() - {known}")
        else:
            self.lines += fit_call(depth * 4, f"{unknown} = len", value)
        # counted, never named: a key may be a value (an e-mail address as a key)
        self.branch(depth, "if", [unknown])
        self.append(depth + 1, where, "has ", f'str({unknown}) + " unknown member(s)"')
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
        """The checks of the event's fields (unknown fields are the emitter's to count)."""
        for field, variable in zip(event.fields, self.variables, strict=True):
            key = (self.module.shapes.of(field.type), field.name, field.required, variable)
            known = self.module.field_checks.get(key)
            if known is not None and self._reuse(known):
                continue
            start, asked = len(self.lines), len(self.asked)
            self.field(field, variable, event_owner)
            self.module.field_checks[key] = (self.lines[start:], tuple(self.asked[asked:]))

    def field(self, field: Field, variable: str, event_owner: str) -> None:
        """The lines that check one field of the event, read into `variable`."""
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

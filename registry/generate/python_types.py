"""The generated package's `types` module: the type aliases of the signatures (named catalog
types, shared `Literal` values, TypedDicts of objects) and the patterns of named types."""

from __future__ import annotations

import keyword
import unicodedata

from registry.catalog.identifiers import pascal, snake
from registry.catalog.model import Catalog, Kind, TypeSpec
from registry.generate.literals import (
    docstring,
    fit,
    fit_annotated,
    import_from,
    py_literal,
    sort_all,
)
from registry.generate.python_names import (
    ALIAS_LIMIT,
    COMPILE_PATTERN,
    PATTERN_IMPORT,
    SHARED_IMPORTS,
    unique,
)
from registry.generate.python_views import TypesView

_SCALARS = {Kind.STRING: "str", Kind.INTEGER: "int", Kind.NUMBER: "float", Kind.BOOLEAN: "bool"}


class TypesModule:
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
        self.outcome_names: dict[tuple[str, ...], str] = {}
        """Outcomes -> their alias (events repeat a few sets of outcomes)."""
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
        self.complete = False
        """Set once every name is made: the modules are then laid out in any order (even in
        another process), so they may only look names up."""

    def name(self, wanted: str) -> str:
        assert not self.complete, f"{wanted!r}: the types module is complete, names are taken"
        name = unique(wanted, self.taken)
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
        known = self.outcome_names.get(outcomes)
        if known is None:
            words = [pascal(o) for o in outcomes]
            wanted = "".join(words[:-1]) + ("Or" if len(words) > 1 else "") + words[-1] + "Outcome"
            items = tuple(py_literal(o) for o in outcomes)
            known = self.outcome_names[outcomes] = self.literal(self.outcomes, items, wanted)
        return known

    def reason(self, reasons: tuple[str, ...], owner: str) -> str:
        items = tuple(py_literal(r) for r in reasons)
        return self.literal(self.reasons, items, pascal(owner + "_reason"))

    def named_pattern(self, spec: TypeSpec, regex: str) -> str | None:
        """The constant of the pattern of `spec`'s named type, when `regex` is that pattern
        (else the module checking `spec` compiles `regex` itself)."""
        named = self.named_specs.get(spec.type_name or "")
        if named is None or named.pattern != regex:
            return None
        return self.pattern(spec.type_name or "", regex)

    def pattern(self, type_name: str, regex: str) -> str:
        """The constant of a named type's compiled pattern."""
        constant = self.patterns.get(type_name)
        if constant is None:
            constant = self.name(snake(type_name).upper() + "_PATTERN")
            self.patterns[type_name] = constant
            self.imports.add(COMPILE_PATTERN)
            self.pattern_lines += fit(
                0, f"{constant} = {COMPILE_PATTERN}(", [py_literal(regex)], ")"
            )
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

    def import_blocks(self, stdlib: list[str]) -> list[str]:
        """The standard library's imports, then the runtime's (a blank line between)."""
        if COMPILE_PATTERN not in self.imports:
            return stdlib
        return [*stdlib, "", *PATTERN_IMPORT] if stdlib else list(PATTERN_IMPORT)

    def view(self) -> TypesView:
        stdlib = [
            *(["from collections.abc import Sequence"] if "Sequence" in self.imports else []),
            *import_some("datetime", {"date", "datetime"} & self.imports),
            *import_some(
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
            imports="\n".join(self.import_blocks(stdlib)),
            exports=all_names(self.exports),
            definitions="\n".join(self.layout()),
        )


def all_names(names: list[str]) -> str:
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


def import_some(module: str, names: set[str]) -> list[str]:
    return import_from(module, names) if names else []

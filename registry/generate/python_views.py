"""What the templates of the generated Python package lay out: one frozen view per file."""

from __future__ import annotations

from dataclasses import dataclass

# -- views --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldView:
    key: str
    """Literal of the key in the emitted record (the catalog's name)."""
    ident: str
    """Python identifier of the parameter."""


@dataclass(frozen=True, slots=True)
class MethodView:
    """An event's method of the facade (`audit_log.py`). Source text is given as laid out
    lines joined by line breaks (no final one), here and in the views below."""

    name: str
    spec_name: str
    doc: str
    """The method's docstring, laid out (wrapped, indented)."""
    signature: str
    """The keyword-only parameters, indented for the method."""
    fields: tuple[FieldView, ...]


@dataclass(frozen=True, slots=True)
class EventView:
    """An event's part of its domain module: constants, validator and spec."""

    validator: str
    """The validator's `def` line(s)."""
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
    methods: tuple[str, ...]
    """The methods of each domain's events, laid out (the manifest's `methods` part), in the
    order of the domain modules."""
    types: TypesView


# -- types.py -----------------------------------------------------------------------------------

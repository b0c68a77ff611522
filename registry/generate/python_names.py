"""Names in the generated Python package: what each namespace already holds (builtins,
keywords, runtime imports, the facade's parameters and methods) and how a new name is made
unique in it."""

from __future__ import annotations

import builtins
import keyword
from collections.abc import Iterable
from typing import Protocol

from registry_runtime import checks, patterns

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
    "compile_pattern",
    "re",
    # the facade imports the aliases next to these
    "Actor",
    "AuditLog",
    "Context",
    "Emitter",
    "Target",
}
"""Names an alias or a pattern of types.py does not take."""
COMPILE_PATTERN = patterns.compile_pattern.__name__
"""What a pattern constant is built with (`registry_runtime.patterns`: bounded search time)."""
PATTERN_IMPORT = (f"from {patterns.__name__} import {COMPILE_PATTERN}",)
CHECKS = tuple(name for name in checks.__all__ if name.startswith("is_"))
"""The tests generated code may import from registry_runtime.checks (all of them: the names
are taken in every module)."""
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
    "compile_pattern",
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


class Taken(Protocol):
    """Names taken in a namespace (a set, or `Names`)."""

    def __contains__(self, name: object, /) -> bool: ...

    def add(self, name: str, /) -> None: ...


class Names:
    """A namespace's names: its own, over names every such namespace holds (shared, not
    copied: each domain module would otherwise copy the 10,000 spec names of a catalog)."""

    __slots__ = ("own", "shared")

    def __init__(self, shared: frozenset[str], own: Iterable[str] = ()) -> None:
        self.shared = shared
        self.own = set(own)

    def __contains__(self, name: object, /) -> bool:
        return name in self.own or name in self.shared

    def add(self, name: str, /) -> None:
        self.own.add(name)


def unique(name: str, taken: Taken) -> str:
    """`name`, with `_` appended until no name in `taken` is the same; then taken."""
    while name in taken:
        name += "_"
    taken.add(name)
    return name

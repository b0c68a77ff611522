"""Value-level privacy checks: personal data and secrets in fields not tagged for them.

`compile_scan` turns an event's string-bearing fields written in clear (strings, lists and
objects of them) that are not tagged for personal data (no tag, or only ``confidential``)
into one closure; object members tagged for personal data are skipped.
`scan_any` walks a value the catalog says nothing about (an unexpected field, an unknown
event) and scans every string in it, iteratively, so a deeply nested value cannot exhaust the
stack. Values shaped like the runtime's keyed hashes are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from registry.catalog.model import Kind, TypeSpec
from registry.checkevents import codes
from registry.checkevents.fieldchecks import Problem, rename_items, safe_key
from registry.privacy import leaks
from registry_runtime.checks import is_hashed

_SECRET_ADVICE: Final = "tag the field credential (it is then never written) or stop sending it"
_PERSONAL_ADVICE: Final = "in a field not tagged for personal data"

Scan = Callable[[Any, list[Problem]], None]

NOT_PERSONAL: Final = frozenset({"confidential"})
"""Tags that do not declare personal data: a field tagged only so is still scanned."""


_NO_LEAKS: Final[list[leaks.Leak]] = []


class _Memo:
    """Recent short values and what was recognised in them. Streams repeat values a lot (actor
    ids, tenants, enum-like text), and the answer depends on the text alone. Bounded: cleared
    when full; long values are never kept."""

    __slots__ = ("found",)

    SIZE: Final = 16384
    LONGEST: Final = 128

    def __init__(self) -> None:
        self.found: dict[str, list[leaks.Leak]] = {}

    def leaks(self, text: str) -> list[leaks.Leak]:
        found = self.found.get(text)
        if found is None:
            found = leaks.find_leaks(text) or _NO_LEAKS
            if len(text) <= self.LONGEST:
                if len(self.found) >= self.SIZE:
                    self.found.clear()
                self.found[text] = found
        return found


_MEMO: Final = _Memo()


def leak_problems(text: str, path: str, problems: list[Problem]) -> None:
    """Append a problem for every leak recognised in ``text`` (masked, never the value)."""
    if len(text) < 6 or is_hashed(text):
        return
    for leak in _MEMO.leaks(text):
        code = codes.LEAK_CODES[leak.kind]
        if leak.kind == leaks.SECRET:
            message = f"holds {leak.what} ({leak.masked}): {_SECRET_ADVICE}"
        else:
            message = f"holds {leak.what} ({leak.masked}) {_PERSONAL_ADVICE}"
        problems.append((code, path, message))


def compile_scan(spec: TypeSpec, path: str) -> Scan | None:
    """The scan of a value of ``spec`` (None when it can hold no free text to scan)."""
    if spec.sensitivity - NOT_PERSONAL:
        return None
    kind = spec.kind
    if kind is Kind.STRING:

        def scan_string(value: Any, problems: list[Problem]) -> None:
            if type(value) is str:
                leak_problems(value, path, problems)

        return scan_string
    if kind is Kind.LIST and spec.items is not None:
        star = path + "[*]"
        item = compile_scan(spec.items, star)
        if item is None:
            return None

        def scan_list(value: Any, problems: list[Problem]) -> None:
            if type(value) is not list:
                return
            for index, element in enumerate(value):
                before = len(problems)
                item(element, problems)
                if len(problems) > before:
                    rename_items(problems, before, star, f"{path}[{index}]")

        return scan_list
    if kind is Kind.OBJECT:
        members = tuple(
            (m.name, scan)
            for m in spec.fields
            if (scan := compile_scan(m.type, f"{path}.{m.name}")) is not None
        )
        if not members:
            return None

        def scan_object(value: Any, problems: list[Problem]) -> None:
            if type(value) is not dict:
                return
            for name, scan in members:
                member = value.get(name)
                if member is not None:
                    scan(member, problems)

        return scan_object
    return None


def scan_any(value: Any, path: str, problems: list[Problem]) -> None:
    """Scan every string inside ``value`` (dict keys too), whatever its shape."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        current, where = stack.pop()
        kind = type(current)
        if kind is str:
            leak_problems(current, where, problems)
        elif kind is dict:
            for key, item in reversed(current.items()):
                leak_problems(key, f"{where} (a key)", problems)
                stack.append((item, f"{where}.{safe_key(key)}"))
        elif kind is list:
            for index in range(len(current) - 1, -1, -1):
                stack.append((current[index], f"{where}[{index}]"))

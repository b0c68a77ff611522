"""Value-level privacy checks: personal data and secrets in fields not tagged for them.

A `Scanner` holds one check's `ScanOptions` (the phone regions) and its memo; nothing here is
process-wide, so two checks with different options in one process give their own answers.
`Scanner.compile` turns a field written in clear that is not tagged for personal data (no
tag, or only ``confidential``) into one closure, from its redaction plan: members and items
that are redacted, never written or tagged for personal data are skipped, everything else is
scanned. `Scanner.any` walks a value the catalog says nothing about (an unexpected field, an
unknown event) and scans every string in it. Values shaped like the runtime's keyed hashes
are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from registry.catalog.model import Kind, Redaction, TypeSpec
from registry.checkevents import codes
from registry.checkevents.fieldchecks import Problem, rename_items, safe_key
from registry.privacy import leaks
from registry.privacy.policy import RedactionPlan
from registry_runtime.checks import is_date, is_hashed, is_timestamp, is_uuid

_SECRET_ADVICE: Final = "tag the field credential (it is then never written) or stop sending it"
_PERSONAL_ADVICE: Final = "in a field not tagged for personal data"

Scan = Callable[[Any, list[Problem]], None]

NOT_PERSONAL: Final = frozenset({"confidential"})
"""Tags that do not declare personal data: a field tagged only so is still scanned."""


_NO_LEAKS: Final[list[leaks.Leak]] = []


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """How one check judges values. ``regions``: the regions whose national phone formats
    count (`--region`; numbers written with ``+`` count whatever the list)."""

    regions: tuple[str, ...] = leaks.DEFAULT_REGIONS


DEFAULT_OPTIONS: Final = ScanOptions()


def report_leaks(found: list[leaks.Leak], path: str, problems: list[Problem]) -> None:
    """Append a problem for every leak in ``found`` (masked, never the value)."""
    for leak in found:
        code = codes.LEAK_CODES[leak.kind]
        if leak.kind == leaks.SECRET:
            message = f"holds {leak.what} ({leak.masked}): {_SECRET_ADVICE}"
        else:
            message = f"holds {leak.what} ({leak.masked}) {_PERSONAL_ADVICE}"
        problems.append((code, path, message))


def leak_problems(
    text: str, path: str, problems: list[Problem], options: ScanOptions = DEFAULT_OPTIONS
) -> None:
    """Append a problem for every leak recognised in ``text`` under ``options`` (one value,
    no memo: a stream check uses its `Scanner`)."""
    if len(text) >= 6 and not is_hashed(text):
        report_leaks(leaks.find_leaks(text, options.regions), path, problems)


class Scanner:
    """The value scan of one stream check: its options, and a memo of recent short values and
    what was recognised in them (streams repeat values a lot: actor ids, tenants, enum-like
    text; the answer depends on the text and the options alone). The memo is bounded
    (cleared when full) and never keeps a long value. Each `StreamCheck` owns one, so two
    checks with different options in one process never share answers."""

    __slots__ = ("_found", "options")

    SIZE: Final = 16384
    LONGEST: Final = 128

    def __init__(self, options: ScanOptions = DEFAULT_OPTIONS) -> None:
        self.options = options
        self._found: dict[str, list[leaks.Leak]] = {}

    def leaks(self, text: str) -> list[leaks.Leak]:
        found = self._found.get(text)
        if found is None:
            found = leaks.find_leaks(text, self.options.regions) or _NO_LEAKS
            if len(text) <= self.LONGEST:
                if len(self._found) >= self.SIZE:
                    self._found.clear()
                self._found[text] = found
        return found

    def text(self, text: str, path: str, problems: list[Problem]) -> None:
        """Append a problem for every leak recognised in ``text`` (masked, never the value)."""
        if len(text) >= 6 and not is_hashed(text):
            found = self.leaks(text)
            if found:
                report_leaks(found, path, problems)

    def any(self, value: Any, path: str, problems: list[Problem]) -> None:
        """Scan every string inside ``value`` (dict keys too), whatever its shape,
        iteratively, so a deeply nested value cannot exhaust the stack."""
        stack: list[tuple[Any, str]] = [(value, path)]
        while stack:
            current, where = stack.pop()
            kind = type(current)
            if kind is str:
                self.text(current, where, problems)
            elif kind is dict:
                for key, item in reversed(current.items()):
                    self.text(key, f"{where} (a key)", problems)
                    stack.append((item, f"{where}.{safe_key(key)}"))
            elif kind is list:
                for index in range(len(current) - 1, -1, -1):
                    stack.append((current[index], f"{where}[{index}]"))

    def member(self, key: str, value: Any, parent: str, problems: list[Problem]) -> None:
        """Scan a member the catalog or the envelope does not declare: its key and value."""
        where = f"{parent}.{safe_key(key)}" if parent else safe_key(key)
        self.text(key, f"{where} (the key)", problems)
        self.any(value, where, problems)

    def compile(self, spec: TypeSpec, plan: RedactionPlan, path: str) -> Scan | None:
        """The scan of a value of ``spec`` written in clear and not declared personal (None
        when there is nothing to scan: redacted, never written, or tagged for personal data).

        Everything in clear is covered: strings, the items and members inside lists and
        objects, undeclared members and objects without declared members (every string and
        key in them), and a value of the wrong type (a card number sent as text to an
        integer field gets the type error and this check)."""
        if not plan.written or plan.redaction is not Redaction.NONE:
            return None
        if spec.sensitivity - NOT_PERSONAL:
            return None
        kind = spec.kind
        scan_any = self.any
        if kind is Kind.STRING:
            scan_text = self.text

            def scan_string(value: Any, problems: list[Problem]) -> None:
                if type(value) is str:
                    scan_text(value, path, problems)
                else:
                    scan_any(value, path, problems)

            return scan_string
        if kind is Kind.LIST and spec.items is not None and plan.items is not None:
            return self._list(spec.items, plan.items, path)
        if kind is Kind.OBJECT and spec.fields:
            return self._object(spec, plan, path)
        if kind in (Kind.LIST, Kind.OBJECT):
            return lambda value, problems: scan_any(value, path, problems)
        fits = _fits(spec)

        def scan_wrong_type(value: Any, problems: list[Problem]) -> None:
            if not fits(value):
                scan_any(value, path, problems)

        return scan_wrong_type

    def _list(self, items: TypeSpec, plan: RedactionPlan, path: str) -> Scan:
        star = path + "[*]"
        item = self.compile(items, plan, star)
        scan_any = self.any

        def scan_list(value: Any, problems: list[Problem]) -> None:
            if type(value) is not list:
                scan_any(value, path, problems)
                return
            if item is None:
                return
            for index, element in enumerate(value):
                before = len(problems)
                item(element, problems)
                if len(problems) > before:
                    rename_items(problems, before, star, f"{path}[{index}]")

        return scan_list

    def _object(self, spec: TypeSpec, plan: RedactionPlan, path: str) -> Scan:
        members = tuple(
            (member.name, scan)
            for member, member_plan in zip(spec.fields, plan.members, strict=True)
            if (scan := self.compile(member.type, member_plan, f"{path}.{member.name}")) is not None
        )
        known = frozenset(member.name for member in spec.fields)
        scan_any, scan_member = self.any, self.member

        def scan_object(value: Any, problems: list[Problem]) -> None:
            if type(value) is not dict:
                scan_any(value, path, problems)
                return
            for name, scan in members:
                member = value.get(name)
                if member is not None:
                    scan(member, problems)
            if not known.issuperset(value):
                for name in value.keys() - known:
                    scan_member(name, value[name], path, problems)

        return scan_object


def _fits(spec: TypeSpec) -> Callable[[Any], bool]:
    """Whether a value of a non-text kind is what its type says (else it is scanned)."""
    kind = spec.kind
    if kind is Kind.INTEGER:
        return lambda value: type(value) is int
    if kind is Kind.NUMBER:
        return lambda value: type(value) is int or type(value) is float
    if kind is Kind.BOOLEAN:
        return lambda value: type(value) is bool
    if kind is Kind.ENUM:
        allowed = frozenset(spec.values)
        types = frozenset(type(value) for value in spec.values)
        return lambda value: type(value) in types and value in allowed
    test = {Kind.TIMESTAMP: is_timestamp, Kind.DATE: is_date, Kind.UUID: is_uuid}[kind]
    return lambda value: type(value) is str and test(value)

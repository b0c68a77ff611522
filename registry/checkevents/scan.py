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

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from registry.catalog.model import Kind, Redaction, TypeSpec
from registry.checkevents import codes
from registry.checkevents.fieldchecks import Problem, rename_items, safe_key
from registry.privacy import leaks
from registry.privacy.names import classify_credential
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
    count (`--region`, the tenant's default; numbers written with ``+`` count whatever the
    list). ``record_hints``: a record's own country or locale (`REGION_KEYS`) adds its
    region for that record."""

    regions: tuple[str, ...] = leaks.DEFAULT_REGIONS
    record_hints: bool = True


REGION_KEYS: Final = ("country", "country_code", "locale", "region", "phone_region")
"""Members of ``fields`` or ``context`` that say where a record's people are: ``PL``,
``pl-PL``, ``pt_BR``. Their region's national phone formats count in that record."""
_REGION_KEY_SET: Final = frozenset(REGION_KEYS)
_LOCALE: Final = re.compile(r"(?:[A-Za-z]{2,3}[-_])?([A-Za-z]{2})")


def region_hint(value: object) -> str | None:
    """The region a country or locale value names (``"pl-PL"`` -> ``"PL"``), if phonenumbers
    knows it."""
    if type(value) is not str or len(value) > 8:
        return None
    match = _LOCALE.fullmatch(value.strip())
    if match is None:
        return None
    region = match.group(1).upper()
    return region if region in leaks.phone_regions() else None


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

    __slots__ = ("_found", "_keyed", "_memos", "_regions", "options")

    SIZE: Final = 16384
    LONGEST: Final = 128
    REGION_SETS: Final = 64

    def __init__(self, options: ScanOptions = DEFAULT_OPTIONS) -> None:
        self.options = options
        self._regions = options.regions
        self._memos: dict[tuple[str, ...], tuple[dict[str, Any], dict[str, Any]]] = {}
        self._found, self._keyed = self._memo(options.regions)

    def _memo(
        self, regions: tuple[str, ...]
    ) -> tuple[dict[str, list[leaks.Leak]], dict[str, list[leaks.Leak]]]:
        """The memos (plain, keyed) under ``regions``: an answer depends on them."""
        memo = self._memos.get(regions)
        if memo is None:
            if len(self._memos) >= self.REGION_SETS:
                self._memos.clear()
            memo = self._memos[regions] = ({}, {})
        return memo

    def begin(self, record: dict[str, Any]) -> None:
        """Judge the values of ``record`` next: its own country or locale, if it names one
        (`REGION_KEYS` in ``fields`` or ``context``), adds that region's phone formats."""
        options = self.options
        regions = options.regions
        if options.record_hints:
            for part in (record.get("fields"), record.get("context")):
                if type(part) is dict and not _REGION_KEY_SET.isdisjoint(part):
                    for key in REGION_KEYS:
                        if key in part:
                            hint = region_hint(part[key])
                            if hint is not None and hint not in regions:
                                regions = (hint, *regions)
        if regions is not self._regions:
            self._regions = regions
            self._found, self._keyed = self._memo(regions)

    def leaks(self, text: str, keyed: bool = False) -> list[leaks.Leak]:
        """What is recognised in ``text`` (``keyed``: held under a key named for a
        credential), from the memo when it was judged lately."""
        memo = self._keyed if keyed else self._found
        found = memo.get(text)
        if found is None:
            found = leaks.find_leaks(text, self._regions, keyed) or _NO_LEAKS
            if len(text) <= self.LONGEST:
                if len(memo) >= self.SIZE:
                    memo.clear()
                memo[text] = found
        return found

    def text(self, text: str, path: str, problems: list[Problem], keyed: bool = False) -> None:
        """Append a problem for every leak recognised in ``text`` (masked, never the value);
        ``keyed``: the text is held under a key named for a credential."""
        if len(text) < 6:
            return
        found = (self._keyed if keyed else self._found).get(text)
        if found is None:
            if is_hashed(text):
                return
            found = self.leaks(text, keyed)
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
                    if type(item) is str and credential_key(key):
                        self.text(item, f"{where}.{safe_key(key)}", problems, keyed=True)
                    else:
                        stack.append((item, f"{where}.{safe_key(key)}"))
            elif kind is list:
                for index in range(len(current) - 1, -1, -1):
                    stack.append((current[index], f"{where}[{index}]"))

    def member(self, key: str, value: Any, parent: str, problems: list[Problem]) -> None:
        """Scan a member the catalog or the envelope does not declare: its key and value."""
        where = f"{parent}.{safe_key(key)}" if parent else safe_key(key)
        self.text(key, f"{where} (the key)", problems)
        if type(value) is str and credential_key(key):
            self.text(value, where, problems, keyed=True)
        else:
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
            keyed = credential_key(path.rpartition(".")[2].removesuffix("[*]"))

            def scan_string(value: Any, problems: list[Problem]) -> None:
                if type(value) is str:
                    scan_text(value, path, problems, keyed)
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


@functools.lru_cache(maxsize=4096)
def credential_key(key: str) -> bool:
    """Whether a key (a field, member or context name) is named for a credential, as P002
    judges names (`registry.privacy.names.classify_credential`)."""
    return len(key) <= 64 and classify_credential(key, "string") is not None


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

"""One checker per declared event, compiled once from the resolved catalog model.

`compile_event` turns an `Event` into two closures over a parsed record: ``check`` (the
event-specific envelope rules and every field, always run) and ``scan`` (the value-level
privacy checks, run on the sampled records). A field tagged ``credential`` or redacted with
``drop`` is never written by the emitters, so its presence is a finding of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from registry.catalog.config import Config
from registry.catalog.model import Event, Redaction
from registry.checkevents import codes
from registry.checkevents.envelope import outcome_reason, party_types
from registry.checkevents.fieldchecks import (
    Check,
    Problem,
    compile_check,
    compile_redacted,
    opaque,
    safe_key,
)
from registry.checkevents.quick import FieldEntry, compile_quick
from registry.checkevents.scan import Scan, compile_scan, leak_problems, scan_any
from registry.privacy import leaks
from registry.privacy.policy import effective_redaction

RecordCheck = Callable[[dict[str, Any], list[Problem]], None]

_QUOTE_LIMIT: Final = 40


def describe(value: Any) -> str:
    """A value for a message: short, printable text that holds no recognised personal data or
    secret is quoted; anything else is described by its type and length only."""
    if type(value) is str:
        if len(value) <= _QUOTE_LIMIT and value.isprintable() and not leaks.find_leaks(value):
            return repr(value)
        return f"a {len(value)}-character string"
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) in (int, float):
        return repr(value)
    return "an array" if type(value) is list else "an object"


@dataclass(frozen=True, slots=True)
class EventChecker:
    name: str
    version: int
    check: RecordCheck
    """The detailed checks: event-specific envelope rules and every field, with messages."""
    scan: RecordCheck
    quick: Callable[[dict[str, Any]], bool]
    """True when `check` would find nothing (see `registry.checkevents.quick`)."""


def scan_envelope(record: dict[str, Any], scan_reason: bool, problems: list[Problem]) -> None:
    """Scan the free-text envelope members: actor and target ids, tenant, request id, reason."""
    actor = record.get("actor")
    if type(actor) is dict and type(actor.get("id")) is str:
        leak_problems(actor["id"], "actor.id", problems)
    targets = record.get("targets")
    if type(targets) is list:
        for index, target in enumerate(targets):
            if type(target) is dict and type(target.get("id")) is str:
                leak_problems(target["id"], f"targets[{index}].id", problems)
    tenant = record.get("tenant")
    if type(tenant) is str:
        leak_problems(tenant, "tenant", problems)
    context = record.get("context")
    if type(context) is dict and type(context.get("request_id")) is str:
        leak_problems(context["request_id"], "context.request_id", problems)
    reason = record.get("reason")
    if scan_reason and type(reason) is str:
        leak_problems(reason, "reason", problems)


def scan_unknown(record: dict[str, Any], problems: list[Problem]) -> None:
    """Value checks of a record whose event (or version) the catalog does not declare."""
    scan_envelope(record, True, problems)
    fields = record.get("fields")
    if type(fields) is dict:
        for name, value in fields.items():
            scan_any(value, f"fields.{safe_key(name)}", problems)


def compile_event(event: Event, config: Config) -> EventChecker:
    actors = frozenset(event.actors)
    targets = frozenset(event.targets)
    outcomes = frozenset(outcome.value for outcome in event.outcomes)
    reasons = frozenset(event.failure_reasons)
    entries: list[tuple[str, bool, str, Check]] = []
    quick_entries: list[FieldEntry] = []
    scans: list[tuple[str, Scan]] = []
    credentials: set[str] = set()
    dropped: set[str] = set()
    for field in event.fields:
        path = f"fields.{field.name}"
        if "credential" in field.sensitivity:
            credentials.add(field.name)
            continue
        redaction = effective_redaction(field, config)
        if redaction is Redaction.DROP:
            dropped.add(field.name)
            continue
        if redaction is Redaction.NONE:
            checker = compile_check(field.type, path, opaque if field.sensitivity else describe)
            field_scan = compile_scan(field.type, path)
            if field_scan is not None:
                scans.append((field.name, field_scan))
        else:
            checker = compile_redacted(field.type, path, redaction)
        entries.append((field.name, field.required, path, checker))
        quick_entries.append((field.name, field.required, field.type, redaction, checker))
    known = frozenset(name for name, _, _, _ in entries)
    declared = known | credentials | dropped
    field_entries = tuple(entries)
    field_scans = tuple(scans)

    def check(record: dict[str, Any], problems: list[Problem]) -> None:
        actor = record.get("actor")
        if actors and not (
            type(actor) is dict and type(actor.get("type")) is str and actor["type"] in actors
        ):
            party_types(record, actors, frozenset(), problems)
        if targets:
            parties = record.get("targets")
            if type(parties) is list and not all(
                type(p) is dict and type(p.get("type")) is str and p["type"] in targets
                for p in parties
            ):
                party_types(record, frozenset(), targets, problems)
        outcome = record.get("outcome")
        reason = record.get("reason")
        if (
            type(outcome) is not str
            or outcome not in outcomes
            or (outcome == "failure") != (reason is not None)
            or (
                reasons
                and outcome == "failure"
                and (type(reason) is not str or reason not in reasons)
            )
        ):
            outcome_reason(record, outcomes, reasons, problems)
        fields = record.get("fields")
        if type(fields) is not dict:
            return
        if not known.issuperset(fields):
            for name in sorted(fields.keys() - known):
                if name in credentials:
                    problems.append(
                        (
                            codes.CREDENTIAL_WRITTEN,
                            f"fields.{name}",
                            "is tagged credential: the emitters never write it, in any form",
                        )
                    )
                elif name in dropped:
                    problems.append(
                        (
                            codes.DROPPED_WRITTEN,
                            f"fields.{name}",
                            "is redacted with drop: the emitters never write it",
                        )
                    )
                else:
                    problems.append(
                        (
                            codes.UNEXPECTED_FIELD,
                            f"fields.{safe_key(name)}",
                            "is not a field of this event",
                        )
                    )
        for name, required, path, checker in field_entries:
            value = fields.get(name)
            if value is None:
                if required:
                    problems.append((codes.MISSING_FIELD, path, "is required"))
                elif name in fields:
                    checker(None, problems)
            else:
                checker(value, problems)

    scan_reason = not reasons

    def scan(record: dict[str, Any], problems: list[Problem]) -> None:
        scan_envelope(record, scan_reason, problems)
        fields = record.get("fields")
        if type(fields) is not dict:
            return
        for name, scan_field in field_scans:
            value = fields.get(name)
            if value is not None:
                scan_field(value, problems)
        if not declared.issuperset(fields):
            for name in fields.keys() - declared:
                scan_any(fields[name], f"fields.{safe_key(name)}", problems)

    quick = compile_quick(tuple(quick_entries), actors, targets, outcomes, reasons)
    return EventChecker(event.name, event.version, check, scan, quick)

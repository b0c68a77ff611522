"""One checker per declared event, compiled once from the resolved catalog model.

`compile_event` turns an `Event` into two closures over a parsed record: ``check`` (the
event-specific envelope rules and every field, always run) and ``scan`` (the value-level
privacy checks, run on the sampled records). Each field is compiled from its redaction plan
(`registry.privacy.policy.redaction_plan`, at every depth: `registry.checkevents.structure`);
a field tagged ``credential`` or redacted with ``drop`` is never written by the emitters, so
its presence is a finding of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from registry.catalog.config import Config
from registry.catalog.model import Event
from registry.checkevents import codes
from registry.checkevents.envelope import ALLOWED_KEYS, CONTEXT, outcome_reason, party_types
from registry.checkevents.fieldchecks import Check, Problem, opaque, safe_key
from registry.checkevents.quick import FieldEntry, compile_quick
from registry.checkevents.scan import DEFAULT_OPTIONS, Scan, Scanner, credential_key
from registry.checkevents.structure import compile_value, never_written
from registry.privacy import leaks
from registry.privacy.policy import RedactionPlan, redaction_plan

RecordCheck = Callable[[dict[str, Any], list[Problem]], None]

_QUOTE_LIMIT: Final = 40


def describe(value: Any, regions: tuple[str, ...] = DEFAULT_OPTIONS.regions) -> str:
    """A value for a message: short, printable text that holds no recognised personal data or
    secret (phone numbers of ``regions`` too) is quoted; anything else is described by its
    type and length only."""
    if type(value) is str:
        if (
            len(value) <= _QUOTE_LIMIT
            and value.isprintable()
            and not leaks.find_leaks(value, regions)
        ):
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


def _scan_party(party: Any, where: str, problems: list[Problem], scanner: Scanner) -> None:
    if type(party) is dict:
        text = scanner.text
        for key in ("type", "id"):
            value = party.get(key)
            if type(value) is str:
                text(value, f"{where}.{key}", problems)
        if len(party) > 2:
            for key in party.keys() - {"type", "id"}:
                scanner.member(key, party[key], where, problems)
    else:
        scanner.any(party, where, problems)


def scan_envelope(record: dict[str, Any], problems: list[Problem], scanner: Scanner) -> None:
    """Scan every text of the envelope: actor and targets, outcome, reason, every context
    member (an ``ip`` or ``session_id`` the runtime hashed is skipped as a hash), tenant,
    the emitter's validation_errors, and anything that is not part of the envelope."""
    _scan_party(record.get("actor"), "actor", problems, scanner)
    targets = record.get("targets")
    if type(targets) is list:
        for index, target in enumerate(targets):
            _scan_party(target, f"targets[{index}]", problems, scanner)
    elif targets is not None:
        scanner.any(targets, "targets", problems)
    text = scanner.text
    for key in ("outcome", "reason", "tenant"):
        value = record.get(key)
        if type(value) is str:
            text(value, key, problems)
    context = record.get("context")
    if type(context) is dict:
        for key, value in context.items():
            if key not in CONTEXT:
                scanner.member(key, value, "context", problems)
            elif type(value) is str:
                text(value, f"context.{key}", problems, credential_key(key))
            elif value is not None:
                scanner.any(value, f"context.{key}", problems)
    if "validation_errors" in record:
        scanner.any(record["validation_errors"], "validation_errors", problems)
    if not ALLOWED_KEYS.issuperset(record):
        for key in record.keys() - ALLOWED_KEYS:
            scanner.member(key, record[key], "", problems)


def scan_unknown(record: dict[str, Any], problems: list[Problem], scanner: Scanner) -> None:
    """Value checks of a record whose event (or version) the catalog does not declare."""
    scan_envelope(record, problems, scanner)
    event = record.get("event")
    if type(event) is str:
        scanner.text(event, "event", problems)
    fields = record.get("fields")
    if type(fields) is dict:
        for name, value in fields.items():
            scanner.any(value, f"fields.{safe_key(name)}", problems)
    elif fields is not None:
        scanner.any(fields, "fields", problems)


def compile_event(event: Event, config: Config, scanner: Scanner) -> EventChecker:
    """The checker of ``event``; its value scans use ``scanner`` (the options and memo of the
    stream check that compiles it)."""
    regions = scanner.options.regions

    def shown(value: Any) -> str:
        return describe(value, regions)

    actors = frozenset(event.actors)
    targets = frozenset(event.targets)
    outcomes = frozenset(outcome.value for outcome in event.outcomes)
    reasons = frozenset(event.failure_reasons)
    entries: list[tuple[str, bool, str, Check]] = []
    quick_entries: list[FieldEntry] = []
    scans: list[tuple[str, Scan]] = []
    unwritten: dict[str, RedactionPlan] = {}
    for field in event.fields:
        path = f"fields.{field.name}"
        plan = redaction_plan(field, config)
        if not plan.written:
            unwritten[field.name] = plan
            continue
        checker = compile_value(field.type, plan, path, opaque if field.sensitivity else shown)
        field_scan = scanner.compile(field.type, plan, path)
        if field_scan is not None:
            scans.append((field.name, field_scan))
        entries.append((field.name, field.required, path, checker))
        quick_entries.append((field.name, field.required, field.type, plan, checker))
    known = frozenset(name for name, _, _, _ in entries)
    declared = known | unwritten.keys()
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
                plan = unwritten.get(name)
                if plan is not None:
                    code, message = never_written(plan)
                    problems.append((code, f"fields.{name}", message))
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

    def scan(record: dict[str, Any], problems: list[Problem]) -> None:
        scan_envelope(record, problems, scanner)
        fields = record.get("fields")
        if type(fields) is not dict:
            return
        for name, scan_field in field_scans:
            value = fields.get(name)
            if value is not None:
                scan_field(value, problems)
        if not declared.issuperset(fields):
            for name in fields.keys() - declared:
                scanner.any(fields[name], f"fields.{safe_key(name)}", problems)

    quick = compile_quick(tuple(quick_entries), actors, targets, outcomes, reasons)
    return EventChecker(event.name, event.version, check, scan, quick)

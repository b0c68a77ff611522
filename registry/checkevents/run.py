"""The pipeline of `registry check-events`: read, parse, check, scan, count, report.

`StreamCheck(catalog, config, ...)` compiles a checker per declared event (when a record first
names it); `findings(stream)` reads the stream line by line and yields findings as it goes (memory stays bounded whatever
the stream's size: only counts per event are kept); `summary` is complete once the iteration
ends. Library code: nothing is printed.
"""

from __future__ import annotations

import difflib
import math
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Final

import orjson

from registry.catalog.config import Config
from registry.catalog.model import Catalog
from registry.checkevents import codes
from registry.checkevents.checker import EventChecker, compile_event, describe, scan_unknown
from registry.checkevents.coverage import Coverage, CoverageSummary
from registry.checkevents.envelope import EnvelopeCheck
from registry.checkevents.fieldchecks import Problem, safe_key, shows_safely
from registry.checkevents.parse import (
    UNREADABLE,
    duplicates,
    exact_integers,
    stdlib_loads,
    torn,
    with_following,
)
from registry.checkevents.reader import MAX_LINE_BYTES, read_lines
from registry.checkevents.scan import DEFAULT_OPTIONS, Scanner, ScanOptions
from registry.findings import Finding, Severity
from registry_runtime.chain import is_control

_SUGGESTION_CACHE: Final = 1000
_TORN: Final = (
    "incomplete last line, as a writer that crashed mid-write leaves (run `registry verify-log`)"
)
_NOT_OBJECT: Final = "not a JSON object (a record is one object per line)"
_RECORDED_INVALID: Final = (
    "the emitter recorded this event although its call was invalid (on_invalid='record')"
)
_SAMPLE_SCALE: Final = 1 << 32


@dataclass(frozen=True, slots=True)
class Summary:
    """What a run saw. ``stopped_at`` is the line where ``max_errors`` stopped it, if it did."""

    lines: int
    records: int
    value_checked: int
    errors: int
    warnings: int
    by_code: tuple[tuple[str, int], ...]
    chained: bool
    sample: float
    stopped_at: int | None
    coverage: CoverageSummary


def safe_name(name: str) -> str:
    """An undeclared event name as findings and the coverage show it (else its length)."""
    return name if shows_safely(name, 128) else f"<undeclared event, {len(name)} characters>"


def parse_sample(text: str) -> float:
    """``--sample``: a rate in (0, 1] (``0.1``: a tenth of the records), or an integer N >= 1
    (one record in N). Raises ValueError for anything else."""
    value = float(text)
    if math.isnan(value) or value <= 0:
        raise ValueError("must be a rate in (0, 1] or a whole number N >= 1 (one record in N)")
    if value <= 1:
        return value
    if not value.is_integer():
        raise ValueError("above 1 it must be a whole number N (one record in N)")
    return 1 / value


def sampled(record: dict[str, Any], line: int, rate: float) -> bool:
    """Whether a record is in the deterministic sample: chosen by a CRC-32 of its id (of its
    line number when it has no id), so the same records are chosen on every run and after
    the log grows."""
    ident = record.get("id")
    key = ident if type(ident) is str else str(line)
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) < rate * _SAMPLE_SCALE


class StreamCheck:
    """Checks one stream against one catalog; see the module docstring."""

    def __init__(
        self,
        catalog: Catalog,
        config: Config,
        *,
        path: str = "-",
        sample: float = 1.0,
        max_errors: int | None = None,
        max_line_bytes: int = MAX_LINE_BYTES,
        value_checks: bool = True,
        scan_options: ScanOptions = DEFAULT_OPTIONS,
    ) -> None:
        if not 0 < sample <= 1:
            raise ValueError("sample must be a rate in (0, 1]")
        self.path = path
        self.sample = sample
        self.max_errors = max_errors
        self.max_line_bytes = max_line_bytes
        self.value_checks = value_checks
        self.scanner = Scanner(scan_options)
        """The value scan of this check: its options (`--region`) and memo, its own."""
        self._config = config
        self._events = {event.name: event for event in catalog.events}
        self.checkers: dict[str, EventChecker] = {}
        """The events compiled so far: an event is compiled when a record first names it, so
        a large catalog costs nothing for the events a stream does not use."""
        self._names = tuple(self._events)
        deprecated = tuple(e.name for e in catalog.events if e.deprecated is not None)
        self._coverage = Coverage(self._names, deprecated)
        self._suggestions: dict[str, str | None] = {}
        self._summary: Summary | None = None
        self._envelope = EnvelopeCheck().check
        self._counts: dict[str, int] = {}
        """Records of declared events at their declared version (the common case, counted
        here without the version bookkeeping of `Coverage`)."""

    def checker(self, name: str) -> EventChecker | None:
        """The compiled checker of a declared event (compiled on first use), else None."""
        checker = self.checkers.get(name)
        if checker is None:
            event = self._events.get(name)
            if event is None:
                return None
            checker = self.checkers[name] = compile_event(event, self._config, self.scanner)
        return checker

    @property
    def summary(self) -> Summary:
        if self._summary is None:
            raise RuntimeError("the summary is complete once findings() has been iterated")
        return self._summary

    def _suggest(self, name: str) -> str | None:
        if name in self._suggestions:
            return self._suggestions[name]
        matches = difflib.get_close_matches(name, self._names, n=1, cutoff=0.8)
        suggestion = matches[0] if matches else None
        if len(self._suggestions) < _SUGGESTION_CACHE:
            self._suggestions[name] = suggestion
        return suggestion

    def _finding(
        self, line: int, code: str, where: str | None, message: str, event: str | None
    ) -> Finding:
        return Finding(
            path=self.path,
            line=line,
            column=0,
            rule=code,
            severity=codes.severity(code),
            message=message,
            event=event,
            field=where,
        )

    def _unknown(self, name: str, version: object, checker: EventChecker | None) -> Problem:
        if checker is None:
            suggestion = self._suggest(name)
            hint = f" (did you mean {suggestion}?)" if suggestion else ""
            return (
                codes.UNKNOWN_EVENT,
                "event",
                f"{describe(name, self.scanner.options.regions)} is not declared in the catalog{hint}",
            )
        return (
            codes.UNKNOWN_VERSION,
            "version",
            (
                f"{describe(version, self.scanner.options.regions)} is not a declared version of this event (the catalog "
                f"has version {checker.version})"
            ),
        )

    def _check_record(
        self, record: dict[str, Any], check_values: bool, problems: list[Problem]
    ) -> str | None:
        """Check one parsed record the quick path did not pass (or could not: an unknown event,
        a first record of an event); the event name, when the record has one."""
        name = record.get("event")
        version = record.get("version")
        if type(name) is not str or not name:
            self._envelope(record, problems)
            if check_values:
                scan_unknown(record, problems, self.scanner)
            self._recorded_invalid(record, problems)
            return None
        checker = self.checker(name)
        if checker is not None and version == checker.version and type(version) is int:
            counts = self._counts
            counts[name] = counts.get(name, 0) + 1
            if not checker.quick(record):
                self._envelope(record, problems)
                checker.check(record, problems)
                self._recorded_invalid(record, problems)
            if check_values:
                checker.scan(record, problems)
            return name
        if checker is None:
            name = safe_name(name)  # from the stream: shown in findings and the coverage
        self._coverage.add(name, version)
        self._envelope(record, problems)
        if checker is None or type(version) is int:  # else: E003 says what version is
            problems.append(self._unknown(name, version, checker))
        if check_values:
            scan_unknown(record, problems, self.scanner)
        self._recorded_invalid(record, problems)
        return name

    def _coverage_summary(self) -> CoverageSummary:
        for name, count in self._counts.items():
            self._coverage.add(name, self._events[name].version, count)
        self._counts.clear()
        return self._coverage.summary()

    @staticmethod
    def _recorded_invalid(record: dict[str, Any], problems: list[Problem]) -> None:
        if "validation_errors" in record:
            problems.append((codes.RECORDED_INVALID, "validation_errors", _RECORDED_INVALID))

    def findings(self, stream: BinaryIO) -> Iterator[Finding]:
        """Check every line of ``stream`` (binary); yield findings in line order."""
        loads = orjson.loads
        decode_error = orjson.JSONDecodeError
        rate = self.sample
        every = rate >= 1
        values_on = self.value_checks
        checkers = self.checkers
        counts = self._counts
        by_code: dict[str, int] = {}
        errors = warnings = records = value_checked = lines = 0
        chained = False
        stopped_at: int | None = None
        problems: list[Problem] = []
        for line, raw, following in with_following(read_lines(stream, self.max_line_bytes)):
            lines = line
            event_name: str | None = None
            if raw is None:
                message = f"the line is longer than {self.max_line_bytes} bytes; skipped"
                problems.append((codes.NOT_JSON, "", message))
            else:
                try:
                    record = loads(raw)
                except decode_error as error:
                    record = stdlib_loads(raw)
                    if record is UNREADABLE:
                        if not raw.strip():
                            continue  # blank lines carry nothing
                        if torn(raw, following):
                            problems.append((codes.TORN, "", _TORN))
                        else:
                            problems.append((codes.NOT_JSON, "", _position(error)))
                if record is not UNREADABLE:
                    if type(record) is not dict:
                        problems.append((codes.NOT_JSON, "", _NOT_OBJECT))
                    elif is_control(record):
                        continue  # the chained log's notes about itself (`registry verify-log`)
                    else:
                        records += 1
                        if not chained and "hash" in record:
                            chained = True
                        check_values = values_on and (every or sampled(record, line, rate))
                        value_checked += check_values
                        if check_values:
                            self.scanner.begin(record)
                        hidden = duplicates(raw, record)
                        if hidden:
                            _duplicate_keys(
                                hidden, self.scanner if check_values else None, problems
                            )
                        name = record.get("event")
                        checker = checkers.get(name) if type(name) is str else None
                        if (
                            checker is not None
                            and record.get("version") == checker.version
                            and checker.quick(record)
                        ):  # the common case: a valid record of a declared event
                            event_name = checker.name
                            counts[event_name] = counts.get(event_name, 0) + 1
                            if check_values:
                                checker.scan(record, problems)
                        else:
                            record = exact_integers(raw, record)
                            event_name = self._check_record(record, check_values, problems)
            if not problems:
                continue
            for code, where, message in problems:
                finding = self._finding(line, code, where or None, message, event_name)
                by_code[code] = by_code.get(code, 0) + 1
                if finding.severity is Severity.ERROR:
                    errors += 1
                else:
                    warnings += 1
                yield finding
                if self.max_errors is not None and errors >= self.max_errors:
                    stopped_at = line
                    break
            problems.clear()
            if stopped_at is not None:
                break
        self._summary = Summary(
            lines=lines,
            records=records,
            value_checked=value_checked,
            errors=errors,
            warnings=warnings,
            by_code=tuple(sorted(by_code.items())),
            chained=chained,
            sample=rate,
            stopped_at=stopped_at,
            coverage=self._coverage_summary(),
        )


def _duplicate_keys(
    hidden: list[tuple[str, Any]], scanner: Scanner | None, problems: list[Problem]
) -> None:
    """E013 for every repeated key; the values it hides are scanned too (a reader that keeps
    the first value reads them)."""
    for key, value in hidden:
        shown = safe_key(key)
        problems.append(
            (
                codes.DUPLICATE_KEY,
                "",
                (
                    f"the key {shown} appears more than once in one object: readers that keep "
                    "the first value and readers that keep the last one see different records"
                ),
            )
        )
        if scanner is not None:
            scanner.any(value, f"{shown} (a value hidden by a duplicate key)", problems)


def _position(error: orjson.JSONDecodeError) -> str:
    """Where the JSON broke, without any of the line's text (it may hold personal data)."""
    return f"not JSON: invalid at column {error.colno}"

"""Rendering for `registry check-events`: text lines, or one JSON document written piece by
piece (findings are streamed, so a stream with millions of findings needs no memory for them).

Values are never rendered: findings carry masked renderings only (see `registry.privacy.leaks`).
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from registry.checkevents.coverage import CoverageSummary
from registry.checkevents.run import Summary
from registry.escape.terminal import annotation_data, annotation_property, plural, printable
from registry.findings import Finding


def text_finding(finding: Finding) -> str:
    """``path:line: CODE [severity] event field: message``."""
    subject = " ".join(part for part in (finding.event, finding.field) if part)
    about = f"{subject}: " if subject else ""
    return printable(
        f"{finding.path}:{finding.line}: {finding.rule} [{finding.severity}] "
        f"{about}{finding.message}"
    )


def github_finding(finding: Finding) -> str:
    """A GitHub Actions workflow command: ``::error file=...,line=...::...``."""
    subject = " ".join(part for part in (finding.event, finding.field) if part)
    about = f"{subject}: " if subject else ""
    return (
        f"::{finding.severity} file={annotation_property(finding.path)},line={finding.line},"
        f"title={annotation_property(finding.rule)}::"
        f"{annotation_data(f'{finding.rule} {about}{finding.message}')}"
    )


def text_summary(summary: Summary) -> str:
    lines = []
    coverage = summary.coverage
    seen = [count for count in coverage.seen if count.declared]
    lines.append(
        f"Coverage: {len(seen)} of {plural(coverage.declared, 'declared event', grouped=True)} seen; "
        f"{len(coverage.declared_never_seen)} never seen; "
        f"{len(coverage.seen_not_declared)} seen but not declared."
    )
    for count in coverage.seen:
        versions = ", ".join(f"v{version}: {n:,}" for version, n in count.versions)
        mark = (
            "  (not declared)"
            if not count.declared
            else "  (deprecated)"
            if count.deprecated
            else ""
        )
        lines.append(f"  {count.total:>10,}  {printable(count.event)}  [{versions}]{mark}")
    if coverage.other_undeclared_records:
        lines.append(
            f"  {coverage.other_undeclared_records:>10,}  (records of further undeclared events)"
        )
    if coverage.declared_never_seen:
        names = printable(", ".join(coverage.declared_never_seen))
        lines += textwrap.wrap(
            names,
            width=100,
            initial_indent="  never seen: ",
            subsequent_indent="    ",
            break_long_words=False,
            break_on_hyphens=False,
        )
    sampled = (
        ""
        if summary.value_checked == summary.records
        else f", value checks on {summary.value_checked:,} (sample {summary.sample:g})"
    )
    kind = "chained log" if summary.chained else "JSON Lines"
    scope = f"{plural(summary.records, 'record', grouped=True)} in {plural(summary.lines, 'line', grouped=True)}{sampled}"
    if summary.stopped_at is not None:
        lines.append(
            f"Stopped at line {summary.stopped_at:,} after {plural(summary.errors, 'error', grouped=True)} "
            f"(--max-errors)."
        )
    if summary.errors or summary.warnings:
        by_code = ", ".join(f"{code} x{n:,}" for code, n in summary.by_code)
        lines.append(
            f"Found {plural(summary.errors, 'error', grouped=True)} and {plural(summary.warnings, 'warning', grouped=True)}"
            f" ({by_code}) in {scope} ({kind})."
        )
    else:
        lines.append(f"All checks passed: {scope} ({kind}).")
    return "\n".join(lines) + "\n"


def coverage_record(coverage: CoverageSummary) -> dict[str, Any]:
    return {
        "declared": coverage.declared,
        "declared_never_seen": list(coverage.declared_never_seen),
        "seen_not_declared": list(coverage.seen_not_declared),
        "other_undeclared_records": coverage.other_undeclared_records,
        "seen_deprecated": list(coverage.seen_deprecated),
        "counts": {
            count.event: {
                "declared": count.declared,
                "deprecated": count.deprecated,
                "total": count.total,
                "versions": dict(count.versions),
            }
            for count in coverage.seen
        },
    }


def summary_record(summary: Summary) -> dict[str, Any]:
    return {
        "lines": summary.lines,
        "records": summary.records,
        "value_checked": summary.value_checked,
        "sample": summary.sample,
        "chained": summary.chained,
        "errors": summary.errors,
        "warnings": summary.warnings,
        "by_code": dict(summary.by_code),
        "stopped_at": summary.stopped_at,
    }


JSON_OPEN = '{\n  "findings": ['
"""The document's start; a finding per line follows, then `json_close`: the layout of
`json.dumps(..., indent=2)` with each finding on one line (`"findings": []` when none)."""


def json_finding(finding: Finding, first: bool) -> str:
    record = {key: value for key, value in finding.as_record().items() if key != "column"}
    return ("\n    " if first else ",\n    ") + json.dumps(record, ensure_ascii=False)


def json_close(summary: Summary, exit_code: int, *, findings: bool) -> str:
    tail = {
        "summary": summary_record(summary),
        "coverage": coverage_record(summary.coverage),
        "exit_code": exit_code,
    }
    body = json.dumps(tail, indent=2, ensure_ascii=False)
    return ("\n  ]," if findings else "],") + body[1:] + "\n"

"""Output formats for `registry diff`: text, json, github and markdown (a pull-request comment)."""

from __future__ import annotations

import json
from collections.abc import Callable

from registry.diff.changes import Change, ChangeKind, DiffResult
from registry.escape.markdown import md_escape
from registry.escape.terminal import annotation_data, annotation_property, plural, printable

TITLES = {
    ChangeKind.BREAKING: "Breaking changes",
    ChangeKind.PRIVACY: "Privacy-breaking changes",
    ChangeKind.NON_BREAKING: "Non-breaking changes",
}
ORDER = (ChangeKind.BREAKING, ChangeKind.PRIVACY, ChangeKind.NON_BREAKING)


def _summary(result: DiffResult) -> str:
    return (
        f"{plural(len(result.breaking), 'breaking change')}, "
        f"{plural(len(result.privacy), 'privacy-breaking change')}, "
        f"{len(result.non_breaking)} non-breaking (compatibility: {result.mode})."
    )


def _where(change: Change) -> str:
    return f"{change.path}:{change.line}:{change.column}"


def render_text(result: DiffResult) -> str:
    lines = []
    for kind in ORDER:
        changes = result.of_kind(kind)
        if not changes:
            continue
        lines.append(f"{TITLES[kind]}:")
        lines.extend(f"  {printable(_where(c))}: {c.code} {printable(c.message)}" for c in changes)
    lines.append(_summary(result) if result.changes else f"No changes ({result.mode}).")
    return "\n".join(lines) + "\n"


def render_json(result: DiffResult) -> str:
    document = {
        "compatibility": result.mode,
        "changes": [c.as_record() for c in result.changes],
        "summary": {
            "breaking": len(result.breaking),
            "privacy": len(result.privacy),
            "non_breaking": len(result.non_breaking),
            "base_events": result.base_events,
            "head_events": result.head_events,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_github(result: DiffResult) -> str:
    lines = []
    for c in result.changes:
        level = "notice" if c.kind is ChangeKind.NON_BREAKING else "error"
        lines.append(
            f"::{level} file={annotation_property(c.path)},line={c.line},col={c.column},"
            f"title={annotation_property(c.code)}::{annotation_data(f'{c.code} {c.message}')}"
        )
    return "\n".join(lines) + ("\n" if lines else "")


def _code(text: str | None) -> str:
    """A code span in a table cell; text that a code span cannot hold safely (a backtick, a
    pipe, a line break) is escaped as plain text instead."""
    if not text:
        return ""
    if any(char in text for char in "`|\n\r<>&"):
        return md_escape(text)
    return f"`{text}`"


def render_markdown(result: DiffResult) -> str:
    if result.breaking or result.privacy:
        verdict = "**This change breaks the audit-event contract.**"
    else:
        verdict = "No breaking changes."
    lines = ["## Audit catalog changes", "", f"{verdict} {_summary(result)}", ""]
    for kind in ORDER:
        changes = result.of_kind(kind)
        if not changes:
            continue
        lines += [
            f"### {TITLES[kind]} ({len(changes)})",
            "",
            "| Rule | Event | Field | Change | Location |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines.extend(
            f"| {c.code} | {_code(c.event)} | {_code(c.field)} "
            f"| {md_escape(c.message)} | {_code(_where(c))} |"
            for c in changes
        )
        lines.append("")
    return "\n".join(lines)


DIFF_FORMATTERS: dict[str, Callable[[DiffResult], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "markdown": render_markdown,
}

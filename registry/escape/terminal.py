"""Findings as lines of text for terminals and CI logs.

Paths, messages and event names can come from hostile input (a file name, a catalog value, an
event stream). Every place that prints a finding goes through here, so one finding is always
one line: no text can forge another finding, a GitHub Actions `::command` line, or move the
terminal's cursor.
"""

from __future__ import annotations

from registry.findings import Finding


def plural(count: int, word: str, *, grouped: bool = False) -> str:
    """`1 record`, `2 records` (`12,000 records` when ``grouped``): a count and its noun, as
    every summary line of every command says it."""
    number = f"{count:,}" if grouped else str(count)
    return f"{number} {word}{'s' * (count != 1)}"


def printable(text: str) -> str:
    """`text` with control, format and line-separator characters written as escapes."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


def finding_lines(finding: Finding, *, hint: bool = True) -> list[str]:
    """`path:line:col: CODE [severity] message`, then `    hint: ...` when there is one."""
    where = f"{printable(finding.path)}:{finding.line}:{finding.column}"
    lines = [f"{where}: {finding.rule} [{finding.severity}] {printable(finding.message)}"]
    if hint and finding.hint:
        lines.append(f"    hint: {printable(finding.hint)}")
    return lines


def annotation_data(value: str) -> str:
    """The message of a GitHub Actions workflow command (after `::`)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(value: str) -> str:
    """A property value of a workflow command (`file=...,title=...`)."""
    return annotation_data(value).replace(":", "%3A").replace(",", "%2C")

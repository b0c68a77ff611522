"""`path:line:col: CODE [severity] message`, a hint line, and a summary."""

from __future__ import annotations

from registry.escape.terminal import finding_lines
from registry.lint.engine import LintResult


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        lines.extend(finding_lines(f))
    scope = f"{_plural(result.files, 'file')}, {_plural(result.events, 'event')}"
    if result.findings:
        lines.append(
            f"Found {_plural(result.errors, 'error')} and "
            f"{_plural(result.warnings, 'warning')} ({scope})."
        )
    else:
        lines.append(f"All checks passed ({scope}).")
    return "\n".join(lines) + "\n"

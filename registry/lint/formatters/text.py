"""`path:line:col: CODE [severity] message`, a hint line, and a summary."""

from __future__ import annotations

from registry.escape.terminal import finding_lines, plural
from registry.lint.engine import LintResult


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        lines.extend(finding_lines(f))
    scope = f"{plural(result.files, 'file')}, {plural(result.events, 'event')}"
    if result.findings:
        lines.append(
            f"Found {plural(result.errors, 'error')} and "
            f"{plural(result.warnings, 'warning')} ({scope})."
        )
    else:
        lines.append(f"All checks passed ({scope}).")
    return "\n".join(lines) + "\n"

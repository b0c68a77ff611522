"""`path:line:col: CODE [severity] message`, a hint line, and a summary."""

from __future__ import annotations

from registry.engine import LintResult


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _printable(text: str) -> str:
    """`text` with control, format and line-separator characters as escapes: one finding is
    one line, and no file name or catalog text can forge another line (a CI system may read
    `::command` lines as commands) or move the terminal's cursor."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        lines.append(
            f"{_printable(f.path)}:{f.line}:{f.column}: {f.rule} [{f.severity}] "
            f"{_printable(f.message)}"
        )
        if f.hint:
            lines.append(f"    hint: {_printable(f.hint)}")
    scope = f"{_plural(result.files, 'file')}, {_plural(result.events, 'event')}"
    if result.findings:
        lines.append(
            f"Found {_plural(result.errors, 'error')} and "
            f"{_plural(result.warnings, 'warning')} ({scope})."
        )
    else:
        lines.append(f"All checks passed ({scope}).")
    return "\n".join(lines) + "\n"

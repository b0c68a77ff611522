"""GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding."""

from __future__ import annotations

from registry.engine import LintResult


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        message = f.message + (f" ({f.hint})" if f.hint else "")
        lines.append(
            f"::{f.severity} file={_property(f.path)},line={f.line},col={f.column},"
            f"title={_property(f.rule)}::{_data(f'{f.rule} {message}')}"
        )
    return "\n".join(lines) + ("\n" if lines else "")

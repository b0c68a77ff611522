"""GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding."""

from __future__ import annotations

from registry.escape.terminal import annotation_data, annotation_property
from registry.lint.engine import LintResult


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        message = f.message + (f" ({f.hint})" if f.hint else "")
        lines.append(
            f"::{f.severity} file={annotation_property(f.path)},line={f.line},col={f.column},"
            f"title={annotation_property(f.rule)}::{annotation_data(f'{f.rule} {message}')}"
        )
    return "\n".join(lines) + ("\n" if lines else "")

"""Output formats for lint results, by name."""

from __future__ import annotations

from collections.abc import Callable

from registry.lint.engine import LintResult
from registry.lint.formatters import github, json_format, sarif, text

Formatter = Callable[[LintResult], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
}

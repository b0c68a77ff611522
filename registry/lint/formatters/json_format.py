"""One JSON object: findings and a summary."""

from __future__ import annotations

import json

from registry.lint.engine import LintResult

KEYS = ("rule", "severity", "path", "line", "column", "event", "field", "message")


def render(result: LintResult) -> str:
    document = {
        "findings": [{k: f.as_record()[k] for k in KEYS} for f in result.findings],
        "summary": {
            "files": result.files,
            "events": result.events,
            "errors": result.errors,
            "warnings": result.warnings,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

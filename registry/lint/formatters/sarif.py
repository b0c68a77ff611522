"""SARIF 2.1.0 with the rule metadata of every rule that has a result."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from registry import __version__
from registry.findings import Severity
from registry.lint.engine import LintResult
from registry.lint.rules import by_code

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    """A URI reference for a path: percent-encoded, so a `:` cannot read as a scheme."""
    posix = path.replace("\\", "/")
    if re.match(r"^[A-Za-z]:/", posix):  # a Windows drive: an absolute file URI
        return "file:///" + posix[:2] + quote(posix[2:], safe="/")
    return quote(posix, safe="/")


def _sentence(text: str) -> str:
    """SARIF asks for messages made of complete sentences, ending with a period."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def render(result: LintResult) -> str:
    codes = sorted({f.rule for f in result.findings})
    rules = by_code()
    index = {code: i for i, code in enumerate(codes)}
    descriptors: list[dict[str, Any]] = []
    for code in codes:
        rule = rules.get(code)
        if rule is None:
            descriptors.append({"id": code})
            continue
        descriptors.append(
            {
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.docs.what},
                "help": {
                    "text": f"{rule.docs.what}\n\nWhy: {rule.docs.why}",
                    "markdown": f"{rule.docs.what}\n\n**Why:** {rule.docs.why}\n\n"
                    f"Run `registry explain {code}` for examples.",
                },
                "defaultConfiguration": {"level": _level(rule.severity)},
            }
        )
    results = []
    for f in result.findings:
        message = _sentence(f.message) + (f" Hint: {_sentence(f.hint)}" if f.hint else "")
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _level(f.severity),
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(f.path)},
                            "region": {
                                "startLine": max(f.line, 1),
                                "startColumn": max(f.column, 1),
                            },
                        }
                    }
                ],
            }
        )
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "registry",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

"""Which findings are reported, and at what severity: select/ignore, per-path ignores,
severity overrides and in-catalog suppressions (with a finding for unused ones)."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterable

from registry.catalog.config import Config, RuleSeverity
from registry.catalog.model import Catalog, Suppression, all_fields
from registry.findings import Finding, Severity, finding_at
from registry.findings.codes import UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION
from registry.lint.rules import by_code

UNSUPPRESSIBLE = ("L", "C")


def _longest(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


class Selector:
    """Decides per rule code: reported or not, and with which severity."""

    def __init__(
        self, config: Config, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()
    ) -> None:
        self._select = select or config.select or ("",)
        self._ignore = (*config.ignore, *ignore)
        self._config = config
        self._cache: dict[str, Severity | None] = {}

    def severity(self, code: str) -> Severity | None:
        """The severity to report `code` with, or None when it is not selected."""
        if code not in self._cache:
            self._cache[code] = self._decide(code)
        return self._cache[code]

    def _decide(self, code: str) -> Severity | None:
        selected = _longest(code, self._select)
        if selected < 0 or _longest(code, self._ignore) >= selected:
            return None
        rule = by_code().get(code)
        setting: RuleSeverity | None = self._config.rule_setting(code).severity
        if setting == "off":
            return None
        if isinstance(setting, Severity):
            return setting
        return rule.severity if rule is not None else Severity.ERROR

    def path_ignored(self, code: str, path: str) -> bool:
        return any(
            fnmatch.fnmatch(path, pattern) and any(code.startswith(c) for c in codes)
            for pattern, codes in self._config.per_path_ignores
        )


def infer_scope(finding: Finding) -> Finding:
    """Fill in event and field for schema and loader findings from their pointer."""
    pointer = finding.pointer
    if finding.event is not None or not pointer or pointer[0] != "events" or len(pointer) < 2:
        return finding
    event = str(pointer[1])
    field = str(pointer[3]) if len(pointer) > 3 and pointer[2] == "fields" else None
    return dataclasses.replace(finding, event=event, field=field)


def _scopes(catalog: Catalog) -> dict[tuple[str, str | None, str | None], tuple[Suppression, ...]]:
    scopes: dict[tuple[str, str | None, str | None], tuple[Suppression, ...]] = {}
    for file in catalog.files:
        if file.suppressions:
            scopes[(file.path, None, None)] = file.suppressions
    for event in catalog.events:
        path = event.origin.path
        if event.suppressions:
            scopes[(path, event.name, None)] = event.suppressions
        for field in all_fields(event.fields):
            if field.suppressions:
                scopes[(path, event.name, field.name)] = field.suppressions
    return scopes


def apply(findings: Iterable[Finding], catalog: Catalog, selector: Selector) -> list[Finding]:
    """Selected, re-severitied, unsuppressed findings, plus L001/L002 for the suppressions."""
    scopes = _scopes(catalog)
    used: set[int] = set()
    kept: list[Finding] = []
    for raw in findings:
        severity = selector.severity(raw.rule)
        if severity is None or selector.path_ignored(raw.rule, raw.path):
            continue
        finding = infer_scope(raw)
        if not finding.rule.startswith(UNSUPPRESSIBLE):
            match = _suppressed_by(finding, scopes)
            if match is not None:
                used.add(id(match))
                continue
        kept.append(
            finding
            if finding.severity is severity
            else dataclasses.replace(finding, severity=severity)
        )
    codes = by_code()
    for (_path, event, field), suppressions in scopes.items():
        for suppression in suppressions:
            if not any(code.startswith(suppression.rule) for code in codes):
                code = UNKNOWN_SUPPRESSION
                message = f"suppression names no known rule: {suppression.rule!r}"
            elif id(suppression) not in used:
                code = UNUSED_SUPPRESSION
                message = f"suppression of {suppression.rule} matched no finding"
            else:
                continue
            severity = selector.severity(code.id)
            if severity is None:
                continue
            kept.append(
                finding_at(
                    suppression.origin,
                    code,
                    message,
                    severity=severity,  # as configured, like every finding `apply` keeps
                    event=event,
                    field_name=field,
                    hint="remove it" if code is UNUSED_SUPPRESSION else None,
                )
            )
    return kept


def _suppressed_by(
    finding: Finding, scopes: dict[tuple[str, str | None, str | None], tuple[Suppression, ...]]
) -> Suppression | None:
    for scope in (
        (finding.path, finding.event, finding.field),
        (finding.path, finding.event, None),
        (finding.path, None, None),
    ):
        if scope[1] is None and scope != (finding.path, None, None):
            continue
        for suppression in scopes.get(scope, ()):
            if finding.rule.startswith(suppression.rule):
                return suppression
    return None

"""What a rule is: a finding code, its four-part docs and, for a lint rule, a check.

The code (`registry.findings.codes`) carries the id, name, summary and default severity; a
rule reads them from it, so that they are written once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from registry.catalog.config import Config
from registry.catalog.model import Catalog
from registry.findings import Finding, Severity
from registry.findings.codes import Code
from registry.findings.rule_docs import RuleDocs


@dataclass(frozen=True, slots=True)
class RuleContext:
    config: Config
    options: dict[str, Any]


Check = Callable[[Catalog, RuleContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    spec: Code
    """The code this rule reports: id, name, summary and default severity."""
    docs: RuleDocs
    check: Check | None = None
    """None for codes the loader, the schema check, the resolver, lint's suppression handling,
    the configuration loader or `registry diff` report."""
    options: tuple[tuple[str, Any], ...] = ()
    """Typed options with their defaults: (name, default)."""
    enabled: bool = True

    @property
    def code(self) -> str:
        """The id, such as "N003"."""
        return self.spec.id

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def summary(self) -> str:
        return self.spec.summary

    @property
    def severity(self) -> Severity:
        """The default severity (a configuration may override it)."""
        return self.spec.severity

    @property
    def family(self) -> str:
        return self.spec.family

    def option_defaults(self) -> dict[str, Any]:
        return dict(self.options)


__all__ = ["Check", "Rule", "RuleContext", "RuleDocs"]

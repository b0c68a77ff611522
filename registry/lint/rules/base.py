"""What a rule is: code, name, summary, default severity, four-part docs and a check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from registry.catalog.config import Config
from registry.catalog.model import Catalog
from registry.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class RuleDocs:
    """Ruff's four parts. `bad` and `good` are whole catalog files; tests lint them."""

    what: str
    why: str
    bad: str
    good: str


@dataclass(frozen=True, slots=True)
class RuleContext:
    config: Config
    options: dict[str, Any]


Check = Callable[[Catalog, RuleContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: Severity
    docs: RuleDocs
    check: Check | None = None
    """None for rules the loader, the schema check or the resolver report."""
    options: tuple[tuple[str, Any], ...] = ()
    """Typed options with their defaults: (name, default)."""
    enabled: bool = True

    @property
    def family(self) -> str:
        return self.code[0]

    def option_defaults(self) -> dict[str, Any]:
        return dict(self.options)

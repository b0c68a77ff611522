"""B rules (compatibility): the changes `registry diff` reports between two catalogs.

They have no `check`: `registry.diff.compare` produces them by comparing BASE and HEAD, not lint. They
live in three modules (events, fields, privacy); this one lists them in code order.
"""

from __future__ import annotations

from registry.lint.rules import b_events, b_fields, b_privacy
from registry.lint.rules.b_examples import split
from registry.lint.rules.base import Rule

RULES: tuple[Rule, ...] = tuple(
    sorted((*b_events.RULES, *b_fields.RULES, *b_privacy.RULES), key=lambda rule: rule.code)
)

__all__ = ["RULES", "split"]

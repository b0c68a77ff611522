"""The four-part docs of a finding code, as `registry explain` shows them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RuleDocs:
    """Ruff's four parts. `bad` and `good` are whole catalog files; tests lint them."""

    what: str
    why: str
    bad: str
    good: str

"""Run the selected lint rules over a resolved catalog, on two cores when that pays.

The rules are independent reads of one frozen catalog. On a large catalog (at least
`PARALLEL_MIN_FIELDS` field uses) a forked child runs every other rule on its
copy-on-write view of the catalog (see `registry.catalog.forking`). Findings come out in rule
order either way, so the result is identical to a serial run. The files a rule reads (noted with
`registry.catalog.loading.reads.note_read`) are noted in this process too, whichever
process ran the rule, so that the lint cache sees them.
"""

from __future__ import annotations

from pathlib import Path

from registry.catalog.config import Config
from registry.catalog.forking import map_in_two
from registry.catalog.identifiers import NAME_CACHE_SIZE
from registry.catalog.loading.reads import note_read, recording
from registry.catalog.model import Catalog
from registry.findings import Finding
from registry.lint.rules import LINT_RULES, RuleContext
from registry.lint.rules._common import forget_names
from registry.lint.rules.base import Rule
from registry.lint.selection import Selector

PARALLEL_MIN_FIELDS = 20_000
"""Below this many field uses a serial run is about as fast as forking (bench/run.py)."""


def run_rules(catalog: Catalog, config: Config, selector: Selector) -> list[Finding]:
    """Findings of every selected rule, in rule order."""
    rules = [rule for rule in LINT_RULES if selector.severity(rule.code) is not None]

    forget = len(catalog.events) > NAME_CACHE_SIZE

    def run(rule: Rule) -> list[Finding]:
        assert rule.check is not None
        options = {**rule.option_defaults(), **dict(config.rule_setting(rule.code).options)}
        found = list(rule.check(catalog, RuleContext(config, options)))
        if forget:  # the next rule would find none of these names (see `forget_names`)
            forget_names()
        return found

    if len(catalog.field_uses) < PARALLEL_MIN_FIELDS:
        return [finding for rule in rules for finding in run(rule)]

    def run_noting(rule: Rule) -> tuple[list[Finding], list[Path]]:
        with recording() as read:
            return run(rule), read

    found: list[Finding] = []
    for findings, read in map_in_two(run_noting, rules):
        found.extend(findings)
        for path in read:  # noted in the child: note them here too
            note_read(path)
    return found

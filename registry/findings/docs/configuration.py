"""Docs of the configuration codes (C001-C002): what each reports, why it matters, examples.

No lint rule checks them: the configuration loader (registry.catalog.config) reports them.
`registry explain` shows these docs; the bad and the good example are whole catalog files that
the tests lint.
"""

from __future__ import annotations

from typing import Final

from registry.findings import codes
from registry.findings.docs.examples import CATALOG
from registry.findings.rule_docs import RuleDocs

DOCS: Final[dict[codes.Code, RuleDocs]] = {
    codes.INVALID_CONFIG: RuleDocs(
        what=(
            "Reports configuration values of the wrong type or shape, unknown presets, rule "
            "codes that match no rule, and naming patterns that are not valid regular "
            "expressions. The run stops with exit code 2."
        ),
        why="A broken configuration would lint with settings nobody chose.",
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
    codes.UNKNOWN_CONFIG_KEY: RuleDocs(
        what=(
            "Warns about keys in `registry.yaml` or `[tool.registry]` that are not part of the "
            "configuration format."
        ),
        why=(
            "A misspelt option is otherwise ignored and the behaviour it should change stays as "
            "it was."
        ),
        bad="",  # not expressible as one catalog file; see tests
        good=CATALOG,
    ),
}

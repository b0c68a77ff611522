"""The docs of the codes that no lint rule checks, by code (a lint rule carries its own docs).

The loader, the schema check, the resolver, lint's suppression handling, the configuration
loader and `registry diff` report these codes; `registry.lint.rules` gives each of them a rule
without a check, so that `registry rules` and `registry explain` list every code.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from registry.findings import (
    docs_compatibility,
    docs_configuration,
    docs_directives,
    docs_loading,
    docs_resolve,
    docs_schema,
)
from registry.findings.codes import Code
from registry.findings.rule_docs import RuleDocs

DOCS: Final[Mapping[Code, RuleDocs]] = MappingProxyType(
    {
        **docs_loading.DOCS,
        **docs_schema.DOCS,
        **docs_resolve.DOCS,
        **docs_compatibility.DOCS,
        **docs_directives.DOCS,
        **docs_configuration.DOCS,
    }
)

__all__ = ["DOCS", "RuleDocs"]

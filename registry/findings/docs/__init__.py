"""The docs of the codes that no lint rule checks, by code (a lint rule carries its own docs).

The loader, the schema check, the resolver, lint's suppression handling, the configuration
loader and `registry diff` report these codes; `registry.lint.rules` gives each of them a rule
without a check, so that `registry rules` and `registry explain` list every code.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from registry.findings.codes import Code
from registry.findings.docs import (
    compatibility,
    configuration,
    directives,
    loading,
    resolve,
    schema,
)
from registry.findings.rule_docs import RuleDocs

DOCS: Final[Mapping[Code, RuleDocs]] = MappingProxyType(
    {
        **loading.DOCS,
        **schema.DOCS,
        **resolve.DOCS,
        **compatibility.DOCS,
        **directives.DOCS,
        **configuration.DOCS,
    }
)

__all__ = ["DOCS", "RuleDocs"]

"""The `sql` target: DDL for the envelope table and typed per-event views, one module per
dialect (`registry/generate/sql_<dialect>.py`, with `render(catalog, config, content_hash) ->
{path: text}`). Light on import: the CLI reads `DIALECTS` for its `--dialect` choice."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from registry.catalog.config import Config
    from registry.catalog.model import Catalog

DIALECTS: Final = {
    "duckdb": "registry.generate.sql_duckdb",
    "postgres": "registry.generate.sql_postgres",
}
"""Dialect name -> the module that renders it (imported when used)."""
DEFAULT_DIALECT: Final = "duckdb"


def render(catalog: Catalog, config: Config, content_hash: str, dialect: str) -> dict[str, str]:
    module = importlib.import_module(DIALECTS[dialect])
    files: dict[str, str] = module.render(catalog, config, content_hash)
    return files

"""The JSON Schemas (2020-12) that ship with the package: catalog format and configuration."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_schema(name: str) -> dict[str, Any]:
    """`catalog` or `config`."""
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_text(name: str) -> str:
    return resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8")

"""Catalogs for the coverage tests: the shipped baseline, whole or with events taken out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from registry.cli import main

from conftest import REPO

BASELINE = REPO / "catalog" / "security.yaml"


def baseline_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(BASELINE.read_text("utf-8"))
    return data


def baseline_without(directory: Path, *names: str) -> str:
    """The baseline catalog without `names`, written to directory/security.yaml."""
    data = baseline_data()
    for name in names:
        del data["events"][name]
    path = directory / "security.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return str(path)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["coverage", *args])


def report(*args: str) -> tuple[int, dict[str, Any]]:
    result = run(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def gaps(data: dict[str, Any]) -> list[str]:
    return [
        r["id"]
        for profile in data["profiles"]
        for r in profile["requirements"]
        if r["required"] and not r["covered"]
    ]

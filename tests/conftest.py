"""Shared helpers: lint a catalog given as text, with an optional configuration."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.catalog.config import Config, load_config
from registry.lint.engine import LintResult, lint
from registry.lint.rules import known_codes

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO / "corpora"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="Rewrite the golden files of the generator tests.")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def make_config(tmp_path: Path, config_yaml: str | None = None) -> Config:
    if config_yaml is None:
        return load_config(None, tmp_path, known_codes())
    path = tmp_path / "registry.yaml"
    path.write_text(config_yaml, encoding="utf-8")
    return load_config(str(path), tmp_path, known_codes())


def lint_text(
    tmp_path: Path,
    text: str,
    *,
    config_yaml: str | None = None,
    name: str = "catalog.yaml",
    parser: str | None = None,
    select: tuple[str, ...] = (),
) -> LintResult:
    """Write `text` to tmp_path/name and lint it from inside tmp_path."""
    import dataclasses

    (tmp_path / name).write_text(text, encoding="utf-8")
    config = make_config(tmp_path, config_yaml)
    if parser is not None:
        config = dataclasses.replace(config, parser=parser)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return lint((name,), config, select=select)
    finally:
        os.chdir(cwd)


def triples(result: LintResult, code: str | None = None) -> list[tuple[str, int, int]]:
    """(rule, line, column) of the findings, optionally of one code only."""
    return [
        (f.rule, f.line, f.column)
        for f in result.findings
        if code is None or f.rule == code
    ]


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(cwd)

"""What the commands share: exit codes, the `--config` and `--changelog-against` options, the
catalogs to read, and how a run stops on bad input. Light on import (the CLI imports it at
start-up)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from registry.catalog.config import Config
    from registry.catalog.load import Loaded
    from registry.findings import Finding
    from registry.findings.codes import KnownCodes

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: nearest registry.yaml or pyproject.toml [tool.registry]).",
)

changelog_option = click.option(
    "--changelog-against",
    "changelog_against",
    metavar="REV",
    default=None,
    help="Add a changelog: what changed since the catalogs at this git revision.",
)
"""For the commands that write docs (`generate markdown`, `generate html`, `build`)."""


def say_error(message: str) -> None:
    """`registry: message` on stderr, as one line."""
    from registry.escape.terminal import printable

    click.echo(f"registry: {printable(message)}", err=True)


def fail(message: str) -> NoReturn:
    """Stop with `registry: message` on stderr and exit code 2."""
    say_error(message)
    raise SystemExit(EXIT_ERROR)


def echo_findings(findings: Iterable[Finding], display: Callable[[str], str] = str) -> None:
    """Located findings on stderr, one line each (and their hints)."""
    import dataclasses

    from registry.escape.terminal import finding_lines

    for finding in findings:
        shown = dataclasses.replace(finding, path=display(finding.path))
        for line in finding_lines(shown):
            click.echo(line, err=True)


def load_config(config_path: str | None) -> Config:
    """The configuration (exit 2 with located errors when it is invalid); its warnings are
    printed on stderr."""
    from registry.catalog.config import load_config as load

    def known_codes() -> KnownCodes:  # imported only for a configuration that names codes
        from registry.lint.rules import known_codes

        return known_codes()

    config = load(config_path, Path.cwd(), known_codes)
    echo_findings(config.warnings)
    return config


def catalog_paths(paths: tuple[str, ...], config: Config) -> tuple[str, ...]:
    """The paths given, or the configuration's `catalogs` when none are."""
    if paths:
        return paths
    if not config.catalogs:
        raise click.UsageError(
            "no catalog paths given, and the configuration names none "
            "(set `catalogs` in registry.yaml)"
        )
    return tuple(relative_to_cwd(config.root / p) for p in config.catalogs)


def relative_to_cwd(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def stop_on_catalog_errors(
    loaded: Loaded, message: str, display: Callable[[str], str] = str
) -> None:
    """A catalog that did not load, validate or resolve cleanly cannot be compared, checked
    against or measured: print its errors (not those of built-in catalogs it includes, which
    are not the user's to fix) and stop with `message`."""
    from registry.findings import Severity

    builtin = {f.path for f in loaded.catalog.files if f.builtin}
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR and f.path not in builtin]
    if errors:
        echo_findings(sorted(loaded.locator.locate(errors)), display)
        fail(message)

"""`registry diff`: breaking changes between two versions of the catalogs.

Kept light on import (the CLI imports it at start-up): the loader, the diff and git reading
are imported inside the command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from registry.cli.common import (
    catalog_paths,
    config_option,
    fail,
    load_config,
    stop_on_catalog_errors,
)

if TYPE_CHECKING:
    from registry.catalog.config import Config
    from registry.catalog.load import Loaded

DIFF_FORMATS = ("text", "json", "github", "markdown")
COMPATIBILITY = ("backward", "forward", "full", "none")


@dataclass(frozen=True, slots=True)
class _Spec:
    """One side: a path in the working tree (rev None) or paths at a git revision."""

    paths: tuple[str, ...]
    rev: str | None = None


@dataclass(frozen=True, slots=True)
class _Side:
    loaded: Loaded
    display: Callable[[str], str]
    label: str


def _parse_side(spec: str, config: Config, cwd: Path) -> _Spec:
    from registry.catalog.gitread import is_revision

    if Path(spec).exists():
        return _Spec((spec,))
    rev, colon, path = spec.partition(":")
    if colon and rev and path and is_revision(rev, cwd):
        return _Spec((path,), rev)
    if not is_revision(spec, cwd):
        fail(f"{spec}: neither a catalog path nor a git revision")
    return _Spec(catalog_paths((), config), spec)


def _load(spec: _Spec, config: Config, cwd: Path, reuse_from: Loaded | None = None) -> _Side:
    """Load one side. BASE (loaded with `reuse_from`) may lack some paths at its revision:
    catalogs added since then are compared against nothing (every event added)."""
    from registry.catalog.gitread import load_at_revision
    from registry.catalog.load import load_catalog

    if spec.rev is None:
        loaded = load_catalog(spec.paths, config, reuse_from=reuse_from)
        return _Side(loaded, str, " ".join(spec.paths))
    side = load_at_revision(
        spec.rev, spec.paths, config, cwd, reuse_from=reuse_from, missing_ok=reuse_from is not None
    )
    return _Side(side.loaded, side.display, f"{spec.rev}:{' '.join(spec.paths)}")


def _check_loaded(side: _Side) -> None:
    """Catalogs with loading, schema or resolution errors cannot be compared."""
    stop_on_catalog_errors(
        side.loaded,
        f"{side.label}: the catalogs have errors; fix them (`registry lint`) before diffing",
        side.display,
    )


@click.command("diff")
@click.argument("sides", nargs=-1, metavar="BASE [HEAD] | PATHS...")
@click.option(
    "--against",
    metavar="REV",
    help="Compare PATHS in the working tree against PATHS at this git revision.",
)
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(DIFF_FORMATS),
    default=None,
    help="Output format (default: github on GitHub Actions, else text).",
)
@click.option(
    "--compatibility",
    type=click.Choice(COMPATIBILITY),
    default=None,
    help="Override the configured compatibility mode (default: backward).",
)
def diff(
    sides: tuple[str, ...],
    against: str | None,
    config_path: str | None,
    output_format: str | None,
    compatibility: str | None,
) -> None:
    """Report breaking changes between two versions of the catalogs.

    `registry diff BASE [HEAD]`: each side is a catalog path, a git revision (the configured
    `catalogs` at that revision) or REV:PATH; HEAD defaults to the working tree.
    `registry diff [PATHS...] --against REV`: PATHS in the working tree against PATHS at REV,
    read from git objects without a checkout.

    Exit codes: 0 no breaking change, 1 breaking or privacy-breaking changes, 2 errors.
    """
    from registry.catalog.load import collector_paused
    from registry.diff.compare import diff_catalogs, locate
    from registry.diff.formats import DIFF_FORMATTERS
    from registry.findings.errors import UsageError

    config = load_config(config_path)
    cwd = Path.cwd()
    try:
        if against is not None:
            paths = sides or catalog_paths((), config)
            base_spec, head_spec = _Spec(paths, against), _Spec(paths)
        else:
            if not 1 <= len(sides) <= 2:
                raise click.UsageError("give BASE [HEAD], or PATHS... with --against REV")
            base_spec = _parse_side(sides[0], config, cwd)
            if len(sides) == 2:
                head_spec = _parse_side(sides[1], config, cwd)
            elif base_spec.rev is not None:
                head_spec = _Spec(base_spec.paths)
            else:
                raise click.UsageError("BASE is a path: give HEAD too, or use --against REV")
        # HEAD first: BASE then reuses its events for files that did not change.
        head = _load(head_spec, config, cwd)
        _check_loaded(head)
        base = _load(base_spec, config, cwd, reuse_from=head.loaded)
    except UsageError as error:
        fail(str(error))
    _check_loaded(base)
    with collector_paused():  # two large models are alive: collections would walk them again
        result = diff_catalogs(base.loaded.catalog, head.loaded.catalog, config, mode=compatibility)
        result = locate(
            result,
            base.loaded.locator.position,
            head.loaded.locator.position,
            base.display,
            head.display,
        )
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    click.echo(DIFF_FORMATTERS[output_format](result), nl=False)
    sys.stdout.flush()
    raise SystemExit(result.exit_code)

"""`registry coverage`: which required security events a catalog has, per profile.

Kept light on import (the CLI imports it at start-up): the loader and the coverage
package are imported inside the command.
"""

from __future__ import annotations

import sys

import click

from registry.cli.common import (
    catalog_paths,
    config_option,
    fail,
    load_config,
    stop_on_catalog_errors,
)

COVERAGE_FORMATS = ("text", "json", "markdown")


@click.command("coverage")
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[CATALOG]...")
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    metavar="NAME",
    help="A shipped profile (baseline, owasp, pci-dss-4, iso27002-2013, nist-800-53-au2) "
    "or the path of a profile file; repeatable (default: baseline).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(COVERAGE_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@config_option
def coverage(
    paths: tuple[str, ...], profiles: tuple[str, ...], output_format: str, config_path: str | None
) -> None:
    """List, per requirement of each profile, the events that cover it and the gaps, with
    the baseline event to add for each gap.

    An event covers the requirements it lists in `covers:` (PROFILE:ITEM); an event without
    `covers:` covers those its category and outcomes match. Without CATALOG the
    configuration's `catalogs` are read.

    Exit codes: 0 every required item is covered, 1 a required item is not, 2 errors.
    """
    from registry.catalog.load import load_catalog
    from registry.coverage import ProfileError, load_profiles
    from registry.coverage import coverage as compute
    from registry.coverage.report import FORMATTERS

    config = load_config(config_path)
    paths = catalog_paths(paths, config)
    try:
        selected = load_profiles(profiles)
    except ProfileError as error:
        fail(str(error))
    loaded = load_catalog(paths, config)
    stop_on_catalog_errors(
        loaded, "the catalogs have errors; fix them (`registry lint`) before checking coverage"
    )
    report = compute(loaded.catalog, selected)
    click.echo(FORMATTERS[output_format](report), nl=False)
    sys.stdout.flush()
    raise SystemExit(report.exit_code)

"""`registry lint`: check catalogs (YAML, schema, references, naming, documentation).

Kept light on import (the CLI imports it at start-up): the loader, the rules and the
formatters are imported inside the command.
"""

from __future__ import annotations

import os
import sys

import click

from registry.cli.common import catalog_paths, config_option, load_config

FORMATS = ("text", "json", "github", "sarif")


def _codes(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())
    from registry.lint.rules import known_codes

    known = known_codes()
    for code in codes:
        if not any(k.startswith(code) for k in known):
            raise click.BadParameter(f"no rule matches {code!r} (see `registry rules`)")
    return codes


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path())
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: text, or github under GitHub Actions).",
)
@click.option(
    "--select",
    multiple=True,
    callback=_codes,
    metavar="CODES",
    help="Only these rule codes or prefixes (comma-separated, repeatable).",
)
@click.option(
    "--ignore",
    multiple=True,
    callback=_codes,
    metavar="CODES",
    help="Skip these rule codes or prefixes (comma-separated, repeatable).",
)
@click.option("--strict", is_flag=True, default=None, help="Fail on warnings too.")
@click.option(
    "--parser",
    type=click.Choice(("yaml-rs", "pyyaml")),
    default=None,
    help="YAML parser (default: yaml-rs; pyyaml is the slower reference).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the lint cache (.registry_cache/ beside the configuration).",
)
def lint(
    paths: tuple[str, ...],
    config_path: str | None,
    output_format: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool | None,
    parser: str | None,
    no_cache: bool,
) -> None:
    """Check catalogs: YAML, schema, references, naming and documentation.

    PATHS are catalog files or directories of *.yaml/*.yml files; without PATHS the
    `catalogs` of the configuration are linted.
    """
    import dataclasses

    from registry.lint.engine import lint as run_lint
    from registry.lint.formatters import FORMATTERS

    config = load_config(config_path)
    if parser is not None:
        config = dataclasses.replace(config, parser=parser)
    paths = catalog_paths(paths, config)
    if not no_cache:
        from registry.lint.engine import lint_cached as run_lint
    result = run_lint(paths, config, select=select, ignore=ignore, strict=strict)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    click.echo(FORMATTERS[output_format](result), nl=False)
    sys.stdout.flush()
    raise SystemExit(result.exit_code)

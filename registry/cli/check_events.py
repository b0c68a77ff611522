"""`registry check-events`: validate an emitted event stream against the catalog.

Kept light on import (the CLI imports it at start-up): the loader, the checker and orjson are
imported inside the command.
"""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

import click

from registry.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    fail,
    load_config,
    stop_on_catalog_errors,
)


def _sample(_ctx: click.Context, _param: click.Parameter, value: str | None) -> float:
    from registry.checkevents.run import parse_sample

    if value is None:
        return 1.0
    try:
        return parse_sample(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r}: {error}") from None


def _regions(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...]:
    from registry.privacy.phones import DEFAULT_REGIONS, parse_regions

    if value is None:
        return DEFAULT_REGIONS
    try:
        return parse_regions(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r}: {error}") from None


def _list_codes(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from registry.checkevents.codes import CODES

    for code in CODES:
        click.echo(f"{code.code}  {code.severity:<7}  {code.name:<30}  {code.summary}")
    ctx.exit(EXIT_CLEAN)


@click.command("check-events")
@click.argument("catalog", type=click.Path())
@click.argument("stream", metavar="FILE|URL|-", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json", "github")),
    default=None,
    help="Output format (default: text, or github annotations under GitHub Actions).",
)
@click.option(
    "--max-errors",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Stop after N error findings (exit 1).",
)
@click.option(
    "--sample",
    callback=_sample,
    metavar="RATE|N",
    help="Run the value (privacy) checks on a deterministic subset: a rate in (0, 1] or one "
    "record in N. Schema checks always cover every record.",
)
@click.option(
    "--region",
    "regions",
    callback=_regions,
    metavar="CC,CC",
    help="Regions whose national phone formats are recognised (ISO 3166 codes, e.g. GB,FR; "
    "default: 44 regions of every continent). Numbers written with + are recognised anyway.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--codes",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_list_codes,
    help="List the finding codes (E001-E029) and exit.",
)
@config_option
def check_events(
    catalog: str,
    stream: str,
    output_format: str | None,
    max_errors: int | None,
    sample: float,
    regions: tuple[str, ...],
    strict: bool,
    config_path: str | None,
) -> None:
    """Check an emitted event stream (JSON Lines, or the hash-chained log) against CATALOG.

    Every record is checked: known event and version, envelope, fields (required, declared,
    types, enums, patterns, lengths, ranges, redaction), and values in fields not tagged for
    personal data (e-mail and IP addresses, card numbers, IBANs, phone numbers, national
    identifiers, tokens and keys). Sensitive values are never printed, only masked. FILE `-`
    reads standard input. URL, a libpq URI postgresql://... or postgres://..., reads the table
    PostgresSink writes: audit_log, or the one a table=NAME parameter names
    ('postgresql://auditor@db.internal/app?table=audit.events'); errors never show a password
    (docs/postgres.md).

    Exit codes: 0 clean, 1 error findings (warnings too with --strict), 2 unusable input.
    """
    from pathlib import Path

    from registry.catalog.load import load_catalog
    from registry.checkevents import report
    from registry.checkevents.run import StreamCheck
    from registry.checkevents.scan import ScanOptions
    from registry.query.pg_source import open_log, source_name

    config = load_config(config_path)
    if not Path(catalog).exists():
        fail(f"{catalog}: no such catalog file or directory")
    loaded = load_catalog((catalog,), config)
    stop_on_catalog_errors(
        loaded, f"{catalog}: the catalog has errors; fix them (`registry lint`) first"
    )
    if not loaded.catalog.events:
        fail(f"{catalog}: the catalog declares no events")
    display = "<stdin>" if stream == "-" else source_name(stream)
    checker = StreamCheck(
        loaded.catalog,
        config,
        path=display,
        sample=sample,
        max_errors=max_errors,
        scan_options=ScanOptions(regions),
    )
    try:
        handle: BinaryIO = sys.stdin.buffer if stream == "-" else open_log(stream)
    except OSError as error:
        fail(f"cannot read {stream}: {error.strerror or error}")
        raise AssertionError from None  # unreachable
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    json_output = output_format == "json"
    render = report.github_finding if output_format == "github" else report.text_finding
    failing = 0
    try:
        if json_output:
            click.echo(report.JSON_OPEN, nl=False)
        first = True
        for finding in checker.findings(handle):
            if strict or finding.severity == "error":
                failing += 1
            if json_output:
                click.echo(report.json_finding(finding, first), nl=False)
                first = False
            else:
                click.echo(render(finding))
    except BrokenPipeError:
        raise  # the reader went away (`registry check-events ... | head`): click exits quietly
    except OSError as error:
        fail(f"cannot read {stream}: {error.strerror or error}")
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
    exit_code = EXIT_FINDINGS if failing else EXIT_CLEAN
    summary = checker.summary
    if json_output:
        click.echo(report.json_close(summary, exit_code, findings=not first), nl=False)
    else:
        click.echo(report.text_summary(summary), nl=False)
    sys.stdout.flush()
    raise SystemExit(exit_code)

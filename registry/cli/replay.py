"""`registry replay SPILL URL`: put a PostgresSink's spill file into its table, exactly once."""

from __future__ import annotations

import click

from registry.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from registry.cli.verify_log import DATABASE_SCHEMES


@click.command("replay")
@click.argument("spill", type=click.Path(exists=True, dir_okay=False))
@click.argument("url", metavar="URL")
@click.option(
    "--table", default="audit_log", show_default=True, help="The audit table to insert into."
)
@click.option(
    "--stream",
    default=None,
    help="The table stream the records are inserted on (default: a new one per run).",
)
def replay(spill: str, url: str, table: str, stream: str | None) -> None:
    """Insert the records of SPILL (written by PostgresSink with on_unavailable="spill")
    into the audit table at URL (postgresql:// or postgres://).

    The spill file is verified first: a damaged or tampered one is refused and nothing is
    inserted. Records whose id is already in the table are skipped, so running it twice (or
    again after an interruption) inserts each record once. The records are sealed again on a
    new stream of the table; the table and the spill file each still verify with
    `registry verify-log`. The connection takes the rest from libpq's usual places (a service
    file, PGPASSFILE, PG* variables); a password is never shown.

    Exit codes: 0 every record is in the table; 1 the spill file does not verify; 2 usage
    error, the database cannot be reached, or records could not be inserted (run it again).
    """
    from registry_runtime.errors import AuditConfigurationError, AuditError
    from registry_runtime.postgres_replay import SpillDamaged, replay_spill
    from registry_runtime.postgres_schema import table_name

    if not url.startswith(DATABASE_SCHEMES):
        raise click.BadParameter("must start with postgresql:// or postgres://", param_hint="URL")
    try:
        table_name(table)
    except AuditConfigurationError as error:
        raise click.BadParameter(str(error), param_hint="--table") from None
    try:
        result = replay_spill(spill, url, table=table, stream=stream)
    except SpillDamaged as error:
        click.echo(f"registry: {error}", err=True)
        raise SystemExit(EXIT_FINDINGS) from None
    except AuditError as error:
        click.echo(f"registry: {error}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    where = f" (stream {result.stream})" if result.stream else ""
    click.echo(
        f"{result.inserted} of {result.records} spilled records inserted into {table}{where}; "
        f"{result.present} already there."
    )
    raise SystemExit(EXIT_CLEAN)

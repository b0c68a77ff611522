"""`registry retain URL --months N`: drop a partitioned audit table's old months, recorded."""

from __future__ import annotations

import click

from registry.cli.common import EXIT_CLEAN, EXIT_ERROR
from registry.cli.verify_log import DATABASE_SCHEMES
from registry.escape.terminal import plural


@click.command("retain")
@click.argument("url", metavar="URL")
@click.option(
    "--months",
    type=click.IntRange(min=1),
    required=True,
    help="Keep this many whole months before the current one.",
)
@click.option(
    "--table", default="audit_log", show_default=True, help="The monthly-partitioned audit table."
)
def retain(url: str, months: int, table: str) -> None:
    """Drop the month partitions of the audit table at URL (postgresql:// or postgres://,
    as the table's owner) that end before the current UTC month minus --months months.

    In one transaction: the coming months are created, the event audit_log.retention_applied
    is written into the table (chained: the cutoff, the partitions, their record count and
    where each kept stream resumes), then the partitions are detached and dropped.
    `registry verify-log` still passes afterwards and says where each kept stream's retained
    range starts. The table must come from schema_monthly.sql (`registry generate sql
    --dialect postgres`). A password is never shown.

    Exit codes: 0 done (or nothing old enough); 2 usage error, the database cannot be
    reached, the table is not partitioned, or the role is not the table's owner.
    """
    from registry_runtime.errors import AuditConfigurationError, AuditError
    from registry_runtime.postgres import describe, load_psycopg, reason
    from registry_runtime.postgres_retention import RETENTION_EVENT, apply_retention
    from registry_runtime.postgres_schema import table_name

    if not url.startswith(DATABASE_SCHEMES):
        raise click.BadParameter("must start with postgresql:// or postgres://", param_hint="URL")
    try:
        table_name(table)
    except AuditConfigurationError as error:
        raise click.BadParameter(str(error), param_hint="--table") from None
    try:
        psycopg = load_psycopg()
    except AuditConfigurationError as error:
        click.echo(f"registry: {error}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    try:
        conn = psycopg.connect(url)
    except psycopg.Error as error:
        click.echo(f"registry: cannot connect to {describe(url)}: {reason(error, url)}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    try:
        with conn:
            result = apply_retention(conn, months, table=table)
    except AuditError as error:
        click.echo(f"registry: {error}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    if not result.partitions:
        click.echo(f"nothing to drop: no month of {table} ends before {result.cutoff}.")
    else:
        click.echo(
            f"dropped {plural(len(result.partitions), 'partition')} of {table} ending before "
            f"{result.cutoff} ({', '.join(result.partitions)}: "
            f"{plural(result.records, 'record')}), recorded as {RETENTION_EVENT} "
            f"{result.event_id}."
        )
    raise SystemExit(EXIT_CLEAN)

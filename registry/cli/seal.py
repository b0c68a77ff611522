"""`registry seal URL`: signed checkpoints of a PostgreSQL audit table's streams."""

from __future__ import annotations

import click

from registry.cli.common import EXIT_CLEAN, EXIT_ERROR
from registry.cli.verify_log import DATABASE_SCHEMES
from registry.escape.terminal import plural


@click.command("seal")
@click.argument("url", metavar="URL")
@click.option(
    "--key",
    "key_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Ed25519 private key (PEM) to sign with (default: $REGISTRY_AUDIT_SIGNING_KEY).",
)
@click.option("--table", default="audit_log", show_default=True, help="The audit table to seal.")
def seal(url: str, key_file: str | None, table: str) -> None:
    """Seal every stream of the audit table at URL (postgresql:// or postgres://): one signed
    checkpoint per stream over its committed records after its last checkpoint, written to
    TABLE_checkpoints in the format of a .checkpoints file.

    Run it every minute or so from a job that holds the signing key (the application's
    connections need no key: each bound connection is a stream of its own). `registry
    verify-log URL` checks the checkpoints. The connection takes the rest from libpq's
    usual places (a service file, PGPASSFILE, PG* variables); a password is never shown.

    Exit codes: 0 sealed (or nothing new); 2 usage error, unusable key, or the database
    cannot be reached or written.
    """
    from registry_runtime.errors import AuditConfigurationError, AuditError
    from registry_runtime.postgres import describe, load_psycopg, reason
    from registry_runtime.postgres_schema import checkpoint_table, table_name
    from registry_runtime.postgres_seal import seal_table
    from registry_runtime.signing import load_signer

    if not url.startswith(DATABASE_SCHEMES):
        raise click.BadParameter("must start with postgresql:// or postgres://", param_hint="URL")
    try:
        table_name(table)
    except AuditConfigurationError as error:
        raise click.BadParameter(str(error), param_hint="--table") from None
    try:
        signer = load_signer(key_file)
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
            lines = seal_table(conn, signer, table)
    except AuditError as error:
        click.echo(f"registry: {error}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    click.echo(
        f"{plural(len(lines), 'checkpoint')} written to {checkpoint_table(table)} "
        f"(key {signer.key_id})."
    )
    raise SystemExit(EXIT_CLEAN)

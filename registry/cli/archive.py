"""`registry archive LOG_OR_DIR... --to DIR`: chained logs as partitioned Parquet, proven first.

Kept light on import: DuckDB and the runtime's verifier are imported inside the command.
"""

from __future__ import annotations

import click

from registry.cli.common import EXIT_FINDINGS
from registry.escape.terminal import plural, printable

SHOWN = 10
"""Problems listed before a refusal (the rest are counted; `registry verify-log` lists all)."""


@click.command("archive")
@click.argument("logs", nargs=-1, required=True, metavar="LOG_OR_DIR...")
@click.option(
    "--to",
    "directory",
    required=True,
    type=click.Path(file_okay=False),
    help="The archive directory (created, or added to: records already there are skipped).",
)
@click.option(
    "--public-key",
    "public_keys",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Trusted Ed25519 public key (PEM) of the checkpoints; repeatable. Without it, the "
    "chain is checked but signatures are not (the manifest says unsigned).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Archive even when the chain is broken (the manifest records it).",
)
def archive(
    logs: tuple[str, ...], directory: str, public_keys: tuple[str, ...], force: bool
) -> None:
    """Archive chained audit logs as Parquet partitioned by tenant, date and event.

    The logs are verified first; a broken chain is refused unless --force. Each row keeps
    the stream, sequence number, hash and exact text of its record; the checkpoints are
    copied beside the records and manifest.json records what was archived. Archiving the
    same log again adds only records not yet archived. `registry query DIR` reads the
    archive; `registry query DIR --verify` proves its records.

    Exit codes: 0 archived; 1 refused: the chain is broken (nothing written); 2 usage
    error, unreadable input.
    """
    from registry.query.archive import archive as write_archive
    from registry.query.sources import find_sources
    from registry_runtime.errors import AuditConfigurationError
    from registry_runtime.signing import load_public_keys
    from registry_runtime.verify import verify_logs

    sources = find_sources(logs)
    try:
        keys = load_public_keys(public_keys) if public_keys else None
    except AuditConfigurationError as error:
        raise click.UsageError(str(error)) from None
    result = verify_logs(list(sources.jsonl), public_keys=keys)
    if not result.ok:
        for problem in result.problems[:SHOWN]:
            stream = f" (stream {problem.stream})" if problem.stream else ""
            click.echo(
                printable(
                    f"{problem.file}:{problem.line}: {problem.kind}: {problem.message}{stream}"
                ),
                err=True,
            )
        more = len(result.problems) + result.problems_left_off - SHOWN
        if more > 0:
            click.echo(f"... and {plural(more, 'more problem')}", err=True)
        if not force:
            click.echo(
                "registry: not archived: the chain is broken (registry verify-log lists every "
                "problem; --force archives anyway and says so in the manifest)",
                err=True,
            )
            raise SystemExit(EXIT_FINDINGS)
    batch = write_archive(sources, directory, result, forced=not result.ok)
    if not batch.number:
        click.echo(printable(f"nothing new to archive: {directory} has every record already"))
        return
    signed = "signed checkpoints checked" if keys is not None else "unsigned"
    verdict = "chain intact" if result.ok else "chain BROKEN, archived with --force"
    click.echo(
        printable(
            f"archived {plural(batch.rows, 'record', grouped=True)} "
            f"({plural(batch.control_rows, 'control record')}) of "
            f"{plural(len(batch.streams), 'stream')} to {directory} as batch {batch.number} "
            f"({verdict}; {signed})"
        )
    )

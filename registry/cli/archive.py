"""`registry archive LOG_OR_DIR... --to DIR`: chained logs as partitioned Parquet, proven first.

Kept light on import: DuckDB and the runtime's verifier are imported inside the command.
"""

from __future__ import annotations

from typing import NoReturn

import click

from registry.cli.common import EXIT_FINDINGS, say_error
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
    help="Archive even when the chain is broken or the logs do not continue the archived "
    "chain (the manifest records it).",
)
def archive(
    logs: tuple[str, ...], directory: str, public_keys: tuple[str, ...], force: bool
) -> None:
    """Archive chained audit logs as Parquet partitioned by tenant, date and event.

    The logs are verified first; a broken chain is refused unless --force. Each row keeps
    the stream, sequence number, hash and exact text of its record; the checkpoints are
    copied beside the records and manifest.json records what was archived. Archiving the
    same log again adds only records not yet archived, once the log is found to continue
    the archived chain. `registry query DIR` reads the archive; `registry query DIR
    --verify` proves its records. Layout, and reading it with Spark, Trino or Athena:
    docs/query.md.

    Exit codes: 0 archived (or nothing new); 1 refused: the chain is broken, or the logs
    do not continue the chain already archived (nothing written); 2 usage error,
    unreadable input, another run writing the archive.
    """
    from registry.query.archive import archive as write_archive
    from registry.query.archive import check_inputs
    from registry.query.sources import find_sources
    from registry_runtime.errors import AuditConfigurationError
    from registry_runtime.signing import load_public_keys
    from registry_runtime.verify import verify_logs

    sources = find_sources(logs)
    check_inputs(sources)
    try:
        keys = load_public_keys(public_keys) if public_keys else None
    except AuditConfigurationError as error:
        raise click.UsageError(str(error)) from None
    result = verify_logs(list(sources.jsonl), public_keys=keys)
    _say(
        [
            f"{problem.file}:{problem.line}: {problem.kind}: {problem.message}"
            + (f" (stream {problem.stream})" if problem.stream else "")
            for problem in result.problems
        ],
        result.problems_left_off,
    )
    if not result.ok and not force:
        _refuse("the chain is broken (registry verify-log lists every problem; ")
    batch = write_archive(sources, directory, result, force=force)
    _say([f"{directory}: stream {b.stream}: {b.message}" for b in batch.breaks])
    if batch.refused:
        _refuse(f"the logs do not continue the chain archived in {directory} (")
    if not batch.number:
        sealed = f" ({plural(batch.checkpoints, 'checkpoint')} added)" if batch.checkpoints else ""
        click.echo(
            printable(f"nothing new to archive: {directory} has every record already{sealed}")
        )
        return
    signed = "signed checkpoints checked" if keys is not None else "unsigned"
    broken = not result.ok or bool(batch.breaks)
    verdict = "chain BROKEN, archived with --force" if broken else "chain intact"
    click.echo(
        printable(
            f"archived {plural(batch.rows, 'record', grouped=True)} "
            f"({plural(batch.control_rows, 'control record')}) of "
            f"{plural(len(batch.streams), 'stream')} to {directory} as batch {batch.number} "
            f"({verdict}; {signed})"
        )
    )


def _say(problems: list[str], left_off: int = 0) -> None:
    """The first `SHOWN` problems on stderr, and how many more there are."""
    for line in problems[:SHOWN]:
        click.echo(printable(line), err=True)
    more = len(problems) + left_off - SHOWN
    if more > 0:
        click.echo(f"... and {plural(more, 'more problem')}", err=True)


def _refuse(why: str) -> NoReturn:
    say_error(f"not archived: {why}--force archives anyway and says so in the manifest)")
    raise SystemExit(EXIT_FINDINGS)

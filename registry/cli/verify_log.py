"""`registry verify-log`: check a hash-chained JSON Lines audit log written by the runtime."""

from __future__ import annotations

from pathlib import Path

import click

from registry.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS


@click.command("verify-log")
@click.argument("log", type=click.Path(dir_okay=False))
@click.option(
    "--head",
    "head",
    type=click.Path(dir_okay=False),
    default=None,
    help="Head file to check against (default: LOG.head when it exists).",
)
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text")
def verify_log(log: str, head: str | None, output_format: str) -> None:
    """Check a hash-chained JSON Lines audit log; report the first bad record.

    Exit 0 when the chain is intact, 1 when a record was edited, deleted, inserted,
    reordered or the log was truncated, 2 when the file cannot be read.
    """
    from registry_runtime.verify import verify_log as run_verify

    if not Path(log).is_file():
        raise click.UsageError(f"{log}: no such file")
    try:
        result = run_verify(log, head=head)
    except OSError as error:
        click.echo(f"registry: cannot read {log}: {error.strerror or error}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    if output_format == "json":
        import json

        click.echo(
            json.dumps(
                {
                    "ok": result.ok,
                    "records": result.records,
                    "last_hash": result.last_hash,
                    "problems": [
                        {"line": p.line, "kind": p.kind, "message": p.message}
                        for p in result.problems
                    ],
                },
                indent=2,
            )
        )
    else:
        for problem in result.problems:
            click.echo(f"{log}:{problem.line}: {problem.kind}: {problem.message}")
        verdict = "intact" if result.ok else "TAMPERED or damaged"
        click.echo(f"{result.records} records; chain {verdict}.")
    raise SystemExit(EXIT_CLEAN if result.ok else EXIT_FINDINGS)

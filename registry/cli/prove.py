"""`registry prove`: an inclusion proof of one record of a sealed audit log."""

from __future__ import annotations

import os
from typing import Final

import click

from registry.cli.common import EXIT_ERROR, EXIT_FINDINGS, fail, say_error
from registry.cli.verify_log import EXIT_UNSEALED

_EXIT: Final = {
    "bad_id": EXIT_ERROR,
    "not_found": EXIT_ERROR,
    "tampered": EXIT_FINDINGS,
    "unsealed": EXIT_UNSEALED,
}


@click.command("prove")
@click.argument(
    "logs", nargs=-1, required=True, type=click.Path(exists=True), metavar="LOG_OR_DIR..."
)
@click.option("--id", "record_id", required=True, metavar="UUID", help="The record's id.")
@click.option(
    "--checkpoints",
    "checkpoints",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Checkpoint file to use (default: LOG.checkpoints beside the log).",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the proof to this file (default: standard output).",
)
def prove(
    logs: tuple[str, ...], record_id: str, checkpoints: tuple[str, ...], out: str | None
) -> None:
    """Write an inclusion proof of the record with id UUID: the record's line, its Merkle
    audit path and the signed checkpoint sealing it, for `registry verify-proof` to check
    without the log.

    Exit codes: 0 proof written; 1 the log does not match its checkpoint, or the id is on
    several records (run `registry verify-log`); 2 usage error, unreadable file, or no record
    with the id; 3 the record is not sealed yet (after its stream's last checkpoint).
    """
    from registry_runtime.proof import ProofError, dumps
    from registry_runtime.proof import prove as build

    try:
        proof = build(list(logs), record_id, list(checkpoints) or None)
    except ProofError as error:
        say_error(str(error))
        raise SystemExit(_EXIT[error.kind]) from None
    data = dumps(proof)
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
    except OSError as error:
        fail(f"cannot write {out}: {error.strerror}")
    click.echo(f"proof of record {proof['seq']} of stream {proof['stream']} written to {out}")

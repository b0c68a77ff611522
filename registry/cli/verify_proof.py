"""`registry verify-proof`: check an inclusion proof of one record without the log."""

from __future__ import annotations

from typing import Any

import click

from registry.cli.common import EXIT_CLEAN, EXIT_FINDINGS, fail


@click.command("verify-proof")
@click.argument("proof_file", type=click.Path(dir_okay=False), metavar="PROOF")
@click.option(
    "--public-key",
    "public_keys",
    multiple=True,
    required=True,
    type=click.Path(dir_okay=False),
    help="Trusted Ed25519 public key (PEM); repeat for several (e.g. after a key rotation).",
)
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text")
def verify_proof(proof_file: str, public_keys: tuple[str, ...], output_format: str) -> None:
    """Check that the record in PROOF (written by `registry prove`) belongs to the sealed log:
    the checkpoint is signed by a trusted key, the record matches its own chain hash, its
    stream and sequence number lie in the checkpoint's range, and the audit path leads from it
    to the checkpoint's Merkle root. The log itself is not needed.

    Exit codes: 0 proven; 1 refuted (each reason printed); 2 usage error, unreadable proof or
    key.
    """
    from registry_runtime.errors import AuditConfigurationError
    from registry_runtime.proof import UnreadableProof, check_proof, read_proof
    from registry_runtime.signing import load_public_keys

    try:
        keys = load_public_keys(public_keys)
        verdict = check_proof(read_proof(proof_file), keys)
    except AuditConfigurationError as error:
        fail(str(error))
    except UnreadableProof as error:
        fail(f"{proof_file}: {error}")
    except OSError as error:
        fail(f"cannot read {error.filename or proof_file}: {error.strerror or error}")
    if output_format == "json":
        _print_json(verdict)
    else:
        _print_text(proof_file, verdict)
    raise SystemExit(EXIT_CLEAN if verdict.ok else EXIT_FINDINGS)


def _print_json(verdict: Any) -> None:
    import json

    sealed = verdict.checkpoint
    document = {
        "ok": verdict.ok,
        "stream": verdict.stream,
        "seq": verdict.seq,
        "checkpoint": None
        if sealed is None
        else {
            "stream": sealed.stream,
            "first": sealed.first,
            "last": sealed.last,
            "time": sealed.time,
            "key": sealed.key,
        },
        "problems": [{"kind": p.kind, "message": p.message} for p in verdict.problems],
    }
    click.echo(json.dumps(document, indent=2))


def _print_text(proof_file: str, verdict: Any) -> None:
    from registry.escape.terminal import printable as terminal

    for problem in verdict.problems:
        click.echo(terminal(f"{proof_file}: {problem.kind}: {problem.message}"))
    sealed = verdict.checkpoint
    if verdict.ok:
        click.echo(
            terminal(
                f"proven: record {verdict.seq} of stream {verdict.stream} is sealed by the "
                f"checkpoint of {sealed.time} (records {sealed.first} to {sealed.last}, "
                f"key {sealed.key})."
            )
        )
    else:
        click.echo("REFUTED: the proof does not show that the record belongs to the sealed log.")

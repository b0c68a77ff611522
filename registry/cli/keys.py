"""`registry keys generate`: the Ed25519 key pair that signs the audit log's checkpoints."""

from __future__ import annotations

import os
from pathlib import Path

import click

from registry.cli.common import EXIT_ERROR


@click.group("keys")
def keys() -> None:
    """Manage the keys that sign audit-log checkpoints."""


@click.command("generate")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    default=".",
    show_default=True,
    help="Directory to write the key pair to (created if missing).",
)
@click.option(
    "--name",
    "name",
    default="audit-signing",
    show_default=True,
    help="File name stem: NAME.pem (private, mode 0600) and NAME.pub.pem (public).",
)
def generate(out: str, name: str) -> None:
    """Write a new Ed25519 key pair in PEM and print its key id (never the key).

    The private key (NAME.pem, readable by its owner only) goes to the writer of the log
    (JsonLinesSink(signer=PATH), or $REGISTRY_AUDIT_SIGNING_KEY); the public key
    (NAME.pub.pem) to whoever verifies (`registry verify-log --public-key`). The key id is the
    first 16 bytes of sha256 of the raw public key, in hex. Existing files are never replaced.
    Exit codes: 0 written, 2 error.
    """
    from registry_runtime.errors import AuditConfigurationError
    from registry_runtime.signing import generate_key_pair

    if not name or "/" in name or name.startswith("."):
        raise click.BadParameter("a plain file name stem", param_hint="--name")
    directory = Path(out)
    private, public = directory / f"{name}.pem", directory / f"{name}.pub.pem"
    try:
        pair = generate_key_pair()
    except AuditConfigurationError as error:
        click.echo(f"registry: {error}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for path in (private, public):
            if path.exists():
                click.echo(f"registry: {path} exists; not replacing a key", err=True)
                raise SystemExit(EXIT_ERROR)
        _write_new(private, pair.private_pem, 0o600)
        _write_new(public, pair.public_pem, 0o644)
    except OSError as error:
        click.echo(f"registry: cannot write {error.filename or out}: {error.strerror}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    click.echo(f"private key: {private} (mode 0600; keep it with the writer, never commit it)")
    click.echo(f"public key:  {public}")
    click.echo(f"key id:      {pair.key_id}")


def _write_new(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(fd, mode)
        os.write(fd, data)
    finally:
        os.close(fd)


keys.add_command(generate)

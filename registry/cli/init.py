"""`registry init`: scaffold a project (configuration, a catalog on top of the security
baseline, a pre-commit hook and a CI workflow). The files are data in `registry/scaffold/`."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

EXIT_ERROR = 2


@click.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Replace files that exist already.")
def init(directory: str, force: bool) -> None:
    """Create registry.yaml, catalog/events.yaml (which includes the security baseline and
    holds one example event), .pre-commit-config.yaml and a GitHub Actions workflow in
    DIRECTORY (default: the current directory).

    Existing files are left alone (exit 2) unless --force is given. Nothing is written
    through a symbolic link, with or without --force: when DIR, a folder below it
    (catalog/, .github/ ...) or one of the files is a link, init names it, writes nothing
    and exits 2.
    """
    from registry.findings.errors import UsageError
    from registry.scaffold import scaffold

    root = Path(directory)
    try:
        result = scaffold(root, force=force)
    except UsageError as error:
        click.echo(f"registry: {error}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    for path in result.written:
        verb = "replaced" if path in result.replaced else "wrote"
        click.echo(f"{verb} {path}")
    where = "" if root == Path(".") else f"cd {shlex.quote(directory)} && "
    click.echo(
        "\nNext: add your events to catalog/events.yaml, then\n"
        f"  {where}registry lint && registry coverage\n"
        "and `pre-commit install` to lint on every commit."
    )

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
    click.echo(next_steps(directory, root))


def next_steps(directory: str, root: Path) -> str:
    """Numbered and short: what to do now, and what to change before the first push (the
    workflow installs a pinned audit-registry from the package index)."""
    from registry.scaffold import WORKFLOW
    from registry.scaffold.install import GIT_PLACEHOLDER, WHEELS, install_lines

    lines = install_lines()
    where = "" if root == Path(".") else f"cd {shlex.quote(directory)} && "
    alternatives = "\n".join(
        f"       {command}" for command in (*lines.from_git, lines.from_wheels)
    )
    return (
        "\nNext steps:\n"
        "  1. Add your events to catalog/events.yaml, then check them:\n"
        f"       {where}registry lint && registry coverage\n"
        f"  2. Before the first push: {WORKFLOW} runs\n"
        f"       {lines.pinned}\n"
        "     which fails until that version is on your package index. Until then, replace it\n"
        f"     with the two git lines (your repository's host and owner for {GIT_PLACEHOLDER})\n"
        f"     or the wheels line (commit both wheels, the tool's and the runtime's, to {WHEELS}):\n"
        f"{alternatives}\n"
        "  3. Run `pre-commit install` to lint the catalogs on every commit."
    )

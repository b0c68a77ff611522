"""`registry schema`: the JSON Schema of the catalog format or of the configuration."""

from __future__ import annotations

import click


@click.command("schema")
@click.option("--config", "which", flag_value="config", help="Print the configuration schema.")
@click.option(
    "--catalog",
    "which",
    flag_value="catalog",
    default=True,
    help="Print the catalog schema (default).",
)
def schema(which: str) -> None:
    """Print the JSON Schema (2020-12) of the catalog format, for editors and other tools."""
    from registry.catalog.schema import schema_text

    click.echo(schema_text(which), nl=False)

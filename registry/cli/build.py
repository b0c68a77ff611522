"""`registry build`: lint, then every target into one output directory.

Kept light on import (the CLI imports it at start-up): the loader, the lint and the targets
are imported inside the command. The work is `registry.generate.build`; this prints it.
"""

from __future__ import annotations

from pathlib import Path

import click

from registry.cli.common import (
    EXIT_FINDINGS,
    catalog_paths,
    changelog_option,
    config_option,
    load_config,
    relative_to_cwd,
)


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--out",
    "out",
    default="build",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Directory for everything generated.",
)
@click.option(
    "--package",
    default="audit_events",
    show_default=True,
    help="Name of the generated Python package.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when anything is stale.")
@config_option
@changelog_option
def build(
    paths: tuple[str, ...],
    out: str,
    package: str,
    check: bool,
    config_path: str | None,
    changelog_against: str | None,
) -> None:
    """Lint, then generate everything: OUT/<package> (emitters), OUT/schemas and the docs
    (OUT/docs/markdown, OUT/docs/html), then the template packs of the configuration's
    `templates:`, each into its own `out` (docs/templates.md).

    Stops before generating when the lint finds errors.
    """
    from registry.cli.generate import pack_errors_stop
    from registry.generate.build import build as run_build
    from registry.generate.build import load_packs
    from registry.lint.engine import lint as run_lint
    from registry.lint.formatters import FORMATTERS

    config = load_config(config_path)
    paths = catalog_paths(paths, config)
    with pack_errors_stop():
        packs = load_packs(config, relative_to_cwd)
    linted = run_lint(paths, config)  # loaded once; every target renders from it
    click.echo(FORMATTERS["text"](linted), nl=False)
    with pack_errors_stop():
        result = run_build(
            linted,
            paths,
            config,
            Path(out),
            check=check,
            package=package,
            changelog_against=changelog_against,
            packs=packs,
        )
    if result.stopped:
        click.echo("registry: build stopped: fix the lint errors first", err=True)
        raise SystemExit(EXIT_FINDINGS)
    for output in result.outputs:
        for path in output.written.written:
            click.echo(f"wrote {output.directory / path}")
        for path in output.written.removed:
            click.echo(f"removed {output.directory / path}")
    if check and result.stale:
        for stale in result.stale:
            click.echo(f"{stale}: stale")
        raise SystemExit(EXIT_FINDINGS)
    what = f"{result.events} event{'s' * (result.events != 1)}"
    if result.builtin_events:
        what += f" ({result.builtin_events} from built-in catalogs)"
    root = Path(out)
    click.echo(f"Built {what} into {root / package}, {root / 'schemas'} and {root / 'docs'}.")
    if packs:
        click.echo("Template packs into " + ", ".join(str(p.out) for p in packs) + ".")

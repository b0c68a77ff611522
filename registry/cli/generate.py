"""`registry generate TARGET`: one target (python, typescript, jsonschema, markdown, html, sql)
from catalogs; `registry generate --templates DIR`: a template pack, and `registry generate
templates`: the configuration's packs; `registry generate model`: the view model packs see.

Kept light on import (the CLI imports it at start-up): the loader and the targets are
imported inside the commands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from registry.cli.common import (
    EXIT_FINDINGS,
    catalog_paths,
    changelog_option,
    config_option,
    fail,
    load_config,
    relative_to_cwd,
)
from registry.escape.terminal import printable
from registry.generate.sql_target import DEFAULT_DIALECT, DIALECTS

if TYPE_CHECKING:
    from registry.generate.packs.manifest import Pack
    from registry.lint.engine import LintResult

F = TypeVar("F", bound=Callable[..., Any])


TEMPLATES = "templates"
"""The command `registry generate --templates DIR ...` runs (and `registry generate templates`
without the option: the configuration's packs)."""


class GenerateGroup(click.Group):
    """`registry generate --templates DIR ...` is the pack command: the option names it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        named = any(a == "--templates" or a.startswith("--templates=") for a in args)
        if named and args[0] not in self.commands:
            args = [TEMPLATES, *args]
        return super().parse_args(ctx, args)


@click.group("generate", cls=GenerateGroup)
def generate() -> None:
    """Generate code or schemas from catalogs (deterministic; --check for CI).

    `registry generate --templates DIR CATALOG... --out OUT` renders the template pack in DIR
    (docs/templates.md), `registry generate templates` the packs of the configuration's
    `templates:`; `registry generate model CATALOG...` prints the view model their templates
    see.
    """


def _generate_options(*, out_required: bool = True) -> Callable[[F], F]:
    def decorate(function: F) -> F:
        function = click.option(
            "--check", is_flag=True, help="Write nothing; exit 1 listing files that are stale."
        )(function)
        function = config_option(function)
        function = click.option(
            "--out",
            "out",
            required=out_required,
            type=click.Path(file_okay=False),
            help="Directory to write into."
            if out_required
            else "Directory to write into (with --templates DIR).",
        )(function)
        return click.argument("paths", nargs=-1, type=click.Path())(function)

    return decorate


def _run_generate(
    target: str,
    paths: tuple[str, ...],
    out: str,
    config_path: str | None,
    check: bool,
    package: str | None = None,
    changelog_against: str | None = None,
    dialect: str | None = None,
    templates: str | None = None,
) -> None:
    from registry.generate.run import generate as run_generate

    config = load_config(config_path)
    paths = catalog_paths(paths, config)
    pack = _load_pack(templates) if templates is not None else None
    with pack_errors_stop():
        result = run_generate(
            target,
            paths,
            config,
            Path(out),
            check=check,
            package=package,
            changelog_against=changelog_against,
            dialect=dialect,
            pack=pack,
        )
    shown = f"the pack {templates}" if templates is not None else target
    if result.blocking:
        _stop_on_blocking(result.lint, shown)
    written = result.written
    assert written is not None
    if check:
        if written.stale:
            for path in written.stale:
                click.echo(f"{Path(out) / path}: stale")
            click.echo(
                f"{len(written.stale)} generated file(s) are out of date; run "
                f"`registry generate {_again(target, templates)}` again."
            )
            raise SystemExit(EXIT_FINDINGS)
        click.echo(f"Generated {shown} in {out} is up to date.")
        return
    for path in written.written:
        click.echo(f"wrote {Path(out) / path}")
    for path in written.removed:
        click.echo(f"removed {Path(out) / path}")
    if not written.written and not written.removed:
        click.echo(f"Generated {shown} in {out} is up to date.")


def _again(target: str, templates: str | None) -> str:
    return f"--templates {templates}" if templates is not None else target


def _load_pack(templates: str) -> Pack:
    from registry.generate.packs.manifest import load_pack

    with pack_errors_stop():
        return load_pack(templates)


@contextmanager
def pack_errors_stop() -> Iterator[None]:
    """Run the block; when it raises a template pack's errors, print their problems, one
    located line each on stderr, then exit 2 (`registry build` uses it too). Any other error
    goes on as it was raised."""
    try:
        yield
    except Exception as error:
        from registry.generate.packs.manifest import PackError  # imported only when needed

        if not isinstance(error, PackError):
            raise
        for problem in error.problems:
            click.echo(printable(problem), err=True)
        fail("the template pack has errors (see docs/templates.md)")


def _stop_on_blocking(result: LintResult, target: str) -> NoReturn:
    from registry.lint.formatters import FORMATTERS

    click.echo(FORMATTERS["text"](result), nl=False, err=True)
    click.echo(f"registry: not generating {target}: fix the errors above first", err=True)
    raise SystemExit(EXIT_FINDINGS)


@generate.command(TEMPLATES)
@_generate_options(out_required=False)
@click.option(
    "--templates",
    "templates",
    default=None,
    type=click.Path(file_okay=False),
    help="The template pack: a directory with a pack.yaml (docs/templates.md); without it, "
    "the packs of `templates:` in the configuration.",
)
def generate_templates(
    paths: tuple[str, ...],
    out: str | None,
    config_path: str | None,
    check: bool,
    templates: str | None,
) -> None:
    """Render template packs: `--templates DIR --out OUT` renders that pack; without the
    option, every pack of `templates:` in the configuration renders into its own `out`
    (paths relative to the configuration file; docs/templates.md).

    Exit codes: 0 written or up to date; 1 --check found stale files, or the catalog has
    blocking errors; 2 a pack has errors, or usage errors.
    """
    if templates is not None:
        if out is None:
            raise click.UsageError("--templates DIR needs --out OUT")
        _run_generate(TEMPLATES, paths, out, config_path, check, templates=templates)
        return
    if out is not None:
        raise click.UsageError(
            "--out goes with --templates DIR (the configured packs render into their own `out`)"
        )
    _run_configured_packs(paths, config_path, check)


def _run_configured_packs(paths: tuple[str, ...], config_path: str | None, check: bool) -> None:
    from registry.generate.build import generate_packs, load_packs

    config = load_config(config_path)
    if not config.templates:
        raise click.UsageError(
            "no template pack: give --templates DIR --out OUT, or list packs under "
            "`templates:` in the configuration (docs/templates.md)"
        )
    paths = catalog_paths(paths, config)
    with pack_errors_stop():
        packs = load_packs(config, relative_to_cwd)
        result = generate_packs(paths, config, packs, check=check)
    if result.blocking:
        _stop_on_blocking(result.lint, "the template packs")
    places = ", ".join(str(output.directory) for output in result.outputs)
    if check:
        stale = [o.directory / p for o in result.outputs for p in o.written.stale]
        for stale_path in stale:
            click.echo(f"{stale_path}: stale")
        if stale:
            click.echo(
                f"{len(stale)} generated file(s) are out of date; run "
                "`registry generate templates` again."
            )
            raise SystemExit(EXIT_FINDINGS)
        click.echo(f"Generated template packs in {places} are up to date.")
        return
    changed = False
    for output in result.outputs:
        for path in output.written.written:
            click.echo(f"wrote {output.directory / path}")
        for path in output.written.removed:
            click.echo(f"removed {output.directory / path}")
        changed = changed or bool(output.written.written or output.written.removed)
    if not changed:
        click.echo(f"Generated template packs in {places} are up to date.")


@generate.command("model")
@click.argument("paths", nargs=-1, type=click.Path())
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="How to print the view model.",
)
def generate_model(paths: tuple[str, ...], config_path: str | None, output_format: str) -> None:
    """Print the view model template packs see (versioned; docs/templates.md)."""
    from registry.generate.packs.model import model_json
    from registry.generate.run import Inputs, blocking_findings, lint_blocking

    config = load_config(config_path)
    result = lint_blocking(catalog_paths(paths, config), config)
    if blocking_findings(result):
        _stop_on_blocking(result, "the view model")
    click.echo(model_json(Inputs.of(result, config, None, None).view()), nl=False)


@generate.command("python")
@_generate_options()
@click.option(
    "--package", default="audit_events", show_default=True, help="Name of the generated package."
)
def generate_python(
    paths: tuple[str, ...], out: str, config_path: str | None, check: bool, package: str
) -> None:
    """Typed emitters: a dataclass and a facade method per event."""
    _run_generate("python", paths, out, config_path, check, package)


@generate.command("typescript")
@_generate_options()
@click.option(
    "--package", default="audit-events", show_default=True, help="npm name of the package."
)
def generate_typescript(
    paths: tuple[str, ...], out: str, config_path: str | None, check: bool, package: str
) -> None:
    """Typed TypeScript emitters: an npm package (Node 18+, no dependencies); docs/typescript.md."""
    _run_generate("typescript", paths, out, config_path, check, package)


@generate.command("jsonschema")
@_generate_options()
def generate_jsonschema(
    paths: tuple[str, ...], out: str, config_path: str | None, check: bool
) -> None:
    """One JSON Schema per event for the records the emitters write."""
    _run_generate("jsonschema", paths, out, config_path, check)


@generate.command("markdown")
@_generate_options()
@changelog_option
def generate_markdown(
    paths: tuple[str, ...],
    out: str,
    config_path: str | None,
    check: bool,
    changelog_against: str | None,
) -> None:
    """Markdown docs: an index, a page per domain and the rules reference (GitHub, MkDocs)."""
    _run_generate("markdown", paths, out, config_path, check, None, changelog_against)


@generate.command("html")
@_generate_options()
@changelog_option
def generate_html(
    paths: tuple[str, ...],
    out: str,
    config_path: str | None,
    check: bool,
    changelog_against: str | None,
) -> None:
    """A self-contained HTML page with search, filters and the taxonomy at a glance."""
    _run_generate("html", paths, out, config_path, check, None, changelog_against)


@generate.command("sql")
@_generate_options()
@click.option(
    "--dialect",
    type=click.Choice(tuple(DIALECTS)),
    default=DEFAULT_DIALECT,
    show_default=True,
    help="SQL dialect of the DDL.",
)
def generate_sql(
    paths: tuple[str, ...], out: str, config_path: str | None, check: bool, dialect: str
) -> None:
    """DDL: envelope.sql and views.sql (duckdb), or schema.sql and schema_monthly.sql.

    duckdb (the default): envelope.sql declares the records table, views.sql one typed view
    per event (comments name sensitivity). postgres: both schema.sql, the audit table
    PostgresSink writes, and schema_monthly.sql, the same table partitioned by month (which
    `registry retention` needs); apply one of the two (docs/postgres.md).
    """
    _run_generate("sql", paths, out, config_path, check, dialect=dialect)

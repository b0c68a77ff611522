"""The `registry` command. Thin: parse options, call the library, print, exit.

Heavy modules (the loader, jsonschema, the rules) are imported inside commands so that
`registry --version` and `registry --help` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from registry import __version__
from registry.cli.check_events import check_events as check_events_command
from registry.cli.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    catalog_paths,
    config_option,
    echo_findings,
    fail,
    load_config,
    say_error,
)
from registry.cli.coverage import coverage as coverage_command
from registry.cli.diff import diff as diff_command
from registry.cli.init import init as init_command

FORMATS = ("text", "json", "github", "sarif")
F = TypeVar("F", bound=Callable[..., Any])


class RegistryGroup(click.Group):
    """Turns unexpected exceptions into a message and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            raise  # the reader went away (`registry lint | head`): click exits quietly
        except Exception as error:
            from registry.findings.errors import ConfigError, RegistryError

            if isinstance(error, ConfigError):
                say_error(str(error))
                echo_findings(error.findings)
                ctx.exit(EXIT_ERROR)
            if isinstance(error, RegistryError):
                fail(str(error))
            if isinstance(error, OSError) and not os.environ.get("REGISTRY_DEBUG"):
                # The file system said no (permissions, full disk): not a bug to report.
                where = f"{error.filename}: " if error.filename else ""
                fail(f"{where}{error.strerror or error}")
            if os.environ.get("REGISTRY_DEBUG"):
                raise
            say_error(f"internal error: {type(error).__name__}: {error}")
            click.echo(
                "Please report this with the input that caused it "
                "(set REGISTRY_DEBUG=1 for a traceback).",
                err=True,
            )
            ctx.exit(EXIT_ERROR)


def _codes(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())
    from registry.lint.rules import known_codes

    known = known_codes()
    for code in codes:
        if not any(k.startswith(code) for k in known):
            raise click.BadParameter(f"no rule matches {code!r} (see `registry rules`)")
    return codes


@click.group(cls=RegistryGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="registry")
def main() -> None:
    """Lint audit-event catalogs and generate code and docs from them.

    Exit codes: 0 clean, 1 findings at the failing severity, 2 usage,
    configuration or internal error.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: text, or github under GitHub Actions).",
)
@click.option(
    "--select",
    multiple=True,
    callback=_codes,
    metavar="CODES",
    help="Only these rule codes or prefixes (comma-separated, repeatable).",
)
@click.option(
    "--ignore",
    multiple=True,
    callback=_codes,
    metavar="CODES",
    help="Skip these rule codes or prefixes (comma-separated, repeatable).",
)
@click.option("--strict", is_flag=True, default=None, help="Fail on warnings too.")
@click.option(
    "--parser",
    type=click.Choice(("yaml-rs", "pyyaml")),
    default=None,
    help="YAML parser (default: yaml-rs; pyyaml is the slower reference).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the lint cache (.registry_cache/ beside the configuration).",
)
def lint(
    paths: tuple[str, ...],
    config_path: str | None,
    output_format: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool | None,
    parser: str | None,
    no_cache: bool,
) -> None:
    """Check catalogs: YAML, schema, references, naming and documentation.

    PATHS are catalog files or directories of *.yaml/*.yml files; without PATHS the
    `catalogs` of the configuration are linted.
    """
    import dataclasses

    from registry.lint.engine import lint as run_lint
    from registry.lint.formatters import FORMATTERS

    config = load_config(config_path)
    if parser is not None:
        config = dataclasses.replace(config, parser=parser)
    paths = catalog_paths(paths, config)
    if not no_cache:
        from registry.lint.engine import lint_cached as run_lint
    result = run_lint(paths, config, select=select, ignore=ignore, strict=strict)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    click.echo(FORMATTERS[output_format](result), nl=False)
    sys.stdout.flush()
    raise SystemExit(result.exit_code)


@main.command()
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text")
def rules(output_format: str) -> None:
    """List every rule with its code, default severity and summary."""
    from registry.lint.rules import ALL_RULES

    if output_format == "json":
        import json

        click.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": str(r.severity),
                        "summary": r.summary,
                        "what": r.docs.what,
                        "why": r.docs.why,
                        "bad": r.docs.bad,
                        "good": r.docs.good,
                    }
                    for r in ALL_RULES
                ],
                indent=2,
            )
        )
        return
    for rule in ALL_RULES:
        click.echo(f"{rule.code}  {rule.severity:<7}  {rule.name:<36}  {rule.summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show what a rule checks, why it matters, and a bad and a good example."""
    from registry.lint.rules import get

    rule = get(code)
    if rule is None:
        raise click.BadParameter(f"no rule {code!r} (see `registry rules`)", param_hint="CODE")
    parts = [
        f"{rule.code} {rule.name} ({rule.severity})",
        "",
        rule.summary,
        "",
        "What it does",
        _indent(rule.docs.what),
        "",
        "Why it matters",
        _indent(rule.docs.why),
    ]
    if rule.docs.bad:
        parts += ["", "Example", _indent(rule.docs.bad.rstrip("\n"))]
    parts += ["", "Use instead", _indent(rule.docs.good.rstrip("\n"))]
    if rule.options:
        parts += ["", "Options (rules: {" + rule.code + ": {options: ...}})"]
        parts += [f"    {name}: {default!r}" for name, default in rule.options]
    click.echo("\n".join(parts))


def _indent(text: str) -> str:
    import textwrap

    if "\n" in text:
        return textwrap.indent(text, "    ")
    return textwrap.fill(text, width=88, initial_indent="    ", subsequent_indent="    ")


@main.command()
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


@main.group()
def generate() -> None:
    """Generate code or schemas from catalogs (deterministic; --check for CI)."""


def _generate_options() -> Callable[[F], F]:
    def decorate(function: F) -> F:
        function = click.option(
            "--check", is_flag=True, help="Write nothing; exit 1 listing files that are stale."
        )(function)
        function = config_option(function)
        function = click.option(
            "--out",
            "out",
            required=True,
            type=click.Path(file_okay=False),
            help="Directory to write into.",
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
) -> None:
    from registry.generate.run import generate as run_generate

    config = load_config(config_path)
    paths = catalog_paths(paths, config)
    result = run_generate(
        target,
        paths,
        config,
        Path(out),
        check=check,
        package=package,
        changelog_against=changelog_against,
    )
    if result.blocking:
        from registry.lint.formatters import FORMATTERS

        click.echo(FORMATTERS["text"](result.lint), nl=False, err=True)
        click.echo(f"registry: not generating {target}: fix the errors above first", err=True)
        raise SystemExit(EXIT_FINDINGS)
    written = result.written
    assert written is not None
    if check:
        if written.stale:
            for path in written.stale:
                click.echo(f"{Path(out) / path}: stale")
            click.echo(
                f"{len(written.stale)} generated file(s) are out of date; run "
                f"`registry generate {target}` again."
            )
            raise SystemExit(EXIT_FINDINGS)
        click.echo(f"Generated {target} in {out} is up to date.")
        return
    for path in written.written:
        click.echo(f"wrote {Path(out) / path}")
    for path in written.removed:
        click.echo(f"removed {Path(out) / path}")
    if not written.written and not written.removed:
        click.echo(f"Generated {target} in {out} is up to date.")


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


@generate.command("jsonschema")
@_generate_options()
def generate_jsonschema(
    paths: tuple[str, ...], out: str, config_path: str | None, check: bool
) -> None:
    """One JSON Schema per event for the records the emitters write."""
    _run_generate("jsonschema", paths, out, config_path, check)


_changelog_option = click.option(
    "--changelog-against",
    "changelog_against",
    metavar="REV",
    default=None,
    help="Add a changelog: what changed since the catalogs at this git revision.",
)


@generate.command("markdown")
@_generate_options()
@_changelog_option
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
@_changelog_option
def generate_html(
    paths: tuple[str, ...],
    out: str,
    config_path: str | None,
    check: bool,
    changelog_against: str | None,
) -> None:
    """A self-contained HTML page with search, filters and the taxonomy at a glance."""
    _run_generate("html", paths, out, config_path, check, None, changelog_against)


@main.command()
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
@_changelog_option
def build(
    paths: tuple[str, ...],
    out: str,
    package: str,
    check: bool,
    config_path: str | None,
    changelog_against: str | None,
) -> None:
    """Lint, then generate everything: OUT/<package> (emitters), OUT/schemas and the docs
    (OUT/docs/markdown, OUT/docs/html).

    Stops before generating when the lint finds errors.
    """
    from registry.generate.run import DOCS_TARGETS, blocking_findings, render_target
    from registry.lint.engine import lint as run_lint
    from registry.lint.formatters import FORMATTERS

    config = load_config(config_path)
    paths = catalog_paths(paths, config)
    result = run_lint(paths, config)  # loaded once; every target renders from it
    click.echo(FORMATTERS["text"](result), nl=False)
    if result.exit_code or blocking_findings(result):
        click.echo("registry: build stopped: fix the lint errors first", err=True)
        raise SystemExit(EXIT_FINDINGS)
    changes = None
    if changelog_against is not None:
        from registry.generate.changelog import changes_against

        changes = changes_against(changelog_against, paths, result.catalog, config)
    stale: list[str] = []
    for target, directory in (
        ("python", Path(out)),
        ("jsonschema", Path(out) / "schemas"),
        ("markdown", Path(out) / "docs" / "markdown"),
        ("html", Path(out) / "docs" / "html"),
    ):
        written = render_target(
            target,
            result,
            config,
            directory,
            check=check,
            package=package if target == "python" else None,
            changes=changes if target in DOCS_TARGETS else None,
        )
        stale += [str(directory / p) for p in written.stale]
        for path in (*written.written, *written.removed):
            click.echo(f"{'wrote' if path in written.written else 'removed'} {directory / path}")
    if check and stale:
        for path in stale:
            click.echo(f"{path}: stale")
        raise SystemExit(EXIT_FINDINGS)
    total = len(result.catalog.events)
    included = total - result.events
    what = f"{total} event{'s' * (total != 1)}"
    if included:
        what += f" ({included} from built-in catalogs)"
    click.echo(f"Built {what} into {out}/{package}, {out}/schemas and {out}/docs.")


@main.command("verify-log")
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


main.add_command(diff_command, "diff")
main.add_command(check_events_command, "check-events")
main.add_command(coverage_command, "coverage")
main.add_command(init_command, "init")

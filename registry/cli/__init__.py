"""The `registry` command: the group, its error handling, and one module per command.

Thin: each command parses its options, calls the library, prints and exits. Heavy modules
(the loader, jinja2, jsonschema, the rules) are imported inside the commands so that
`registry --version` and `registry --help` start fast.
"""

from __future__ import annotations

import os
from typing import Any

import click

from registry import __version__
from registry.cli import (
    archive,
    build,
    check_events,
    coverage,
    diff,
    export,
    generate,
    init,
    keys,
    lint,
    prove,
    query,
    replay,
    retention,
    rules,
    schema,
    seal,
    verify_log,
    verify_proof,
)
from registry.cli.common import EXIT_ERROR, echo_findings, fail, say_error


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


@click.group(cls=RegistryGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="registry")
def main() -> None:
    """Lint audit-event catalogs and generate code and docs from them.

    Exit codes: 0 clean, 1 findings at the failing severity, 2 usage,
    configuration or internal error.
    """


main.add_command(lint.lint)
main.add_command(rules.rules)
main.add_command(rules.explain)
main.add_command(schema.schema)
main.add_command(generate.generate)
main.add_command(build.build)
main.add_command(diff.diff)
main.add_command(check_events.check_events)
main.add_command(coverage.coverage)
main.add_command(init.init)
main.add_command(verify_log.verify_log)
main.add_command(keys.keys)
main.add_command(prove.prove)
main.add_command(verify_proof.verify_proof)
main.add_command(query.query)
main.add_command(export.export)
main.add_command(replay.replay)
main.add_command(retention.retain)
main.add_command(seal.seal)
main.add_command(archive.archive)

"""`registry rules` and `registry explain`: the lint rules' reference.

Kept light on import (the CLI imports it at start-up): the rules are imported inside the
commands.
"""

from __future__ import annotations

import click


@click.command("rules")
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


@click.command("explain")
@click.argument("code")
def explain(code: str) -> None:
    """Show what a code reports, why it matters, and a bad and a good example: every code of
    `registry lint`, `diff` and `check-events`."""
    from registry.lint.rules import get

    rule = get(code)
    if rule is None:
        click.echo(_explain_stream_code(code))
        return
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


def _explain_stream_code(code: str) -> str:
    import textwrap

    from registry.checkevents.codes import BY_CODE
    from registry.cli.stream_docs import STREAM_DOCS

    spec = BY_CODE.get(code.upper())
    if spec is None:
        raise click.BadParameter(
            f"no code {code!r} (see `registry rules` and `registry check-events --codes`)",
            param_hint="CODE",
        )
    docs = STREAM_DOCS[spec.id]
    return "\n".join(
        [
            f"{spec.id} {spec.name} ({spec.severity})",
            "",
            textwrap.fill(spec.summary, width=88),
            "",
            "What it does",
            _indent(docs.what),
            "",
            "Why it matters",
            _indent(docs.why),
            "",
            "Reported by `registry check-events` on emitted records (docs/check-events.md).",
        ]
    )


def _indent(text: str) -> str:
    import textwrap

    if "\n" in text:
        return textwrap.indent(text, "    ")
    return textwrap.fill(text, width=88, initial_indent="    ", subsequent_indent="    ")

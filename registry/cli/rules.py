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

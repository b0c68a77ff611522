"""`registry verify-log`: prove a chained audit log intact, sealed by signed checkpoints."""

from __future__ import annotations

import re
from typing import Any, Final

import click

from registry.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, plural

EXIT_UNSEALED: Final = 3
"""Intact, but records are not covered by a valid signed checkpoint (with --public-key)."""
_UNITS: Final = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION: Final = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*([smhd]?)")


def parse_duration(text: str) -> float:
    """Seconds of ``90``, ``90s``, ``15m``, ``2h``, ``1d``; raises ValueError otherwise."""
    match = _DURATION.fullmatch(text.strip())
    if match is None or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a duration (90s, 15m, 2h, 1d)")
    return float(match.group(1)) * _UNITS[match.group(2)]


@click.command("verify-log")
@click.argument(
    "logs", nargs=-1, required=True, type=click.Path(exists=True), metavar="LOG_OR_DIR..."
)
@click.option(
    "--public-key",
    "public_keys",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Trusted Ed25519 public key (PEM); repeat for several. Checkpoints are then verified.",
)
@click.option(
    "--checkpoints",
    "checkpoints",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Checkpoint file to use (default: LOG.checkpoints beside each log), e.g. a copy kept elsewhere.",
)
@click.option(
    "--max-gap",
    "max_gap",
    default=None,
    metavar="DURATION",
    help="Fail when a stream's checkpoints are further apart than this (90s, 15m, 2h).",
)
@click.option(
    "--head",
    "head",
    type=click.Path(dir_okay=False),
    default=None,
    help="Head file to check the first-format log against (default: LOG.head).",
)
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text")
def verify_log(
    logs: tuple[str, ...],
    public_keys: tuple[str, ...],
    checkpoints: tuple[str, ...],
    max_gap: str | None,
    head: str | None,
    output_format: str,
) -> None:
    """Prove chained audit logs intact: every record present, in order, unaltered.

    LOG_OR_DIR: log files, or directories of logs; rotated files (LOG.1, LOG.2 ...) of a
    directory are read with their log. Each stream is checked up to its last signed checkpoint;
    records after it are reported as unsealed. Logs of the first format (no streams) and logs
    verified without --public-key are reported as unsigned.

    Exit codes: 0 intact (and, with --public-key, every record sealed); 1 tampered or damaged
    (a record edited, deleted, inserted, reordered or duplicated, the log truncated or
    resealed, a checkpoint forged, removed or signed by an unknown key); 2 usage error or
    unreadable file or key; 3 intact, but records not sealed by a signed checkpoint.
    """
    from registry_runtime.errors import AuditConfigurationError
    from registry_runtime.signing import load_public_keys
    from registry_runtime.verify import verify_logs

    try:
        gap = None if max_gap is None else parse_duration(max_gap)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--max-gap") from None
    try:
        keys = load_public_keys(public_keys) if public_keys else None
        result = verify_logs(
            list(logs),
            public_keys=keys,
            checkpoints=list(checkpoints) or None,
            max_gap=gap,
            head=head,
        )
    except AuditConfigurationError as error:
        click.echo(f"registry: {error}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"registry: cannot read {where}{error.strerror or error}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    if not result.ok:
        code = EXIT_FINDINGS
    elif keys is not None and (result.unsealed or result.legacy_records):
        code = EXIT_UNSEALED
    else:
        code = EXIT_CLEAN
    if output_format == "json":
        _print_json(result)
    else:
        _print_text(result, keys is not None)
    raise SystemExit(code)


def _print_json(result: Any) -> None:
    import json

    document = {
        "ok": result.ok,
        "records": result.records,
        "last_hash": result.last_hash,
        "signed": result.signed,
        "unsealed": result.unsealed,
        "first_format_records": result.legacy_records,
        "streams": [
            {
                "stream": s.stream,
                "records": s.records,
                "last_seq": s.last_seq,
                "sealed_to": s.sealed_to,
                "unsealed": s.unsealed,
                "checkpoints": s.checkpoints,
                "files": list(s.files),
            }
            for s in result.streams
        ],
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "kind": p.kind,
                "message": p.message,
                "stream": p.stream,
            }
            for p in result.problems
        ],
        "problems_left_off": result.problems_left_off,
    }
    click.echo(json.dumps(document, indent=2))


def _print_text(result: Any, signed: bool) -> None:
    from registry.escape.terminal import printable as terminal

    for problem in result.problems:
        stream = f" (stream {problem.stream})" if problem.stream else ""
        click.echo(
            terminal(f"{problem.file}:{problem.line}: {problem.kind}: {problem.message}{stream}")
        )
    if result.problems_left_off:
        click.echo(f"... and {result.problems_left_off} more problems")
    for stream in result.streams:
        sealed = (
            "all sealed"
            if not stream.unsealed
            else f"{stream.unsealed} unsealed (after record {stream.sealed_to})"
        )
        click.echo(
            terminal(
                f"stream {stream.stream}: {plural(stream.records, 'record')} "
                f"(0 to {stream.last_seq}), {plural(stream.checkpoints, 'checkpoint')}, {sealed}"
            )
        )
    if not signed:
        click.echo("unsigned: no --public-key given, checkpoint signatures not checked")
    verdict = "intact" if result.ok else "TAMPERED or damaged"
    tail = (
        f"; {plural(result.unsealed, 'record')} unsealed"
        if signed and result.ok and result.unsealed
        else ""
    )
    click.echo(f"{plural(result.records, 'record')}; chain {verdict}{tail}.")

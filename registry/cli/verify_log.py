"""`registry verify-log`: prove a chained audit log intact, sealed by signed checkpoints."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any, Final

import click

from registry.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from registry.escape.terminal import plural

if TYPE_CHECKING:
    from registry_runtime.signing import PublicKeys
    from registry_runtime.verify import VerifyResult

EXIT_UNSEALED: Final = 3
"""Intact, but records are not covered by a valid signed checkpoint (with --public-key)."""
_UNITS: Final = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION: Final = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*([smhd]?)")
DATABASE_SCHEMES: Final = ("postgresql://", "postgres://")
"""Arguments naming a PostgreSQL database (libpq connection URIs) instead of a file."""
_MAX_PROBLEMS: Final = 1000


class _LogOrDatabase(click.ParamType[str, str]):
    """A log file or directory that exists, or a ``postgresql://`` URI (taken as it is)."""

    name = "log_or_database"
    _path = click.Path(exists=True)

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if value.startswith(DATABASE_SCHEMES):
            return value
        return str(self._path.convert(value, param, ctx))


def parse_duration(text: str) -> float:
    """Seconds of ``90``, ``90s``, ``15m``, ``2h``, ``1d``; raises ValueError otherwise."""
    match = _DURATION.fullmatch(text.strip())
    if match is None or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a duration (90s, 15m, 2h, 1d)")
    return float(match.group(1)) * _UNITS[match.group(2)]


@click.command("verify-log")
@click.argument(
    "logs", nargs=-1, required=True, type=_LogOrDatabase(), metavar="LOG_OR_DIR_OR_URL..."
)
@click.option(
    "--table",
    default="audit_log",
    show_default=True,
    help="The audit table read in each postgresql:// database.",
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
    help="Checkpoint file to use (default: LOG.checkpoints beside each log), e.g. a copy kept elsewhere (files only).",
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
    help="Head file to check the first-format log against (default: LOG.head; files only).",
)
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text")
def verify_log(
    logs: tuple[str, ...],
    table: str,
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

    A postgresql:// (or postgres://) URI verifies the chains of the table written by
    PostgresSink (--table) and the signed checkpoints of its TABLE_checkpoints (written by the
    sink or by `registry seal`), checked against --public-key as a log's; the connection also
    takes what libpq finds in its usual places (a service file, PGPASSFILE, PG* variables). A
    password is never shown.

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
    files: list[str | os.PathLike[str]] = [
        log for log in logs if not log.startswith(DATABASE_SCHEMES)
    ]
    databases = [log for log in logs if log.startswith(DATABASE_SCHEMES)]
    if databases:
        from registry_runtime.postgres_schema import table_name

        try:
            table_name(table)
        except AuditConfigurationError as error:
            raise click.BadParameter(str(error), param_hint="--table") from None
    try:
        keys = load_public_keys(public_keys) if public_keys else None
        results = [_verify_database(url, table, keys, gap) for url in databases]
        if files:
            result = verify_logs(
                files,
                public_keys=keys,
                checkpoints=list(checkpoints) or None,
                max_gap=gap,
                head=head,
            )
            results.insert(0, result)
        result = _merged(results, signed=keys is not None)
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


def _verify_database(
    url: str, table: str, keys: PublicKeys | None, max_gap: float | None
) -> VerifyResult:
    """`verify_table` on the database at ``url``, read only, its checkpoints' signatures
    checked against ``keys``; AuditConfigurationError (never carrying the password) when it
    cannot be reached or read."""
    from registry_runtime.errors import AuditConfigurationError
    from registry_runtime.postgres import describe, load_psycopg, reason
    from registry_runtime.postgres_verify import verify_table

    psycopg = load_psycopg()
    try:
        psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        raise AuditConfigurationError(
            "a postgresql:// argument could not be parsed as a connection URL (not shown: it "
            "may hold a password)"
        ) from None
    try:
        conn = psycopg.connect(url)
    except psycopg.Error as error:
        raise AuditConfigurationError(
            f"cannot connect to {describe(url)}: {reason(error, url)}"
        ) from None
    try:
        conn.read_only = True
        return verify_table(conn, table, public_keys=keys, max_gap=max_gap)
    except psycopg.Error as error:
        raise AuditConfigurationError(
            f"cannot read table {table} in {describe(url)}: {reason(error, url)}"
        ) from None
    finally:
        conn.close()


def _merged(results: list[VerifyResult], *, signed: bool) -> VerifyResult:
    """One result of several (files first, then each database), problems capped."""
    from registry_runtime.verify import VerifyResult

    problems = [p for r in results for p in r.problems]
    left_off = sum(r.problems_left_off for r in results) + max(0, len(problems) - _MAX_PROBLEMS)
    return VerifyResult(
        all(r.ok for r in results),
        sum(r.records for r in results),
        problems[:_MAX_PROBLEMS],
        next((r.last_hash for r in reversed(results) if r.last_hash), None),
        left_off,
        tuple(s for r in results for s in r.streams),
        signed=signed,
        legacy_records=sum(r.legacy_records for r in results),
    )


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
            else f"{stream.unsealed} unsealed (none sealed yet)"
            if stream.sealed_to < 0
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

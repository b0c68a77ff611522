"""`registry query LOG_OR_DIR...`: read the trail (DuckDB over JSON Lines and Parquet logs).

Kept light on import: DuckDB, the loader and the query stage are imported inside the command.
`filter_options` and `selection` are shared with `registry export`.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from registry.cli.common import config_option, load_config, say_error
from registry.escape.terminal import printable

if TYPE_CHECKING:
    from registry.catalog.config import Config
    from registry.query.columns import FieldColumn
    from registry.query.filters import Filters
    from registry.query.sources import Sources

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "csv", "jsonl", "parquet", "html")


def filter_options(function: F) -> F:
    """The filters `query` and `export` share, and the log paths."""
    options = [
        click.option(
            "--event",
            "events",
            multiple=True,
            metavar="GLOB",
            help="Event name or glob (user.*); repeat for any of several.",
        ),
        click.option("--actor", metavar="TYPE:ID", help="Done by this actor (TYPE:* any id)."),
        click.option("--target", metavar="TYPE:ID", help="Done to this target (TYPE:* any id)."),
        click.option("--since", metavar="TIME", help="At or after: RFC 3339, or an age (7d, 12h)."),
        click.option("--until", metavar="TIME", help="Before: RFC 3339, or an age (7d, 12h)."),
        click.option("--outcome", type=click.Choice(("success", "failure", "unknown"))),
        click.option("--tenant", help="Of this tenant."),
        click.option(
            "--field",
            "field_filters",
            multiple=True,
            metavar="NAME=VALUE",
            help="A field (or member: profile.locale) equals VALUE, typed by --catalog.",
        ),
        click.option(
            "--subject",
            metavar="VALUE",
            help="Records about this person or account: its keyed hash is compared "
            "with hashed fields at any depth and hashed context; '-' reads it from stdin.",
        ),
        click.option(
            "--hmac-key-env",
            default="REGISTRY_AUDIT_HMAC_KEY",
            show_default=True,
            metavar="VAR",
            help="Environment variable holding the trail's HMAC key.",
        ),
        click.option(
            "--previous-hmac-key-env",
            "previous_key_envs",
            multiple=True,
            metavar="VAR",
            help="Environment variable holding a key the trail used before a rotation, for "
            "--subject (each hashed value names its key); repeat for each.",
        ),
        click.option(
            "--catalog",
            "catalog",
            type=click.Path(exists=True),
            default=None,
            help="Catalog: types --field and adds one view per event (see --sql).",
        ),
        click.option(
            "--record-access",
            "record_access",
            type=click.Path(dir_okay=False),
            envvar="REGISTRY_RECORD_ACCESS",
            default=None,
            metavar="LOG",
            help="Record this use as audit_log.accessed in this chained log (env "
            "REGISTRY_RECORD_ACCESS; default: record_access in registry.yaml); never a "
            "subject or field value.",
        ),
        click.option(
            "--as",
            "as_actor",
            metavar="TYPE:ID",
            default=None,
            help="Who asks, for --record-access (default: the OS user).",
        ),
        config_option,
        click.argument("logs", nargs=-1, required=True, metavar="LOG_OR_DIR..."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@dataclass(frozen=True, slots=True)
class Selection:
    filters: Filters
    views_sql: str


def selection(options: dict[str, Any], config: Config) -> Selection:
    """The filters and the catalog's views from the shared options."""
    from registry.query.filters import Filters, field_filter, parse_pair, parse_time

    known: dict[str, FieldColumn] | None = None
    views = ""
    if options["catalog"] is not None:
        from registry.catalog.load import load_catalog
        from registry.cli.common import stop_on_catalog_errors
        from registry.generate.sql_duckdb import views_sql
        from registry.query.columns import field_columns

        loaded = load_catalog((options["catalog"],), config)
        stop_on_catalog_errors(loaded, "cannot query with a catalog that does not load")
        known = {}
        for event in loaded.catalog.events:
            for column in field_columns(event, config):
                known.setdefault(column.name, column)
        views = views_sql(loaded.catalog, config)
    filters = Filters(
        events=tuple(options["events"]),
        actor=parse_pair(options["actor"], "--actor") if options["actor"] else None,
        target=parse_pair(options["target"], "--target") if options["target"] else None,
        since=parse_time(options["since"], "--since") if options["since"] else None,
        until=parse_time(options["until"], "--until") if options["until"] else None,
        outcome=options["outcome"],
        tenant=options["tenant"],
        fields=tuple(field_filter(f, known) for f in options["field_filters"]),
        subject_hash=_subject_hashes(
            options["subject"], (options["hmac_key_env"], *options["previous_key_envs"])
        ),
    )
    return Selection(filters, views)


def _subject_hashes(subject: str | None, key_envs: tuple[str, ...]) -> tuple[str, ...] | None:
    """What a record holds for the subject under each key, as the runtime writes it
    (`Redactor.lookups`). The value itself goes nowhere else: not into SQL, messages or files."""
    if subject is None:
        return None
    from registry.findings.errors import UsageError
    from registry_runtime.errors import AuditConfigurationError
    from registry_runtime.redact import Redactor, resolve_key

    if subject == "-":
        subject = sys.stdin.readline().rstrip("\r\n")
    if not subject:
        raise UsageError("--subject: empty value")
    try:
        keys = [resolve_key(None, key_env) for key_env in key_envs]
    except AuditConfigurationError as error:
        raise UsageError(f"--subject: {error}") from None
    return tuple(dict.fromkeys(h for key in keys for h in Redactor(key).lookups(subject)))


@click.command("query")
@filter_options
@click.option(
    "--sql",
    "sql",
    metavar="SELECT",
    default=None,
    help="A SELECT over the view records (and the catalog's event views); the "
    "filters apply to records.",
)
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write here instead of stdout (required for parquet).",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many rows.")
@click.option(
    "--verify",
    is_flag=True,
    help="Prove the chain and the signed checkpoints of every file first (needs "
    "--public-key): adds the column proven; unproven records are named on stderr.",
)
@click.option(
    "--public-key",
    "public_keys",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Trusted Ed25519 public key (PEM) of the checkpoints, for --verify; repeatable.",
)
def query(
    sql: str | None,
    output_format: str,
    out: str | None,
    limit: int | None,
    verify: bool,
    public_keys: tuple[str, ...],
    **options: Any,
) -> None:
    """Find records in audit logs: who did what, to what, when, from where, with what outcome.

    LOG_OR_DIR: JSON Lines logs (plain or chained, rotated sets, .gz) and Parquet files
    written by `--format parquet`; a directory stands for the logs in it. A libpq URI,
    postgresql://... or postgres://..., reads the table PostgresSink writes: audit_log, or
    the one a table=NAME parameter names ('postgresql:///app?service=audit&table=audit.events');
    files and databases mix, and errors never show a password (docs/postgres.md). Control
    records are not events and never appear. The view `records` and its columns: docs/query.md.

    With --verify, each record is proven first (column proven) and stderr says what was
    proven. An archive written by `registry archive` is read as a directory.

    Exit codes: 0 answered (lines that are not records are counted on stderr); 2 usage error,
    unreadable or damaged input. With --verify: 0 every record proven; 1 a chain damaged
    (answered all the same); 3 intact, but records not proven (not sealed yet, first format,
    compressed or Parquet files).
    """
    from registry.cli.export import access_recording, event_descriptions, record_use
    from registry.query import output
    from registry.query.engine import Session, records_sql, user_sql
    from registry.query.filters import where
    from registry.query.pg_source import database_logs
    from registry.query.sources import find_sources

    if output_format == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE")
    if verify != bool(public_keys):
        raise click.UsageError("--verify and --public-key go together")
    config = load_config(options["config_path"])
    recording = access_recording(options, config)
    chosen = selection(options, config)
    clause, params = where(chosen.filters)
    statement = (
        records_sql(clause, limit, proven=verify) if sql is None else user_sql(sql, clause, limit)
    )
    logs = click.get_current_context().with_resource(database_logs(tuple(options["logs"])))
    sources = find_sources(logs)
    writable = (out,) if out is not None and output_format == "parquet" else ()
    stated: list[str] = []
    code, proven = 0, None
    if verify:
        stated, code, proven = _verified(sources, public_keys)
    with Session(sources, chosen.views_sql, writable, proven) as session:
        skipped = None
        if output_format == "parquet":
            assert out is not None
            session.relation(statement, params).write_parquet(os.path.abspath(out))
            count = -1
        else:
            if sql is None:  # the records and the skipped lines in one pass
                answer, skipped = session.records(clause, params, limit)
            else:
                answer = session.answer(statement, params)
            count = len(answer.rows)
            if output_format == "csv":
                _emit(output.to_csv(answer), out)
            elif output_format == "jsonl":
                _emit("".join(line + "\n" for line in output.to_jsonl(answer)), out)
            elif output_format == "html":
                from registry.query.timeline import render

                _emit(render(answer, event_descriptions(options, config)), out)
            else:
                width = shutil.get_terminal_size((120, 24)).columns if out is None else 10**6
                _emit(output.to_table(answer, width), out, page=out is None)
        if skipped is None:
            skipped = session.skipped()
    record_use(
        options,
        recording,
        chosen.filters,
        "search",
        None if count < 0 else count,
        sql=sql is not None,
        output_format=output_format,
    )
    if skipped:
        say_error(f"{skipped} line(s) skipped: not JSON records")
    if out is not None:
        what = "records" if count < 0 else f"{count} row(s)"
        click.echo(f"wrote {what} to {out}", err=True)
    for line in stated:
        click.echo(printable(line), err=True)
    if code:
        raise SystemExit(code)


def _verified(sources: Sources, public_keys: tuple[str, ...]) -> tuple[list[str], int, Any]:
    """`--verify`: the lines stated on stderr, the exit code, the proven spans."""
    from registry.query.archive import prove_archive
    from registry.query.verify import prove, summary
    from registry_runtime.errors import AuditConfigurationError
    from registry_runtime.signing import load_public_keys

    try:
        keys = load_public_keys(public_keys)
    except AuditConfigurationError as error:
        raise click.UsageError(str(error)) from None
    chained = tuple(f for f in sources.jsonl if not f.endswith(".gz"))
    proofs = [prove(chained, keys)] if chained else []
    proofs.extend(prove_archive(archive, keys) for archive in sources.archives)
    unprovable = [f for f in sources.jsonl if f.endswith(".gz")] + list(sources.parquet)
    lines, code = summary(proofs, unprovable)
    return lines, code, tuple(span for proof in proofs for span in proof.proven)


def _emit(text: str, out: str | None, *, page: bool = False) -> None:
    if out is not None:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    elif page and sys.stdout.isatty() and text.count("\n") > shutil.get_terminal_size().lines:
        click.echo_via_pager(text)
    else:
        click.echo(text, nl=False)

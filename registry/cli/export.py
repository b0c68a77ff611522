"""`registry export LOG_OR_DIR... --out ARCHIVE.zip`: the selected records and what proves them.

Kept light on import: DuckDB, the loader and the query stage are imported inside the command.
Also here, for `registry query` too: the catalog's event descriptions of the HTML timeline and
`--record-access` (both commands record their use as `audit_log.accessed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from registry.cli.common import load_config, relative_to_cwd, say_error
from registry.cli.query import filter_options, selection

if TYPE_CHECKING:
    from registry.catalog.config import Config
    from registry.catalog.model import Catalog
    from registry.query.access import AccessRecording
    from registry.query.filters import Filters


@click.command("export")
@filter_options
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="The archive to write (.zip).",
)
@click.option(
    "--public-key",
    "public_key",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="The Ed25519 public key (PEM) of the checkpoints, to include.",
)
@click.option(
    "--format",
    "archive_format",
    type=click.Choice(("records", "ocsf")),
    default="records",
    show_default=True,
    help="ocsf: add ocsf.jsonl, the records as OCSF events (needs --catalog: its xref).",
)
def export(out: str, public_key: str | None, archive_format: str, **options: Any) -> None:
    """Export records for an auditor: one zip with the selected records (their exact lines),
    the log files and checkpoints that prove them, the public key, the catalog's docs of the
    events involved (with --catalog) and a README saying how to verify. With --format ocsf,
    also the records as OCSF events; events with no OCSF mapping in the catalog are listed
    on stderr and in the README, never guessed (docs/export.md).

    Exit codes: 0 written; 2 usage error, unreadable or damaged input.
    """
    from registry.query.engine import Session, records_sql
    from registry.query.export import Selected, unmapped_lines, write_archive
    from registry.query.filters import where
    from registry.query.pg_source import is_database
    from registry.query.sources import find_sources

    if archive_format == "ocsf" and options["catalog"] is None:
        raise click.UsageError("--format ocsf needs --catalog: the OCSF classes are its xref")
    config = load_config(options["config_path"])
    recording = access_recording(options, config)
    chosen = selection(options, config)
    clause, params = where(chosen.filters)
    if any(is_database(log) for log in options["logs"]):
        raise click.UsageError(
            "registry export reads log files, not databases: an export carries the files "
            "that prove its records, and a table's checkpoints are rows (docs/query.md, "
            "registry export); select from the table with registry query"
        )
    sources = find_sources(tuple(options["logs"]))
    if sources.archives:
        raise click.UsageError(
            f"{sources.archives[0]} is an archive of `registry archive`: export from the logs "
            "it was made from (an export carries the log files that prove its records)"
        )
    with Session(sources, chosen.views_sql) as session:
        answer = session.answer(records_sql(clause, None), params)
    at = {name: i for i, name in enumerate(answer.columns)}
    selected = Selected(
        lines=tuple(str(row[at["line"]]) for row in answer.rows),
        files=tuple(dict.fromkeys(str(row[at["file"]]) for row in answer.rows)),
        events=tuple(sorted({str(row[at["event"]]) for row in answer.rows})),
    )
    docs = _docs(options, config, selected.events) if options["catalog"] else None
    ocsf = None
    if archive_format == "ocsf":
        from registry.query.ocsf import convert

        ocsf = convert(selected.lines, _catalog(options, config))
        for line in unmapped_lines(ocsf):
            say_error(f"not in the OCSF export: {line}")
    entries = write_archive(out, selected, public_key=public_key, docs=docs, ocsf=ocsf)
    click.echo(f"wrote {out}: {len(selected.lines)} record(s), {len(entries)} file(s)")
    record_use(options, recording, chosen.filters, "export", len(selected.lines))


def _catalog(options: dict[str, Any], config: Config) -> Catalog:
    from registry.catalog.load import load_catalog

    return load_catalog((options["catalog"],), config).catalog


def event_descriptions(options: dict[str, Any], config: Config) -> dict[str, str]:
    """Event name -> the catalog's description (none without --catalog): the timeline's."""
    if options["catalog"] is None:
        return {}
    return {e.name: e.description or "" for e in _catalog(options, config).events}


def access_recording(options: dict[str, Any], config: Config) -> AccessRecording | None:
    """Where this use is recorded (--record-access, else REGISTRY_RECORD_ACCESS, else the
    configuration's record_access) and who asks (--as, else the OS user): known before the
    query runs, so a bad --as stops it before anything is read or written."""
    from click.core import ParameterSource

    from registry.query.access import AccessRecording, access_log, asker

    given = options.get("record_access")
    source = click.get_current_context().get_parameter_source("record_access")
    configured = config.record_access
    log = access_log(
        given,
        from_env=source is ParameterSource.ENVIRONMENT,
        configured=None if configured is None else relative_to_cwd(configured),
        config_file=config.source,
    )
    if log is None:
        return None
    return AccessRecording(log, asker(options.get("as_actor"), log))


def record_use(
    options: dict[str, Any],
    recording: AccessRecording | None,
    filters: Filters,
    kind: str,
    count: int | None,
    *,
    sql: bool = False,
    output_format: str | None = None,
) -> None:
    """When recording: append this use as an `audit_log.accessed` record."""
    if recording is None:
        return
    from registry.query.access import record_access, selection_text

    record_access(
        recording,
        kind=kind,
        count=count,
        what=selection_text(filters, tuple(options["logs"]), sql=sql, format_=output_format),
        hmac_key_env=options["hmac_key_env"],
    )


def _docs(options: dict[str, Any], config: Config, events: tuple[str, ...]) -> dict[str, str]:
    """The catalog's Markdown pages (one per domain) of the domains of `events`."""
    import tempfile
    from pathlib import Path

    from registry.generate.run import generate

    catalog = _catalog(options, config)
    domains = {e.domain for e in catalog.events if e.name in events}
    with tempfile.TemporaryDirectory(prefix="registry-export-") as directory:
        generate("markdown", (options["catalog"],), config, Path(directory))
        return {
            f"{domain}.md": (Path(directory) / f"{domain}.md").read_text("utf-8")
            for domain in sorted(domains)
            if (Path(directory) / f"{domain}.md").is_file()
        }

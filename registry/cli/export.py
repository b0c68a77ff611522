"""`registry export LOG_OR_DIR... --out ARCHIVE.zip`: the selected records and what proves them.

Kept light on import: DuckDB, the loader and the query stage are imported inside the command.
Also here, for `registry query` too: the catalog's event descriptions of the HTML timeline and
`--record-access` (both commands record their use as `audit_log.accessed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from registry.cli.common import say_error
from registry.cli.query import filter_options, selection

if TYPE_CHECKING:
    from registry.catalog.model import Catalog
    from registry.query.filters import Filters
    from registry_runtime import Actor


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
    from registry.query.sources import find_sources

    if archive_format == "ocsf" and options["catalog"] is None:
        raise click.UsageError("--format ocsf needs --catalog: the OCSF classes are its xref")
    asker = access_actor(options)
    chosen = selection(options)
    clause, params = where(chosen.filters)
    sources = find_sources(tuple(options["logs"]))
    with Session(sources, chosen.views_sql) as session:
        answer = session.answer(records_sql(clause, None), params)
    at = {name: i for i, name in enumerate(answer.columns)}
    selected = Selected(
        lines=tuple(str(row[at["line"]]) for row in answer.rows),
        files=tuple(dict.fromkeys(str(row[at["file"]]) for row in answer.rows)),
        events=tuple(sorted({str(row[at["event"]]) for row in answer.rows})),
    )
    docs = _docs(options, selected.events) if options["catalog"] else None
    ocsf = None
    if archive_format == "ocsf":
        from registry.query.ocsf import convert

        ocsf = convert(selected.lines, _catalog(options))
        for line in unmapped_lines(ocsf):
            say_error(f"not in the OCSF export: {line}")
    entries = write_archive(out, selected, public_key=public_key, docs=docs, ocsf=ocsf)
    click.echo(f"wrote {out}: {len(selected.lines)} record(s), {len(entries)} file(s)")
    record_use(options, asker, chosen.filters, "export", len(selected.lines))


def _catalog(options: dict[str, Any]) -> Catalog:
    from registry.catalog.load import load_catalog
    from registry.cli.common import load_config

    return load_catalog((options["catalog"],), load_config(options["config_path"])).catalog


def event_descriptions(options: dict[str, Any]) -> dict[str, str]:
    """Event name -> the catalog's description (none without --catalog): the timeline's."""
    if options["catalog"] is None:
        return {}
    return {e.name: e.description or "" for e in _catalog(options).events}


def access_actor(options: dict[str, Any]) -> Actor | None:
    """Who asks (--as, else the OS user) when --record-access is given: known before the
    query runs, so a bad --as stops it before anything is read or written."""
    if options.get("record_access") is None:
        return None
    from registry.query.access import asker

    return asker(options.get("as_actor"))


def record_use(
    options: dict[str, Any],
    actor: Actor | None,
    filters: Filters,
    kind: str,
    count: int | None,
    *,
    sql: bool = False,
    output_format: str | None = None,
) -> None:
    """With --record-access LOG: append this use as an `audit_log.accessed` record."""
    if actor is None or options.get("record_access") is None:
        return
    from registry.query.access import record_access, selection_text

    record_access(
        options["record_access"],
        actor=actor,
        kind=kind,
        count=count,
        what=selection_text(filters, tuple(options["logs"]), sql=sql, format_=output_format),
        hmac_key_env=options["hmac_key_env"],
    )


def _docs(options: dict[str, Any], events: tuple[str, ...]) -> dict[str, str]:
    """The catalog's Markdown pages (one per domain) of the domains of `events`."""
    import tempfile
    from pathlib import Path

    from registry.cli.common import load_config
    from registry.generate.run import generate

    config = load_config(options["config_path"])
    catalog = _catalog(options)
    domains = {e.domain for e in catalog.events if e.name in events}
    with tempfile.TemporaryDirectory(prefix="registry-export-") as directory:
        generate("markdown", (options["catalog"],), config, Path(directory))
        return {
            f"{domain}.md": (Path(directory) / f"{domain}.md").read_text("utf-8")
            for domain in sorted(domains)
            if (Path(directory) / f"{domain}.md").is_file()
        }

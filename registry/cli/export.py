"""`registry export LOG_OR_DIR... --out ARCHIVE.zip`: the selected records and what proves them.

Kept light on import: DuckDB, the loader and the query stage are imported inside the command.
"""

from __future__ import annotations

from typing import Any

import click

from registry.cli.query import filter_options, selection


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
def export(out: str, public_key: str | None, **options: Any) -> None:
    """Export records for an auditor: one zip with the selected records (their exact lines),
    the log files and checkpoints that prove them, the public key, the catalog's docs of the
    events involved (with --catalog) and a README saying how to verify.

    Exit codes: 0 written; 2 usage error, unreadable or damaged input.
    """
    from registry.query.engine import Session, records_sql
    from registry.query.export import Selected, write_archive
    from registry.query.filters import where
    from registry.query.sources import find_sources

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
    entries = write_archive(out, selected, public_key=public_key, docs=docs)
    click.echo(f"wrote {out}: {len(selected.lines)} record(s), {len(entries)} file(s)")


def _docs(options: dict[str, Any], events: tuple[str, ...]) -> dict[str, str]:
    """The catalog's Markdown pages (one per domain) of the domains of `events`."""
    import tempfile
    from pathlib import Path

    from registry.catalog.load import load_catalog
    from registry.cli.common import load_config
    from registry.generate.run import generate

    config = load_config(options["config_path"])
    catalog = load_catalog((options["catalog"],), config).catalog
    domains = {e.domain for e in catalog.events if e.name in events}
    with tempfile.TemporaryDirectory(prefix="registry-export-") as directory:
        generate("markdown", (options["catalog"],), config, Path(directory))
        return {
            f"{domain}.md": (Path(directory) / f"{domain}.md").read_text("utf-8")
            for domain in sorted(domains)
            if (Path(directory) / f"{domain}.md").is_file()
        }

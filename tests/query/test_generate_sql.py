"""`registry generate sql --dialect duckdb`: golden files for the built-in catalog, and the
DDL runs in DuckDB: the envelope table, then every event's view over it."""

from __future__ import annotations

import shutil
from pathlib import Path

from query_helpers import duckdb_or_skip, run

from registry.generate.run import generate

from conftest import REPO, make_config

GOLDEN = REPO / "tests" / "generate" / "golden" / "sql"
CATALOG = str(REPO / "catalog")


def _tree(root: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(root.iterdir())}


def test_output_matches_golden_files(tmp_path: Path, update_goldens: bool) -> None:
    result = generate("sql", (CATALOG,), make_config(REPO), tmp_path, dialect="duckdb")
    assert result.blocking == ()
    if update_goldens:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path, GOLDEN)
    assert _tree(tmp_path) == _tree(GOLDEN)


def test_the_ddl_runs_in_duckdb_with_comments(tmp_path: Path) -> None:
    duckdb_or_skip()
    import duckdb

    from registry.query.engine import OFFLINE

    result = run("generate", "sql", CATALOG, "--dialect", "duckdb", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    connection = duckdb.connect(config=dict(OFFLINE))
    connection.execute((tmp_path / "envelope.sql").read_text("utf-8"))
    connection.execute((tmp_path / "views.sql").read_text("utf-8"))
    comment = connection.execute(
        "select comment from duckdb_columns() "
        "where table_name = 'user_promoted_production' and column_name = 'approver_email'"
    ).fetchall()
    assert comment == [
        (
            "E-mail address of the person who approved the promotion. [sensitivity: pii; written redacted: hash]",
        )
    ]
    views = connection.execute("select count(*) from duckdb_views() where not internal").fetchall()
    connection.close()
    assert (
        views[0][0] == len((tmp_path / "views.sql").read_text().split("CREATE OR REPLACE VIEW")) - 1
    )
    check = run("generate", "sql", CATALOG, "--out", str(tmp_path), "--check")
    assert check.exit_code == 0, check.output

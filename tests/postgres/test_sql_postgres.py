"""The postgres dialect of `generate sql`: its golden DDL, and that a real server runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_cluster import cluster_fixture, database_fixture, require_psycopg  # noqa: F401 - fixtures

from registry.catalog.config import Config
from registry.catalog.model import Catalog
from registry.generate import sql_postgres
from registry_runtime.errors import AuditConfigurationError
from registry_runtime.postgres_schema import schema_sql

GOLDEN = Path(__file__).parent / "golden" / "schema.sql"


def _rendered() -> str:
    catalog = Catalog(files=(), events=(), types=())  # the table does not depend on the catalog
    return sql_postgres.render(catalog, Config(), "sha256:0000")["schema.sql"]


def test_the_ddl_matches_its_golden_file(update_goldens: bool) -> None:
    text = _rendered()
    if update_goldens:
        GOLDEN.write_text(text, "utf-8")
    assert text == GOLDEN.read_text("utf-8")


def test_the_rendered_ddl_runs_twice_on_a_real_server(database: str) -> None:
    psycopg = require_psycopg()
    with psycopg.connect(database) as conn:
        conn.execute(_rendered())
        conn.execute(_rendered())
        roles = conn.execute(
            "SELECT grantee, privilege_type FROM information_schema.role_table_grants "
            "WHERE table_name = 'audit_log' AND grantee LIKE 'audit_%' ORDER BY 1, 2"
        ).fetchall()
    assert roles == [("audit_reader", "SELECT"), ("audit_writer", "INSERT")]


@pytest.mark.parametrize("options", [
    {"table": "audit log"}, {"table": "a.b.c"}, {"table": "Audit"}, {"table": "x;drop"},
    {"writer": "w'; --"}, {"reader": "s.r"},
])  # fmt: skip
def test_names_that_are_not_plain_identifiers_are_refused(options: dict[str, str]) -> None:
    with pytest.raises(AuditConfigurationError):
        schema_sql(**options)


def test_generate_sql_offers_the_postgres_dialect(tmp_path: Path) -> None:
    """`registry generate sql --dialect postgres` writes the same DDL (header aside)."""
    from click.testing import CliRunner

    from registry.cli import main

    catalog = Path(__file__).parents[2] / "catalog"
    result = CliRunner().invoke(
        main, ["generate", "sql", str(catalog), "--dialect", "postgres", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    written = (tmp_path / "schema.sql").read_text("utf-8")
    assert written.split("\n", 2)[2] == _rendered().split("\n", 2)[2]

"""The physical layout of an archive's record files (`registry.query.archive`): rows sorted by
actor in small zstd row groups, so a query by actor skips the groups that cannot match. Only
the layout: the answers and what `--verify` proves are those of the log, and an archive
written before (rows in log order, one large snappy row group per file) reads the same."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from proof_helpers import public_pem, write_signed
from query_helpers import duckdb_or_skip, run

from registry.query.archive import ROW_GROUP_ROWS, SORTED_BY

RECORDS = 2 * ROW_GROUP_ROWS + 500
"""One partition (one tenant, day and event) of three row groups."""


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`logs/audit.jsonl` (signed, actors u_0, u_1, u_2 in turn), `pub.pem`, `archive/`."""
    duckdb_or_skip()
    root = tmp_path_factory.mktemp("layout")
    (root / "logs").mkdir()
    write_signed(root / "logs" / "audit.jsonl", RECORDS)
    public_pem(root / "pub.pem")
    result = run("archive", str(root / "logs"), "--to", str(root / "archive"),
                 "--public-key", str(root / "pub.pem"))  # fmt: skip
    assert result.exit_code == 0, result.output
    return root


def _parts(archive: Path) -> list[Path]:
    return sorted((archive / "records").rglob("*.parquet"))


def _rows(sql: str, *params: Any) -> list[tuple[Any, ...]]:
    import duckdb

    with duckdb.connect() as connection:
        return connection.execute(sql, list(params)).fetchall()


def test_rows_are_sorted_by_actor_in_small_zstd_row_groups(written: Path) -> None:
    (part,) = _parts(written / "archive")
    order = ", ".join(SORTED_BY)
    stored = _rows(f"SELECT {order} FROM read_parquet($1) ORDER BY file_row_number", str(part))
    assert len(stored) == RECORDS
    assert stored == sorted(stored)
    groups = _rows(
        "SELECT row_group_id, any_value(row_group_num_rows), "
        "string_agg(DISTINCT compression, ',') FILTER (WHERE path_in_schema = 'line'), "
        "min(stats_min_value) FILTER (WHERE path_in_schema = 'actor_id'), "
        "max(stats_max_value) FILTER (WHERE path_in_schema = 'actor_id') "
        "FROM parquet_metadata($1) GROUP BY ALL ORDER BY row_group_id",
        str(part),
    )
    assert [(rows, codec) for _, rows, codec, _, _ in groups] == [
        (ROW_GROUP_ROWS, "ZSTD"),
        (ROW_GROUP_ROWS, "ZSTD"),
        (RECORDS - 2 * ROW_GROUP_ROWS, "ZSTD"),
    ]
    # u_0, u_1, u_2 have a third of the rows each: no group spans all three actors.
    assert [(low, high) for *_, low, high in groups] == [
        ("u_0", "u_1"),
        ("u_1", "u_2"),
        ("u_2", "u_2"),
    ]


def _answer(path: Path, *args: str) -> Result:
    result = run("query", str(path), *args)
    assert result.exit_code == 0, result.output
    return result


def _previous_layout(archive: Path, into: Path) -> Path:
    """A copy of `archive` whose record files are written as the previous version wrote them:
    rows in the order of the log, DuckDB's default row groups and compression."""
    shutil.copytree(archive, into)
    for part in _parts(into):
        _rows(
            f"COPY (SELECT * FROM read_parquet('{part}', hive_partitioning=false) ORDER BY seq) "
            f"TO '{part}' (FORMAT parquet)"
        )
    return into


@pytest.mark.parametrize(
    "args",
    [
        ("--actor", "user:u_1", "--format", "jsonl"),
        ("--actor", "user:u_2", "--limit", "3", "--format", "jsonl"),
        ("--sql", "SELECT actor_id, count(*) AS n FROM records GROUP BY ALL ORDER BY ALL"),
        ("--format", "jsonl"),
    ],
)
def test_an_archive_answers_as_its_log_in_either_layout(
    written: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    before = _previous_layout(written / "archive", tmp_path / "before")
    expected = _answer(written / "logs", *args).stdout
    assert _answer(written / "archive", *args).stdout == expected
    assert _answer(before, *args).stdout == expected


def test_verify_proves_every_record_in_either_layout(written: Path, tmp_path: Path) -> None:
    before = _previous_layout(written / "archive", tmp_path / "before")
    key = str(written / "pub.pem")
    for archive in (written / "archive", before):
        result = run("query", str(archive), "--verify", "--public-key", key,
                     "--sql", "SELECT count(*) AS n, bool_and(proven) AS all FROM records",
                     "--format", "jsonl")  # fmt: skip
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == {"n": RECORDS, "all": True}

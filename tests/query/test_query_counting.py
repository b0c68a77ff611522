"""`registry query` counts the lines that are not records in the pass that answers
(`Session.records`): the same records and the same count as the view and `Session.skipped`,
whatever the filters, the limit, `--sql` or `--format parquet`. Through the CLI, on real
DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from query_helpers import duckdb_or_skip, run

from registry.query.engine import Session, records_sql
from registry.query.filters import Filters, where
from registry.query.sources import find_sources

duckdb_or_skip()


def record(seq: int, actor: str = "u_1", **more: object) -> str:
    body = {
        "id": f"01a237bc-5887-726c-a227-{seq:012x}",
        "event": "account.promoted",
        "version": 1,
        "occurred_at": f"2026-05-01T10:00:{seq:02d}.000Z",
        "actor": {"type": "user", "id": actor},
        "targets": [],
        "outcome": "success",
        "tenant": "acme",
        "fields": {},
        "stream": "s",
        "seq": seq,
        **more,
    }
    return json.dumps(body, separators=(",", ":"))


CONTROL = '{"control":"checkpoint","stream":"s","seq":9}'
# (the line, counted as skipped)
LINES = [
    ("", False),
    ("   \t", True),  # DuckDB's trim takes spaces only: not blank
    (CONTROL, False),
    ('{"control":"checkpoint",', True),
    ('{"id":"x","actor":{"type":"user","id":"u_1"', True),
    ('{"actor":{"type":"user","id":"u_1"}} trailing', True),
    ("[1, 2]", True),
    ('"u_1"', True),
    ("42", True),
    ("not json at all", True),
    ("  " + record(7), False),
    ('{"a": 1}', False),
]


def _log(tmp_path: Path) -> Path:
    log = tmp_path / "audit.jsonl"
    others = [text for text, _ in LINES]
    kept = [record(1), *others[:6], record(2, actor="u_2"), *others[6:], record(3)]
    log.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return log


SKIPPED = sum(counted for _, counted in LINES)


def _seqs(stdout: str) -> list[int | None]:
    return [json.loads(text).get("seq") for text in stdout.splitlines()]


@pytest.mark.parametrize(
    ("args", "seqs"),
    [
        ((), [None, 1, 2, 3, 7]),
        (("--actor", "user:u_1"), [1, 3, 7]),
        (("--actor", "user:u_2"), [2]),
        (("--actor", "user:nobody"), []),
        (("--actor", "user:*", "--limit", "2"), [1, 2]),
        (("--tenant", "acme", "--outcome", "success"), [1, 2, 3, 7]),
        (("--limit", "1"), [1]),  # a record without a time comes last
    ],
)
def test_the_answer_and_the_count_of_skipped_lines_come_from_one_pass(
    tmp_path: Path, args: tuple[str, ...], seqs: list[int | None]
) -> None:
    result = run("query", str(_log(tmp_path)), *args, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert sorted(_seqs(result.stdout), key=lambda s: -1 if s is None else s) == seqs
    assert result.stderr == f"registry: {SKIPPED} line(s) skipped: not JSON records\n"


@pytest.mark.parametrize(
    "args",
    [
        ("--sql", "SELECT seq FROM records ORDER BY seq", "--format", "csv"),
        ("--actor", "user:u_1", "--format", "parquet", "--out", "{out}"),
    ],
)
def test_sql_and_parquet_answers_count_the_same_lines(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    given = [a.replace("{out}", str(tmp_path / "answer.parquet")) for a in args]
    result = run("query", str(_log(tmp_path)), *given)
    assert result.exit_code == 0, result.output
    assert f"registry: {SKIPPED} line(s) skipped: not JSON records" in result.stderr


def test_a_file_of_valid_records_counts_none_and_mixed_sources_answer_alike(
    tmp_path: Path,
) -> None:
    log = tmp_path / "clean.jsonl"
    log.write_text("\n".join(record(n, actor=f"u_{n % 2}") for n in range(6)) + "\n", "utf-8")
    written = tmp_path / "clean.parquet"
    assert run("query", str(log), "--format", "parquet", "--out", str(written)).exit_code == 0
    clause, params = where(Filters(actor=("user", "u_1")))
    for paths in ((str(log),), (str(log), str(written)), (str(written),)):
        with Session(find_sources(paths)) as session:
            expected = session.answer(records_sql(clause, 2), params)
        with Session(find_sources(paths)) as session:
            answer, skipped = session.records(clause, params, 2)
        assert (answer, skipped) == (expected, 0)
        seqs = [row[answer.columns.index("seq")] for row in answer.rows]
        assert seqs == ([1, 1] if len(paths) == 2 else [1, 3])


def test_no_connection_draws_duckdbs_progress_bar(tmp_path: Path) -> None:
    """DuckDB draws a progress bar on stdout for a statement over two seconds: it went into
    `--format jsonl` answers of 1,000,000 lines (found by bench/bench_query.py)."""
    from registry.query.engine import connect

    setting = "SELECT current_setting('enable_progress_bar')"
    with Session(find_sources((str(_log(tmp_path)),))) as session:
        assert session.connection.execute(setting).fetchall() == [(False,)]
    connection = connect()
    try:
        assert connection.execute(setting).fetchall() == [(False,)]
    finally:
        connection.close()

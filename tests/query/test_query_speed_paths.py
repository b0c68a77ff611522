"""The fast paths of `registry query --actor` give the answers of the plain ones: the test on
the raw line (`filters._line_holds`) never drops a record whose actor matches, whatever way
the line writes it (escapes, numbers, other writers), and is never applied to Parquet, whose
columns need not agree with their line. Through the CLI, on real DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from query_helpers import duckdb_or_skip, run

from registry.query.filters import Filters, where

duckdb_or_skip()

BASE = {
    "id": "01a237bc-5887-726c-a227-000000000000",
    "event": "account.promoted",
    "version": 1,
    "occurred_at": "2026-05-01T10:00:00.000Z",
    "targets": [],
    "outcome": "success",
    "tenant": "acme",
    "fields": {},
}


def line(seq: int, actor: str) -> str:
    """A record whose `actor` member is the JSON text given, as another writer may write it."""
    body = json.dumps({**BASE, "seq": seq, "stream": "s"}, separators=(",", ":"))
    return body[:-1] + f',"actor":{actor}}}'


# (the actor member as written, --actor given, whether it matches)
CASES = [
    ('{"type":"user","id":"u_42"}', "user:u_42", True),
    ('{"type":"user","id":"u_\\u0034\\u0032"}', "user:u_42", True),
    ('{"type":"\\u0075ser","id":"u_42"}', "user:u_42", True),
    ('{"type":"user","id":"u\\/42"}', "user:u/42", True),
    ('{"type":"user","id":"\\u00e9l\\u00e8ve"}', "user:\u00e9l\u00e8ve", True),
    ('{"type":"user","id":"\u00e9l\u00e8ve"}', "user:\u00e9l\u00e8ve", True),
    ('{ "type" : "user" , "id" : "u_42" }', "user:u_42", True),
    ('{"type":"user","id":42}', "user:42", True),
    ('{"type":"user","id":1e2}', "user:100.0", True),
    ('{"type":"user","id":0.10}', "user:0.1", True),
    ('{"type":"user","id":NaN}', "user:NaN", True),
    ('{"type":"user","id":true}', "user:true", True),
    ('{"type":"user","id":{"a": 1}}', 'user:{"a":1}', True),
    ('{"type":"user","id":["a", 1]}', 'user:["a",1]', True),
    ('{"type":"user","id":"u_42"}', "user:*", True),
    ('{"type":"\\u0075ser","id":"u_7"}', "user:*", True),
    ('{"type":"user","id":"u_420"}', "user:u_42", False),
    ('{"type":"user","id":"u_42 "}', "user:u_42", False),
    ('{"type":"user","id":"u_42","request_id":"u_42"}', "user:u_4", False),
    ('{"type":"user","id":"null"}', "user:null", True),
    ('{"type":"user","id":false}', "user:false", True),
    ('{"type":"user","id":"U_42"}', "user:u_42", False),
    ('{"type":"service","id":"u_42"}', "user:u_42", False),
    ('{"type":"user","id":null}', "user:null", False),
    ('{"type":"user","id":"u_\\u0034\\u0033"}', "user:u_42", False),
]


@pytest.mark.parametrize(("actor", "given", "matches"), CASES)
def test_an_actor_filter_finds_the_records_however_the_line_writes_them(
    tmp_path: Path, actor: str, given: str, matches: bool
) -> None:
    log = tmp_path / "audit.jsonl"
    others = [line(1, '{"type":"user","id":"u_1"}'), line(2, '{"type":"user","id":"x"}')]
    log.write_text("\n".join([line(0, actor), *others]) + "\n", encoding="utf-8")
    result = run("query", str(log), "--actor", given, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    found = [json.loads(text)["seq"] for text in result.stdout.splitlines()]
    expected = [0, 1, 2] if given == "user:*" else [0] if matches else []
    assert found == expected


@pytest.mark.parametrize(
    ("actor", "tested"),
    [
        (("user", "u_42"), ['"u_42"', '"user"']),
        (("user", "*"), ['"user"']),
        (("user", "true"), []),
        (("user", "False"), []),
        (("user", "42"), []),
        (("user", "-1.5E+3"), []),
        (("user", "-Infinity"), []),
        (("user", "nan"), []),
        (("user", '{"a":1}'), []),
        (("user", "[1]"), []),
        (("7", "u_42"), []),
    ],
)
def test_the_line_is_tested_only_for_values_a_json_string_writes_as_they_read(
    actor: tuple[str, str], tested: list[str]
) -> None:
    clause, params = where(Filters(actor=actor))
    compared = 1 if actor[1] == "*" else 2
    assert params[: len(params) - compared] == tested  # the line tests come first
    assert ("contains(line" in clause) == bool(tested)


def test_a_parquet_file_is_filtered_by_its_columns_not_by_its_line(tmp_path: Path) -> None:
    import duckdb

    log = tmp_path / "audit.jsonl"
    log.write_text(line(0, '{"type":"user","id":"u_42"}') + "\n", encoding="utf-8")
    written = tmp_path / "written.parquet"
    result = run("query", str(log), "--format", "parquet", "--out", str(written))
    assert result.exit_code == 0, result.output
    other = tmp_path / "other.parquet"
    with duckdb.connect() as connection:
        # Another writer: the columns say u_42, the line says nothing of it.
        connection.execute(
            f"COPY (SELECT * REPLACE ('{{\"seq\":0}}' AS line) FROM read_parquet('{written}')) "
            f"TO '{other}' (FORMAT parquet)"
        )
    result = run("query", str(other), "--actor", "user:u_42", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2

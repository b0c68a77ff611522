"""`registry query` end to end: a chained, rotated log written by generated emitters through
the real sink, read by the real DuckDB (no mocks); every filter, every output format, the
read-only `--sql`, `--subject` on nested hashed members, and bad input."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from query_helpers import KEY, MAIL, duckdb_or_skip, emitters, run, write_log

from registry.query.output import ELLIPSIS, FORMULA_STARTS, neutralised

from conftest import REPO

duckdb_or_skip()


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("trail")
    (root / "logs").mkdir()
    with emitters(root) as package:
        write_log(package, root / "logs" / "audit.jsonl")
    return root


def logs(trail: Path) -> str:
    return str(trail / "logs")


def catalog(trail: Path) -> str:
    return str(trail / "catalog")


def records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


def seqs(*args: str, env: dict[str, str] | None = None) -> list[int]:
    result = run("query", *args, "--format", "jsonl", env=env)
    assert result.exit_code == 0, result.output
    return [int(str(r["seq"])) for r in records(result.stdout)]


FILTERS = [
    ((), [0, 1, 2, 3, 4, 5]),
    (("--event", "user.promoted"), [2, 3, 5]),
    (("--event", "user.profile_*"), [0, 1, 4]),
    (("--event", "user.promoted", "--event", "nothing.*"), [2, 3, 5]),
    (("--actor", "user:u_1"), [0, 1]),
    (("--actor", "user:*"), [0, 1, 2, 3, 4, 5]),
    (("--actor", "service:u_1"), []),
    (("--target", "user:u_9"), [0, 2]),
    (("--target", "user:*", "--actor", "user:u_3"), [4]),
    (("--outcome", "failure"), [3]),
    (("--tenant", "acme"), [0, 1, 2, 3, 4, 5]),
    (("--tenant", "other"), []),
    (("--since", "2000-01-01T00:00:00Z"), [0, 1, 2, 3, 4, 5]),
    (("--since", "1d"), [0, 1, 2, 3, 4, 5]),
    (("--until", "2000-01-01"), []),
    (("--since", "2999-01-01T00:00:00+02:00"), []),
    (("--field", "role=admin"), [2]),
    (("--field", "profile.locale=fr"), [4]),
    (("--field", "profile__locale=-nl"), [1]),
    (("--field", "attempts=3"), [1]),  # compared as text without the catalog
    (("--limit", "2"), [0, 1]),
]


@pytest.mark.parametrize(("args", "expected"), FILTERS)
def test_every_filter_selects_exactly_its_records(
    trail: Path, args: tuple[str, ...], expected: list[int]
) -> None:
    assert seqs(logs(trail), *args) == expected


TYPED = [
    (("--field", "attempts=3"), [1]),
    (("--field", "attempts=2", "--event", "user.*"), [4]),
    (("--field", "role=ops"), [5]),
]


@pytest.mark.parametrize(("args", "expected"), TYPED)
def test_field_values_are_typed_by_the_catalog(
    trail: Path, args: tuple[str, ...], expected: list[int]
) -> None:
    assert seqs(logs(trail), "--catalog", catalog(trail), *args) == expected


def test_jsonl_gives_the_exact_lines_and_never_a_control_record(trail: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.jsonl"
    lines = []
    for name in ("audit.jsonl.1", "audit.jsonl.2", "audit.jsonl.3", "audit.jsonl"):
        lines += (trail / "logs" / name).read_text("utf-8").splitlines()
    body = "\n".join([*lines[:3], '{"control":"abandoned","bytes":3,"sha256":"00"}', *lines[3:]])
    copy.write_text(body + "\n", "utf-8")
    result = run("query", str(copy), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == lines


def test_rotated_and_gzipped_files_read_as_one_log(trail: Path, tmp_path: Path) -> None:
    for source in (trail / "logs").iterdir():
        if source.name == "audit.jsonl.2":
            with gzip.open(tmp_path / "audit.jsonl.2.gz", "wb") as packed:
                packed.write(source.read_bytes())
        else:
            shutil.copy(source, tmp_path / source.name)
    assert seqs(str(tmp_path)) == [0, 1, 2, 3, 4, 5]


def test_table_fits_the_terminal_width(trail: Path) -> None:
    for width in (60, 90, 200):
        result = run("query", logs(trail), env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert len(lines) == 2 + 6
        assert lines[0].startswith("occurr")
        assert max(len(line) for line in lines) <= width
        assert (ELLIPSIS in result.stdout) == (width < 120)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-nl", "'-nl"),
        ("@admin", "'@admin"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (-5, -5),
        (None, None),
    ],
)
def test_csv_cells_a_spreadsheet_would_execute_are_neutralised(
    value: object, expected: object
) -> None:
    assert neutralised(value) == expected


def test_csv_output_neutralises_formulas_in_records(trail: Path) -> None:
    result = run(
        "query", logs(trail), "--catalog", catalog(trail), "--format", "csv",
        "--sql", "select request_id, role from user_promoted union all "
        "select request_id, profile__locale from user_profile_updated",
    )
    assert result.exit_code == 0, result.output
    cells = {c for row in csv.reader(io.StringIO(result.stdout)) for c in row if c}
    assert {"'=HYPERLINK(1)", "'@admin", "'-nl", "admin"} <= cells
    assert not any(c.startswith(FORMULA_STARTS) for c in cells)


def test_parquet_round_trip_keeps_every_record_and_column(trail: Path, tmp_path: Path) -> None:
    out = tmp_path / "trail.parquet"
    written = run("query", logs(trail), "--format", "parquet", "--out", str(out))
    assert written.exit_code == 0, written.output
    assert out.read_bytes()[:4] == b"PAR1"
    whole = run("query", logs(trail), "--format", "jsonl").stdout
    assert run("query", str(out), "--format", "jsonl").stdout == whole
    assert seqs(str(out), "--actor", "user:u_2", "--field", "role=admin") == [2]
    typed = run("query", str(out), "--format", "csv", "--sql",
                "select typeof(occurred_at) t, typeof(seq) s, typeof(targets) g from records limit 1")
    assert typed.stdout.splitlines()[1] == 'TIMESTAMP WITH TIME ZONE,BIGINT,"STRUCT(""type"" VARCHAR, id VARCHAR)[]"'


def test_catalog_views_have_typed_flattened_columns(trail: Path) -> None:
    result = run(
        "query", logs(trail), "--catalog", catalog(trail), "--format", "jsonl", "--sql",
        "select seq, profile__locale, attempts, typeof(attempts) as t from user_profile_updated "
        "order by seq",
    )
    assert result.exit_code == 0, result.output
    assert records(result.stdout) == [
        {"seq": 0, "profile__locale": "en_GB", "attempts": 1, "t": "BIGINT"},
        {"seq": 1, "profile__locale": "-nl", "attempts": 3, "t": "BIGINT"},
        {"seq": 4, "profile__locale": "fr", "attempts": 2, "t": "BIGINT"},
    ]


def test_filters_apply_to_records_under_sql(trail: Path) -> None:
    result = run("query", logs(trail), "--actor", "user:u_2", "--format", "csv",
                 "--sql", "select count(*) as n from records")
    assert result.stdout.splitlines() == ["n", "3"]


SUBJECT_ENV = {"REGISTRY_AUDIT_HMAC_KEY": KEY}


def test_subject_finds_nested_hashed_members_and_hashed_context(trail: Path) -> None:
    # seq 0: profile.email (a pii member inside an object); seq 4: the ip (context, hashed)
    result = run("query", logs(trail), "--subject", MAIL, "--format", "jsonl", env=SUBJECT_ENV)
    assert result.exit_code == 0, result.output
    assert [r["seq"] for r in records(result.stdout)] == [0, 4]
    assert MAIL not in result.output
    from_stdin = run("query", logs(trail), "--subject", "-", "--format", "csv",
                     env=SUBJECT_ENV, stdin=MAIL + "\n")
    assert len(from_stdin.stdout.splitlines()) == 3
    assert MAIL not in from_stdin.output
    assert seqs(logs(trail), "--subject", "nobody@example.com", env=SUBJECT_ENV) == []
    assert seqs(logs(trail), "--subject", "s_1", env=SUBJECT_ENV) == [0]


def test_subject_without_a_key_says_so_without_the_value(trail: Path) -> None:
    result = run("query", logs(trail), "--subject", MAIL, "--hmac-key-env", "NO_SUCH_KEY_VAR")
    assert result.exit_code == 2
    assert "NO_SUCH_KEY_VAR" in result.output
    assert MAIL not in result.output


def test_sql_is_read_only_and_sees_only_the_views(trail: Path, tmp_path: Path) -> None:
    cases = [
        ("copy records to '" + str(tmp_path / "x.csv") + "'", "one SELECT statement"),
        ("select 1; select 2", "one SELECT statement"),
        ("create table t as select 1", "one SELECT statement"),
        ("select * from read_csv('" + str(REPO / "pyproject.toml") + "')", "only the views"),
        ("select * from read_text('/etc/hostname')", "only the views"),
        ("select nope from records", "nope"),
    ]
    for sql, message in cases:
        result = run("query", logs(trail), "--sql", sql)
        assert result.exit_code == 2, (sql, result.output)
        assert message in result.stderr
        assert "Traceback" not in result.output
    assert not (tmp_path / "x.csv").exists()


def test_bad_input_is_located_exit_2_no_traceback(trail: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(gzip.compress((trail / "logs" / "audit.jsonl.1").read_bytes())[:40])
    fake = tmp_path / "fake.parquet"
    fake.write_text("not parquet", "utf-8")
    cases = [
        (("query", str(tmp_path / "missing.jsonl")), "no such file"),
        (("query", logs(trail), "--since", "yesterday"), "--since: 'yesterday' is not a time"),
        (("query", logs(trail), "--actor", "u_1"), "--actor: 'u_1' is not TYPE:ID"),
        (("query", logs(trail), "--field", "nofield"), "is not NAME=VALUE"),
        (("query", logs(trail), "--catalog", catalog(trail), "--field", "colour=red"),
         "'colour' is not a field of any event"),
        (("query", logs(trail), "--catalog", catalog(trail), "--field", "attempts=many"),
         "attempts is integer in the catalog"),
        (("query", logs(trail), "--catalog", catalog(trail), "--field", f"profile.email={MAIL}"),
         "find a person's records with --subject"),
        (("query", str(truncated)), "damaged or truncated .gz"),
        (("query", str(fake)), "not a Parquet file"),
        (("query", logs(trail), "--format", "parquet"), "needs --out"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
        assert MAIL not in result.output


def test_lines_that_are_not_records_are_skipped_and_counted(trail: Path, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl"
    good = (trail / "logs" / "audit.jsonl").read_text("utf-8")
    mixed.write_text("not json\n[1, 2]\n\n" + good + '{"broken": \n', "utf-8")
    result = run("query", str(mixed), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert result.stdout == good
    assert "3 line(s) skipped: not JSON records" in result.stderr


def test_no_extension_is_downloaded_or_loaded_from_disk(trail: Path, tmp_path: Path) -> None:
    """Offline: DuckDB's extension directory is an empty one, and the network is unreachable
    (a proxy on a closed port); the query still answers from the built-in readers."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "PYTHONPATH": str(REPO),
    }
    parquet = tmp_path / "t.parquet"
    for args in (["--format", "parquet", "--out", str(parquet)], ["--format", "jsonl"]):
        done = subprocess.run(
            [sys.executable, "-m", "registry", "query", logs(trail), *args],
            env=env, capture_output=True, text=True, check=False, timeout=120,
        )
        assert done.returncode == 0, done.stderr
    assert list(home.rglob("*")) == []

    from registry.query.engine import OFFLINE, Session
    from registry.query.sources import find_sources

    assert OFFLINE == {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    with Session(find_sources((logs(trail), str(parquet)))) as session:
        settings = session.answer(
            "select name, value from duckdb_settings() where name like 'auto%extensions'", []
        )
    assert dict(settings.rows) == {
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
    }
    import duckdb

    empty = tmp_path / "extensions"
    empty.mkdir()
    connection = duckdb.connect(config={**OFFLINE, "extension_directory": str(empty)})
    count = connection.execute(
        "select count(*) from read_parquet($1)", [str(parquet)]
    ).fetchall()
    loaded = connection.execute(
        "select extension_name, install_mode from duckdb_extensions() where loaded"
    ).fetchall()
    connection.close()
    assert count == [(6,)]
    assert {mode for _name, mode in loaded} == {"STATICALLY_LINKED"}
    assert {"json", "parquet"} <= {name for name, _mode in loaded}
    assert list(empty.rglob("*")) == []


def test_parquet_and_generated_views_hand_off_to_plain_duckdb(trail: Path, tmp_path: Path) -> None:
    """docs/query.md's hand-off: the Parquet of `query --format parquet` and the views of
    `generate sql`, read by DuckDB alone."""
    import duckdb

    parquet = tmp_path / "trail.parquet"
    assert run("query", logs(trail), "--format", "parquet", "--out", str(parquet)).exit_code == 0
    assert run("generate", "sql", catalog(trail), "--out", str(tmp_path / "sql")).exit_code == 0
    db = duckdb.connect()
    db.execute(f"CREATE VIEW records AS SELECT * FROM read_parquet('{parquet}')")
    db.execute((tmp_path / "sql" / "views.sql").read_text("utf-8"))
    rows = db.sql("SELECT seq, actor_id, role FROM user_promoted ORDER BY seq").fetchall()
    db.close()
    assert rows == [(2, "u_2", "admin"), (3, "u_2", "@admin"), (5, "u_2", "ops")]


def test_a_record_without_actor_shows_an_empty_actor_not_none(tmp_path: Path) -> None:
    from registry.query.output import actor_text

    assert actor_text(None, None) == ""
    assert actor_text("user", "u_1") == "user:u_1"
    log = tmp_path / "plain.jsonl"
    log.write_text('{"event":"user.signed_in","id":"r1"}\n', "utf-8")
    duckdb_or_skip()
    result = run("query", str(log), "--format", "table")
    assert result.exit_code == 0, result.output
    assert "None" not in result.stdout
    assert ":" not in result.stdout.splitlines()[-1]

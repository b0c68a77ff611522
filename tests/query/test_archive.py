"""`registry archive`: chained, signed logs the real sink writes, archived as hive-partitioned
Parquet through the CLI; `registry query` and `registry query --verify` read the archive.
Each tampering with the archive is named; a broken chain, or logs that do not continue the
archived chain, are refused unless --force, and nothing is written."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st
from proof_helpers import (
    SPEC,
    STREAM,
    lines,
    public_keys,
    public_pem,
    rewrite,
    signer,
    span_set,
    write_signed,
)
from query_helpers import KEY, MAIL, duckdb_or_skip, emitters, run, write_log

from registry.query.archive import prove_archive
from registry_runtime import Actor, Emitter, JsonLinesSink

from conftest import REPO

FIRST, GROWN = 35, 12
"""Records of the first batch, then of the second (the log grown)."""
ALL = FIRST + GROWN
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
REFUSED = (
    "registry: not archived: the chain is broken (registry verify-log lists every problem; "
    "--force archives anyway and says so in the manifest)"
)
INTACT = {
    "ok": True, "signed": True, "forced": False, "problems": 0, "kinds": [], "unsealed": 0,
    "breaks": [],
}  # fmt: skip


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`logs/audit.jsonl` (35 signed records) and `grown/audit.jsonl` (the same, then 12 more),
    the public key, and `archive/` (both batches: the first log, then the grown one)."""
    duckdb_or_skip()
    root = tmp_path_factory.mktemp("archive")
    (root / "logs").mkdir()
    write_signed(root / "logs" / "audit.jsonl", FIRST)
    shutil.copytree(root / "logs", root / "grown")
    write_signed(root / "grown" / "audit.jsonl", GROWN, start=FIRST)
    public_pem(root / "pub.pem")
    for logs in ("logs", "grown"):
        assert _archive(root, logs, "--public-key", str(root / "pub.pem")).exit_code == 0
    shutil.move(root / "archived", root / "archive")
    return root


@pytest.fixture
def copy(pristine: Path, tmp_path: Path) -> Path:
    for name in ("logs", "grown", "archive"):
        shutil.copytree(pristine / name, tmp_path / name)
    shutil.copy(pristine / "pub.pem", tmp_path / "pub.pem")
    return tmp_path


def _archive(root: Path, logs: str = "logs", *args: str) -> Result:
    """`registry archive ROOT/LOGS --to ROOT/archived`."""
    duckdb_or_skip()
    return run("archive", str(root / logs), "--to", str(root / "archived"), *args)


def _signed(root: Path, logs: str = "logs", *args: str) -> Result:
    return _archive(root, logs, "--public-key", str(root / "pub.pem"), *args)


def _manifest(archive: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((archive / "manifest.json").read_text("utf-8"))
    return loaded


def _parts(archive: Path) -> list[str]:
    return sorted(p.relative_to(archive).as_posix() for p in archive.rglob("*.parquet"))


def _query(path: Path, *args: str) -> Result:
    return run("query", str(path), *args)


def _rows(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def _stream(log: Path, first: int, last: int) -> dict[str, Any]:
    """What the manifest says of stream s-one's records `first` to `last` in `log`."""
    last_hash = next(json.loads(x)["hash"] for x in lines(log) if json.loads(x)["seq"] == last)
    return {"first_seq": first, "last_seq": last, "last_hash": last_hash, "rows": last - first + 1}


def _rewrite_part(part: Path, change: str) -> None:
    """Rewrite one Parquet part file with DuckDB: `change` is run on its table `t`."""
    import duckdb

    connection = duckdb.connect()
    try:
        connection.execute(
            "CREATE TABLE t AS SELECT * FROM read_parquet($1, hive_partitioning=false)", [str(part)]
        )
        connection.execute(change)
        connection.execute("COPY t TO $1 (FORMAT parquet)", [str(part)])
    finally:
        connection.close()


# -- writing ---------------------------------------------------------------------------------


def test_first_run_writes_hive_partitions_a_manifest_and_the_checkpoints(copy: Path) -> None:
    result = _signed(copy)
    out, log = copy / "archived", copy / "logs" / "audit.jsonl"
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"archived 35 records (0 control records) of 1 stream to {out} as batch 1 "
        "(chain intact; signed checkpoints checked)\n"
    )
    assert result.stderr == ""
    days = sorted({json.loads(line)["occurred_at"][:10] for line in lines(log)})
    parts = _parts(out)
    folders = sorted({part.rsplit("/", 1)[0] for part in parts})
    assert folders == [f"records/tenant=acme/date={day}/event=thing.happened" for day in days]
    assert all(re.fullmatch(rf".*/part-000001-{UUID}\.parquet", part) for part in parts)
    manifest = _manifest(out)
    stream = _stream(log, 0, 34)
    assert {key: value for key, value in manifest.items() if key != "batches"} == {
        "format": "registry-archive", "version": 1, "rows": 35, "control_rows": 0,
        "streams": {STREAM: stream},
    }  # fmt: skip
    [batch] = manifest["batches"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", batch.pop("archived_at"))
    assert batch == {
        "batch": 1,
        "inputs": [{"path": str(log), "bytes": log.stat().st_size,
                    "sha256": hashlib.sha256(log.read_bytes()).hexdigest()}],
        "verified": INTACT, "rows": 35, "control_rows": 0, "streams": {STREAM: stream},
        "files": parts, "checkpoints": ["checkpoints/s-one.checkpoints"],
    }  # fmt: skip
    assert (out / "checkpoints" / "s-one.checkpoints").read_bytes() == (
        copy / "logs" / "audit.jsonl.checkpoints"
    ).read_bytes()


def test_each_row_keeps_its_exact_line_and_the_partition_columns_live_in_the_path(
    pristine: Path,
) -> None:
    import duckdb

    archive = pristine / "archive"
    files = [str(archive / part) for part in _parts(archive)]
    connection = duckdb.connect()
    try:
        relation = connection.sql(
            "SELECT * FROM read_parquet($1, hive_partitioning=false)", params=[files]
        )
        columns = relation.columns
        id_type = relation.types[columns.index("id")]
        stored = sorted(line for (line,) in relation.select("line").fetchall())
    finally:
        connection.close()
    assert not {"tenant", "date", "event", "file"} & set(columns)
    assert id_type == "VARCHAR"  # Spark refuses Parquet's UUID type
    assert {"stream", "seq", "prev_hash", "hash", "line", "occurred_at", "fields"} <= set(columns)
    assert stored == sorted(lines(pristine / "grown" / "audit.jsonl"))


def test_the_same_log_again_is_a_no_op(copy: Path) -> None:
    assert _signed(copy).exit_code == 0
    out = copy / "archived"
    manifest, parts = (out / "manifest.json").read_bytes(), _parts(out)
    again = _signed(copy)
    assert again.exit_code == 0
    assert again.stdout == f"nothing new to archive: {out} has every record already\n"
    assert (out / "manifest.json").read_bytes() == manifest
    assert _parts(out) == parts


def test_checkpoints_written_later_are_added_and_seal_records_archived_before(
    copy: Path,
) -> None:
    assert _signed(copy).exit_code == 0
    out = copy / "archived"
    _drop_last_checkpoint(out)  # as if archived before the writer sealed its last records
    sql = ("--sql", "SELECT count(*) FILTER (WHERE proven) AS p FROM records", "--format", "jsonl")
    key = ("--verify", "--public-key", str(copy / "pub.pem"))
    before = _query(out, *key, *sql)
    assert (before.exit_code, _rows(before)) == (3, [{"p": 30}])
    again = _signed(copy)
    assert again.exit_code == 0
    assert again.stdout == (
        f"nothing new to archive: {out} has every record already (1 checkpoint added)\n"
    )
    after = _query(out, *key, *sql)
    assert (after.exit_code, _rows(after)) == (0, [{"p": FIRST}])


def test_a_grown_log_adds_only_its_new_records_as_batch_2(copy: Path) -> None:
    assert _signed(copy).exit_code == 0
    out = copy / "archived"
    first = _parts(out)
    result = _signed(copy, "grown")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"archived 12 records (0 control records) of 1 stream to {out} as batch 2 "
        "(chain intact; signed checkpoints checked)\n"
    )
    manifest, log = _manifest(out), copy / "grown" / "audit.jsonl"
    assert (manifest["rows"], manifest["streams"]) == (ALL, {STREAM: _stream(log, 0, 46)})
    batch = manifest["batches"][1]
    assert (batch["batch"], batch["rows"], batch["streams"]) == (
        2,
        12,
        {STREAM: _stream(log, 35, 46)},
    )
    added = sorted(set(_parts(out)) - set(first))
    assert batch["files"] == added
    assert set(first) <= set(_parts(out))
    assert all(re.fullmatch(rf".*/part-000002-{UUID}\.parquet", part) for part in added)
    counted = _query(out, "--sql", "SELECT count(*) AS n, count(DISTINCT seq) AS d, min(seq) AS "
                     "lo, max(seq) AS hi FROM records", "--format", "jsonl")  # fmt: skip
    assert _rows(counted) == [{"n": ALL, "d": ALL, "lo": 0, "hi": 46}]


def _plain(n: int) -> str:
    """A record of a plain (unchained) log."""
    return json.dumps({
        "id": f"01a23ae5-e6aa-72bd-9625-b970f5521f4{n}", "event": "thing.happened", "version": 1,
        "occurred_at": f"2026-05-0{n + 1}T00:00:00Z", "actor": {"type": "user", "id": "u"},
        "targets": [], "outcome": "success", "reason": None, "context": {}, "tenant": None,
        "fields": {"n": n},
    })  # fmt: skip


def test_a_plain_log_is_archived_only_with_force_and_compared_by_its_text(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "plain.jsonl"
    log.parent.mkdir()
    rewrite(log, [_plain(n) for n in range(3)])
    refused = _archive(tmp_path)
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[-1] == REFUSED
    out = tmp_path / "archived"
    first = _archive(tmp_path, "logs", "--force")
    assert first.stdout == (
        f"archived 3 records (0 control records) of 0 streams to {out} as batch 1 "
        "(chain BROKEN, archived with --force; unsigned)\n"
    )
    assert _parts(out)[0].startswith("records/tenant=__HIVE_DEFAULT_PARTITION__/date=2026-05-01/")
    again = _archive(tmp_path, "logs", "--force")
    assert again.stdout == f"nothing new to archive: {out} has every record already\n"
    rewrite(log, [*lines(log), _plain(3)])
    grown = _archive(tmp_path, "logs", "--force")
    assert "archived 1 record (0 control records) of 0 streams" in grown.stdout
    answer = _query(out, "--sql", "SELECT count(*) AS n FROM records", "--format", "jsonl")
    assert _rows(answer) == [{"n": 4}]
    verified = _query(out, "--verify", "--public-key", str(public_pem(tmp_path / "pub.pem")),
                      "--sql", "SELECT count(*) AS n FROM records WHERE NOT proven",
                      "--format", "jsonl")  # fmt: skip
    assert verified.exit_code == 3  # never proven, and said so
    assert _rows(verified) == [{"n": 4}]
    assert verified.stderr.splitlines() == [
        "verified: chain intact; 0 of 0 chained records proven by signed checkpoints",
        "  unproven: 4 first-format records (no checkpoints)",
    ]


def test_records_of_a_crashed_writer_keep_their_control_record_and_are_proven(
    tmp_path: Path,
) -> None:
    log = tmp_path / "logs" / "audit.jsonl"
    log.parent.mkdir()
    write_signed(log, 5)
    with open(log, "ab") as handle:
        handle.write(b'{"id":"cut short')  # a writer died mid-write
    write_signed(log, 5, start=5)  # the next one closes the fragment with a control record
    public_pem(tmp_path / "pub.pem")
    result = _signed(tmp_path)
    out = tmp_path / "archived"
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"archived 10 records (1 control record) of 1 stream to {out} as batch 1 "
        "(chain intact; signed checkpoints checked)\n"
    )
    assert result.stderr == (
        f"{log}:6: torn: fragment of a crashed write, closed by the next writer (line 7)\n"
    )
    assert "control/part-000001-control.parquet" in _parts(out)
    proved = _query(out, "--verify", "--public-key", str(tmp_path / "pub.pem"), "--sql",
                    "SELECT seq, proven FROM records ORDER BY seq", "--format", "jsonl")  # fmt: skip
    assert proved.exit_code == 0
    assert _rows(proved) == [{"seq": s, "proven": True} for s in (0, 1, 2, 3, 4, 6, 7, 8, 9, 10)]
    assert "chain intact; 11 of 11 chained records proven by signed checkpoints" in proved.stderr


# -- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "jsonl"),
        ("--actor", "user:u_1", "--since", "2000-01-01", "--format", "jsonl"),
        ("--sql", "SELECT * EXCLUDE (file) FROM records ORDER BY seq", "--format", "csv"),
        (
            "--sql",
            "SELECT tenant, event, count(*) AS n FROM records GROUP BY ALL",
            "--format",
            "csv",
        ),
    ],
    ids=["every record", "filtered", "every column", "partition columns"],
)
def test_query_reads_the_archive_as_it_reads_the_log(pristine: Path, args: tuple[str, ...]) -> None:
    from_log = _query(pristine / "grown", *args)
    from_archive = _query(pristine / "archive", *args)
    assert from_log.exit_code == from_archive.exit_code == 0
    assert from_archive.stdout == from_log.stdout
    assert from_archive.stdout.count("\n") > 1


TENANTS: dict[str | None, str] = {
    "acme": "acme",
    "007": "007",
    "a/b c=%d": "a%2Fb%20c%3D%25d",
    "../x": "..%2Fx",
    "é=ü": "%C3%A9%3D%C3%BC",
    None: "__HIVE_DEFAULT_PARTITION__",
    "__HIVE_DEFAULT_PARTITION__": "%5F_HIVE_DEFAULT_PARTITION__",
}
"""Tenant -> its partition folder (percent-encoded by DuckDB; a missing one is the default)."""


def test_awkward_tenants_stay_inside_the_archive_and_read_back_as_text(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    sink = JsonLinesSink(tmp_path / "logs" / "audit.jsonl", signer=signer(),
                         stream=STREAM)  # fmt: skip
    for n, tenant in enumerate(TENANTS):
        Emitter(sink, hmac_key=b"k" * 32, tenant=tenant)._emit(
            SPEC, {"n": n}, actor=Actor("user", "u"), targets=[], outcome="success", reason=None,
            context=None, tenant=None,
        )  # fmt: skip
    sink.close()
    assert _archive(tmp_path).exit_code == 0
    out = tmp_path / "archived"
    folders = {part.split("/")[1] for part in _parts(out)}
    assert folders == {f"tenant={folder}" for folder in TENANTS.values()}
    assert all(len(part.split("/")) == 5 for part in _parts(out))  # records/tenant/date/event/part
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archived", "logs"]
    read = _query(out, "--sql", "SELECT tenant, CAST(fields.n AS INT) AS n FROM records ORDER BY n",
                  "--format", "jsonl")  # fmt: skip
    assert _rows(read) == [{"tenant": t, "n": n} for n, t in enumerate(TENANTS)]
    only = _query(out, "--tenant", "007", "--sql", "SELECT CAST(fields.n AS INT) AS n FROM records",
                  "--format", "jsonl")  # fmt: skip
    assert _rows(only) == [{"n": 1}]


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The query tests' catalog and its rotated, unsigned chained log (two files), archived."""
    duckdb_or_skip()
    root = tmp_path_factory.mktemp("trail")
    (root / "logs").mkdir()
    with emitters(root) as package:
        write_log(package, root / "logs" / "audit.jsonl")
    assert _archive(root).exit_code == 0
    return root


def test_an_unsigned_rotated_log_is_archived_and_said_unsigned(trail: Path) -> None:
    [batch] = _manifest(trail / "archived")["batches"]
    assert batch["verified"] == {**INTACT, "signed": False, "unsealed": 6}
    names = ["audit.jsonl.1", "audit.jsonl.2", "audit.jsonl.3", "audit.jsonl"]
    assert [Path(i["path"]).name for i in batch["inputs"]] == names
    assert batch["checkpoints"] == []
    again = _archive(trail)
    assert (
        again.stdout == f"nothing new to archive: {trail / 'archived'} has every record already\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--sql", "SELECT actor_id, role, outcome, reason FROM user_promoted ORDER BY seq"),
        ("--sql", "SELECT profile__email, attempts FROM user_profile_updated ORDER BY seq"),
        ("--subject", MAIL),
        ("--sql", "SELECT typeof(id) AS t, count(*) AS n FROM records GROUP BY t"),
    ],
    ids=["event view", "nested members", "subject", "id typed"],
)
def test_catalog_views_and_subject_read_the_archive_as_the_log(
    trail: Path, args: tuple[str, ...]
) -> None:
    common = ("--catalog", str(trail / "catalog"), "--format", "jsonl", *args)
    env = {"REGISTRY_AUDIT_HMAC_KEY": KEY}
    from_log = run("query", str(trail / "logs"), *common, env=env)
    from_archive = run("query", str(trail / "archived"), *common, env=env)
    assert from_log.exit_code == from_archive.exit_code == 0, from_archive.output
    assert from_archive.stdout == from_log.stdout
    assert from_archive.stdout


def test_the_duckdb_example_of_the_docs_runs_on_an_archive(trail: Path, tmp_path: Path) -> None:
    """docs/query.md's DuckDB block as written, then the generated views over its `records`."""
    text = (REPO / "docs" / "query.md").read_text("utf-8")
    section = text[text.index("## Archiving the trail") :]
    block = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert block is not None
    shutil.copytree(trail / "archived", tmp_path / "archive")
    assert run("generate", "sql", str(trail / "catalog"), "--dialect", "duckdb", "--out",
               str(tmp_path / "sql")).exit_code == 0  # fmt: skip
    views = "db.execute(open('sql/views.sql').read())\n"
    check = "print(db.sql('SELECT count(*), min(role) FROM user_promoted').fetchall())\n"
    completed = subprocess.run(
        [sys.executable, "-c", block.group(1) + views + check],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert re.search(r"│ acme\s+│ \d{4}-\d\d-\d\d │ user\.promoted\s+│\s+3 │", completed.stdout)
    assert completed.stdout.endswith("[(3, '@admin')]\n")


# -- proving ---------------------------------------------------------------------------------


def _verify(root: Path, *args: str) -> Result:
    return _query(root / "archive", "--verify", "--public-key", str(root / "pub.pem"), *args)


def _proven(result: Result) -> set[int]:
    return {row["seq"] for row in _rows(result) if row["proven"]}


def test_verify_proves_every_archived_record_across_batches(pristine: Path) -> None:
    result = _verify(pristine, "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == (
        "verified: chain intact; 47 of 47 chained records proven by signed checkpoints\n"
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [int(row["seq"]) for row in rows] == list(range(ALL))
    assert {row["proven"] for row in rows} == {"True"}


def _parts_of(archive: Path, batch: int) -> list[Path]:
    """The record part files of `batch` (one, unless its records span two days)."""
    return [archive / p for p in _parts(archive) if f"/part-{batch:06d}-" in p]


def _part_of(archive: Path, batch: int) -> Path:
    return _parts_of(archive, batch)[0]


def _part_with(archive: Path, seq: int) -> Path:
    """The record part file that holds record `seq`."""
    import duckdb

    [part] = [
        part
        for part in _parts_of(archive, 1) + _parts_of(archive, 2)
        if duckdb.sql(f"SELECT count(*) FROM read_parquet('{part}', hive_partitioning=false) "
                      f"WHERE seq = {seq}").fetchall() == [(1,)]
    ]  # fmt: skip
    return part


def _edit_line(archive: Path) -> None:
    _rewrite_part(_part_with(archive, 12), """UPDATE t SET line = replace(line, '"n":12}',
                                              '"n":1012}') WHERE seq = 12""")  # fmt: skip


def _delete_row(archive: Path) -> None:
    _rewrite_part(_part_with(archive, 20), "DELETE FROM t WHERE seq = 20")


def _swap_seq(archive: Path) -> None:
    """Records 3 and 4 trade their `seq` column (which orders the chain), lines unchanged."""
    _rewrite_part(_part_with(archive, 3), "UPDATE t SET seq = 7 - seq WHERE seq IN (3, 4)")


def _remove_batch(archive: Path, batch: int) -> None:
    for part in _parts_of(archive, batch):
        part.unlink()


def _drop_last_checkpoint(archive: Path) -> None:
    seals = archive / "checkpoints" / "s-one.checkpoints"
    rewrite(seals, lines(seals)[:-1])


MISSING = "missing from the archive: a part file manifest.json lists is gone"
TAMPERING = [
    # name, change to the archive, exit code, proven records, lines stated on stderr
    ("row's line edited", _edit_line, 1, set(range(ALL)) - set(range(10, 20)),
     ["verified: chain DAMAGED (1 problem); 37 of 47 chained records proven by signed checkpoints",
      "  unproven: stream s-one records 10 to 19 (damaged: edited)"]),
    ("row deleted", _delete_row, 1, set(range(ALL)) - set(range(20, 30)),
     ["verified: chain DAMAGED (1 problem); 37 of 46 chained records proven by signed checkpoints",
      "  unproven: stream s-one records 20 to 29 (damaged: missing)"]),
    ("last batch's part removed", lambda a: _remove_batch(a, 2), 1, set(range(FIRST)),
     ["verified: chain DAMAGED (2 problems); 35 of 35 chained records proven by signed checkpoints",
      f"  unproven: stream s-one records 35 to 46 ({MISSING})"]),
    ("first batch's part removed", lambda a: _remove_batch(a, 1), 1, {45, 46},
     ["verified: chain DAMAGED (2 problems); 2 of 12 chained records proven by signed checkpoints",
      "  unproven: stream s-one records 0 to 44 (damaged: missing)"]),
    ("seq columns swapped", _swap_seq, 1, set(range(10, ALL)),
     ["verified: chain DAMAGED (2 problems); 37 of 47 chained records proven by signed checkpoints",
      "  unproven: stream s-one records 0 to 9 (damaged: missing, out_of_order)"]),
    ("last checkpoint removed", _drop_last_checkpoint, 3, set(range(45)),
     ["verified: chain intact; 45 of 47 chained records proven by signed checkpoints",
      "  unproven: stream s-one records 45 to 46 (not sealed by a signed checkpoint yet)"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "code", "proven", "stated"),
    [case[1:] for case in TAMPERING],
    ids=[case[0] for case in TAMPERING],
)
def test_each_change_to_the_archive_is_caught_and_named(
    copy: Path, change: Any, code: int, proven: set[int], stated: list[str]
) -> None:
    change(copy / "archive")
    result = _verify(copy, "--sql", "SELECT seq, proven FROM records", "--format", "jsonl")
    assert result.exit_code == code
    assert result.stderr.splitlines() == stated
    assert _proven(result) == proven
    assert "1012" not in result.stderr  # the edited value is never quoted


CHANGES = {
    "edit": "UPDATE t SET line = replace(line, '\"n\":', '\"n\":1') WHERE seq = {seq}",
    "delete": "DELETE FROM t WHERE seq = {seq}",
    "duplicate": "INSERT INTO t SELECT * FROM t WHERE seq = {seq}",
}
"""Changes to one archived row."""


@settings(max_examples=20, deadline=None)
@given(seq=st.integers(0, ALL - 1), kind=st.sampled_from(sorted(CHANGES)))
def test_no_changed_row_of_an_archive_is_ever_proven(
    pristine: Path, tmp_path_factory: pytest.TempPathFactory, seq: int, kind: str
) -> None:
    archive = tmp_path_factory.mktemp("prop") / "archive"
    shutil.copytree(pristine / "archive", archive)
    _rewrite_part(_part_with(archive, seq), CHANGES[kind].format(seq=seq))
    proof = prove_archive(str(archive), public_keys())
    assert not proof.result.ok
    assert seq not in span_set(proof.proven)


def test_verify_shows_the_proven_line_not_a_column_edited_beside_it(copy: Path) -> None:
    _rewrite_part(
        _part_with(copy / "archive", 12), "UPDATE t SET actor_id = 'u_forged' WHERE seq = 12"
    )
    sql = ("--sql", "SELECT actor_id FROM records WHERE seq = 12", "--format", "jsonl")
    assert _rows(_query(copy / "archive", *sql)) == [{"actor_id": "u_forged"}]
    proved = _verify(copy, *sql)
    assert proved.exit_code == 0
    assert _rows(proved) == [{"actor_id": "u_0"}]


# -- refusals --------------------------------------------------------------------------------


def _edit_log(log: Path, seq: int) -> None:
    rewrite(log, [line.replace(f'"n":{seq}}}', f'"n":{seq + 1000}}}') for line in lines(log)])


def _without_hashes(text: str) -> str:
    """`text` without its hex digests, which may hold any digits by chance."""
    return re.sub(r"[0-9a-f]{12,}", "", text)


def test_a_broken_chain_is_refused_and_nothing_is_written(copy: Path) -> None:
    log = copy / "logs" / "audit.jsonl"
    _edit_log(log, 12)
    result = _signed(copy)
    assert result.exit_code == 1
    assert result.stdout == ""
    stated = result.stderr.splitlines()
    assert re.fullmatch(rf"{re.escape(str(log))}:13: edited: record 12 does not match its hash "
                        r"[0-9a-f]{12}\.\.\.: it was changed after it was written \(stream s-one\)",
                        stated[0])  # fmt: skip
    assert stated[1:] == [REFUSED]
    assert "1012" not in _without_hashes(result.stderr)  # the edited value is never quoted
    assert not (copy / "archived").exists()


def test_a_broken_chain_added_to_an_archive_leaves_it_as_it_was(copy: Path) -> None:
    assert _signed(copy).exit_code == 0
    out = copy / "archived"
    manifest, parts = (out / "manifest.json").read_bytes(), _parts(out)
    _edit_log(copy / "grown" / "audit.jsonl", 40)
    result = _signed(copy, "grown")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == REFUSED
    assert (out / "manifest.json").read_bytes() == manifest
    assert _parts(out) == parts


def test_force_archives_a_broken_chain_and_the_manifest_says_so(copy: Path) -> None:
    _edit_log(copy / "logs" / "audit.jsonl", 12)
    result = _signed(copy, "logs", "--force")
    out = copy / "archived"
    assert result.exit_code == 0
    assert result.stdout == (
        f"archived 35 records (0 control records) of 1 stream to {out} as batch 1 "
        "(chain BROKEN, archived with --force; signed checkpoints checked)\n"
    )
    assert _manifest(out)["batches"][0]["verified"] == {
        **INTACT, "ok": False, "forced": True, "problems": 1, "kinds": ["edited"]
    }  # fmt: skip
    shutil.rmtree(copy / "archive")
    (out).rename(copy / "archive")
    proved = _verify(copy, "--sql", "SELECT seq, proven FROM records", "--format", "jsonl")
    assert proved.exit_code == 1
    assert _proven(proved) == set(range(FIRST)) - set(range(10, 20))


def test_logs_that_do_not_continue_the_archived_chain_are_refused(copy: Path) -> None:
    assert _signed(copy).exit_code == 0
    other = copy / "other"
    other.mkdir()
    write_signed(other / "audit.jsonl", 40)  # the same stream id, other records
    out = copy / "archived"
    refused = _signed(copy, "other")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        f"{out}: stream s-one: record 0 differs from the archived record 0 (and 34 more)",
        (
            f"registry: not archived: the logs do not continue the chain archived in {out} "
            "(--force archives anyway and says so in the manifest)"
        ),
    ]
    assert len(_manifest(out)["batches"]) == 1
    forced = _signed(copy, "other", "--force")
    assert forced.exit_code == 0
    assert "of 1 stream to" in forced.stdout
    assert "as batch 2 (chain BROKEN" in forced.stdout
    verified = _manifest(out)["batches"][1]["verified"]
    assert (verified["ok"], verified["forced"]) == (True, True)
    assert verified["breaks"] == [
        {"stream": STREAM, "message": "record 0 differs from the archived record 0 (and 34 more)"}
    ]


@pytest.mark.parametrize(
    ("source", "cut", "message"),
    [
        ("grown", 40, "records 35 to 39 are neither archived nor in the logs"),
        ("other", 35, "record 35 does not chain to the archived record 34"),
    ],
    ids=["gap", "not chained"],
)
def test_force_archives_logs_that_do_not_continue_and_names_where(
    copy: Path, source: str, cut: int, message: str
) -> None:
    assert _signed(copy).exit_code == 0
    if source == "other":
        (copy / "other").mkdir()
        write_signed(copy / "other" / "audit.jsonl", 40)  # the same stream id, other records
    log = copy / source / "audit.jsonl"
    rewrite(log, lines(log)[cut:])  # the records before `cut` gone from the logs
    out = copy / "archived"
    forced = _signed(copy, source, "--force")
    assert forced.exit_code == 0
    assert f"{out}: stream s-one: {message}" in forced.stderr.splitlines()
    assert "(chain BROKEN, archived with --force; signed checkpoints checked)" in forced.stdout
    batch = _manifest(out)["batches"][1]
    assert batch["verified"]["breaks"] == [{"stream": STREAM, "message": message}]
    assert batch["streams"][STREAM]["first_seq"] == cut


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("", ("archive", "LOGS/nope.jsonl", "--to", "OUT"), "nope.jsonl: no such file or directory"),
        ("", ("archive", "LOGS", "--to", "LOGS/audit.jsonl"), "Directory '"),
        ("", ("archive", "LOGS", "--to", "TMP/logs"),
         ("/logs: not an archive (no manifest.json of registry archive): give a new or empty "
         "directory, or an archive")),
        ("", ("archive", "LOGS", "--to", "OUT", "--public-key", "LOGS/audit.jsonl"), "public key"),
        ("", ("archive", "LOGS", "--to", "OUT", "--public-key", "TMP/nope.pem"), "does not exist"),
        ("", ("archive", "--to", "OUT"), "Missing argument 'LOG_OR_DIR...'"),
        ("", ("archive", "LOGS"), "Missing option '--to'"),
        ("", ("archive", "TMP/empty", "--to", "OUT"), "no log files in"),
        ("gz", ("archive", "TMP/gz", "--to", "OUT"),
         ("audit.jsonl.gz: a compressed log cannot be verified before it is archived: "
         "decompress it first (gunzip -k)")),
        ("parquet", ("archive", "TMP/trail.parquet", "--to", "OUT"),
         "registry archive reads JSON Lines logs (not Parquet, not archives)"),
        ("fake parquet", ("archive", "TMP/trail.parquet", "--to", "OUT"),
         "trail.parquet: not a Parquet file (no PAR1 header)"),
        ("archive", ("archive", "TMP/archive", "--to", "OUT"),
         "registry archive reads JSON Lines logs (not Parquet, not archives)"),
        ("version 2", ("archive", "LOGS", "--to", "TMP/archive"), "archive version 2 is not 1"),
        ("bad manifest", ("archive", "LOGS", "--to", "TMP/archive"),
         ("manifest.json: not the manifest registry archive writes (a key is missing or of the "
         "wrong type)")),
        ("bad manifest", ("query", "TMP/archive", "--verify", "--public-key", "TMP/pub.pem"),
         "manifest.json: not the manifest registry archive writes"),
    ],
    ids=["missing log", "--to a file", "--to not an archive", "--public-key not a key",
         "--public-key missing", "no log", "no --to", "empty directory", "compressed log",
         "parquet input", "fake parquet", "archive input", "archive of another version",
         "manifest edited", "manifest edited, query --verify"],
)  # fmt: skip
def test_usage_errors_and_unreadable_input_exit_2_without_a_traceback(
    copy: Path, setup: str, args: tuple[str, ...], message: str
) -> None:
    duckdb_or_skip()
    (copy / "empty").mkdir()
    log = copy / "logs" / "audit.jsonl"
    if setup == "gz":
        (copy / "gz").mkdir()
        (copy / "gz" / "audit.jsonl.gz").write_bytes(gzip.compress(log.read_bytes()))
    elif setup == "parquet":
        shutil.copy(_part_of(copy / "archive", 1), copy / "trail.parquet")
    elif setup == "fake parquet":
        shutil.copy(log, copy / "trail.parquet")
    elif setup == "version 2":
        manifest = _manifest(copy / "archive")
        (copy / "archive" / "manifest.json").write_text(json.dumps({**manifest, "version": 2}))
    elif setup == "bad manifest":
        manifest = _manifest(copy / "archive")
        manifest["streams"][STREAM]["last_seq"] = "46"
        (copy / "archive" / "manifest.json").write_text(json.dumps(manifest))
    places = {"LOGS": str(copy / "logs"), "OUT": str(copy / "archived"), "TMP": str(copy)}
    filled = [re.sub(r"^(LOGS|OUT|TMP)", lambda m: places[m.group(1)], a) for a in args]
    result = run(*filled)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (copy / "archived").exists()


# -- crashes ---------------------------------------------------------------------------------


def _plant_leftovers(out: Path, batch: int) -> list[Path]:
    """What a run of `batch` that died before writing its manifest leaves."""
    kept = _part_of(out, 1)
    planted = [
        kept.with_name(f"part-{batch:06d}-00000000-0000-0000-0000-000000000000.parquet"),
        out / "records" / "tenant=ghost" / "date=2020-01-01" / "event=x" / f"part-{batch:06d}-x.parquet",
        out / "control" / f"part-{batch:06d}-control.parquet",
        out / "manifest.json.tmp",
    ]  # fmt: skip
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(kept, path)
    return planted


@pytest.mark.parametrize("logs", ["logs", "grown"], ids=["nothing new", "grown log"])
def test_the_files_of_a_crashed_run_are_removed_by_the_next(copy: Path, logs: str) -> None:
    assert _signed(copy).exit_code == 0
    out = copy / "archived"
    planted = _plant_leftovers(out, 2)
    result = _signed(copy, logs)
    assert result.exit_code == 0, result.output
    assert not any(path.exists() for path in planted)
    assert not (out / "records" / "tenant=ghost").exists()  # no empty partition left
    assert not (out / "control").exists()
    assert sorted(_parts(out)) == sorted(f for b in _manifest(out)["batches"] for f in b["files"])
    expected = ALL if logs == "grown" else FIRST
    counted = _query(out, "--sql", "SELECT count(*) AS n, count(DISTINCT seq) AS d FROM records",
                     "--format", "jsonl")  # fmt: skip
    assert _rows(counted) == [{"n": expected, "d": expected}]


def test_a_second_run_while_one_writes_is_refused_and_touches_nothing(copy: Path) -> None:
    import fcntl

    assert _signed(copy).exit_code == 0
    out = copy / "archived"
    manifest, parts = (out / "manifest.json").read_bytes(), _parts(out)
    with open(out / ".registry-archive.lock", "ab") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as the run writing it holds it
        result = _signed(copy, "grown")
    assert result.exit_code == 2
    assert result.stderr == (
        f"registry: --to {out}: another registry archive is writing it; run again when it is done\n"
    )
    assert (out / "manifest.json").read_bytes() == manifest
    assert _parts(out) == parts
    assert _signed(copy, "grown").exit_code == 0  # the lock released, the next run goes on


def test_a_first_run_that_crashed_before_its_manifest_is_started_again(copy: Path) -> None:
    assert _signed(copy).exit_code == 0
    out = copy / "archived"
    crashed = _parts(out)
    (out / "manifest.json").unlink()
    result = _signed(copy)
    assert result.exit_code == 0, result.output
    assert "as batch 1 (chain intact" in result.stdout
    assert not set(crashed) & set(_parts(out))  # the leftovers went, new parts came
    assert _manifest(out)["rows"] == FIRST

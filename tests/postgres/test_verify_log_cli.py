"""`registry verify-log postgresql://...`: the chains of a PostgreSQL table, through the CLI,
against the real throw-away cluster: the same messages and exit codes as for files."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner, Result
from pg_cluster import Cluster, cluster_fixture, database_fixture, require_psycopg  # noqa: F401 - fixtures
from pg_helpers import KEY, create_schema, emit

from registry.cli import main
from registry_runtime import Emitter, JsonLinesSink
from registry_runtime.postgres import PostgresSink

psycopg = require_psycopg()

PASSWORD = "Sup3rSecretPw"
ROLE = "verify_cli"


def _url(cluster: Cluster, dbname: str, user: str = "postgres", password: str = "") -> str:
    secret = f":{password}" if password else ""
    return f"postgresql://{user}{secret}@/{dbname}?host={quote(cluster.socket_dir, safe='')}"


def _dbname(conninfo: str) -> str:
    return conninfo.rsplit("dbname=", 1)[1]


def _verify(*args: str) -> Result:
    return CliRunner().invoke(main, ["verify-log", *args])


@pytest.fixture
def db(database: str) -> str:
    """A database with the schema and two streams of three records each."""
    with psycopg.connect(database) as conn:
        create_schema(conn)
        create_schema(conn, "other_log")
    for stream in ("alpha", "beta"):
        with PostgresSink(database, stream=stream) as sink:
            emitter = Emitter(sink, hmac_key=KEY)
            for number in range(3):
                emit(emitter, number)
    return database


@pytest.fixture
def password_role(cluster: Cluster, database: str) -> Iterator[str]:
    """A login role that must give PASSWORD (scram) over the socket; its name."""
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {ROLE}")
        conn.execute(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{PASSWORD}' IN ROLE audit_reader")
    hba = cluster.data / "pg_hba.conf"
    original = hba.read_text()
    hba.write_text(f"local all {ROLE} scram-sha-256\n" + original)
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")
    try:
        yield ROLE
    finally:
        hba.write_text(original)
        with psycopg.connect(database, autocommit=True) as conn:
            conn.execute("SELECT pg_reload_conf()")


def test_an_intact_table_exits_0_with_each_stream(cluster: Cluster, db: str) -> None:
    result = _verify(_url(cluster, _dbname(db)))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "stream alpha: 3 records (0 to 2), 0 checkpoints, 3 unsealed (none sealed yet)" in lines
    assert any(line.startswith("stream beta: 3 records") for line in lines)
    assert lines[-1] == "6 records; chain intact."


def test_an_empty_table_named_by_table_is_intact(cluster: Cluster, db: str) -> None:
    result = _verify("--table", "other_log", _url(cluster, _dbname(db)).replace("ql://", "://"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "0 records; chain intact."


@pytest.mark.parametrize(("change", "message"), [
    ("UPDATE audit_log SET fields = '{\"value\": 99}' WHERE stream = 'beta' AND seq = 1",
     "audit_log:1: edited: seq 1: the row's columns do not match its hashed record (stream beta)"),
    (("UPDATE audit_log SET line = replace(line, '\"value\":2', '\"value\":7') "
      "WHERE stream = 'alpha' AND seq = 2"),
     "audit_log:2: edited: seq 2: the record does not match its hash (stream alpha)"),
    ("DELETE FROM audit_log WHERE stream = 'alpha' AND seq = 1",
     "audit_log:2: missing: seq 2: 1 record(s) missing before it (stream alpha)"),
])  # fmt: skip
def test_a_row_edited_by_the_superuser_exits_1(
    cluster: Cluster, db: str, change: str, message: str
) -> None:
    with psycopg.connect(db) as conn:
        conn.execute("SET session_replication_role = replica")  # triggers off: a superuser
        conn.execute(change)
    result = _verify(_url(cluster, _dbname(db)))
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == message
    assert result.output.splitlines()[-1].endswith("chain TAMPERED or damaged.")


def test_json_output_names_stream_and_seq(cluster: Cluster, db: str) -> None:
    with psycopg.connect(db) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("UPDATE audit_log SET actor_id = 'u_1' WHERE stream = 'beta' AND seq = 0")
    result = _verify("--format", "json", _url(cluster, _dbname(db)))
    assert result.exit_code == 1, result.output
    document = json.loads(result.output)
    assert document["ok"] is False
    assert document["records"] == 6
    assert [(p["kind"], p["line"], p["stream"]) for p in document["problems"]] == [
        ("edited", 0, "beta")
    ]
    assert [(s["stream"], s["records"], s["last_seq"]) for s in document["streams"]] == [
        ("alpha", 3, 2),
        ("beta", 3, 2),
    ]


def test_a_table_and_a_file_together(cluster: Cluster, db: str, tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    with JsonLinesSink(log, stream="file") as sink:
        emit(Emitter(sink, hmac_key=KEY), 1)
    result = _verify(str(log), _url(cluster, _dbname(db)))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "7 records; chain intact."
    with psycopg.connect(db) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("DELETE FROM audit_log WHERE stream = 'beta' AND seq = 1")
    assert _verify(str(log), _url(cluster, _dbname(db))).exit_code == 1


def test_the_password_in_the_url_is_used_and_never_shown(
    cluster: Cluster, db: str, password_role: str
) -> None:
    good = _verify(_url(cluster, _dbname(db), password_role, PASSWORD))
    assert good.exit_code == 0, good.output
    assert PASSWORD not in good.output
    missing_table = _verify("--table", "nope", _url(cluster, _dbname(db), password_role, PASSWORD))
    assert missing_table.exit_code == 2
    assert "cannot read table nope" in missing_table.output
    assert PASSWORD not in missing_table.output


def test_a_wrong_password_exits_2_without_it(cluster: Cluster, db: str, password_role: str) -> None:
    result = _verify(_url(cluster, _dbname(db), password_role, "Wr0ngSecretPw"))
    assert result.exit_code == 2, result.output
    assert "authentication failed" in result.output
    assert f"user={password_role}" in result.output
    assert "Wr0ngSecretPw" not in result.output
    assert "Traceback" not in result.output


def test_pgpassfile_gives_the_password(
    cluster: Cluster, db: str, password_role: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"*:*:*:{password_role}:{PASSWORD}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    result = _verify(_url(cluster, _dbname(db), password_role))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("url", [
    f"postgresql://app:{PASSWORD}@/app?host=/nonexistent-dir",
    f"postgres://app:{PASSWORD}@/app?host=/nonexistent-dir&bogus_option=1",
    f"postgresql://app:{PASSWORD}@[bad",
])  # fmt: skip
def test_an_unreachable_server_exits_2_without_the_password(url: str) -> None:
    result = _verify(url)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(
        (
            "registry: cannot connect to database host=/nonexistent-dir",
            "registry: a postgresql:// argument could not be parsed",
        )
    )
    assert PASSWORD not in result.output
    assert "Traceback" not in result.output


def test_a_bad_table_name_is_a_usage_error(cluster: Cluster, db: str) -> None:
    result = _verify("--table", "audit_log; DROP TABLE x", _url(cluster, _dbname(db)))
    assert result.exit_code == 2, result.output
    assert "Invalid value for --table: table must be NAME or SCHEMA.NAME" in result.output


def test_with_a_public_key_the_tables_records_are_unsealed(
    cluster: Cluster, db: str, tmp_path: Path
) -> None:
    from registry_runtime.signing import generate_key_pair

    public = tmp_path / "audit.pub.pem"
    public.write_bytes(generate_key_pair().public_pem)
    result = _verify("--public-key", str(public), _url(cluster, _dbname(db)))
    assert result.exit_code == 3, result.output
    assert result.output.splitlines()[-1] == "6 records; chain intact; 6 records unsealed."


# -- signed checkpoints (`registry seal`) checked by `verify-log --public-key` -----------------


@pytest.fixture
def key_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The sealing key (PEM), its public key, and another public key."""
    from registry_runtime.signing import generate_key_pair

    pair = generate_key_pair()
    private, public, other = tmp_path / "seal.pem", tmp_path / "seal.pub.pem", tmp_path / "x.pem"
    private.write_bytes(pair.private_pem)
    public.write_bytes(pair.public_pem)
    other.write_bytes(generate_key_pair().public_pem)
    return private, public, other


@pytest.fixture
def sealed(cluster: Cluster, db: str, key_files: tuple[Path, Path, Path]) -> str:
    """The two streams of ``db`` sealed by `registry seal` (one checkpoint each); the URL."""
    url = _url(cluster, _dbname(db))
    result = CliRunner().invoke(main, ["seal", url, "--key", str(key_files[0])])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 checkpoints written to audit_log_checkpoints")
    return url


def _superuser(db: str, statement: str, *params: object) -> None:
    with psycopg.connect(db) as conn:
        conn.execute("SET session_replication_role = replica")  # triggers off: a superuser
        conn.execute(statement, params)


def _resealed_last_record(db: str) -> None:
    """alpha's last record (seq 2) changed and hashed again, its columns made to match: only
    the signed checkpoint shows it."""
    from registry_runtime.chain import seal

    with psycopg.connect(db) as conn:
        line, prev = conn.execute(
            "SELECT line, prev_hash FROM audit_log WHERE stream = 'alpha' AND seq = 2"
        ).fetchone()
    edited = line.replace('"value":2', '"value":7').encode()
    body = edited[: edited.rindex(b',"stream":"')] + b"}"
    new_line, new_hash = seal(body, prev.encode("ascii"), "alpha", 2)
    text = new_line[:-1].decode()
    _superuser(
        db,
        "UPDATE audit_log SET line = %s, hash = %s, fields = (%s::jsonb)->'fields' "
        "WHERE stream = 'alpha' AND seq = 2",
        text,
        new_hash.decode(),
        text,
    )


def test_a_sealed_table_verified_with_its_key_exits_0(
    sealed: str, key_files: tuple[Path, Path, Path]
) -> None:
    result = _verify("--public-key", str(key_files[1]), sealed)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "stream alpha: 3 records (0 to 2), 1 checkpoint, all sealed",
        "stream beta: 3 records (0 to 2), 1 checkpoint, all sealed",
        "6 records; chain intact.",
    ]
    document = json.loads(
        _verify("--format", "json", "--public-key", str(key_files[1]), sealed).output
    )
    assert (document["signed"], document["unsealed"]) == (True, 0)
    assert [s["sealed_to"] for s in document["streams"]] == [2, 2]


def test_without_a_public_key_the_signatures_are_unchecked(sealed: str) -> None:
    result = _verify(sealed)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "stream alpha: 3 records (0 to 2), 1 checkpoint, 3 unsealed (none sealed yet)",
        "stream beta: 3 records (0 to 2), 1 checkpoint, 3 unsealed (none sealed yet)",
        "unsigned: no --public-key given, checkpoint signatures not checked",
        "6 records; chain intact.",
    ]


def test_records_written_after_the_seal_exit_3(
    sealed: str, db: str, key_files: tuple[Path, Path, Path]
) -> None:
    with PostgresSink(db, stream="alpha") as sink:
        emit(Emitter(sink, hmac_key=KEY), 3)
    result = _verify("--public-key", str(key_files[1]), sealed)
    assert result.exit_code == 3, result.output
    assert "stream alpha: 4 records (0 to 3), 1 checkpoint, 1 unsealed (after record 2)" in (
        result.output.splitlines()
    )
    assert result.output.splitlines()[-1] == "7 records; chain intact; 1 record unsealed."


def _edited_after_the_seal(db: str) -> None:
    _superuser(db, "UPDATE audit_log SET line = replace(line, '\"value\":1', '\"value\":5') "
               "WHERE stream = 'alpha' AND seq = 1")  # fmt: skip


def _checkpoint_changed(db: str) -> None:
    _superuser(db, "UPDATE audit_log_checkpoints SET line = replace(line, '\"time\":\"20', "
               "'\"time\":\"19') WHERE stream = 'beta'")  # fmt: skip


def _last_record_deleted(db: str) -> None:
    _superuser(db, "DELETE FROM audit_log WHERE stream = 'beta' AND seq = 2")


# the tampering (None: verified with another key), the problems `verify-log` shows ({key}: the
# sealing key's id, {time}: alpha's checkpoint's time), the records left
TAMPERED: dict[str, tuple[Callable[[str], None] | None, list[str], int]] = {
    "another key": (None, [
        ("audit_log_checkpoints:1: unknown_key: signed by key {key}, which is none of the "
         "trusted public keys (stream alpha)"),
        ("audit_log_checkpoints:2: unknown_key: signed by key {key}, which is none of the "
         "trusted public keys (stream beta)"),
    ], 6),
    "a checkpoint changed": (_checkpoint_changed, [
        ("audit_log_checkpoints:2: bad_signature: the signature of the checkpoint sealing records "
         "0 to 2 is not valid: the checkpoint was changed or forged (stream beta)"),
    ], 6),
    "a record edited after the seal": (_edited_after_the_seal, [
        "audit_log:1: edited: seq 1: the record does not match its hash (stream alpha)",
    ], 6),
    "a record hashed again after the seal": (_resealed_last_record, [
        ("audit_log:2: resealed: records 0 to 2 do not match the signed checkpoint of {time}: "
         "records were edited and their hashes recomputed, or replaced (stream alpha)"),
    ], 6),
    "the last record deleted": (_last_record_deleted, [
        ("audit_log:2: truncated: a signed checkpoint seals records up to 2, but the stream ends "
         "at record 1: records were removed from the end (stream beta)"),
    ], 5),
}  # fmt: skip


@pytest.mark.parametrize("case", list(TAMPERED))
def test_tampering_after_the_seal_exits_1(
    sealed: str, db: str, key_files: tuple[Path, Path, Path], case: str
) -> None:
    from registry_runtime.signing import load_public_keys

    tamper, problems, records = TAMPERED[case]
    if tamper is not None:
        tamper(db)
    with psycopg.connect(db) as conn:
        (time,) = conn.execute(
            "SELECT line::jsonb->>'time' FROM audit_log_checkpoints WHERE stream = 'alpha'"
        ).fetchone()
    key = next(iter(load_public_keys([str(key_files[1])]).ids()))
    trusted = key_files[1] if tamper is not None else key_files[2]
    result = _verify("--public-key", str(trusted), sealed)
    assert result.exit_code == 1, result.output
    shown = [line for line in result.output.splitlines() if not line.startswith("stream ")]
    assert shown == [
        *(problem.format(key=key, time=time) for problem in problems),
        f"{records} records; chain TAMPERED or damaged.",
    ]


def test_max_gap_finds_a_stream_not_sealed_for_too_long(
    sealed: str, db: str, key_files: tuple[Path, Path, Path]
) -> None:
    public = str(key_files[1])
    time.sleep(1.2)  # as if the checkpoints of that time were deleted
    with PostgresSink(db, stream="alpha") as sink:
        emit(Emitter(sink, hmac_key=KEY), 3)
    assert _verify("--max-gap", "10s", "--public-key", public, sealed).exit_code == 3
    late = _verify("--max-gap", "1s", "--public-key", public, sealed)
    assert late.exit_code == 1, late.output
    assert re.fullmatch(
        r"audit_log:3: gap: the last record was written [12] s after the last checkpoint "
        r"\(\S+\), more than --max-gap: checkpoints were rolled back or deleted, or the writer "
        r"stopped sealing \(stream alpha\)",
        late.output.splitlines()[0],
    ), late.output
    assert CliRunner().invoke(main, ["seal", sealed, "--key", str(key_files[0])]).exit_code == 0
    assert _verify("--max-gap", "10s", "--public-key", public, sealed).exit_code == 0
    apart = _verify("--max-gap", "1s", "--public-key", public, sealed)
    assert apart.exit_code == 1, apart.output
    assert re.fullmatch(
        r"audit_log_checkpoints:3: gap: [12] s since the previous checkpoint \(\S+\), more than "
        r"--max-gap: checkpoints may have been removed \(stream alpha\)",
        apart.output.splitlines()[0],
    ), apart.output


def _sink_writes(conninfo: str, stream: str) -> None:
    with PostgresSink(conninfo, stream=stream) as sink:
        emit(Emitter(sink, hmac_key=KEY), 1)


def test_a_service_file_describes_the_connection(
    cluster: Cluster, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[audit]\nhost={cluster.socket_dir}\ndbname={_dbname(db)}\nuser=postgres\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    _sink_writes("service=audit", "by-keyword")
    _sink_writes("postgresql://?service=audit", "by-url")
    result = _verify("postgresql://?service=audit")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "8 records; chain intact."
    missing = _verify("--table", "nope", "postgresql://?service=audit")
    assert "cannot read table nope in database service=audit" in missing.output


def test_the_pg_environment_variables_describe_the_connection(
    cluster: Cluster, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in (
        ("PGHOST", cluster.socket_dir),
        ("PGPORT", "5432"),
        ("PGUSER", "postgres"),
        ("PGDATABASE", _dbname(db)),
    ):
        monkeypatch.setenv(name, value)
    _sink_writes("postgresql://", "from-env")
    result = _verify("postgresql://")
    assert result.exit_code == 0, result.output
    assert "stream from-env: 1 record" in result.output
    assert result.output.splitlines()[-1] == "7 records; chain intact."

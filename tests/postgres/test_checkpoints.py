"""Signed checkpoints in the checkpoint table (real cluster): the JSON Lines format, written by
the sink or by seal_table, verified by verify_table: a row removed after a checkpoint is found
even at the head of a stream, a forged or edited checkpoint too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pg_cluster import Cluster, cluster_fixture, database_fixture, require_psycopg  # noqa: F401 - fixtures
from pg_helpers import KEY, create_schema, emit

from registry_runtime import Emitter, JsonLinesSink
from registry_runtime.checkpoint import parse_checkpoint
from registry_runtime.errors import AuditError
from registry_runtime.postgres import PostgresSink
from registry_runtime.postgres_seal import seal_table
from registry_runtime.postgres_verify import verify_table
from registry_runtime.signing import PublicKeys, Signer, generate_key_pair, signer_from_pem

psycopg = require_psycopg()
PAIR = generate_key_pair()
SIGNER: Signer = signer_from_pem(PAIR.private_pem, source="test")
KEYS = PublicKeys([SIGNER.public_key])
OTHER = PublicKeys([signer_from_pem(generate_key_pair().private_pem, source="x").public_key])


@pytest.fixture
def db(database: str) -> str:
    """Stream "batched" (10 records, sealed by the sink every 4 and on close) and a bound
    stream of 3 records sealed by seal_table, then 2 more records left unsealed."""
    with psycopg.connect(database) as conn:
        create_schema(conn)
    with PostgresSink(
        database, stream="batched", batch_size=2, signer=SIGNER, checkpoint_every=4
    ) as sink:
        emitter = Emitter(sink, hmac_key=KEY)
        for number in range(10):
            emit(emitter, number)
    bound = PostgresSink(stream="bound")
    with psycopg.connect(database) as conn:
        with bound.bind(conn):
            for number in range(3):
                emit(Emitter(bound, hmac_key=KEY), number)
        conn.commit()
        seal_table(conn, SIGNER)
        with bound.bind(conn):
            for number in range(3, 5):
                emit(Emitter(bound, hmac_key=KEY), number)
        conn.commit()
    return database


def _verify(conninfo: str, keys: PublicKeys | None = KEYS) -> Any:
    with psycopg.connect(conninfo) as conn:
        return verify_table(conn, public_keys=keys)


def _tamper(conninfo: str, statement: str) -> None:
    with psycopg.connect(conninfo) as conn:
        conn.execute("SET session_replication_role = replica")  # triggers off: a superuser
        conn.execute(statement)


def _problems(result: Any) -> list[tuple[str, int, str | None]]:
    return [(p.kind, p.line, p.stream) for p in result.problems]


def test_checkpoints_seal_the_streams_in_the_files_format(db: str, tmp_path: Path) -> None:
    result = _verify(db)
    assert result.ok, result.problems
    reports = {
        s.stream: (s.records, s.last_seq, s.sealed_to, s.checkpoints) for s in result.streams
    }
    assert reports["batched"] == (10, 9, 9, 3)  # 0-3 and 4-7 with their batches, 8-9 on close
    bound = next(value for name, value in reports.items() if name != "batched")
    assert bound == (5, 4, 2, 1)
    with psycopg.connect(db) as conn:
        lines = [
            row[0] for row in conn.execute("SELECT line FROM audit_log_checkpoints ORDER BY n")
        ]
    parsed = [parse_checkpoint(line.encode()) for line in lines]
    assert [(c.first, c.last) for c in parsed if c is not None and c.stream == "batched"] == [
        (0, 3), (4, 7), (8, 9),
    ]  # fmt: skip
    with JsonLinesSink(tmp_path / "a.jsonl", signer=SIGNER, checkpoint_every=1) as sink:
        emit(Emitter(sink, hmac_key=KEY), 1)
    from_file = parse_checkpoint((tmp_path / "a.jsonl.checkpoints").read_bytes().rstrip(b"\n"))
    assert from_file is not None  # the same parser reads both: the same format
    assert None not in parsed


def test_without_keys_nothing_counts_as_sealed(db: str) -> None:
    result = _verify(db, None)
    assert result.ok
    assert {s.sealed_to for s in result.streams} == {-1}


@pytest.mark.parametrize(("change", "expected"), [
    # the head of a sealed stream removed: only the checkpoint shows it
    ("DELETE FROM audit_log WHERE stream = 'batched' AND seq >= 8", ("truncated", 8, "batched")),
    ("DELETE FROM audit_log WHERE stream = 'batched'", ("truncated", 0, "batched")),
    ("DELETE FROM audit_log_checkpoints WHERE n = 2", ("checkpoint_chain", 2, "batched")),
    (("UPDATE audit_log_checkpoints SET line = replace(line, '\"last\":3', '\"last\":2') "
     "WHERE n = 1"), ("bad_signature", 1, "batched")),
    ("UPDATE audit_log_checkpoints SET line = 'not a checkpoint' WHERE n = 1",
     ("bad_checkpoint", 1, None)),
])  # fmt: skip
def test_tampering_after_a_checkpoint_is_found(
    db: str, change: str, expected: tuple[str, int, str | None]
) -> None:
    _tamper(db, change)
    result = _verify(db)
    assert not result.ok
    assert expected in _problems(result)


def test_records_rewritten_with_recomputed_hashes_are_resealed(db: str) -> None:
    """A superuser replaces the sealed head of a stream with a valid chain of its own."""
    with psycopg.connect(db) as conn:
        lines = [
            row[0]
            for row in conn.execute(
                "SELECT line FROM audit_log WHERE stream = 'batched' ORDER BY seq"
            )
        ]
    _tamper(db, "DELETE FROM audit_log WHERE stream = 'batched' AND seq >= 8")
    forger = PostgresSink(db, stream="batched")  # continues from seq 8: a recomputed chain
    emitter = Emitter(forger, hmac_key=KEY)
    for number in range(2):
        emit(emitter, 100 + number)
    forger.close()
    assert lines[8] != lines[-1]
    result = _verify(db)
    assert ("resealed", 9, "batched") in _problems(result)


def test_a_checkpoint_signed_by_an_unknown_key_is_refused(db: str) -> None:
    result = _verify(db, OTHER)
    assert not result.ok
    assert {kind for kind, _line, _stream in _problems(result)} == {"unknown_key"}


def test_the_writer_role_seals_and_cannot_change_checkpoints(db: str) -> None:
    with psycopg.connect(db) as conn:
        conn.execute("SET ROLE audit_writer")
        written = seal_table(conn, SIGNER)
        assert len(written) == 1  # the bound stream's two unsealed records
        for statement in (
            "UPDATE audit_log_checkpoints SET line = ''",
            "DELETE FROM audit_log_checkpoints",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()
            conn.execute("SET ROLE audit_writer")
        assert seal_table(conn, SIGNER) == []  # nothing left to seal
    result = _verify(db)
    assert result.ok
    assert result.unsealed == 0


def test_sealing_a_missing_table_is_an_audit_error(database: str) -> None:
    with psycopg.connect(database) as conn, pytest.raises(AuditError, match="cannot seal nope"):
        seal_table(conn, SIGNER, "nope")


def test_verify_log_finds_the_head_removed_after_a_checkpoint(cluster: Cluster, db: str) -> None:
    from urllib.parse import quote

    from click.testing import CliRunner

    from registry.cli import main

    dbname = db.rsplit("dbname=", 1)[1]
    url = f"postgresql://postgres@/{dbname}?host={quote(cluster.socket_dir, safe='')}"
    assert CliRunner().invoke(main, ["verify-log", url]).exit_code == 0
    _tamper(db, "DELETE FROM audit_log WHERE stream = 'batched' AND seq = 9")
    result = CliRunner().invoke(main, ["verify-log", url])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == (
        "audit_log:9: truncated: a signed checkpoint seals records up to 9, but the stream "
        "ends at record 8: records were removed from the end (stream batched)"
    )


def test_registry_seal_signs_every_stream_and_verify_log_checks_it(
    cluster: Cluster, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import quote

    from click.testing import CliRunner

    from registry.cli import main

    dbname = db.rsplit("dbname=", 1)[1]
    url = f"postgresql://postgres@/{dbname}?host={quote(cluster.socket_dir, safe='')}"
    key = tmp_path / "audit.key.pem"
    key.write_bytes(PAIR.private_pem)
    result = CliRunner().invoke(main, ["seal", url, "--key", str(key)])
    assert result.exit_code == 0, result.output
    assert (
        result.output == f"1 checkpoint written to audit_log_checkpoints (key {SIGNER.key_id}).\n"
    )
    monkeypatch.setenv("REGISTRY_AUDIT_SIGNING_KEY", PAIR.private_pem.decode())
    again = CliRunner().invoke(main, ["seal", url])
    assert again.output.startswith("0 checkpoints written")
    assert _verify(db).unsealed == 0
    monkeypatch.delenv("REGISTRY_AUDIT_SIGNING_KEY")
    no_key = CliRunner().invoke(main, ["seal", url])
    assert no_key.exit_code == 2
    assert "signed checkpoints need a private key" in no_key.output
    wrong = CliRunner().invoke(main, ["seal", url.replace(dbname, "nope"), "--key", str(key)])
    assert wrong.exit_code == 2
    assert 'database "nope" does not exist' in wrong.output

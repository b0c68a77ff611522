"""`registry export`: the archive holds the selected records' exact lines, every file of the
logs they came from (so `registry verify-log` proves them from the archive alone), the public
key, the catalog's pages of the events involved, and a README; the raw subject never."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from query_helpers import KEY, MAIL, duckdb_or_skip, emitters, run, write_log

duckdb_or_skip()


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export")
    (root / "logs").mkdir()
    with emitters(root) as package:
        write_log(package, root / "logs" / "audit.jsonl")
    return root


def test_archive_holds_records_logs_key_docs_and_readme(trail: Path, tmp_path: Path) -> None:
    key = tmp_path / "checkpoints.pub.pem"
    key.write_text("-----BEGIN PUBLIC KEY-----\nxyz\n-----END PUBLIC KEY-----\n", "utf-8")
    out = tmp_path / "case.zip"
    result = run(
        "export",
        str(trail / "logs"),
        "--actor",
        "user:u_2",
        "--catalog",
        str(trail / "catalog"),
        "--public-key",
        str(key),
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    expected = run("query", str(trail / "logs"), "--actor", "user:u_2", "--format", "jsonl")
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert archive.read("records.jsonl").decode() == expected.stdout
        assert archive.read("public-key.pem") == key.read_bytes()
        readme = archive.read("README.txt").decode()
        docs = archive.read("docs/accounts.md").decode()
        archive.extractall(tmp_path / "unpacked")
    assert sorted(n for n in names if n.startswith("logs/")) == [
        "logs/audit.jsonl",
        "logs/audit.jsonl.1",
        "logs/audit.jsonl.2",
        "logs/audit.jsonl.3",
        "logs/audit.jsonl.head",
    ]
    assert "registry verify-log logs/ --public-key public-key.pem" in readme
    assert "registry verify-proof" in readme
    assert "user.promoted" in docs
    verified = run("verify-log", str(tmp_path / "unpacked" / "logs"))
    assert verified.exit_code == 0, verified.output
    assert "chain intact" in verified.output


def test_one_selection_gives_one_archive(trail: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    for out in (first, second):
        assert (
            run(
                "export", str(trail / "logs"), "--event", "user.promoted", "--out", str(out)
            ).exit_code
            == 0
        )
    assert first.read_bytes() == second.read_bytes()


def test_subject_export_never_holds_the_raw_value(trail: Path, tmp_path: Path) -> None:
    out = tmp_path / "subject.zip"
    result = run(
        "export",
        str(trail / "logs"),
        "--subject",
        MAIL,
        "--out",
        str(out),
        env={"REGISTRY_AUDIT_HMAC_KEY": KEY},
    )
    assert result.exit_code == 0, result.output
    assert "2 record(s)" in result.output
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            assert MAIL.encode() not in archive.read(name)
    assert MAIL not in result.output


def test_an_archive_directory_is_refused_with_the_way_out(trail: Path, tmp_path: Path) -> None:
    archived = tmp_path / "archive"
    assert run("archive", str(trail / "logs"), "--to", str(archived)).exit_code == 0
    out = tmp_path / "case.zip"
    result = run("export", str(archived), "--out", str(out))
    assert result.exit_code == 2
    assert "is an archive of `registry archive`: export from the logs" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "source", ["postgresql://auditor:s3cret-pw@db.example/app?table=audit", "postgres:///app"]
)
def test_a_database_source_is_refused_before_connecting_and_without_its_password(
    trail: Path, tmp_path: Path, source: str
) -> None:
    out = tmp_path / "case.zip"
    result = run("export", str(trail / "logs"), source, "--out", str(out))
    assert result.exit_code == 2
    assert "registry export reads log files, not databases" in result.output
    assert "s3cret" not in result.output
    assert not out.exists()

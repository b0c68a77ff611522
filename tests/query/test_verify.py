"""`registry query --verify`: records proven by the chain and the signed checkpoints, through
the runtime's own verifier, on a log written by the real sink. Each tampering names exactly
the ranges it makes unproven; the answer is still given; no range is claimed proven that a
change touched (property-based)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from proof_helpers import (
    EVERY,
    lines,
    public_keys,
    public_pem,
    rewrite,
    span_set,
    write_signed,
)
from query_helpers import duckdb_or_skip, run

from registry.query.verify import prove

COUNT = 35
ALL = set(range(COUNT))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("signed")
    (root / "logs").mkdir()
    write_signed(root / "logs" / "audit.jsonl", COUNT)
    public_pem(root / "pub.pem")
    return root


@pytest.fixture
def copy(pristine: Path, tmp_path: Path) -> Path:
    shutil.copytree(pristine / "logs", tmp_path / "logs")
    shutil.copy(pristine / "pub.pem", tmp_path / "pub.pem")
    return tmp_path


def _range(seq: int) -> set[int]:
    first = seq - seq % EVERY
    return set(range(first, min(first + EVERY, COUNT)))


def _edit(records: list[str], at: int) -> list[str]:
    records[at] = records[at].replace(f'"n":{at}}}', f'"n":{at + 1000}}}')
    return records


def _swap(records: list[str], a: int, b: int) -> list[str]:
    records[a], records[b] = records[b], records[a]
    return records


def _resign(checkpoints: list[str], at: int) -> list[str]:
    line = checkpoints[at]
    flipped = "0" if line[-3] != "0" else "1"
    checkpoints[at] = line[:-3] + flipped + line[-2:]
    return checkpoints


Tamper = Callable[[list[str]], list[str]]
CASES: list[tuple[str, Tamper | None, Tamper | None, set[int], bool]] = [
    # name, change to the log's lines, change to the checkpoint lines, proven, chain ok
    ("intact", None, None, ALL, True),
    ("record edited", lambda r: _edit(r, 12), None, ALL - _range(12), False),
    ("record deleted", lambda r: r[:25] + r[26:], None, ALL - _range(25), False),
    ("record duplicated", lambda r: [*r[:6], r[5], *r[6:]], None, ALL - _range(5), False),
    ("records swapped", lambda r: _swap(r, 3, 4), None, ALL - _range(3), False),
    ("swapped across ranges", lambda r: _swap(r, 9, 10), None, set(range(20, 35)), False),
    ("end truncated", lambda r: r[:32], None, set(range(30)), False),
    ("line not a record", lambda r: [*r[:15], "hello", *r[15:]], None, ALL, False),
    ("last checkpoint removed", None, lambda c: c[:-1], set(range(30)), True),
    ("checkpoint forged", None, lambda c: _resign(c, 1), ALL - set(range(10, 30)), False),
]


@pytest.mark.parametrize(
    ("log_change", "seal_change", "expected", "ok"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_change_leaves_exactly_its_ranges_unproven(
    copy: Path, log_change: Tamper | None, seal_change: Tamper | None, expected: set[int],
    ok: bool,
) -> None:  # fmt: skip
    log = copy / "logs" / "audit.jsonl"
    seals = copy / "logs" / "audit.jsonl.checkpoints"
    if log_change is not None:
        rewrite(log, log_change(lines(log)))
    if seal_change is not None:
        rewrite(seals, seal_change(lines(seals)))
    proof = prove([str(log)], public_keys())
    assert proof.result.ok is ok
    assert span_set(proof.proven) == expected
    last = max(json.loads(line)["seq"] for line in lines(log) if line.startswith("{"))
    assert span_set(proof.unproven) == set(range(last + 1)) - expected  # missing ones too


def test_an_untrusted_key_proves_nothing(pristine: Path) -> None:
    proof = prove([str(pristine / "logs" / "audit.jsonl")], public_keys(seed=2))
    assert proof.proven == ()
    assert span_set(proof.unproven) == ALL


@settings(max_examples=25, deadline=None)
@given(
    at=st.integers(0, COUNT - 1),
    other=st.integers(0, COUNT - 1),
    kind=st.sampled_from(["edit", "delete", "duplicate", "swap"]),
)
def test_no_changed_record_is_ever_proven(
    pristine: Path, tmp_path_factory: pytest.TempPathFactory, at: int, other: int, kind: str
) -> None:
    root = tmp_path_factory.mktemp("prop")
    shutil.copytree(pristine / "logs", root / "logs")
    log = root / "logs" / "audit.jsonl"
    records = lines(log)
    touched = {at}
    if kind == "edit":
        records = _edit(records, at)
    elif kind == "delete":
        records = records[:at] + records[at + 1 :]
    elif kind == "duplicate":
        records = [*records[: at + 1], records[at], *records[at + 1 :]]
    else:
        records = _swap(records, at, other)
        touched = {at, other} if records[at] != records[other] else set()
    rewrite(log, records)
    proven = span_set(prove([str(log)], public_keys()).proven)
    assert not proven & touched
    if kind == "edit":
        # Nothing more than its range is lost, also when it is the range's last record.
        assert proven == ALL - _range(at)


# -- the command ---------------------------------------------------------------------------


def _verify(root: Path, *args: str) -> tuple[int, str, str]:
    duckdb_or_skip()
    result = run("query", str(root / "logs"), "--verify", "--public-key", str(root / "pub.pem"),
                 *args)  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def test_intact_log_every_record_proven_and_said_so(pristine: Path) -> None:
    code, out, err = _verify(pristine, "--format", "csv")
    assert code == 0
    assert "chain intact; 35 of 35 chained records proven by signed checkpoints" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == COUNT
    assert {row["proven"] for row in rows} == {"True"}


def test_damaged_log_is_answered_and_names_the_unproven_range(copy: Path) -> None:
    log = copy / "logs" / "audit.jsonl"
    rewrite(log, _edit(lines(log), 12))
    code, out, err = _verify(copy, "--sql", "SELECT seq, proven FROM records ORDER BY seq",
                             "--format", "jsonl")  # fmt: skip
    assert code == 1
    assert "chain DAMAGED (1 problem); 25 of 35" in err
    assert "unproven: stream s-one records 10 to 19 (damaged: edited)" in err
    answer = [json.loads(line) for line in out.splitlines()]
    assert [row["seq"] for row in answer] == list(range(COUNT))
    assert {row["seq"] for row in answer if not row["proven"]} == _range(12)
    # the edited value is never quoted (hex digests are left out: they may hold any digits)
    assert "1012" not in re.sub(r"[0-9a-f]{12,}", "", err)


def test_filters_and_proven_combine_in_sql(copy: Path) -> None:
    seals = copy / "logs" / "audit.jsonl.checkpoints"
    rewrite(seals, lines(seals)[:-1])
    code, out, err = _verify(copy, "--actor", "user:u_1", "--sql",
                             "SELECT count(*) AS n FROM records WHERE NOT proven",
                             "--format", "jsonl")  # fmt: skip
    assert code == 3  # intact, not every record sealed
    assert json.loads(out) == {"n": 2}  # 31 and 34: u_1 after the last checkpoint
    assert "records 30 to 34 (not sealed by a signed checkpoint yet)" in err


def test_parquet_outside_an_archive_is_never_proven(pristine: Path, tmp_path: Path) -> None:
    duckdb_or_skip()
    parquet = tmp_path / "trail.parquet"
    assert run("query", str(pristine / "logs"), "--format", "parquet", "--out",
               str(parquet)).exit_code == 0  # fmt: skip
    result = run("query", str(parquet), "--verify", "--public-key", str(pristine / "pub.pem"),
                 "--sql", "SELECT count(*) FILTER (WHERE proven) AS p FROM records",
                 "--format", "jsonl")  # fmt: skip
    assert result.exit_code == 3
    assert json.loads(result.stdout) == {"p": 0}
    assert re.search(r"unproven: every record of .*trail\.parquet", result.stderr)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--verify",), "--verify and --public-key go together"),
        (("--public-key", "KEY"), "--verify and --public-key go together"),
        (("--verify", "--public-key", "LOG"), "public key"),
    ],
)
def test_verify_usage_errors_exit_2(pristine: Path, args: tuple[str, ...], message: str) -> None:
    duckdb_or_skip()
    log = str(pristine / "logs" / "audit.jsonl")
    filled = [log if a == "LOG" else str(pristine / "pub.pem") if a == "KEY" else a for a in args]
    result = run("query", str(pristine / "logs"), *filled)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_the_table_shows_the_proven_column(pristine: Path) -> None:
    code, out, _ = _verify(pristine, "--format", "table", "--limit", "2")
    assert code == 0
    header, _rule, *rows = out.splitlines()
    assert header.split()[-1] == "proven"
    assert [row.split()[-1] for row in rows] == ["True", "True"]

"""verify_log finds edits, deletions, insertions, reorders and truncations at the right line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from runtime_helpers import write_log

from registry_runtime.chain import body_of, parse, seal, stream_seq
from registry_runtime.verify import NON_FATAL, verify_log

COUNT = 10


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "audit.jsonl"
    write_log(path, COUNT)
    return path


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


def put(path: Path, new_lines: list[bytes]) -> None:
    path.write_bytes(b"".join(line + b"\n" for line in new_lines))


def hash_of(line: bytes) -> bytes:
    parsed = parse(line)
    assert parsed is not None
    return parsed[1]


def forge_line(body: bytes, prev_hash: bytes, like: bytes) -> bytes:
    """A correctly sealed line in the stream of ``like`` at its sequence number, as a tamperer
    who knows the format writes it (``body`` is the hashed bytes of a line, or a record)."""
    position = stream_seq(like)
    assert position is not None
    marker = b',"stream":"'
    if marker in body:
        body = body[: body.rindex(marker)] + b"}"
    return seal(body, prev_hash, position[0], position[1])[0]


def first(path: Path, **options: object) -> tuple[int, str]:
    result = verify_log(path, **options)  # type: ignore[arg-type]
    assert not result.ok
    problem = result.first_problem
    assert problem is not None
    assert result.problems[0] == problem
    return problem.line, problem.kind


def test_untouched_log_verifies(log: Path) -> None:
    result = verify_log(log)
    assert (result.ok, result.records, result.problems) == (True, COUNT, [])
    assert result.last_hash == json.loads(lines(log)[-1])["hash"]
    assert result.first_problem is None


def test_empty_log_verifies(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    result = verify_log(path)
    assert (result.ok, result.records, result.last_hash) == (True, 0, None)


def test_edited_value(log: Path) -> None:
    content = lines(log)
    assert b'"value":4' in content[4]
    content[4] = content[4].replace(b'"value":4', b'"value":9')
    put(log, content)
    assert first(log) == (5, "edited")
    assert len(verify_log(log).problems) == 1  # no cascade after the edit


def test_edited_hash_field(log: Path) -> None:
    content = lines(log)
    content[2] = content[2][:-3] + (b"0" if content[2][-3:-2] != b"0" else b"1") + b'"}'
    put(log, content)
    assert first(log) == (3, "edited")


def test_edited_and_resealed_record_breaks_the_next_link(log: Path) -> None:
    content = lines(log)
    body = body_of(content[4])
    forged = forge_line(body.replace(b'"value":4', b'"value":9'), hash_of(content[3]), content[4])
    content[4] = forged[:-1]
    put(log, content)
    assert first(log) == (6, "broken_chain")


def test_edited_and_whole_tail_resealed_is_caught_by_the_head(log: Path) -> None:
    content = lines(log)
    prev = hash_of(content[3])
    for index in range(4, COUNT):
        body = body_of(content[index])
        if index == 4:
            body = body.replace(b'"value":4', b'"value":9')
        content[index] = forge_line(body, prev, content[index])[:-1]
        prev = hash_of(content[index])
    put(log, content)
    assert verify_log(log, sidecar=False).ok  # a valid chain: only an anchor can tell
    assert first(log) == (COUNT, "truncated")


@pytest.mark.parametrize("index", [0, 4, COUNT - 1])
def test_deleted_record(log: Path, index: int) -> None:
    content = lines(log)
    del content[index]
    put(log, content)
    if index == COUNT - 1:  # the end of the chain: only the head file shows it
        assert verify_log(log, sidecar=False).ok
        assert first(log) == (COUNT, "truncated")
    else:
        assert first(log) == (index + 1, "missing")


def test_deleted_first_record_message(log: Path) -> None:
    put(log, lines(log)[1:])
    problem = verify_log(log).problems[0]
    assert (
        problem.message == "record 0 missing before record 1: deleted, or a rotated file is missing"
    )


def test_inserted_copy_of_a_record(log: Path) -> None:
    content = lines(log)
    content.insert(5, content[2])
    put(log, content)
    assert first(log) == (6, "out_of_order")


def test_inserted_forged_record_breaks_the_next_original(log: Path) -> None:
    content = lines(log)
    forged = forge_line(
        b'{"event":"user.granted_admin","actor":{"type":"user","id":"mallory"}}',
        hash_of(content[4]),
        content[5],
    )
    content.insert(5, forged[:-1])  # takes the place of record 5, which then comes again
    put(log, content)
    assert first(log) == (7, "out_of_order")


def test_inserted_blank_line(log: Path) -> None:
    content = lines(log)
    content.insert(3, b"")
    put(log, content)
    assert first(log) == (4, "malformed")


@pytest.mark.parametrize(("a", "b"), [(3, 4), (0, 1), (2, 7)])
def test_reordered_records(log: Path, a: int, b: int) -> None:
    content = lines(log)
    content[a], content[b] = content[b], content[a]
    put(log, content)
    assert first(log) == (a + 1, "missing")  # then the moved record comes out of order
    assert [p.kind for p in verify_log(log).problems][:2] == ["missing", "out_of_order"]


def test_truncated_whole_records_are_found_with_the_head(log: Path) -> None:
    put(log, lines(log)[:7])
    assert verify_log(log, sidecar=False).ok  # the file alone cannot show it
    line, kind = first(log)
    assert (line, kind) == (8, "truncated")
    assert "says 10 records" in verify_log(log).problems[0].message
    assert "only 7" in verify_log(log).problems[0].message


def test_truncated_mid_record_is_torn_and_truncated(log: Path) -> None:
    data = log.read_bytes()
    log.write_bytes(data[: len(data) - 40])
    result = verify_log(log)
    assert [(p.line, p.kind) for p in result.problems] == [(10, "torn"), (11, "truncated")]
    assert not result.ok


def test_truncated_then_regrown_is_found_with_the_head(log: Path, tmp_path: Path) -> None:
    anchor = tmp_path / "elsewhere.head"
    shutil.copy(f"{log}.head", anchor)  # the head, copied to another trust domain
    put(log, lines(log)[:6])
    Path(f"{log}.head").unlink()
    write_log(log, 6, start=100, head=False)  # as many records again, but different ones
    assert verify_log(log).ok  # no sidecar any more, and the chain is valid
    assert first(log, head=anchor) == (COUNT, "truncated")


def test_unusable_head_file(log: Path) -> None:
    Path(f"{log}.head").write_text("not json")
    assert first(log) == (0, "bad_head")
    Path(f"{log}.head").write_text('{"records": "ten", "last_hash": 1}')
    assert first(log) == (0, "bad_head")


def test_torn_and_retained_are_the_only_non_fatal_kinds() -> None:
    assert frozenset({"torn", "retained"}) == NON_FATAL


def test_problem_list_is_capped(log: Path) -> None:
    put(log, list(reversed(lines(log))))
    result = verify_log(log, max_problems=3)
    assert len(result.problems) == 3
    assert result.problems_left_off == COUNT - 3 + 1  # + the head mismatch

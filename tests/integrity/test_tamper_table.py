"""Every way to rewrite a signed, chained log against what `verify-log` must answer.

One log (one stream, 10 records, a checkpoint every 4 records and one on close: checkpoints
seal 0-3, 4-7, 8-9), one tampering per row, the expected verdict: every problem's kind and
line (nothing more is reported), a piece of the first fatal problem's message, the records
left unsealed, and the exit code of `registry verify-log --public-key`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from integrity_helpers import hash_of, keys, lines, put, reseal, signer, write_signed

from registry.cli import main
from registry_runtime.checkpoint import payload, sign_line
from registry_runtime.verify import verify_log, verify_logs

COUNT = 10
Tamper = Callable[[Path], None]


def edit_value(log: Path) -> None:
    content = lines(log)
    content[4] = content[4].replace(b'"n":4', b'"n":9')
    put(log, content)


def edit(index: int) -> Tamper:
    """Record ``index``'s value changed (0-3, 4-7, 8-9 are the checkpoints' ranges)."""

    def run(log: Path) -> None:
        content = lines(log)
        content[index] = content[index].replace(b'"n":%d' % index, b'"n":666')
        put(log, content)

    return run


def delete(index: int) -> Tamper:
    def run(log: Path) -> None:
        content = lines(log)
        del content[index]
        put(log, content)

    return run


def keep(count: int) -> Tamper:
    return lambda log: put(log, lines(log)[:count])


def cut_bytes(count: int) -> Tamper:
    return lambda log: log.write_bytes(log.read_bytes()[:-count])


def reorder(log: Path) -> None:
    content = lines(log)
    content[3], content[4] = content[4], content[3]
    put(log, content)


def duplicate(log: Path) -> None:
    content = lines(log)
    content.insert(3, content[2])
    put(log, content)


def insert_forged(log: Path) -> None:
    content = lines(log)
    forged = content[5].replace(b'"n":5', b'"n":666')
    content.insert(5, reseal(forged, hash_of(content[4])))
    put(log, content)


def forged_torn_line(log: Path) -> None:
    content = lines(log)
    content.insert(5, content[5].replace(b'"n":5', b'"n":666') + b" {}")
    put(log, content)


def reseal_tail(log: Path) -> None:
    content = lines(log)
    content[5] = content[5].replace(b'"n":5', b'"n":666')
    prev = hash_of(content[4])
    for index in range(5, COUNT):
        content[index] = reseal(content[index], prev)
        prev = hash_of(content[index])
    put(log, content)


def checkpoints_of(log: Path) -> Path:
    return Path(f"{log}.checkpoints")


def roll_back_checkpoints(log: Path) -> None:
    put(checkpoints_of(log), lines(checkpoints_of(log))[:1])


def delete_checkpoints(log: Path) -> None:
    checkpoints_of(log).unlink()


def drop_middle_checkpoint(log: Path) -> None:
    content = lines(checkpoints_of(log))
    put(checkpoints_of(log), [content[0], content[2]])


def forge_checkpoint(log: Path) -> None:
    content = lines(checkpoints_of(log))
    content[1] = content[1].replace(b'"count":4', b'"count":5').replace(b'"last":7', b'"last":8')
    put(checkpoints_of(log), content)


def replace_checkpoints(log: Path) -> None:
    """A checkpoint file recomputed by someone holding another key (over a resealed log)."""
    reseal_tail(log)
    from registry_runtime.merkle import Frontier

    stolen = signer(seed=7)
    content, prev, out = lines(log), "0" * 64, []
    for first, last in ((0, 3), (4, 7), (8, 9)):
        frontier = Frontier()
        for line in content[first : last + 1]:
            frontier.append(bytes.fromhex(hash_of(line).decode()))
        data = payload(json.loads(content[0])["stream"], first, last, frontier.root(),
                       hash_of(content[last]).decode(), prev, "2026-12-02T00:00:00.000Z",
                       stolen.key_id)  # fmt: skip
        line = sign_line(data, stolen)
        out.append(line[:-1])
        import hashlib

        prev = hashlib.sha256(line[:-1]).hexdigest()
    put(checkpoints_of(log), out)


# every problem found (kind, line) in order, a piece of the first fatal one's message,
# unsealed records, exit code
CASES: dict[str, tuple[Tamper | None, list[tuple[str, int]], str, int, int]] = {
    "untouched": (None, [], "", 0, 0),
    "edit a value": (edit_value, [("edited", 5)], "record 4 does not match its hash", 0, 1),
    "edit the last record of a range": (edit(3), [("edited", 4)], "record 3 does not match its hash", 0, 1),
    "edit the last record": (edit(9), [("edited", 10)], "record 9 does not match its hash", 2, 1),
    "delete the first record": (delete(0), [("missing", 1)], "record 0 missing before record 1", 0, 1),
    "delete a middle record": (delete(4), [("missing", 5)], "record 4 missing before record 5", 0, 1),
    "delete the last record": (delete(9), [("truncated", 10)], "seals records up to 9, but the log ends at record 8", 1, 1),
    "truncate before a checkpoint": (keep(6), [("truncated", 7)], "seals records up to 9, but the log ends at record 5", 2, 1),
    "truncate after a checkpoint": (keep(8), [("truncated", 9)], "seals records up to 9, but the log ends at record 7", 0, 1),
    "truncate inside the last record": (cut_bytes(30), [("torn", 10), ("truncated", 11)], "the log ends at record 8", 1, 1),
    "reorder two records": (reorder, [("missing", 4), ("out_of_order", 5)], "record 3 missing before record 4", 0, 1),
    "duplicate a record": (duplicate, [("duplicate", 4)], "record 2 appears again", 0, 1),
    "insert a forged record": (insert_forged, [("out_of_order", 7), ("broken_chain", 8)], "record 5 comes after record 5", 0, 1),
    "forged record disguised as torn": (forged_torn_line, [("malformed", 6)], "not a record of a chained log", 0, 1),
    "reseal with recomputed hashes": (reseal_tail, [("resealed", 8), ("resealed", 10)], "records 4 to 7 do not match the signed checkpoint", 6, 1),
    "roll back the checkpoint file": (roll_back_checkpoints, [], "", 6, 3),
    "delete the checkpoint file": (delete_checkpoints, [], "", 10, 3),
    "drop a middle checkpoint": (drop_middle_checkpoint, [("checkpoint_chain", 2)], "checkpoints were removed, inserted or replaced", 0, 1),
    "forge a checkpoint": (forge_checkpoint, [("bad_signature", 2), ("checkpoint_chain", 3)], "is not valid: the checkpoint was changed or forged", 0, 1),
    "replace the checkpoints (another key)": (replace_checkpoints, [("unknown_key", 1), ("unknown_key", 2), ("unknown_key", 3)], "none of the trusted public keys", 10, 1),
}  # fmt: skip


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "audit.jsonl"
    write_signed(path, COUNT, head=False)
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_tampering_is_found(log: Path, case: str, tmp_path: Path) -> None:
    tamper, found, message, unsealed, exit_code = CASES[case]
    if tamper is not None:
        tamper(log)
    result = verify_log(log, public_keys=keys(1))
    assert [(p.kind, p.line) for p in result.problems] == found, result.problems
    problem = result.first_problem
    if problem is None:
        assert result.ok, result.problems
        assert not message
    else:
        assert message in problem.message
    assert result.unsealed == unsealed
    from integrity_helpers import public_pem

    pem = public_pem(1, tmp_path / "key.pub.pem")
    outcome = CliRunner().invoke(main, ["verify-log", str(log), "--public-key", str(pem)])
    assert outcome.exit_code == exit_code, outcome.output
    assert "Traceback" not in outcome.output


def test_swapped_key_is_unknown(log: Path) -> None:
    result = verify_log(log, public_keys=keys(2))
    assert result.first_problem is not None
    assert result.first_problem.kind == "unknown_key"
    assert result.unsealed == COUNT


def test_removed_rotated_file_is_missing(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    write_signed(log, 12, rotate_bytes=2000, head=False)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["audit.jsonl", "audit.jsonl.1", "audit.jsonl.2", "audit.jsonl.3",
                     "audit.jsonl.checkpoints"], names  # fmt: skip
    intact = verify_logs([tmp_path], public_keys=keys(1))
    assert (intact.ok, intact.records, intact.unsealed) == (True, 12, 0)
    (tmp_path / "audit.jsonl.2").unlink()
    result = verify_logs([tmp_path], public_keys=keys(1))
    problem = result.first_problem
    assert problem is not None
    assert (problem.kind, Path(problem.file).name, problem.line) == ("missing", "audit.jsonl.3", 1)


def test_max_gap_finds_checkpoints_apart_in_time(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    from integrity_helpers import emit

    from registry_runtime import Emitter, JsonLinesSink

    with Emitter(JsonLinesSink(log, signer=signer(), checkpoint_every=2), hmac_key="k") as e:
        emit(e, 0)
        emit(e, 1)
        time.sleep(1.2)  # as if the checkpoints between were deleted
        emit(e, 2)
        emit(e, 3)
    assert verify_log(log, public_keys=keys(1), max_gap=10).ok
    result = verify_log(log, public_keys=keys(1), max_gap=1.0)
    problem = result.first_problem
    assert problem is not None
    assert (problem.kind, problem.line) == ("gap", 2)
    assert "since the previous checkpoint" in problem.message


def test_max_gap_with_a_record_time_edited_into_no_time(log: Path, tmp_path: Path) -> None:
    from integrity_helpers import public_pem

    content = lines(log)
    content[9] = content[9].replace(b'"occurred_at":"', b'"occurred_at":"not a time ', 1)
    put(log, content)
    pem = public_pem(1, tmp_path / "key.pub.pem")
    outcome = CliRunner().invoke(
        main, ["verify-log", str(log), "--public-key", str(pem), "--max-gap", "1h"]
    )
    assert outcome.exit_code == 1, outcome.output
    assert outcome.output.splitlines()[0].endswith(
        ":10: edited: record 9 does not match its hash " + hash_of(content[9]).decode()[:12]
        + "...: it was changed after it was written (stream "
        + json.loads(content[0])["stream"] + ")"
    )  # fmt: skip

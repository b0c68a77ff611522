"""`registry verify-log` on files the sink did not write: garbage, a plain JSON Lines file, a
chained log with foreign lines in it. Only what a crashed writer can leave (a record cut
short, the zeros of a power loss) is a non-fatal `torn` line; anything else is `malformed`
and fails the verification, so the wrong file is never reported "intact"."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry.cli import main
from registry_runtime import Actor, Emitter, EventSpec, FieldSpec, JsonLinesSink
from registry_runtime.chain import strip_chain
from registry_runtime.verify import verify_log

SPEC = EventSpec(
    name="thing.happened",
    version=1,
    fields=(FieldSpec("n", "none"),),
    actor_types=frozenset(),
    target_types=frozenset(),
    outcomes=frozenset({"success"}),
    failure_reasons=frozenset(),
    validate=lambda fields: [],
)


def chained_log(path: Path, count: int) -> list[bytes]:
    with Emitter(JsonLinesSink(path, head=False), hmac_key="k") as emitter:
        for n in range(count):
            emitter._emit(SPEC, {"n": n}, actor=Actor("user", "u"), targets=[], outcome="success",
                          reason=None, context=None, tenant=None)  # fmt: skip
    return path.read_bytes().splitlines()


def kinds(path: Path) -> tuple[bool, int, list[tuple[int, str]]]:
    result = verify_log(path)
    return result.ok, result.records, [(p.line, p.kind) for p in result.problems]


FOREIGN = [
    ("binary garbage", bytes(b for b in range(1, 256) if b != 0x0A) + b"\n"),
    ("a plain JSON object", b'{"event": "user.signed_in", "actor": {"id": "u_1"}}\n'),
    ("a JSON array", b"[1, 2, 3]\n"),
    ("text", b"hello\n"),
    ("nesting deeper than any record", b'{"a":' * 20_000 + b"1" + b"}" * 20_000 + b"\n"),
]


@pytest.mark.parametrize("content", [c[1] for c in FOREIGN], ids=[c[0] for c in FOREIGN])
def test_a_foreign_file_is_not_intact(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.jsonl"
    path.write_bytes(content)
    assert kinds(path) == (False, 0, [(1, "malformed")])
    result = CliRunner().invoke(main, ["verify-log", str(path)])
    assert result.exit_code == 1
    assert result.output.endswith("0 records; chain TAMPERED or damaged.\n")


@pytest.mark.parametrize("content", [c[1] for c in FOREIGN], ids=[c[0] for c in FOREIGN])
def test_a_foreign_line_inside_a_chained_log(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "audit.jsonl"
    lines = chained_log(path, 4)
    path.write_bytes(b"\n".join([*lines[:2], content.rstrip(b"\n"), *lines[2:]]) + b"\n")
    assert kinds(path) == (False, 4, [(3, "malformed")])


def test_what_a_crash_leaves_stays_non_fatal(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    lines = chained_log(path, 3)
    cut = lines[2][: len(lines[2]) // 2]  # the third record, cut short by a crash
    path.write_bytes(b"\n".join([lines[0], lines[1], cut, b"\x00" * 40]) + b"\n")
    with Emitter(JsonLinesSink(path, head=False), hmac_key="k") as emitter:  # the next writer
        emitter._emit(SPEC, {"n": 9}, actor=Actor("user", "u"), targets=[], outcome="success",
                      reason=None, context=None, tenant=None)  # fmt: skip
    assert kinds(path) == (True, 4, [(3, "torn"), (4, "torn")])
    # The next writer is a new stream: its first record (seq 0) is the abandoned marker naming
    # exactly the bytes the crash left (line 3, its newline and line 4), then its own record.
    written = path.read_bytes().splitlines()
    assert len(written) == 6
    old, marker, record = (json.loads(written[i]) for i in (1, 4, 5))
    fragment = cut + b"\n" + b"\x00" * 40
    assert strip_chain(marker) == {
        "control": "abandoned",
        "bytes": len(fragment),
        "sha256": hashlib.sha256(fragment).hexdigest(),
    }
    assert marker["stream"] != old["stream"]
    assert (marker["seq"], marker["prev_hash"]) == (0, "0" * 64)
    assert (record["stream"], record["seq"]) == (marker["stream"], 1)
    assert record["prev_hash"] == marker["hash"]
    assert (record["fields"], old["fields"]) == ({"n": 9}, {"n": 1})

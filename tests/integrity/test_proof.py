"""Inclusion proofs of one record (`registry prove`, `registry verify-proof`, runtime `proof`).

One sealed log written by the real sink with a real key: two streams in one file (two sinks),
rotated every few records so that checkpoint ranges span files; a checkpoint every 5 records
and one on close. Proofs of the first, a middle and the last record of every range verify
without the log; every way to alter a proof is refused with its kind and message; `prove`
refuses an unknown id, an unsealed record and a log that does not match its checkpoint.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from integrity_helpers import SPEC, keys, lines, public_pem, put, reseal, signer

from registry.cli import main
from registry_runtime import Actor, Emitter, JsonLinesSink
from registry_runtime.chain import seal, stream_seq
from registry_runtime.checkpoint import parse_checkpoint
from registry_runtime.proof import (
    FORMAT,
    ProofError,
    UnreadableProof,
    check_proof,
    load_proof,
    prove,
)

PER_STREAM = 23  # ranges 0-4, 5-9, 10-14, 15-19 and 20-22 (on close)


def emit_one(emitter: Emitter, n: int) -> str:
    record = emitter._emit(SPEC, {"n": n}, actor=Actor("user", "u"), targets=[],
                           outcome="success", reason=None, context=None, tenant=None)  # fmt: skip
    return str(record["id"])


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The log directory, each stream's ids by seq, the stream whose field ``n`` is its seq,
    and the checkpoint lines."""
    directory = tmp_path_factory.mktemp("sealed")
    log = directory / "audit.jsonl"
    options: dict[str, Any] = {"signer": signer(), "checkpoint_every": 5, "rotate_bytes": 4000}
    first, second = JsonLinesSink(log, **options), JsonLinesSink(log, **options)
    ids: dict[str, list[str]] = {first.stream: [], second.stream: []}
    with Emitter(first, hmac_key="k") as one, Emitter(second, hmac_key="k") as two:
        for n in range(PER_STREAM):
            ids[first.stream].append(emit_one(one, n))
            ids[second.stream].append(emit_one(two, 100 + n))
    text = Path(f"{log}.checkpoints").read_bytes().splitlines()
    return {"dir": directory, "ids": ids, "first": first.stream, "checkpoints": text}


def files_of(directory: Path) -> dict[str, list[str]]:
    """Which files hold each stream's records: ``"stream:seq" -> file name``."""
    where: dict[str, list[str]] = {}
    for path in sorted(directory.iterdir()):
        if path.name.startswith("audit.jsonl") and not path.name.endswith((".head", "points")):
            for line in lines(path):
                position = stream_seq(line)
                if position is not None:
                    where.setdefault(f"{position[0]}:{position[1]}", []).append(path.name)
    return where


def test_the_fixture_rotates_inside_ranges(sealed: dict[str, Any]) -> None:
    where = files_of(sealed["dir"])
    checkpoints = [parse_checkpoint(line) for line in sealed["checkpoints"]]
    assert all(c is not None for c in checkpoints)
    spanning = [
        c for c in checkpoints
        if c is not None and len({where[f"{c.stream}:{s}"][0] for s in range(c.first, c.last + 1)}) > 1
    ]  # fmt: skip
    assert len(spanning) >= 2
    assert len({name for names in where.values() for name in names}) >= 4


def cases(sealed_ids: dict[str, list[str]]) -> list[tuple[str, int, str]]:
    out = []
    for stream, ids in sorted(sealed_ids.items()):
        for first, last in ((0, 4), (5, 9), (10, 14), (15, 19), (20, 22)):
            for seq in sorted({first, (first + last) // 2, last}):
                out.append((stream, seq, ids[seq]))
    return out


def test_first_middle_and_last_record_of_every_range(sealed: dict[str, Any]) -> None:
    for stream, seq, record_id in cases(sealed["ids"]):
        proof = prove([sealed["dir"]], record_id)
        verdict = check_proof(load_proof(json.dumps(proof).encode()), keys(1))
        assert verdict.ok, (stream, seq, verdict.problems)
        assert (proof["stream"], proof["seq"], proof["format"]) == (stream, seq, FORMAT)
        checkpoint = parse_checkpoint(proof["checkpoint"].encode())
        assert checkpoint is not None
        assert proof["checkpoint"].encode() in sealed["checkpoints"]
        assert checkpoint.first <= seq <= checkpoint.last
        assert proof["index"] == seq - checkpoint.first
        assert proof["key"] == signer().key_id
        assert json.loads(proof["record"])["id"] == record_id
        # the record is the log's line, byte for byte
        assert any(
            proof["record"].encode() in lines(path)
            for path in sealed["dir"].iterdir() if path.name.startswith("audit.jsonl")
        )  # fmt: skip
        # the log's own file is not needed: the same proof from a copy of it checks the same
        assert verdict.checkpoint == checkpoint


# -- tampered proofs -----------------------------------------------------------------------

Alter = Callable[[dict[str, Any], dict[str, Any]], None]


def edit_record(proof: dict[str, Any], _sealed: dict[str, Any]) -> None:
    proof["record"] = proof["record"].replace('"n":7', '"n":8')


def reseal_record(proof: dict[str, Any], _sealed: dict[str, Any]) -> None:
    line = proof["record"].replace('"n":7', '"n":8').encode()
    prev = json.loads(line)["prev_hash"].encode()
    proof["record"] = reseal(line, prev).decode()


def change_path(index: int) -> Alter:
    def run(proof: dict[str, Any], _sealed: dict[str, Any]) -> None:
        proof["path"][index] = ("0" if proof["path"][index][0] != "0" else "1") + proof["path"][
            index
        ][1:]

    return run


def drop_path(proof: dict[str, Any], _sealed: dict[str, Any]) -> None:
    proof["path"].pop()


def change_index(proof: dict[str, Any], _sealed: dict[str, Any]) -> None:
    proof["index"] += 1


def change_seq(proof: dict[str, Any], _sealed: dict[str, Any]) -> None:
    proof["seq"] += 1


def edit_checkpoint(proof: dict[str, Any], _sealed: dict[str, Any]) -> None:
    checkpoint = parse_checkpoint(proof["checkpoint"].encode())
    assert checkpoint is not None
    proof["checkpoint"] = proof["checkpoint"].replace(checkpoint.root, "ab" * 32)


def other_range(proof: dict[str, Any], sealed: dict[str, Any]) -> None:
    """The valid signed checkpoint of the stream's next range."""
    proof["checkpoint"] = next(
        line.decode() for line in sealed["checkpoints"]
        if (c := parse_checkpoint(line)) and c.stream == proof["stream"] and c.first == 10
    )  # fmt: skip


def other_stream(proof: dict[str, Any], sealed: dict[str, Any]) -> None:
    """The record of the same place in the other stream, with this stream's path and checkpoint."""
    other = next(s for s in sealed["ids"] if s != proof["stream"])
    borrowed = prove([sealed["dir"]], sealed["ids"][other][proof["seq"]])
    proof["record"], proof["stream"] = borrowed["record"], borrowed["stream"]


def name_other_key(proof: dict[str, Any], _sealed: dict[str, Any]) -> None:
    proof["key"] = signer(2).key_id


TAMPERED: list[tuple[str, Alter, int, list[str], str]] = [
    ("record edited", edit_record, 1, ["edited"], "does not match its own hash"),
    ("record edited, hash recomputed", reseal_record, 1, ["not_included"], "audit path does not lead"),
    ("path element changed", change_path(0), 1, ["not_included"], "the record, the path or the index"),
    ("top path element changed", change_path(-1), 1, ["not_included"], "Merkle root"),
    ("path element removed", drop_path, 1, ["not_included"], "audit path"),
    ("index changed", change_index, 1, ["index", "not_included"], "index 3 is not the record's place in the range (2)"),
    ("seq changed", change_seq, 1, ["position", "index"], "names its stream and seq differently"),
    ("checkpoint edited", edit_checkpoint, 1, ["bad_signature", "not_included"], "signature is not valid"),
    ("checkpoint of another range", other_range, 1, ["outside", "not_included"], "record 7 is outside the checkpoint's range 10 to 14"),
    ("record of another stream", other_stream, 1, ["other_stream", "not_included"], "the checkpoint seals stream"),
    ("key id changed", name_other_key, 1, ["key"], "the proof names key"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("alter", "code", "kinds", "message"),
    [row[1:] for row in TAMPERED],
    ids=[row[0] for row in TAMPERED],
)
def test_an_altered_proof_is_refused(
    sealed: dict[str, Any], tmp_path: Path, alter: Alter, code: int, kinds: list[str], message: str
) -> None:
    stream = sealed["first"]
    proof = prove([sealed["dir"]], sealed["ids"][stream][7])  # range 5-9, index 2
    alter(proof, sealed)
    verdict = check_proof(load_proof(json.dumps(proof).encode()), keys(1))
    assert [p.kind for p in verdict.problems] == kinds
    assert message in verdict.problems[0].message
    path = tmp_path / "proof.json"
    path.write_text(json.dumps(proof), "utf-8")
    result = CliRunner().invoke(
        main,
        ["verify-proof", str(path), "--public-key", str(public_pem(1, tmp_path / "k.pem"))],
    )
    assert result.exit_code == code
    assert result.output.splitlines()[0].startswith(f"{path}: {kinds[0]}: ")
    assert result.output.endswith(
        "REFUTED: the proof does not show that the record belongs to the sealed log.\n"
    )


def test_a_proof_checked_with_the_wrong_key_is_refused(
    sealed: dict[str, Any], tmp_path: Path
) -> None:
    proof = prove([sealed["dir"]], sealed["ids"][sealed["first"]][0])
    verdict = check_proof(proof, keys(2))
    assert [(p.kind, p.message) for p in verdict.problems] == [
        ("unknown_key", f"the checkpoint is signed by key {signer(1).key_id}, none of the trusted public keys")
    ]  # fmt: skip
    path = tmp_path / "proof.json"
    path.write_text(json.dumps(proof), "utf-8")
    result = CliRunner().invoke(
        main,
        ["verify-proof", str(path), "--public-key", str(public_pem(2, tmp_path / "k.pem")),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert (report["ok"], [p["kind"] for p in report["problems"]]) == (False, ["unknown_key"])
    # with both keys trusted it is proven again
    assert check_proof(proof, keys(2, 1)).ok


# -- what prove refuses --------------------------------------------------------------------


def prove_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["prove", *args])
    return result.exit_code, result.stdout, result.stderr


def test_an_unsealed_record_is_not_proven_until_its_checkpoint(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    sink = JsonLinesSink(log, signer=signer(), checkpoint_every=4)
    emitter = Emitter(sink, hmac_key="k")
    ids = [emit_one(emitter, n) for n in range(6)]  # 0-3 sealed, 4 and 5 not yet
    assert prove([log], ids[3])["seq"] == 3
    with pytest.raises(ProofError) as raised:
        prove([log], ids[5])
    assert raised.value.kind == "unsealed"
    assert "record 5 of stream" in str(raised.value)
    assert prove_cli(str(log), "--id", ids[5])[0] == 3
    emitter.close()  # seals 4 and 5
    assert check_proof(prove([log], ids[5]), keys(1)).ok


def test_a_log_never_sealed_has_nothing_to_prove(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    with Emitter(JsonLinesSink(log), hmac_key="k") as emitter:
        record_id = emit_one(emitter, 1)
    code, _out, err = prove_cli(str(log), "--id", record_id)
    assert code == 3
    assert "after the stream's last checkpoint: not sealed yet" in err


def test_prove_refuses_unknown_ids_and_tampered_logs(
    sealed: dict[str, Any], tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(sealed["dir"], copy)
    stream = sealed["first"]
    target = sealed["ids"][stream][7]
    assert prove_cli(str(copy), "--id", str(uuid.uuid4()))[:2] == (2, "")
    code, _out, err = prove_cli(str(copy), "--id", "not-a-uuid")
    assert (code, err) == (2, "registry: 'not-a-uuid' is not a UUID\n")
    # a record of the range edited with its hashes recomputed: the range no longer matches
    log = next(p for p in copy.iterdir() if any(target.encode() in line for line in lines(p)))
    content = lines(log)
    at = next(i for i, line in enumerate(content) if target.encode() in line)
    neighbour = next(i for i in range(at + 1, len(content)) if stream.encode() in content[i])
    line = content[neighbour]
    body = line[: line.rindex(b',"stream":"')] + b"}"
    position = stream_seq(line)
    assert position is not None
    content[neighbour] = seal(
        body.replace(b'"n":8', b'"n":0'), json.loads(line)["prev_hash"].encode(), *position
    )[0][:-1]
    put(log, content)
    code, _out, err = prove_cli(str(copy), "--id", target)
    assert code == 1
    assert f"records 5 to 9 of stream {stream} do not match the checkpoint" in err
    # the id on two records
    content.insert(at, content[at])
    put(log, content)
    code, _out, err = prove_cli(str(copy), "--id", target)
    assert (code, "2 records have the id" in err) == (1, True)
    # the record itself edited
    del content[at]
    content[at] = content[at].replace(b'"n":7', b'"n":6')
    put(log, content)
    code, _out, err = prove_cli(str(copy), "--id", target)
    assert (code, "does not match its own hash" in err) == (1, True)


# -- unreadable proofs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not a JSON document"),
        (b"[]", f"not an inclusion proof of format {FORMAT}"),
        (json.dumps({"format": FORMAT, "record": ""}).encode(), "the proof lacks stream, seq"),
        (
            json.dumps(
                {
                    "format": FORMAT,
                    "record": "",
                    "stream": "s",
                    "seq": "1",
                    "index": 0,
                    "path": [],
                    "checkpoint": "",
                    "key": "",
                }
            ).encode(),
            "record, stream, checkpoint and key must be strings, seq and index integers",
        ),
    ],
)
def test_an_unreadable_proof_is_a_usage_error(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(UnreadableProof, match=message):
        load_proof(content)
    path = tmp_path / "proof.json"
    path.write_bytes(content)
    result = CliRunner().invoke(
        main, ["verify-proof", str(path), "--public-key", str(public_pem(1, tmp_path / "k.pem"))]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"registry: {path}: {message}")


def test_a_missing_proof_or_key_is_a_usage_error(sealed: dict[str, Any], tmp_path: Path) -> None:
    key = str(public_pem(1, tmp_path / "k.pem"))
    missing = CliRunner().invoke(
        main, ["verify-proof", str(tmp_path / "none.json"), "--public-key", key]
    )
    assert (missing.exit_code, "cannot read" in missing.stderr) == (2, True)
    path = tmp_path / "proof.json"
    path.write_bytes(json.dumps(prove([sealed["dir"]], sealed["ids"][sealed["first"]][0])).encode())
    no_key = CliRunner().invoke(main, ["verify-proof", str(path)])
    assert no_key.exit_code == 2
    bad_key = CliRunner().invoke(main, ["verify-proof", str(path), "--public-key", str(path)])
    assert (bad_key.exit_code, "is not a PEM public key" in bad_key.stderr) == (2, True)


def test_forged_checkpoints_neither_stop_nor_fool_prove(
    sealed: dict[str, Any], tmp_path: Path
) -> None:
    """A forged checkpoint claiming a huge range over the record comes first in the file: prove
    passes over it (without allocating its range) and proves with the real one."""
    copy = tmp_path / "copy"
    shutil.copytree(sealed["dir"], copy)
    real = next(
        line for line in sealed["checkpoints"]
        if (c := parse_checkpoint(line)) and c.stream == sealed["first"] and c.first == 5
    )  # fmt: skip
    forged = (
        real.replace(b'"last":9,"count":5', b'"last":1000000000000000004,"count":1000000000000000000')
    )  # fmt: skip
    assert parse_checkpoint(forged) is not None
    checkpoints = copy / "audit.jsonl.checkpoints"
    checkpoints.write_bytes(forged + b"\n" + checkpoints.read_bytes())
    proof = prove([copy], sealed["ids"][sealed["first"]][7])
    assert proof["checkpoint"].encode() == real
    assert check_proof(proof, keys(1)).ok


def test_a_record_no_utf8_can_carry_is_refused_not_a_crash(
    sealed: dict[str, Any], tmp_path: Path
) -> None:
    proof = prove([sealed["dir"]], sealed["ids"][sealed["first"]][7])
    proof["record"] = proof["record"].replace('"n":7', '"n":"\ud800"')
    assert [p.kind for p in check_proof(proof, keys(1)).problems] == ["edited"]
    path = tmp_path / "proof.json"
    path.write_text(json.dumps(proof), "ascii")  # the surrogate as a \ud800 escape
    result = CliRunner().invoke(
        main, ["verify-proof", str(path), "--public-key", str(public_pem(1, tmp_path / "k.pem"))]
    )
    assert result.exit_code == 1

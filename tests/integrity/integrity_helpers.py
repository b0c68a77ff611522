"""Shared pieces of the integrity tests: fixed keys, a signed log, tampering helpers."""

from __future__ import annotations

import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from registry_runtime import Actor, Emitter, EventSpec, FieldSpec, JsonLinesSink
from registry_runtime.chain import parse, seal, stream_seq
from registry_runtime.signing import PublicKeys, Signer

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


def fixed_key(seed: int) -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)


def raw_public(key: ed25519.Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def signer(seed: int = 1) -> Signer:
    key = fixed_key(seed)
    return Signer(raw_public(key), key.sign)


def keys(*seeds: int) -> PublicKeys:
    return PublicKeys(raw_public(fixed_key(seed)) for seed in seeds or (1,))


def public_pem(seed: int, path: Path) -> Path:
    path.write_bytes(fixed_key(seed).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))  # fmt: skip
    return path


def private_pem(seed: int, path: Path) -> Path:
    path.write_bytes(fixed_key(seed).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))  # fmt: skip
    return path


def emit(emitter: Emitter, n: int) -> None:
    emitter._emit(SPEC, {"n": n}, actor=Actor("user", "u"), targets=[], outcome="success",
                  reason=None, context=None, tenant=None)  # fmt: skip


def write_signed(path: Path, count: int, *, start: int = 0, **options: object) -> JsonLinesSink:
    options.setdefault("signer", signer())
    options.setdefault("checkpoint_every", 4)
    sink = JsonLinesSink(path, **options)  # type: ignore[arg-type]
    with Emitter(sink, hmac_key="k") as emitter:
        for n in range(start, start + count):
            emit(emitter, n)
    return sink


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


def put(path: Path, new_lines: list[bytes]) -> None:
    path.write_bytes(b"".join(line + b"\n" for line in new_lines))


def reseal(line: bytes, prev_hash: bytes) -> bytes:
    """``line`` sealed again after ``prev_hash`` in its own stream and place (no newline)."""
    position = stream_seq(line)
    assert position is not None
    body = line[: line.rindex(b',"stream":"')] + b"}"
    return seal(body, prev_hash, position[0], position[1])[0][:-1]


def hash_of(line: bytes) -> bytes:
    parsed = parse(line)
    assert parsed is not None
    return parsed[1]


if __name__ == "__main__":  # python integrity_helpers.py LOG: write signed records until killed
    sink = JsonLinesSink(sys.argv[1], signer=signer(), checkpoint_every=int(sys.argv[2]))
    emitter = Emitter(sink, hmac_key="k")
    pad = "p" * int(sys.argv[3])
    n = 0
    while True:
        emitter._emit(SPEC, {"n": pad}, actor=Actor("user", "u"), targets=[], outcome="success",
                      reason=None, context=None, tenant=None)  # fmt: skip
        n += 1

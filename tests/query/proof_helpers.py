"""Shared by the `--verify` and archive tests: a chained log sealed by signed checkpoints,
written through the real runtime sink with a fixed Ed25519 key, and its public key."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from registry_runtime import Actor, Emitter, EventSpec, FieldSpec, JsonLinesSink, Target
from registry_runtime.signing import PublicKeys, Signer

STREAM = "s-one"
EVERY = 10
"""Records per checkpoint: ranges 0-9, 10-19, ..."""
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


def _key(seed: int = 1) -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)


def _raw(key: ed25519.Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def signer(seed: int = 1) -> Signer:
    """The checkpoint signer of the key `seed` (its public key: `public_keys`, `public_pem`)."""
    key = _key(seed)
    return Signer(_raw(key), key.sign)


def public_keys(seed: int = 1) -> PublicKeys:
    return PublicKeys([_raw(_key(seed))])


def public_pem(path: Path, seed: int = 1) -> Path:
    path.write_bytes(_key(seed).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))  # fmt: skip
    return path


def write_signed(path: Path, count: int, start: int = 0, tenant: str = "acme") -> None:
    """`count` records (`fields.n` from `start`) of stream `STREAM`, sealed every `EVERY`
    records and on close; actor `user:u_<n % 3>`."""
    sink = JsonLinesSink(path, signer=signer(), checkpoint_every=EVERY, stream=STREAM)
    emitter = Emitter(sink, hmac_key=b"k" * 32, tenant=tenant)
    for n in range(start, start + count):
        emitter._emit(SPEC, {"n": n}, actor=Actor("user", f"u_{n % 3}"),
                      targets=[Target("thing", f"t_{n}")], outcome="success", reason=None,
                      context=None, tenant=None)  # fmt: skip
    sink.close()


def lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines()


def rewrite(path: Path, new: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in new), "utf-8")


def span_set(spans: object) -> set[int]:
    """The sequence numbers the spans cover."""
    return {seq for span in spans for seq in range(span.first, span.last + 1)}  # type: ignore[attr-defined]

"""Ed25519 keys of the signed checkpoints: signers, public keys, key ids.

`cryptography` is the optional extra ``signing`` of the runtime; it is imported on use, and a
missing package is an `AuditConfigurationError` naming the extra, raised when a signer or
verifier is made (never at the first checkpoint).

- The *key id* of a key pair is the first 16 bytes of ``sha256(raw 32-byte public key)``, as 32
  lowercase hex characters (`key_id`).
- A `Signer` is the key id, the raw public key and a callable that signs bytes: the writing
  process need not hold the private key (a signing service, a KMS: wrap its call). The default
  signers read a PEM private key (PKCS#8) from a file or from an environment variable.
- Verifiers need only public keys (PEM, SubjectPublicKeyInfo): `load_public_keys`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

from .errors import AuditConfigurationError

SIGNING_KEY_ENV: Final = "REGISTRY_AUDIT_SIGNING_KEY"
"""The environment variable holding the PEM private key (the default when no file is given)."""
SIGNATURE_BYTES: Final = 64


def _crypto() -> Any:
    try:
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError as error:  # pragma: no cover - the tests install the extra
        raise AuditConfigurationError(
            "signed checkpoints need the 'cryptography' package: pip install 'audit-registry-runtime[signing]'"
        ) from error
    return ed25519


def key_id(public_key: bytes) -> str:
    """The key id of a raw 32-byte Ed25519 public key."""
    return hashlib.sha256(public_key).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Signer:
    """Signs checkpoints: ``sign(data) -> 64-byte signature`` by the key ``public_key``."""

    public_key: bytes
    sign: Callable[[bytes], bytes]

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def __repr__(self) -> str:
        return f"Signer(key_id={self.key_id!r})"


def _raw_public(private: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization

    raw: bytes = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return raw


def signer_from_pem(pem: bytes, *, source: str) -> Signer:
    """A signer from a PEM private key; ``source`` names where it came from (for errors)."""
    ed25519 = _crypto()
    from cryptography.hazmat.primitives import serialization

    try:
        private = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise AuditConfigurationError(
            f"{source} is not an unencrypted PEM private key (write one with `registry keys generate`)"
        ) from None
    if not isinstance(private, ed25519.Ed25519PrivateKey):
        raise AuditConfigurationError(f"{source} is not an Ed25519 private key")
    return Signer(_raw_public(private), private.sign)


def load_signer(
    key_file: str | os.PathLike[str] | None = None, *, env: str = SIGNING_KEY_ENV
) -> Signer:
    """The default signer: the PEM key in ``key_file``, else in the variable ``env``.

    Raises `AuditConfigurationError` when neither gives a usable key.
    """
    if key_file is not None:
        try:
            with open(key_file, "rb") as handle:
                pem = handle.read(1 << 16)
        except OSError as error:
            raise AuditConfigurationError(
                f"cannot read the signing key {os.fspath(key_file)}: {error.strerror}"
            ) from None
        return signer_from_pem(pem, source=f"the signing key file {os.fspath(key_file)}")
    value = os.environ.get(env)
    if not value:
        raise AuditConfigurationError(
            f"signed checkpoints need a private key: pass a key file or set ${env} to a PEM key"
        )
    return signer_from_pem(value.encode("ascii", "replace"), source=f"${env}")


@dataclass(frozen=True, slots=True)
class KeyPair:
    """A new key pair as PEM texts, and its key id."""

    private_pem: bytes
    public_pem: bytes
    key_id: str

    def __repr__(self) -> str:
        return f"KeyPair(key_id={self.key_id!r})"


def generate_key_pair() -> KeyPair:
    """A fresh Ed25519 key pair (PKCS#8 private key, SubjectPublicKeyInfo public key)."""
    ed25519 = _crypto()
    from cryptography.hazmat.primitives import serialization

    private = ed25519.Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return KeyPair(private_pem, public_pem, key_id(_raw_public(private)))


class PublicKeys:
    """The verifier's trusted keys by key id (raw public keys), checking signatures."""

    __slots__ = ("_keys", "_objects")

    def __init__(self, raw_keys: Iterable[bytes] = ()) -> None:
        self._keys: dict[str, bytes] = {}
        self._objects: dict[bytes, Any] = {}
        for raw in raw_keys:
            self.add(raw)

    def add(self, raw: bytes) -> str:
        if len(raw) != 32:
            raise ValueError("an Ed25519 public key is 32 bytes")
        _crypto()  # a key to check with needs the signing extra: say so now, not at a signature
        kid = key_id(raw)
        self._keys[kid] = raw
        return kid

    def __contains__(self, kid: object) -> bool:
        return kid in self._keys

    def __bool__(self) -> bool:
        return bool(self._keys)

    def get(self, kid: str) -> bytes | None:
        return self._keys.get(kid)

    def ids(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def verify(self, raw: bytes, signature: bytes, data: bytes) -> bool:
        """Whether ``signature`` is a valid signature of ``data`` by the raw key ``raw``."""
        key = self._objects.get(raw)
        if key is None:
            key = _crypto().Ed25519PublicKey.from_public_bytes(raw)
            self._objects[raw] = key
        from cryptography.exceptions import InvalidSignature

        try:
            key.verify(signature, data)
        except InvalidSignature:
            return False
        return True


def public_key_from_pem(pem: bytes, *, source: str) -> bytes:
    """The raw 32 bytes of a PEM Ed25519 public key (a private key is refused)."""
    ed25519 = _crypto()
    from cryptography.hazmat.primitives import serialization

    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError):
        raise AuditConfigurationError(f"{source} is not a PEM public key") from None
    if not isinstance(key, ed25519.Ed25519PublicKey):
        raise AuditConfigurationError(f"{source} is not an Ed25519 public key")
    raw: bytes = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw


def load_public_keys(paths: Iterable[str | os.PathLike[str]]) -> PublicKeys:
    """The public keys in PEM files; raises `AuditConfigurationError` on an unusable file."""
    keys = PublicKeys()
    for path in paths:
        try:
            with open(path, "rb") as handle:
                pem = handle.read(1 << 16)
        except OSError as error:
            raise AuditConfigurationError(
                f"cannot read the public key {os.fspath(path)}: {error.strerror}"
            ) from None
        keys.add(public_key_from_pem(pem, source=f"the public key file {os.fspath(path)}"))
    return keys

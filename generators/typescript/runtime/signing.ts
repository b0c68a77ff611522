// Ed25519 keys of the signed checkpoints, as registry_runtime.signing: signers and key ids.
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";

import { AuditConfigurationError } from "./errors.js";
import { systemReason } from "./files.js";

/** The environment variable holding the PEM private key (`signer: "env"`). */
export const SIGNING_KEY_ENV = "REGISTRY_AUDIT_SIGNING_KEY";

/** Signs checkpoints: `sign(data)` returns the 64-byte Ed25519 signature by the key whose raw
 * 32-byte public key is `publicKey`. The process need not hold the private key: wrap a signing
 * service's call. */
export interface Signer {
  readonly publicKey: Uint8Array;
  sign(data: Buffer): Uint8Array;
}

/** The key id of a raw public key: the first 16 bytes of its sha256, as 32 hex characters. */
export function keyId(publicKey: Uint8Array): string {
  return createHash("sha256").update(publicKey).digest("hex").slice(0, 32);
}

/** `signer` checked: a raw Ed25519 public key and a sign function. */
export function checkedSigner(signer: Signer): Signer {
  if (!(signer.publicKey instanceof Uint8Array) || signer.publicKey.length !== 32 || typeof signer.sign !== "function") {
    throw new AuditConfigurationError("a signer needs a 32-byte raw Ed25519 publicKey and a sign(data) function");
  }
  return signer;
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = createPublicKey(key).export({ format: "jwk" });
  return Buffer.from(jwk.x ?? "", "base64url");
}

/** A signer from a PEM private key (PKCS#8); `source` names where it came from, for errors. */
export function signerFromPem(pem: string | Buffer, source: string): Signer {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new AuditConfigurationError(
      `${source} is not an unencrypted PEM private key (write one with \`registry keys generate\`)`,
    );
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new AuditConfigurationError(`${source} is not an Ed25519 private key`);
  }
  return { publicKey: rawPublicKey(key), sign: (data) => sign(null, data, key) };
}

/** The PEM key in `keyFile`, else in the variable `SIGNING_KEY_ENV`; throws
 * `AuditConfigurationError` when neither gives a usable Ed25519 key. */
export function loadSigner(keyFile?: string): Signer {
  if (keyFile !== undefined) {
    let pem: Buffer;
    try {
      pem = readFileSync(keyFile);
    } catch (error) {
      throw new AuditConfigurationError(`cannot read the signing key ${keyFile}: ${systemReason(error)}`);
    }
    return signerFromPem(pem, `the signing key file ${keyFile}`);
  }
  const value = process.env[SIGNING_KEY_ENV];
  if (!value) {
    throw new AuditConfigurationError(
      `signed checkpoints need a private key: pass a key file or set $${SIGNING_KEY_ENV} to a PEM key`,
    );
  }
  return signerFromPem(value, `$${SIGNING_KEY_ENV}`);
}

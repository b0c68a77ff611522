"""Classes of the value recognisers (issue 17). Secrets: an Authorization header of any
scheme, an issuer token with a hex body, a private key in base64, a PuTTY key file. Not
secrets: what a masking rule left of a credential. Not phone numbers: the tail of a code
written in groups. National identifiers: schemes in their own grouping or after their own
label. Cases written from the rules, not from a held-out row."""

from __future__ import annotations

import pytest

from registry.privacy import leaks

CASES = [
    # a credential partly masked: three stars or bullets in a row
    ("password=hunter***", []),
    ("client_secret: ghp_\u2022\u2022\u2022\u2022\u2022\u2022Zk3", []),
    ("postgres://svc:p4ss***@db.internal/app", []),
    ("token=Qm7Xp2Lw***Ua5WqT", []),
    # ... but a credential with one star is a credential
    ("password=Tr0ub4dor*3", [leaks.SECRET]),
    # an HTTP Authorization header, whatever its scheme, with a credential holding a digit
    ("Authorization: Token 9f3k2m1q8x7c6v5b4n3m", [leaks.SECRET]),
    ('"authorization": "SSWS 00aB3kZ9qWx7Lm2Rp4Vt"', [leaks.SECRET]),
    ("Authorization: Token [REDACTED]", []),
    ("authorization: none required for health checks", []),
    # an issuer prefix and 160 bits or more of random hex; not after a digest's or an id's word
    ("token sbp_4f9d2c7a1b8e6f3d5c0a9b7e2d4f6a8c1e3b5d7f", [leaks.SECRET]),
    ("bkua-4F9D2C7A1B8E6F3D5C0A9B7E2D4F6A8C1E3B5D7F", [leaks.SECRET]),
    ("commit_4f9d2c7a1b8e6f3d5c0a9b7e2d4f6a8c1e3b5d7f", []),
    ("trace-id-4f9d2c7a1b8e6f3d5c0a9b7e2d4f6a8c1e3b5d7f", []),
    ("req_4f9d2c7a1b8e6f3d5c0a9b7e2d4f6a8c", []),  # 128 bits: the shape of an id
    # a private key as kubeconfig and Kubernetes secrets hold it, and a PuTTY key file
    ("client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVF", [leaks.SECRET]),
    ("certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUI=", []),
    ("PuTTY-User-Key-File-3: ssh-ed25519", [leaks.SECRET]),
    # the tail of a code of three or more groups whose first group mixes capitals and digits
    ("parcel 1Z 4F7 XK2 03 5521 9908 delivered", []),
    ("serial A7 BQ 9 0412 7781 23", []),
    # one such word alone before a number is no code
    ("room B12 0151 40558339", [leaks.PHONE_NUMBER]),
    ("flight LH2 +49 151 4055833", [leaks.PHONE_NUMBER]),
    # the Austrian social security number in its own grouping: serial and check, birth date
    ("1237 010180", [leaks.NATIONAL_ID]),
    ("1237010180", []),  # compact and without a label: a weak check alone
    ("SVNR 1237010180", [leaks.NATIONAL_ID]),
    ("1238 010180", []),  # wrong check digit: neither an identifier nor a phone number
    # Taiwan (letter, sex digit, check), Uruguay (its grouping), Hungary (after its label)
    ("A123456789", [leaks.NATIONAL_ID]),
    ("A123456780", []),
    ("A323456789", []),  # the second character is the sex: 1 or 2
    ("1.234.567-2", [leaks.NATIONAL_ID]),
    ("1.234.567-3", []),
    ("12345672", []),  # compact: the grouping is what tells a cedula
    ("adoazonosito jel: 8123456786", [leaks.NATIONAL_ID]),
    ("8123456786", []),  # its check alone is weak: only after its label
]


@pytest.mark.parametrize(("value", "kinds"), CASES, ids=[value for value, _ in CASES])
def test_the_kinds_reported(value: str, kinds: list[str]) -> None:
    assert [leak.kind for leak in leaks.find_leaks(value)] == kinds

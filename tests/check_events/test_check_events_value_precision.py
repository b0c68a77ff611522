"""Classes of the value recognisers (issue 17): an Authorization header of any scheme is a
secret; what a masking rule left of a
credential, the tail of a code written in groups, and a national identifier in its own
grouping are each one kind or none, never a phone number or a secret. Cases written from the
rules, not from a held-out row."""

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

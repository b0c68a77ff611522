"""What surrounds a value helps judge it (issue 17): the key it is held under, and the label
before a number.

- A value under a key named for a credential (as P002 judges names: ``client_secret``,
  ``apiKey``, ``session_id``) that is one random-looking token is a secret, whatever its
  shape; the same token under another key is not judged so (it could be an id).
- The word before a national identifier is read with its accents folded (``cédula``), and the
  words python-stdnum gives its schemes name identifiers too.
"""

from __future__ import annotations

import io
import random
import string

import pytest
from check_events_helpers import fixture_catalog, jsonl, valid_order

from registry.checkevents import codes
from registry.checkevents.fieldchecks import Problem
from registry.checkevents.run import StreamCheck
from registry.checkevents.scan import Scanner, credential_key
from registry.privacy import leaks
from registry.privacy.leakkinds import fold, label_before
from registry.privacy.national_ids import PERSONAL_ID_LABELS, find_national_id

SECRET = codes.LEAK_CODES[leaks.SECRET]
R = random.Random(17)
TOKEN = "".join(R.choice(string.ascii_letters + string.digits) for _ in range(32))
HEX = "".join(R.choice("0123456789abcdef") for _ in range(32))


@pytest.mark.parametrize(
    ("key", "value", "secret"),
    [
        ("client_secret", TOKEN, True),
        ("apiKey", HEX, True),
        ("webhookSigningSecret", "whsec_" + TOKEN, True),
        ("session_id", TOKEN, True),
        ("x-api-key", TOKEN, True),
        ("client_secret", "<redacted>", False),
        ("client_secret", "${CLIENT_SECRET}", False),
        ("client_secret", "****************", False),
        ("client_secret", "not-set-yet-please-rotate", False),  # words: little entropy
        ("client_secret", "2024-11-27T21:00:00Z", False),
        ("api_key_id", TOKEN, False),  # the id of a key, not the key (P002 agrees)
        ("token_count", "12345678901234567", False),
        ("note", TOKEN, False),  # the same token under another key: could be an id
        ("request_id", HEX, False),
    ],
)
def test_a_token_under_a_credential_key_is_a_secret(key: str, value: str, secret: bool) -> None:
    problems: list[Problem] = []
    Scanner().member(key, value, "fields", problems)
    assert any(code == SECRET for code, _, _ in problems) == secret, problems
    assert all(value not in message for _, _, message in problems)


@pytest.mark.parametrize(
    ("key", "expected"),
    [("client_secret", True), ("apiKey", True), ("refresh_token", True), ("ip", False),
     ("token_count", False), ("password_hint", False), ("colour", False)],
)  # fmt: skip
def test_credential_keys_are_p002s_names(key: str, expected: bool) -> None:
    assert credential_key(key) is expected


def test_the_key_counts_at_every_depth_and_in_the_context() -> None:
    catalog, config = fixture_catalog()
    record = valid_order()
    record["fields"]["shipping"] = {"carrier": "PostNL", "label_text": "x", "apiKey": TOKEN}
    record["context"]["session_id"] = TOKEN  # written in clear instead of hashed
    record["fields"]["extra"] = [{"deep": {"clientSecret": TOKEN}}]
    findings = list(StreamCheck(catalog, config).findings(io.BytesIO(jsonl(record))))
    paths = sorted(f.field or "" for f in findings if f.rule == SECRET)
    assert paths == [
        "context.session_id",
        "fields.extra[0].deep.clientSecret",
        "fields.shipping.apiKey",
    ]
    assert all(TOKEN not in f.message for f in findings)


@pytest.mark.parametrize(
    ("word", "folded"),
    [("Cédula", "cedula"), ("Fødselsnummer", "fodselsnummer"), ("RČ", "rc"), ("PESEL", "pesel")],
)
def test_labels_are_folded(word: str, folded: str) -> None:
    assert fold(word) == folded
    assert label_before(f"{word}: 12", len(word) + 2) == folded


def test_python_stdnum_names_its_schemes() -> None:
    """Words taken from python-stdnum's descriptions, not written here."""
    assert {"isikukood", "cnic", "kennitala", "vnr", "niss"} <= PERSONAL_ID_LABELS
    assert "number" not in PERSONAL_ID_LABELS


# Ecuador's cédula (mod 10, weights 2,1): a label is needed, and it is written with an accent.
CEDULA = "1710034065"


@pytest.mark.parametrize(
    ("text", "found"),
    [(f"cédula {CEDULA}", True), (f"cedula {CEDULA}", True), (f"Ticket {CEDULA}", False),
     (CEDULA, False)],
)  # fmt: skip
def test_a_folded_label_names_an_identifier(text: str, found: bool) -> None:
    assert (find_national_id(text) is not None) == found

"""Generated emitters redact at every depth: a `pii` member of an object (or of the objects of
a list) is hashed, a `credential` member is never written, undeclared member keys are neither
written nor named, and the checks of a string test its length before its pattern.

Each case calls the generated typed method of a catalog that lints clean, through every real
sink (see tests/runtime/test_runtime_nested.py), and looks for every form of the secret.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest
from gen_helpers import KEY, generate_python, imported

from registry_runtime import (
    Actor,
    InvalidEvent,
    JsonLinesSink,
    LoggingSink,
    MemorySink,
    StreamSink,
    Target,
    TeeSink,
)
from registry_runtime.redact import Redactor

CATALOG = """\
domain: accounts
description: Profile changes, with personal data and secrets nested in objects and lists.
owners: [team-a]
events:
  user.profile_updated:
    description: A user updated their profile settings.
    category: data_change
    actor: [user]
    targets: [user]
    fields:
      profile:
        type: object
        description: The new profile of the user.
        fields:
          email: {type: string, format: email, sensitivity: pii, description: Contact address.}
          locale: {type: string, max_length: 10, description: Preferred language tag.}
          recovery_code:
            type: string
            max_length: 40
            sensitivity: credential
            description: One-time recovery code of the account.
      contacts:
        type: list
        description: Emergency contacts listed.
        items:
          type: object
          fields:
            phone: {type: string, max_length: 20, sensitivity: pii, description: Phone number.}
      code:
        type: string
        max_length: 5
        pattern: "^[a-z]+$"
        description: A short lower-case code.
"""

R = Redactor(KEY.encode())
MAIL = "ada@example.com"
USER = Actor("user", "u_1")


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("nested")
    (root / "catalog").mkdir()
    (root / "catalog" / "accounts.yaml").write_text(CATALOG, "utf-8")
    name = generate_python(root / "out", (str(root / "catalog"),))
    with imported(root / "out", name) as module:
        yield module


def forms(secret: str) -> list[bytes]:
    return [secret.encode(), orjson.dumps(secret)[1:-1], repr(secret).encode()]


def emit(package: ModuleType, tmp_path: Path, on_invalid: str = "raise",
         **fields: Any) -> tuple[list[dict[str, Any]], bytes]:
    memory, stream, logged = MemorySink(), io.BytesIO(), io.StringIO()
    logger = logging.getLogger("registry.audit.generated_nested")
    handler = logging.StreamHandler(logged)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    reports: list[str] = []
    sink = TeeSink(memory, StreamSink(stream), LoggingSink(logger),
                   JsonLinesSink(tmp_path / "audit.jsonl"))
    audit = package.AuditLog(sink, hmac_key=KEY, on_invalid=on_invalid,
                             on_report=lambda error: reports.append(f"{error} {error!r}"))
    try:
        audit.user_profile_updated(actor=USER, targets=[Target("user", "u_2")], **fields)
    except InvalidEvent as error:
        reports.append(f"{error} {error!r} {error.args!r}")
    audit.close()
    logger.removeHandler(handler)
    written = b"\n".join([*memory.lines, stream.getvalue(), logged.getvalue().encode(),
                          (tmp_path / "audit.jsonl").read_bytes(), "\n".join(reports).encode()])
    return memory.records, written


def test_a_pii_member_is_hashed_and_a_credential_member_never_written(
        package: ModuleType, tmp_path: Path) -> None:
    records, written = emit(package, tmp_path, profile={
        "email": MAIL, "locale": "en_GB", "recovery_code": "rc_SECRET_123"},
        contacts=[{"phone": "+31612345678"}])
    assert records[0]["fields"] == {
        "profile": {"email": R.hash(MAIL), "locale": "en_GB"},
        "contacts": [{"phone": R.hash("+31612345678")}],
    }
    for secret in (MAIL, "rc_SECRET_123", "+31612345678"):
        for form in forms(secret):
            assert form not in written


@pytest.mark.parametrize("on_invalid", ["raise", "record"])
def test_an_unknown_member_key_is_counted_never_named_nor_written(
        package: ModuleType, tmp_path: Path, on_invalid: str) -> None:
    records, written = emit(package, tmp_path, on_invalid,
                            profile={MAIL: "en_GB", "locale": "nl"},
                            contacts=[{"phone": "+3161", "+31612345678": 1}])
    assert b"profile: has 1 unknown member(s)" in written
    for secret in (MAIL, "+31612345678"):
        for form in forms(secret):
            assert form not in written
    if on_invalid == "record":
        assert records[0]["fields"] == {"profile": {"locale": "nl"},
                                        "contacts": [{"phone": R.hash("+3161")}]}
        assert records[0]["validation_errors"] == [
            {"field": "profile", "problem": "has 1 unknown member(s)"},
            {"field": "contacts", "problem": "has 1 unknown member(s)"},
        ]
    else:
        assert records == []


def test_values_of_another_shape_are_redacted_as_one_value(package: ModuleType,
                                                           tmp_path: Path) -> None:
    records, written = emit(package, tmp_path, "record", profile=MAIL,
                            contacts="+31612345678")
    # the profile holds a credential member: a value of another shape is left out
    assert records[0]["fields"] == {"contacts": R.hash("+31612345678")}
    for secret in (MAIL, "+31612345678"):
        for form in forms(secret):
            assert form not in written


@pytest.mark.parametrize(("code", "problem"), [
    ("ABCDEFGHIJ", "is longer than 5 characters"),  # fails both: the length is checked first
    ("ABC", "does not match ^[a-z]+$"),
])
def test_the_length_is_checked_before_the_pattern(package: ModuleType, tmp_path: Path,
                                                  code: str, problem: str) -> None:
    _records, written = emit(package, tmp_path, code=code)
    assert f"user.profile_updated: code: {problem}".encode() in written


def test_the_spec_spells_out_the_nested_shape(package: ModuleType) -> None:
    from registry_runtime import ITEMS, FieldSpec

    module = __import__(package.__name__ + ".accounts", fromlist=["SPEC_USER_PROFILE_UPDATED"])
    profile, contacts, code = module.SPEC_USER_PROFILE_UPDATED.fields
    assert profile == FieldSpec("profile", "none", members=(
        FieldSpec("email", "hash"), FieldSpec("locale", "none"),
        FieldSpec("recovery_code", "drop", credential=True)))
    assert contacts == FieldSpec("contacts", "none", items=FieldSpec(
        ITEMS, "none", members=(FieldSpec("phone", "hash"),)))
    assert code == FieldSpec("code", "none")

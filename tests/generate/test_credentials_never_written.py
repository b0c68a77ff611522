"""A credential-tagged field is never written: not in the record, not in its JSON line, not in
a JsonLinesSink file (nor its head), not in any other sink, not hashed, not in a problem report.

The catalog tags three fields as credentials (one asks for `redact: hash`, which a credential
overrides) and suppresses P002, the rule that refuses credential fields, with a reason, so the
whole lint (what `registry build` runs) is clean.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from gen_helpers import KEY, generate_python, generate_schemas, imported
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.cli import main
from registry.lint.engine import lint
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
from registry_runtime.verify import verify_log

from conftest import REPO, make_config

CATALOG = """\
domain: access
description: Events of an API gateway that issues and rotates API keys of service accounts.
owners: [security-team]
lint:
  ignore:
    - rule: P002
      reason: this catalog exists to prove that credential fields are never written
events:
  api_key.rotated:
    description: An administrator rotated the API key of a service account.
    category: security
    actor: [admin, user]
    targets: [api_key]
    outcomes: [success, failure]
    failure_reasons: [not_permitted, key_locked]
    fields:
      key_id:
        type: string
        max_length: 64
        required: true
        description: Identifier of the rotated key (not the key itself).
      new_secret:
        type: string
        max_length: 512
        required: true
        sensitivity: credential
        redact: hash
        description: The new key, handed to the emitter by mistake.
      old_secret:
        type: string
        max_length: 512
        sensitivity: credential
        description: The previous key.
      recovery_codes:
        type: list
        items: {type: string, max_length: 64}
        sensitivity: credential
        description: One-time recovery codes issued with the key.
"""
ADMIN = Actor(type="admin", id="a_1")
KEY_TARGET = Target(type="api_key", id="key_7")
SECRET = "sk_live_CREDENTIAL_4f9a8b7c6d5e"
OLD_SECRET = "sk_live_OLDCREDENTIAL_0a1b2c"
CODES = ["RECOVERY-CODE-1111", "RECOVERY-CODE-2222"]


@pytest.fixture(scope="module")
def catalog_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("credentials") / "access.yaml"
    path.write_text(CATALOG, "utf-8")
    return str(path)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, catalog_path: str
              ) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("credentials_out")
    with imported(out, generate_python(out, (catalog_path,))) as package:
        yield package


def forms(secret: str) -> list[bytes]:
    """Every way `secret` could appear in a line: raw UTF-8, JSON-escaped by orjson and by the
    stdlib (ASCII escapes), and as its keyed hash."""
    keyed = hmac.new(KEY.encode(), secret.encode(), hashlib.sha256).hexdigest().encode()
    found = {secret.encode(), orjson.dumps(secret)[1:-1],
             json.dumps(secret)[1:-1].encode("ascii"), keyed}
    return [form for form in found if form]


def assert_absent(secrets: list[str], *blobs: bytes) -> None:
    for secret in secrets:
        for form in forms(secret):
            for blob in blobs:
                assert form not in blob, (secret, form)


def all_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from all_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from all_strings(item)


def rotate(audit: Any, secret: str = SECRET, **extra: Any) -> dict[str, Any]:
    return audit.api_key_rotated(
        actor=ADMIN, key_id="key_7", new_secret=secret, old_secret=OLD_SECRET,
        recovery_codes=CODES, targets=[KEY_TARGET], **extra)


def test_the_catalog_is_clean_with_p002_suppressed(catalog_path: str, tmp_path: Path) -> None:
    result = lint((catalog_path,), make_config(REPO))
    assert [f"{f.rule} {f.message}" for f in result.findings] == []
    unsuppressed = Path(tmp_path / "access.yaml")
    unsuppressed.write_text(CATALOG.replace("rule: P002", "rule: P007"), "utf-8")
    codes = [f.rule for f in lint((str(unsuppressed),), make_config(REPO)).findings]
    assert codes.count("P002") == 3  # without the suppression, each field is reported
    build = CliRunner().invoke(main, ["build", catalog_path, "--out", str(tmp_path / "build")])
    assert build.exit_code == 0, build.output


def test_generated_code_and_schema_leave_credentials_out(
    generated: ModuleType, catalog_path: str, tmp_path: Path
) -> None:
    module = importlib.import_module(generated.__name__ + ".access")
    specs = {f.name: f for f in module.SPEC_API_KEY_ROTATED.fields}
    for name in ("new_secret", "old_secret", "recovery_codes"):
        assert specs[name].credential is True
        assert specs[name].redact == "drop"  # `redact: hash` in the catalog does not count
    assert specs["key_id"].credential is False
    doc = " ".join((generated.AuditLog.api_key_rotated.__doc__ or "").split())  # lines wrapped
    assert ("new_secret (string; required; at most 512 characters; sensitivity credential: "
            "never written)") in doc
    schema = generate_schemas(tmp_path / "schemas", (catalog_path,))["api_key.rotated"]
    fields = schema["properties"]["fields"]
    assert list(fields["properties"]) == ["key_id"]
    assert fields["additionalProperties"] is False
    assert fields["required"] == ["key_id"]


def test_credentials_are_never_written_to_any_sink(generated: ModuleType, tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    memory = MemorySink()
    stream = io.BytesIO()
    log = tmp_path / "audit.jsonl"
    secrets = [SECRET, OLD_SECRET, *CODES]
    with caplog.at_level(logging.INFO, logger="test.audit"), JsonLinesSink(log) as file_sink:
        tee = TeeSink(memory, file_sink, StreamSink(stream), LoggingSink("test.audit"))
        audit = generated.AuditLog(tee, hmac_key=KEY, tenant="acme")
        record = rotate(audit)
        rotate(audit, outcome="failure", reason="key_locked")
    assert record["fields"] == {"key_id": "key_7"}
    assert memory.records[0] is record
    for written in memory.records:
        assert not any(s in text for s in secrets for text in all_strings(written))
    assert_absent(secrets, *memory.lines, log.read_bytes(), Path(str(log) + ".head").read_bytes(),
                  stream.getvalue(), caplog.text.encode())
    assert [getattr(r, "audit", None) for r in caplog.records] == memory.records
    assert verify_log(log).ok
    assert verify_log(log).records == 2


def test_credentials_stay_out_of_invalid_records_and_reports(generated: ModuleType) -> None:
    sink = MemorySink()
    reports: list[InvalidEvent] = []
    audit = generated.AuditLog(sink, hmac_key=KEY, on_invalid="record", on_report=reports.append)
    too_long = SECRET * 20  # over max_length: reported, still not written
    record = audit.api_key_rotated(actor=ADMIN, key_id="key_7", new_secret=too_long,
                                   old_secret=12345, recovery_codes=[SECRET, 7])
    assert [e["field"] for e in record["validation_errors"]] == [
        "new_secret", "old_secret", "recovery_codes"]
    assert record["fields"] == {"key_id": "key_7"}
    messages = " ".join(str(r) for r in reports).encode()
    assert_absent([too_long, SECRET, "12345"], sink.lines[0], messages)
    raising = generated.AuditLog(MemorySink(), hmac_key=KEY)
    with pytest.raises(InvalidEvent) as caught:
        raising.api_key_rotated(actor=ADMIN, key_id="key_7", new_secret=too_long)
    assert str(caught.value) == "api_key.rotated: new_secret: is longer than 512 characters"


def test_a_missing_required_credential_is_still_required(generated: ModuleType) -> None:
    audit = generated.AuditLog(MemorySink(), hmac_key=KEY)
    with pytest.raises(InvalidEvent) as caught:
        audit.api_key_rotated(actor=ADMIN, key_id="key_7", new_secret=None)
    assert str(caught.value) == "api_key.rotated: new_secret: is required"


secret_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(secret=secret_text.map(lambda tail: "CRED\u00a7" + tail),
       old=st.one_of(st.none(), secret_text.map(lambda tail: "OLD\u00a7" + tail)),
       codes=st.one_of(st.none(), st.lists(secret_text.map(lambda tail: "CODE\u00a7" + tail[:55]),
                                          max_size=3)),
       on_invalid=st.sampled_from(["raise", "record"]))
def test_no_secret_is_ever_written(generated: ModuleType, tmp_path_factory: pytest.TempPathFactory,
                                   secret: str, old: str | None, codes: list[str] | None,
                                   on_invalid: str) -> None:
    """Any secret text (the marker keeps it from occurring in a record by chance), valid or not
    (over 512 characters, codes over 64): written nowhere, whatever happens."""
    memory = MemorySink()
    reports: list[InvalidEvent] = []
    log = tmp_path_factory.mktemp("secret") / "audit.jsonl"
    with JsonLinesSink(log) as file_sink:
        audit = generated.AuditLog(TeeSink(memory, file_sink), hmac_key=KEY,
                                   on_invalid=on_invalid, on_report=reports.append)
        try:
            audit.api_key_rotated(actor=ADMIN, key_id="key_7", new_secret=secret * 9,
                                  old_secret=old, recovery_codes=codes)
        except InvalidEvent as error:
            reports.append(error)
    secrets = [secret * 9, *([old] if old else []), *(codes or [])]
    for record in memory.records:
        assert record["fields"] == {"key_id": "key_7"}
        assert not any(s in text for s in secrets for text in all_strings(record))
    messages = "\n".join(str(r) for r in reports).encode()
    assert_absent(secrets, *memory.lines, log.read_bytes(), messages)

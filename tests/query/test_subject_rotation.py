"""`registry query --subject` across a rotation of the HMAC key: records hashed with the
retired key (with its key id, or in the form written before key ids) and with the current key
are all found when both keys are given, each value only by its own key's hash; an e-mail
address is found whatever its case and surrounding spaces; the raw subject never appears in
any output, message or file the query writes. Real emitters, real sink, real DuckDB."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hashing import hmac_value
from query_helpers import duckdb_or_skip, emitters, run

from registry_runtime import Actor, Context, JsonLinesSink, MemorySink, Target

duckdb_or_skip()

OLD = "retired-key-0123456789abcdef0123456789"
NEW = "current-key-fedcba9876543210fedcba9876"
SUBJECT = "Ada.Lovelace@Example.COM"
ENV = {"OLD_KEY": OLD, "NEW_KEY": NEW}


def _profile(audit: object, actor: str, email: str, **more: object) -> None:
    audit.user_profile_updated(  # type: ignore[attr-defined]
        actor=Actor("user", actor), targets=[Target("user", "u_9")],
        profile={"email": email, "locale": "en_GB"}, attempts=1, **more,
    )  # fmt: skip


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """before.jsonl (retired key): u_old; after.jsonl (current key): u_new, and u_ip whose
    context ip holds the address; legacy.jsonl: u_legacy, as written before key ids (the
    address hashed as given); u_other (a third key) and u_bob (another address) never match."""
    root = tmp_path_factory.mktemp("rotation")
    (root / "logs").mkdir()
    with emitters(root) as package:
        before = package.AuditLog(JsonLinesSink(root / "logs" / "before.jsonl"), hmac_key=OLD)
        _profile(before, "u_old", "ada.lovelace@example.com")
        _profile(before, "u_bob", "bob@example.com")
        before.close()
        after = package.AuditLog(JsonLinesSink(root / "logs" / "after.jsonl"), hmac_key=NEW)
        _profile(after, "u_new", "ADA.LOVELACE@example.com")
        _profile(after, "u_ip", "bob@example.com", context=Context(ip=SUBJECT))
        after.close()
        other = package.AuditLog(JsonLinesSink(root / "logs" / "other.jsonl"), hmac_key="k3")
        _profile(other, "u_other", SUBJECT)
        other.close()
        memory = MemorySink()
        package.AuditLog(memory, hmac_key=OLD).user_profile_updated(
            actor=Actor("user", "u_legacy"), targets=[Target("user", "u_9")],
            profile={"email": "x@example.com", "locale": "en_GB"}, attempts=1,
        )  # fmt: skip
    legacy = memory.records[0]
    legacy["fields"]["profile"]["email"] = "hmac:" + hmac_value(OLD, SUBJECT).split(":")[2]
    (root / "logs" / "legacy.jsonl").write_text(json.dumps(legacy) + "\n", "utf-8")
    return root / "logs"


def actors(result_output: str) -> list[str]:
    return sorted(json.loads(line)["actor"]["id"] for line in result_output.splitlines())


@pytest.mark.parametrize(("keys", "found"), [
    (("--hmac-key-env", "NEW_KEY"), ["u_ip", "u_new"]),
    (("--hmac-key-env", "OLD_KEY"), ["u_legacy", "u_old"]),
    (("--hmac-key-env", "NEW_KEY", "--previous-hmac-key-env", "OLD_KEY"),
     ["u_ip", "u_legacy", "u_new", "u_old"]),
    (("--hmac-key-env", "NEW_KEY", "--previous-hmac-key-env", "NEW_KEY"), ["u_ip", "u_new"]),
])  # fmt: skip
def test_subject_is_found_under_every_key_given(
    logs: Path, keys: tuple[str, ...], found: list[str]
) -> None:
    result = run("query", str(logs), "--subject", SUBJECT, *keys, "--format", "jsonl", env=ENV)
    assert result.exit_code == 0, result.output
    assert actors(result.stdout) == found


@pytest.mark.parametrize(
    "subject", [SUBJECT, "ada.lovelace@example.com", " ADA.LOVELACE@EXAMPLE.COM"]
)
def test_an_address_is_found_whatever_its_case_and_spaces(logs: Path, subject: str) -> None:
    keys = ("--hmac-key-env", "NEW_KEY", "--previous-hmac-key-env", "OLD_KEY")
    result = run("query", str(logs), "--subject", subject, *keys, "--format", "jsonl", env=ENV)
    assert {"u_new", "u_old", "u_ip"} <= set(actors(result.stdout))


def test_the_raw_subject_is_in_no_output_message_or_file(
    logs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**ENV, "TMPDIR": str(temp), "TMP": str(temp), "TEMP": str(temp)}
    keys = ("--hmac-key-env", "NEW_KEY", "--previous-hmac-key-env", "OLD_KEY")
    outputs = []
    for form in ("table", "csv", "jsonl", "html"):
        result = run("query", str(logs), "--subject", SUBJECT, *keys, "--format", form, env=env)
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    parquet = tmp_path / "out.parquet"
    result = run("query", str(logs), "--subject", "-", *keys, "--format", "parquet",
                 "--out", str(parquet), env=env, stdin=SUBJECT + "\n")  # fmt: skip
    outputs.append(result.output)
    missing = run("query", str(logs), "--subject", SUBJECT, "--hmac-key-env", "NEW_KEY",
                  "--previous-hmac-key-env", "GONE_KEY", env=env)  # fmt: skip
    assert missing.exit_code == 2
    assert "GONE_KEY" in missing.output
    outputs.append(missing.output)
    written = [path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()]
    assert any(written)  # the parquet file at least
    needle = re.compile(re.escape(SUBJECT.split("@")[0]), re.IGNORECASE)
    for text in outputs:
        assert not needle.search(text), text
    for data in written:
        assert not needle.search(data.decode("latin-1"))

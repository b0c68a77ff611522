"""The runtime's five extras, each missing, in a child process where a meta path finder refuses
the import (what an environment without the package does; docs/runtime.md, "Extras").

- Needed by one component, which fails at construction with `AuditConfigurationError` naming
  the extra: ``otel`` (`OTelLogSink`), ``signing`` (cryptography: signers, key pairs, public
  keys, `JsonLinesSink(signer=...)`), ``postgres`` (psycopg: `PostgresSink`,
  `AsyncPostgresSink`).
- Speed-ups with a standard-library fallback: ``fast`` (orjson; without it the `json` module
  writes the same bytes, its floats with a negative exponent laid out as orjson's)
  and ``re2`` (google-re2; `re` gives the same verdicts, in time bounded by the field's length).
- Without any of them, every module of `registry_runtime` imports and a chained log is written
  and verified.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from registry_runtime.signing import generate_key_pair, public_key_from_pem

HERE = Path(__file__).resolve().parent
EXTRAS = {"fast": "orjson", "otel": "opentelemetry", "signing": "cryptography",
          "postgres": "psycopg", "re2": "re2"}

_HIDE = """\
import importlib.abc
import sys


class _Hidden(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {hidden!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None


sys.meta_path.insert(0, _Hidden())
"""


def run_without(hidden: Iterable[str], code: str, cwd: Path, **env: str) -> Any:
    """What ``code`` prints as JSON, run where the top-level packages ``hidden`` cannot be
    imported (none already are: nothing imports them at start-up)."""
    script = _HIDE.format(hidden=sorted(hidden)) + textwrap.dedent(code)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_AUDIT_")}
    environment.update(env, PYTHONPATH=str(HERE))
    done = subprocess.run([sys.executable, "-c", script], cwd=cwd, env=environment,
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_module_imports_and_a_log_is_written_without_any_extra(tmp_path: Path) -> None:
    found = run_without(EXTRAS.values(), """
        import importlib, json, pkgutil, sys
        from pathlib import Path
        import registry_runtime
        from registry_runtime import encode, patterns, verify_logs
        from runtime_helpers import write_log

        names = [m.name for m in pkgutil.iter_modules(registry_runtime.__path__, "registry_runtime.")]
        for name in names:
            importlib.import_module(name)
        write_log(Path("audit.jsonl"), 3)
        result = verify_logs(["audit.jsonl"])
        print(json.dumps({"modules": names, "encoder": encode.ENCODER,
                          "re2": patterns.load_re2() is not None,
                          "verified": [result.ok, result.records]}))
    """, tmp_path)
    assert {"registry_runtime.otel", "registry_runtime.signing", "registry_runtime.postgres",
            "registry_runtime.postgres_async", "registry_runtime.patterns"} <= set(found["modules"])
    assert found["encoder"] == "json"
    assert found["re2"] is False
    assert found["verified"] == [True, 3]


@pytest.fixture
def keys(tmp_path: Path) -> Path:
    """key.pem and public.pem, an Ed25519 pair made where cryptography is installed."""
    pair = generate_key_pair()
    (tmp_path / "key.pem").write_bytes(pair.private_pem)
    (tmp_path / "public.pem").write_bytes(pair.public_pem)
    return tmp_path


CONSTRUCTIONS = [
    ("otel", "OTelLogSink()"),
    ("signing", "load_signer('key.pem')"),
    ("signing", "load_signer()"),
    ("signing", "JsonLinesSink('audit.jsonl', signer='key.pem')"),
    ("signing", "JsonLinesSink('audit.jsonl', signer='env')"),
    ("signing", "generate_key_pair()"),
    ("signing", "load_public_keys(['public.pem'])"),
    ("postgres", "PostgresSink('dbname=x')"),
    ("postgres", "AsyncPostgresSink('dbname=x')"),
]


@pytest.mark.parametrize(("extra", "statement"), CONSTRUCTIONS)
def test_a_component_without_its_extra_fails_at_construction_naming_it(
    keys: Path, extra: str, statement: str
) -> None:
    message, after = run_without([EXTRAS[extra]], f"""
        import json, os
        from registry_runtime import AuditConfigurationError, JsonLinesSink, MemorySink, load_signer
        from registry_runtime.otel import OTelLogSink
        from registry_runtime.postgres import PostgresSink
        from registry_runtime.postgres_async import AsyncPostgresSink
        from registry_runtime.signing import generate_key_pair, load_public_keys
        from runtime_helpers import emit, emitter

        try:
            {statement}
        except AuditConfigurationError as error:
            message = str(error)
        else:
            message = None
        emit(emitter(MemorySink()))  # the rest of the runtime goes on working
        print(json.dumps([message, sorted(os.listdir())]))
    """, keys, REGISTRY_AUDIT_SIGNING_KEY=(keys / "key.pem").read_text("ascii"))
    assert message is not None, statement
    assert f"pip install 'audit-registry-runtime[{extra}]'" in message
    assert after == ["key.pem", "public.pem"]  # no log opened before the failure


def test_public_keys_without_cryptography_fail_at_construction(keys: Path) -> None:
    raw = public_key_from_pem((keys / "public.pem").read_bytes(), source="public.pem")
    message = run_without(["cryptography"], f"""
        import json
        from registry_runtime import AuditConfigurationError
        from registry_runtime.signing import PublicKeys

        try:
            PublicKeys([{raw!r}])
        except AuditConfigurationError as error:
            print(json.dumps(str(error)))
        else:
            print(json.dumps(None))
    """, keys)
    assert message is not None
    assert "pip install 'audit-registry-runtime[signing]'" in message


_RECORDS = """
    import dataclasses, datetime as dt, decimal, enum, json, uuid
    from registry_runtime import Context, encode
    from runtime_helpers import GOOD_FIELDS, emit, emitter

    record = emit(emitter(), fields={**GOOD_FIELDS, "note": "naïve \\"q\\" \\n ☃"},
                  context=Context("203.0.113.9", "agent", "r-1", "s-1"))
    record.update(id="0190d0a4-0000-7000-8000-000000000000", occurred_at="2026-12-03T00:00:00.000Z")
    Colour = enum.Enum("Colour", {"RED": "red", "ONE": 1, "SMALL": 1.5e-7})
    Level = enum.IntEnum("Level", {"HIGH": 3})
    Place = dataclasses.make_dataclass("Place", ["city", ("colour", object),
                                                 ("seen", object, dataclasses.field(repr=False))])
    Slotted = dataclasses.make_dataclass("Slotted", ["ratio"], slots=True)
    values = {
        "record": record,
        "enum members": [Colour.RED, Colour.ONE, Colour.SMALL, Level.HIGH, {"k": Colour.RED}],
        "dataclasses": [Place("Lyon", Colour.ONE, dt.date(2026, 1, 2)), Slotted(1e-5),
                        {"p": Place("", None, [Slotted(2)])}],
        "text": "\\"\\\\ \\b\\f\\n\\r\\t \\x00\\x1f\\x7f \\u2028\\u2029 é ☃ \\U0001f600",
        "lone surrogate": ["a\\ud800b", {"k\\udfff": 1}],
        "integers": [0, -1, 2**53 + 1, -(2**63), 2**63, 2**64 - 1],
        "beyond 64 bits": [2**64, -(2**63) - 1, 2**70],
        "floats": [0.1, -0.0, 3.0, 1e-4, 0.000123, 1e15, 123456789012345.6, 1e16, 1.5e-10,
                   5e-324, 1.7976931348623157e308],
        "not finite": [float("nan"), float("inf"), {"x": float("-inf")}],
        "small floats": [1e-5, 9.99e-5, 1.5e-7, 1e-9, -2.5e-6],
        "small floats beyond 64 bits": [1e-5, 1.5e-7, 2**64],
        "small floats in text": ["1e-05", {"1.5e-07": "x\\"1e-05\\""}, 1e-05],
        "datetimes": [dt.datetime(2026, 11, 27, 21, 0, 0, 123000, tzinfo=dt.UTC),
                      dt.datetime(2026, 1, 2, 3, 4, 5),
                      dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                      dt.date(2026, 1, 2)],
        "converted": [decimal.Decimal("1.10"), uuid.UUID(int=1), {3}, b"\\x01\\xff", object,
                      Place],
        "nested": {"a": [{"b": None, "c": True}, ()], "": False},
    }
    print(json.dumps([encode.ENCODER, {k: encode.dumps(v).hex() for k, v in values.items()}]))
"""


def test_without_orjson_the_json_module_writes_the_same_records(tmp_path: Path) -> None:
    fast, with_orjson = run_without([], _RECORDS, tmp_path)
    slow, without = run_without(["orjson"], _RECORDS, tmp_path)
    assert (fast, slow) == ("orjson", "json")
    assert without == with_orjson
    # floats with a negative exponent are laid out as orjson lays them out (the json module
    # writes 1e-05 and 1.5e-07), unless orjson refuses the record: then its fallback's layout
    small = bytes.fromhex(without["small floats"]).decode()
    assert small == "[0.00001,0.0000999,1.5e-7,1e-9,-2.5e-6]"
    # an enum member is its value, a dataclass instance the object of its fields (orjson's way)
    members = bytes.fromhex(without["enum members"]).decode()
    assert members == '["red",1,1.5e-7,3,{"k":"red"}]'
    places = bytes.fromhex(without["dataclasses"]).decode()
    assert places == ('[{"city":"Lyon","colour":1,"seen":"2026-01-02"},{"ratio":0.00001},'
                      '{"p":{"city":"","colour":null,"seen":[{"ratio":2}]}}]')
    refused = bytes.fromhex(without["small floats beyond 64 bits"]).decode()
    assert refused == "[1e-05,1.5e-07,18446744073709551616]"


_VERDICTS = """
    import json
    from registry_runtime.patterns import SHORT, load_re2, pattern_search

    patterns = ["[0-9]{3}", "AKIA[0-9A-Z]{16}", "[0-9]{6}$", "\\\\bword\\\\b", "(ab|cd)+e",
                "[[:alpha:]]x", "(?i)straße", "\\\\s{2}[a-z]{,3}-"]
    filler = "x" * (SHORT + 1)
    values = [filler, filler + "123", "123" + filler, filler + "AKIAABCDEFGHIJKLMNOP",
              filler + "123456", filler + "123456\\n", filler + " word ", filler + "éword",
              filler + "ababcde", filler + ":x", filler + "STRASSE", filler + "straße",
              filler + "\\v\\vab-", filler + "  ab-", "x" * 100_000]
    print(json.dumps([load_re2() is not None,
                      [[pattern_search(p)(v) for v in values] for p in patterns]]))
"""


def test_without_google_re2_re_gives_the_same_verdicts(tmp_path: Path) -> None:
    with_re2, verdicts = run_without([], _VERDICTS, tmp_path)
    without_re2, fallback = run_without(["re2"], _VERDICTS, tmp_path)
    assert (with_re2, without_re2) == (True, False)
    assert verdicts == fallback
    assert any(any(row) for row in verdicts)
    assert not all(all(row) for row in verdicts)

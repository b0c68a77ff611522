"""One meaning per field type: the generated emitters, `registry check-events` and the
generated JSON Schemas give the same verdict on every (spec, value) case of
`conformance_cases.CASES`.

One catalog holds an event ``conformance.<spec>`` per spec (its only field is ``value``); it
is generated once per module (Python emitters and JSON Schemas). For each case:

- emitter: the generated method is called with a valid envelope and ``value=<the value>``;
  invalid iff it raises ``InvalidEvent`` (a call its signature refuses, a required field left
  out, goes below the signature to the spec's check: ``_emit``, as the typed method passes a
  missing argument as None);
- check-events: the record the emitter writes (for a rejected value: the valid base record of
  the event with the field replaced by hand) is one line of a JSON Lines stream checked by
  `StreamCheck`; invalid iff a schema finding (E006-E011) or, for redacted fields, a
  redaction finding (E026-E028) names its line. The quick path and the detailed checks are
  also run on the record on their own and must give the same verdict (the quick path decides
  alone for records it passes, so it must never pass one the detailed checks reject);
- jsonschema: the same line, read with the standard library's json, validated against the
  event's schema by `Draft202012Validator` with its format checker; invalid iff it fails.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import orjson
import pytest
import yaml
from conformance_cases import (
    AS_EMITTED,
    CASES,
    EMITTER,
    MISSING,
    SAMPLES,
    SCHEMA,
    SIDES,
    SPECS,
    STREAM,
    TYPES,
    Case,
    I,
    V,
)

from registry.catalog.load import load_catalog
from registry.catalog.model import Catalog
from registry.checkevents.envelope import EnvelopeCheck
from registry.checkevents.run import StreamCheck, exact_integers
from registry.generate.run import generate
from registry_runtime import Actor, InvalidEvent, MemorySink
from registry_runtime.encode import dumps

from conftest import REPO, make_config

KEY = "conformance-tests-hmac-key-0123456789"
USER = Actor(type="user", id="u_42")
PACKAGE = "conformance_events"
SCHEMA_CODES = frozenset({"E006", "E007", "E008", "E009", "E010", "E011"})
REDACTION_CODES = frozenset({"E026", "E027", "E028"})
REJECTING = SCHEMA_CODES | REDACTION_CODES
"""Findings that say a record is not what the catalog declares (the value scans E020-E025
look for personal data in clear fields: they are not about the type)."""
HARNESS_CODES = frozenset({"E001", "E002", "E003", "E004", "E005", "E012"})
"""Findings that would mean this test built a broken record (envelope, event, version)."""
Validator = jsonschema.Draft202012Validator


def event_name(spec: str) -> str:
    return f"conformance.{spec}"


def catalog_text() -> str:
    def parse(text: str) -> dict[str, Any]:
        loaded = yaml.safe_load(text)
        assert isinstance(loaded, dict), text
        return loaded

    types = {
        name: {**parse(text), "description": f"Named type {name}."} for name, text in TYPES.items()
    }
    events = {
        event_name(spec): {
            "description": f"A value of the field type {spec} was checked.",
            "category": "data_change",
            "actor": ["user"],
            "targets": [],
            "fields": {"value": {**parse(text), "description": "The value under test."}},
        }
        for spec, text in SPECS.items()
    }
    document = {
        "domain": "conformance",
        "description": "One event per field spec of the type-semantics conformance test.",
        "owners": ["registry-maintainers"],
        "types": types,
        "events": events,
    }
    return yaml.safe_dump(document, allow_unicode=False, sort_keys=False)


@dataclass(frozen=True)
class Verdicts:
    emitter: str | None
    stream: str | None
    quick: str | None
    detailed: str | None
    cli: str | None
    schema: str | None
    record: bytes | None
    codes: tuple[str, ...]
    schema_errors: tuple[str, ...]

    def side(self, side: str) -> str | None:
        return {EMITTER: self.emitter, STREAM: self.stream, SCHEMA: self.schema}[side]

    def summary(self) -> str:
        return (
            f"emitter={self.emitter}, check-events={self.stream} (quick={self.quick}, "
            f"detailed={self.detailed}, cli={self.cli}; findings {list(self.codes)}), "
            f"jsonschema={self.schema} {list(self.schema_errors)}; record: "
            f"{self.record.decode('utf-8', 'replace')[:300] if self.record else None}"
        )


def verdict(invalid: bool) -> str:
    return I if invalid else V


# -- the three sides -------------------------------------------------------------------------


class Emitters:
    """The generated package: one call per case, and the base records of hand-built ones."""

    def __init__(self, package: ModuleType) -> None:
        self.package = package
        self.domain = sys.modules[f"{package.__name__}.conformance"]
        self._bases: dict[str, dict[str, Any]] = {}

    def _log(self, sink: MemorySink) -> Any:
        return self.package.AuditLog(sink, hmac_key=KEY)

    def call(self, spec: str, value: Any) -> tuple[str, bytes | None]:
        """The emitter's verdict, and the line it wrote (None when it refused)."""
        sink = MemorySink()
        audit = self._log(sink)
        method = getattr(audit, "conformance_" + spec)
        kwargs = {} if value is MISSING else {"value": value}
        try:
            method(actor=USER, **kwargs)
        except InvalidEvent:
            return I, None
        except TypeError:
            # the typed signature refuses the call (a required keyword left out): what the
            # generated check sees is the field as None (see the module docstring)
            assert value is MISSING, (spec, value)
            spec_object = getattr(self.domain, "SPEC_CONFORMANCE_" + spec.upper())
            try:
                audit._emit(
                    spec_object,
                    {"value": None},
                    actor=USER,
                    targets=(),
                    outcome="success",
                    reason=None,
                    context=None,
                    tenant=None,
                )
            except InvalidEvent:
                return I, None
        assert len(sink.lines) == 1
        return V, sink.lines[0]

    def base(self, spec: str) -> dict[str, Any]:
        """A valid record of the spec's event (required fields from `SAMPLES`)."""
        if spec not in self._bases:
            sink = MemorySink()
            method = getattr(self._log(sink), "conformance_" + spec)
            if spec in SAMPLES:
                method(actor=USER, value=SAMPLES[spec])
            else:
                method(actor=USER)
            self._bases[spec] = orjson.loads(sink.lines[0])
        return self._bases[spec]

    def record(self, case: Case, line: bytes | None) -> bytes:
        """The line the stream and the schema see for `case`."""
        if line is not None and case.written is AS_EMITTED:
            return line
        written = case.value if case.written is AS_EMITTED else case.written
        record = json.loads(json.dumps(self.base(case.spec)))  # a deep copy
        record["id"] = str(uuid.uuid4())
        if written is MISSING:
            record["fields"].pop("value", None)
        else:
            record["fields"]["value"] = written
        return dumps(record)


def parse_like_check_events(line: bytes) -> dict[str, Any]:
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        record = json.loads(line)
    assert type(record) is dict
    return exact_integers(line, record)


@dataclass
class Generated:
    out: Path
    catalog_path: str
    catalog: Catalog
    emitters: Emitters
    schemas: dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    out = tmp_path_factory.mktemp("conformance")
    catalog_path = out / "catalog" / "conformance.yaml"
    catalog_path.parent.mkdir()
    catalog_path.write_text(catalog_text(), "utf-8")
    config = make_config(REPO)
    paths = (str(catalog_path),)
    for target, where in (("python", out), ("jsonschema", out / "schemas")):
        result = generate(target, paths, config, where, package=PACKAGE)
        assert result.blocking == (), [f"{f.rule} {f.message}" for f in result.blocking]
    schemas = {
        path.name.removesuffix(".schema.json"): json.loads(path.read_text("utf-8"))
        for path in (out / "schemas").glob("*.schema.json")
    }
    loaded = load_catalog(paths, config)
    assert not loaded.findings, loaded.findings
    assert loaded.catalog is not None
    sys.path.insert(0, str(out))
    try:
        package = __import__(PACKAGE)
        __import__(f"{PACKAGE}.conformance")
        yield Generated(out, str(catalog_path), loaded.catalog, Emitters(package), schemas)
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def run_cli(catalog: str, stream: Path) -> dict[int, set[str]]:
    """Codes per line from `registry check-events --format json` (a subprocess)."""
    completed = subprocess.run(
        [sys.executable, "-m", "registry", "check-events", catalog, str(stream),
         "--format", "json"],
        capture_output=True, check=False, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert completed.returncode in (0, 1), completed.stderr.decode()
    report = json.loads(completed.stdout)
    by_line: dict[int, set[str]] = {}
    for finding in report["findings"]:
        by_line.setdefault(finding["line"], set()).add(finding["rule"])
    return by_line


@pytest.fixture(scope="module")
def verdicts(generated: Generated) -> dict[str, Verdicts]:
    """Every case through every side, once: case id -> verdicts."""
    emitters = generated.emitters
    config = make_config(REPO)
    rows: list[tuple[Case, str | None, bytes | None]] = []
    for case in CASES:
        emitted: str | None = None
        line: bytes | None = None
        if case.expected[EMITTER] is not None:
            emitted, line = emitters.call(case.spec, case.value)
        record = None
        if case.expected[STREAM] is not None or case.expected[SCHEMA] is not None:
            record = emitters.record(case, line)
        rows.append((case, emitted, record))

    lines = [record for _, _, record in rows if record is not None]
    stream_check = StreamCheck(generated.catalog, config, path="conformance.jsonl")
    by_line: dict[int, set[str]] = {}
    for finding in stream_check.findings(io.BytesIO(b"".join(r + b"\n" for r in lines))):
        by_line.setdefault(finding.line, set()).add(finding.rule)
    assert stream_check.summary.records == len(lines)
    stream_file = generated.out / "conformance.jsonl"
    stream_file.write_bytes(b"".join(r + b"\n" for r in lines))
    cli_by_line = run_cli(generated.catalog_path, stream_file)

    envelope = EnvelopeCheck().check
    results: dict[str, Verdicts] = {}
    number = 0
    for case, emitted, record in rows:
        stream = quick = detailed = cli = schema = None
        codes: set[str] = set()
        schema_errors: tuple[str, ...] = ()
        if record is not None:
            number += 1
            codes = by_line.get(number, set())
            stream = verdict(bool(codes & REJECTING))
            cli = verdict(bool(cli_by_line.get(number, set()) & REJECTING))
            parsed = parse_like_check_events(record)
            checker = stream_check.checker(event_name(case.spec))
            assert checker is not None
            quick = verdict(not checker.quick(parsed))
            problems: list[tuple[str, str, str]] = []
            envelope(parsed, problems)
            checker.check(parsed, problems)
            detailed = verdict(any(code in REJECTING for code, _, _ in problems))
            validator = Validator(
                generated.schemas[event_name(case.spec)], format_checker=Validator.FORMAT_CHECKER
            )
            errors = list(validator.iter_errors(json.loads(record)))
            schema_errors = tuple(f"{list(e.absolute_path)}: {e.message}"[:120] for e in errors)
            schema = verdict(bool(errors))
        assert case.id not in results, f"duplicate case id {case.id}"
        results[case.id] = Verdicts(
            emitted, stream, quick, detailed, cli, schema, record, tuple(sorted(codes)),
            schema_errors,
        )  # fmt: skip
    return results


# -- the tests -------------------------------------------------------------------------------


def _params() -> list[Any]:
    params = []
    for case in CASES:
        for side in SIDES:
            expected = case.expected[side]
            if expected is None:
                continue
            marks = []
            reason = case.xfail.get(side)
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, reason=f"{side} disagrees: {reason}"))
            params.append(pytest.param(case, side, id=f"{case.id}-{side}", marks=marks))
    return params


@pytest.mark.parametrize(("case", "side"), _params())
def test_verdict(verdicts: dict[str, Verdicts], case: Case, side: str) -> None:
    got = verdicts[case.id]
    expected = case.expected[side]
    message = (
        f"case {case.id!r} (spec {SPECS[case.spec]}, value {case.value!r}): {side} says "
        f"{got.side(side)}, expected {expected}; all sides: {got.summary()}"
    )
    if side == STREAM:
        # the pipeline, the quick path and the detailed checks on their own, and the CLI
        assert (got.stream, got.quick, got.detailed, got.cli) == (expected,) * 4, message
    else:
        assert got.side(side) == expected, message


def test_enough_cases() -> None:
    assert len(CASES) >= 200
    assert {case.spec for case in CASES} == set(SPECS)
    assert len({case.id for case in CASES}) == len(CASES)


def test_records_have_a_valid_envelope(verdicts: dict[str, Verdicts]) -> None:
    """No finding about the envelope, the event or the version: the harness builds records
    that only the field under test can make invalid."""
    broken = {
        case_id: got.codes for case_id, got in verdicts.items() if set(got.codes) & HARNESS_CODES
    }
    assert broken == {}


def test_quick_path_never_waves_through_what_the_detailed_checks_reject(
    verdicts: dict[str, Verdicts],
) -> None:
    """Whatever the expected verdict: a record the quick test passes has no finding in the
    detailed checks (else the stream would pass a record check-events calls invalid)."""
    waved = [case_id for case_id, got in verdicts.items() if got.quick == V and got.detailed == I]
    assert waved == []


def test_every_expected_valid_case_is_emitted(verdicts: dict[str, Verdicts]) -> None:
    """A case every side calls valid really went through the emitter (the record the stream
    and the schema see is the emitter's own line, not one built by hand)."""
    for case in CASES:
        if case.expected[EMITTER] == V and case.written is AS_EMITTED and not case.xfail:
            assert verdicts[case.id].emitter == V, case.id

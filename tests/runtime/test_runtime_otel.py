"""The OpenTelemetry logs bridge, checked with the SDK's in-memory exporter."""

from __future__ import annotations

import builtins
import json
from typing import Any

import pytest
from runtime_helpers import ANY_EVENT, GOOD_FIELDS, emit, emitter

from registry_runtime import AuditConfigurationError, MemorySink, TeeSink

sdk_logs = pytest.importorskip("opentelemetry.sdk._logs")
sdk_export = pytest.importorskip("opentelemetry.sdk._logs.export")

from registry_runtime.ids import uuid7_ms
from registry_runtime.otel import OTelLogSink


@pytest.fixture
def exporter() -> Any:
    # The class was renamed in SDK 1.39; the old name still works with a warning.
    new = getattr(sdk_export, "InMemoryLogRecordExporter", None)
    return new() if new is not None else sdk_export.InMemoryLogExporter()


@pytest.fixture
def provider(exporter: Any) -> Any:
    provider = sdk_logs.LoggerProvider()
    provider.add_log_record_processor(sdk_export.SimpleLogRecordProcessor(exporter))
    yield provider
    provider.shutdown()


def finished(exporter: Any) -> list[Any]:
    # The exporter holds LogData or ReadableLogRecord objects (both with .log_record).
    return [getattr(item, "log_record", item) for item in exporter.get_finished_logs()]


def resource_of(exported: Any) -> Any:
    # SDK < 1.39: on the SDK LogRecord; later: on the ReadableLogRecord around the API record.
    return getattr(exported, "resource", None) or getattr(exported.log_record, "resource", None)


def test_each_record_becomes_one_log_record(exporter: Any, provider: Any) -> None:
    memory = MemorySink()
    e = emitter(TeeSink(OTelLogSink(provider), memory), tenant="acme")
    emit(e, fields={**GOOD_FIELDS, "note": "ok"})
    emit(e, ANY_EVENT, {"value": 1}, outcome="failure", reason="boom")
    e.close()
    first, second = finished(exporter)
    assert first.body == memory.lines[0].decode()
    assert json.loads(first.body) == memory.records[0]
    assert first.severity_text == "INFO"
    assert first.timestamp == uuid7_ms(memory.records[0]["id"]) * 1_000_000
    assert dict(first.attributes) == {
        "event.name": "user.promoted_production",
        "audit.id": memory.records[0]["id"],
        "audit.event": "user.promoted_production",
        "audit.version": 1,
        "audit.outcome": "success",
        "audit.actor.type": "user",
        "audit.actor.id": "u_42",
        "audit.tenant": "acme",
    }
    # OTLP exporters need a resource on every record.
    assert all(resource_of(item) is not None for item in exporter.get_finished_logs())
    if hasattr(first, "event_name"):
        assert first.event_name == "user.promoted_production"
    assert second.attributes["audit.reason"] == "boom"
    assert second.attributes["audit.outcome"] == "failure"


def test_invalid_records_are_warnings(exporter: Any, provider: Any) -> None:
    e = emitter(OTelLogSink(provider), on_invalid="record", on_report=lambda error: None)
    emit(e, fields={"environment": "production"})
    (log,) = finished(exporter)
    assert log.severity_text == "WARN"
    assert json.loads(log.body)["validation_errors"] == [
        {"field": "release_id", "problem": "is required"}]


def test_missing_sdk_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_otel(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("opentelemetry"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_otel)
    with pytest.raises(AuditConfigurationError, match=r"pip install 'audit-registry-runtime\[otel\]'"):
        OTelLogSink()

"""`OTelLogSink`: a bridge from audit records to OpenTelemetry logs (``pip install 'audit-registry-runtime[otel]'``).

Each record becomes one OpenTelemetry log record:

- ``body``: the JSON line, exactly as the other sinks write it (a Collector can parse it with
  its ``json_parser`` operator; the bytes are the same as in the JSON Lines file);
- ``timestamp``: ``occurred_at``; ``severity``: INFO (WARN for records with validation errors);
- ``event_name`` (on SDKs that have it) and the attribute ``event.name``: the event name;
- attributes ``audit.id``, ``audit.event``, ``audit.version``, ``audit.outcome``,
  ``audit.actor.type``, ``audit.actor.id``, and ``audit.reason`` / ``audit.tenant`` when set,
  for indexing and routing without parsing the body.

OpenTelemetry is imported when the sink is created, never when `registry_runtime` is imported.
"""

from __future__ import annotations

import calendar
import time
from typing import Any

from .errors import AuditConfigurationError

_INSTALL_HINT = (
    "OTelLogSink needs the OpenTelemetry SDK, which is an optional extra: "
    "pip install 'audit-registry-runtime[otel]' (or pip install opentelemetry-sdk)"
)


def _occurred_ns(occurred_at: Any) -> int:
    """``2026-11-27T21:00:00.123Z`` to Unix nanoseconds (now, if it does not parse)."""
    try:
        seconds = calendar.timegm(time.strptime(occurred_at[:19], "%Y-%m-%dT%H:%M:%S"))
        millis = int(occurred_at[20:23]) if occurred_at[19:20] == "." else 0
    except (TypeError, ValueError):
        return time.time_ns()
    return seconds * 1_000_000_000 + millis * 1_000_000


class OTelLogSink:
    """Emits each audit record as an OpenTelemetry log record.

    ``logger_provider`` defaults to the global one (``opentelemetry._logs.get_logger_provider``);
    configure it with an exporter (OTLP to a Collector, or the SDK's in-memory exporter in
    tests). `close` flushes the provider when it can; shutting it down is left to its owner.
    """

    __slots__ = ("_info", "_logger", "_make_record", "_provider", "_supports_event_name", "_warn")

    def __init__(self, logger_provider: Any = None, *, logger_name: str = "registry.audit") -> None:
        try:
            from opentelemetry import _logs
        except ImportError as error:
            raise AuditConfigurationError(_INSTALL_HINT) from error
        import functools
        import inspect

        provider = logger_provider if logger_provider is not None else _logs.get_logger_provider()
        self._provider: Any = provider
        self._logger: Any = provider.get_logger(logger_name)
        self._info: Any = _logs.SeverityNumber.INFO
        self._warn: Any = _logs.SeverityNumber.WARN
        record_class: Any = _logs.LogRecord
        # SDKs before 1.39 hand the record to exporters as it is, so it must be the SDK's own
        # LogRecord, carrying the provider's resource; later ones convert API records.
        resource = getattr(provider, "resource", None)
        try:
            from opentelemetry.sdk._logs import LogRecord as SdkLogRecord  # type: ignore[attr-defined]
        except ImportError:
            SdkLogRecord = None
        if SdkLogRecord is not None and resource is not None:
            record_class = functools.partial(SdkLogRecord, resource=resource)
            parameters = inspect.signature(SdkLogRecord.__init__).parameters
        else:
            parameters = inspect.signature(_logs.LogRecord.__init__).parameters
        self._make_record: Any = record_class
        self._supports_event_name = "event_name" in parameters

    def write(self, record: dict[str, Any], line: bytes) -> None:
        actor = record.get("actor") or {}
        attributes: dict[str, Any] = {
            "event.name": record.get("event"),
            "audit.id": record.get("id"),
            "audit.event": record.get("event"),
            "audit.version": record.get("version"),
            "audit.outcome": record.get("outcome"),
            "audit.actor.type": actor.get("type"),
            "audit.actor.id": actor.get("id"),
            "audit.reason": record.get("reason"),
            "audit.tenant": record.get("tenant"),
        }
        attributes = {key: value for key, value in attributes.items() if value is not None}
        invalid = bool(record.get("validation_errors"))
        arguments: dict[str, Any] = {
            "timestamp": _occurred_ns(record.get("occurred_at")),
            "observed_timestamp": time.time_ns(),
            "severity_number": self._warn if invalid else self._info,
            "severity_text": "WARN" if invalid else "INFO",
            "body": line.decode("utf-8"),
            "attributes": attributes,
        }
        if self._supports_event_name:
            arguments["event_name"] = record.get("event")
        self._logger.emit(self._make_record(**arguments))

    def close(self) -> None:
        flush = getattr(self._provider, "force_flush", None)
        if callable(flush):
            flush()

"""The audit runtime: the only module generated emitters import.

Light at import time: the standard library and orjson (optional; the stdlib ``json`` is the
fallback). OpenTelemetry is imported only by `registry_runtime.otel`, on use.

Typical use (generated code wraps `Emitter._emit` in one typed method per event)::

    from registry_runtime import Emitter, JsonLinesSink
    emitter = Emitter(JsonLinesSink("audit.jsonl"), tenant="acme")  # key: $REGISTRY_AUDIT_HMAC_KEY
"""

from __future__ import annotations

from .emitter import Emitter
from .envelope import (
    CONTEXT_KEYS,
    DEFAULT_CONTEXT_REDACTION,
    ITEMS,
    REDACTIONS,
    Actor,
    Context,
    EventSpec,
    FieldSpec,
    Target,
    no_field_checks,
)
from .errors import AuditConfigurationError, AuditError, InvalidEvent
from .ids import format_timestamp, uuid7
from .jsonl import JsonLinesSink
from .sinks import LoggingSink, MemorySink, Sink, StreamSink, TeeSink
from .verify import Problem, VerifyResult, verify_log

__version__ = "0.1.0"
"""This runtime's version, and the tool's: the two are released together (docs/releasing.md).
Written here only: both pyproject.toml files and `registry.__version__` read it."""

__all__ = [
    "CONTEXT_KEYS",
    "DEFAULT_CONTEXT_REDACTION",
    "ITEMS",
    "REDACTIONS",
    "Actor",
    "AuditConfigurationError",
    "AuditError",
    "Context",
    "Emitter",
    "EventSpec",
    "FieldSpec",
    "InvalidEvent",
    "JsonLinesSink",
    "LoggingSink",
    "MemorySink",
    "Problem",
    "Sink",
    "StreamSink",
    "Target",
    "TeeSink",
    "VerifyResult",
    "format_timestamp",
    "no_field_checks",
    "uuid7",
    "verify_log",
]

from .signing import Signer, load_signer
from .verify import verify_logs

__all__ += ["Signer", "load_signer", "verify_logs"]

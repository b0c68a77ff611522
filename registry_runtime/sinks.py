"""Where records go: the `Sink` protocol and the in-process sinks.

A sink receives each record twice over: the record dict (for sinks that want structure) and its
serialized JSON line (UTF-8, no trailing newline), so no sink serializes again. The JSON Lines
file sink lives in `registry_runtime.jsonl`, the OpenTelemetry bridge in `registry_runtime.otel`.
"""

from __future__ import annotations

import io
import sys
import threading
from typing import IO, TYPE_CHECKING, Any, Final, Protocol, runtime_checkable

from .envelope import RECORD_KEYS, Actor, Context, Target

if TYPE_CHECKING:
    import logging

_INFO: Final = 20  # logging.INFO, without importing logging for every user of the runtime


@runtime_checkable
class Sink(Protocol):
    """Anything with ``write(record, line)`` and ``close()``."""

    def write(self, record: dict[str, Any], line: bytes) -> None: ...

    def close(self) -> None: ...


class MemorySink:
    """Keeps every record in memory: for tests of code that emits audit events.

    ``records`` holds the record dicts, ``lines`` the serialized lines, in emit order.
    """

    __slots__ = ("lines", "records")

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.lines: list[bytes] = []

    def write(self, record: dict[str, Any], line: bytes) -> None:
        # list.append is atomic: threads may emit to one sink without a lock.
        self.records.append(record)
        # orjson returns each line in an over-allocated buffer that is shrunk in place, so
        # keeping it pins a fresh page per record (a page fault each, several times the cost
        # of the emit); an exact-size copy keeps memory dense and lets the buffer be reused.
        self.lines.append(memoryview(line).tobytes())

    def close(self) -> None:
        """Nothing to release; the records stay readable."""

    def clear(self) -> None:
        self.records.clear()
        self.lines.clear()

    def __len__(self) -> int:
        return len(self.records)

    def events(self, name: str | None = None) -> list[dict[str, Any]]:
        """The records of event ``name`` (all records when ``name`` is None), in order."""
        if name is None:
            return list(self.records)
        return [record for record in self.records if record["event"] == name]

    def assert_emitted(self, event: str, **fields: Any) -> dict[str, Any]:
        """The most recent ``event`` record whose values match ``fields``; else AssertionError.

        Each keyword is compared with the record's ``fields`` entry of that name (as written,
        so after redaction); a keyword that is not an event field but an envelope key
        (``outcome``, ``reason``, ``tenant``, ``actor``, ``targets``, ``context``, ``version``)
        is compared with the envelope. `Actor`, `Target` and `Context` values compare equal to
        their dict form. The error message lists what was emitted.
        """
        candidates = self.events(event)
        for index in range(len(candidates) - 1, -1, -1):
            record: dict[str, Any] = candidates[index]
            if all(_matches(record, key, expected) for key, expected in fields.items()):
                return record
        raise AssertionError(self._explain(event, fields, candidates))

    def assert_not_emitted(self, event: str) -> None:
        """AssertionError if any ``event`` record was emitted."""
        found = self.events(event)
        if found:
            raise AssertionError(
                f"expected no {event} event, but {len(found)} were emitted:\n"
                + "\n".join(f"  {_summary(record)}" for record in found)
            )

    def _explain(self, event: str, fields: dict[str, Any], candidates: list[dict[str, Any]]) -> str:
        wanted = ", ".join(f"{key}={value!r}" for key, value in fields.items())
        head = f"expected a {event} event" + (f" with {wanted}" if wanted else "")
        if candidates:
            lines = [f"{head}; {len(candidates)} {event} event(s) were emitted, none matching:"]
            for record in candidates[-10:]:
                mismatches = [
                    f"{key}={_lookup(record, key)!r}"
                    for key, expected in fields.items()
                    if not _matches(record, key, expected)
                ]
                lines.append(f"  {_summary(record)}  (differs: {', '.join(mismatches)})")
            return "\n".join(lines)
        counts: dict[str, int] = {}
        for record in self.records:
            name = str(record.get("event"))
            counts[name] = counts.get(name, 0) + 1
        if not counts:
            return f"{head}; nothing was emitted"
        emitted = ", ".join(f"{name} x{count}" for name, count in sorted(counts.items()))
        return f"{head}; no {event} event was emitted. Emitted: {emitted}"


_ENVELOPE_KEYS = frozenset(RECORD_KEYS) - {"fields"} | {"validation_errors"}
_MISSING: Any = object()


def _lookup(record: dict[str, Any], key: str) -> Any:
    fields = record.get("fields") or {}
    if key in fields:
        return fields[key]
    if key in _ENVELOPE_KEYS:
        return record.get(key, _MISSING)
    return _MISSING


def _normalize(value: Any) -> Any:
    """Actor, Target and Context values to the dicts a record holds."""
    if isinstance(value, Actor | Target):
        return {"type": value.type, "id": value.id}
    if isinstance(value, Context):
        return {
            "ip": value.ip,
            "user_agent": value.user_agent,
            "request_id": value.request_id,
            "session_id": value.session_id,
        }
    if isinstance(value, list | tuple):
        return [_normalize(item) for item in value]
    return value


def _matches(record: dict[str, Any], key: str, expected: Any) -> bool:
    actual = _lookup(record, key)
    if actual is _MISSING:
        return False
    return bool(actual == _normalize(expected))


def _summary(record: dict[str, Any]) -> str:
    actor = record.get("actor") or {}
    return (
        f"{record.get('event')} outcome={record.get('outcome')!r} "
        f"actor={actor.get('type')}:{actor.get('id')} fields={record.get('fields')!r}"
    )


class StreamSink:
    """One JSON line per record on a text or binary stream (default: the current sys.stdout).

    Lines are flushed as they are written unless ``flush=False``; the stream is not closed by
    `close` (it is only flushed), since the sink does not own it.
    """

    __slots__ = ("_binary", "_flush", "_lock", "_stream")

    def __init__(self, stream: IO[str] | IO[bytes] | None = None, *, flush: bool = True) -> None:
        self._stream = stream
        self._binary = None if stream is None else _is_binary(stream)
        self._flush = flush
        self._lock = threading.Lock()

    def write(self, record: dict[str, Any], line: bytes) -> None:
        stream: Any = sys.stdout if self._stream is None else self._stream
        binary = _is_binary(stream) if self._binary is None else self._binary
        data: bytes | str = line + b"\n" if binary else line.decode("utf-8") + "\n"
        with self._lock:
            stream.write(data)
            if self._flush:
                stream.flush()

    def close(self) -> None:
        stream: Any = sys.stdout if self._stream is None else self._stream
        with self._lock:
            if not getattr(stream, "closed", False):
                stream.flush()


def _is_binary(stream: Any) -> bool:
    if isinstance(stream, io.TextIOBase):
        return False
    if isinstance(stream, io.RawIOBase | io.BufferedIOBase):
        return True
    return "b" in str(getattr(stream, "mode", ""))


class LoggingSink:
    """Hands each record to a stdlib `logging` logger.

    The message is the JSON line (as ``str``); ``extra={"audit": record}`` puts the record on
    the `logging.LogRecord` as ``record.audit`` for structured handlers.
    """

    __slots__ = ("level", "logger")

    def __init__(self, logger: logging.Logger | str = "registry.audit", level: int = _INFO) -> None:
        import logging

        self.logger = logging.getLogger(logger) if isinstance(logger, str) else logger
        self.level = level

    def write(self, record: dict[str, Any], line: bytes) -> None:
        if self.logger.isEnabledFor(self.level):
            self.logger.log(self.level, line.decode("utf-8"), extra={"audit": record})

    def close(self) -> None:
        """The logger's handlers belong to the application; nothing to close."""


class TeeSink:
    """Writes every record to several sinks in turn (e.g. a JSON Lines file and OpenTelemetry)."""

    __slots__ = ("sinks",)

    def __init__(self, *sinks: Sink) -> None:
        self.sinks: tuple[Sink, ...] = sinks

    def write(self, record: dict[str, Any], line: bytes) -> None:
        for sink in self.sinks:
            sink.write(record, line)

    def close(self) -> None:
        errors: list[BaseException] = []
        for sink in self.sinks:
            try:
                sink.close()
            except Exception as error:  # noqa: BLE001 - close them all, then re-raise the first
                errors.append(error)
        if errors:
            raise errors[0]

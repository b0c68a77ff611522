"""Memory (with its assertion helpers), stream, logging and tee sinks."""

from __future__ import annotations

import io
import json
import logging

import pytest
from runtime_helpers import ANY_EVENT, GOOD_FIELDS, RELEASE, USER, emit, emitter

from registry_runtime import (
    Actor,
    LoggingSink,
    MemorySink,
    Sink,
    StreamSink,
    TeeSink,
)


def test_sinks_satisfy_the_protocol() -> None:
    for sink in (MemorySink(), StreamSink(io.BytesIO()), LoggingSink(), TeeSink()):
        assert isinstance(sink, Sink)


def test_memory_sink_keeps_records_and_lines_and_filters_by_event() -> None:
    sink = MemorySink()
    e = emitter(sink)
    emit(e)
    emit(e, ANY_EVENT, {"value": 1})
    emit(e, ANY_EVENT, {"value": 2})
    assert len(sink) == 3
    assert [r["fields"]["value"] for r in sink.events("thing.happened")] == [1, 2]
    assert len(sink.events()) == 3
    assert [json.loads(line) for line in sink.lines] == sink.records
    sink.clear()
    assert (sink.records, sink.lines) == ([], [])


def test_assert_emitted_returns_the_latest_match() -> None:
    sink = MemorySink()
    e = emitter(sink)
    emit(e, ANY_EVENT, {"value": 1})
    emit(e, ANY_EVENT, {"value": 2}, outcome="failure", reason="boom", tenant="acme")
    emit(e, ANY_EVENT, {"value": 1}, tenant="globex")
    assert sink.assert_emitted("thing.happened", value=1)["tenant"] == "globex"
    found = sink.assert_emitted("thing.happened", value=2, outcome="failure", reason="boom",
                                actor=USER)
    assert found["tenant"] == "acme"
    assert sink.assert_emitted("thing.happened")["fields"] == {"value": 1}


def test_assert_emitted_explains_near_misses() -> None:
    sink = MemorySink()
    e = emitter(sink)
    emit(e, ANY_EVENT, {"value": 1})
    emit(e, fields={**GOOD_FIELDS, "environment": "staging"})
    with pytest.raises(AssertionError) as caught:
        sink.assert_emitted("user.promoted_production", environment="production",
                            targets=[RELEASE])
    message = str(caught.value)
    assert message.startswith("expected a user.promoted_production event with "
                              "environment='production', targets=[Target(")
    assert "1 user.promoted_production event(s) were emitted, none matching" in message
    assert "differs: environment='staging'" in message


def test_assert_emitted_lists_what_was_emitted_instead() -> None:
    sink = MemorySink()
    with pytest.raises(AssertionError, match="nothing was emitted"):
        sink.assert_emitted("user.logged_in")
    e = emitter(sink)
    emit(e, ANY_EVENT, {"value": 1})
    emit(e, ANY_EVENT, {"value": 1})
    emit(e)
    with pytest.raises(AssertionError) as caught:
        sink.assert_emitted("user.logged_in", actor=Actor("user", "u_1"))
    assert str(caught.value).endswith(
        "no user.logged_in event was emitted. Emitted: thing.happened x2, "
        "user.promoted_production x1")


def test_assert_emitted_does_not_match_missing_fields() -> None:
    sink = MemorySink()
    emit(emitter(sink), ANY_EVENT, {"value": None})
    with pytest.raises(AssertionError):
        sink.assert_emitted("thing.happened", value=None)
    with pytest.raises(AssertionError):
        sink.assert_emitted("thing.happened", no_such_thing=None)


def test_assert_not_emitted() -> None:
    sink = MemorySink()
    sink.assert_not_emitted("thing.happened")
    emit(emitter(sink), ANY_EVENT, {"value": 1})
    with pytest.raises(AssertionError, match=r"expected no thing\.happened event, but 1 were"):
        sink.assert_not_emitted("thing.happened")


def test_stream_sink_binary_and_text() -> None:
    binary = io.BytesIO()
    text = io.StringIO()
    sink = MemorySink()
    e = emitter(TeeSink(StreamSink(binary), StreamSink(text), sink))
    emit(e)
    emit(e, ANY_EVENT, {"value": "naïve ☃"})
    expected = b"".join(line + b"\n" for line in sink.lines)
    assert binary.getvalue() == expected
    assert text.getvalue() == expected.decode()
    e.close()
    assert not binary.closed  # the sink does not own the stream


def test_stream_sink_defaults_to_the_current_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    sink = MemorySink()
    emit(emitter(TeeSink(StreamSink(), sink)))
    out = capsys.readouterr().out
    assert out == sink.lines[0].decode() + "\n"


def test_stream_sink_on_a_binary_file(tmp_path: object) -> None:
    import pathlib

    path = pathlib.Path(str(tmp_path)) / "out.jsonl"
    with open(path, "wb") as handle:
        emit(emitter(StreamSink(handle)))
    assert json.loads(path.read_bytes())["event"] == "user.promoted_production"


def test_logging_sink(caplog: pytest.LogCaptureFixture) -> None:
    memory = MemorySink()
    e = emitter(TeeSink(LoggingSink(), memory))
    with caplog.at_level(logging.INFO, logger="registry.audit"):
        emit(e, fields={**GOOD_FIELDS, "note": "100% done"})
    (entry,) = caplog.records
    assert entry.name == "registry.audit"
    assert entry.levelno == logging.INFO
    assert entry.getMessage() == memory.lines[0].decode()  # '%' is not a format directive
    assert entry.audit == memory.records[0]  # type: ignore[attr-defined]


def test_logging_sink_with_a_logger_object_and_level(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("app.audit")
    e = emitter(LoggingSink(logger, level=logging.WARNING))
    with caplog.at_level(logging.WARNING, logger="app.audit"):
        emit(e)
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    with caplog.at_level(logging.ERROR, logger="app.audit"):
        caplog.clear()
        emit(e)  # below the logger's level: nothing, and no formatting cost
    assert caplog.records == []


def test_tee_sink_closes_every_sink_and_reraises_the_first_error() -> None:
    closed: list[str] = []

    class Failing:
        def write(self, record: dict[str, object], line: bytes) -> None:
            pass

        def close(self) -> None:
            closed.append("failing")
            raise OSError("disk gone")

    class Fine(Failing):
        def close(self) -> None:
            closed.append("fine")

    with pytest.raises(OSError, match="disk gone"):
        TeeSink(Failing(), Fine()).close()
    assert closed == ["failing", "fine"]

"""No form of a sensitive value escapes, whatever the shape of the data, through any sink.

A property test of the product's first promise. Hypothesis builds catalogs with fields nested
several levels deep (objects of lists of objects ...), each level tagged with a random
sensitivity or redaction or none; the generated emitters are imported and called with values
drawn for that shape: valid ones, too long ones, unknown members, values of the wrong type.
Every value that sits under a sensitivity tag or a redaction (at its own level or any level
above) is a *secret*: a random marker that cannot occur by chance. Whatever the runtime writes
or says is collected: the lines and records of every sink the runtime defines, the files
beside a JSON Lines log, log records (message, arguments and extras), OpenTelemetry bodies and
attributes, exceptions (`str`, `repr`, `args`), the warnings of ``on_invalid="record"`` and the
records' ``validation_errors``. No window of a secret longer than what a redaction may show
(`mask` shows the last 4 characters, `truncate` the first 8) may appear in any of it.

The oracle does not use the tool's redaction plan: a value is secret when the catalog puts a
tag or a redaction on it or on anything that encloses it, which is what a reader of the
catalog expects.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import io
import itertools
import logging
import os
import pkgutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import registry_runtime
from registry.catalog.config import Config
from registry.generate.run import generate
from registry_runtime import (
    Actor,
    Context,
    InvalidEvent,
    JsonLinesSink,
    LoggingSink,
    MemorySink,
    StreamSink,
    Target,
    TeeSink,
)

KEY = "no-escape-test-hmac-key-0123456789abcdef"
TAGS = ("pii", "quasi_identifier", "special_category", "financial", "credential", "confidential")
REDACTIONS = ("hash", "mask", "truncate", "drop")
SHOWN = 8
"""The most characters of a value a redaction shows (`truncate` keeps the first 8)."""
SECRET_ALPHABET = "QXJKVWYZ"
"""Secrets are drawn from letters no hash, id, timestamp, key or plain value contains."""
PLAIN_ALPHABET = "abcdefghkmnp"

_packages = itertools.count()


# -- the shapes ------------------------------------------------------------------------------


@dataclass
class Node:
    """One level of a field: its kind, its tags and redaction, what is inside it."""

    kind: str  # string | integer | object | free | list
    tags: tuple[str, ...] = ()
    redact: str | None = None
    members: dict[str, Node] = field(default_factory=dict)
    items: Node | None = None

    @property
    def protected(self) -> bool:
        return bool(self.tags) or self.redact is not None

    def holds_protected(self) -> bool:
        """Whether this level or anything inside it is protected."""
        if self.protected:
            return True
        if self.items is not None and self.items.holds_protected():
            return True
        return any(member.holds_protected() for member in self.members.values())

    def yaml(self) -> dict[str, Any]:
        spec: dict[str, Any] = {
            "type": "object" if self.kind == "free" else self.kind,
            "description": "A value of the probe, nested for the test.",
        }
        if self.kind == "string":
            spec["max_length"] = 40
        if self.kind == "integer":
            spec["min"] = 0
        if self.kind in ("object", "free"):  # a free-form object declares no members
            spec["fields"] = {name: node.yaml() for name, node in self.members.items()}
        if self.kind == "list":
            assert self.items is not None
            spec["items"] = self.items.yaml()
            # a list's items carry no description of their own
            spec["items"].pop("description", None)
        if self.tags:
            spec["sensitivity"] = list(self.tags)
        if self.redact is not None:
            spec["redact"] = self.redact
        return spec


def _protection() -> st.SearchStrategy[tuple[tuple[str, ...], str | None]]:
    return st.one_of(
        st.just(((), None)),
        st.just(((), None)),
        st.tuples(
            st.lists(st.sampled_from(TAGS), min_size=1, max_size=2, unique=True).map(tuple),
            st.none(),
        ),
        st.tuples(st.just(()), st.sampled_from(REDACTIONS)),
    )


@st.composite
def nodes(draw: st.DrawFn, depth: int = 0) -> Node:
    kinds = ["string", "integer"] if depth >= 3 else ["string", "integer", "object", "list", "free"]
    kind = draw(st.sampled_from(kinds))
    tags, redact = draw(_protection())
    node = Node(kind, tags, redact)
    if kind == "object":
        count = draw(st.integers(1, 3))
        node.members = {f"m{depth}_{i}": draw(nodes(depth + 1)) for i in range(count)}
    elif kind == "list":
        node.items = draw(nodes(depth + 1))
        # items take their protection from the list (items declare no tags of their own)
        node.items.tags, node.items.redact = (), None
    return node


@st.composite
def catalogs(draw: st.DrawFn) -> dict[str, Node]:
    count = draw(st.integers(1, 4))
    return {f"f{i}": draw(nodes()) for i in range(count)}


# -- the values ------------------------------------------------------------------------------


class Values:
    """Draws values for a shape and remembers which ones are secret."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.secrets: set[str] = set()
        self.plain: set[str] = set()
        self.invalid = False

    def secret(self) -> str:
        text = "S" + self.draw(st.text(SECRET_ALPHABET, min_size=20, max_size=20))
        self.secrets.add(text)
        return text

    def plain_text(self) -> str:
        text = "p" + self.draw(st.text(PLAIN_ALPHABET, min_size=10, max_size=10))
        self.plain.add(text)
        return text

    def value(self, node: Node, protected: bool) -> Any:
        protected = protected or node.protected
        roll = self.draw(st.integers(0, 19))
        if roll == 0 and node.kind != "string":  # the wrong type: a string where it is not one
            self.invalid = True
            return self.secret() if protected or node.holds_protected() else self.plain_text()
        if node.kind == "string":
            if roll == 1:  # too long: a message must not quote it
                self.invalid = True
                text = self.secret() if protected else self.plain_text()
                return text * 3
            return self.secret() if protected else self.plain_text()
        if node.kind == "integer":
            if protected:
                # digits without 0 or 1: no run of them occurs in hashes of zeros, ids or times
                digits = self.draw(st.text("23456789", min_size=15, max_size=15))
                self.secrets.add(digits)
                return int(digits)
            return self.draw(st.integers(0, 99))
        if node.kind == "free":
            # an object that declares no members has only unknown ones: secret keys and values
            size = self.draw(st.integers(0, 2))
            self.invalid = self.invalid or size > 0
            return {self.secret(): self.secret() for _ in range(size)}
        if node.kind == "list":
            assert node.items is not None
            size = self.draw(st.integers(0, 2))
            return [self.value(node.items, protected) for _ in range(size)]
        out: dict[str, Any] = {}
        for name, member in node.members.items():
            if self.draw(st.booleans()):
                out[name] = self.value(member, protected)
        if roll == 2:  # an unknown member: its key and its value are secret in any object
            self.invalid = True
            out[self.secret()] = self.secret()
        return out


# -- generating and importing ----------------------------------------------------------------


def _catalog_text(fields: dict[str, Node]) -> str:
    data = {
        "domain": "probe",
        "description": "Events of the probe used by the redaction property test.",
        "owners": ["privacy-team"],
        "events": {
            "probe.recorded": {
                "description": "The probe recorded nested values of every sensitivity.",
                "actor": ["user"],
                "targets": ["item"],
                "outcomes": ["success", "failure"],
                "fields": {name: node.yaml() for name, node in fields.items()},
            }
        },
    }
    return yaml.safe_dump(data, sort_keys=False)


def _generated(tmp: Path, fields: dict[str, Node]) -> Any:
    catalog = tmp / "probe.yaml"
    catalog.write_text(_catalog_text(fields), "utf-8")
    package = f"probe_events_{os.getpid()}_{next(_packages)}"
    out = tmp / "gen"
    result = generate("python", (str(catalog),), Config(), out, package=package)
    assert result.blocking == (), [f"{f.rule} {f.message}" for f in result.blocking]
    sys.path.insert(0, str(out))
    importlib.invalidate_caches()
    try:
        return importlib.import_module(package)
    finally:
        sys.path.remove(str(out))


def _forget(package: str) -> None:
    for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
        del sys.modules[name]


# -- the sinks and what they let out ---------------------------------------------------------


class Collected(logging.Handler):
    """Every log record of the runtime, as text: message, arguments, extras."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(record.getMessage())
        self.texts.append(repr(record.__dict__))


def _otel_sink() -> tuple[Any, Callable[[], list[str]]]:
    sdk_logs = pytest.importorskip("opentelemetry.sdk._logs")
    sdk_export = pytest.importorskip("opentelemetry.sdk._logs.export")
    from registry_runtime.otel import OTelLogSink

    new = getattr(sdk_export, "InMemoryLogRecordExporter", None)
    exporter = new() if new is not None else sdk_export.InMemoryLogExporter()
    provider = sdk_logs.LoggerProvider()
    provider.add_log_record_processor(sdk_export.SimpleLogRecordProcessor(exporter))

    def texts() -> list[str]:
        out = []
        for item in exporter.get_finished_logs():
            record = getattr(item, "log_record", item)
            out.append(repr(record.body))
            out.append(repr(dict(record.attributes or {})))
        provider.shutdown()
        return out

    return OTelLogSink(provider), texts


def _sinks(tmp: Path) -> Iterator[tuple[str, Any, Callable[[], list[str]]]]:
    memory = MemorySink()
    yield "MemorySink", memory, lambda: [repr(memory.records), repr(memory.lines)]
    binary = io.BytesIO()
    yield "StreamSink", StreamSink(binary), lambda: [binary.getvalue().decode("utf-8", "replace")]
    text = io.StringIO()
    yield "StreamSink(text)", StreamSink(text), lambda: [text.getvalue()]
    logger = logging.getLogger(f"probe.audit.{next(_packages)}")
    logger.propagate = False
    handler = Collected()
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield "LoggingSink", LoggingSink(logger), lambda: handler.texts
    directory = tmp / f"jsonl{next(_packages)}"
    directory.mkdir()
    yield (
        "JsonLinesSink",
        JsonLinesSink(str(directory / "audit.jsonl")),
        lambda: [
            p.read_bytes().decode("utf-8", "replace")
            for p in sorted(directory.rglob("*"))
            if p.is_file()
        ],
    )
    otel, otel_texts = _otel_sink()
    yield "OTelLogSink", otel, otel_texts
    inner = MemorySink()
    yield "TeeSink", TeeSink(inner, StreamSink(io.BytesIO())), lambda: [repr(inner.records)]
    yield _postgres_sink()
    yield _bound_postgres_sink()
    yield _async_postgres_sink()


def _postgres_cluster() -> tuple[Any, Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "postgres"))
    try:
        from pg_cluster import require_psycopg, shared_cluster
    finally:
        sys.path.pop(0)
    return require_psycopg(), shared_cluster()


def _table_texts(conn: Any, table: str, cluster: Any) -> Callable[[], list[str]]:
    """The output of a sink writing to ``table``: every column of every row (the table is
    dropped once read), and the server's log."""

    def texts() -> list[str]:
        with conn:
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            conn.execute(f"DROP TABLE {table}")
        return [repr(rows), (cluster.root / "server.log").read_text("utf-8", "replace")]

    return texts


def _postgres_sink() -> tuple[str, Any, Callable[[], list[str]]]:
    """A PostgresSink on a table of its own in a throw-away server (tests/postgres); its
    output is every column of every row, and the server's log."""
    psycopg, cluster = _postgres_cluster()
    from registry_runtime.postgres import PostgresSink
    from registry_runtime.postgres_schema import schema_sql

    conn = psycopg.connect(cluster.conninfo(), autocommit=True)
    table = f"probe_{os.getpid()}_{next(_packages)}"
    conn.execute(schema_sql(table))

    texts = _table_texts(conn, table, cluster)
    return "PostgresSink", PostgresSink(conn, table=table, batch_size=2), texts


class _Bound:
    """Writes each record through a `PostgresSink` bound to the caller's transaction (`bind`),
    which then commits: the way a service writes its records with its business change."""

    def __init__(self, sink: Any, conn: Any) -> None:
        self.sink = sink
        self.conn = conn

    def write(self, record: dict[str, Any], line: bytes) -> None:
        with self.sink.bind(self.conn):
            self.sink.write(record, line)
        self.conn.commit()

    def close(self) -> None:
        self.sink.close()
        self.conn.close()


def _bound_postgres_sink() -> tuple[str, Any, Callable[[], list[str]]]:
    """A PostgresSink with no connection of its own, bound to a transaction of the test's;
    output as for PostgresSink."""
    psycopg, cluster = _postgres_cluster()
    from registry_runtime.postgres import PostgresSink
    from registry_runtime.postgres_schema import schema_sql

    conn = psycopg.connect(cluster.conninfo(), autocommit=True)
    table = f"probe_bound_{os.getpid()}_{next(_packages)}"
    conn.execute(schema_sql(table))

    texts = _table_texts(conn, table, cluster)
    business = psycopg.connect(cluster.conninfo())
    return "PostgresSink (bound)", _Bound(PostgresSink(table=table), business), texts


class _Awaited:
    """Drives an `AsyncPostgresSink` from the synchronous emitter of the test: each write runs
    on a private event loop (where the async sink queues it) and is awaited to the server."""

    def __init__(self, sink: Any) -> None:
        self.sink = sink
        self.loop = asyncio.new_event_loop()

    def write(self, record: dict[str, Any], line: bytes) -> None:
        async def written() -> None:
            self.sink.write(record, line)
            await self.sink.flush()

        self.loop.run_until_complete(written())

    def close(self) -> None:
        try:
            self.loop.run_until_complete(self.sink.aclose())
        finally:
            self.loop.close()


def _async_postgres_sink() -> tuple[str, Any, Callable[[], list[str]]]:
    """An AsyncPostgresSink on its own connection and table; output as for PostgresSink."""
    psycopg, cluster = _postgres_cluster()
    from registry_runtime.postgres_async import AsyncPostgresSink
    from registry_runtime.postgres_schema import schema_sql

    conn = psycopg.connect(cluster.conninfo(), autocommit=True)
    table = f"probe_async_{os.getpid()}_{next(_packages)}"
    conn.execute(schema_sql(table))

    texts = _table_texts(conn, table, cluster)
    sink = AsyncPostgresSink(cluster.conninfo(), table=table, batch_size=2)
    return "AsyncPostgresSink", _Awaited(sink), texts


COVERED = {
    "MemorySink",
    "StreamSink",
    "LoggingSink",
    "JsonLinesSink",
    "OTelLogSink",
    "TeeSink",
    "PostgresSink",
    "AsyncPostgresSink",
}


def _runtime_sinks() -> set[str]:
    """Every class of the runtime that is a sink (has `write` and `close`)."""
    found: set[str] = set()
    for info in pkgutil.iter_modules(registry_runtime.__path__):
        try:
            module = importlib.import_module(f"registry_runtime.{info.name}")
        except ImportError:  # an optional extra that is not installed
            continue
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and value.__module__ == module.__name__
                and not name.startswith("_")
                and callable(getattr(value, "write", None))
                and callable(getattr(value, "close", None))
                and name != "Sink"
            ):
                found.add(name)
    return found


def test_every_sink_of_the_runtime_is_covered() -> None:
    """A sink added later joins the property test below, or this test fails."""
    assert _runtime_sinks() <= COVERED, sorted(_runtime_sinks() - COVERED)


# -- the property ----------------------------------------------------------------------------


def _leaks(secrets: set[str], texts: list[str]) -> list[str]:
    whole = "\n".join(texts)
    found = []
    for secret in secrets:
        for start in range(len(secret) - SHOWN):
            if secret[start : start + SHOWN + 1] in whole:
                found.append(secret)
                break
    return found


@settings(
    max_examples=int(os.environ.get("NO_ESCAPE_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fields=catalogs(), data=st.data(), on_invalid=st.sampled_from(["raise", "record"]))
def test_no_secret_escapes_through_any_sink(
    tmp_path_factory: pytest.TempPathFactory,
    fields: dict[str, Node],
    data: st.DataObject,
    on_invalid: str,
) -> None:
    tmp = tmp_path_factory.mktemp("escape")
    module = _generated(tmp, fields)
    try:
        calls = []
        for _ in range(3):
            values = Values(data.draw)
            kwargs = {name: values.value(node, False) for name, node in fields.items()}
            context = Context(
                ip=values.secret(),
                user_agent=values.secret(),
                session_id=values.secret(),
                request_id="req-1",
            )
            calls.append((values, kwargs, context))
        secrets = set().union(*(values.secrets for values, _, _ in calls))

        runtime_log = Collected()
        audit_logger = logging.getLogger("registry.audit")
        audit_logger.addHandler(runtime_log)
        texts: list[str] = []
        try:
            for sink_name, sink, sink_texts in _sinks(tmp):
                audit = module.AuditLog(sink, hmac_key=KEY, on_invalid=on_invalid)
                for values, kwargs, context in calls:
                    try:
                        record = audit.probe_recorded(
                            actor=Actor("user", "u_1"),
                            targets=[Target("item", "it_1")],
                            context=context,
                            **kwargs,
                        )
                    except InvalidEvent as error:
                        raised = (on_invalid, values.invalid, sink_name)
                        assert raised[:2] == ("raise", True), raised
                        texts.extend([str(error), repr(error), repr(error.args), repr(vars(error))])
                    else:
                        texts.append(repr(record))
                audit.close()
                texts.extend(sink_texts())
        finally:
            audit_logger.removeHandler(runtime_log)
        texts.extend(runtime_log.texts)
        leaked = _leaks(secrets, texts)
        assert not leaked, f"secrets written: {leaked}\ncatalog:\n{_catalog_text(fields)}"
    finally:
        _forget(module.__name__)


def test_the_oracle_sees_what_is_written(tmp_path: Path) -> None:
    """The property above can fail: an unprotected value is found in the same outputs."""
    fields = {"f0": Node("object", members={"m0_0": Node("string")})}
    module = _generated(tmp_path, fields)
    try:
        sink = MemorySink()
        audit = module.AuditLog(sink, hmac_key=KEY)
        audit.probe_recorded(actor=Actor("user", "u_1"), f0={"m0_0": "pQQQQQQQQQQ"})
        assert _leaks({"pQQQQQQQQQQ"}, [repr(sink.lines)]) == ["pQQQQQQQQQQ"]
    finally:
        _forget(module.__name__)


@pytest.mark.parametrize(
    "shape",
    [
        # the issue's examples: a pii member of an object, a credential member, a pii member of
        # the objects in a list, an unknown member key of a pii object
        {"f0": Node("object", members={"email": Node("string", ("pii",))})},
        {"f0": Node("object", members={"password": Node("string", ("credential",))})},
        {"f0": Node("list", items=Node("object", members={"phone": Node("string", ("pii",))}))},
        {"f0": Node("object", ("pii",), members={"locale": Node("string")})},
    ],
    ids=["pii-member", "credential-member", "pii-in-list-items", "pii-object"],
)
def test_the_issues_examples(tmp_path: Path, shape: dict[str, Node]) -> None:
    module = _generated(tmp_path, shape)
    try:
        secret = "SQXJKVWYZQXJKVWYZQXJK"
        node = shape["f0"]
        if node.kind == "list":
            value: Any = [{"phone": secret}]
        elif node.tags:
            value = {secret: "en_GB"}  # an unknown member, its key is the secret
        else:
            value = {next(iter(node.members)): secret}
        sink = MemorySink()
        handler = Collected()
        logging.getLogger("registry.audit").addHandler(handler)
        try:
            audit = module.AuditLog(sink, hmac_key=KEY, on_invalid="record")
            audit.probe_recorded(actor=Actor("user", "u_1"), f0=value)
        finally:
            logging.getLogger("registry.audit").removeHandler(handler)
        assert _leaks({secret}, [repr(sink.records), repr(sink.lines), *handler.texts]) == []
    finally:
        _forget(module.__name__)

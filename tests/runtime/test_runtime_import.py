"""`registry_runtime` is light at import: the standard library and orjson, nothing else."""

from __future__ import annotations

import subprocess
import sys

import registry_runtime

FORBIDDEN = {"jsonschema", "jsonschema_rs", "jinja2", "yaml", "yaml_rs", "click", "pydantic",
             "opentelemetry", "hypothesis"}


def imported_modules(statement: str) -> list[str]:
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", statement],
                         capture_output=True, text=True, check=True)
    names = []
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "imported package" not in line:
            names.append(line.rsplit("|", 1)[1].strip())
    assert names, run.stderr
    return names


def test_runtime_imports_only_the_stdlib_and_orjson() -> None:
    at_startup = set(imported_modules("pass"))  # site, .pth hooks, the editable-install finder
    names = [name for name in imported_modules("import registry_runtime")
             if name not in at_startup]
    tops = {name.split(".")[0] for name in names}
    assert not tops & FORBIDDEN
    # "org": the stdlib `copy` module probes for Jython's org.python.core.
    assert tops - set(sys.stdlib_module_names) <= {"registry_runtime", "orjson", "org"}
    assert "registry" not in tops  # the runtime never imports the tool
    assert "registry_runtime.otel" not in names
    assert "registry_runtime" in names
    assert "logging" not in names  # imported by LoggingSink when one is made


def test_generated_style_imports_are_enough() -> None:
    # What a generated module imports, and what the contract promises it finds there.
    for name in ("Actor", "Target", "Context", "FieldSpec", "EventSpec", "AuditError",
                 "AuditConfigurationError", "InvalidEvent", "Sink", "Emitter", "MemorySink",
                 "StreamSink", "LoggingSink", "JsonLinesSink"):
        assert name in registry_runtime.__all__
        assert hasattr(registry_runtime, name)
    names = imported_modules("from registry_runtime import Emitter, EventSpec, FieldSpec")
    assert not {name.split(".")[0] for name in names} & FORBIDDEN

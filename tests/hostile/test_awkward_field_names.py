"""Field names that are Python keywords, builtins, or names the generated code itself uses.

Keywords are N008 errors and envelope names N009 errors, but neither blocks generation (only
loading, schema and resolve errors do), so the generated code must cope with all of them: the
package imports, every field is a parameter (renamed with a trailing `_` where Python needs
it), validation still works (a parameter named `isinstance` or `len` must not shadow the
builtin the validator calls), and the record carries the catalog's own names.
"""

from __future__ import annotations

import importlib
import inspect
import keyword
import os
import sys
from pathlib import Path

import pytest
import yaml

from registry.generate.run import generate
from registry_runtime import Actor, MemorySink, Target
from registry_runtime.errors import InvalidEvent

from conftest import make_config

AWKWARD = sorted(
    {
        *keyword.kwlist,
        *keyword.softkwlist,
        "isinstance", "len", "str", "int", "float", "bool", "list", "dict", "set", "tuple",
        "object", "type", "print", "min", "max", "re", "datetime", "uuid", "typing", "field",
        "dataclass", "self", "cls", "spec", "value", "values", "problems", "validate",
        "record", "emitter", "sink", "audit", "kwargs", "args", "result", "errors", "name",
        "actor", "targets", "outcome", "reason", "context", "tenant", "event", "fields",
        "occurred_at", "id", "version",
    } - {"_"}  # "_" is not a field name the schema accepts
)  # fmt: skip
SKIP = ("self", "actor", "targets", "outcome", "reason", "context", "tenant")


def catalog() -> dict[str, object]:
    return {
        "domain": "awkward",
        "description": "Events with field names that collide with Python and the generated code.",
        "owners": ["registry-team"],
        "events": {
            "item.counted": {
                "description": "A worker counted the stock of an item on a shelf.",
                "category": "data_change",
                "actor": ["user"],
                "targets": ["item"],
                "fields": {
                    name: {
                        "type": "string",
                        "max_length": 8,
                        "pattern": "^[a-z]+$",
                        "description": f"The {name} of the count, for the test.",
                    }
                    for name in AWKWARD
                },
            }
        },
    }


def test_awkward_field_names_generate_working_code(tmp_path: Path) -> None:
    path = tmp_path / "awkward.yaml"
    path.write_text(yaml.safe_dump(catalog()), "utf-8")
    package = f"awkward_{os.getpid()}"
    result = generate("python", (str(path),), make_config(tmp_path), tmp_path / "out",
                      package=package)  # fmt: skip
    assert result.blocking == (), [f.message for f in result.blocking]
    sys.path.insert(0, str(tmp_path / "out"))
    try:
        generated = importlib.import_module(package)
        method = generated.AuditLog.item_counted
        parameters = [p for p in inspect.signature(method).parameters if p not in SKIP]
        assert len(parameters) == len(AWKWARD)  # every field is a parameter
        for parameter in parameters:
            assert parameter.isidentifier()
            assert not keyword.iskeyword(parameter)
        arguments = dict.fromkeys(parameters, "abc")
        audit = generated.AuditLog(MemorySink(), hmac_key="k")
        call = {"actor": Actor(type="user", id="u_1"), "targets": [Target(type="item", id="i")]}
        record = audit.item_counted(**call, **arguments)
        assert sorted(record["fields"]) == AWKWARD  # the catalog's names, not the parameters'
        for parameter in ("isinstance", "len", "str", "re", "validate", "value"):
            name = next(p for p in parameters if p.rstrip("_") == parameter)
            with pytest.raises(InvalidEvent, match=rf": {parameter}: does not match "):
                audit.item_counted(**call, **{**arguments, name: "NOTVALID"})
    finally:
        sys.path.remove(str(tmp_path / "out"))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]

"""Whatever the catalog's names, the generated package imports and passes `mypy --strict`.

Catalog names are arbitrary; the generated modules also hold names of their own (runtime
imports, aliases named after events and fields, constants, validators, specs). Hypothesis draws
catalogs whose event, field, member and type names come from the generator's own vocabulary
(`spec`, `event_spec`, `types`, `mode`, `signed_in` next to `signed_in_mode` ...) and from
random words. Every catalog that generation accepts (no Y, S or R finding: R004 refuses what
cannot be named) must give a package that imports and emits, and all of them must pass one
`mypy --strict` run (batched: one run over every package keeps the test fast).
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from gen_helpers import KEY, fresh_name
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from registry.generate.run import generate
from registry_runtime import Actor, MemorySink

from conftest import REPO, make_config

MIMICS = [
    "spec", "event_spec", "field_spec", "events", "event", "types", "type", "mode", "signed_in",
    "signed_in_mode", "emitter", "actor", "actor_types", "target", "targets", "context",
    "audit_log", "any", "mapping", "sequence", "re", "uuid", "date", "datetime", "literal",
    "type_alias", "typed_dict", "problems", "fields", "unknown", "is_email", "is_finite",
    "reason", "outcome", "success", "failure", "values", "pattern", "members", "item", "key",
    "self", "sink", "close", "validate", "required", "not_required", "annotations", "invalid",
    "invalid_event", "memory_sink", "str", "int", "list", "dict", "none", "class", "import",
    "user", "user_signed_in", "user_signed_in_mode", "mode_reason", "reason_values",
    "success_outcome", "or", "items", "fields_", "spec_user", "validate_user",
]
WORDS = st.one_of(st.sampled_from(MIMICS), st.from_regex(r"[a-z]{1,6}(_[a-z]{1,5})?", fullmatch=True))


def _scalar(draw: Any, types: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["string", "integer", "enum", "boolean", "named"]))
    if kind == "named" and types:
        return {"type": draw(st.sampled_from(types))}
    if kind == "enum":
        return {"type": "enum", "values": draw(st.lists(WORDS, min_size=1, max_size=3,
                                                        unique=True))}
    if kind == "string":
        return {"type": "string", "max_length": 8, "pattern": "^[a-z]+$"}
    return {"type": "integer" if kind == "integer" else "boolean"}


@st.composite
def field_types(draw: Any, types: list[str], depth: int = 0) -> dict[str, Any]:
    shape = draw(st.sampled_from(["scalar", "scalar", "object", "list"] if depth < 2
                                 else ["scalar"]))
    if shape == "object":
        names = draw(st.lists(WORDS, min_size=0, max_size=3, unique=True))
        return {"type": "object", "fields": {
            name: {**draw(field_types(types, depth + 1)), "description": "A member."}
            for name in names}}
    if shape == "list":
        return {"type": "list", "items": draw(field_types(types, depth + 1))}
    return _scalar(draw, types)


@st.composite
def catalogs(draw: Any) -> list[dict[str, Any]]:
    """The files of one catalog (the first holds the named types)."""
    type_names = draw(st.lists(WORDS, max_size=3, unique=True))
    types = {}
    for name in type_names:
        spec = draw(field_types([], 1))  # a named type is not made of another
        types[name] = {**spec, "description": "A named type."}
    files = []
    for index in range(draw(st.integers(1, 2))):
        files.append({"domain": draw(WORDS), "description": "Names that mimic the generator's.",
                      "owners": ["team-a"], **({"types": types} if types and not index else {}),
                      "events": draw(events(list(types)))})
    return files


@st.composite
def events(draw: Any, types: list[str]) -> dict[str, Any]:
    events: dict[str, Any] = {}
    for _ in range(draw(st.integers(1, 4))):
        name = f"{draw(WORDS)}.{draw(WORDS)}"
        fields = {
            field: {**draw(field_types(types)), "description": "A field."}
            for field in draw(st.lists(WORDS, max_size=4, unique=True))
        }
        event: dict[str, Any] = {"description": "Something happened.", "actor": ["user"],
                                 "targets": [], "fields": fields}
        if draw(st.booleans()):
            event["outcomes"] = ["success", "failure"]
            event["failure_reasons"] = draw(st.lists(WORDS, min_size=1, max_size=2,
                                                     unique=True))
        events[name] = event
    return events


def test_every_catalog_generation_accepts_imports_and_type_checks(tmp_path: Path) -> None:
    root = tmp_path / "packages"
    root.mkdir()
    made: list[tuple[str, str]] = []  # (package, catalog text)

    @settings(max_examples=int(os.environ.get("NAMES_EXAMPLES", "40")), deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(catalog=catalogs())
    def generate_and_import(catalog: list[dict[str, Any]]) -> None:
        directory = tmp_path / "catalogs" / fresh_name("c")
        directory.mkdir(parents=True)
        texts = [yaml.safe_dump(file, sort_keys=False) for file in catalog]
        for index, text in enumerate(texts):
            (directory / f"file{index}.yaml").write_text(text, "utf-8")
        text = "\n---\n".join(texts)
        package = fresh_name("names")
        result = generate("python", (str(directory),), make_config(REPO), root,
                          package=package)
        assume(result.blocking == ())
        sys.path.insert(0, str(root))
        try:
            module = importlib.import_module(package)
            audit = module.AuditLog(MemorySink(), hmac_key=KEY)
            assert isinstance(audit, module.AuditLog)
            for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
                del sys.modules[name]
        except Exception as error:  # the catalog is what a reader needs to reproduce it
            raise AssertionError(f"{type(error).__name__}: {error}\n{text}") from error
        finally:
            sys.path.remove(str(root))
        made.append((package, text))

    generate_and_import()
    assert len(made) >= 10  # most drawn catalogs are accepted: the test checks something
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file=", "--no-incremental",
         "--no-error-summary", "--show-error-codes", "--cache-dir=/dev/null",
         "--follow-imports=silent",
         *(package for package, _ in made)],
        cwd=root, env={**os.environ, "MYPYPATH": str(REPO)}, capture_output=True, text=True,
        check=False,
    )
    failed = {line.split("/")[0] for line in run.stdout.splitlines() if ": error:" in line}
    catalogs_of = dict(made)
    assert run.returncode == 0, "\n".join(
        [run.stdout, run.stderr, *(catalogs_of.get(p, "") for p in sorted(failed))])


def test_an_event_named_like_a_runtime_import_generates_a_working_package(
        tmp_path: Path) -> None:
    # The two catalogs of issue 15, item 7.
    text = """\
domain: names
description: Names that collide with the generator's own.
owners: [team-a]
types:
  event_spec: {type: string, max_length: 5, description: A type named like the runtime.}
events:
  event.spec:
    description: An event named like the runtime import.
    actor: [user]
    targets: []
    fields:
      what: {type: event_spec, description: A field of the named type.}
  user.signed_in:
    description: A user signed in.
    actor: [user]
    targets: []
    fields:
      mode: {type: enum, values: [a, b], description: The mode.}
  user.signed_in_mode:
    description: A user signed in in a mode.
    actor: [user]
    targets: []
    fields:
      x: {type: enum, values: [c], description: Another enum.}
"""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "names.yaml").write_text(text, "utf-8")
    package = fresh_name("names")
    result = generate("python", (str(tmp_path / "c"),), make_config(REPO), tmp_path / "out",
                      package=package)
    assert result.blocking == ()
    sys.path.insert(0, str(tmp_path / "out"))
    try:
        module = importlib.import_module(package)
        record = module.AuditLog(MemorySink(), hmac_key=KEY).event_spec(
            actor=Actor("user", "u"), what="abc")
        assert record["fields"] == {"what": "abc"}
    finally:
        sys.path.remove(str(tmp_path / "out"))

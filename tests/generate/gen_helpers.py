"""Shared by the tests of generated code: generate a package, import it under a fresh name.

Every import uses a new package name (`fresh_name`), so two tests (or two hypothesis examples)
never see each other's modules through the import cache; `imported` removes the package from
`sys.modules` and `sys.path` again afterwards.
"""

from __future__ import annotations

import importlib
import itertools
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from registry.catalog.config import Config
from registry.generate.run import generate
from registry_runtime import Actor, Target

from conftest import REPO, make_config

CATALOG = str(REPO / "catalog")
KEY = "generator-tests-hmac-key-0123456789"

_names = itertools.count()


def fresh_name(stem: str = "audit_events") -> str:
    return f"{stem}_{os.getpid()}_{next(_names)}"


def generate_python(
    out: Path,
    paths: tuple[str, ...] = (CATALOG,),
    *,
    package: str | None = None,
    config: Config | None = None,
) -> str:
    """Generate the python target into `out`; the package name (fresh unless given)."""
    package = package or fresh_name()
    result = generate("python", paths, config or make_config(REPO), out, package=package)
    assert result.blocking == (), [f"{f.rule} {f.message}" for f in result.blocking]
    return package


def generate_schemas(
    out: Path, paths: tuple[str, ...] = (CATALOG,), *, config: Config | None = None
) -> dict[str, dict[str, Any]]:
    """Generate the jsonschema target into `out`; event name -> schema."""
    import json

    result = generate("jsonschema", paths, config or make_config(REPO), out)
    assert result.blocking == (), [f"{f.rule} {f.message}" for f in result.blocking]
    return {
        path.name.removesuffix(".schema.json"): json.loads(path.read_text("utf-8"))
        for path in sorted(out.glob("*.schema.json"))
    }


@contextmanager
def imported(out: Path, package: str) -> Iterator[ModuleType]:
    """Import the generated `package` from `out`; forget it again on exit."""
    sys.path.insert(0, str(out))
    importlib.invalidate_caches()
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def write_catalog(directory: Path, name: str, data: dict[str, Any]) -> str:
    """Write `data` as YAML (yaml.safe_dump, so any text stays loadable); the file's path.

    Unicode is written as it is where PyYAML reads its own output back unchanged, else as
    escapes: with allow_unicode, PyYAML writes a NEL (U+0085) raw into a quoted scalar, which
    YAML 1.1 (PyYAML) reads as a line break and YAML 1.2 (yaml-rs) as the character plus the
    indentation after it, so neither gets the text back.
    """
    import yaml

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if yaml.safe_load(text) != data:
        text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False)
        assert yaml.safe_load(text) == data
    path.write_text(text, "utf-8")
    return str(path)


KINDS_CATALOG = """\
domain: inventory
description: Events of a warehouse inventory service, with a field of every kind.
owners: [inventory-team]

events:
  item.counted:
    description: A worker counted the stock of an item on a shelf of the warehouse.
    category: data_change
    actor: [user, service]
    targets: [item]
    outcomes: [success, failure]
    failure_reasons: [shelf_missing, scanner_offline]
    fields:
      sku:
        type: string
        pattern: "^SKU-[0-9]{4}$"
        max_length: 8
        required: true
        description: Stock-keeping unit of the counted item.
      quantity:
        type: integer
        min: 0
        max: 1000
        required: true
        description: Number of units found on the shelf.
      weight_kg:
        type: number
        min: 0.5
        max: 99.5
        description: Weight of one unit in kilograms.
      damaged:
        type: boolean
        description: Whether damaged units were found.
      counted_on:
        type: date
        description: Day of the count.
      counted_at:
        type: timestamp
        description: Moment of the count.
      batch_id:
        type: uuid
        description: Identifier of the counting batch.
      shelf_level:
        type: enum
        values: [1, 2, 3]
        description: Level of the shelf, from the floor.
      bin_label:
        type: enum
        values: [A, 7]
        description: Label of the bin, a letter or a number.
      tags:
        type: list
        items: {type: string, max_length: 5}
        description: Short labels put on the item.
      location:
        type: object
        description: Where the item was counted.
        fields:
          aisle: {type: integer, min: 1, required: true, description: Aisle number.}
          note: {type: string, max_length: 10, description: Free note on the spot.}
      counter_email:
        type: string
        format: email
        max_length: 254
        sensitivity: pii
        redact: hash
        description: E-mail address of the worker who counted.
      badge_number:
        type: string
        max_length: 32
        sensitivity: pii
        redact: mask
        description: Badge number of the worker.
      home_city:
        type: string
        max_length: 64
        sensitivity: quasi_identifier
        redact: truncate
        description: City the worker lives in.
      phone_number:
        type: string
        max_length: 32
        sensitivity: pii
        redact: drop
        description: Phone number of the worker.
"""
"""One event with a field of every type, constraint and redaction (lint-clean)."""


def write_kinds_catalog(directory: Path) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "inventory.yaml"
    path.write_text(KINDS_CATALOG, "utf-8")
    return str(path)


USER = Actor(type="user", id="u_42")
SERVICE = Actor(type="service", id="deployer")

VALID_CALLS: dict[str, dict[str, Any]] = {
    "user_promoted_staging": {
        "actor": USER,
        "app_id": "app_9x7c2v",
        "release_id": "rel_8f3k2m1q",
        "source_commit": "0123456789abcdef0123456789abcdef01234567",
        "targets": [Target(type="release", id="rel_8f3k2m1q")],
    },
    "user_promoted_production": {
        "actor": USER,
        "app_id": "app_9x7c2v",
        "release_id": "rel_8f3k2m1q",
        "previous_release_id": "rel_7e2j1l0p",
        "approver_email": "ada@example.com",
        "change_ticket": "CHG004211",
    },
    "user_deploy_failed": {
        "actor": SERVICE,
        "app_id": "app_9x7c2v",
        "release_id": "rel_8f3k2m1q",
        "environment": "production",
        "failed_step": "build",
        "exit_code": 1,
        "reason": "build_failed",
    },
    "user_joined_team": {
        "actor": USER,
        "team_id": "T0A1B2C3D4",
        "join_method": "sso",
        "role": "member",
    },
    "user_changed_channel_history": {
        "actor": USER,
        "channel_id": "C9Z8Y7X6W5",
        "retention_days_before": 0,
        "retention_days_after": 365,
    },
    "user_added_bot": {
        "actor": USER,
        "channel_id": "C9Z8Y7X6W5",
        "bot_id": "B0A1B2C3D4",
        "permissions": ["read_messages"],
    },
    "user_added_integration": {
        "actor": USER,
        "workspace_id": "ws_4f8a2k9d",
        "provider": "github",
        "scopes": ["repo"],
        "installation_id": "inst-1",
    },
    "user_invited_observer": {
        "actor": USER,
        "workspace_id": "ws_4f8a2k9d",
        "invitee_email": "grace@example.com",
        "access_level": "view",
        "expires_at": "2030-01-31T23:59:59.5+01:00",
    },
    "user_exported_team_data": {
        "actor": USER,
        "workspace_id": "ws_4f8a2k9d",
        "export_format": "pdf",
        "includes_personal_data": True,
        "record_count": 0,
    },
    "item_counted": {
        "actor": USER,
        "sku": "SKU-0042",
        "quantity": 12,
        "weight_kg": 2.25,
        "damaged": False,
        "counted_on": "2024-02-29",
        "counted_at": "2024-02-29T10:00:00Z",
        "batch_id": "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
        "shelf_level": 2,
        "bin_label": 7,
        "tags": ["new", "promo"],
        "location": {"aisle": 3, "note": "top shelf"},
        "counter_email": "ada@example.com",
        "badge_number": "B-12345678",
        "home_city": "Amsterdam-Noord",
        "phone_number": "+31 20 123 4567",
    },
}
"""A valid call of each method of the built-in catalog and of KINDS_CATALOG, with every
optional field given (test_runtime_checks breaks them one argument at a time)."""
EVENT_OF_METHOD = {method: method.replace("_", ".", 1) for method in VALID_CALLS}
"""The event behind each facade method of VALID_CALLS."""


def _baseline_calls() -> dict[str, dict[str, Any]]:
    """A valid call of each event of the security baseline (catalog/security.yaml), every
    optional field given, with values built from the catalog's own constraints (as the docs'
    example records are), so the cross-checks cover all of its events."""
    from registry.catalog.identifiers import snake
    from registry.catalog.load import load_catalog
    from registry.catalog.model import Outcome
    from registry.generate.docs_examples import _example_value

    loaded = load_catalog((str(REPO / "catalog" / "security.yaml"),), make_config(REPO))
    calls: dict[str, dict[str, Any]] = {}
    for event in loaded.catalog.events:
        call: dict[str, Any] = {"actor": Actor(type=event.actors[0], id=f"{event.actors[0]}_42")}
        call.update({f.name: _example_value(f.type, f.name) for f in event.fields})
        if event.outcomes == (Outcome.FAILURE,):
            call["reason"] = event.failure_reasons[0]
        method = snake(event.name)
        calls[method] = call
        EVENT_OF_METHOD[method] = event.name
    return calls


VALID_CALLS.update(_baseline_calls())

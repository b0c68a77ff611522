"""The tools a user would pick instead, run on the same catalog as ours.

- datamodel-code-generator reads the catalog as JSON Schema, written by our own
  `registry generate jsonschema` (one schema per event), and writes pydantic v2 models
  (the options of ../shared/research/peers.md section 4: built-in formatter, no timestamp).
- datacontract-cli lints an equivalent Open Data Contract Standard (ODCS v3.2.0) contract,
  written by `catalog_to_odcs` below: one schema object per event, one property per field
  (nested objects and list items included) with its logical type, constraints,
  description, required flag and sensitivity (as `classification`).

Peers are found in a virtual environment (`--peers-venv`, default /work/peers-venv or
$REGISTRY_PEERS_VENV) or on PATH; a peer that is not installed is reported as skipped.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from registry.catalog.model import Catalog, Field, Kind, TypeSpec

DEFAULT_VENV = Path(os.environ.get("REGISTRY_PEERS_VENV", "/work/peers-venv"))

DATAMODEL_CODEGEN_OPTIONS = (
    "--input-file-type",
    "jsonschema",
    "--output-model-type",
    "pydantic_v2.BaseModel",
    "--target-python-version",
    "3.11",
    "--use-union-operator",
    "--disable-timestamp",
    "--formatters",
    "builtin",
)


def find_peer(command: str, venv: Path | None) -> str | None:
    """The peer's executable: in `venv` first, then on PATH."""
    if venv is not None:
        candidate = venv / "bin" / command
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(command)


_LOGICAL = {
    Kind.STRING: "string",
    Kind.INTEGER: "integer",
    Kind.NUMBER: "number",
    Kind.BOOLEAN: "boolean",
    Kind.TIMESTAMP: "timestamp",
    Kind.DATE: "date",
    Kind.UUID: "string",
    Kind.ENUM: "string",
    Kind.LIST: "array",
    Kind.OBJECT: "object",
}


def _options(spec: TypeSpec) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if spec.kind is Kind.UUID:
        options["format"] = "uuid"
    elif spec.format:
        options["format"] = spec.format
    if spec.pattern:
        options["pattern"] = spec.pattern
    if spec.kind is Kind.ENUM and spec.values:
        options["pattern"] = "^(" + "|".join(str(v) for v in spec.values) + ")$"
    if spec.max_length is not None:
        options["maxLength"] = spec.max_length
    if spec.minimum is not None:
        options["minimum"] = spec.minimum
    if spec.maximum is not None:
        options["maximum"] = spec.maximum
    return options


def _type(spec: TypeSpec) -> dict[str, Any]:
    node: dict[str, Any] = {"logicalType": _LOGICAL[spec.kind]}
    options = _options(spec)
    if options:
        node["logicalTypeOptions"] = options
    if spec.fields:
        node["properties"] = [_property(member) for member in spec.fields]
    if spec.items is not None:
        node["items"] = _type(spec.items)
    return node


def _property(field: Field) -> dict[str, Any]:
    node: dict[str, Any] = {"name": field.name, **_type(field.type)}
    if field.description:
        node["description"] = field.description
    if field.required:
        node["required"] = True
    if field.sensitivity:
        node["classification"] = ",".join(sorted(field.sensitivity))
    return node


def catalog_to_odcs(catalog: Catalog) -> dict[str, Any]:
    """The catalog as one ODCS v3.2.0 data contract (what `datacontract lint` reads)."""
    return {
        "apiVersion": "v3.2.0",
        "kind": "DataContract",
        "id": "audit-events",
        "name": "Audit events",
        "version": "1.0.0",
        "status": "active",
        "description": {"purpose": "Audit trail events of the application."},
        "schema": [
            {
                "name": event.name,
                "physicalName": event.name.replace(".", "_"),
                "logicalType": "object",
                "description": event.description or event.name,
                "properties": [_property(field) for field in event.fields],
            }
            for event in catalog.events
        ],
    }


def write_odcs(catalog: Catalog, path: Path) -> None:
    text = yaml.dump(catalog_to_odcs(catalog), Dumper=yaml.CSafeDumper, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")

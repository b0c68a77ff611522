"""The `jsonschema` target: one JSON Schema (2020-12) per event, describing the record the
emitters write after redaction, for SIEMs, schema registries and independent checks."""

from __future__ import annotations

import json
from typing import Any

from registry.catalog.config import Config
from registry.catalog.model import Catalog, Event, Field, Kind, Redaction, TypeSpec
from registry.privacy.policy import effective_redaction

_SCALARS: dict[Kind, dict[str, Any]] = {
    Kind.STRING: {"type": "string"},
    Kind.INTEGER: {"type": "integer"},
    Kind.NUMBER: {"type": "number"},
    Kind.BOOLEAN: {"type": "boolean"},
    Kind.TIMESTAMP: {"type": "string", "format": "date-time"},
    Kind.DATE: {"type": "string", "format": "date"},
    Kind.UUID: {"type": "string", "format": "uuid"},
}
_PARTY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "id"],
    "properties": {"type": {"type": "string"}, "id": {"type": "string"}},
}


def _type_schema(spec: TypeSpec) -> dict[str, Any]:
    if spec.kind is Kind.ENUM:
        return {"enum": list(spec.values)}
    if spec.kind is Kind.LIST:
        return {"type": "array", "items": _type_schema(spec.items) if spec.items else {}}
    if spec.kind is Kind.OBJECT:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [m.name for m in spec.fields if m.required],
            "properties": {m.name: _type_schema(m.type) for m in spec.fields},
        }
    schema = dict(_SCALARS[spec.kind])
    if spec.kind is Kind.STRING:
        if spec.max_length is not None:
            schema["maxLength"] = spec.max_length
        if spec.pattern is not None:
            schema["pattern"] = spec.pattern
    if spec.kind in (Kind.INTEGER, Kind.NUMBER):
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
    return schema


def _redacted(spec: TypeSpec) -> dict[str, Any]:
    """Hash, mask and truncate keep the shape but turn every scalar into text."""
    if spec.kind is Kind.LIST:
        return {"type": "array", "items": _redacted(spec.items) if spec.items else {}}
    if spec.kind is Kind.OBJECT:
        return {"type": "object", "properties": {m.name: _redacted(m.type) for m in spec.fields}}
    return {"type": "string"}


def _field_schema(field: Field, config: Config) -> dict[str, Any] | None:
    if "credential" in field.sensitivity:
        return None
    redaction = effective_redaction(field, config)
    if redaction is Redaction.DROP:
        return None
    schema = _type_schema(field.type) if redaction is Redaction.NONE else _redacted(field.type)
    if field.description:
        schema = {"description": field.description, **schema}
    return schema


def event_schema(event: Event, config: Config) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in event.fields:
        schema = _field_schema(field, config)
        if schema is None:
            continue
        properties[field.name] = schema
        if field.required and effective_redaction(field, config) is Redaction.NONE:
            required.append(field.name)
    party = dict(_PARTY)
    actor = dict(
        party,
        properties={
            "type": {"enum": list(event.actors)} if event.actors else {"type": "string"},
            "id": {"type": "string"},
        },
    )
    target = dict(
        party,
        properties={
            "type": {"enum": list(event.targets)} if event.targets else {"type": "string"},
            "id": {"type": "string"},
        },
    )
    nullable_text = {"type": ["string", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:registry:event:{event.name}:v{event.version}",
        "title": event.name,
        "description": event.description or "",
        "type": "object",
        "additionalProperties": False,
        "required": [member.name for member in event.envelope],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "event": {"const": event.name},
            "version": {"const": event.version},
            "occurred_at": {"type": "string", "format": "date-time"},
            "actor": actor,
            "targets": {"type": "array", "items": target},
            "outcome": {"enum": [o.value for o in event.outcomes]},
            "reason": (
                {"enum": [*event.failure_reasons, None]} if event.failure_reasons else nullable_text
            ),
            "context": {
                "type": "object",
                "additionalProperties": False,
                "properties": dict.fromkeys(
                    ("ip", "user_agent", "request_id", "session_id"), nullable_text
                ),
            },
            "tenant": nullable_text,
            "fields": {
                "type": "object",
                "additionalProperties": False,
                "required": required,
                "properties": properties,
            },
            "validation_errors": {"type": "array"},
            # added to each line by JsonLinesSink (registry_runtime.chain)
            "prev_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        },
    }


def render(catalog: Catalog, config: Config, content_hash: str) -> dict[str, str]:
    files = {}
    for event in catalog.events:
        comment = f"Generated by registry from catalog {content_hash}. Do not edit."
        schema = {"$comment": comment, **event_schema(event, config)}
        files[f"{event.name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return files

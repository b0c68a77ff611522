"""The catalog's fields as typed columns: what `registry generate sql` declares in each event's
view and what `query --field NAME=VALUE` compares with.

An object's declared members are flattened into columns of their own (`parent__member`, at any
depth); a list, or an object that declares no members, stays one JSON column. A value the
emitters write redacted (hash, mask, truncate) is text whatever its declared kind; a value they
never write (a credential, `drop`) has no column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from registry.catalog.config import Config
from registry.catalog.model import Event, Kind, Redaction, TypeSpec
from registry.privacy.policy import RedactionPlan, redaction_plan

SEPARATOR: Final = "__"
"""Joins a parent's and a member's names in a flattened column name."""
SQL_TYPES: Final = {
    Kind.STRING: "VARCHAR",
    Kind.INTEGER: "BIGINT",
    Kind.NUMBER: "DOUBLE",
    Kind.BOOLEAN: "BOOLEAN",
    Kind.TIMESTAMP: "TIMESTAMPTZ",
    Kind.DATE: "DATE",
    Kind.UUID: "UUID",
    Kind.ENUM: "VARCHAR",
    Kind.LIST: "JSON",
    Kind.OBJECT: "JSON",
}
"""The DuckDB type of each kind of value, as written unredacted."""


@dataclass(frozen=True, slots=True)
class FieldColumn:
    """One column of an event's view."""

    name: str
    """`parent__member` for a nested member."""
    path: tuple[str, ...]
    """The keys from `fields` down to the value."""
    kind: Kind
    sql_type: str
    redaction: Redaction
    sensitivity: frozenset[str]
    description: str | None

    @property
    def json_path(self) -> str:
        """The JSON path of the value inside `fields` (`$."a"."b"`)."""
        return "$" + "".join('."' + key.replace('"', '\\"') + '"' for key in self.path)


def field_columns(event: Event, config: Config) -> tuple[FieldColumn, ...]:
    """The columns of `event`'s fields, in declaration order."""
    return tuple(
        column
        for field in event.fields
        for column in _columns(
            (field.name,), field.type, field.description, redaction_plan(field, config)
        )
    )


def _columns(
    path: tuple[str, ...], spec: TypeSpec, description: str | None, plan: RedactionPlan
) -> Iterator[FieldColumn]:
    if not plan.written:
        return
    if spec.kind is Kind.OBJECT and spec.fields:
        for member, member_plan in zip(spec.fields, plan.members, strict=True):
            yield from _columns((*path, member.name), member.type, member.description, member_plan)
        return
    sql_type = SQL_TYPES[spec.kind]
    if spec.kind is Kind.ENUM and spec.values and all(type(v) is int for v in spec.values):
        sql_type = "BIGINT"
    if plan.redaction is not Redaction.NONE and sql_type != "JSON":
        sql_type = "VARCHAR"
    yield FieldColumn(
        SEPARATOR.join(path),
        path,
        spec.kind,
        sql_type,
        plan.redaction,
        spec.sensitivity,
        description or spec.description,
    )


def value_expression(column: FieldColumn, source: str = "fields") -> str:
    """The SQL that reads `column`'s value from the JSON column `source`."""
    path = "'" + column.json_path.replace("'", "''") + "'"
    if column.sql_type == "JSON":
        return f"json_extract({source}, {path})"
    text = f"json_extract_string({source}, {path})"
    return text if column.sql_type == "VARCHAR" else f"TRY_CAST({text} AS {column.sql_type})"

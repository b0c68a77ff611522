"""What to select: the command line's filters, turned into a WHERE clause whose every value is
a bound parameter (never text spliced into the SQL)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from registry.catalog.model import Kind
from registry.findings.errors import UsageError
from registry.query.columns import SEPARATOR, FieldColumn, value_expression
from registry.query.envelope import HASHED_CONTEXT, quote_text
from registry.query.sources import PARQUET_SUFFIX

_RELATIVE: Final = re.compile(r"([0-9]{1,9})([smhdw])")
_UNIT: Final = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_MAYBE_NOT_TEXT: Final = re.compile(
    r"[-+0-9.eE]*|[-+]?(inf|infinity|nan)|true|false|[\[{].*", re.IGNORECASE | re.DOTALL
)
"""Values DuckDB may give for a member that is not a JSON string: a number (as it writes it
back: `1e2` gives `100.0`), `true` or `false`, an object or a list (respaced)."""
OUTCOMES: Final = ("success", "failure", "unknown")


@dataclass(frozen=True, slots=True)
class FieldFilter:
    """`--field NAME=VALUE`: `column` says where the value is and its type (from the catalog);
    without a catalog the value is compared as text at the dotted path."""

    column: FieldColumn
    value: Any


@dataclass(frozen=True, slots=True)
class Filters:
    events: tuple[str, ...] = ()
    """Names or globs (`user.*`); any of them."""
    actor: tuple[str, str] | None = None
    target: tuple[str, str] | None = None
    since: datetime | None = None
    until: datetime | None = None
    outcome: str | None = None
    tenant: str | None = None
    fields: tuple[FieldFilter, ...] = ()
    subject_hash: tuple[str, ...] | None = None
    """What a record holds for the subject (`--subject`): its hash under each key given, with
    that key's id, and the forms written before key ids; never the value itself."""


def parse_time(text: str, option: str, now: datetime | None = None) -> datetime:
    """RFC 3339 (`2026-05-04T10:00:00Z`, a date alone is midnight UTC) or a time ago (`90s`,
    `15m`, `12h`, `7d`, `2w`)."""
    relative = _RELATIVE.fullmatch(text.strip())
    if relative:
        seconds = int(relative.group(1)) * _UNIT[relative.group(2)]
        return (now or datetime.now(UTC)) - timedelta(seconds=seconds)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{option}: {text!r} is not a time: give RFC 3339 (2026-05-04T10:00:00Z) "
            "or an age (90s, 15m, 12h, 7d, 2w)"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def parse_pair(text: str, option: str) -> tuple[str, str]:
    """`TYPE:ID` (the id may contain colons; `*` matches any id)."""
    kind, colon, ident = text.partition(":")
    if not colon or not kind or not ident:
        raise UsageError(f"{option}: {text!r} is not TYPE:ID (for example user:u_42)")
    return kind, ident


def typed_value(column: FieldColumn, text: str, option: str = "--field") -> Any:
    """`text` as the column's type; raises `UsageError` when it is not one."""
    try:
        match column.sql_type:
            case "BIGINT":
                return int(text)
            case "DOUBLE":
                return float(text)
            case "BOOLEAN":
                if text.lower() not in ("true", "false"):
                    raise ValueError(text)
                return text.lower() == "true"
            case "TIMESTAMPTZ":
                return parse_time(text, option)
            case "DATE":
                return datetime.fromisoformat(text).date()
    except ValueError:
        raise UsageError(
            f"{option}: {column.name} is {column.kind.value} in the catalog; {text!r} is not one"
        ) from None
    if column.kind in (Kind.LIST, Kind.OBJECT):
        raise UsageError(f"{option}: {column.name} is a {column.kind.value}; compare it with --sql")
    return text


def where(filters: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause (`TRUE` when nothing is filtered) and its parameters, in order."""
    clauses: list[str] = []
    params: list[Any] = []

    def bind(value: Any) -> str:
        params.append(value)
        return f"${len(params)}"

    if filters.events:
        clauses.append("(" + " OR ".join(f"event GLOB {bind(e)}" for e in filters.events) + ")")
    if filters.actor is not None:
        kind, ident = filters.actor
        written = (kind,) if ident == "*" else (ident, kind)  # the id first: it rules out more
        if not any(_MAYBE_NOT_TEXT.fullmatch(value) for value in written):
            # Before the JSON tests: in one conjunction DuckDB runs the tests in this order.
            clauses.append(_line_holds(written, bind))
        clause = f"actor_type = {bind(kind)}"
        clauses.append(clause if ident == "*" else f"{clause} AND actor_id = {bind(ident)}")
    if filters.target is not None:
        kind, ident = filters.target
        test = f"t.type = {bind(kind)}" + ("" if ident == "*" else f" AND t.id = {bind(ident)}")
        clauses.append(f"len(list_filter(targets, lambda t: {test})) > 0")
    if filters.since is not None:
        clauses.append(f"occurred_at >= {bind(filters.since)}")
    if filters.until is not None:
        clauses.append(f"occurred_at < {bind(filters.until)}")
    if filters.outcome is not None:
        clauses.append(f"outcome = {bind(filters.outcome)}")
    if filters.tenant is not None:
        clauses.append(f"tenant = {bind(filters.tenant)}")
    for field in filters.fields:
        clauses.append(f"{value_expression(field.column)} = {bind(field.value)}")
    if filters.subject_hash:
        clauses.append(_subject(filters.subject_hash, bind))
    return (" AND ".join(clauses) or "TRUE"), params


def _line_holds(values: tuple[str, ...], bind: Any) -> str:
    """A test on the raw line that every record matching the filter passes, cheaper than
    reading the line's JSON: each value, a JSON string's content, is in the line between
    quotes, unless the line holds an escape.

    JSON writes a string as its content between quotes, changed only through escapes, each
    starting with a backslash: in a line without one, a string member equal to VALUE means
    `"VALUE"` is in the line. A line with a backslash, or a record read from Parquet (whose
    columns need not be read from its line), is never dropped here. One test per value: each
    is estimated cheaper than the view's JSON test (`envelope._RECORD`), so runs first."""
    spared = f"contains(line, '\\') OR ends_with(file, {quote_text(PARQUET_SUFFIX)})"
    quoted = [f'"{value}"' for value in values]
    return " AND ".join(f"(contains(line, {bind(text)}) OR {spared})" for text in quoted)


def _subject(hashes: tuple[str, ...], bind: Any) -> str:
    """One of the hashes equals a hashed context member, or a string anywhere inside `fields`:
    its JSON text, as DuckDB writes it back, holds `"hmac:<key id>:<hex>"` exactly (nothing in
    it is escaped). A value names its key, so each hash matches only the values of its key."""
    values = ", ".join(bind(hashed) for hashed in hashes)
    members = [f"{name} IN ({values})" for name in HASHED_CONTEXT]
    needles = [bind(f'"{hashed}"') for hashed in hashes]
    texts = [f"contains(CAST(fields AS VARCHAR), {needle})" for needle in needles]
    return "(" + " OR ".join(members + texts) + ")"


def field_filter(text: str, known: dict[str, FieldColumn] | None) -> FieldFilter:
    """`--field NAME=VALUE`. NAME is a field or a member (`profile.locale` or
    `profile__locale`); with the catalog's columns (`known`), it must be one of them and
    VALUE is read as its type, else VALUE is compared as text."""
    from registry.catalog.model import Redaction

    name, equals, value = text.partition("=")
    name = name.strip()
    if not equals or not name:
        raise UsageError(f"--field: {text.partition('=')[0]!r}... is not NAME=VALUE")
    path = tuple(name.replace(SEPARATOR, ".").split("."))
    if known is None:
        column = FieldColumn(
            SEPARATOR.join(path), path, Kind.STRING, "VARCHAR", Redaction.NONE, frozenset(), None
        )
        return FieldFilter(column, value)
    found = known.get(SEPARATOR.join(path))
    if found is None:
        raise UsageError(f"--field: {name!r} is not a field of any event in the catalog")
    if found.redaction is not Redaction.NONE:
        raise UsageError(
            f"--field: {name!r} is written redacted ({found.redaction.value}); "
            "find a person's records with --subject"
        )
    return FieldFilter(found, typed_value(found, value))

"""The PostgreSQL audit table: its DDL, and the SQL the sink and the verifier run on it.

Standard library only (no psycopg): `registry generate sql --dialect postgres` renders
`schema_sql` without the driver. docs/postgres.md explains the design.

Every column but the chain's is derived *by the server* from ``line``, the exact chained
record text that was hashed (`COLUMNS_FROM_LINE`, written once: the insert uses it, and the
verifier compares every row's columns with it), so a writer cannot store columns that say
something the hashed line does not.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from .errors import AuditConfigurationError

_IDENTIFIER: Final = re.compile(r"[a-z_][a-z0-9_]{0,47}")

COLUMNS: Final = (
    "id", "stream", "seq", "event", "version", "occurred_at", "actor_type", "actor_id",
    "targets", "outcome", "reason", "context", "tenant", "fields", "line", "prev_hash", "hash",
)  # fmt: skip
"""The table's columns, in order."""

COLUMNS_FROM_LINE: Final = (
    ("id", "({j}->>'id')::uuid"),
    ("stream", "{j}->>'stream'"),
    ("seq", "({j}->>'seq')::bigint"),
    ("event", "{j}->>'event'"),
    ("version", "({j}->>'version')::integer"),
    ("occurred_at", "({j}->>'occurred_at')::timestamptz"),
    ("actor_type", "{j}->'actor'->>'type'"),
    ("actor_id", "{j}->'actor'->>'id'"),
    ("targets", "coalesce({j}->'targets', '[]'::jsonb)"),
    ("outcome", "{j}->>'outcome'"),
    ("reason", "{j}->>'reason'"),
    ("context", "{j}->'context'"),
    ("tenant", "{j}->>'tenant'"),
    ("fields", "coalesce({j}->'fields', '{{}}'::jsonb)"),
    ("prev_hash", "{j}->>'prev_hash'"),
    ("hash", "{j}->>'hash'"),
)
"""Each column's value as an expression of ``{j}``, the line as jsonb (``line`` is itself)."""


def table_name(table: str) -> str:
    """``table`` checked: ``name`` or ``schema.name``, lowercase letters, digits and ``_``."""
    parts = table.split(".")
    if len(parts) > 2 or not all(_IDENTIFIER.fullmatch(part) for part in parts):
        raise AuditConfigurationError(
            "table must be NAME or SCHEMA.NAME of lowercase letters, digits and '_' "
            "(at most 48 each)"
        )
    return table


def _base(table: str) -> str:
    return table.rsplit(".", 1)[-1]


def _derived_select(source: str) -> str:
    # the OFFSET 0 in each source keeps PostgreSQL from inlining ``j`` into every column
    # expression, which would parse the line once per column
    expressions = ",\n  ".join(
        expression.format(j="r.j") for _column, expression in COLUMNS_FROM_LINE
    )
    return f"SELECT {expressions},\n  r.line\nFROM {source}"


def insert_sql(table: str) -> str:
    """Insert of chained lines (``%b``: a text[] of lines, sent in binary: the text form of a
    large array costs the server more than the insert), columns derived from each line."""
    names = ", ".join(column for column, _expression in COLUMNS_FROM_LINE)
    source = "(SELECT l AS line, l::jsonb AS j FROM unnest(%b::text[]) AS l OFFSET 0) AS r"
    return f"INSERT INTO {table} ({names}, line)\n{_derived_select(source)}"


def guarded_insert_sql(table: str, *, many: bool = False) -> str:
    """Insert of one line (``%s``; with ``many``, a text[] of lines, ``%b``) only if the
    stream's last hash is ``%s`` (NULL: no record).

    Zero rows inserted means the caller's view of the stream is stale (a rolled-back
    transaction or savepoint): it re-reads the stream's end and seals again.
    """
    names = ", ".join(column for column, _expression in COLUMNS_FROM_LINE)
    lines = "unnest(%b::text[]) AS l" if many else "(VALUES (%s::text)) AS v(l)"
    source = (
        f"(SELECT l AS line, l::jsonb AS j FROM {lines} OFFSET 0) AS r\n"
        f"WHERE (SELECT t.hash FROM {table} AS t WHERE t.stream = %s"
        " ORDER BY t.seq DESC LIMIT 1) IS NOT DISTINCT FROM %s"
    )
    return f"INSERT INTO {table} ({names}, line)\n{_derived_select(source)}"


def stream_end_sql(table: str) -> str:
    """``(seq, hash)`` of a stream's last record (``%s``: the stream)."""
    return f"SELECT seq, hash FROM {table} WHERE stream = %s ORDER BY seq DESC LIMIT 1"


def present_ids_sql(table: str) -> str:
    """Which of the ids (``%s``: a uuid[]) are in the table."""
    return f"SELECT id::text FROM {table} WHERE id = ANY(%s::uuid[])"


def verify_sql(table: str, *, compare_columns: bool = True) -> str:
    """Every row in chain order: stream, seq, prev_hash, hash, line, and whether its columns
    match what the line says (false: a column was edited). Without ``compare_columns`` the
    line is not cast (a line that is not JSON makes the cast fail)."""
    if compare_columns:
        match = " AND ".join(
            f"t.{column} IS NOT DISTINCT FROM {expression.format(j='x.j')}"
            for column, expression in COLUMNS_FROM_LINE
        )
    else:
        match = "true"
    lateral = (
        "CROSS JOIN LATERAL (SELECT t.line::jsonb AS j OFFSET 0) AS x\n" if compare_columns else ""
    )
    return (
        "SELECT t.stream, t.seq, t.prev_hash, t.hash, t.line,\n"
        f"  coalesce(({match}), false) AS columns_match\n"
        f"FROM {table} AS t\n{lateral}"
        "ORDER BY t.stream, t.seq"
    )


Partition = Literal["monthly"] | None


def schema_sql(
    table: str = "audit_log",
    *,
    writer: str = "audit_writer",
    reader: str = "audit_reader",
    partition: Partition = None,
) -> str:
    """The DDL of the append-only audit table: table, indexes, the trigger refusing UPDATE,
    DELETE and TRUNCATE, a writer role that can only insert (and read the chain columns it
    continues from), a reader role that can only select. Idempotent (run it again safely).

    ``partition="monthly"``: the table is partitioned by month of ``occurred_at`` (a default
    partition catches what no month holds); ``<table>_add_partitions(ahead, back)`` creates
    the months (12 ahead when the DDL runs), each with the trigger and no grants of its own
    (the roles reach it through the table); `postgres_retention` drops old months."""
    table_name(table)
    for role in (writer, reader):
        table_name(role)
        if "." in role:
            raise AuditConfigurationError("a role name has no schema")
    if partition not in (None, "monthly"):
        raise AuditConfigurationError(f"partition must be None or 'monthly', not {partition!r}")
    base = _base(table)
    refuse = f"{table}_refuse_change"
    monthly = partition == "monthly"
    key = "stream, seq, occurred_at" if monthly else "stream, seq"
    unique_id = "id, occurred_at" if monthly else "id"
    by = " PARTITION BY RANGE (occurred_at)" if monthly else ""
    return (
        _table_sql(table, base, key, unique_id, by)
        + _refuse_sql(table, base, refuse)
        + (_partitions_sql(table, base, refuse) if monthly else "")
        + _checkpoints_sql(table, base, refuse)
        + _roles_sql(table, writer, reader)
    )


def checkpoint_table(table: str) -> str:
    """The table of ``table``'s signed checkpoints."""
    return f"{table}_checkpoints"


def _checkpoints_sql(table: str, base: str, refuse: str) -> str:
    checkpoints = checkpoint_table(table)
    return f"""
-- Signed checkpoints (registry_runtime.checkpoint's lines, as in a .checkpoints file), in
-- the order written; stream and last are derived from the line by the insert.
CREATE TABLE IF NOT EXISTS {checkpoints} (
  n      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream text   NOT NULL,
  last   bigint NOT NULL,
  line   text   NOT NULL
);
CREATE INDEX IF NOT EXISTS {base}_checkpoints_stream ON {checkpoints} (stream, n);
{_triggers_sql(checkpoints, base + "_checkpoints", refuse)}"""


def checkpoint_insert_sql(table: str) -> str:
    """Insert of one checkpoint line (``%s``), its stream and last seq read from it."""
    return (
        f"INSERT INTO {checkpoint_table(table)} (stream, last, line)\n"
        "SELECT l::jsonb->>'stream', (l::jsonb->>'last')::bigint, l FROM (VALUES (%s::text)) AS v(l)"
    )


def last_checkpoint_sql(table: str) -> str:
    """The line of a stream's (``%s``) last checkpoint."""
    return f"SELECT line FROM {checkpoint_table(table)} WHERE stream = %s ORDER BY n DESC LIMIT 1"


def checkpoints_sql(table: str) -> str:
    """Every checkpoint line, in the order written (the table may not exist: NULL rows)."""
    return f"SELECT line FROM {checkpoint_table(table)} ORDER BY n"


def _table_sql(table: str, base: str, key: str, unique_id: str, by: str) -> str:
    return f"""\
-- The append-only audit table written by registry_runtime.postgres.PostgresSink.
-- Every column but line is derived from line (the exact chained record text that was
-- hashed) by the sink's insert; `verify_table` checks both. See docs/postgres.md.

CREATE TABLE IF NOT EXISTS {table} (
  id          uuid        NOT NULL,
  stream      text        NOT NULL,
  seq         bigint      NOT NULL CHECK (seq >= 0),
  event       text        NOT NULL,
  version     integer     NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_type  text,
  actor_id    text,
  targets     jsonb       NOT NULL,
  outcome     text        NOT NULL,
  reason      text,
  context     jsonb,
  tenant      text,
  fields      jsonb       NOT NULL,
  line        text        NOT NULL,
  prev_hash   char(64)    NOT NULL,
  hash        char(64)    NOT NULL,
  PRIMARY KEY ({key})
){by};
CREATE UNIQUE INDEX IF NOT EXISTS {base}_id ON {table} ({unique_id});
CREATE INDEX IF NOT EXISTS {base}_actor ON {table} (actor_type, actor_id, occurred_at);
CREATE INDEX IF NOT EXISTS {base}_targets ON {table} USING gin (targets jsonb_path_ops);
CREATE INDEX IF NOT EXISTS {base}_event ON {table} (event, occurred_at);
CREATE INDEX IF NOT EXISTS {base}_occurred_at ON {table} (occurred_at);
"""


def _refuse_sql(table: str, base: str, refuse: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {refuse}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit table %.% is append-only: % refused', TG_TABLE_SCHEMA,
    TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
{_triggers_sql(table, base, refuse)}"""


def _triggers_sql(table: str, base: str, refuse: str) -> str:
    return f"""\
CREATE OR REPLACE TRIGGER {base}_no_update_delete BEFORE UPDATE OR DELETE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION {refuse}();
CREATE OR REPLACE TRIGGER {base}_no_truncate BEFORE TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION {refuse}();
"""


def _partitions_sql(table: str, base: str, refuse: str) -> str:
    each = _triggers_sql("%1$s", base, refuse).replace("'", "''")
    default = f"{table}_default"
    return f"""
-- Monthly partitions: <table>_YYYY_MM for [month, next month) in UTC, and a default one.
-- Each partition carries the trigger (statement triggers are not inherited) and no grants:
-- the writer and reader roles reach the rows through the table only.
CREATE TABLE IF NOT EXISTS {default} PARTITION OF {table} DEFAULT;
{_triggers_sql(default, base, refuse)}REVOKE ALL ON {default} FROM PUBLIC;

CREATE OR REPLACE FUNCTION {table}_add_partitions(months_ahead integer DEFAULT 12,
  months_back integer DEFAULT 0) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  month timestamp;
  low timestamptz;
  high timestamptz;
  part text;
  made integer := 0;
BEGIN
  FOR i IN -months_back..months_ahead LOOP
    month := date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i);
    low := month AT TIME ZONE 'UTC';
    high := (month + interval '1 month') AT TIME ZONE 'UTC';
    part := '{table}_' || to_char(month, 'YYYY_MM');
    CONTINUE WHEN to_regclass(part) IS NOT NULL;
    IF EXISTS (SELECT FROM {default} WHERE occurred_at >= low AND occurred_at < high) THEN
      RAISE WARNING 'partition % not created: {default} holds rows of that month', part;
      CONTINUE;
    END IF;
    EXECUTE format('CREATE TABLE %s PARTITION OF {table} FOR VALUES FROM (%L) TO (%L)',
      part, low, high);
    EXECUTE format('{each}', part);
    EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', part);
    made := made + 1;
  END LOOP;
  RETURN made;
END
$$;
REVOKE ALL ON FUNCTION {table}_add_partitions(integer, integer) FROM PUBLIC;
SELECT {table}_add_partitions(12);
"""


def _roles_sql(table: str, writer: str, reader: str) -> str:
    checkpoints = checkpoint_table(table)
    return f"""
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{writer}') THEN
    CREATE ROLE {writer} NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{reader}') THEN
    CREATE ROLE {reader} NOLOGIN;
  END IF;
END
$$;
REVOKE ALL ON {table}, {checkpoints} FROM PUBLIC;
GRANT INSERT ON {table} TO {writer};
GRANT SELECT (id, stream, seq, hash) ON {table} TO {writer};
GRANT INSERT (stream, last, line), SELECT ON {checkpoints} TO {writer};
GRANT SELECT ON {table}, {checkpoints} TO {reader};
"""

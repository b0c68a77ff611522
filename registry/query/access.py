"""`--record-access LOG`: `query` and `export` record their own use as `audit_log.accessed`.

The log is `--record-access LOG`, else the environment variable REGISTRY_RECORD_ACCESS, else
the configuration's `record_access:` (so an organisation can make recording the default).

The event is the baseline catalog's (`catalog/security.yaml`): who asked (the actor), what they
read (one `audit_log` target: the logs and the filters), how (`access_kind`: `search` for
`query`, `export` for `export`) and how many records. It is written through the runtime's
`Emitter` into its chained JSON Lines sink, so `registry verify-log` proves the access trail
like any other.

What it never holds: the `--subject` value (nor its hash: the record says a subject was
given), the value of a `--field` filter (its name only) or the text of `--sql` (it may quote
values). Nothing in the record is hashed, so without the trail's HMAC key a one-off key is
enough for the emitter.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import quote

from registry.findings.errors import UsageError
from registry.query.filters import Filters
from registry_runtime import Actor, Emitter, EventSpec, FieldSpec, JsonLinesSink, Target
from registry_runtime.errors import AuditError

ACCESS_KINDS: Final = ("search", "view", "export", "stream")
ACTOR_TYPES: Final = ("user", "admin", "service")
OPTION: Final = "--record-access"
ENV_VAR: Final = "REGISTRY_RECORD_ACCESS"


@dataclass(frozen=True, slots=True)
class AccessLog:
    path: str
    named: str
    """How the user named it, the start of every message about it: `--record-access LOG`,
    `REGISTRY_RECORD_ACCESS=LOG` or `registry.yaml: record_access LOG`."""


def access_log(
    given: str | None, *, from_env: bool, configured: str | None, config_file: str | None
) -> AccessLog | None:
    """The log to record in, if any: `given` (the option's value, or the environment
    variable's when `from_env`), else `configured` (the configuration's `record_access`, as
    a path to show, read from `config_file`)."""
    if given is not None:
        return AccessLog(given, f"{ENV_VAR}={given}" if from_env else f"{OPTION} {given}")
    if configured is not None:
        return AccessLog(configured, f"{config_file}: record_access {configured}")
    return None


@dataclass(frozen=True, slots=True)
class AccessRecording:
    """A use to record: where, and who asks (known before the query runs)."""

    log: AccessLog
    actor: Actor


def _check(fields: Mapping[str, Any]) -> list[tuple[str, str]]:
    problems = []
    if fields.get("access_kind") not in ACCESS_KINDS:
        problems.append(("access_kind", f"is not one of {list(ACCESS_KINDS)}"))
    count = fields.get("record_count")
    if count is not None and (type(count) is not int or count < 0):
        problems.append(("record_count", "is not an integer of at least 0"))
    return problems


SPEC: Final = EventSpec(
    name="audit_log.accessed",
    version=1,
    fields=(FieldSpec("access_kind", "none"), FieldSpec("record_count", "none")),
    actor_types=frozenset(ACTOR_TYPES),
    target_types=frozenset({"audit_log"}),
    outcomes=frozenset({"success", "failure"}),
    failure_reasons=frozenset({"not_permitted"}),
    validate=_check,
)
"""The baseline catalog's `audit_log.accessed` (tests/query/test_access.py checks the two
agree)."""


def asker(given: str | None, log: AccessLog) -> Actor:
    """`--as TYPE:ID` (or a bare id, a user), else the operating-system user."""
    if given is None:
        try:
            return Actor("user", getpass.getuser())
        except (KeyError, OSError):
            raise UsageError(
                f"{log.named}: cannot tell who is asking (no user name): give --as TYPE:ID"
            ) from None
    kind, colon, ident = given.partition(":")
    if not colon:
        kind, ident = "user", given
    if kind not in ACTOR_TYPES or not ident:
        raise UsageError(f"--as: give TYPE:ID with TYPE one of {', '.join(ACTOR_TYPES)}")
    return Actor(kind, ident)


def selection_text(
    filters: Filters, logs: Sequence[str], *, sql: bool = False, format_: str | None = None
) -> str:
    """What was read, as the target's id: the logs, then the filters as `name=value` pairs
    (percent-encoded, `&`-separated). A subject, a `--field` value and `--sql` text are
    never written: `subject`, `field=NAME` and `sql` say they were given."""
    pairs: list[tuple[str, str]] = [("event", e) for e in filters.events]
    for name, pair in (("actor", filters.actor), ("target", filters.target)):
        if pair is not None:
            pairs.append((name, f"{pair[0]}:{pair[1]}"))
    for name, moment in (("since", filters.since), ("until", filters.until)):
        if moment is not None:
            pairs.append((name, moment.isoformat().replace("+00:00", "Z")))
    if filters.outcome is not None:
        pairs.append(("outcome", filters.outcome))
    if filters.tenant is not None:
        pairs.append(("tenant", filters.tenant))
    pairs.extend(("field", ".".join(f.column.path)) for f in filters.fields)
    if filters.subject_hash:
        pairs.append(("subject", "given"))
    if sql:
        pairs.append(("sql", "given"))
    if format_ is not None:
        pairs.append(("format", format_))
    where = ",".join(quote(log, safe="/._-") for log in logs)
    query = "&".join(f"{name}={quote(value, safe=':*.-_')}" for name, value in pairs)
    return f"{where}?{query}" if query else where


def record_access(
    recording: AccessRecording,
    *,
    kind: str,
    count: int | None,
    what: str,
    hmac_key_env: str,
) -> None:
    """Append one `audit_log.accessed` record to the chained log of `recording` (`count`
    None: not known, as for a Parquet answer written by DuckDB; the field is left out)."""
    key = os.environ.get(hmac_key_env) or os.urandom(32)
    log = recording.log
    try:
        with Emitter(JsonLinesSink(log.path), hmac_key=key) as emitter:
            emitter._emit(
                SPEC,
                {"access_kind": kind, "record_count": count},
                actor=recording.actor,
                targets=[Target("audit_log", what)],
                outcome="success",
                reason=None,
                context=None,
                tenant=None,
            )
    except (AuditError, OSError) as error:
        detail = error.strerror if isinstance(error, OSError) else str(error)
        raise UsageError(f"{log.named}: cannot record the access: {detail}") from None

"""`registry export --format ocsf`: each record as an OCSF event of the class and activity its
catalog event declares in `xref` (`ocsf_class: Authentication (3002)`, `ocsf_activity: Logon
(1)`). An event without both, or with one that does not name a uid, is not mapped: it is
listed, never guessed.

What a record becomes (docs/export.md, "OCSF"): `class_uid`, `activity_id`, `type_uid` and
their names from the xref; `time` from `occurred_at`; `status_id` from the outcome and
`status_detail` from the reason; `metadata` (the record's id, event name, tenant, stream and
sequence; `product` is registry); `actor.user` from the actor; the class's required object
(`user`, `entity` or `group`) from the first target of a fitting type, the actor for `user`
otherwise (Group Management also gets `user`, the member, from a user target); everything else of the record under `unmapped`, and the exact line in `raw_data`.
Values are copied as the trail holds them: what the emitter hashed stays hashed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from registry.catalog.model import Catalog

OCSF_VERSION: Final = "1.9.0-dev"
"""The schema the mappings of the baseline catalog name (User Management, 3007, is new there;
corpora/ocsf_iam_activities.tsv); the other classes it uses are unchanged since 1.0."""
_UID: Final = re.compile(r"^\s*(.*?)\s*\((\d{1,9})\)\s*$")
SEVERITY: Final = (1, "Informational")
"""Audit records carry no severity; OCSF's `Informational` is what an application action is."""
STATUS: Final = {"success": (1, "Success"), "failure": (2, "Failure")}
USER_TYPES: Final = {"user": (1, "User"), "admin": (2, "Admin"), "system": (3, "System")}
ENTITY_CLASSES: Final = {3004: "entity", 3006: "group"}
"""Classes whose required object is a target other than a user (all other IAM classes of the
baseline require `user`)."""
GROUP_TYPES: Final = ("group", "team", "role")
USER_TARGETS: Final = ("user", "account", "admin", "member")
MAPPED_MEMBERS: Final = ("id", "event", "occurred_at", "actor", "outcome", "reason", "tenant")


@dataclass(frozen=True, slots=True)
class OcsfMapping:
    """One catalog event's OCSF class and activity."""

    class_name: str
    class_uid: int
    activity_name: str
    activity_id: int


@dataclass(frozen=True, slots=True)
class Unmapped:
    event: str
    why: str


def _named_uid(text: str) -> tuple[str, int] | None:
    match = _UID.match(text)
    return (match[1], int(match[2])) if match and match[1] else None


def mappings(catalog: Catalog) -> tuple[dict[str, OcsfMapping], dict[str, str]]:
    """Per event name: its mapping, or why it has none."""
    found: dict[str, OcsfMapping] = {}
    missing: dict[str, str] = {}
    for event in catalog.events:
        xref = dict(event.xref)
        klass, activity = xref.get("ocsf_class", ()), xref.get("ocsf_activity", ())
        if not klass or not activity:
            missing[event.name] = "no ocsf_class and ocsf_activity in its xref"
            continue
        named_class, named_activity = _named_uid(klass[0]), _named_uid(activity[0])
        if named_class is None or named_activity is None or len(klass) + len(activity) != 2:
            missing[event.name] = "its xref does not name one class and one activity as NAME (UID)"
            continue
        found[event.name] = OcsfMapping(*named_class, *named_activity)
    return found, missing


def _party(party: Mapping[str, Any]) -> dict[str, Any]:
    """An actor or target as an OCSF user."""
    kind = str(party.get("type", ""))
    type_id, name = USER_TYPES.get(kind, (99, kind))
    return {"uid": str(party.get("id", "")), "type_id": type_id, "type": name}


def _epoch_ms(text: str) -> int:
    return round(datetime.fromisoformat(text).timestamp() * 1000)


def to_ocsf(record: Mapping[str, Any], line: str, mapping: OcsfMapping) -> dict[str, Any]:
    """One record (its parsed JSON and exact line) as an OCSF event."""
    targets = [t for t in record.get("targets") or [] if isinstance(t, dict)]
    actor = record.get("actor") if isinstance(record.get("actor"), dict) else {}
    status_id, status = STATUS.get(str(record.get("outcome")), (0, "Unknown"))
    metadata: dict[str, Any] = {
        "version": OCSF_VERSION,
        "product": {"name": "registry", "vendor_name": "registry"},
        "uid": record.get("id"),
        "event_code": record.get("event"),
        "original_time": record.get("occurred_at"),
    }
    if record.get("tenant") is not None:
        metadata["tenant_uid"] = record["tenant"]
    if isinstance(record.get("seq"), int):
        metadata["sequence"] = record["seq"]
    event: dict[str, Any] = {
        "class_uid": mapping.class_uid,
        "class_name": mapping.class_name,
        "category_uid": mapping.class_uid // 1000,
        "activity_id": mapping.activity_id,
        "activity_name": mapping.activity_name,
        "type_uid": mapping.class_uid * 100 + mapping.activity_id,
        "type_name": f"{mapping.class_name}: {mapping.activity_name}",
        "time": _epoch_ms(str(record.get("occurred_at"))),
        "severity_id": SEVERITY[0],
        "severity": SEVERITY[1],
        "status_id": status_id,
        "status": status,
        "metadata": {k: v for k, v in metadata.items() if v is not None},
        "actor": {"user": _party(actor or {})},
    }
    if record.get("reason") is not None:
        event["status_detail"] = record["reason"]
    required = ENTITY_CLASSES.get(mapping.class_uid, "user")
    if required == "user":
        fitting = [t for t in targets if t.get("type") in USER_TARGETS]
        event["user"] = _party(fitting[0] if fitting else actor or {})
    else:
        fitting = (
            [t for t in targets if t.get("type") in GROUP_TYPES] if required == "group" else []
        )
        chosen = (fitting or targets or [{}])[0]
        event[required] = {"uid": str(chosen.get("id", "")), "type": str(chosen.get("type", ""))}
        users = [t for t in targets if t.get("type") in USER_TARGETS]
        if required == "group" and users:
            event["user"] = _party(users[0])  # the member added or removed
    unmapped = {k: v for k, v in record.items() if k not in MAPPED_MEMBERS}
    if unmapped:
        event["unmapped"] = unmapped
    event["raw_data"] = line
    return event


@dataclass(frozen=True, slots=True)
class Converted:
    """The OCSF events (JSON Lines) and what was left out: the events of the selection that
    have no mapping (or records that cannot be an OCSF event), why, and how many records."""

    lines: tuple[str, ...]
    unmapped: tuple[tuple[Unmapped, int], ...]


def convert(lines: Iterable[str], catalog: Catalog) -> Converted:
    """The records' exact `lines` as OCSF events, in their order; unmapped ones left out."""
    found, missing = mappings(catalog)
    out: list[str] = []
    skipped: dict[tuple[str, str], int] = {}
    for line in lines:
        record = json.loads(line)
        name = str(record.get("event"))
        mapping = found.get(name)
        why = missing.get(name, "not an event of the catalog") if mapping is None else ""
        if mapping is not None and not _is_time(record.get("occurred_at")):
            why = "occurred_at is not an RFC 3339 time"
        if why:
            skipped[name, why] = skipped.get((name, why), 0) + 1
            continue
        assert mapping is not None
        event = to_ocsf(record, line, mapping)
        out.append(json.dumps(event, ensure_ascii=False, separators=(",", ":")))
    unmapped = tuple((Unmapped(name, why), count) for (name, why), count in sorted(skipped.items()))
    return Converted(tuple(out), unmapped)


def _is_time(value: Any) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False

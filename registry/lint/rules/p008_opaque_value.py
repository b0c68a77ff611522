"""P008 privacy.opaque-value: a field named only for its place (value, payload, before ...)
declares no sensitivity, so nothing says what it may hold."""

from collections.abc import Iterator

from registry.catalog.identifiers import words
from registry.catalog.model import Catalog, Event, Field, Kind, TypeSpec
from registry.findings import Finding, finding_at
from registry.findings.codes import OPAQUE_VALUE
from registry.lint.rules._audit import changes_a_secret
from registry.lint.rules._common import event_fields
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs
from registry.privacy.names import METADATA_AFTER, METADATA_BEFORE, Concept, classify_credential

OPAQUE_NOUNS = frozenset(
    {
        *("value", "values", "val", "payload", "data", "body", "content", "contents", "blob"),
        *("raw", "state", "snapshot", "diff", "delta", "dump", "json", "input", "output"),
        *("result", "extra", "misc", "attributes", "attrs", "params", "parameters"),
        *("properties", "props", "args", "arguments"),
    }
)
"""Head nouns that name a slot, not what is in it."""
POSITION_WORDS = frozenset(
    {
        *("before", "after", "old", "new", "previous", "prev", "current", "original"),
        *("former", "updated", "from", "to"),
    }
)
"""Words that say which side of a change, not what changed (stripped before judging)."""
_FILLER = frozenset({"of", "the", "a", "an", "its", "their", "this", "that", "for"})
_ABOUT = METADATA_AFTER | METADATA_BEFORE | {"identifier", "characters", "digits"}
"""Words that make a phrase about a secret, not the secret (`fingerprint of the key`)."""
_CLEAR = frozenset({Kind.BOOLEAN, Kind.ENUM, Kind.TIMESTAMP, Kind.DATE, Kind.UUID})
"""Kinds whose values cannot carry free data."""

_ROLE = """      role_before:
        type: enum
        values: [member, admin]
        description: Role the member had before the change.
      role_after:
        type: enum
        values: [member, admin]
        description: Role the member has after the change.
"""
_EVENT = (
    CATALOG.split("  user.invited_member:")[0]
    + """  user.changed_setting:
    description: A workspace admin changed a workspace setting.
    category: admin_configuration
    actor: [admin]
    targets: [workspace]
    fields:
      setting:
        type: enum
        values: [retention_days, guest_access, sso_required]
        required: true
        description: Setting that changed.
"""
)
_BAD = (
    _EVENT
    + """      old_value:
        type: string
        max_length: 200
        description: Value of the setting before the change.
      new_value:
        type: string
        max_length: 200
        description: Value of the setting after the change.
"""
)
_GOOD = (
    _EVENT
    + """      old_value:
        type: string
        max_length: 200
        redact: none
        redact_reason: workspace settings are flags and day counts, never personal data
        description: Value of the setting before the change.
      new_value:
        type: string
        max_length: 200
        redact: none
        redact_reason: workspace settings are flags and day counts, never personal data
        description: Value of the setting after the change.
"""
)


def opaque_name(name: str) -> bool:
    """The name's head noun (position words such as old/new/before/after left out) names
    a slot (`old_value`, `payload`, `value_before`), or nothing is left (`before`)."""
    said = [w for w in words(name) if w not in POSITION_WORDS]
    return not said or said[-1] in OPAQUE_NOUNS


def names_secret(text: str) -> Concept | None:
    """The credential a description says the value is (`Value of the secret before the
    change`), not one it only describes (`Fingerprint of the API key`, `secret version`)."""
    said = words(text)
    for start in range(len(said)):
        for end in range(min(len(said), start + 3), start, -1):
            concept = classify_credential("_".join(said[start:end]), "string")
            if concept is None:
                continue
            following = said[end] if end < len(said) else None
            before = [w for w in said[max(0, start - 4) : start] if w not in _FILLER]
            if following in _ABOUT or (before and before[-1] in _ABOUT):
                break
            return concept
    return None


def _memberless(spec: TypeSpec) -> bool:
    while spec.kind is Kind.LIST and spec.items is not None:
        spec = spec.items
    return spec.kind is Kind.OBJECT and not spec.fields


def _judged(spec: TypeSpec) -> bool:
    """Values of this type can carry free data (an object with members has none of its own:
    its members are judged)."""
    while spec.kind is Kind.LIST and spec.items is not None:
        spec = spec.items
    if spec.kind is Kind.OBJECT:
        return not spec.fields
    return spec.kind not in _CLEAR


def _declared_clear(field: Field) -> bool:
    """`redact: none` with a `redact_reason`: the author says it holds nothing sensitive."""
    return (
        field.type.redact is not None
        and field.type.redact.value == "none"
        and bool(field.redact_reason)
    )


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    for event, field in event_fields(catalog):
        if not _judged(field.type) or "credential" in field.sensitivity:
            continue
        memberless = _memberless(field.type)
        if not memberless and not opaque_name(field.name):
            continue
        secret = names_secret(field.description) if field.description else None
        said = "its description names"
        if secret is None and not memberless:
            secret, said = changes_a_secret(event), "its event changes"
        if secret is not None:
            yield _finding(
                event,
                field,
                f"field {field.name!r} would hold a credential: {said} a {secret.label}; "
                "credentials never belong in an audit trail",
                "record what identifies the secret instead: its version, a fingerprint or "
                "the last 4 characters (`secret_version_before`, `key_fingerprint_after`)",
            )
        elif not field.sensitivity and not _declared_clear(field):
            what = "an object without declared members" if memberless else "named for its place"
            yield _finding(
                event,
                field,
                f"field {field.name!r} is {what} and declares no sensitivity: nothing says "
                "what it may hold",
                "name what it holds (`role_before`), tag it (`sensitivity: [pii]` or the tag "
                "that fits), or state that it holds nothing sensitive with `redact: none` and "
                "a `redact_reason`",
            )


def _finding(event: Event, field: Field, message: str, hint: str) -> Finding:
    return finding_at(
        field.origin,
        OPAQUE_VALUE,
        message,
        event=event.name,
        field_name=field.name,
        at_key=True,
        hint=hint,
    )


RULE = Rule(
    OPAQUE_VALUE,
    docs=RuleDocs(
        what="Reports fields named only for their place in a change or a message "
        "(`value`, `old_value`, `new_value`, `before`, `after`, `payload`, `data`, `body`, "
        "`content`, `blob`, `raw`, `state`, `snapshot`, `diff` ...: the name's last word once "
        "old/new/before/after are left out) and objects (or lists of objects) without "
        "declared members, when they declare no sensitivity. Say what the field holds: a "
        "sensitivity tag, or `redact: none` with a `redact_reason` stating that it holds "
        "nothing sensitive. When the description names a secret (`Value of the secret "
        "before the change`), or the event changes one (`user.changed_password`), the "
        "field would hold a credential, whatever its tags. "
        "Booleans, enums, timestamps, dates and UUIDs are not reported.",
        why="The same `old_value` holds a retention period in one event and an API secret "
        "or an email address in the next; the other privacy rules judge a field by its name "
        "and stay silent. Until the author says what it holds, nothing is redacted and "
        "nothing is reviewed, and a secret's before/after values are a secret leaked twice.",
        bad=_BAD,
        good=_GOOD,
    ),
    check=check,
)

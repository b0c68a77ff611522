"""What `registry explain` says about the E codes of `registry check-events`: each code's what and
why, beside its summary in `registry.checkevents.codes.CODES` (docs/check-events.md has the
whole story). A stream code has no catalog example: its example is a record, in the docs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from registry.checkevents import codes as c

WHY_PRIVACY: Final = (
    "Audit logs are kept for years, copied to SIEMs and read by many people; personal data in "
    "a field nobody tagged is neither hashed, masked nor dropped, and escapes every retention "
    "and access rule the tags drive. Tag the field in the catalog or stop sending the value."
)


@dataclass(frozen=True, slots=True)
class StreamDocs:
    what: str
    """What the check reports."""
    why: str
    """Why it matters to whoever reads the trail."""


STREAM_DOCS: Final[dict[str, StreamDocs]] = {
    c.NOT_JSON: StreamDocs(
        what=(
            "Reports a line that is not one JSON object, or is longer than 16 MiB (the "
            "longest line the runtime writes); the line is skipped."
        ),
        why="A consumer cannot read the record at all, and a forged line hides among real ones.",
    ),
    c.TORN: StreamDocs(
        what="Reports the last line of the stream when it has no line break and does not parse.",
        why=(
            "A writer that crashed mid-write leaves it; the next writer ends it. A warning,"
            " not an error: the records before it are intact."
        ),
    ),
    c.MALFORMED_ENVELOPE: StreamDocs(
        what=(
            "Reports an envelope member that is missing, of the wrong type or badly "
            "formatted: an id that is not a UUID, occurred_at not RFC 3339 in UTC, an actor"
            " without id, a reason without a failure, an unknown top-level key."
        ),
        why=(
            "Every query, retention job and SIEM rule reads the envelope; a record without "
            "it cannot be attributed, ordered or found."
        ),
    ),
    c.UNKNOWN_EVENT: StreamDocs(
        what="Reports a record whose event name the catalog does not declare.",
        why=(
            "An event sent without a catalog entry has no owner, no reviewed fields and no "
            "redaction: declare it, or stop sending it."
        ),
    ),
    c.UNKNOWN_VERSION: StreamDocs(
        what="Reports a record of a declared event at a version the catalog does not declare.",
        why=(
            "Consumers select records by event and version; a version nobody declared is "
            "read with the wrong expectations."
        ),
    ),
    c.MISSING_FIELD: StreamDocs(
        what=(
            "Reports a required field, or a required member of an object, that the record lacks."
        ),
        why="Queries and reports that rely on the field find nothing for these records.",
    ),
    c.UNEXPECTED_FIELD: StreamDocs(
        what="Reports a field, or an object member, that the catalog does not declare.",
        why="Undeclared data was never reviewed for privacy and is not redacted; declare it.",
    ),
    c.WRONG_TYPE: StreamDocs(
        what=(
            "Reports a value of the wrong JSON type for its declared kind (a null counts: "
            "the emitters leave unset fields out)."
        ),
        why="Typed consumers (warehouses, SIEM parsers) reject or mis-read the record.",
    ),
    c.NOT_ALLOWED: StreamDocs(
        what=(
            "Reports an enum value, outcome, failure reason, actor or target type the event"
            " does not declare."
        ),
        why=(
            "Dashboards and alerts enumerate the declared values; an unknown one is never counted."
        ),
    ),
    c.PATTERN: StreamDocs(
        what="Reports a string that does not match its declared pattern.",
        why="Identifiers that do not match cannot be joined with the systems that issue them.",
    ),
    c.CONSTRAINT: StreamDocs(
        what="Reports a length, range, e-mail, date, timestamp or UUID format that is violated.",
        why="The catalog promises these bounds to every consumer; the record breaks the promise.",
    ),
    c.RECORDED_INVALID: StreamDocs(
        what=(
            "Reports a record that carries validation_errors: an emitter with "
            "on_invalid='record' wrote an invalid event."
        ),
        why="The event happened and is kept, but the code that sent it has a bug to fix.",
    ),
    c.DUPLICATE_KEY: StreamDocs(
        what="Reports an object of the record, at any depth, that holds the same key twice.",
        why="Readers disagree on which value counts: a raw value can hide behind a redacted one.",
    ),
    c.EMAIL: StreamDocs(
        what="Reports an e-mail address in a field not tagged for personal data.",
        why=WHY_PRIVACY,
    ),
    c.IP_ADDRESS: StreamDocs(
        what=(
            "Reports an IPv4 or IPv6 address in a field not tagged for personal data (a "
            "warning: version numbers have the same shape)."
        ),
        why=WHY_PRIVACY,
    ),
    c.CARD_NUMBER: StreamDocs(
        what=(
            "Reports a Luhn-valid payment card number with a known issuer prefix in a field"
            " not tagged for personal data."
        ),
        why="PCI DSS forbids storing a full card number in clear, audit logs included. "
        + WHY_PRIVACY,
    ),
    c.IBAN: StreamDocs(
        what="Reports an IBAN with a valid checksum in an untagged field.",
        why=WHY_PRIVACY,
    ),
    c.PHONE_NUMBER: StreamDocs(
        what=(
            "Reports a phone number in a field not tagged for personal data (a warning: "
            "codes and ranges have the same shape)."
        ),
        why=WHY_PRIVACY,
    ),
    c.SECRET: StreamDocs(
        what=(
            "Reports a token, key or credential in any value: issuer-prefixed tokens of about"
            " thirty services (JSON Web Tokens, AWS, GitHub, Slack, Stripe, Google ...), keys"
            " without a prefix (AWS secret keys, Azure account keys, by shape and entropy),"
            " private key blocks, bearer and basic credentials, credentials in URLs and"
            " `password=` assignments."
        ),
        why="Anyone who reads the log can use the secret; rotate it, and record its id instead.",
    ),
    c.CREDENTIAL_WRITTEN: StreamDocs(
        what="Reports a credential-tagged field present in the record.",
        why="The emitters never write one: the record was written by other code, which leaks it.",
    ),
    c.DROPPED_WRITTEN: StreamDocs(
        what="Reports a field whose redaction is drop present in the record.",
        why="The catalog decided the value must never be stored; the emitters leave it out.",
    ),
    c.NOT_REDACTED: StreamDocs(
        what=(
            "Reports a field declared hash, mask or truncate whose value is not redacted "
            "that way (hash: hmac:<key id>:<64 hex digits>, the key id 8 hex digits, or "
            "hmac:<64 hex digits> as written before key ids; mask: stars and at most the "
            "last 4)."
        ),
        why="The value was written in clear where the catalog promised a redaction.",
    ),
    c.NATIONAL_ID: StreamDocs(
        what=(
            "Reports a national identifier with a valid check digit (social security, tax "
            "and identity numbers python-stdnum knows) in a field not tagged for personal "
            "data."
        ),
        why=WHY_PRIVACY,
    ),
}

"""The finding codes of `registry check-events` (family E, event streams). Stable, never reused.

Lint rules use the families Y S R N P A D B L C; E is for findings about emitted records, so a
code says at a glance whether the catalog or the stream is at fault. `CODES` describes each
one with the `Code` type the other families use (registry.findings.codes); the checks report
the ids below.
"""

from __future__ import annotations

from typing import Final

from registry.findings import Severity
from registry.findings.codes import Code
from registry.privacy import leaks

_E, _W = Severity.ERROR, Severity.WARNING

NOT_JSON: Final = "E001"
TORN: Final = "E002"
MALFORMED_ENVELOPE: Final = "E003"
UNKNOWN_EVENT: Final = "E004"
UNKNOWN_VERSION: Final = "E005"
MISSING_FIELD: Final = "E006"
UNEXPECTED_FIELD: Final = "E007"
WRONG_TYPE: Final = "E008"
NOT_ALLOWED: Final = "E009"
PATTERN: Final = "E010"
CONSTRAINT: Final = "E011"
RECORDED_INVALID: Final = "E012"
DUPLICATE_KEY: Final = "E013"
EMAIL: Final = "E020"
IP_ADDRESS: Final = "E021"
CARD_NUMBER: Final = "E022"
IBAN: Final = "E023"
PHONE_NUMBER: Final = "E024"
SECRET: Final = "E025"
CREDENTIAL_WRITTEN: Final = "E026"
DROPPED_WRITTEN: Final = "E027"
NOT_REDACTED: Final = "E028"
NATIONAL_ID: Final = "E029"

CODES: Final[tuple[Code, ...]] = (
    Code(NOT_JSON, "not-json", _E, "A line is not a JSON object (or is longer than the limit)."),
    Code(TORN, "torn-record", _W, "The last line of the stream is incomplete (no line break, not JSON), as a writer that crashed mid-write leaves."),
    Code(MALFORMED_ENVELOPE, "malformed-envelope", _E, "An envelope member is missing, of the wrong type or badly formatted (id not a UUID, occurred_at not RFC 3339 UTC, actor without id, unknown top-level key ...)."),
    Code(UNKNOWN_EVENT, "unknown-event", _E, "The record's event name is not declared in the catalog."),
    Code(UNKNOWN_VERSION, "unknown-version", _E, "The event is declared, but not at the record's version."),
    Code(MISSING_FIELD, "missing-required-field", _E, "A required field (or object member) is missing."),
    Code(UNEXPECTED_FIELD, "unexpected-field", _E, "A field (or object member) the catalog does not declare."),
    Code(WRONG_TYPE, "wrong-type", _E, "A value has the wrong JSON type for its declared kind."),
    Code(NOT_ALLOWED, "value-not-allowed", _E, "An enum value, outcome, failure reason, actor or target type the event does not declare."),
    Code(PATTERN, "pattern-mismatch", _E, "A string does not match its declared pattern."),
    Code(CONSTRAINT, "constraint-violated", _E, "A length, range, e-mail, date, timestamp or UUID format constraint is violated."),
    Code(RECORDED_INVALID, "recorded-invalid", _E, "The emitter recorded an invalid event (the record carries validation_errors)."),
    Code(DUPLICATE_KEY, "duplicate-key", _E, "An object of the record holds the same key twice: readers disagree on which value counts."),
    Code(EMAIL, "email-in-untagged-field", _E, "An e-mail address in a field not tagged for personal data."),
    Code(IP_ADDRESS, "ip-in-untagged-field", _W, "An IPv4 or IPv6 address in a field not tagged for personal data."),
    Code(CARD_NUMBER, "card-number-in-untagged-field", _E, "A Luhn-valid payment card number in a field not tagged for personal data."),
    Code(IBAN, "iban-in-untagged-field", _E, "An IBAN with a valid checksum in a field not tagged for personal data."),
    Code(PHONE_NUMBER, "phone-in-untagged-field", _W, "A phone number in a field not tagged for personal data."),
    Code(SECRET, "secret-in-field", _E, "A token, key or credential (issuer-prefixed tokens of about thirty services, JWT, AWS secret and Azure account keys without a prefix, private key block, bearer or basic credentials, credentials in a URL, password= assignments)."),
    Code(CREDENTIAL_WRITTEN, "credential-written", _E, "A credential-tagged field appears in the record; the emitters never write one."),
    Code(DROPPED_WRITTEN, "dropped-field-written", _E, "A field whose redaction is drop appears in the record."),
    Code(NOT_REDACTED, "not-redacted", _E, "A field declared hash or mask redaction holds a value that is not redacted that way."),
    Code(NATIONAL_ID, "national-id-in-untagged-field", _E, "A national identifier with a valid check digit (python-stdnum's personal identifiers) in a field not tagged for personal data."),
)  # fmt: skip

BY_CODE: Final = {code.id: code for code in CODES}

LEAK_CODES: Final = {
    leaks.EMAIL: EMAIL,
    leaks.IP_ADDRESS: IP_ADDRESS,
    leaks.CARD_NUMBER: CARD_NUMBER,
    leaks.IBAN: IBAN,
    leaks.PHONE_NUMBER: PHONE_NUMBER,
    leaks.NATIONAL_ID: NATIONAL_ID,
    leaks.SECRET: SECRET,
}


def severity(code: str) -> Severity:
    return BY_CODE[code].severity

"""The finding codes of `registry check-events` (family E, event streams). Stable, never reused.

Lint rules use the families Y S R N P A D B L C; E is for findings about emitted records, so a
code says at a glance whether the catalog or the stream is at fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from registry.findings import Severity
from registry.privacy import leaks


@dataclass(frozen=True, slots=True)
class StreamCode:
    code: str
    name: str
    severity: Severity
    summary: str


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
EMAIL: Final = "E020"
IP_ADDRESS: Final = "E021"
CARD_NUMBER: Final = "E022"
IBAN: Final = "E023"
PHONE_NUMBER: Final = "E024"
SECRET: Final = "E025"
CREDENTIAL_WRITTEN: Final = "E026"
DROPPED_WRITTEN: Final = "E027"
NOT_REDACTED: Final = "E028"

CODES: Final[tuple[StreamCode, ...]] = (
    StreamCode(NOT_JSON, "not-json", _E, "A line is not a JSON object (or is longer than the limit)."),
    StreamCode(TORN, "torn-record", _W, "An incomplete line in a chained log, as a writer that crashed mid-write leaves."),
    StreamCode(MALFORMED_ENVELOPE, "malformed-envelope", _E, "An envelope member is missing, of the wrong type or badly formatted (id not a UUID, occurred_at not RFC 3339 UTC, actor without id, unknown top-level key ...)."),
    StreamCode(UNKNOWN_EVENT, "unknown-event", _E, "The record's event name is not declared in the catalog."),
    StreamCode(UNKNOWN_VERSION, "unknown-version", _E, "The event is declared, but not at the record's version."),
    StreamCode(MISSING_FIELD, "missing-required-field", _E, "A required field (or object member) is missing."),
    StreamCode(UNEXPECTED_FIELD, "unexpected-field", _E, "A field (or object member) the catalog does not declare."),
    StreamCode(WRONG_TYPE, "wrong-type", _E, "A value has the wrong JSON type for its declared kind."),
    StreamCode(NOT_ALLOWED, "value-not-allowed", _E, "An enum value, outcome, failure reason, actor or target type the event does not declare."),
    StreamCode(PATTERN, "pattern-mismatch", _E, "A string does not match its declared pattern."),
    StreamCode(CONSTRAINT, "constraint-violated", _E, "A length, range, e-mail, date, timestamp or UUID format constraint is violated."),
    StreamCode(RECORDED_INVALID, "recorded-invalid", _E, "The emitter recorded an invalid event (the record carries validation_errors)."),
    StreamCode(EMAIL, "email-in-untagged-field", _E, "An e-mail address in a field not tagged for personal data."),
    StreamCode(IP_ADDRESS, "ip-in-untagged-field", _W, "An IPv4 or IPv6 address in a field not tagged for personal data."),
    StreamCode(CARD_NUMBER, "card-number-in-untagged-field", _E, "A Luhn-valid payment card number in a field not tagged for personal data."),
    StreamCode(IBAN, "iban-in-untagged-field", _E, "An IBAN with a valid checksum in a field not tagged for personal data."),
    StreamCode(PHONE_NUMBER, "phone-in-untagged-field", _W, "A phone number in a field not tagged for personal data."),
    StreamCode(SECRET, "secret-in-field", _E, "A token, key or credential (JWT, AWS key id, GitHub, Slack, Stripe or Google key, private key block, bearer or basic credentials, password in a URL)."),
    StreamCode(CREDENTIAL_WRITTEN, "credential-written", _E, "A credential-tagged field appears in the record; the emitters never write one."),
    StreamCode(DROPPED_WRITTEN, "dropped-field-written", _E, "A field whose redaction is drop appears in the record."),
    StreamCode(NOT_REDACTED, "not-redacted", _E, "A field declared hash or mask redaction holds a value that is not redacted that way."),
)  # fmt: skip

BY_CODE: Final = {code.code: code for code in CODES}

LEAK_CODES: Final = {
    leaks.EMAIL: EMAIL,
    leaks.IP_ADDRESS: IP_ADDRESS,
    leaks.CARD_NUMBER: CARD_NUMBER,
    leaks.IBAN: IBAN,
    leaks.PHONE_NUMBER: PHONE_NUMBER,
    leaks.SECRET: SECRET,
}


def severity(code: str) -> Severity:
    return BY_CODE[code].severity

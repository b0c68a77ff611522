"""Classify field names: personal data (which tag it needs) and credentials.

Names are split into words (snake_case, camelCase, kebab-case all work) and searched for
a *concept* (`email`, `date_of_birth`, `access_token` ...). A concept only counts when
the field holds it, not data about it: words after the concept that describe metadata
(`email_template_id`, `phone_count`, `token_expires_at`, `api_key_id`) and value types
that cannot carry it (`email_verified: boolean`, `password_changed_at: timestamp`) turn it
off. Some words next to a concept change what it is about (`bot_display_name`,
`server_address`, `next_page_token`, `zip_archive_path` are not personal data or
credentials), and for some concepts a metadata word still names the thing itself
(`password_hash`, `diagnosis_code`, `disability_status`). The tables are data so that teams
can extend them from configuration.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from registry.catalog.identifiers import words as split_words

TEXTUAL = frozenset({"string", "enum", "list", "object", "uuid"})
NUMERIC = frozenset({"integer", "number"})
TEMPORAL = frozenset({"timestamp", "date"})


@dataclass(frozen=True, slots=True)
class Concept:
    words: tuple[str, ...]
    """Consecutive words that name the concept (one or more)."""
    tag: str
    """Sensitivity tag it needs: pii, quasi_identifier, special_category, financial, credential."""
    label: str
    """What it is, for messages."""
    kinds: frozenset[str] = TEXTUAL
    """Value kinds that can hold it."""
    before: frozenset[str] = frozenset()
    """When set, the concept counts only right after one of these words (approver_name)."""
    not_after: frozenset[str] = frozenset()
    """The concept does not count right after one of these words (bot_display_name,
    server_address, page_token)."""
    not_before: frozenset[str] = frozenset()
    """The concept does not count right before one of these words (zip_archive_path)."""
    keeps: frozenset[str] = frozenset()
    """Metadata words that, next to this concept, still name the thing itself
    (password_hash, diagnosis_code, disability_status)."""


def _c(
    text: str,
    tag: str,
    label: str,
    kinds: frozenset[str] = TEXTUAL,
    before: Iterable[str] = (),
    *,
    not_after: Iterable[str] = (),
    not_before: Iterable[str] = (),
    keeps: Iterable[str] = (),
) -> list[Concept]:
    return [
        Concept(
            tuple(alt.split()),
            tag,
            label,
            kinds,
            frozenset(before),
            frozenset(not_after),
            frozenset(not_before),
            frozenset(keeps),
        )
        for alt in text.split("|")
    ]


PERSON_NOUNS = (
    "user",
    "member",
    "customer",
    "client",
    "person",
    "people",
    "contact",
    "employee",
    "owner",
    "approver",
    "invitee",
    "inviter",
    "recipient",
    "sender",
    "author",
    "assignee",
    "requester",
    "reviewer",
    "patient",
    "guest",
    "attendee",
    "actor",
    "admin",
    "administrator",
    "holder",
    "cardholder",
    "signer",
    "applicant",
    "candidate",
    "manager",
    "subscriber",
    "buyer",
    "seller",
    "payer",
    "payee",
    "beneficiary",
    "spouse",
    "parent",
    "child",
    "student",
    "teacher",
    "doctor",
    "driver",
    "passenger",
    "visitor",
    "caller",
    "creator",
    "editor",
    "uploader",
    "participant",
    "speaker",
    "observer",
    "agent",
)

# Owners of a name, an address or a location that are not people: `bot_display_name`,
# `server_address`.
NOT_PEOPLE = (
    "bot",
    "app",
    "application",
    "team",
    "channel",
    "workspace",
    "org",
    "organization",
    "organisation",
    "project",
    "service",
    "integration",
    "device",
    "group",
    "product",
    "company",
    "repo",
    "repository",
    "server",
    "tenant",
    "plan",
    "role",
    "queue",
    "room",
    "space",
    "folder",
    "file",
    "bucket",
    "domain",
    "brand",
    "business",
    "merchant",
    "vendor",
    "store",
    "shop",
    "site",
    "webhook",
)
NETWORK_NOUNS = (
    "server",
    "listen",
    "bind",
    "host",
    "proxy",
    "smtp",
    "relay",
    "gateway",
    "endpoint",
    "network",
    "memory",
    "node",
    "cluster",
    "broker",
    "upstream",
    "webhook",
    "callback",
    "service",
    "contract",
)
# After `zip`: an archive, not a postal code (`zip_archive_path`, `zip_file_name`).
ARCHIVE_WORDS = (
    "archive",
    "archives",
    "file",
    "files",
    "bundle",
    "export",
    "path",
    "url",
    "download",
    "compression",
    "compressed",
    "size",
    "bytes",
)
# Before `token`: a pagination or sync cursor, not a credential (`next_page_token`).
CURSOR_WORDS = (
    "page",
    "pagination",
    "continuation",
    "cursor",
    "next",
    "sync",
    "cancellation",
    "idempotency",
)
# A health value is often written as a code or a status (`diagnosis_code`,
# `vaccination_status`); for these concepts the words name the data, not metadata.
HEALTH_KEEPS = ("status", "state", "code", "codes")
# A hash of a password (low entropy) can be cracked offline: still a credential.
PASSWORD_KEEPS = ("hash", "hashed", "digest", "encrypted", "crypted", "salted", "bcrypt")
CREDENTIAL_KINDS = TEXTUAL - {"enum"}
"""An enum's values are listed in the catalog: it cannot hold a secret."""

PERSONAL: tuple[Concept, ...] = tuple(
    c
    for group in (
        _c("email|e mail|mail|email address|mail address|emailaddress", "pii", "an e-mail address"),
        _c(
            "phone|phone number|phonenumber|mobile|mobile number|telephone|cellphone|cell phone"
            "|msisdn|fax|tel|sms number|sms phone|sms phone number",
            "pii",
            "a phone number",
            TEXTUAL | NUMERIC,
        ),
        _c(
            "first name|last name|full name|given name|family name|middle name|display name"
            "|maiden name|legal name|real name|surname|firstname|lastname|fullname|fname|lname"
            "|username|user name|login name|screen name|nickname|birth name|preferred name"
            "|chosen name",
            "pii",
            "the name of a person",
            not_after=NOT_PEOPLE,
        ),
        _c("name", "pii", "the name of a person", before=PERSON_NOUNS),
        _c(
            "street|street address|home address|mailing address|postal address|billing address"
            "|shipping address|residential address|address line|address line1|address line2"
            "|address|addr|house number",
            "pii",
            "a postal address",
            not_after=NETWORK_NOUNS,
        ),
        _c("zip", "quasi_identifier", "a postal code", TEXTUAL | NUMERIC, not_before=ARCHIVE_WORDS),
        _c(
            "zip code|zipcode|postal code|postcode|post code",
            "quasi_identifier",
            "a postal code",
            TEXTUAL | NUMERIC,
        ),
        _c(
            "dob|date of birth|birth date|birthdate|birthday|birth day",
            "pii",
            "a date of birth",
            TEXTUAL | TEMPORAL,
        ),
        _c(
            "birth year|year of birth|birthyear",
            "quasi_identifier",
            "a year of birth",
            TEXTUAL | NUMERIC,
        ),
        # A uuid cannot hold a passport number; a `passport_id` of another type usually is
        # the number, so `id` is kept.
        _c(
            "ssn|social security|social security number|sin|social insurance number"
            "|national id|national identifier|national insurance|national insurance number"
            "|nino|tax id|taxid|tin|itin|taxpayer id|tax number|tax file number|tfn|aadhaar"
            "|tax identification number|taxpayer identification number|tax identifier"
            "|pesel|personnummer|passport|passport number|passport no|drivers license"
            "|driver license|driving licence|driving license|drivers licence|driver licence"
            "|license number|licence number|id card|id number|identity card|identity number"
            "|vin|license plate|licence plate|number plate",
            "pii",
            "a government identifier",
            (TEXTUAL - {"uuid"}) | NUMERIC,
            keeps=("id", "ids"),
        ),
        _c(
            "ip|ip address|ipaddress|ip addr|client ip|remote ip|remote addr|remote address"
            "|source ip|src ip|x forwarded for|forwarded for|x real ip|real ip|ipv4|ipv6"
            "|ipv4 address|ipv6 address|origin ip",
            "quasi_identifier",
            "an IP address",
        ),
        _c("user agent|useragent|ua|browser user agent", "quasi_identifier", "a user agent"),
        _c(
            "device id|deviceid|udid|idfa|idfv|advertising id|gaid|android id|imei|imsi"
            "|iccid|mac address|mac addr|macaddress|hardware address|device fingerprint"
            "|device serial|push token|device token|hardware id|hardware identifier|hwid"
            "|device uuid|device guid|device identifier",
            "quasi_identifier",
            "a device identifier",
        ),
        _c(
            "serial number",
            "quasi_identifier",
            "a device identifier",
            not_after=("certificate", "cert", "x509", "tls", "ssl", "key", "license", "licence"),
        ),
        _c(
            "latitude|longitude|lat|lon|lng|geo|geolocation|geo location|coordinates|gps"
            "|geohash|home location|current location|precise location|last known location"
            "|gps location|device location|city|home city|login location|signin location"
            "|sign in location|logon location",
            "quasi_identifier",
            "a geolocation",
            TEXTUAL | NUMERIC,
        ),
        _c(
            "location|address|city|country",
            "quasi_identifier",
            "the location of a person",
            before=PERSON_NOUNS,
        ),
        _c(
            "card number|cardnumber|card num|card no|credit card|credit card number"
            "|debit card|debit card number|cc number|cc num|pan|card pan|primary account number"
            "|iban|bank account|bank account number|account number|acct number|routing number"
            "|aba number|sort code|swift|swift code|bic|bic code|wallet address"
            "|crypto wallet|btc address|bank details",
            "financial",
            "a card or bank number",
            TEXTUAL | NUMERIC,
        ),
        _c(
            "diagnosis|diagnoses|prescription|medication|medications|allergy|allergies"
            "|blood type|icd10|icd9|icd|icd code|mrn|medical record|medical record number"
            "|health insurance|health insurance number|nhs number|nhs|medicare|medicaid"
            "|disability|disabilities|illness|pregnancy|mental health|vaccination|vaccine"
            "|immunization|immunisation|treatment plan|medical treatment|therapy"
            "|medical condition|health condition|symptom|symptoms|lab result|lab test"
            "|blood test|medical test",
            "special_category",
            "health data",
            keeps=HEALTH_KEEPS,
        ),
        # `health` and `medical` alone also name service health (`health_status`).
        _c(
            "medical|health|patient"
            "|ethnicity|ethnic origin|religion|religious belief|political opinion"
            "|political affiliation|sexual orientation|union membership|trade union"
            "|biometric|biometrics|fingerprint template|face template|faceprint|voiceprint"
            "|retina scan|genetic data",
            "special_category",
            "health or other special-category data",
        ),
        _c(
            "gender|sex|age|nationality|marital status",
            "quasi_identifier",
            "a demographic attribute",
            TEXTUAL | NUMERIC,
        ),
    )
    for c in group
)

CREDENTIALS: tuple[Concept, ...] = tuple(
    c
    for group in (
        _c(
            "password|passwd|pwd|pw|passphrase|passcode|pass phrase|contrasena|user password"
            "|new password|old password|current password|temp password|temporary password",
            "credential",
            "password",
            CREDENTIAL_KINDS,
            keeps=PASSWORD_KEEPS,
        ),
        _c(
            "secret|client secret|secret key|webhook secret|signing secret|shared secret"
            "|consumer secret|app secret|otp secret|mfa secret|totp secret|api secret"
            "|secret access key|aws secret access key",
            "credential",
            "secret",
            CREDENTIAL_KINDS,
        ),
        _c(
            "api key|apikey|x api key|access key|private key|privatekey|secret key|signing key"
            "|encryption key|master key|ssh key|ssh private key|gpg key|pgp key|auth key"
            "|service key|account key|client key|db key|database key|license key|key material"
            "|priv key|privkey|recovery key",
            "credential",
            "key",
            CREDENTIAL_KINDS,
        ),
        _c("token", "credential", "token", CREDENTIAL_KINDS, not_after=CURSOR_WORDS),
        _c(
            "access token|refresh token|id token|bearer token|bearer|auth token"
            "|session token|api token|oauth token|csrf token|xsrf token|csrf|xsrf|reset token"
            "|password reset token|verification token|invite token|invitation token"
            "|magic link token|jwt|personal access token|pat|github token|slack token"
            "|stripe token|security token|aws session token|x amz security token",
            "credential",
            "token",
            CREDENTIAL_KINDS,
        ),
        _c(
            "authorization|authorization header|auth header|proxy authorization|credentials"
            "|credential|basic auth|auth string",
            "credential",
            "authorization credential",
            CREDENTIAL_KINDS,
        ),
        _c(
            "cookie|cookies|set cookie|session cookie|session id|sessionid|sid|phpsessid"
            "|connect sid|session key|jsessionid|aspsessionid",
            "credential",
            "session credential",
            CREDENTIAL_KINDS,
        ),
        _c(
            "otp|one time password|one time code|totp|totp code|mfa code|2fa code"
            "|verification code|recovery code|recovery codes|backup code|backup codes"
            "|sms code|auth code|authorization code|otp code|two factor code|2fa code"
            "|security code|scratch code|otpauth|otpauth uri|otpauth url|totp seed|mfa seed",
            "credential",
            "one-time code",
            CREDENTIAL_KINDS,
        ),
        _c(
            "connection string|connectionstring|dsn|database url|db url|jdbc url|broker url"
            "|redis url|db password|database password",
            "credential",
            "connection secret",
            CREDENTIAL_KINDS,
        ),
        _c(
            "cvv|cvc|cvv2|cvc2|card verification|card verification code|card pin|pin|pin code",
            "credential",
            "card verification code",
            CREDENTIAL_KINDS | NUMERIC,
        ),
        # An e-mail or document signature is text or an image, not a credential.
        _c(
            "signature",
            "credential",
            "signature",
            CREDENTIAL_KINDS,
            not_after=("email", "mail", "document", "contract", "electronic", "e"),
            not_before=("line", "lines", "text", "block", "html", "image"),
        ),
        _c(
            "request signature|x amz signature|sig|signed url|presigned url",
            "credential",
            "signature",
            CREDENTIAL_KINDS,
        ),
    )
    for c in group
)

# Words after a concept that make the field about the thing, not the thing itself.
METADATA_AFTER = frozenset(
    (
        "id",
        "ids",
        "uuid",
        "template",
        "templates",
        "verified",
        "verification",
        "confirmed",
        "count",
        "counts",
        "total",
        "type",
        "types",
        "kind",
        "kinds",
        "domain",
        "domains",
        "enabled",
        "disabled",
        "status",
        "state",
        "states",
        "hash",
        "hashed",
        "sha256",
        "digest",
        "fingerprint",
        "fingerprints",
        "changed",
        "updated",
        "created",
        "added",
        "removed",
        "deleted",
        "rotated",
        "revoked",
        "reset",
        "expired",
        "expires",
        "expiry",
        "expiration",
        "at",
        "on",
        "time",
        "timestamp",
        "sent",
        "provider",
        "providers",
        "format",
        "length",
        "len",
        "valid",
        "validated",
        "validation",
        "required",
        "optional",
        "policy",
        "policies",
        "allowlist",
        "whitelist",
        "blocklist",
        "blacklist",
        "range",
        "ranges",
        "cidr",
        "version",
        "versions",
        "visible",
        "visibility",
        "field",
        "fields",
        "label",
        "labels",
        "masked",
        "redacted",
        "last4",
        "last",
        "four",
        "suffix",
        "prefix",
        "hint",
        "country",
        "code",
        "scope",
        "scopes",
        "check",
        "checks",
        "score",
        "scores",
        "probe",
        "endpoint",
        "metric",
        "metrics",
        "opt",
        "in",
        "consent",
        "preference",
        "preferences",
        "setting",
        "settings",
        "notification",
        "notifications",
        "subscription",
        "subscriptions",
        "change",
        "changes",
        "method",
        "methods",
        "strength",
        "age",
        "lifetime",
        "ttl",
        "issuer",
        "algorithm",
        "alg",
        "name",
        "names",
        "header",
        "headers",
        "bucket",
        "source",
        "sources",
        "region",
        "zone",
        "mode",
        "rule",
        "rules",
        "limit",
        "limits",
        "attempts",
        "attempt",
        "failures",
        "failure",
        "request",
        "requests",
        "match",
        "matches",
        "mismatch",
        "matched",
        "used",
        "usage",
        "present",
        "set",
        "exists",
        "arn",
        "ref",
        "reference",
        "path",
        "delivery",
        "channel",
        "channels",
    )
)
METADATA_BEFORE = frozenset(
    (
        "is",
        "has",
        "have",
        "can",
        "should",
        "requires",
        "require",
        "allow",
        "allowed",
        "num",
        "number",
        "count",
        "max",
        "min",
        "total",
        "hashed",
        "masked",
        "redacted",
        "encrypted",
        "truncated",
        "last",
        "first_seen",
        "no",
    )
)


def _singular(word: str) -> str:
    if word.endswith(("sses", "ss")) or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("us") else word


@dataclass(frozen=True, slots=True)
class Match:
    concept: Concept
    start: int
    end: int


Index = dict[str, tuple[Concept, ...]]


def build_index(concepts: Iterable[Concept]) -> Index:
    """Concepts by their first word, so that a name is compared only with candidates."""
    index: dict[str, list[Concept]] = {}
    for concept in concepts:
        index.setdefault(concept.words[0], []).append(concept)
    return {word: tuple(found) for word, found in index.items()}


_PERSONAL_INDEX = build_index(PERSONAL)
_CREDENTIAL_INDEX = build_index(CREDENTIALS)


def find(words: list[str], indexes: Iterable[Index], kind: str | None) -> Match | None:
    """The longest concept the words hold (not merely mention), or None."""
    normalized = [_singular(w) for w in words]
    best: Match | None = None
    for start in range(len(words)):
        keys = (
            (words[start],)
            if words[start] == normalized[start]
            else (words[start], normalized[start])
        )
        candidates = [c for index in indexes for key in keys for c in index.get(key, ())]
        for concept in candidates:
            size = len(concept.words)
            if start + size > len(words):
                continue
            if (
                tuple(words[start : start + size]) != concept.words
                and tuple(normalized[start : start + size]) != concept.words
            ):
                continue
            if best is not None and size <= best.end - best.start:
                continue
            previous = normalized[start - 1] if start else None
            if concept.before and previous not in concept.before:
                continue
            if previous is not None and previous in concept.not_after:
                continue
            following = normalized[start + size] if start + size < len(words) else None
            if following is not None and following in concept.not_before:
                continue
            best = Match(concept, start, start + size)
    if best is None:
        return None
    after = normalized[best.end :]
    before = normalized[: best.start]
    keeps = best.concept.keeps
    if any(w in METADATA_AFTER and w not in keeps for w in after):
        return None
    if before and before[0] in METADATA_BEFORE and before[0] not in keeps:
        return None
    if kind is not None and kind not in best.concept.kinds:
        return None
    return best


@lru_cache(maxsize=65536)
def classify_personal(
    name: str, kind: str | None, extra: tuple[Concept, ...] = ()
) -> Concept | None:
    indexes = (_PERSONAL_INDEX, build_index(extra)) if extra else (_PERSONAL_INDEX,)
    match = find(split_words(name), indexes, kind)
    return match.concept if match else None


@lru_cache(maxsize=65536)
def classify_credential(
    name: str, kind: str | None, extra: tuple[Concept, ...] = ()
) -> Concept | None:
    indexes = (_CREDENTIAL_INDEX, build_index(extra)) if extra else (_CREDENTIAL_INDEX,)
    match = find(split_words(name), indexes, kind)
    return match.concept if match else None


def concepts_from_config(names: Iterable[str], tag: str, label: str) -> tuple[Concept, ...]:
    """Concepts for names a team adds in its configuration (any spelling)."""
    return tuple(Concept(tuple(split_words(n)), tag, label) for n in names if split_words(n))

"""What a concept is: the words that name a kind of personal data or credential, its tag, and
the words around it that change what a name holds. The tables of concepts are data
(`personal.py`, `credentials.py`), so that teams can extend them from configuration."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

TEXTUAL = frozenset({"string", "enum", "list", "object", "uuid"})
NUMERIC = frozenset({"integer", "number"})
START = ""
"""The word before the first word of a name, for `before` and `not_after`."""
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


def alternatives(
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


def wordset(text: str) -> frozenset[str]:
    """The words of a text written one after the other (tables of words stay readable)."""
    return frozenset(text.split())


# Head nouns of technical things: after a personal word or a credential, the field is the
# technical thing that word only modifies (`phone_book_size`, `address_space`, `dsn_host`,
# `salary_currency`, `sin_wave_period`, `user_agent_pattern`, `token_bucket_capacity`).
TECHNICAL_HEADS = wordset(
    """
    size sizes sz width height depth capacity level levels period interval latency timeout
    timeouts bits precision rate rates table tables column columns pattern patterns scheme
    schemes currency currencies space spaces bar lot lots batch batches pool pools
    queue queues buffer buffers cache caches layout form forms widget placeholder dashboard
    host hosts port ports wave zoom parser lookup resolution sync tree graph node nodes span
    spans commit process thread sha sha1 md5 system systems threshold thresholds quota quotas
    calendar radius distribution dimension dimensions dpi pixel pixels aspect
    """
)
# Words after a concept that make the field about the thing, not the thing itself: metadata
# (`email_template_id`, `token_expires_at`) and technical head nouns that a personal word only
# modifies (`font_family`, `sibling_index`, `name_server`, `last_seen_version`). By class:
# identifiers of things (`credential_uid`, `pregnancy_test_sku`), the choices a form offers
# (`gender_options`), formats, positions in a sequence (`address_sequence`), network and
# process words, units of time and size, errors and reasons.
METADATA_AFTER = (
    wordset(
        """
    id ids uuid template templates verified verification confirmed count counts total type
    types kind kinds domain domains enabled disabled status state states hash hashed sha256
    digest fingerprint fingerprints changed updated created added removed deleted rotated
    revoked reset expired expires expiry expiration at on time timestamp sent provider
    providers format length len valid validated validation required optional policy policies
    allowlist whitelist blocklist blacklist range ranges cidr version versions visible
    visibility field fields label labels masked redacted last4 last four suffix prefix hint
    country code scope scopes check checks score scores probe endpoint metric metrics opt
    consent preference preferences setting settings notification notifications subscription
    subscriptions change changes method methods strength age lifetime ttl issuer algorithm
    alg name names header headers bucket source sources region zone mode rule rules limit
    limits attempts attempt failures failure request requests match matches mismatch matched
    used usage present set exists arn ref reference path delivery channel channels
    family families index indices idx position offset page pages server servers flag flags
    toggle config configuration seconds secs ms millis duration
    uid uids guid gid oid sku urn slug
    option options choice choices enum picklist dropdown
    encoding charset regex syntax schema mask
    sequence seq ordinal rank order slot priority
    protocol proto subnet netmask
    minutes mins hours hrs msec nanos micros kb mb gb
    pid ppid inode error errors reason
    supported available requested accepted provided collected submitted missing blocked
    denied granted pending approved rejected secure httponly samesite
    decision result results outcome engine model models manufacturer vendor make
    action actions handler handlers attribute attributes
    identifier identifiers metadata spec specs specification description descriptions
    certificate certificates cert certs permission permissions route routes owner owners
    allocation allocations assignment assignments discovery job jobs summary summaries
    properties property strategy strategies parameters parameter params validity unit units
    audience audiences grant grants percentage percent plan plans opportunity opportunities
    report reports topic topics event events trigger triggers contains equals filter filters
    sort operator condition conditions expression expressions allow deny xpath selector
    button input element sdk release releases app apps platform platforms os client clients
    alert alerts role roles descriptor descriptors classification
    info selection output outputs rotation renewal origin origins encryption generation
    detection detections device devices management chunk chunks overlay
    collection
    etag etags requirement requirements response responses sid sids
    """
    )
    | TECHNICAL_HEADS
)
# Words before a concept that make the field about the thing (`is_email`, `max_tokens`).
METADATA_BEFORE = wordset(
    """
    is has have can should requires require allow allowed num number count max min total
    hashed masked redacted encrypted truncated first_seen no
    """
)
# Owners that make a number or a name an organisation's (`company_tax_number`,
# `business_license_no`, `supplier_cuit`).
ORGANISATION_OWNERS = wordset(
    """
    company companies business businesses legal entity supplier vendor merchant issuer
    employer organisation organization org corporate corporation firm trade enterprise
    """
)

"""Concepts written as a modifier and a head noun, built from classes of words rather than listed.

Many kinds of personal data and credentials are named by two words: what kind of thing
(the head: `number`, `handle`, `date`, `template`, `url`) and whose or which (the modifier:
`identity`, `viber`, `divorce`, `iris`, `redis`). Each table below is one such pair of word
classes; every modifier with every head is a concept, in either order where the languages of
the names put the head first (`codigo_fiscal`, `numero_identificacion`). So a modifier the
tables know meets any head they know: `citizen_card_no`, `tribe_affiliation`,
`adoption_date`, `webgl_fingerprint`, `mysql_uri` and `id_ed25519` are found without being
listed.
"""

from __future__ import annotations

from collections.abc import Iterable

from registry.privacy.concept import (
    NUMERIC,
    ORGANISATION_OWNERS,
    TEMPORAL,
    TEXTUAL,
    Concept,
    wordset,
)
from registry.privacy.personal import INFRASTRUCTURE_DEVICES

ID_KINDS = (TEXTUAL - {"uuid"}) | NUMERIC
SECRET_KINDS = TEXTUAL - {"enum"}

# A person's government number: a word of identity or of taxation, and a word for a number or
# a document, in English and in the languages python-stdnum's titles use.
IDENTITY_MODIFIERS = wordset(
    """
    personal identity identification identidad identidade identificacion identificacao
    identite identiteit identitet national nacional nationale nazionale citizen citizenship
    ciudadano cidadao resident residence residency residente taxpayer contribuyente
    fiscal fiscale steuer steuerliche passport pasaporte passeport reisepass paspoort ausweis
    personalausweis cedula kimlik voter electoral population poblacion insurance
    versicherung sozialversicherung immigration alien foreigner extranjero
    """
)
NUMBER_HEADS = wordset(
    """
    number code card document numero nummer codigo codice cislo broj kod nomor numer numara
    documento tarjeta carte cartao karte
    """
)
# Permits and visas a person holds, and identity words whose `id` is the number itself
# (`work_permit_number`, `visa_no`, `steuer_id`, `voter_id`).
PERMITS = ("work permit", "residence permit", "visa")
PERSON_ID_MODIFIERS = wordset("steuer citizen fiscal")
# A messenger or social network: its number is a phone, its handle or profile a person.
CHANNELS = wordset(
    """
    whatsapp viber telegram wechat weixin facebook fb twitter instagram insta tiktok snapchat
    mastodon bluesky linkedin xing github gitlab discord skype reddit youtube weibo qq kakao
    kakaotalk imessage icq vk vkontakte pinterest twitch tumblr
    steam xbox psn playstation nintendo battlenet roblox minecraft riot ubisoft uplay garena
    """
)
CHANNEL_PHONE_HEADS = wordset("number phone mobile")
CHANNEL_ID_HEADS = (
    *wordset("handle username user id account profile nick nickname tag gamertag actor login"),
    "online id",
)
# A date of a life event: married, died, adopted, retired ... (`death_dt`, `retired_on`).
LIFE_EVENTS = wordset(
    """
    death died deceased divorce divorced adoption adopted naturalization naturalisation
    naturalized naturalised retirement retired marriage married wedding hire hired
    graduation graduated widowed immigration emigration baptism funeral burial
    enlistment enlisted bereavement christening conscription
    """
)
# Words that also name events of systems (an instance's termination, a separation of duties):
# life events only with a date.
AMBIGUOUS_EVENTS = wordset("termination terminated rehire rehired separation separated")
DATE_HEADS = wordset("date dt day on at year time timestamp")
CALENDAR_HEADS = wordset("date dt day")
# Biometrics: a part of the body and a kind of capture (`palm_scan`, `face_id_vector`).
BODY_PARTS = wordset(
    """
    face facial iris retina retinal palm finger fingerprint thumb thumbprint voice gait vein
    """
)
BIOMETRIC_HEADS = wordset(
    """
    template templates scan scans embedding embeddings vector vectors encoding encodings
    print prints minutiae geometry sample samples features signature map
    """
)
# A fingerprint of a device or a browser identifies it: a quasi-identifier.
DEVICE_MODIFIERS = wordset(
    """
    device browser canvas audio webgl font client hardware machine installation install
    bluetooth wifi wlan ethernet
    """
)
DEVICE_HEADS = wordset("fingerprint fingerprints serial mac")
# A datastore or a broker and the URL that reaches it, secrets included (`mysql_uri`).
DATASTORES = wordset(
    """
    db database redis postgres postgresql pg mysql mariadb mongo mongodb sqlalchemy sql
    mssql sqlserver oracle amqp rabbitmq celery broker kafka nats ftp sftp smtp imap ldap
    elasticsearch elastic opensearch memcached cassandra couchdb neo4j clickhouse snowflake
    jdbc odbc
    """
)
CONNECTION_HEADS = wordset("url uri dsn")
CHAT_VENDORS = wordset("slack discord mattermost rocketchat teams msteams googlechat gchat zulip")
# `pass` is a password after the name of what it opens (`smtp_pass`, `DB_PASS`), and a boarding
# or season pass elsewhere.
ACCOUNT_WORDS = wordset(
    "admin root user mail proxy wifi vpn bind ssh app api service account login master basic "
    "auth sudo"
)
# A private key by its algorithm or format, and the names of SSH key files (`id_ed25519`).
KEY_FORMATS = wordset("rsa dsa ecdsa ed25519 ed448 ec pkcs8 pkcs1 pkcs12 pem ssh pgp gpg")
KEY_HEADS = wordset("private priv key secret")
# A TLS or SSL key is the private half of a certificate (`tls_key_pem`, `ssl_private_key`).
TLS_WORDS = wordset("tls ssl https x509 cert certificate")
# An assertion or ticket of a federation grants access (`sso_assertion`, `saml_ticket`).
FEDERATION_WORDS = wordset("sso saml oidc jwt client idp oauth federation federated kerberos")
FEDERATION_HEADS = wordset("assertion assertions ticket tickets")
# Money of a person (`outstanding_debt`, `savings_balance`, `ltc_wallet`).
# (`eth` is also Ethernet: `eth_address` is left out.)
CRYPTO = wordset("btc bitcoin ether ethereum ltc litecoin xmr monero doge bch usdt usdc xrp")
# Tickers that also name other things (`eth0`, `sol` the sun, `dot` the character): a
# wallet only before `wallet`.
CRYPTO_WALLET_ONLY = wordset("eth sol ada dot trx matic avax bnb")
WALLET_HEADS = wordset("wallet address addr")


def pairs(
    modifiers: Iterable[str],
    heads: Iterable[str],
    tag: str,
    label: str,
    kinds: frozenset[str] = TEXTUAL,
    *,
    head_first: bool = False,
    keeps: Iterable[str] = (),
    not_after: Iterable[str] = (),
) -> list[Concept]:
    """Every modifier before every head (and after it, when `head_first`); either may be
    several words."""
    head_words = [tuple(h.split()) for h in heads]
    out: list[Concept] = []
    for modifier in (tuple(m.split()) for m in modifiers):
        for head in head_words:
            if modifier == head:
                continue
            orders = [(*modifier, *head)]
            if head_first:
                orders.append((*head, *modifier))
            out.extend(
                Concept(
                    words,
                    tag,
                    label,
                    kinds,
                    not_after=frozenset(not_after),
                    keeps=frozenset(keeps),
                )
                for words in orders
            )
    return out


COMPOUNDS: tuple[Concept, ...] = (
    *pairs(
        IDENTITY_MODIFIERS,
        NUMBER_HEADS,
        "pii",
        "a government identifier",
        ID_KINDS,
        head_first=True,
        keeps=("id",),
        not_after=ORGANISATION_OWNERS,
    ),
    *pairs(
        ("resident", "national", "population", "civil"),
        ("registration", "register", "registry"),
        "pii",
        "a government identifier",
        ID_KINDS,
        keeps=("id",),
    ),
    *pairs(
        ("id", "identity", "travel"),
        ("document",),
        "pii",
        "a government identifier",
        ID_KINDS,
        # the identity document of a machine (`instance_identity_document`)
        not_after=("instance", "node", "host", "vm", "machine", "workload", "pod", "device"),
    ),
    *pairs(PERMITS, ("number",), "pii", "a government identifier", ID_KINDS, keeps=("id",)),
    *pairs(
        PERSON_ID_MODIFIERS,
        ("id", "identifier"),
        "pii",
        "a government identifier",
        ID_KINDS,
        not_after=ORGANISATION_OWNERS,
    ),
    *pairs(
        ("health",), ("card", "card number", "number"), "special_category", "health data", ID_KINDS
    ),
    *pairs(CHANNELS, CHANNEL_PHONE_HEADS, "pii", "a phone number", ID_KINDS),
    *pairs(CHANNELS, CHANNEL_ID_HEADS, "pii", "an online identifier"),
    *pairs(
        LIFE_EVENTS,
        DATE_HEADS,
        "quasi_identifier",
        "a life event",
        TEXTUAL | TEMPORAL,
        keeps=DATE_HEADS,
    ),
    *pairs(
        AMBIGUOUS_EVENTS,
        CALENDAR_HEADS,
        "quasi_identifier",
        "a life event",
        TEXTUAL | TEMPORAL,
        keeps=DATE_HEADS,
    ),
    *pairs(
        ("date",),
        (f"of {event}" for event in LIFE_EVENTS | AMBIGUOUS_EVENTS),
        "quasi_identifier",
        "a life event",
        TEXTUAL | TEMPORAL,
    ),
    *(
        Concept((event,), "quasi_identifier", "a life event", TEMPORAL, keeps=DATE_HEADS)
        for event in sorted(LIFE_EVENTS)
    ),
    *pairs(BODY_PARTS, BIOMETRIC_HEADS, "special_category", "biometric or genetic data"),
    *pairs(("face",), ("id",), "special_category", "biometric or genetic data"),
    # A device's fingerprint stays one hashed (`device_fingerprint_md5`), as in personal.py.
    *pairs(
        DEVICE_MODIFIERS,
        DEVICE_HEADS,
        "quasi_identifier",
        "a device identifier",
        keeps=("md5", "sha1", "sha256", "hash", "hashed", "digest"),
    ),
    *pairs(
        ("machine", "handset"),
        ("uuid", "guid", "id", "identifier"),
        "quasi_identifier",
        "a device identifier",
        keeps=("id", "uuid", "guid", "identifier"),
        not_after=INFRASTRUCTURE_DEVICES,
    ),
    *pairs(DATASTORES, CONNECTION_HEADS, "credential", "connection secret", SECRET_KINDS),
    *pairs(
        DATASTORES,
        ("connection url", "connection uri"),
        "credential",
        "connection secret",
        SECRET_KINDS,
    ),
    *pairs(DATASTORES | ACCOUNT_WORDS, ("pass",), "credential", "password", SECRET_KINDS),
    *pairs(
        KEY_FORMATS,
        KEY_HEADS,
        "credential",
        "key",
        SECRET_KINDS,
        head_first=True,
        not_after=("public", "pub"),
    ),
    *pairs(
        TLS_WORDS,
        ("key", "private key", "priv key"),
        "credential",
        "key",
        SECRET_KINDS,
        not_after=("public", "pub"),
    ),
    *pairs(FEDERATION_WORDS, FEDERATION_HEADS, "credential", "token", SECRET_KINDS),
    *pairs(("id",), ("rsa", "dsa", "ecdsa", "ed25519"), "credential", "key", SECRET_KINDS),
    *pairs(CRYPTO, WALLET_HEADS, "financial", "a card or bank number"),
    *pairs(CRYPTO_WALLET_ONLY, ("wallet",), "financial", "a card or bank number"),
    # A chat's incoming webhook URL posts as the team (`slack_webhook_url`).
    *pairs(
        CHAT_VENDORS, ("webhook", "webhook url", "webhook uri"), "credential", "token", SECRET_KINDS
    ),
)
"""Personal concepts and credentials together: `names.py` indexes each by its tag."""

"""Concepts of credentials: the words of names that hold a secret."""

from __future__ import annotations

from registry.privacy.concept import NUMERIC, START, TEXTUAL, Concept, alternatives

CURSOR_WORDS = (
    "page",
    "pagination",
    "continuation",
    "cursor",
    "next",
    "sync",
    "cancellation",
    "idempotency",
    # a push token identifies a device; it grants nothing
    "push",
    "device",
    "platform",
    "fcm",
    "apns",
    "registration",
    # a position in a stream or a log, a version or a lock, not a grant
    *("request", "lock", "sequence", "version", "lifecycle", "update", "poll", "result"),
    *("list", "view", "starting", "start", "backward", "forward", "previous", "concurrency"),
    *("consistency", "query", "search", "scroll", "pattern", "lexer", "stop", "chunk"),
    *("block", "message", "updated", "first", "last", "log", "term", "anomaly"),
    "checkpoint",
    "notification",
    # an identity graph's token is a pseudonymous identifier (`uid2_token`)
    *("uid2", "euid", "id5"),
    "resume",
    "marker",
    "watermark",
    "change",
    "delta",
    # published in DNS to prove a domain, public by design
    "dkim",
    "dns",
    "txt",
)
TOKEN_ENDPOINTS = ("url", "uri", "urls", "uris")
PASSWORD_KEEPS = ("hash", "hashed", "digest", "encrypted", "crypted", "salted", "bcrypt")
CREDENTIAL_KINDS = TEXTUAL - {"enum"}
"""An enum's values are listed in the catalog: it cannot hold a secret."""

CREDENTIALS: tuple[Concept, ...] = tuple(
    c
    for group in (
        alternatives(
            "password|passwd|pwd|pw|passphrase|passcode|pass phrase|contrasena|user password"
            "|new password|old password|current password|temp password|temporary password"
            "|htpasswd",
            "credential",
            "password",
            CREDENTIAL_KINDS,
            keeps=PASSWORD_KEEPS,
            # an action or the page of one (`change_password`, `forgot_password_url`)
            not_after=("change", "forgot", "forgotten"),
            not_before=("url", "uri", "page"),
        ),
        alternatives(
            "secret|client secret|secret key|webhook secret|signing secret|shared secret"
            "|consumer secret|app secret|otp secret|mfa secret|totp secret|api secret"
            "|secret access key|aws secret access key",
            "credential",
            "secret",
            CREDENTIAL_KINDS,
        ),
        alternatives(
            "api key|apikey|x api key|access key|private key|privatekey|secret key|signing key"
            "|encryption key|master key|ssh key|ssh private key|gpg key|pgp key|auth key"
            "|service key|account key|client key|db key|database key|license key|key material"
            "|priv key|privkey|recovery key|server key",
            "credential",
            "key",
            CREDENTIAL_KINDS,
            not_after=("public", "pub"),
        ),
        # The URL of a token endpoint is public (`access_tokens_url`, `token_uri`).
        alternatives(
            "token",
            "credential",
            "token",
            CREDENTIAL_KINDS,
            not_after=CURSOR_WORDS,
            not_before=TOKEN_ENDPOINTS,
        ),
        alternatives(
            "access token|refresh token|id token|bearer token|bearer|auth token"
            "|session token|api token|oauth token|csrf token|xsrf token|csrf|xsrf|reset token"
            "|password reset token|verification token|invite token|invitation token"
            "|magic link token|jwt|personal access token|pat|github token|slack token"
            "|stripe token|security token|aws session token|x amz security token",
            "credential",
            "token",
            CREDENTIAL_KINDS,
            not_before=TOKEN_ENDPOINTS,
        ),
        # Codes and tickets that sign a person in or enrol them (`oob_code`, `session_ticket`).
        alternatives(
            "oob code|oob link|access code|enrollment code|enrolment code|activation code"
            "|unlock code|session ticket|auth ticket|login ticket|session data|signer key",
            "credential",
            "token",
            CREDENTIAL_KINDS,
        ),
        alternatives(
            "authorization header|auth header|proxy authorization|credentials"
            "|credential|basic auth|auth string",
            "credential",
            "authorization credential",
            CREDENTIAL_KINDS,
        ),
        # An authorization of an API is a grant record (`cross_account_authorization`); the
        # credential is the header's value.
        alternatives(
            "authorization",
            "credential",
            "authorization credential",
            CREDENTIAL_KINDS,
            before=(START, "http", "proxy", "request", "raw", "header", "x"),
        ),
        # Sessions of machines and media (`traffic_mirror_session_id`, `game_session_id`)
        # are not a person's login.
        # A `sid` after a resource is its identifier (`call_sid`, `account_sid`), a session's
        # alone or after a session word.
        alternatives(
            "sid",
            "credential",
            "session credential",
            CREDENTIAL_KINDS,
            before=(START, "session", "connect", "php", "asp", "auth", "login", "cookie", "sso"),
        ),
        alternatives(
            "cookie|cookies|set cookie|session cookie|session id|sessionid|phpsessid"
            "|connect sid|session key|jsessionid|aspsessionid",
            "credential",
            "session credential",
            CREDENTIAL_KINDS,
            not_after=(
                *("traffic", "mirror", "game", "media", "stream", "streaming", "upload"),
                *("multipart", "replication", "transfer", "recording", "capture", "debug"),
            ),
        ),
        alternatives(
            "otp|one time password|one time code|totp|totp code|mfa code|2fa code"
            "|verification code|recovery code|recovery codes|backup code|backup codes"
            "|sms code|auth code|authorization code|otp code|two factor code|2fa code"
            "|security code|scratch code|otpauth|otpauth uri|otpauth url|totp seed|mfa seed",
            "credential",
            "one-time code",
            CREDENTIAL_KINDS,
        ),
        alternatives(
            "connection string|connectionstring|connection str|database url|db url|jdbc url"
            "|broker url"
            "|redis url|db password|database password",
            "credential",
            "connection secret",
            CREDENTIAL_KINDS,
        ),
        # A DSN of mail is a delivery status notification, not a data source name.
        alternatives(
            "dsn",
            "credential",
            "connection secret",
            CREDENTIAL_KINDS,
            not_after=("message", "delivery", "bounce", "mail", "smtp", "email"),
        ),
        # A PIN of a card or an account, not a GPIO pin or a pinned certificate.
        alternatives(
            "cvv|cvc|cvv2|cvc2|card verification|card verification code|card pin|pin|pin code",
            "credential",
            "card verification code",
            CREDENTIAL_KINDS | NUMERIC,
            not_after=("gpio", "cert", "certificate", "ssl", "tls", "key", "public", "hpkp"),
            keeps=("code", "value", "number"),
        ),
        # A card's magnetic-stripe tracks hold what a clone needs.
        alternatives(
            "track1|track2|track1 data|track2 data|magstripe|magstripe data|magnetic stripe"
            "|magnetic stripe data|card track data",
            "credential",
            "card verification code",
        ),
        # A signature is a credential as the HMAC of a request or a webhook; of mail, code,
        # documents or detections it is public or an image (`dkim_signature`,
        # `parent_intent_signature`).
        alternatives(
            "signature",
            "credential",
            "signature",
            CREDENTIAL_KINDS,
            before=(
                *(START, "request", "webhook", "hmac", "payload", "api", "url", "callback"),
                *("event", "notification", "http", "x", "sha256", "message", "stripe", "svix"),
            ),
            not_after=(
                *("email", "mail", "document", "contract", "electronic", "e", "gait", "voice"),
                # signatures that anyone may verify: of mail, code, packages, detections
                *("dkim", "arc", "smime", "pgp", "gpg", "code", "commit", "git", "tag", "package"),
                *("artifact", "binary", "file", "image", "release", "digital", "pdf", "apk", "jar"),
                *("malware", "virus", "antivirus", "av", "ids", "ips", "yara", "snort", "threat"),
                *("detection", "attack"),
            ),
            not_before=("line", "lines", "text", "block", "html", "image"),
        ),
        # Links that sign a person in or reset their password carry a token.
        alternatives(
            "magic link|login link|sign in link|signin link|reset link|password reset link"
            "|verification link|email verification link",
            "credential",
            "token",
            CREDENTIAL_KINDS,
        ),
        # What completes an OAuth exchange: the verifier of PKCE or of OAuth 1.
        alternatives(
            "oauth verifier|code verifier|pkce verifier|pkce code verifier",
            "credential",
            "token",
            CREDENTIAL_KINDS,
        ),
        # Headers that carry a bearer token or a session cookie.
        alternatives(
            "bearer header|cookie header|set cookie header",
            "credential",
            "authorization credential",
            CREDENTIAL_KINDS,
        ),
        alternatives(
            "sas token|sas url|sas key|shared access signature|shared access key"
            "|hmac key|hmac secret|pre shared key|preshared key|wpa psk|wpa key|wifi key"
            "|shared key"
            # keys of a mesh network, a SIM and a door system (`zigbee_network_key`, `sim_ki`,
            # `keycard_encoding_key`)
            "|zigbee network key|zigbee key|zigbee link key|thread network key|network master key"
            "|zwave key|z wave key|s2 key|sim ki|usim ki|ki value|sim key"
            "|opc key|opc value|sim opc|usim opc|auc key|milenage key|encoding key"
            "|keycard key|key card key|card encoding key",
            "credential",
            "key",
            CREDENTIAL_KINDS,
        ),
        # Codes that open a physical thing or pair a device (`lockbox_code`, `in_room_safe_code`,
        # `key_fob_rolling_code`, `matter_setup_code`).
        alternatives(
            "safe code|safe combination|lockbox code|lock box code|key safe code|keysafe code"
            "|door code|gate code|garage code|keypad code|locker code|door entry code"
            "|padlock code|lock combination|rolling code|key fob code|immobiliser code"
            "|immobilizer code|setup code|pairing code|pairing pin|pairing key|setup pin"
            "|homekit code|homekit setup code|matter code|matter pairing code|disarm code",
            "credential",
            "password",
            CREDENTIAL_KINDS,
        ),
        alternatives(
            "request signature|x amz signature|sig|signed url|presigned url",
            "credential",
            "signature",
            CREDENTIAL_KINDS,
        ),
        # Containers of secrets: a process environment, configuration files, federation
        # assertions and tickets, hashes that pass the hash.
        alternatives(
            "environment variables|environment variable|dotenv|dotenv contents|kubeconfig"
            "|kube config|docker config|netrc|npmrc|pypirc|config yaml|config yml|config json"
            "|config toml|config file contents|secrets manifest|service account json"
            "|service account key|credentials file|aws credentials|saml assertion|saml response"
            "|sso ticket|kerberos ticket|service ticket|tgt|ntlm hash|lm hash|nt hash"
            "|storage key|storage account key|iam key|restricted key|php session id"
            "|environment dump|environment file|environment snapshot|dotenv file|env file"
            "|process environment|keystore|key store|keystore file|jks|pfx|pfx file|p12 file"
            "|pkcs12 file|keychain|pkcs12|p12|pgpass|pgpass file|git credentials"
            # registry logins and cloud SDKs' key files
            "|docker auth config|docker auth|docker config json|dockerconfigjson|registry auth"
            "|firebase admin json|firebase admin sdk|firebase service account"
            "|google application credentials|gcp credentials|gcp service account",
            "credential",
            "configuration or ticket holding a secret",
            CREDENTIAL_KINDS,
        ),
        # What recovers an account or a wallet: answers to security questions, seed phrases.
        alternatives(
            "seed phrase|seed words|recovery phrase|secret phrase|wallet seed"
            "|security answer|secret answer|challenge answer|memorable word|backup phrase"
            "|memorable information|recovery answer"
            # the seed of an authenticator, the extended private key of a wallet
            "|authenticator seed|otp seed|totp seed|hotp seed|mfa seed|2fa seed"
            "|authenticator secret|authenticator key|xprv|yprv|zprv|tprv|extended private key",
            "credential",
            "recovery secret",
            CREDENTIAL_KINDS,
        ),
        # An instruction's or an algorithm's mnemonic is its name.
        alternatives(
            "mnemonic",
            "credential",
            "recovery secret",
            CREDENTIAL_KINDS,
            not_after=("algorithm", "instruction", "opcode", "asm", "assembly", "digest"),
        ),
        alternatives(
            "answer|answers",
            "credential",
            "recovery secret",
            CREDENTIAL_KINDS,
            before=(
                *("security", "secret", "recovery", "challenge", "question", "questions"),
                # the topic of a security question (`pet_name_answer`, `first_school_answer`)
                *("name", "pet", "school", "maiden", "street", "city", "teacher", "car", "food"),
            ),
        ),
    )
    for c in group
)

"""Secrets in values: issuer-prefixed tokens, keys without a prefix, JWTs, private key
blocks, HTTP credentials, credentials in URLs and connection strings, ``password=``.

The issuer formats follow the rules maintained by established scanners (gitleaks'
default configuration, detect-secrets' plugins): a literal prefix, a fixed alphabet and
length. Keys without a prefix are judged by shape and entropy: an AWS secret access key
(40 characters of base64 alphabet, mixed case and digits) and an Azure account key (64
bytes in base64). Masked or placeholder credentials (``****``, ``<redacted>``, ``${VAR}``)
are not secrets. Every expression begins with a literal or a bounded class, and none can
backtrack beyond a bounded window.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import itertools
import math
import re
from collections import Counter
from typing import Final

from registry.privacy.leakkinds import MAX_CANDIDATES, MAX_RUNS, SECRET, Leak, stars
from registry.privacy.valueshape import ANY, Shape

URL_PASSWORD: Final = "a password in a URL"

# Issuer-prefixed tokens: (literal that must occur, expression, what, characters kept).
# An expression that begins with a literal tests the character before it after the literal
# (``eyJ(?<![...]eyJ)``): `re` then finds candidates by its fast literal search.
_PREFIXED: Final[tuple[tuple[tuple[str, ...], re.Pattern[str], str, int], ...]] = (
    (("eyJ",), re.compile(r"eyJ(?<![A-Za-z0-9_-]eyJ)[A-Za-z0-9_-]{8,}+\.eyJ[A-Za-z0-9_-]{4,}+\.[A-Za-z0-9_-]{8,}"), "a JSON Web Token", 3),
    (("KIA", "SIA"), re.compile(r"A(?<![A-Z0-9]A)(?:KIA|SIA)[A-Z0-9]{16}(?![A-Z0-9])"), "an AWS access key id", 4),
    (("gh", "github_pat_"), re.compile(r"g(?<![A-Za-z0-9_]g)(?:h[pousr]_[A-Za-z0-9]{36,251}|ithub_pat_[A-Za-z0-9_]{60,255})(?![A-Za-z0-9_])"), "a GitHub token", 4),
    (("glpat-", "gldt-", "glptt-", "glrt-", "glsoat-", "glft-", "glimt-", "glcbt-", "gloas-", "glagent-"), re.compile(r"gl(?<![A-Za-z0-9_]gl)(?:pat|dt|ptt|rt|soat|ft|imt|cbt|oas|agent)-[0-9A-Za-z_-]{20,}"), "a GitLab token", 6),
    (("xox", "xapp-"), re.compile(r"x(?<![A-Za-z0-9-]x)(?:ox[abposre]|app)-[0-9A-Za-z-]{10,}"), "a Slack token or webhook", 4),
    (("hooks.slack.com",), re.compile(r"hooks\.slack\.com/services/T[0-9A-Z]{6,}/B[0-9A-Z]{6,}/[0-9A-Za-z]{16,}"), "a Slack token or webhook", 4),
    (("k_live_", "k_test_", "k_prod_"), re.compile(r"[sr](?<![A-Za-z0-9][sr])k_(?:live|test|prod)_[0-9A-Za-z]{16,}"), "a Stripe secret key", 8),
    (("AIza",), re.compile(r"AIza(?<![A-Za-z0-9_-]AIza)[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])"), "a Google API key", 4),
    (("GOCSPX-",), re.compile(r"GOCSPX-[0-9A-Za-z_-]{28}(?![A-Za-z0-9_-])"), "a Google OAuth client secret", 7),
    (("npm_",), re.compile(r"npm_(?<![A-Za-z0-9_]npm_)[A-Za-z0-9]{36}(?![A-Za-z0-9])"), "an npm token", 4),
    (("pypi-",), re.compile(r"p(?<![A-Za-z0-9_-]p)ypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"), "a PyPI token", 5),
    (("shp",), re.compile(r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9])"), "a Shopify token", 6),
    (("EAAA", "sq0"), re.compile(r"(?:EAAA|sq0atp-|sq0csp-)(?<![A-Za-z0-9]EAAA)(?<![A-Za-z0-9]sq0atp-)(?<![A-Za-z0-9]sq0csp-)[0-9A-Za-z_-]{22,60}"), "a Square token", 4),
    ((":AA",), re.compile(r"(?<![0-9])[0-9]{5,16}:AA[0-9A-Za-z_-]{33}(?![0-9A-Za-z_-])"), "a Telegram bot token", 0),
    (("PMAK-",), re.compile(r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}"), "a Postman API key", 5),
    (("SG.",), re.compile(r"SG\.(?<![A-Za-z0-9]SG\.)[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"), "a SendGrid API key", 3),
    (("sk-",), re.compile(r"sk-(?<![A-Za-z0-9_-]sk-)(?:(?:proj|svcacct|admin|ant-api03|ant-admin01)-)?[A-Za-z0-9_-]{32,}"), "an OpenAI or Anthropic API key", 3),
    (("hf_",), re.compile(r"hf_(?<![A-Za-z0-9_]hf_)[A-Za-z]{34}(?![A-Za-z0-9])"), "a Hugging Face token", 3),
    (("dop_v1_", "doo_v1_", "dor_v1_"), re.compile(r"do[opr]_v1_[a-f0-9]{64}"), "a DigitalOcean token", 7),
    (("hvs.", "hvb."), re.compile(r"hv[sb]\.(?<![A-Za-z0-9]hv[sb]\.)[A-Za-z0-9_-]{24,}"), "a HashiCorp Vault token", 4),
    (("dapi",), re.compile(r"dapi(?<![A-Za-z0-9]dapi)[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9])"), "a Databricks token", 4),
    (("ATATT3",), re.compile(r"A(?<![A-Za-z0-9_=-]A)TATT3[A-Za-z0-9_=-]{180,}"), "an Atlassian API token", 6),
    (("glsa_", "glc_"), re.compile(r"g(?<![A-Za-z0-9_]g)l(?:sa|c)_[A-Za-z0-9_+/=-]{32,}"), "a Grafana token", 5),
    (("sntry",), re.compile(r"s(?<![A-Za-z0-9_+/=-]s)ntry[su]_[A-Za-z0-9_+/=-]{40,}"), "a Sentry token", 7),
    (("lin_api_",), re.compile(r"lin_api_[A-Za-z0-9]{40}"), "a Linear API key", 8),
    (("AGE-SECRET-KEY-1",), re.compile(r"AGE-SECRET-KEY-1[0-9A-Z]{58}"), "an age secret key", 15),
    (("LTAI",), re.compile(r"LTAI(?<![A-Za-z0-9]LTAI)[A-Za-z0-9]{20}(?![A-Za-z0-9])"), "an Alibaba Cloud access key id", 4),
    (("discord",), re.compile(r"discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,}"), "a Discord webhook", 0),
    (("AKID", ".atlasv1.", "sk.eyJ", "NRAK-", "NRII-", "CFPAT-"), re.compile(
        r"AKID(?<![A-Za-z0-9]AKID)[A-Za-z0-9]{32}(?![A-Za-z0-9])"  # Tencent Cloud SecretId
        r"|\.atlasv1\.(?<=[A-Za-z0-9]{14}\.atlasv1\.)(?<![A-Za-z0-9]{15}\.atlasv1\.)[A-Za-z0-9_=-]{60,70}"  # Terraform Cloud
        r"|sk\.eyJ(?<![A-Za-z0-9]sk\.eyJ)[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}"  # Mapbox secret token
        r"|NR(?:AK|II)-(?<![A-Za-z0-9]NRAK-)(?<![A-Za-z0-9]NRII-)[A-Za-z0-9-]{27,32}(?![A-Za-z0-9])"  # New Relic
        r"|CFPAT-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"  # Contentful
    ), "a cloud or SaaS token", 0),
    (("FLWSECK", "FlyV1", "tfp_", "dnkey-", "v1.0-"), re.compile(
        r"FLWSECK(?:_TEST)?-[a-h0-9]{32}-X"  # Flutterwave secret key
        r"|FlyV1 fm[12]_[A-Za-z0-9+/=_-]{40,}"  # Fly.io macaroon token
        r"|tfp_(?<![A-Za-z0-9_]tfp_)[a-z0-9_.=-]{59}"  # Typeform personal token
        r"|dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52}"  # Defined Networking API key
        r"|v1\.0-(?<![A-Za-z0-9.]v1\.0-)[a-f0-9]{24}-[a-f0-9]{146}"  # Cloudflare Origin CA key
    ), "a cloud or SaaS token", 0),
    (("ABSK", "sl.", "nsec1", "prv"), re.compile(
        r"ABSK(?<![A-Za-z0-9+/]ABSK)[A-Za-z0-9+/]{109,269}={0,2}"  # Amazon Bedrock API key
        r"|sl\.(?<![A-Za-z0-9_.-]sl\.)(?:u\.)?[A-Za-z0-9_=-]{130,}"  # Dropbox access token
        r"|nsec1(?<![a-z0-9]nsec1)[02-9ac-hj-np-z]{58}(?![a-z0-9])"  # Nostr private key
        r"|prv(?<=(?<![A-Za-z0-9])[xyzt]prv)[1-9A-HJ-NP-Za-km-z]{100,108}(?![A-Za-z0-9])"  # BIP32
    ), "a private key or token", 0),
    (("pat-na1-", "pat-eu1-"), re.compile(r"pat-(?<![A-Za-z0-9_-]pat-)(?:na|eu)1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "a HubSpot private app token", 0),
    (("_mmk",), re.compile(r"_mmk(?<=(?<![A-Za-z0-9])[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?![A-Za-z0-9])"), "a MaxMind licence key", 0),
    (("s-s4t2",), re.compile(r"s-s4t2(?<![A-Za-z0-9_-]s-s4t2)(?:ud|af)-[0-9a-f]{64}"), "an Intra42 client secret", 0),
    (("sm_pat_", "sm_aat_", "sm_sat_"), re.compile(r"sm_(?<![A-Za-z0-9]sm_)(?:pat|aat|sat)_[A-Za-z0-9]{16}(?![A-Za-z0-9])"), "a SettleMint token", 0),
    ((".acc_", ".acc-"), re.compile(r"(?<![A-Za-z0-9_])(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\.[a-z0-9]{4,6}\.acc[_-][a-z0-9-]{10,32}\.[A-Za-z0-9+/_=-]{30,120}"), "an Authress service client key", 0),
    (("NRJS-",), re.compile(r"NRJS-(?<![A-Za-z0-9]NRJS-)[a-f0-9]{19}(?![A-Za-z0-9])"), "a New Relic browser API token", 0),
    (("CONTRIBSYS__COM",), re.compile(r"CONTRIBSYS__COM[\"']?\s{0,3}[=:]\s{0,3}[\"']?[a-f0-9]{8}:[a-f0-9]{8}"), "Sidekiq Enterprise credentials", 0),
    (("hooks.zapier.com/",), re.compile(r"hooks\.zapier\.com/hooks/catch/[0-9]{4,12}/[A-Za-z0-9]{5,12}"), "a Zapier webhook", 0),
    (("SK",), re.compile(r"SK(?<![A-Za-z0-9_]SK)[0-9a-fA-F]{32}(?![A-Za-z0-9])"), "a Twilio API key", 0),
    (("Q~",), re.compile(r"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])"), "an Azure AD client secret", 0),
)  # fmt: skip

_LONG_ISSUERS: Final = re.compile(
    r"ATBB(?<![A-Za-z0-9]ATBB)[A-Za-z0-9]{32}(?![A-Za-z0-9])"  # Bitbucket app password
    r"|dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}"  # Dynatrace
    r"|oy2(?<![A-Za-z0-9]oy2)[a-z0-9]{43}(?![A-Za-z0-9])"  # NuGet
    r"|lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}"  # LangSmith
    r"|access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32}"  # Braintree
    r"|webhook(?:b2)?/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}"  # Teams, Office 365
    r"|ya29\.(?<![A-Za-z0-9]ya29\.)[0-9A-Za-z_-]{32,}"  # Google OAuth 2.0 access token
    r"|key-(?<![A-Za-z0-9_-]key-)[0-9a-f]{32}(?![A-Za-z0-9])"  # Mailgun
    r"|-us(?<=(?<![A-Za-z0-9])[0-9a-f]{32}-us)[0-9]{1,2}(?![A-Za-z0-9])"  # Mailchimp
    r"|sdk-(?<![A-Za-z0-9_-]sdk-)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"(?![A-Za-z0-9])"  # LaunchDarkly server SDK key
)
"""Issuer formats (gitleaks' rules) whose tokens each hold 32 characters of a key's alphabet
in a row (`_LONG_RUN`): looked for only in a value that has such a run, which the issuer
search tests anyway, so a short value pays nothing for them."""
_LONG_LITERALS_WRITTEN: Final = (
    "ATBB", "dt0c01.", "oy2", "lsv2_", "$production$", "IncomingWebhook", "ya29.", "key-", "-us",
    "sdk-",
)  # fmt: skip

_CHARS: Final = {
    literal: frozenset(literal) for literals, _, _, _ in _PREFIXED for literal in literals
}
"""The characters of each literal: a value without ``K`` is not searched for ``AKIA``."""
_LITERAL_CHARS: Final = frozenset().union(*_CHARS.values())
_LONG_LITERALS: Final = tuple(
    (literal, frozenset(literal) & _LITERAL_CHARS) for literal in _LONG_LITERALS_WRITTEN
)
"""Each literal of `_LONG_ISSUERS` and those of its characters that `find_secret` looks up
anyway: a value without one of them is not searched for the literal."""

_PRIVATE_KEY: Final = re.compile(r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----")
_BEARER: Final = re.compile(
    r"(?:bearer(?<![a-z0-9_]bearer)|ssws(?<![a-z0-9_]ssws))\s{1,8}([a-z0-9._~+/-]{16,}=*)"
)
"""The bearer scheme, and Okta's ``SSWS``, with a credential (searched in lower case)."""
_AUTHORIZATION: Final = re.compile(
    r"authorization(?<![a-z0-9_]authorization)[\"']?\s{0,3}[:=]\s{0,3}[\"']?[a-z][a-z0-9-]{1,15}"
    r"\s{1,8}([a-z0-9._~+/-]{16,}=*)"
)
"""An HTTP ``Authorization`` header with any scheme (``Token``, ``ApiKey``, ``SSWS``,
``Bearer``) and a credential of 16 or more token characters holding a digit; searched in the
value in lower case."""
_BASIC: Final = re.compile(
    r"basic(?<![a-z0-9_]basic)\s{1,8}+([a-z0-9+/]{8,}+={0,2}+)(?![a-z0-9+/=])"
)
"""Possessive: giving back a character of the credential cannot satisfy the test after it.
Searched in the value in lower case (one pass with a literal search); the credential is
then read from the value as written."""
_URL_USERINFO: Final = re.compile(
    r"://(?<=[A-Za-z0-9+.-]://)"
    r"(?:[^/\s:]{0,256}:([^/\s@]{1,256})|([A-Za-z0-9_-]{20,256}))@([^/\s:@]{0,256})"
)
"""Credentials in the user part of a URL: ``user:password@``, ``:password@`` or a token as
the user (``https://<40 hex>@git.corp/...``). The user may hold an ``@`` that was not
escaped (``http://j@ne:password@host``)."""
_INGEST_HOST: Final = re.compile(r"o[0-9]+\.ingest\.")
"""An error-tracking DSN (``https://<public key>@o123.ingest.host/42``): its key is public."""
_KEY_NAMES: Final = "|".join(
    f"(?<={word}{joint}key)"
    for word in ("auth", "app", "secret", "private", "master", "signing", "encryption")
    for joint in ("", "_", "-")
)
"""``key`` after a word that makes it a credential's name (``secret_key``, ``x-auth-key``,
``PrivateKey``, ``APP_KEY``), as lookbehinds."""
_KEY_ASSIGNED: Final = re.compile(
    r"key(?:" + _KEY_NAMES + r")(?:[_-]base)?[\"']?\s{0,3}[=:]\s{0,3}[\"']?([^\s\"'&;,]{1,256})"
)
"""A value assigned to such a key: led by the literal ``key`` (its own pass, searched only in
a value that holds ``key``), so the words cost nothing at each letter of a long value."""
_ASSIGNED: Final = re.compile(
    r"(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|account[_-]?key|"
    r"shared[_-]?access[_-]?key|sig|signature|auth|credentials?|_pat|psk)[\"']?\s{0,3}[=:]\s{0,3}[\"']?"
    r"([^\s\"'&;,]{1,256})"
)
_CURSOR_KEY: Final = re.compile(
    r"(?:next|page|pagination|continuation|sync|resume|cursor)[_-]?token[\"']?\s{0,3}[=:]"
)
"""A key naming a pagination cursor, whose value is an opaque position in a list."""
_ASSIGNED_WORDS: Final = (
    "pass", "pwd", "secret", "token", "key", "sig", "auth", "credential", "_pat", "psk",
)  # fmt: skip
"""A value assigned to a key whose name ends in a credential word (``password=``,
``aws_secret_access_key=``, ``AccountKey=``, ``&sig=``, ``X-Amz-Signature=``, ``"auth":``,
a personal access token's ``AZURE_DEVOPS_EXT_PAT=``),
searched in the text in lower case.
The expression starts at the word, so a value of any length is searched in one pass."""
_PLACEHOLDER: Final = re.compile(
    r"(?i)\*+|x{3,}|<[^>]*>|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|\{\{[^}]*\}\}|%s|\[redacted\]|"
    r"redacted|masked|hidden|null|none|changeme|placeholder|\.\.\.+|%[0-9A-F]{2}\*+|"
    r"your[_-]?[a-z0-9_-]*|%\([a-z0-9_.-]*\)[sd]"
)
_CONSTANT_NAME: Final = re.compile(r"[A-Z]{2,}(?:_[A-Z]{2,})+[0-9]?")
"""Words in capitals joined by ``_`` (``YOUR_API_KEY``, ``DB_PASSWORD``): the name of a
variable or a template's placeholder written where its value goes, not a credential."""
_BASE64_KEY: Final = re.compile(
    r"(?<![A-Za-z0-9+/=_-])(?:([A-Za-z0-9+/]{40}(?:[A-Za-z0-9+/]{46}==)?|[A-Za-z0-9_-]{40})"
    r"(?![A-Za-z0-9+/=_-])|[A-Za-z0-9+/=_-]{41,}+)"
)
"""40 characters of base64 (an AWS secret access key, a GCP HMAC secret) or of its URL-safe
alphabet (API tokens of that length), or 64 bytes in base64 (an Azure account key): group 1.
A longer run is consumed whole by the last branch (no key starts inside it), so a megabyte
of base64 is one match, not a failed attempt at every character."""
_DIGEST_WORDS: Final = (
    "sha", "digest", "hash", "integrity", "checksum", "fingerprint", "ssdeep", "tlsh", "fuzzy",
)  # fmt: skip


_ENCODED_PEM: Final = re.compile(r"LS0tLS1CRUdJTi[A-Za-z0-9+/]{8,76}")
"""``-----BEGIN`` in base64 (a PEM block as kubeconfig's ``client-key-data`` and Kubernetes
secrets hold it) and the rest of its header line."""


def _encoded_private_key(text: str) -> bool:
    """Whether a base64 PEM block in ``text`` decodes to a private key's header (at most
    `MAX_CANDIDATES` blocks, each header at most 90 characters, are decoded)."""
    for count, match in enumerate(_ENCODED_PEM.finditer(text)):
        if count >= MAX_CANDIDATES:
            break
        head = match.group(0)
        head = head[: len(head) - len(head) % 4]
        try:
            decoded = base64.b64decode(head, validate=True)
        except (binascii.Error, ValueError):
            continue
        if b"PRIVATE KEY" in decoded:
            return True
    return False


def _token_leak(what: str, token: str, keep: int) -> Leak:
    return Leak(SECRET, what, token[:keep] + stars(len(token) - keep))


def _basic_credentials(token: str) -> bool:
    try:
        decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return b":" in decoded and decoded.isascii()


def _entropy(text: str) -> float:
    return -sum(n / len(text) * math.log2(n / len(text)) for n in Counter(text).values())


_MASK_RUN: Final = re.compile(r"\*{3}|\u2022{3}")
"""Three stars or bullets in a row: a credential shown partly masked (``sk_live_****VHaO``,
``ghp_•••••3kZ9``) is what a masking rule left, not the credential."""


_ENCRYPTED: Final = (
    "ENC[", "ENC(", "{cipher}", "{CIPHER}", "$ANSIBLE_VAULT", "vault:v", "!vault",
    # references to a secret in a store, which name it without holding it
    "op://", "arn:aws:secretsmanager:", "arn:aws:ssm:", "projects/", "vault://",
    "keyvault://", "akv://", "secretsmanager://",
)  # fmt: skip
"""How encrypted values begin (sops' ``ENC[AES256_GCM,...]``, Jasypt's ``ENC(...)``, Spring
Cloud Config's ``{cipher}``, Ansible Vault, Vault's transit ciphertext): a secret at rest,
which grants nothing without its key; and references to a secret store (1Password's
``op://``, an AWS Secrets Manager or SSM ARN, a GCP Secret Manager resource name)."""


def _placeholder(value: str) -> bool:
    """A placeholder (``${VAR}``, ``<redacted>``), a partly masked credential or an encrypted
    value."""
    return (
        value.startswith(_ENCRYPTED)
        or _PLACEHOLDER.fullmatch(value) is not None
        or _MASK_RUN.search(value) is not None
        or _CONSTANT_NAME.fullmatch(value) is not None
    )


def _random_key(token: str) -> bool:
    """Whether a base64-alphabet token looks random: upper, lower and digits, high entropy."""
    return (
        any(c.isupper() for c in token)
        and any(c.islower() for c in token)
        and any(c.isdigit() for c in token)
        and _entropy(token) > 4.0
    )


_ISSUER_TOKEN: Final = re.compile(
    r"[A-Za-z](?<![A-Za-z0-9_.-][A-Za-z])[A-Za-z]{1,11}(?:[_-][A-Za-z]{2,8})?[_-]"
    r"([A-Za-z0-9][A-Za-z0-9_-]{23,255}+)(?![A-Za-z0-9_-])"
)
"""A token in the shape most issuers now give theirs: a short word, an optional second one
(``live``, ``pat``), ``_`` or ``-``, and a random body of 24 characters or more that may hold
``_`` and ``-`` (``figd_...``, ``dckr_pat_...``, ``NRAK-...``), 32 or more in all. It starts
after no character of a token, the word is at most 12 letters and the second at most 8, and
the body is taken whole (possessive), so a failed match gives back a bounded stretch."""
_TOKEN_RUN: Final = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}+")
"""A run of 32 or more characters of an issuer token, from its start (the test of the
character before comes first, so a position inside a run costs one step)."""
_LONG_RUN: Final = re.compile(r"[A-Za-z0-9+/_-]{32}")
"""32 characters of the keys' alphabets in a row: what an issuer's token body (32 or more of
`[A-Za-z0-9]`) and an unprefixed key (40 of base64 or of its URL-safe alphabet) both hold.
Without one, neither expression can match, and a value of short words skips both (each
tries a match at every letter)."""
_PUBLIC_PREFIXES: Final = ("pk", "pub", "public", "phc")
"""Prefixes of keys that are public by design (Stripe's ``pk_live_``, PostHog's project key
``phc_``)."""
_PUBLIC_WORDS: Final = ("sitekey", "site_key", "site-key", "publishable", "public", "pubkey")
"""Words before a run that say it is public (a CAPTCHA's site key, a publishable key)."""
_EXTENDED_PUBLIC: Final = ("xpub", "ypub", "zpub", "tpub", "upub", "vpub")
"""How a BIP32 extended public key begins: a wallet's public half."""


def _not_a_key(token: str, before: str) -> bool:
    """Whether a key-shaped run is something else: after a digest's word or a word saying it
    is public, an extended public key, or text in base64 (``eyJ`` is ``{"`` encoded: a JSON
    document, a JWT's header alone; or a run that decodes to printable text)."""
    return (
        any(word in before for word in _DIGEST_WORDS)
        or any(word in before for word in _PUBLIC_WORDS)
        or token.startswith((*_EXTENDED_PUBLIC, "eyJ"))
        or _encoded_text(token)
    )


def _encoded_text(token: str) -> bool:
    """Whether a base64 run decodes to printable text (a random key decodes to bytes)."""
    head = token[:64]
    head = head[: len(head) - len(head) % 4]
    try:
        decoded = base64.b64decode(head.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        return False
    printable = sum(32 <= byte < 127 or byte in (9, 10, 13) for byte in decoded)
    return len(decoded) >= 12 and printable >= 0.95 * len(decoded)


def _issuer_token(text: str) -> Leak | None:
    """A token of an issuer this module has no rule for, recognised by its shape: the body
    holds capitals, small letters and digits with high entropy (an object id, ``cus_...``,
    is shorter; a prefixed UUID or hex id has one case). A token is a whole run of
    `_TOKEN_RUN` (it starts and ends where its characters do): at most `MAX_RUNS` runs are
    looked at, and `_ISSUER_TOKEN` is matched at the start of each."""
    count = 0
    for runs, run in enumerate(_TOKEN_RUN.finditer(text)):
        if runs >= MAX_RUNS or count >= MAX_CANDIDATES:
            break
        match = _ISSUER_TOKEN.match(text, run.start())
        if match is None or match.end() != run.end():
            continue
        count += 1
        written = text[match.start() : match.start(1) - 1]
        prefix = written.lower()
        parts = re.split("[_-]", prefix)
        body = match.group(1)
        if (
            parts[0] in _PUBLIC_PREFIXES
            or "publishable" in parts
            or body.lower().startswith(("publishable_", "public_"))
        ):
            continue  # public by design (``pk_live_``, ``sb_publishable_``)
        if (
            _random_key(body)
            or (written.isupper() and _random_capitals(body))
            or _random_small(body)
        ):
            return _token_leak("a token with an issuer prefix", match.group(0), 0)
        if _random_hex(body) and _DIGEST_PREFIXES.isdisjoint(re.split("[_-]", prefix)):
            return _token_leak("a token with an issuer prefix", match.group(0), 0)
    return None


_ULID: Final = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")
"""A ULID (a time and randomness in Crockford's base32): an id, not a credential."""


def _random_small(body: str) -> bool:
    """Whether a token's body is 40 or more random small letters and digits (``napi_...``,
    ``hcaik_...``): no ``_`` or ``-`` (a slug's words), four digits or more, not hex (judged
    by `_random_hex`), high entropy."""
    return (
        len(body) >= 40
        and body.isalnum()
        and body.islower()
        and _HEX.fullmatch(body) is None
        and len(_DIGIT.findall(body)) >= 4
        and _entropy(body) > 4.5
    )


def _random_capitals(body: str) -> bool:
    """Whether a token's body is random capitals and digits (``NRAK-67JS...``: an issuer whose
    prefix is in capitals too): both classes, high entropy, not a ULID."""
    return (
        body.upper() == body
        and any(c.isdigit() for c in body)
        and any(c.isalpha() for c in body)
        and _entropy(body) > 4.0
        and _ULID.fullmatch(body) is None
    )


_DIGEST_PREFIXES: Final = frozenset(
    {
        "sha", "sha1", "sha256", "sha512", "md5", "commit", "rev", "revision", "git", "hash",
        "digest", "checksum", "etag", "blob", "tree", "object", "obj", "build", "id", "trace",
        "span", "request", "req", "txn", "tx", "fingerprint", "fp", "hex", "version", "ver",
    }
)  # fmt: skip
"""Words before a hex run that name what the run is when it is not a credential: a digest, a
commit, an object, a request or trace id."""
_HEX: Final = re.compile(r"[0-9a-f]{40,256}|[0-9A-F]{40,256}")


def _random_hex(body: str) -> bool:
    """Whether an issuer token's body is 160 bits or more of random hex (``sbp_``,
    ``bkua_``, ``shippo_live_``, then 40 hex digits): one case, digits and letters, high
    entropy for hex. Shorter hex (128 bits) is the common shape of an id."""
    return (
        _HEX.fullmatch(body) is not None
        and not body.isdigit()
        and not body.isalpha()
        and _entropy(body) > 3.5
    )


def _unprefixed_key(text: str) -> Leak | None:
    if text.lower() == text or text.upper() == text:
        return None  # a random key holds capitals and small letters (`_random_key`)
    count = 0
    for match in _BASE64_KEY.finditer(text):
        key = match.group(1)
        if key is None:
            continue  # a run too long to be a key
        if count >= MAX_CANDIDATES:
            break
        count += 1
        before = text[max(0, match.start() - 32) : match.start()].lower()
        if _not_a_key(key, before):
            continue  # a digest in base64 has the same shape; public keys; encoded text
        if _random_key(key):
            if len(key) > 40:
                what = "an Azure account key"
            elif "-" in key or "_" in key:
                what = "an access token"
            else:
                what = "an AWS secret access key"
            return _token_leak(f"{what} (no prefix)", key, 0)
    return None


_PAIR: Final = re.compile(r":(?<=[A-Za-z0-9_-]:)([A-Za-z0-9]{20,128})(?![A-Za-z0-9+/=_-])")
"""A random secret after a colon that ends a key id (``rzp_live_<id>:<secret>``): led by
the literal ``:``."""
_PAIR_ID: Final = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z][A-Za-z0-9_-]{7,63}$")
_PAIR_WINDOW: Final = 64


def _key_pair(text: str) -> Leak | None:
    """A key id and its secret joined by a colon: an id of 8 to 64 token characters holding a
    digit or ``_`` (not a word: ``Subject:``), and a random secret of 20 or more (`_random_key`);
    an id named for a digest (``sha256:``) is not a key."""
    if _PAIR.search(text) is None:
        return None  # the common case: no random run after a colon
    for count, match in enumerate(_PAIR.finditer(text)):
        if count >= MAX_CANDIDATES:
            break
        colon = match.start()
        key_id = _PAIR_ID.search(text, max(0, colon - _PAIR_WINDOW), colon)
        if key_id is None or not _random_key(match.group(1)):
            continue
        words = re.split("[_-]", key_id.group(0).lower())
        if not _DIGEST_PREFIXES.isdisjoint(words) or words[0] in _PUBLIC_PREFIXES:
            continue
        if any(c.isdigit() or c == "_" for c in key_id.group(0)):
            return Leak(SECRET, "a key id and its secret", "***:" + stars(len(match.group(1))))
    return None


_LONG_TOKEN: Final = re.compile(
    r"(?<![A-Za-z0-9+/=_.-])[A-Za-z0-9_-]{41,256}+(?![A-Za-z0-9+/=_.-])"
)
"""A run of 41 to 256 characters of the URL-safe alphabet, standing alone: not a piece of a
base64 blob (whose runs end at ``+``, ``/`` or ``=``) nor a part of a dotted token (a JWT's
or a public token's, judged by their own rules)."""


def _long_token(text: str) -> Leak | None:
    """An access token without a prefix longer than a key (``EAAC...``, ``a0AfB...``): a lone
    run of the URL-safe alphabet with capitals, small letters and four digits or more, high
    entropy, not after a digest's word."""
    if text.lower() == text or text.upper() == text:
        return None  # it holds capitals and small letters (`_random_key`)
    for count, match in enumerate(_LONG_TOKEN.finditer(text)):
        if count >= MAX_CANDIDATES:
            break
        token = match.group(0)
        if _ISSUER_TOKEN.match(token) is not None:
            continue  # an issuer's shape (``pk_live_...``): judged by `_issuer_token` alone
        before = text[max(0, match.start() - 32) : match.start()].lower()
        if _not_a_key(token, before) or "AAAA" in token:
            continue  # a digest; binary data in base64 (zero bytes: a key's blob, an image)
        if _random_key(token) and len(_DIGIT.findall(token)) >= 4 and _entropy(token) > 4.2:
            return _token_leak("an access token (no prefix)", token, 0)
    return None


def _url_secret(text: str) -> Leak | None:
    for count, match in enumerate(_URL_USERINFO.finditer(text)):
        if count >= MAX_CANDIDATES:
            break
        password, user = match.group(1), match.group(2)
        if password is not None and not _placeholder(password):
            return Leak(SECRET, URL_PASSWORD, "://***:***@")
        if (
            user is not None
            and not _INGEST_HOST.match(match.group(3))
            and any(c.isdigit() for c in user)
            and any(c.isalpha() for c in user)
        ):
            return Leak(SECRET, "a token in a URL", "://***@")
    return None


def _written(text: str, lowered: str, match: re.Match[str]) -> str:
    """Group 1 of a match in ``lowered`` as ``text`` writes it."""
    if len(lowered) == len(text):
        return text[match.start(1) : match.end(1)]
    return match.group(1)


def _cursor_key(lowered: str, match: re.Match[str]) -> bool:
    """Whether the key ``match`` assigns a value to names a pagination cursor: a cursor key
    whose assignment sign is this match's, not a neighbour's (``page_token=x&pwd=...``)."""
    window = _CURSOR_KEY.finditer(lowered, max(0, match.start() - 16), match.start(1))
    return any(match.start() < cursor.end() <= match.start(1) for cursor in window)


def _assigned(text: str) -> Leak | None:
    lowered = text.lower()
    if not any(word in lowered for word in _ASSIGNED_WORDS):
        return None
    same = len(lowered) == len(text)  # lower() keeps offsets, except for a few letters
    keys = _KEY_ASSIGNED.finditer(lowered) if "key" in lowered else ()
    for count, match in enumerate(itertools.chain(_ASSIGNED.finditer(lowered), keys)):
        if count >= MAX_CANDIDATES:
            break
        value = text[match.start(1) : match.end(1)] if same else match.group(1)
        if _placeholder(value) or len(value) < 6:
            continue
        if _cursor_key(lowered, match):
            continue  # a pagination cursor (``NextToken``, ``page_token``): no access
        if (
            lowered[match.start() - 1 : match.start()] == ":"
            and "arn:" in lowered[max(0, match.start() - 96) : match.start()]
        ):
            continue  # a resource type in an ARN (``arn:aws:secretsmanager:...:secret:name``)
        if value.isalpha() and value.islower() and len(value) < 12:
            continue  # a word (``token: expired``), not a credential
        return Leak(
            SECRET, "a credential assigned to a key named for one", "***=" + stars(len(value))
        )
    return None


_OPTION: Final = re.compile(
    r"--(?:token|password|passwd|secret|api-key|apikey|auth-token|access-token|client-secret)"
    r"(?:=|\s{1,4})[\"']?([^\s\"']{6,256})"
)
"""A command line's option that takes a credential (``kubeadm join --token abcdef.0123...``)."""
_NETRC: Final = re.compile(r"(?<![a-z])login\s{1,8}\S{1,128}\s{1,8}password\s{1,8}(\S{1,256})")
"""A ``.netrc`` entry: ``machine host login user password secret``."""
_WIFI: Final = re.compile(r"WIFI:(?:[^;]{0,64};){0,4}?P:([^;]{1,63});")
"""A Wi-Fi network's QR payload with its password (``WIFI:S:net;T:WPA;P:secret;;``)."""
_SASL: Final = re.compile(
    r"(?<![a-z])auth\s{1,4}(?:plain|login|xoauth2)\s{1,4}([a-z0-9+/]{12,}+={0,2})(?![a-z0-9+/=])"
)
"""SMTP or IMAP ``AUTH PLAIN`` with its base64 credentials (searched in lower case)."""
_QUERY_CODE: Final = re.compile(r"[?&]code=([A-Za-z0-9_-]{20,256}+)")
"""A function key or an authorization code in a URL's query (``?code=...``): a secret when
random (`_random_key`)."""


_PGPASS: Final = re.compile(
    r"(?:\*|[^:\s]{0,252}[.g-zG-Z][^:\s]{0,252}):(?:[0-9]{1,5}|\*):[^:\s]{1,63}:[^:\s]{1,63}:(\S{1,256})"
)
"""A ``.pgpass`` line: ``host:port:database:user:password``, the whole value; the host holds
a letter beyond hex or a dot (an IPv6 or MAC address is colons between hex groups)."""
_COMMAND_CREDENTIAL: Final = re.compile(
    r"-(?<![\w-]-)(?:"
    r"(?:u|U|-user)\s{1,4}[^\s:%'\"]{1,64}[:%]([^\s'\"]{1,256})"  # curl -u user:password
    r"|(?:p|pw|storepass|keypass|a|w|P)\s{1,4}['\"]?([^\s'\"]{8,256})"  # docker login -p
    r"|pass(?:in|out)?\s{1,4}pass:([^\s'\"]{1,256}))"  # openssl -passout pass:
    r"|/user:\S{1,128}\s{1,4}([^\s/]{1,256})"  # net use \\host\share /user:name password
    r"|/p:(?<=\s/p:)([^\s'\"]{8,256})"  # xfreerdp /u:name /p:password
)
"""A command line's credential in the forms that take no ``--password`` word: a user and
password joined by a colon (or smbclient's ``%``) after ``-u``/``-U``, a short ``-p``,
``-a`` (redis-cli), ``-w`` (ldapsearch) or ``-P`` (sqlcmd) option and RDP clients' ``/p:``
(random: capitals, small letters and digits, so a port, a path, ``mkdir -p`` or ``ls -a``
is not one), openssl's ``pass:`` and ``net use``'s password after ``/user:``. Each
alternative starts at a literal."""
_REDIS_AUTH: Final = re.compile(
    r"(?<![A-Za-z])AUTH\s{1,4}(?:[A-Za-z0-9_.@-]{1,64}\s{1,4})?([^\s\"']{8,256})\s*$"
)
"""Redis' ``AUTH [user] password`` command, the value ending with it (a random password)."""
_XML_CREDENTIAL: Final = re.compile(
    r"<(?:password|passwd|secret|token|apikey|api_key|clientsecret|client_secret)>\s{0,3}"
    r"([^<\s]{6,256})\s{0,3}</"
    r"|key=\"[a-z0-9_.:-]{0,64}(?:password|secret|token|apikey)\"\s{1,4}value=\"([^\"]{6,256})\""
)
"""A credential in XML: an element named for one (Maven's ``settings.xml``
``<password>``) or a key/value pair whose key names one (``NuGet.Config``'s
``<add key="ClearTextPassword" value="..."/>``, ``appSettings``); searched in lower case."""
_ORACLE_TOOLS: Final = ("sqlplus", "rman ", "expdp", "impdp", "sqlldr")
_ORACLE: Final = re.compile(
    r"(?:sqlplus|rman|expdp|impdp|sqlldr)\s{1,4}(?:-[A-Za-z]{1,8}\s{1,4})?"
    r"[A-Za-z0-9_$#]{1,30}/([^\s@/]{1,128})@"
)
"""Oracle's tools with ``user/password@connect-identifier``."""
_SESSION_COOKIE: Final = re.compile(r"(?:sess(?:ion)?(?:_?id)?|sid)=([a-z0-9%+/=._-]{16,512})")
"""A session cookie (``JSESSIONID=``, ``PHPSESSID=``, ``sessionid=``, ``connect.sid=``) with
a value of 16 or more characters, searched in lower case from its literal: a session id
grants the session."""
_WIF: Final = re.compile(
    r"[59KLc](?<![1-9A-HJ-NP-Za-km-z][59KLc])[1-9A-HJ-NP-Za-km-z]{50,51}+"
    r"(?![1-9A-HJ-NP-Za-km-z])"
)
"""A wallet's private key in Wallet Import Format (base58check, version 0x80 or 0xef):
verified by its four checksum bytes, so a random run of that shape is not reported."""
_WIF_SEARCHED: Final = 4096
"""Values up to this length are searched for such a key (a configuration line, a command):
the search tries a match at every ``5``, ``9``, ``K``, ``L`` and ``c``, which a long value of
capitals (``AKIA`` repeated) holds at every fourth character."""
_BASE58_DIGITS: Final = {
    char: digit
    for digit, char in enumerate("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
}


def _wif(text: str) -> bool:
    """Whether ``text`` holds a private key in Wallet Import Format (led by its first
    character, so `re` skips to the few places a key can start)."""
    for count, match in enumerate(_WIF.finditer(text)):
        if count >= MAX_CANDIDATES:
            break
        token = match.group(0)
        number = 0
        for char in token:
            number = number * 58 + _BASE58_DIGITS[char]
        size = 38 if len(token) == 52 else 37
        if number.bit_length() > 8 * size:  # more than such a key holds: not one
            continue
        data = number.to_bytes(size, "big")
        if data[0] in (0x80, 0xEF) and _double_sha256(data[:-4])[:4] == data[-4:]:
            return True
    return False


def _double_sha256(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def _random_password(value: str) -> bool:
    """Capitals, small letters and digits: a generated password, not a word, port or path."""
    return (
        any(c.isupper() for c in value)
        and any(c.islower() for c in value)
        and any(c.isdigit() for c in value)
    )


def _command_credential(text: str) -> bool:
    if "@" in text and any(tool in text for tool in _ORACLE_TOOLS):
        match = _ORACLE.search(text)
        if match is not None and not _placeholder(match.group(1)):
            return True
    if "AUTH" in text:
        match = _REDIS_AUTH.search(text)
        if (
            match is not None
            and _random_password(match.group(1))
            and not _placeholder(match.group(1))
        ):
            return True
    if " -" not in text and "/user:" not in text and "/p:" not in text:
        return False
    for count, match in enumerate(_COMMAND_CREDENTIAL.finditer(text)):
        if count >= MAX_CANDIDATES:
            break
        value = next(group for group in match.groups() if group is not None)
        if _placeholder(value) or value.isdigit():
            continue
        if (match.group(2) is not None or match.group(5) is not None) and not _random_password(
            value
        ):
            continue
        return True
    return False


@functools.cache
def _looked_up(literal: str) -> frozenset[str]:
    """The characters of ``literal`` that `find_secret` looks up in every value."""
    return frozenset(literal) & _LITERAL_CHARS


def _present(literal: str, text: str, chars: set[str]) -> bool:
    """``literal in text``, skipped when a character of it that `find_secret` looked up is
    not in ``text`` (``chars``)."""
    return _looked_up(literal) <= chars and literal in text


def _credential_text(text: str, chars: set[str]) -> Leak | None:
    """Credentials in the containers of `_OPTION`, `_NETRC`, `_WIFI`, `_SASL` and
    `_QUERY_CODE`, each looked for only where its literal occurs."""
    found: str | None = None
    if _present("--", text, chars):
        match = _OPTION.search(text)
        if match is not None and not _placeholder(match.group(1)):
            found = "a credential on a command line"
    if found is None and _present("login", text, chars) and "password" in text:
        match = _NETRC.search(text)
        if match is not None and not _placeholder(match.group(1)):
            found = "a credential in a .netrc entry"
    if found is None and _present("WIFI:", text, chars):
        match = _WIFI.search(text)
        if match is not None and not _placeholder(match.group(1)):
            found = "a Wi-Fi password"
    if (
        found is None
        and (
            _present("PLAIN", text, chars)
            or _present("plain", text, chars)
            or _present("LOGIN", text, chars)
        )
        and _SASL.search(text.lower()) is not None
    ):
        found = "SASL credentials"
    if found is None and " " not in text and text.count(":") >= 4:
        match = _PGPASS.fullmatch(text.strip())
        if match is not None and not _placeholder(match.group(1)):
            found = "a credential in a .pgpass line"
    if (
        found is None
        and (
            _present(" -", text, chars)
            or _present("/user:", text, chars)
            or "@" in text
            or "/p:" in text
            or "AUTH" in text
        )
        and _command_credential(text)
    ):
        found = "a credential on a command line"
    if found is None and "<" in text and ("</" in text or "value=" in text):
        lowered = text.lower()
        match = _XML_CREDENTIAL.search(lowered)
        if match is not None:
            value = match.group(1) or match.group(2)
            if not _placeholder(value) and not (value.isalpha() and len(value) < 12):
                found = "a credential in XML"
    if found is None and (
        _present("ess", text, chars)
        or _present("ESS", text, chars)
        or _present("sid=", text, chars)
        or _present("SID=", text, chars)
    ):
        match = _SESSION_COOKIE.search(text.lower())
        if match is not None and _DIGIT.search(match.group(1)) and not _placeholder(match.group(1)):
            found = "a session cookie"
    if found is None and _present("code=", text, chars):
        match = _QUERY_CODE.search(text)
        if match is not None and _random_key(match.group(1)):
            found = "a key in a URL's query"
    return Leak(SECRET, found, "***") if found is not None else None


_TOKEN: Final = re.compile(r"[A-Za-z0-9+/=_.~:$!-]{16,512}")
"""A value that is one token: what a key, secret or password looks like when written alone."""
KEYED: Final = "a high-entropy value under a key named for a credential"


def _keyed_token(text: str) -> Leak | None:
    """A value held under a key named for a credential (``client_secret``, ``apiKey``,
    ``session_id``) that is one random-looking token: 16 to 512 characters of a token's
    alphabet, at least two of capitals, small letters and digits, entropy above 3.5 bits
    per character (a word, a date or a placeholder has less)."""
    token = text.strip().strip("\"'")
    if _TOKEN.fullmatch(token) is None or _placeholder(token):
        return None
    classes = (
        any(c.isupper() for c in token)
        + any(c.islower() for c in token)
        + any(c.isdigit() for c in token)
    )
    if classes < 2 or _entropy(token) <= 3.5:
        return None
    return Leak(SECRET, KEYED, stars(len(token)))


_DIGIT: Final = re.compile(r"[0-9]")


def find_secret(text: str, keyed: bool = False, shape: Shape = ANY) -> Leak | None:
    """The first secret recognised in ``text``, masked, or None. ``keyed``: the value is
    held under a key named for a credential (`registry.privacy.names.classify_credential`),
    so one random-looking token is a secret whatever its shape. ``shape``: what can match in
    ``text`` (`registry.privacy.valueshape.shape_of`)."""
    if len(text) < 16:
        return None
    chars = {char for char in _LITERAL_CHARS if char in text}
    for literals, pattern, what, keep in _PREFIXED:
        if any(literal in text for literal in literals if _CHARS[literal] <= chars):
            match = pattern.search(text)
            if match is not None:
                token = match.group(0)
                if token.startswith(("github_pat_", "xox")):
                    keep = len("github_pat_") if token[0] == "g" else len("xoxb-")
                return _token_leak(what, token, keep)
    if "PRIVATE KEY" in text:
        match = _PRIVATE_KEY.search(text)
        if match is not None:
            return Leak(SECRET, "a private key block", match.group(0) + "***")
    if "LS0tLS1CRUdJTi" in text and _encoded_private_key(text):
        return Leak(SECRET, "a private key block in base64", "LS0tLS1CRUdJTi***")
    if "PuTTY-User-Key-File-" in text:
        return Leak(SECRET, "a PuTTY private key file", "PuTTY-User-Key-File-***")
    if (
        "earer" in text
        or "EARER" in text
        or "asic" in text
        or "ASIC" in text
        or "SSWS" in text
        or "ssws" in text
    ):
        lowered = text.lower()
        match = _BEARER.search(lowered)
        if match is not None and _DIGIT.search(match.group(1)) is not None:
            return Leak(SECRET, "a bearer credential", "Bearer " + stars(len(match.group(1))))
        match = _BASIC.search(lowered)
        if match is not None and _basic_credentials(_written(text, lowered, match)):
            return Leak(SECRET, "HTTP basic credentials", "Basic " + stars(len(match.group(1))))
    if "uthorization" in text or "UTHORIZATION" in text:
        match = _AUTHORIZATION.search(text.lower())
        credential = match.group(1) if match is not None else ""
        if _DIGIT.search(credential) is not None and not _placeholder(credential):
            return Leak(SECRET, "an authorization header", "Authorization: ***")
    if "://" in text and "@" in text:
        leak = _url_secret(text)
        if leak is not None:
            return leak
    if "=" in text or ":" in text:
        leak = _assigned(text)
        if leak is not None:
            return leak
    if " " in text or "=" in text or ":" in text or "</" in text:
        leak = _credential_text(text, chars)
        if leak is not None:
            return leak
    if ":" in text:
        leak = _key_pair(text)
        if leak is not None:
            return leak
    leak = None
    # both shapes need such a run: one linear test (the shape of a long value knows)
    if shape.key_run >= 32 and (shape.mapped or _LONG_RUN.search(text) is not None):
        if any(literal in text for literal, need in _LONG_LITERALS if need <= chars):
            match = _LONG_ISSUERS.search(text)
            if match is not None:
                return _token_leak("a cloud or SaaS token", match.group(0), 0)
        if "_" in text or "-" in text:
            leak = _issuer_token(text)
            if leak is not None:
                return leak
        if len(text) <= _WIF_SEARCHED and shape.urlsafe_run and _wif(text):
            return Leak(SECRET, "a wallet's private key (WIF)", stars(51))
        if shape.key_run >= 40:
            leak = _unprefixed_key(text)
            if leak is None and shape.urlsafe_run:
                leak = _long_token(text)
    if leak is None and keyed:
        return _keyed_token(text)
    return leak

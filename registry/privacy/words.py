"""The words of a field name, whatever its case style, with engineers' abbreviations expanded.

`usr_tel_no`, `UsrTelNo`, `usr-tel-no` and `USR_TEL_NO` all become `user telephone number`:
snake_case, camelCase, PascalCase, kebab-case, SCREAMING_SNAKE and dotted names split the same
way, a word glued to a digit (`addr1`) loses the digit, and the abbreviations of the table
below are written out. The table is data: one abbreviation, the words it stands for, and
where it applies (anywhere, or only inside a name, where `no` means "number").
"""

from __future__ import annotations

import re
from functools import lru_cache

from registry.catalog.identifiers import words as split_words

# Abbreviations valid anywhere in a name.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "usr": ("user",),
    "cust": ("customer",),
    "acct": ("account",),
    "tel": ("telephone",),
    "mob": ("mobile",),
    "addr": ("address",),
    "adr": ("address",),
    "nm": ("name",),
    "nme": ("name",),
    "frst": ("first",),
    "fst": ("first",),
    "lst": ("last",),
    "pwd": ("password",),
    "pswd": ("password",),
    "passwrd": ("password",),
    "passwd": ("password",),
    "pword": ("password",),
    "tkn": ("token",),
    "tok": ("token",),
    "sess": ("session",),
    "sessid": ("session", "id"),
    "phpsessionid": ("php", "session", "id"),
    "nin": ("national", "insurance", "number"),
    "hh": ("household",),
    "apt": ("apartment",),
    "bldg": ("building",),
    "dx": ("diagnosis",),
    "psych": ("psychiatric",),
    "env": ("environment",),
    "vars": ("variables",),
    "latlng": ("lat", "lng"),
    "latlon": ("lat", "lon"),
    "postalcode": ("postal", "code"),
    "zipcode": ("zip", "code"),
    "neighbourhood": ("neighborhood",),
    "hometown": ("home", "town"),
    "birthplace": ("place", "of", "birth"),
    "emp": ("employee",),
    "phn": ("phone",),
    "mbl": ("mobile",),
    "bday": ("birthday",),
    "crd": ("card",),
    "pstl": ("postal",),
    "natl": ("national",),
    "psprt": ("passport",),
    "ppt": ("passport",),
    "lic": ("licence",),
    "doc": ("document",),
    "conn": ("connection",),
    "creds": ("credentials",),
    "cred": ("credential",),
    "nok": ("next", "of", "kin"),
    "hw": ("hardware",),
    "mgr": ("manager",),
    "bal": ("balance",),
    "amt": ("amount",),
    "ctry": ("country",),
    "cty": ("city",),
    "tmpl": ("template",),
    "sz": ("size",),
    "cnt": ("count",),
    "img": ("image",),
    "pic": ("picture",),
}
# Abbreviations valid only after the first word (`tel_no`, `mob_num`; a leading `no_` is "no").
INNER_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "no": ("number",),
    "nr": ("number",),
    "num": ("number",),
    "nbr": ("number",),
    "ln": ("line",),
    "cd": ("code",),
    "dt": ("date",),
    "ph": ("phone",),
    "acc": ("account",),
    "ac": ("account",),
    "fp": ("fingerprint",),
    "ans": ("answer",),
    "stat": ("status",),
}
# Abbreviations valid only as the first word, before another word (`ac_num`, `nat_id`, `ph_no`).
LEADING_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "ph": ("phone",),
    "acc": ("account",),
    "ac": ("account",),
    "nat": ("national",),
    "fp": ("fingerprint",),
}
# One-letter abbreviations, only right before a name (`f_name`, `l_nm`).
INITIALS: dict[str, tuple[str, ...]] = {
    "f": ("first",),
    "l": ("last",),
    "m": ("middle",),
}
# Two words engineers split a single word into (`pass_wd`).
PAIRS: dict[tuple[str, str], tuple[str, ...]] = {
    ("pass", "wd"): ("password",),
    ("pass", "word"): ("password",),
    ("sec", "ans"): ("security", "answer"),
    ("sec", "answer"): ("security", "answer"),
    ("dot", "env"): ("dotenv",),
    ("sa", "key"): ("service", "account", "key"),
    # `rx` is a prescription before these, and "receive" in `rx_bytes`, `rx_freq`
    ("rx", "number"): ("prescription", "number"),
    ("rx", "no"): ("prescription", "number"),
    ("rx", "id"): ("prescription", "id"),
    ("rx", "history"): ("prescription", "history"),
    ("rx", "drug"): ("prescription", "drug"),
    ("rx", "name"): ("prescription", "name"),
    ("diag", "cd"): ("diagnosis", "code"),
    ("diag", "code"): ("diagnosis", "code"),
    # `dl` is a driving licence before a number, and a download elsewhere (`dl_url`)
    ("dl", "number"): ("driver", "license", "number"),
    ("dl", "no"): ("driver", "license", "number"),
    ("dl", "num"): ("driver", "license", "number"),
}
# Words written in mixed case that a case split would break (`PrivateIPv4Address` is not
# `private i pv address`): each is read as one capitalised word first.
MIXED_CASE = (
    *("IPv4", "IPv6", "OAuth", "iOS", "macOS", "MySQL", "GraphQL", "PostgreSQL", "NoSQL"),
    *("WiFi", "eMail", "JSessionID", "PHPSessID", "iCloud", "iPhone", "iPad", "WebAuthn"),
)
_MIXED = re.compile("|".join(MIXED_CASE))
_GLUED_DIGITS = re.compile(r"^([a-z]{2,}?)(\d+)$")
# Words whose digits are part of the word: versions of a protocol, key formats, codes.
_KEEP_DIGITS = frozenset(
    {
        *("ipv4", "ipv6", "icd10", "icd9", "cvv2", "cvc2", "sha256", "line1", "line2"),
        *("pkcs1", "pkcs8", "pkcs12", "ed25519", "ed448", "x25519", "x509", "k8s", "2fa"),
        *("md5", "sha1", "sha512", "base64", "utf8", "track1", "track2"),
    }
)


def _unglue(word: str) -> str:
    if word in _KEEP_DIGITS or word in ABBREVIATIONS:
        return word
    match = _GLUED_DIGITS.match(word)
    return match.group(1) if match else word


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """Lower-case words of `name`, abbreviations written out (`custMobNo` -> customer mobile
    number)."""
    name = _MIXED.sub(lambda m: m.group(0).capitalize(), name)
    raw = [_unglue(w) for w in split_words(name)]
    raw = [w for w in raw if not w.isdigit()]
    out: list[str] = []
    index = 0
    while index < len(raw):
        word = raw[index]
        following = raw[index + 1] if index + 1 < len(raw) else None
        if following is not None and (word, following) in PAIRS:
            out.extend(PAIRS[word, following])
            index += 2
            continue
        if word in ABBREVIATIONS:
            out.extend(ABBREVIATIONS[word])
        elif out and word in INNER_ABBREVIATIONS:
            out.extend(INNER_ABBREVIATIONS[word])
        elif not out and following is not None and word in LEADING_ABBREVIATIONS:
            out.extend(LEADING_ABBREVIATIONS[word])
        elif word in INITIALS and following in ("name", "nm", "nme"):
            out.extend(INITIALS[word])
        else:
            out.append(word)
        index += 1
    return tuple(out)

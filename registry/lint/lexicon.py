"""English verb forms for the naming rules: is a word a past-tense or a base-form verb?"""

from __future__ import annotations

import difflib
from functools import cache

# base -> past participle (the form audit-event names use); simple past where they differ
# is listed too, since names use either ("began", "begun").
IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("was", "were", "been"),
    "become": ("became", "become"),
    "begin": ("began", "begun"),
    "bind": ("bound",),
    "break": ("broke", "broken"),
    "bring": ("brought",),
    "build": ("built",),
    "buy": ("bought",),
    "catch": ("caught",),
    "choose": ("chose", "chosen"),
    "come": ("came", "come"),
    "cut": ("cut",),
    "deal": ("dealt",),
    "do": ("did", "done"),
    "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"),
    "fall": ("fell", "fallen"),
    "feel": ("felt",),
    "fight": ("fought",),
    "find": ("found",),
    "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"),
    "forget": ("forgot", "forgotten"),
    "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "grow": ("grew", "grown"),
    "hang": ("hung",),
    "have": ("had",),
    "hear": ("heard",),
    "hide": ("hid", "hidden"),
    "hit": ("hit",),
    "hold": ("held",),
    "keep": ("kept",),
    "know": ("knew", "known"),
    "lay": ("laid",),
    "lead": ("led",),
    "leave": ("left",),
    "lend": ("lent",),
    "let": ("let",),
    "lose": ("lost",),
    "make": ("made",),
    "mean": ("meant",),
    "meet": ("met",),
    "overwrite": ("overwrote", "overwritten"),
    "override": ("overrode", "overridden"),
    "pay": ("paid",),
    "prepay": ("prepaid",),
    "put": ("put",),
    "quit": ("quit",),
    "read": ("read",),
    "rebuild": ("rebuilt",),
    "redo": ("redid", "redone"),
    "reset": ("reset",),
    "resend": ("resent",),
    "rewrite": ("rewrote", "rewritten"),
    "ride": ("rode", "ridden"),
    "ring": ("rang", "rung"),
    "rise": ("rose", "risen"),
    "run": ("ran", "run"),
    "say": ("said",),
    "see": ("saw", "seen"),
    "seek": ("sought",),
    "sell": ("sold",),
    "send": ("sent",),
    "set": ("set",),
    "shake": ("shook", "shaken"),
    "shoot": ("shot",),
    "show": ("showed", "shown"),
    "shut": ("shut",),
    "sign": ("signed",),
    "sing": ("sang", "sung"),
    "sit": ("sat",),
    "sleep": ("slept",),
    "speak": ("spoke", "spoken"),
    "spend": ("spent",),
    "split": ("split",),
    "spread": ("spread",),
    "stand": ("stood",),
    "steal": ("stole", "stolen"),
    "stick": ("stuck",),
    "strike": ("struck",),
    "swear": ("swore", "sworn"),
    "swing": ("swung",),
    "take": ("took", "taken"),
    "teach": ("taught",),
    "tear": ("tore", "torn"),
    "tell": ("told",),
    "think": ("thought",),
    "throw": ("threw", "thrown"),
    "undo": ("undid", "undone"),
    "understand": ("understood",),
    "unbind": ("unbound",),
    "unset": ("unset",),
    "upset": ("upset",),
    "wake": ("woke", "woken"),
    "wear": ("wore", "worn"),
    "win": ("won",),
    "withdraw": ("withdrew", "withdrawn"),
    "write": ("wrote", "written"),
    "broadcast": ("broadcast",),
    "forecast": ("forecast",),
    "input": ("input",),
    "output": ("output",),
    "upload": ("uploaded",),
    "download": ("downloaded",),
    "arise": ("arose", "arisen"),
    "awake": ("awoke", "awoken"),
    "bear": ("bore", "borne"),
    "beat": ("beat", "beaten"),
    "bend": ("bent",),
    "bet": ("bet",),
    "bid": ("bid",),
    "bite": ("bit", "bitten"),
    "blow": ("blew", "blown"),
    "burst": ("burst",),
    "cast": ("cast",),
    "cling": ("clung",),
    "cost": ("cost",),
    "dig": ("dug",),
    "dive": ("dove", "dived"),
    "drink": ("drank", "drunk"),
    "feed": ("fed",),
    "flee": ("fled",),
    "fling": ("flung",),
    "forgo": ("forwent", "forgone"),
    "forsake": ("forsook", "forsaken"),
    "grind": ("ground",),
    "hurt": ("hurt",),
    "light": ("lit",),
    "mislead": ("misled",),
    "mistake": ("mistook", "mistaken"),
    "offset": ("offset",),
    "outgrow": ("outgrew", "outgrown"),
    "overrun": ("overran", "overrun"),
    "oversee": ("oversaw", "overseen"),
    "overtake": ("overtook", "overtaken"),
    "prove": ("proved", "proven"),
    "rebind": ("rebound",),
    "recast": ("recast",),
    "reread": ("reread",),
    "rerun": ("reran", "rerun"),
    "resell": ("resold",),
    "retake": ("retook", "retaken"),
    "rethink": ("rethought",),
    "rewind": ("rewound",),
    "shine": ("shone",),
    "shrink": ("shrank", "shrunk"),
    "sink": ("sank", "sunk"),
    "slide": ("slid",),
    "slit": ("slit",),
    "spin": ("spun",),
    "spring": ("sprang", "sprung"),
    "sting": ("stung",),
    "stride": ("strode", "stridden"),
    "strive": ("strove", "striven"),
    "string": ("strung",),
    "sweep": ("swept",),
    "swim": ("swam", "swum"),
    "thrust": ("thrust",),
    "tread": ("trod", "trodden"),
    "undergo": ("underwent", "undergone"),
    "undertake": ("undertook", "undertaken"),
    "underwrite": ("underwrote", "underwritten"),
    "unfreeze": ("unfroze", "unfrozen"),
    "unhide": ("unhid", "unhidden"),
    "unwind": ("unwound",),
    "uphold": ("upheld",),
    "weave": ("wove", "woven"),
    "weep": ("wept",),
    "wind": ("wound",),
    "withhold": ("withheld",),
    "withstand": ("withstood",),
    "wring": ("wrung",),
}

# Regular verbs common in audit events, in base form. Grown from the action words of the
# Okta, WorkOS and OCSF taxonomies (bench/naming/derive_verbs.py lists the words still unknown;
# the nouns among them stay unknown on purpose) and common verbs of audit trails
# (destroy, quarantine, reconcile).
REGULAR = frozenset(
    [
        "abort",
        "accept",
        "access",
        "acknowledge",
        "acquire",
        "activate",
        "add",
        "adjust",
        "allow",
        "allowlist",
        "amend",
        "analyze",
        "annotate",
        "anonymize",
        "answer",
        "append",
        "apply",
        "approve",
        "archive",
        "assign",
        "assume",
        "attach",
        "attempt",
        "attest",
        "audit",
        "authenticate",
        "authorize",
        "backfill",
        "backup",
        "ban",
        "bill",
        "blacklist",
        "block",
        "book",
        "bootstrap",
        "bounce",
        "bypass",
        "cache",
        "call",
        "cancel",
        "capture",
        "certify",
        "challenge",
        "change",
        "charge",
        "check",
        "checkout",
        "claim",
        "classify",
        "clear",
        "click",
        "clone",
        "close",
        "collapse",
        "collect",
        "comment",
        "commit",
        "compact",
        "complete",
        "compress",
        "configure",
        "confirm",
        "connect",
        "consent",
        "consume",
        "convert",
        "copy",
        "create",
        "deactivate",
        "debit",
        "decide",
        "decline",
        "decommission",
        "decrypt",
        "delegate",
        "delete",
        "deny",
        "denylist",
        "deploy",
        "deprecate",
        "deprovision",
        "deregister",
        "destroy",
        "detach",
        "detect",
        "detonate",
        "disable",
        "disallow",
        "disavow",
        "discard",
        "disconnect",
        "discover",
        "dismiss",
        "dispatch",
        "dispute",
        "distribute",
        "downgrade",
        "drop",
        "duplicate",
        "edit",
        "elect",
        "elevate",
        "email",
        "embed",
        "emit",
        "enable",
        "encode",
        "encrypt",
        "end",
        "enforce",
        "enroll",
        "ensure",
        "enter",
        "erase",
        "escalate",
        "escrow",
        "evaluate",
        "evict",
        "exceed",
        "exclude",
        "execute",
        "exempt",
        "expand",
        "expire",
        "export",
        "expose",
        "extend",
        "fail",
        "failback",
        "failover",
        "federate",
        "fetch",
        "fill",
        "filter",
        "finalize",
        "finish",
        "flag",
        "flush",
        "follow",
        "force",
        "fork",
        "format",
        "generate",
        "grant",
        "handle",
        "hash",
        "hibernate",
        "ignore",
        "impersonate",
        "import",
        "impose",
        "inactivate",
        "include",
        "index",
        "ingest",
        "inherit",
        "initiate",
        "inspect",
        "install",
        "instantiate",
        "interact",
        "invalidate",
        "invite",
        "invoke",
        "isolate",
        "issue",
        "join",
        "kick",
        "label",
        "launch",
        "limit",
        "link",
        "list",
        "load",
        "lock",
        "log",
        "login",
        "logoff",
        "logon",
        "logout",
        "manage",
        "map",
        "mark",
        "mask",
        "match",
        "merge",
        "migrate",
        "mint",
        "mirror",
        "modify",
        "monitor",
        "mount",
        "move",
        "mute",
        "notify",
        "nudge",
        "obfuscate",
        "obtain",
        "offboard",
        "onboard",
        "open",
        "order",
        "park",
        "patch",
        "pause",
        "perform",
        "permit",
        "pin",
        "play",
        "poll",
        "populate",
        "post",
        "preview",
        "print",
        "process",
        "promote",
        "provide",
        "provision",
        "prune",
        "publish",
        "purchase",
        "purge",
        "push",
        "quarantine",
        "query",
        "queue",
        "react",
        "reactivate",
        "reassign",
        "reauthenticate",
        "rebalance",
        "receive",
        "recertify",
        "reconcile",
        "reconnect",
        "record",
        "recover",
        "redact",
        "redeem",
        "redeploy",
        "redirect",
        "reenroll",
        "refer",
        "refresh",
        "refund",
        "regenerate",
        "register",
        "reindex",
        "reinstate",
        "reject",
        "relay",
        "release",
        "reload",
        "remediate",
        "remove",
        "rename",
        "render",
        "renew",
        "reopen",
        "reorder",
        "repair",
        "replace",
        "replicate",
        "reply",
        "report",
        "reprocess",
        "request",
        "require",
        "reschedule",
        "rescind",
        "reserve",
        "reshare",
        "resolve",
        "restart",
        "restore",
        "restrict",
        "resubmit",
        "resume",
        "retain",
        "retire",
        "retrieve",
        "retry",
        "return",
        "reveal",
        "revert",
        "revoke",
        "roll",
        "rollback",
        "rollover",
        "rotate",
        "route",
        "sanitize",
        "save",
        "scale",
        "scan",
        "schedule",
        "seal",
        "search",
        "seed",
        "select",
        "serve",
        "settle",
        "share",
        "shorten",
        "shutdown",
        "sign",
        "signin",
        "signon",
        "signout",
        "signup",
        "simulate",
        "skip",
        "snapshot",
        "snooze",
        "sort",
        "spawn",
        "stage",
        "start",
        "stop",
        "store",
        "stream",
        "submit",
        "subscribe",
        "succeed",
        "suppress",
        "suspend",
        "swap",
        "switch",
        "sync",
        "synchronize",
        "tag",
        "terminate",
        "test",
        "throttle",
        "toggle",
        "tokenize",
        "track",
        "transfer",
        "transition",
        "translate",
        "transmit",
        "trigger",
        "truncate",
        "trust",
        "unarchive",
        "unassign",
        "unban",
        "unblock",
        "unenroll",
        "unflag",
        "uninstall",
        "unlink",
        "unlist",
        "unlock",
        "unmap",
        "unmask",
        "unmute",
        "unpin",
        "unpublish",
        "unquarantine",
        "unregister",
        "unseal",
        "unshare",
        "unsubscribe",
        "unsuspend",
        "untag",
        "unwatch",
        "unwhitelist",
        "update",
        "upgrade",
        "upsert",
        "use",
        "validate",
        "verify",
        "vet",
        "view",
        "visit",
        "void",
        "warn",
        "watch",
        "whitelist",
        "wipe",
    ]
)

# Verbs as engineers clip them in names (`user.authentication.auth_via_radius`).
CLIPPED_VERBS = {"auth": "authenticate", "reauth": "reauthenticate", "init": "initialize"}

# Words that modify the verb after them rather than start a noun phrase: `bulk_delete` is the
# verb "bulk-delete" (`bulk_device_delete` still puts its verb last).
VERB_MODIFIERS = frozenset(["bulk", "batch", "mass", "force", "soft", "hard", "auto"])

# Verbs that name one action, in base form. Conservative: verbs that audit taxonomies use for
# distinct things stay apart (`add` is not `create`, `disable` is not `deactivate`, `revoke`
# is not `delete`).
SYNONYM_VERBS: tuple[frozenset[str], ...] = (
    frozenset(["delete", "destroy", "remove", "erase"]),
    frozenset(["update", "modify", "edit", "alter"]),
    frozenset(["begin", "commence", "initiate"]),
    frozenset(["reject", "deny", "decline", "refuse"]),
    frozenset(["cancel", "abort"]),
    frozenset(["get", "fetch", "retrieve"]),
    frozenset(["send", "dispatch"]),
)

# Words of one meaning in category and type names: `user_management` is closer to
# `account_management` than to `change_management`.
SYNONYM_WORDS: tuple[frozenset[str], ...] = (
    frozenset(["user", "account", "identity", "member", "principal", "profile"]),
    frozenset(["login", "logon", "signin", "auth", "authn", "authentication", "mfa", "sso"]),
    frozenset(["authorization", "authz", "permission", "access", "acl", "entitlement"]),
    frozenset(["privilege", "role", "admin", "elevation", "sudo"]),
    frozenset(["configuration", "config", "setting", "settings", "preference"]),
    frozenset(["deployment", "deploy", "release", "rollout"]),
    frozenset(["export", "download", "extract"]),
    frozenset(["change", "modification", "update", "edit"]),
    frozenset(["billing", "payment", "invoice", "subscription", "charge"]),
    frozenset(["communication", "message", "notification", "email", "mail", "sms"]),
    frozenset(["integration", "webhook", "api", "connector", "plugin"]),
    frozenset(["collaboration", "sharing", "share", "comment", "team"]),
    frozenset(["security", "threat", "alert", "incident"]),
    frozenset(["session", "token"]),
    frozenset(["management", "administration", "lifecycle"]),
)


# Head nouns that many categories share: they count half (`role_change` is about roles first).
_GENERIC = frozenset(["change", "management", "data"])


@cache
def _synonym_index() -> dict[str, int]:
    return {word: index for index, group in enumerate(SYNONYM_WORDS) for word in group}


def _concepts(name: str) -> dict[str, float]:
    """The meanings of a name's words (a synonym group, else the word), each with its weight."""
    index = _synonym_index()
    found: dict[str, float] = {}
    for word in name.lower().replace("-", "_").split("_"):
        singular = word.removesuffix("s")
        group = index.get(word, index.get(singular))
        key = singular if group is None else f"#{group}"
        generic = singular in _GENERIC or (
            group is not None and bool(SYNONYM_WORDS[group] & _GENERIC)
        )
        found[key] = 0.5 if generic else 1.0
    return found


def _overlap(one: dict[str, float], other: dict[str, float]) -> float:
    return sum(weight for key, weight in one.items() if key in other)


def closest_by_meaning(word: str, choices: list[str]) -> str | None:
    """The choice sharing the most words of one meaning with `word` (`user_management` ->
    `account_management`), the closest spelling among those; by spelling alone when no choice
    shares a meaning."""
    concepts = _concepts(word)
    scored = [(_overlap(concepts, _concepts(choice)), choice) for choice in choices]
    best = max((score for score, _ in scored), default=0)
    if best == 0:
        close = difflib.get_close_matches(word, choices, n=1)
        return close[0] if close else None
    tied = [choice for score, choice in scored if score == best]
    return max(tied, key=lambda c: difflib.SequenceMatcher(None, word, c).ratio())


@cache
def synonym_group(verb: str) -> int | None:
    """The index of the group of SYNONYM_VERBS the base-form verb belongs to."""
    for index, group in enumerate(SYNONYM_VERBS):
        if verb in group:
            return index
    return None


# Words ending in -ed that are not past-tense verbs.
_ED_NOT_VERBS = frozenset(
    [
        "bed",
        "red",
        "shed",
        "sled",
        "wed",
        "fed",
        "need",
        "seed",
        "feed",
        "speed",
        "breed",
        "bleed",
        "creed",
        "deed",
        "heed",
        "weed",
        "embed",
        "hundred",
        "kindred",
        "naked",
        "wicked",
        "sacred",
        "rugged",
        "ragged",
        "jagged",
        "rated_limit",
    ]
)


@cache
def past_forms() -> frozenset[str]:
    forms = {form for values in IRREGULAR.values() for form in values}
    return frozenset(forms)


def is_past(word: str, extra: frozenset[str] = frozenset()) -> bool:
    if word in extra or word in past_forms():
        return True
    return len(word) > 3 and word.endswith("ed") and word not in _ED_NOT_VERBS


def is_base(word: str, extra: frozenset[str] = frozenset()) -> bool:
    if word in extra or word in REGULAR or word in IRREGULAR or word in CLIPPED_VERBS:
        return True
    for prefix in ("un", "re", "de", "dis", "pre", "auto", "co"):
        rest = word[len(prefix) :]
        if word.startswith(prefix) and (rest in REGULAR or rest in IRREGULAR):
            return True
    return False


def past_of(verb: str) -> str:
    """Best-effort past participle of a base-form verb, for hints."""
    if verb in IRREGULAR:
        return IRREGULAR[verb][-1]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    vowels = "aeiou"
    if (
        len(verb) <= 4
        and len(verb) >= 3
        and verb[-1] not in vowels + "wxy"
        and verb[-2] in vowels
        and verb[-3] not in vowels
    ):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def base_of(word: str) -> str | None:
    """The base form of a past-tense word, when it can be told."""
    for base, forms in IRREGULAR.items():
        if word in forms:
            return base
    if not word.endswith("ed"):
        return None
    for candidate in (word[:-1], word[:-2], word[:-3], word[:-3] + "y"):
        if candidate in REGULAR:
            return candidate
    return word[:-2]

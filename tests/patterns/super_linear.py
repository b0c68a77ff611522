"""Patterns whose matching time grows faster than linearly: every one must be reported.

Each entry names its source: a published incident or advisory (the pattern as published,
written in Python's syntax), a textbook example, or one of the families below.
"""

from __future__ import annotations

PUBLISHED: tuple[tuple[str, str], ...] = (
    (
        "CVE-2020-8492 CPython urllib AbstractBasicAuthHandler",
        r"""(?:.*,)*[ \t]*([^ \t]+)[ \t]+realm=(["']?)([^"']*)\2""",
    ),
    (
        "CVE-2021-23343 path-parse splitPathRe",
        r"^(\/?|)([\s\S]*?)((?:\.{1,2}|[^\/]+?|)(\.[^.\/]*|))(?:[\/]*)$",
    ),
    ("CVE-2021-27290 ssri SRI_REGEX", r"^([a-z0-9]+)-([^?]+)([?\S*]*)$"),
    ("CVE-2020-28469 glob-parent enclosure", r"[\{\[].*[\/]*.*[\}\]]$"),
    ("CVE-2021-23382 postcss sourceMappingURL", r"\/\*\s*# sourceMappingURL=(.*)\s*\*\/"),
    ("CVE-2021-3803 nth-check", r"^([+\-]?\d*n)?\s*(?:([+\-]?)\s*(\d+))?$"),
    ("CVE-2017-16119 fresh", r" *, *"),
    ("CVE-2017-16138 mime", r".*[\.\/\\]"),
    ("Stack Overflow outage 2016-07-20", r"^[\s\u200c]+|[\s\u200c]+$"),
    (
        "Cloudflare outage 2019-07-02",
        r"""(?:(?:\"|'|\]|\}|\\|\d|(?:nan|infinity|true|false|null|undefined|symbol|math)|\`|\-|\+)+[)]*;?((?:\s|-|~|!|{}|\|\||\+)*.*(?:.*=.*)))""",
    ),
    (
        "OWASP ReDoS page: e-mail validation",
        r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
    ),
    ("OWASP ReDoS page: Java class name", r"^(([a-z])+.)+[A-Z]([a-z])+$"),
    ("OWASP ReDoS page: (a+)+", r"^(a+)+$"),
    ("OWASP ReDoS page: ([a-zA-Z]+)*", r"^([a-zA-Z]+)*$"),
    ("OWASP ReDoS page: (a|aa)+", r"^(a|aa)+$"),
    ("OWASP ReDoS page: (a|a?)+", r"^(a|a?)+$"),
    ("OWASP ReDoS page: (.*a){12}", r"^(.*a){12}$"),
    ("Davis et al. 2018: words with optional spaces", r"^(\w+\s?)*$"),
    ("Davis et al. 2018: trailing whitespace trim", r"\s+$"),
    ("Davis et al. 2018: quadratic concatenation", r"^\d+\d+$"),
    ("issue 15 R013 docs", r"^bot_([a-z0-9]+_?)+$"),
    ("backreference to an unbounded group", r"^(\w+)\s+\1$"),
    ("lookahead scanning from every position", r"(?=.*\d)\w"),
    ("lazy repetitions", r"^(?:a+?)+?$"),
    ("overlapping alternation under a star", r"^(?:a|b|ab)*c$"),
    ("nested optional groups", r"^(?:(?:a+)?b?)*$"),
    ("wide bounded nesting", r"^(?:a{1,40}){1,40}$"),
    ("dotted names", r"^([a-z]+\.?)+@example\.com$"),
    ("key=value list", r"^(?:[^=]+=[^;]*;?)*$"),
    ("quoted string with escapes, overlapping", r'^"(?:[^"]|\\.|\\")*"$'),
)

CLASSES = ("a", r"\d", r"\w", "[a-z]", "[0-9a-f]", ".", r"\s", "[^,]", "[A-Za-z0-9_-]", "[ab]")
TEMPLATES = (
    ("family: nested plus", "^({c}+)+$"),
    ("family: nested star", "^({c}*)*$"),
    ("family: overlapping alternation", "^(?:{c}|{c}{c})+$"),
    ("family: optional inside a loop", "^(?:{c}+{c}?)+$"),
    ("family: adjacent loops", "^{c}+{c}+$"),
    ("family: three adjacent loops", "^{c}*{c}*{c}*!$"),
    ("family: unanchored loop then end", "{c}+$"),
    ("family: unanchored loop then a literal", "{c}+;"),
    ("family: separated list", "^(?:{c}+,?)+$"),
    ("family: unanchored bounded-above-32", "{c}{{1,100}}!"),
)


def corpus() -> list[tuple[str, str]]:
    """(source, pattern) rows, at least 100, every one super-linear."""
    published = {pattern for _, pattern in PUBLISHED}
    families = [
        (source, template.format(c=chars)) for source, template in TEMPLATES for chars in CLASSES
    ]
    return [*PUBLISHED, *((s, p) for s, p in families if p not in published)]

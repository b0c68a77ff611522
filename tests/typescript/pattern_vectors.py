"""Conformance vectors of catalog patterns (tests/vectors/patterns_v1.json): a pattern, a value,
and whether the pattern is found in it, as Python's `re` answers (the reference:
`registry_runtime.patterns`). The TypeScript runtime must give every verdict (the pattern as
`registry.generate.typescript_patterns` writes it). Run as a script (or the tests with
``--update-goldens``) to rewrite the file; review the diff: a changed verdict is a change of
meaning.

The cases are where JavaScript reads the same text otherwise: ``$`` before a final line break,
line anchors and ``.`` at ``\\r`` and U+2028, Unicode ``\\d`` ``\\w`` ``\\s`` ``\\b``, case folding
(Kelvin sign, long s, final sigma, dotted I, ASCII-only folding), inline and scoped flags,
named groups, atomic groups and possessive repeats, an open minimum ``{,n}``, astral
characters and lone surrogates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from registry_runtime.patterns import pattern_search

VECTORS = Path(__file__).parents[1] / "vectors" / "patterns_v1.json"

CASES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("^app_[a-z0-9]{6,}$", ("app_abcdef", "app_abcdef\n", "app_abcdef\n\n", "app_abcdef\r",
                            "app_abcdef\u2028", "app_abcdef\r\n"), "$ before a final newline"),
    ("^$", ("", "\n", "\n\n", "\r"), "$ of an empty value"),
    ("a$", ("a\nb", "ba\n"), "$ only before the last line break"),
    (r"\Aab\Z", ("ab", "ab\n", "xab"), "\\A and \\Z"),
    ("(?m)^b$", ("a\nb\nc", "a\rb\rc", "a\u2028b\u2029c", "a\r\nb\r\nc", "b\n"), "MULTILINE"),
    ("a.c", ("abc", "a\nc", "a\rc", "a\u2028c", "a\u2029c", "a\U0001f600c", "a\ud800c"), "dot"),
    ("(?s)a.c", ("a\nc", "a\rc"), "DOTALL"),
    ("^.$", ("\U0001f600", "\ud800", "\n"), "one code point"),
    ("^..$", ("\U0001f600", "\U0001f600\U0001f600"[:1] + "x"), "two code points"),
    (r"^\d+$", ("123", "\u0661\u0662\u0663", "\u00b2", "\U0001d7d8", "\u2167", "\uff11"),
     "\\d is Unicode Nd"),
    (r"^\D$", ("\u0663", "a", "\u00b2"), "\\D"),
    (r"^\w+$", ("\u00e9", "\u00f1and\u00fa", "\u65e5\u672c", "a-b", "\u216b", "\u0663", "_",
                "\u00b2", "\u200d", "\U0001d400", "\u02b0", "\u0301"), "\\w is Unicode"),
    (r"^\W$", ("\u00e9", "-", "\u200d"), "\\W"),
    (r"^\s$", ("\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\ufeff", "\xa0", "\u2028", "\u180e",
               "\x0b", "\x0c", "\u3000", "\u200b"), "\\s is Python's"),
    (r"^\S$", ("\x85", "\ufeff", "\x1c"), "\\S"),
    (r"\bcaf\u00e9\b", ("un caf\u00e9 noir", "caf\u00e9s", "xcaf\u00e9"), "\\b at non-ASCII"),
    (r"\bx", ("\u00e9x", " x", "\u0663x"), "\\b after a non-ASCII letter or digit"),
    (r"x\B", ("x\u00e9", "x ", "x"), "\\B"),
    (r"\B", ("", "ab", " "), "\\B in an empty value"),
    (r"(?a)^\w$", ("\u00e9", "a"), "ASCII flag"),
    (r"(?a:\d)\d", ("1\u0663", "\u06631"), "scoped ASCII flag"),
    ("(?i)^k$", ("K", "k", "\u212a"), "Kelvin sign folds to k"),
    ("(?i)^s$", ("S", "\u017f"), "long s folds to s"),
    ("(?i)^\u03c3$", ("\u03a3", "\u03c2"), "final sigma"),
    ("(?i)^i$", ("I", "\u0130", "\u0131"), "dotted and dotless I"),
    ("(?i)^\u00df$", ("\u1e9e", "SS"), "sharp s: no multi-character folding"),
    ("(?ia)^k$", ("\u212a", "K"), "ASCII-only folding"),
    ("(?i)^[a-z]+$", ("\u00c0B", "AbC", "\u212a", "\u017f"), "folded range"),
    ("(?i)[^a]", ("A", "a", "b"), "folded negated class"),
    ("(?i)^\u00e9$", ("\u00c9",), "non-ASCII folding"),
    ("a(?i:b)c", ("aBc", "ABc", "abC"), "scoped IGNORECASE"),
    ("(?i)a(?-i:b)c", ("AbC", "ABC"), "IGNORECASE turned off in a group"),
    ("^(?P<x>ab)+$", ("abab", "aba"), "named group"),
    ("^a++a$", ("aaa", "a"), "possessive repeat"),
    ("^(?>a|ab)c$", ("abc", "ac"), "atomic group"),
    ("^(?:a|ab)c$", ("abc", "ac"), "the same group not atomic"),
    (r"(?<=\d)x", ("\u0663x", "ax"), "lookbehind with \\d"),
    (r"x(?!\w)", ("x\u00e9", "x."), "negative lookahead with \\w"),
    ("^[\U0001f600-\U0001f602]$", ("\U0001f601", "\U0001f603"), "astral range"),
    ("^[^a]$", ("\U0001f600", "a", "\udc00"), "negated class on astral and lone surrogate"),
    ("^\\u00e9\\U0001F600$", ("\u00e9\U0001f600",), "escapes in the pattern"),
    ("^a{,2}$", ("", "aa", "aaa"), "open minimum"),
    (r"^a\-b$", ("a-b",), "\\- (refused by JavaScript's Unicode mode)"),
    ("^[-a]$", ("-", "b"), "a hyphen in a class"),
    ("(?x) a b  # comment", ("ab", "a b"), "VERBOSE"),
    ("^a*?$", ("aaa", "b"), "lazy repeat"),
    ("^(a|b)*c{2,3}$", ("abcc", "cccc"), "bounded repeat"),
    ("[/]", ("/",), "slash"),
    (r"\x00", ("a\x00",), "NUL"),
)  # fmt: skip


def build() -> dict[str, Any]:
    cases = []
    for pattern, values, note in CASES:
        search = pattern_search(pattern, re2=False)
        for value in values:
            cases.append({"pattern": pattern, "value": value, "found": search(value), "note": note})
    return {
        "about": (
            "Catalog patterns (Python re) searched in values: 'found' is Python's verdict, "
            "which every runtime must give (tests/typescript/pattern_vectors.py)."
        ),
        "cases": cases,
    }


def dump(vectors: dict[str, Any]) -> str:
    return json.dumps(vectors, indent=1, ensure_ascii=True) + "\n"


if __name__ == "__main__":
    VECTORS.write_text(dump(build()), "utf-8")
    sys.stdout.write(f"wrote {VECTORS}\n")

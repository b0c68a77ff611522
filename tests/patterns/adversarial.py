"""Hostile inputs for a pattern, built from its own characters plus a failing suffix."""

from __future__ import annotations

from collections import Counter

from registry.catalog.pattern_nfa import Budget, Builder, CharSet, intersects, parse

SIZE = 100_000
_SUFFIXES = ("\x00", "!", "\u2603", "~", "\n", "#")


def _representative(chars: CharSet) -> str:
    """A character of the set, printable ASCII when the set has one."""
    for lo, hi in chars:
        if hi >= 0x21 and lo <= 0x7E:
            return chr(max(lo, 0x21))
    return chr(chars[0][0]) if chars else "a"


def inputs(pattern: str) -> list[str]:
    """About 100 KB each: the pattern's characters in order, cycled; its two most common
    characters repeated; each ends with a character no position of the pattern takes."""
    tree, repeats, groups = parse(pattern)
    nfa = Builder(repeats, groups, Budget(10**7)).build(list(tree), tree.state.flags, False)
    walk = "".join(_representative(chars) for chars in nfa.classes) or "a"
    suffix = next(
        (s for s in _SUFFIXES if not any(intersects(c, ((ord(s), ord(s)),)) for c in nfa.classes)),
        "",
    )
    common = [char for char, _ in Counter(walk).most_common(2)]
    bodies = [walk * (SIZE // len(walk) + 1), *(char * SIZE for char in common)]
    return [body[:SIZE] + suffix for body in bodies]

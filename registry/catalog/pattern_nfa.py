"""A regular expression as a position automaton (Glushkov), for the slow-pattern analysis.

Built over Python's own parser (`re._parser`), so the syntax is exactly what the generated
emitters compile. Every character-consuming atom is a position; the automaton has no
epsilon moves. Zero-width assertions are passable (the analysis over-approximates) but mark
the end of a match as conditional. Repetitions bounded by more than `LOOP_BOUND` are loops:
a backtracking engine spends work proportional to the bound, which on long inputs behaves
like an unbounded repetition. Size is bounded: `TooComplex` past `MAX_POSITIONS`.

`registry.catalog.patterns` does the ambiguity analysis over this automaton.
"""

from __future__ import annotations

import array
import functools
import importlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

sre: Any = importlib.import_module("re._constants")  # the parser's opcodes
sre_parse: Any = importlib.import_module("re._parser")  # Python's own regex parser

CharSet = tuple[tuple[int, int], ...]
"""Sorted, disjoint, inclusive code point ranges."""

LOOP_BOUND = 32
"""A repetition with more than this many optional iterations is analysed as a loop."""
EXACT_COPIES = 64
"""Mandatory iterations expanded exactly; a repetition with more is analysed as a loop."""
MAX_POSITIONS = 3000
UNBOUNDED = 1 << 64
"""The upper bound of `*`, `+` and `{m,}` in `Repeat`."""

_TOP = 0x10FFFF
ALL: CharSet = ((0, _TOP),)


class TooComplex(Exception):
    """The pattern's automaton exceeds the analysis budget."""


class Budget:
    """Units of work left for one pattern's analysis (positions built, pairs explored)."""

    def __init__(self, units: int) -> None:
        self.left = units

    def spend(self, units: int) -> None:
        self.left -= units
        if self.left < 0:
            raise TooComplex


def _norm(ranges: list[tuple[int, int]]) -> CharSet:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return tuple(merged)


def complement(chars: CharSet) -> CharSet:
    gaps, at = [], 0
    for lo, hi in chars:
        if lo > at:
            gaps.append((at, lo - 1))
        at = hi + 1
    if at <= _TOP:
        gaps.append((at, _TOP))
    return tuple(gaps)


def intersects(a: CharSet, b: CharSet) -> bool:
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] < b[j][0]:
            i += 1
        elif b[j][1] < a[i][0]:
            j += 1
        else:
            return True
    return False


@functools.cache
def all_code_points() -> str:
    """Every code point, in order (UTF-32 decoding is far faster than joining chr())."""
    codes = array.array("I", range(_TOP + 1))
    if codes.itemsize != 4:  # pragma: no cover - no platform we support
        return "".join(map(chr, range(_TOP + 1)))
    encoding = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
    return codes.tobytes().decode(encoding, "surrogatepass")


@functools.cache
def _category(name: str, ascii_only: bool) -> CharSet:
    """The code points of a class escape, as Python's `re` itself matches them."""
    escape = {"DIGIT": r"\d", "SPACE": r"\s", "WORD": r"\w", "LINEBREAK": r"\n"}[name]
    flags = re.ASCII if ascii_only else 0
    runs = re.finditer(f"{escape}+", all_code_points(), flags)
    return tuple((m.start(), m.end() - 1) for m in runs)


def _fold(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Add the other cases of the characters in `ranges` (IGNORECASE); a range too wide to
    walk is kept as it is (it overlaps most sets anyway)."""
    extra = []
    for lo, hi in ranges:
        if hi - lo > 4096:
            continue
        for code in range(lo, hi + 1):
            char = chr(code)
            for other in (char.lower(), char.upper(), char.casefold()):
                if len(other) == 1 and other != char:
                    extra.append((ord(other), ord(other)))
    return ranges + extra


def _in_set(items: list[tuple[Any, Any]], flags: int) -> CharSet:
    ranges: list[tuple[int, int]] = []
    negate = False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            ranges.append((av, av))
        elif op is sre.RANGE:
            ranges.append((av[0], av[1]))
        elif op is sre.CATEGORY:
            name = str(av).removeprefix("CATEGORY_")
            base = name.removeprefix("NOT_")
            chars = _category(base, bool(flags & re.ASCII))
            ranges.extend(complement(chars) if name != base else chars)
        else:  # an opcode this Python's parser does not emit inside a set: anything
            ranges.append((0, _TOP))
    if flags & re.IGNORECASE:
        ranges = _fold(ranges)
    chars = _norm(ranges)
    return complement(chars) if negate else chars


@dataclass(frozen=True, slots=True)
class Repeat:
    """A quantifier of the pattern, in source order (post-order of the parse tree)."""

    index: int
    lo: int
    hi: int
    kind: str  # "greedy", "lazy" or "possessive"


@dataclass(slots=True)
class Fragment:
    first: set[int]
    last: dict[int, bool]
    """Positions that can end the fragment, and whether they do so with no assertion after."""
    nullable: bool
    surely_nullable: bool


@dataclass(slots=True)
class Nfa:
    classes: list[CharSet] = field(default_factory=list)
    follow: list[dict[int, set[int]]] = field(default_factory=list)
    """Per position: the positions that can come next, each with the ways it can (0: in
    sequence, n + 1: by repeat n looping, -1: the search moving on); two ways between the
    same positions are two paths for a backtracking engine (`(a+)+`)."""
    loops: list[tuple[int, ...]] = field(default_factory=list)
    """Per position: the loop repeats enclosing it, outermost first (-1: the search's own)."""
    atomic: list[frozenset[int]] = field(default_factory=list)
    first: set[int] = field(default_factory=set)
    final: dict[int, bool] = field(default_factory=dict)
    """Positions that end a match; True when no assertion can still fail after them."""
    bodies: list[tuple[list[Any], int, bool]] = field(default_factory=list)
    """Atomic, possessive and lookaround bodies (items, flags, evaluated repeatedly)."""
    backrefs: list[int] = field(default_factory=list)
    """Groups of unbounded width that a backreference repeats."""


@dataclass(slots=True)
class _Context:
    flags: int
    loops: tuple[int, ...] = ()
    atomic: frozenset[int] = frozenset()


class Builder:
    """Builds the automaton of one (sub)pattern; `repeats` maps parse nodes to quantifiers."""

    def __init__(self, repeats: dict[int, Repeat], groups: dict[int, Any], budget: Budget) -> None:
        self.nfa = Nfa()
        self.repeats = repeats
        self.groups = groups
        self.budget = budget
        self._atomic_ids = 0
        self._everywhere = False

    def build(self, items: list[Any], flags: int, search: bool) -> Nfa:
        nfa = self.nfa
        self._everywhere = search and not _anchored(items, flags)
        fragment = self._sequence(items, _Context(flags))
        nfa.first = set(fragment.first)
        nfa.final = dict(fragment.last)
        if self._everywhere:
            sigma = self._position(ALL, _Context(flags, (-1,)))
            nfa.follow[sigma] = {sigma: {-1}}
            self._link([sigma], fragment.first, 0)
            nfa.first.add(sigma)
        return nfa

    def _position(self, chars: CharSet, ctx: _Context) -> int:
        nfa = self.nfa
        if len(nfa.classes) >= MAX_POSITIONS:
            raise TooComplex
        self.budget.spend(1)
        nfa.classes.append(chars)
        nfa.follow.append({})
        nfa.loops.append(ctx.loops)
        nfa.atomic.append(ctx.atomic)
        return len(nfa.classes) - 1

    def _atom(self, chars: CharSet, ctx: _Context) -> Fragment:
        position = self._position(chars, ctx)
        return Fragment({position}, {position: True}, False, False)

    def _sequence(self, items: Any, ctx: _Context) -> Fragment:
        result = Fragment(set(), {}, True, True)
        for item in items:
            result = self._concat(result, self._item(item, ctx))
        return result

    def _concat(self, a: Fragment, b: Fragment) -> Fragment:
        self._link(a.last, b.first, 0)
        last = dict(b.last)
        if b.nullable:
            for position, sure in a.last.items():
                last[position] = last.get(position, False) or (sure and b.surely_nullable)
        return Fragment(
            a.first | b.first if a.nullable else set(a.first),
            last,
            a.nullable and b.nullable,
            a.surely_nullable and b.surely_nullable,
        )

    def _item(self, item: tuple[Any, Any], ctx: _Context) -> Fragment:
        op, av = item
        flags = ctx.flags
        if op is sre.LITERAL:
            return self._atom(_in_set([(op, av)], flags), ctx)
        if op is sre.NOT_LITERAL:
            return self._atom(complement(_in_set([(sre.LITERAL, av)], flags)), ctx)
        if op is sre.ANY:
            newline = ord("\n")
            chars = ALL if flags & re.DOTALL else complement(((newline, newline),))
            return self._atom(chars, ctx)
        if op is sre.IN:
            return self._atom(_in_set(av, flags), ctx)
        if op is sre.BRANCH:
            return self._union([self._sequence(branch, ctx) for branch in av[1]])
        if op is sre.SUBPATTERN:
            _, add, remove, body = av
            return self._sequence(body, _Context((flags | add) & ~remove, ctx.loops, ctx.atomic))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            return self._repeat(op, av, ctx)
        if op is sre.ATOMIC_GROUP:
            self.nfa.bodies.append((av, flags, bool(ctx.loops)))
            return self._sequence(av, self._inside_atomic(ctx))
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            self.nfa.bodies.append((av[1], flags, self._everywhere or bool(ctx.loops)))
            return Fragment(set(), {}, True, False)
        if op is sre.GROUPREF:
            body = self.groups.get(av)
            chars = self._chars_of(body, flags) if body is not None else ALL
            if body is not None and body.getwidth()[1] >= sre.MAXREPEAT:
                self.nfa.backrefs.append(av)
            return self._atom(chars, ctx)
        if op is sre.GROUPREF_EXISTS:
            _, yes, no = av
            branches = [self._sequence(yes, ctx)]
            branches.append(self._sequence(no, ctx) if no is not None else self._sequence([], ctx))
            return self._union(branches)
        # AT (anchors and word boundaries), FAILURE and anything newer: zero width
        return Fragment(set(), {}, True, False)

    def _link(self, sources: Iterable[int], targets: set[int], way: int) -> None:
        follow = self.nfa.follow
        for source in sources:
            for target in targets:
                follow[source].setdefault(target, set()).add(way)

    def _inside_atomic(self, ctx: _Context) -> _Context:
        self._atomic_ids += 1
        return _Context(ctx.flags, ctx.loops, ctx.atomic | {self._atomic_ids})

    def _union(self, fragments: list[Fragment]) -> Fragment:
        last: dict[int, bool] = {}
        for fragment in fragments:
            for position, sure in fragment.last.items():
                last[position] = last.get(position, False) or sure
        return Fragment(
            set().union(*(f.first for f in fragments)),
            last,
            any(f.nullable for f in fragments),
            any(f.surely_nullable for f in fragments),
        )

    def _repeat(self, op: Any, av: tuple[int, int, Any], ctx: _Context) -> Fragment:
        lo, hi, body = av
        if op is sre.POSSESSIVE_REPEAT:
            self.nfa.bodies.append(([(sre.MAX_REPEAT, av)], ctx.flags, bool(ctx.loops)))
            ctx = self._inside_atomic(ctx)
        looped = hi >= sre.MAXREPEAT or hi - lo > LOOP_BOUND or lo > EXACT_COPIES
        mandatory = min(lo, LOOP_BOUND)
        result = Fragment(set(), {}, True, True)
        if looped:
            for _ in range(max(mandatory - 1, 0)):
                result = self._concat(result, self._sequence(body, ctx))
            inner = _Context(ctx.flags, (*ctx.loops, self.repeats[id(av)].index), ctx.atomic)
            loop = self._sequence(body, inner)
            self._link(loop.last, loop.first, self.repeats[id(av)].index + 1)
            if mandatory == 0:
                loop = Fragment(loop.first, loop.last, True, True)
            return self._concat(result, loop)
        for _ in range(lo):
            result = self._concat(result, self._sequence(body, ctx))
        optional = Fragment(set(), {}, True, True)
        for _ in range(hi - lo):  # nested: (x(x(x)?)?)?, not x?x?x? (which is ambiguous)
            copy = self._concat(self._sequence(body, ctx), optional)
            optional = Fragment(copy.first, copy.last, True, True)
        return self._concat(result, optional)

    def _chars_of(self, items: Any, flags: int) -> CharSet:
        """Every character a (sub)pattern can consume, for a backreference to it."""
        ranges: list[tuple[int, int]] = []
        probe = Builder(self.repeats, self.groups, self.budget)
        try:
            probe._sequence(items, _Context(flags))
        except TooComplex:
            return ALL
        for chars in probe.nfa.classes:
            ranges.extend(chars)
        return _norm(ranges)


def _anchored(items: Any, flags: int) -> bool:
    """Whether every match must start at the beginning of the text (a search then makes
    one attempt)."""
    for op, av in items:
        if op is sre.AT:
            return av is sre.AT_BEGINNING_STRING or (
                av is sre.AT_BEGINNING and not flags & re.MULTILINE
            )
        if op is sre.SUBPATTERN:
            return _anchored(av[3], (flags | av[1]) & ~av[2])
        if op is sre.ATOMIC_GROUP:
            return _anchored(av, flags)
        if op is sre.BRANCH:
            return all(_anchored(branch, flags) for branch in av[1])
        return False
    return False


def parse(pattern: str) -> tuple[Any, dict[int, Repeat], dict[int, Any]]:
    """The parse tree, its quantifiers by node and its groups by number."""
    tree = sre_parse.parse(pattern, 0)
    repeats: dict[int, Repeat] = {}
    groups: dict[int, Any] = {}
    kinds = {sre.MAX_REPEAT: "greedy", sre.MIN_REPEAT: "lazy", sre.POSSESSIVE_REPEAT: "possessive"}

    def walk(items: Any) -> None:
        for op, av in items:
            if op in kinds:
                walk(av[2])
                hi = UNBOUNDED if av[1] >= sre.MAXREPEAT else av[1]
                repeats[id(av)] = Repeat(len(repeats), av[0], hi, kinds[op])
            elif op is sre.SUBPATTERN:
                if av[0] is not None:
                    groups[av[0]] = av[3]
                walk(av[3])
            elif op is sre.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op is sre.ATOMIC_GROUP:
                walk(av)
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                walk(av[1])
            elif op is sre.GROUPREF_EXISTS:
                walk(av[1])
                if av[2] is not None:
                    walk(av[2])

    walk(tree)
    return tree, repeats, groups

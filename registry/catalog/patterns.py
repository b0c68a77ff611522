"""Which catalog patterns can make a backtracking engine take super-linear time (R013).

The analysis is the ambiguity test of Weideman et al. (2016) over the position automaton of
`registry.catalog.pattern_nfa`, as a search (a pattern without `^` is tried from every start
position, the way the emitters and check-events call `search`):

- exponential: two different paths from a looping position back to itself read the same
  text (`(a+)+`, `(a|a)*`), so a failing match retries every way of splitting it;
- polynomial: a loop, then a path to another loop, then that loop, all reading the same text
  (`\\d+\\d+x`, or `[a-z]+x` searched: the search itself is the first loop);
- a backreference to a group of unbounded length, and a lookaround whose body scans an
  unbounded stretch when it is evaluated at every position.

A blow-up needs a way to fail after the loop: a loop that ends the match for sure (`\\d+`
alone, `(a+)+` unanchored at the end) stops at the first attempt and is not reported.
Atomic groups and possessive quantifiers commit to their first match, so their bodies are
analysed on their own. Everything runs within a budget of work: a pattern beyond it is
reported as too complex to prove safe.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from registry.catalog.pattern_nfa import (
    UNBOUNDED,
    Budget,
    Builder,
    Nfa,
    Repeat,
    TooComplex,
    intersects,
    parse,
)

_N = TypeVar("_N", bound=Hashable)
_BUDGET = 400_000
_BRACE = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_FIX_NESTING = (
    "make the repetition unambiguous: remove the nesting (`(a+)+` is `a+`), make the "
    "alternatives exclusive, or make the inner part possessive or atomic (`a++`, `(?>...)`)"
)
_FIX_OVERLAP = (
    "merge the overlapping repetitions into one, make one exclude the other's characters, "
    "or bound it (`{1,32}`)"
)
_FIX_SEARCH = (
    "anchor the pattern with `^` (the search then tries one start position) or bound the "
    "repetition (`{1,32}`)"
)


@dataclass(frozen=True, slots=True)
class SlowPattern:
    """Why a pattern is slow: the offset of the quantifier at fault (None when unknown), the
    construct and why it is slow, and how to rewrite it."""

    offset: int | None
    message: str
    hint: str


@dataclass(frozen=True, slots=True)
class _Quantifier:
    offset: int
    atom: int
    lo: int
    hi: int
    kind: str


@functools.lru_cache(maxsize=4096)
def slow_pattern(pattern: str) -> SlowPattern | None:
    """Why matching `pattern` (already known to compile) can take super-linear time, or None."""
    try:
        tree, repeats, groups = parse(pattern)
    except (RecursionError, re.error):  # nesting beyond the parser: not ours to judge
        return None
    by_index = sorted(repeats.values(), key=lambda r: r.index)
    quantifiers = _align(by_index, _quantifiers(pattern, bool(tree.state.flags & re.VERBOSE)))
    found = _Found(pattern, quantifiers)
    try:
        return _analyse(tree, repeats, groups, found)
    except (TooComplex, RecursionError):
        return SlowPattern(
            None,
            "pattern is too complex to prove that it matches in linear time",
            "split it into simpler patterns or shorten it",
        )


def _analyse(
    tree: object, repeats: dict[int, Repeat], groups: dict[int, object], found: _Found
) -> SlowPattern | None:
    budget = Budget(_BUDGET)
    flags = tree.state.flags  # type: ignore[attr-defined]
    nfa = Builder(repeats, groups, budget).build(list(tree), flags, search=True)  # type: ignore[call-overload]
    verdict = _verdict(nfa, budget, found)
    if verdict is not None:
        return verdict
    if nfa.backrefs:
        return SlowPattern(
            None,
            f"backreference to group {nfa.backrefs[0]}, which has no length limit: a failing "
            "match compares it again for every length the group can take",
            "bound the group's repetitions or match the repeated text without a backreference",
        )
    seen: set[int] = set()
    bodies = list(nfa.bodies)
    while bodies:
        items, body_flags, everywhere = bodies.pop()
        if id(items) in seen:
            continue
        seen.add(id(items))
        inner = Builder(repeats, groups, budget).build(items, body_flags, search=False)
        bodies.extend(inner.bodies)
        verdict = _verdict(inner, budget, found)
        if verdict is None and everywhere:
            verdict = _scanning(inner, found)
        if verdict is not None:
            return verdict
    return None


class _Found:
    """Messages about quantifiers, named by their text in the pattern."""

    def __init__(self, pattern: str, quantifiers: dict[int, _Quantifier]) -> None:
        self.pattern = pattern
        self.quantifiers = quantifiers

    def at(self, repeat: int, message: Callable[[str], str], hint: str) -> SlowPattern:
        quantifier = self.quantifiers.get(repeat)
        if quantifier is None:
            return SlowPattern(None, message("a repetition"), hint)
        end = _quantifier_end(self.pattern, quantifier.offset)
        construct = self.pattern[quantifier.atom : end]
        if len(construct) > 40:
            construct = "..." + self.pattern[max(quantifier.offset - 20, 0) : end]
        return SlowPattern(quantifier.offset, message(f"`{construct}`"), hint)


def _verdict(nfa: Nfa, budget: Budget, found: _Found) -> SlowPattern | None:
    component = _components(range(len(nfa.classes)), lambda p: iter(nfa.follow[p]))
    cyclic = [p for p in range(len(nfa.classes)) if _cyclic(nfa, component, p)]
    pairs = _Pairs(nfa, budget)
    for q in _exponential(cyclic, component, pairs, nfa):
        return found.at(
            nfa.loops[q][0],
            lambda c: (
                f"{c} can match the same text in many ways (nested or overlapping "
                "repetition): a failing match retries every way, in exponential time"
            ),
            _FIX_NESTING,
        )
    for a, b in _polynomial(cyclic, component, pairs, nfa):
        loop = next((r for r in nfa.loops[b] if r not in nfa.loops[a]), nfa.loops[b][-1])
        if nfa.loops[a] == (-1,):
            return found.at(
                loop,
                lambda c: (
                    f"{c} can match from every start position of the search, and "
                    "fails only after scanning to the end of the repetition: quadratic time"
                ),
                _FIX_SEARCH,
            )
        return found.at(
            loop,
            lambda c: (
                f"{c} can match the same text as a repetition before it: a failing "
                "match retries every split between them, in polynomial time"
            ),
            _FIX_OVERLAP,
        )
    return None


def _scanning(nfa: Nfa, found: _Found) -> SlowPattern | None:
    """A lookaround tried at every position whose body scans an unbounded stretch."""
    component = _components(range(len(nfa.classes)), lambda p: iter(nfa.follow[p]))
    for p in range(len(nfa.classes)):
        if _cyclic(nfa, component, p) and not nfa.final.get(p):
            return found.at(
                nfa.loops[p][0],
                lambda c: (
                    f"{c} inside a lookaround that is evaluated at every position "
                    "scans an unbounded stretch each time: quadratic time"
                ),
                "anchor the pattern with `^` or bound the repetition inside the lookaround",
            )
    return None


def _cyclic(nfa: Nfa, component: dict[int, int], p: int) -> bool:
    return any(component[s] == component[p] for s in nfa.follow[p])


class _Pairs:
    """The product of the automaton with itself: two paths reading the same text."""

    def __init__(self, nfa: Nfa, budget: Budget) -> None:
        self.nfa = nfa
        self.budget = budget
        self._overlap: dict[tuple[int, int], bool] = {}

    def overlap(self, x: int, y: int) -> bool:
        key = (x, y) if x < y else (y, x)
        known = self._overlap.get(key)
        if known is None:
            known = self._overlap[key] = x == y or intersects(
                self.nfa.classes[x], self.nfa.classes[y]
            )
        return known

    def successors(
        self, x: int, y: int, keep_x: Callable[[int], bool], keep_y: Callable[[int], bool]
    ) -> Iterator[tuple[tuple[int, int], bool]]:
        """The next pairs, each with whether the two paths part there (different positions,
        or the same position by different ways)."""
        nfa = self.nfa
        follow_y = [t for t in nfa.follow[y] if keep_y(t)]
        committed = nfa.atomic[x] if x == y else frozenset()
        self.budget.spend(1 + len(follow_y))
        for s, ways in nfa.follow[x].items():
            if not keep_x(s):
                continue
            self.budget.spend(len(follow_y))
            for t in follow_y:
                if not self.overlap(s, t):
                    continue
                parting = x == y and (s != t or len(ways) > 1)
                if parting and committed and committed & (nfa.atomic[s] | nfa.atomic[t]):
                    continue  # one atomic group, entered together: one way through it
                yield (s, t), parting

    def reach(
        self,
        start: tuple[int, int],
        keep_x: Callable[[int], bool],
        keep_y: Callable[[int], bool],
    ) -> dict[tuple[int, int], list[tuple[tuple[int, int], bool]]]:
        graph: dict[tuple[int, int], list[tuple[tuple[int, int], bool]]] = {start: []}
        stack = [start]
        while stack:
            node = stack.pop()
            edges = graph[node] = list(self.successors(*node, keep_x, keep_y))
            for edge, _ in edges:
                if edge not in graph:
                    graph[edge] = []
                    stack.append(edge)
        return graph


def _exponential(
    cyclic: list[int], component: dict[int, int], pairs: _Pairs, nfa: Nfa
) -> Iterator[int]:
    """Looping positions with two different paths back to themselves on the same text."""
    done: set[int] = set()
    for q in cyclic:
        if component[q] in done:
            continue
        done.add(component[q])
        home = component[q]

        inside = functools.partial(_within, component, home)
        graph: dict[tuple[int, int], list[tuple[tuple[int, int], bool]]] = {}
        for p in cyclic:
            if component[p] == home and (p, p) not in graph:
                graph.update(pairs.reach((p, p), inside, inside))
        groups = _components(graph, functools.partial(_targets, graph))
        mixed = {groups[(x, y)] for (x, y) in graph if x != y}
        mixed |= {
            groups[node]
            for node, edges in graph.items()
            for edge, parting in edges
            if parting and groups[edge] == groups[node]
        }
        for (x, y), group in groups.items():
            if x == y and group in mixed and not nfa.final.get(x):
                yield x


def _targets(
    graph: dict[tuple[int, int], list[tuple[tuple[int, int], bool]]], node: tuple[int, int]
) -> Iterator[tuple[int, int]]:
    return (edge for edge, _ in graph[node])


def _polynomial(
    cyclic: list[int], component: dict[int, int], pairs: _Pairs, nfa: Nfa
) -> Iterator[tuple[int, int]]:
    """Loops a then b (different components) that can read the same text: a to a, a to b
    and b to b (checked as two pair walks, an over-approximation of one three-path walk)."""
    pumped = [p for p in cyclic if not nfa.final.get(p)]
    pumped_set = set(pumped)
    for a in pumped:
        home = component[a]
        ahead = pairs.reach((a, a), functools.partial(_within, component, home), _anywhere)
        for x, b in ahead:
            if x != a or b not in pumped_set or component[b] == home:
                continue
            there = component[b]
            onward = pairs.reach((a, b), _anywhere, functools.partial(_within, component, there))
            if (b, b) in onward:
                yield a, b


def _within(component: dict[int, int], home: int, position: int) -> bool:
    return component[position] == home


def _anywhere(_: int) -> bool:
    return True


def _components(nodes: Iterable[_N], successors: Callable[[_N], Iterator[_N]]) -> dict[_N, int]:
    """Strongly connected components (iterative Tarjan): node -> component number."""
    index: dict[_N, int] = {}
    low: dict[_N, int] = {}
    component: dict[_N, int] = {}
    stack: list[_N] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, successors(root))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, edges = work[-1]
            for edge in edges:
                if edge not in index:
                    index[edge] = low[edge] = len(index)
                    stack.append(edge)
                    work.append((edge, successors(edge)))
                    break
                if edge not in component:
                    low[node] = min(low[node], index[edge])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    number = len(set(component.values()))
                    while True:
                        member = stack.pop()
                        component[member] = number
                        if member == node:
                            break
    return component


# -- where the quantifiers are in the pattern's text ------------------------------------------


def _quantifiers(pattern: str, verbose: bool) -> list[_Quantifier]:
    """The quantifiers of `pattern` in source order, each with the start of its atom."""
    found: list[_Quantifier] = []
    opened: list[int] = []
    atom: int | None = None
    at, end = 0, len(pattern)
    while at < end:
        char = pattern[at]
        if verbose and char.isspace():
            at += 1
        elif verbose and char == "#":
            newline = pattern.find("\n", at)
            at = end if newline < 0 else newline + 1
        elif char == "\\":
            atom = at
            close = pattern.find("}", at) if pattern.startswith("N{", at + 1) else -1
            at = close + 1 if close >= 0 else at + 2
        elif char == "[":
            atom = at
            at = _class_end(pattern, at)
        elif char == "(" and pattern.startswith("(?#", at):
            close = pattern.find(")", at)
            at = end if close < 0 else close + 1
        elif char == "(":
            opened.append(at)
            atom = None
            at += 2 if pattern.startswith("?", at + 1) else 1
        elif char == ")":
            atom = opened.pop() if opened else at
            at += 1
        elif atom is not None and (char in "*+?" or _BRACE.match(pattern, at)):
            lo, hi, stop = _bounds(pattern, at)
            kind = "greedy"
            if pattern.startswith("?", stop):
                kind, stop = "lazy", stop + 1
            elif pattern.startswith("+", stop):
                kind, stop = "possessive", stop + 1
            found.append(_Quantifier(at, atom, lo, hi, kind))
            atom = None
            at = stop
        else:
            atom = None if char in "|^$" else at
            at += 1
    return found


def _class_end(pattern: str, at: int) -> int:
    at += 1
    if pattern.startswith("^", at):
        at += 1
    if pattern.startswith("]", at):
        at += 1
    while at < len(pattern) and pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at + 1


def _bounds(pattern: str, at: int) -> tuple[int, int, int]:
    char = pattern[at]
    if char != "{":
        return {"*": (0, UNBOUNDED), "+": (1, UNBOUNDED), "?": (0, 1)}[char] + (at + 1,)
    match = _BRACE.match(pattern, at)
    assert match is not None
    lo_text, comma, hi_text = match.groups()
    lo = int(lo_text) if lo_text else 0
    hi = (int(hi_text) if hi_text else UNBOUNDED) if comma else lo
    return lo, hi, match.end()


def _quantifier_end(pattern: str, offset: int) -> int:
    _, _, stop = _bounds(pattern, offset)
    return stop + 1 if pattern.startswith(("?", "+"), stop) else stop


def _align(repeats: list[Repeat], quantifiers: list[_Quantifier]) -> dict[int, _Quantifier]:
    """The source quantifier of each parsed repeat. The parser may merge repeats (a common
    prefix of alternatives) but keeps their order, so they align greedily."""
    aligned: dict[int, _Quantifier] = {}
    at = 0
    for repeat in repeats:
        hi = min(UNBOUNDED, repeat.hi)
        while at < len(quantifiers):
            quantifier = quantifiers[at]
            at += 1
            if (quantifier.lo, quantifier.hi, quantifier.kind) == (repeat.lo, hi, repeat.kind):
                aligned[repeat.index] = quantifier
                break
        else:
            return aligned
    return aligned

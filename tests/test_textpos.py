"""The text locator (`registry.catalog.loading.textpos`) gives exactly the positions of the
composed source map, or None.

For every node of the source map of many YAML files (the repository's catalog, every case
file of the rule and bad-input corpora that composes cleanly, synthetic catalogs like the
benchmark's, and generated documents of every style), and for pointers below nodes that do
not exist (where the composed map gives the key of the nearest ancestor), the position that
`Locator.position` would give from the composed map must equal the text locator's answer,
for the key and for the value, unless the text locator answers None.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.catalog.loading import Limits, Locator
from registry.catalog.loading.compose import Span, compose
from registry.catalog.loading.source import SourceFile
from registry.catalog.loading.textpos import TextIndex, supported
from registry.findings import Finding, Pointer, Severity

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"


def composed_position(
    spans: dict[Pointer, Span], pointer: Pointer, at_key: bool
) -> tuple[int, int]:
    """What `Locator.position` answers from the composed source map."""
    probe = pointer
    while probe and probe not in spans:
        probe = probe[:-1]
    span = spans.get(probe)
    if span is None:
        return 1, 1
    if at_key or probe != pointer:
        return span[0], span[1]
    return span[2], span[3]


def probes(spans: dict[Pointer, Span]) -> Iterator[Pointer]:
    """Every node, and pointers below each that the document does not have."""
    for pointer in spans:
        yield pointer
        yield (*pointer, "no-such-key")
        yield (*pointer, 0)
        yield (*pointer, 1000)
        yield (*pointer, "type", "x")


class Tally:
    def __init__(self) -> None:
        self.nodes = 0
        self.answered = 0
        self.wrong: list[tuple[str, Pointer, bool, tuple[int, int], tuple[int, int]]] = []

    def check(self, text: str, name: str = "doc.yaml") -> bool:
        """Compare every probe of `text`; False when it does not compose cleanly."""
        composed = compose(text, name)
        if composed.findings:
            return False
        index = TextIndex(text)
        for pointer in probes(composed.spans):
            answers = 0
            for at_key in (True, False):
                got = index.position(pointer, at_key)
                if got is None:
                    continue
                answers += 1
                want = composed_position(composed.spans, pointer, at_key)
                if got != want:
                    self.wrong.append((name, pointer, at_key, want, got))
            if pointer in composed.spans:
                self.nodes += 1
                self.answered += answers == 2
        return True

    @property
    def share(self) -> float:
        return self.answered / self.nodes if self.nodes else 1.0


def _read(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None
    return text.removeprefix("\ufeff")  # as `read_source` gives it


# -- files -------------------------------------------------------------------------------------


def test_repository_catalog_answers_every_node() -> None:
    tally = Tally()
    for path in sorted((REPO / "catalog").glob("*.yaml")):
        text = _read(path)
        assert text is not None
        assert tally.check(text, path.name)
    assert tally.wrong == []
    print(f"repository catalog: {tally.answered} of {tally.nodes} nodes answered")
    assert tally.share == 1.0


def test_case_files_give_the_composed_positions() -> None:
    tally = Tally()
    checked = 0
    for corpus in ("tests/rules/cases", "tests/bad_inputs/cases"):
        for path in sorted((REPO / corpus).rglob("*")):
            if path.suffix not in (".yaml", ".yml") or not path.is_file():
                continue
            text = _read(path)
            if text is not None and tally.check(text, str(path.relative_to(REPO))):
                checked += 1
    assert checked > 100
    assert tally.wrong == []
    print(f"case files: {tally.answered} of {tally.nodes} nodes answered in {checked} files")
    assert tally.share > 0.95


def test_synthetic_catalogs_answer_every_node(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import bench_lint
    finally:
        sys.path.remove(str(BENCH))
    bench_lint.build_catalogs(tmp_path / "catalog", 300, files=3)
    tally = Tally()
    for path in sorted((tmp_path / "catalog").glob("*.yaml")):
        assert tally.check(path.read_text(encoding="utf-8"), path.name)
    assert tally.wrong == []
    print(f"synthetic catalogs: {tally.answered} of {tally.nodes} nodes answered")
    assert tally.share == 1.0

    # The locator answers every finding there from the text: it composes no file.
    locator = Locator(Limits())
    for path in sorted((tmp_path / "catalog").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        locator.add(SourceFile(path.name, path, text), None)
        spans = compose(text, path.name).spans
        for pointer in list(spans)[::7]:
            for probe in (pointer, (*pointer, "description")):
                assert locator.position(path.name, probe, False) == composed_position(
                    spans, probe, False
                )
    assert locator._maps == {}


# -- generated documents -----------------------------------------------------------------------

WORDS = ["a", "b", "type", "name", "x y", "id", "é", "k-1", "v.2", "_u", "no", "on", "1"]
TRICKY_PLAIN = [
    "text",
    "two words",
    "don't",
    'say "hi"',
    "a[0]",
    "x{y}",
    "a#b",
    "http://x.io",
    "1.5",
    "-3",
    "~",
    "null",
    "ünï",
    "😀",
]
TRICKY_TEXT = ["key: [x", '"open', "'open", "- item", "{a: 1", "# not a comment", "b: 2"]
TRICKY_CONTINUATION = ['"open', "'open", "- item", "[x", "{y", "# not a comment", "a#b", "?!&*"]


class Writer:
    """Renders a random document: block and flow collections, quoted and multi-line
    scalars, block scalars, comments, blank lines, indentless sequences, odd indentation."""

    def __init__(self, rng: random.Random, exotic: bool) -> None:
        self.rng = rng
        self.exotic = exotic
        self.lines: list[str] = []

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def step(self) -> int:
        return self.rng.choice([1, 2, 2, 2, 3, 4])

    def key(self) -> str:
        word = self.rng.choice(WORDS)
        style = self.rng.random()
        if word == "1" and style >= 0.25:
            style = 0.0  # a plain 1 is a number, which catalogs do not allow as a key
        if style < 0.15:
            return "'" + word.replace("'", "''") + "'"
        if style < 0.25:
            return '"' + word + '"'
        if self.exotic and style < 0.3:
            return self.rng.choice(['"a\\x62"', "? b", "&k c", "!!str d", "'it''s'"])
        return word

    def keys(self, count: int) -> list[str]:
        seen: set[str] = set()
        keys = []
        for _ in range(count):
            key = self.key()
            bare = key.strip("'\"")
            if bare not in seen or (self.exotic and self.chance(0.05)):
                seen.add(bare)
                keys.append(key)
        return keys

    def filler(self, indent: int) -> None:
        if self.chance(0.15):
            self.lines.append("")
        if self.chance(0.1):
            self.lines.append(" " * self.rng.randint(0, indent + 2) + "# comment: [x, 'y")

    def comment(self) -> str:
        if self.chance(0.05):
            return " " * self.rng.randint(1, 3)  # trailing spaces
        return "  # note: {a" if self.chance(0.1) else ""

    def scalar(self, indent: int) -> str:
        """An inline scalar (it may continue over the following lines)."""
        rng = self.rng
        style = rng.random()
        if style < 0.45:
            return rng.choice(TRICKY_PLAIN)
        if style < 0.6:
            return "'" + rng.choice(TRICKY_PLAIN + TRICKY_TEXT).replace("'", "''") + "'"
        if style < 0.7:
            text = rng.choice(TRICKY_PLAIN + TRICKY_TEXT).replace("\\", "\\\\")
            return '"' + text.replace('"', '\\"') + '"'
        if style < 0.78:  # a quoted scalar over several lines, continued at any column
            quote = rng.choice("'\"")
            first = rng.choice(TRICKY_TEXT).replace(quote, "")
            margin = " " * rng.randint(0, indent + 4)
            return f"{quote}{first}\n{margin}{rng.choice(TRICKY_TEXT).replace(quote, '')}{quote}"
        if style < 0.86:  # a block scalar
            header = rng.choice(["|", ">", "|-", ">+", "|2"])
            margin = " " * (indent + (2 if header == "|2" else rng.randint(1, 3)))
            body = [
                margin + rng.choice(TRICKY_TEXT + TRICKY_PLAIN) for _ in range(rng.randint(1, 3))
            ]
            return header + self.comment() + "\n" + "\n".join(body)
        if style < 0.92:  # a plain scalar over several lines
            margin = " " * (indent + rng.randint(1, 3))
            return f"first words\n{margin}{rng.choice(TRICKY_CONTINUATION)}"
        return ""  # empty: null

    def flow(self, depth: int, indent: int) -> str:
        rng = self.rng
        wrap = self.chance(0.25)

        def gap() -> str:
            if wrap and self.chance(0.4):
                comment = rng.choice([" # c", "#c [", "# x]"]) if self.chance(0.3) else ""
                low = 0 if self.chance(0.3) else indent + 1  # lines at any column, at times
                return comment + "\n" + " " * rng.randint(low, indent + 6)
            return " " * rng.randint(0, 1)

        if self.chance(0.5) or depth > 2:
            items = []
            for _ in range(rng.randint(0, 3)):
                if depth < 3 and self.chance(0.2):
                    items.append(self.flow(depth + 1, indent))
                else:
                    items.append(self.flow_scalar())
            closing = "]" + ("# c" if self.chance(0.05) else "")
            return "[" + gap() + ("," + gap()).join(items) + gap() + closing
        entries = []
        for key in self.keys(rng.randint(0, 3)):
            if key.startswith(("?", "&", "!")) and not self.exotic:
                continue
            value = (
                self.flow(depth + 1, indent)
                if depth < 3 and self.chance(0.2)
                else self.flow_scalar()
            )
            colon = ":" if key.startswith(('"', "'")) and self.chance(0.1) else ": "
            entries.append(f"{key}{colon}{value}")
        return "{" + gap() + ("," + gap()).join(entries) + gap() + "}"

    def flow_scalar(self) -> str:
        rng = self.rng
        style = rng.random()
        if style < 0.6:
            return rng.choice(["a", "b c", "1", "-2", "x.y", "don't", "a#b", "http://x", "a:b"])
        if style < 0.8:
            return "'" + rng.choice(["a, b", "]", "{", "it''s", "#"]) + "'"
        if self.exotic and style < 0.85:
            return rng.choice(["&a x", "*a", "!!str y", "? k"])
        return '"' + rng.choice(["a, b", "]", "}", "\\t", 'x\\"y']) + '"'

    def mapping(self, indent: int, depth: int, first_prefix: str | None = None) -> None:
        """A block mapping at column `indent`; its first key goes after `first_prefix` (a
        `- ` item) when given."""
        keys = self.keys(self.rng.randint(1, 4))
        for number, key in enumerate(keys):
            if number == 0 and first_prefix is not None:
                head = first_prefix + key
            else:
                self.filler(indent)
                head = " " * indent + key
            head += " " * (self.rng.random() < 0.1) + ":"
            self.value(head, indent, depth)

    def value(self, head: str, indent: int, depth: int) -> None:
        rng = self.rng
        kind = rng.random()
        if depth < 4 and kind < 0.3:
            self.lines.append(head + self.comment())
            self.filler(indent)
            self.mapping(indent + self.step(), depth + 1)
        elif depth < 4 and kind < 0.5:
            self.lines.append(head + self.comment())
            self.filler(indent)
            self.sequence(indent + rng.choice([0, 0, 1, 2, 3]), depth + 1)
        elif kind < 0.65:
            self.lines.append(head + " " + self.flow(0, indent) + self.comment())
        elif self.exotic and kind < 0.7:
            self.lines.append(head + " " + rng.choice(["&x 1", "*x", "!!int 3", "- a"]))
        else:
            scalar = self.scalar(indent)
            comment = self.comment() if "\n" not in scalar and scalar else ""
            self.lines.append((head + " " + scalar if scalar else head) + comment)

    def sequence(self, indent: int, depth: int) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 4)):
            self.filler(indent)
            dash = " " * indent + "-" + " " * rng.choice([1, 1, 2])
            kind = rng.random()
            if depth < 4 and kind < 0.25:
                self.mapping(len(dash), depth + 1, first_prefix=dash)
            elif depth < 4 and kind < 0.35:
                self.lines.append(dash.rstrip())
                self.mapping(indent + self.step(), depth + 1)
            elif depth < 4 and kind < 0.45:  # a sequence in a sequence, on the same line
                inner = len(dash)
                self.lines.append(dash + "- " + rng.choice(TRICKY_PLAIN))
                self.lines.append(" " * inner + "- " + self.flow(0, inner))
            elif kind < 0.6:
                self.lines.append(dash + self.flow(0, indent))
            else:
                scalar = self.scalar(indent)
                self.lines.append(dash + scalar if scalar else dash.rstrip())

    def document(self) -> str:
        if self.chance(0.2):
            self.lines.append("# leading comment")
        if self.chance(0.15):
            self.sequence(self.rng.choice([0, 1]), 1)
        else:
            self.mapping(self.rng.choice([0, 0, 0, 2]), 1)
        text = "\n".join(self.lines)
        return text if self.chance(0.2) else text + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.booleans())
def test_generated_documents_give_the_composed_positions(rng: random.Random, exotic: bool) -> None:
    tally = Tally()
    text = Writer(rng, exotic).document()
    tally.check(text)
    if rng.random() < 0.2:
        tally.check(text.replace("\n", "\r\n"), "doc-crlf.yaml")  # lines end CR LF
    assert tally.wrong == [], text


def test_generated_documents_are_mostly_answered() -> None:
    """The generator makes documents that compose, and most of their nodes get an answer
    (so the property test above is not vacuous)."""
    tally = Tally()
    composed = 0
    for seed in range(300):
        if tally.check(Writer(random.Random(seed), exotic=False).document()):
            composed += 1
    assert tally.wrong == []
    assert composed > 150
    assert tally.share > 0.5, tally.share


# -- what the locator leaves to the composer ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a:\t1\n",
        "---\na: 1\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\u2028b: 2\n",
        "a: 1\x85b: 2\n",
    ],
)
def test_unsupported_text_is_left_to_the_composer(text: str) -> None:
    assert not supported(text)
    assert TextIndex(text).position(("a",)) is None


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        ("a: &x 1\nb: *x\n", ("b",)),
        ("a: !!str 1\n", ("a",)),
        ("? a\n: 1\n", ("a",)),
        ('"\\x61": 1\na: 2\n', ("a",)),
        ("a:\n  b: [1,\n2]\n  c: 3\n", ("a", "c")),
        ("a:\n  b: 'x\n  c: 1'\n  c: 2\n", ("a", "c")),
    ],
)
def test_unsure_answers_are_none(text: str, pointer: Pointer) -> None:
    assert TextIndex(text).position(pointer) is None


def test_carriage_returns_count_as_line_breaks() -> None:
    text = "a: 1\r\nb:\r\n  c: [x,\r\n   y]\rd: 'e\r\n  f'\r\n"
    tally = Tally()
    assert tally.check(text)
    assert tally.wrong == []
    assert tally.share == 1.0


def test_a_construct_inside_another_is_not_read_as_scalar_text() -> None:
    """The line above a multi-line flow collection is itself inside one: the scan must not
    take it for a plain scalar and skip the collection (it answered the parent's key)."""
    text = "r:\n  s:\n  - k: {\n   b: c}\n    x: {p: [1,\n 2]}\n  t: 1\n"
    expected = compose(text, "t").spans.get(("r", "t"))
    for at_key in (True, False):
        answer = TextIndex(text).position(("r", "t"), at_key)
        assert answer is None or (expected is not None and answer in (expected[:2], expected[2:]))


def test_continuation_lines_are_never_taken_for_keys() -> None:
    text = "a:\n  b: {x: 1,\n  c: 2}\n  c: 3\n"
    assert compose(text, "t").spans[("a", "c")] == (4, 3, 4, 6)
    assert TextIndex(text).position(("a", "c"), True) in (None, (4, 3))


# -- the locator -------------------------------------------------------------------------------


def _finding(pointer: Pointer, at_key: bool = False) -> Finding:
    return Finding("c.yaml", 0, 0, "X001", Severity.WARNING, "m", pointer=pointer, at_key=at_key)


def test_locator_answers_from_the_text_without_composing() -> None:
    text = "events:\n  a.b:\n    fields:\n      f: {type: string}\n"
    locator = Locator(Limits())
    locator.add(SourceFile("c.yaml", Path("c.yaml"), text), None)
    located = locator.locate(
        [
            _finding(("events", "a.b", "fields", "f", "type")),
            _finding(("events", "a.b", "fields", "f"), at_key=True),
            _finding(("events", "a.b", "fields", "f", "description")),
        ]
    )
    assert [(f.line, f.column) for f in located] == [(4, 17), (4, 7), (4, 7)]
    assert locator._maps == {}  # nothing composed


def test_locator_composes_when_the_text_locator_is_unsure() -> None:
    text = "x: &a {k: 1}\nevents: *a\ny: [1,\n2]\nz: 1\n"
    locator = Locator(Limits())
    locator.add(SourceFile("c.yaml", Path("c.yaml"), text), None)
    spans = compose(text, "c.yaml").spans
    for pointer in (("events", "k"), ("z",), ("y", 1), ("x", "k"), ("nothing", 3)):
        for at_key in (True, False):
            assert locator.position("c.yaml", pointer, at_key) == composed_position(
                spans, pointer, at_key
            )
    assert "c.yaml" in locator._maps

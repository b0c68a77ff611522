"""The YAML parser behind one interface, so it can be swapped and measured.

`yaml-rs` (Rust, YAML 1.2) is the default: about ten times faster than PyYAML's C
loader on large catalogs (see `bench/`). It refuses duplicate keys and bounds alias
expansion itself. Whenever it fails, or the text holds something it accepts too
quietly (custom tags, tabs, several documents, non-string keys), the file goes through
the position-aware composer, which is the reference and the one that locates problems.
`pyyaml` uses that composer for every file.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any, Protocol

from registry.catalog.loading.compose import INT64_MAX, INT64_MIN, Composed, Limits, compose
from registry.catalog.loading.source import SourceFile
from registry.findings import Finding, finding_at_line
from registry.findings.codes import EMPTY_FILE, YAML_SYNTAX


@dataclass(slots=True)
class Parsed:
    data: Any
    findings: list[Finding] = field(default_factory=list)
    composed: Composed | None = None
    """Set when the composer read the file; its source map is then reused for locating."""
    numbers: bool = False
    """A value is a float or an integer beyond 64 bits: the number check (S008) looks closer."""


class Parser(Protocol):
    name: str

    def parse(self, source: SourceFile, limits: Limits) -> Parsed: ...


def _composed(source: SourceFile, limits: Limits) -> Parsed:
    result = compose(source.text, source.path, limits)
    if not result.findings and (result.documents == 0 or result.data is None):
        result.findings.append(
            finding_at_line(
                source.path,
                1,
                1,
                EMPTY_FILE,
                "file holds no YAML document"
                if result.documents == 0
                else "document is empty (null)",
                hint="add the catalog's `events`, or delete the file",
            )
        )
    return Parsed(result.data, result.findings, result, result.numbers)


class PyYamlParser:
    """Reference parser: PyYAML's event stream read by `compose` (positions everywhere)."""

    name = "pyyaml"

    def parse(self, source: SourceFile, limits: Limits) -> Parsed:
        return _composed(source, limits)


# Tags (`!x` after a separator), tabs and document markers need the reference reader.
_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)(?:\s|$)", re.MULTILINE)
_SEPARATORS = frozenset(" \t\r\n[{,")


def _after_separator(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] in _SEPARATORS


def _needs_reference(text: str) -> bool:
    """Tags, tabs or document markers. Plain substring tests first: regular expressions
    that start with a character class scan large files slowly."""
    if "\t" in text:
        return True
    index = text.find("!")
    while index >= 0:
        if _after_separator(text, index):
            return True
        index = text.find("!", index + 1)
    if text.startswith(("---", "...")) or "\n---" in text or "\n..." in text:
        return _DOCUMENT_MARKER.search(text) is not None
    return False


# Text that yaml-rs reads differently from the composer: numbers it accepts beyond the
# YAML 1.2 core schema (`1_000`, `0X1F`, `0b101`, `-0x1F`, `_5`), characters YAML forbids
# (control characters, which yaml-rs lets through), and NEL/LS/PS, which libyaml treats
# as line breaks. Over-matching only costs speed.
# Hints of such numbers, `[0-9]_|_[0-9]|0[xXoObB]`, as three patterns that start with a
# literal, which `re` finds quickly (a pattern that starts with a character class tries
# every position): (pattern, how far the hint starts before the match).
_RS_HINT_SCANS = (
    (re.compile(r"_[0-9]"), 0),
    (re.compile(r"_(?<=[0-9]_)"), 1),
    (re.compile(r"0[xXoObB]"), 0),
)
_RS_TOKEN_CHARS = frozenset("-+.0123456789eE_")
_RS_NUMBER_AT = re.compile(r"[-+.0-9eE]*(?:_|0[xXoObB])")
_RS_NOT_TEXT = re.compile(
    r"[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]"
)
# yaml-rs has no depth limit for block collections: it recurses until the C stack
# overflows and kills the process (`- - - ...` 12,000 levels deep, 24 kB). Block nesting
# needs either compact indicators in a row on one line or ever deeper indentation; with
# neither, a few hundred levels at most are possible, well inside yaml-rs's stack.
# (Flow nesting is safe: yaml-rs stops it at 255 levels with an error.)
# `[-?] +[-?](?:\s|$)` as two patterns that start with a literal (much faster to search).
_COMPACT_CHAINS = (re.compile(r"- +[-?](?:\s|$)"), re.compile(r"\? +[-?](?:\s|$)"))
_ASCII_ALLOWED = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_DEEP_INDENT = "\n" + " " * 200
_RS_POSITION = re.compile(r"line (\d+), column (\d+)")
_RS_EXCERPT = re.compile(r"^\d*\s*\|")


def _rs_differs(text: str) -> bool:
    """True when yaml-rs could read `text` differently from the composer, or crash on it."""
    if _odd_number(text) or _DEEP_INDENT in text:
        return True
    if any(chain.search(text) is not None for chain in _COMPACT_CHAINS):
        return True
    if text.isascii():  # control characters are what is left after deleting the allowed
        return bool(text.encode("ascii").translate(None, _ASCII_ALLOWED))
    return _RS_NOT_TEXT.search(text) is not None


def _odd_number(text: str) -> bool:
    """A token that starts like a number and holds `_` or a 0x/0o/0b prefix: a hint (see
    `_RS_HINT_SCANS`) inside a token that `_RS_NUMBER_AT`, matched from the token's start,
    reads past.

    Linear in the length of `text`: the hints of one scan come in order, so the token start
    is carried from one hint to the next (only the text in between is searched for a
    separator) and the match from a token's start is made once per token. Walking back to
    the token start from every hint took hours for a few MB of escapes in one long quoted
    string (`\\U000B...` holds the hint `0B`).
    """
    for scan, back in _RS_HINT_SCANS:
        scanned = 0  # separators before `scanned` are accounted for in `start`
        start = 0  # start of the token that holds the current hint
        reach = -1  # where _RS_NUMBER_AT matched from `start` ends; -1: not matched yet
        for match in scan.finditer(text):
            hint = match.start() - back
            # Cheap test first: in `user_ref_003` the hint `_0` follows a letter.
            before = text[hint - 1] if hint > 0 else ""
            if before and before not in _RS_TOKEN_CHARS and before not in _SEPARATORS:
                continue
            separator = max(text.rfind(char, scanned, hint) for char in _SEPARATORS)
            scanned = hint
            if separator >= 0:
                start, reach = separator + 1, -1
            if reach < 0:
                found = _RS_NUMBER_AT.match(text, start)
                reach = found.end() if found is not None else 0
            if reach > hint:
                return True
    return False


# An integer written with leading zeros (`0644`, `-012`): the composer reports it (S008), with
# the text it was written as. Three patterns that start with a literal (fast to search); a
# token starts after a space, `[` or `,` and ends before a separator or the end.
_LEADING_ZERO_SCANS = tuple(
    re.compile(sign + r"0(?<=[ \[,]" + sign + r"0)[0-9]+(?![^ \t\r\n\]},#])")
    for sign in ("", "-", r"\+")
)


def _leading_zero(text: str) -> bool:
    return any(scan.search(text) is not None for scan in _LEADING_ZERO_SCANS)


def _rs_reason(text: str) -> str:
    """What yaml-rs says is wrong: the last line of its message, after the source excerpt."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "invalid YAML"
    if len(lines) > 1 and not _RS_EXCERPT.match(lines[-1]):
        return lines[-1]
    return lines[0]


def _needs_composer(data: Any, max_depth: int) -> bool | None:
    """True for keys that are not strings, nesting deeper than the composer allows (Y009)
    or an integer beyond 64 bits (the composer keeps its text for the finding, S008); None
    when a value is a float (the number check looks closer); False otherwise."""
    floats = False
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            return True
        if isinstance(node, dict):
            for key, value in node.items():
                if type(key) is not str:
                    return True
                kind = type(value)
                if kind is str:
                    continue
                if kind is dict or kind is list:
                    stack.append((value, depth + 1))
                elif kind is float:
                    floats = True
                elif kind is int and not INT64_MIN <= value <= INT64_MAX:
                    return True
        elif isinstance(node, list):
            for item in node:
                kind = type(item)
                if kind is str:
                    continue
                if kind is dict or kind is list:
                    stack.append((item, depth + 1))
                elif kind is float:
                    floats = True
                elif kind is int and not INT64_MIN <= item <= INT64_MAX:
                    return True
    return None if floats else False


SHARED_MAX_LENGTH = 64
"""Strings up to this long are interned (see `_shared`); longer ones (descriptions) are
mostly unique, and interning them would only cost time."""


def _shared(node: dict[str, Any]) -> dict[str, Any]:
    """`node` rebuilt with its keys and short strings interned: one object for each of the
    texts that recur on every event (`type`, `description`, `string`, `required`, a field's
    name), where yaml-rs makes a new one each time. A parsed catalog then takes about a third
    less memory, and the model, whose names and pointers are these strings, shares them too.
    Marshal keeps the sharing when the forked parser sends its documents back.
    Recursion is bounded: `_needs_composer` refused nesting beyond the depth limit."""
    return {sys.intern(key): _share(value) for key, value in node.items()}


def _share(value: Any) -> Any:
    """A value of a parsed document with its short strings interned, at any depth."""
    kind = type(value)
    if kind is str:
        return sys.intern(value) if len(value) <= SHARED_MAX_LENGTH else value
    if kind is dict:
        return _shared(value)
    if kind is list:
        return [_share(item) for item in value]
    return value


class YamlRsParser:
    name = "yaml-rs"

    def __init__(self) -> None:
        import yaml_rs

        self._yaml_rs = yaml_rs
        self._aliases = (
            yaml_rs._lib._AliasLimits(max_total_replayed_events=200_000, max_replay_stack_depth=32)
            if hasattr(yaml_rs, "_lib") and hasattr(yaml_rs._lib, "_AliasLimits")
            else None
        )

    def parse(self, source: SourceFile, limits: Limits) -> Parsed:
        text = source.text
        if not text.strip() or _needs_reference(text) or _rs_differs(text) or _leading_zero(text):
            return _composed(source, limits)
        try:
            data = self._yaml_rs.loads(
                text,
                parse_datetime=False,
                alias_limits=self._aliases,
                duplicate_key_policy=self._yaml_rs.DuplicateKeyPolicy.Error,
            )
        except (ValueError, TypeError, OverflowError, RecursionError) as error:
            # TypeError: a mapping or list inside a mapping key (unhashable)
            fallback = _composed(source, limits)
            if fallback.findings:
                return fallback
            match = _RS_POSITION.search(str(error))
            line, column = (int(match[1]), int(match[2])) if match else (1, 1)
            message = _rs_reason(str(error))
            fallback.findings.append(
                finding_at_line(source.path, line, column, YAML_SYNTAX, f"YAML error: {message}")
            )
            return fallback
        if data is None or isinstance(data, list):
            return _composed(source, limits)
        needs = _needs_composer(data, limits.max_depth)
        if needs:
            return _composed(source, limits)
        return Parsed(_shared(data), numbers=needs is None)


PARSERS: dict[str, type[PyYamlParser | YamlRsParser]] = {
    "yaml-rs": YamlRsParser,
    "pyyaml": PyYamlParser,
}
DEFAULT_PARSER = "yaml-rs"


def make_parser(name: str = DEFAULT_PARSER) -> Parser:
    """The parser called `name`; falls back to `pyyaml` when yaml-rs is not importable."""
    if name == "yaml-rs":
        try:
            return YamlRsParser()
        except ImportError:
            return PyYamlParser()
    return PARSERS[name]()

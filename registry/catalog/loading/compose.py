"""Build plain data and a source map from PyYAML's event stream, without recursion.

This is the position-aware YAML reader. It resolves plain scalars with the YAML 1.2
core schema (so `yes`, `no`, `on` and `off` stay strings, as in the fast parser), keeps
line and column of every key and value, and reports what PyYAML's own loaders let
through silently: duplicate keys, keys that are not strings, tags outside the core
schema, alias expansion bombs and runaway nesting. It works on the event stream with an
explicit stack, so hostile nesting cannot exhaust Python's or C's call stack.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from registry.findings import Finding, Pointer, finding_at_line
from registry.findings.codes import (
    ALIAS_BOMB,
    AMBIGUOUS_NUMBER,
    DUPLICATE_KEY,
    MULTIPLE_DOCUMENTS,
    NON_STRING_KEY,
    TAB_INDENTATION,
    TOO_DEEP,
    UNSAFE_TAG,
    YAML_SYNTAX,
    Code,
)

Span = tuple[int, int, int, int]
"""(key line, key column, value line, value column), all 1-based; key = value for items."""


class _PurePythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


def _event_parser() -> Any:
    try:
        from yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:  # PyYAML built without libyaml
        return _PurePythonParser
    return CParser


_EventParser: Any = _event_parser()

_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")
MAX_DIGITS = 4300
"""Digits an integer literal may have (Python's own limit for converting text); a longer one
is read as infinity (with its sign), which the number check reports (S008)."""
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
"""The integers a catalog number may be: what every reader and database keeps exactly."""
_NON_PRINTABLE = re.compile(r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile input cheap to refuse."""

    max_file_bytes: int = 5_000_000
    max_depth: int = 64
    max_nodes: int = 2_000_000
    """Nodes after alias expansion; an alias bomb exceeds this long before memory does."""


@dataclass(slots=True)
class Composed:
    data: Any = None
    spans: dict[Pointer, Span] = field(default_factory=dict)
    raw: dict[Pointer, str] = field(default_factory=dict)
    """Source text of plain scalars that did not resolve to strings (for YAML-surprise hints)."""
    findings: list[Finding] = field(default_factory=list)
    documents: int = 0
    numbers: bool = False
    """A value is a float or an integer beyond 64 bits: the number check (S008) looks closer."""


def resolve_plain(text: str) -> Any:
    """Resolve a plain scalar by the YAML 1.2 core schema."""
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT10.match(text):
        if len(text.lstrip("+-")) > MAX_DIGITS:
            return -math.inf if text.startswith("-") else math.inf
        return int(text)
    if _INT8.match(text):
        return int(text, 0)
    if _INT16.match(text):
        return int(text, 0)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _resolve_tagged(tag: str, text: str) -> tuple[Any, bool]:
    """Value of an explicitly tagged scalar; False when the tag is not a safe core tag."""
    if tag in ("!", _CORE + "str"):
        return text, True
    if tag == _CORE + "null":
        return None, True
    if tag == _CORE + "bool":
        value = resolve_plain(text)
        return value, isinstance(value, bool)
    if tag == _CORE + "int":
        value = resolve_plain(text)
        return value, isinstance(value, int) and not isinstance(value, bool)
    if tag == _CORE + "float":
        value = resolve_plain(text)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return (float(value) if ok else value), ok
    return text, False


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    pointer: Pointer
    size: int = 1
    pending_key: str | None = None
    pending_key_span: tuple[int, int] | None = None
    skip_value: bool = False
    anchor: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


class _Composer:
    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.out = Composed()
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.stack: list[_Frame] = []
        self.stopped = False

    def fail(
        self, code: Code, line: int, column: int, message: str, hint: str | None = None
    ) -> None:
        self.out.findings.append(finding_at_line(self.path, line, column, code, message, hint=hint))

    def run(self, text: str) -> Composed:
        parser = _EventParser(text)
        try:
            while not self.stopped:
                event = parser.get_event()
                if event is None or isinstance(event, yaml.StreamEndEvent):
                    break
                self.handle(event)
        except yaml.MarkedYAMLError as error:
            if not self.too_deep(error, text):
                self.syntax_error(error, text)
        except yaml.reader.ReaderError:
            self.reader_error(text)
        except yaml.YAMLError as error:  # pragma: no cover - libyaml always gives a mark
            self.fail(YAML_SYNTAX, 1, 1, f"YAML syntax error: {error}")
        finally:
            dispose = getattr(parser, "dispose", None)
            if dispose is not None:
                dispose()
        return self.out

    def too_deep(self, error: yaml.MarkedYAMLError, text: str) -> bool:
        """libyaml >= 0.2.5 stops at 1,000 levels while scanning ahead, before any event
        reaches our own limit. Compose the text before that point instead, so the finding is
        Y009 at the same place whatever the libyaml version."""
        mark = error.problem_mark
        if mark is None or "nesting depth" not in (error.problem or "") or self.out.findings:
            return False
        lines = text.split("\n")
        offset = sum(len(line) + 1 for line in lines[: mark.line]) + mark.column
        prefix = _Composer(self.path, self.limits).run(text[:offset])
        deep = [f for f in prefix.findings if f.rule == TOO_DEEP.id]
        if deep:
            self.out.findings.extend(deep[:1])
        else:
            self.fail(
                TOO_DEEP,
                mark.line + 1,
                mark.column + 1,
                f"nesting deeper than {self.limits.max_depth} levels",
            )
        self.stopped = True
        return True

    def reader_error(self, text: str) -> None:
        """A character YAML does not allow anywhere; libyaml gives only a byte offset."""
        bad = _NON_PRINTABLE.search(text)
        at = bad.start() if bad is not None else 0
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        code = ord(text[at]) if bad is not None else 0
        escape = f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
        self.fail(
            YAML_SYNTAX,
            line,
            column,
            f"U+{code:04X} is a control character or non-character, which YAML does not allow",
            f'remove it, or write it as an escape in a double-quoted string ("{escape}")',
        )

    def syntax_error(self, error: yaml.MarkedYAMLError, text: str) -> None:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = error.problem or "invalid YAML"
        lines = text.splitlines()
        at = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
        if at == "\t" or "'\\t'" in problem:
            self.fail(
                TAB_INDENTATION,
                line,
                column,
                "tab character where YAML allows only spaces",
                "indent with spaces; YAML forbids tabs in indentation",
            )
            return
        context = f" ({error.context})" if error.context else ""
        self.fail(YAML_SYNTAX, line, column, f"YAML syntax error: {problem}{context}")

    # -- events ----------------------------------------------------------------------

    def handle(self, event: Any) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.out.documents += 1
            if self.out.documents == 2:
                mark: Any = event.start_mark
                self.fail(
                    MULTIPLE_DOCUMENTS,
                    mark.line + 1,
                    mark.column + 1,
                    "a catalog file holds one YAML document; found a second one",
                    "split the documents into separate files",
                )
                self.stopped = True
            return
        if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self.finish(frame.container, frame.size, frame.anchor)
            return
        start: Any = event.start_mark
        line, column = start.line + 1, start.column + 1
        if isinstance(event, yaml.AliasEvent):
            anchored = self.anchors.get(str(event.anchor))
            if anchored is None:  # pragma: no cover - libyaml rejects unknown anchors
                self.fail(YAML_SYNTAX, line, column, f"unknown alias *{event.anchor}")
                return
            value, size = anchored
            self.place(value, size, line, column, is_scalar=True, scalar_text=None)
            return
        tag = event.tag
        if tag is not None and not self.safe_tag(tag, event):
            self.fail(
                UNSAFE_TAG,
                line,
                column,
                f"tag {tag!r} is not allowed: catalogs use plain YAML data only",
                "remove the tag; registry never constructs objects from YAML",
            )
            self.stopped = True
            return
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event, line, column)
        elif isinstance(event, yaml.MappingStartEvent):
            self.open({}, line, column, event.anchor)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.open([], line, column, event.anchor)

    @staticmethod
    def safe_tag(tag: str, event: Any) -> bool:
        if isinstance(event, yaml.MappingStartEvent):
            return tag in ("!", _CORE + "map")
        if isinstance(event, yaml.SequenceStartEvent):
            return tag in ("!", _CORE + "seq")
        return tag in ("!", *(_CORE + t for t in ("str", "int", "float", "bool", "null")))

    def scalar(self, event: Any, line: int, column: int) -> None:
        text: str = event.value
        plain = event.style is None or event.style == ""
        if event.tag is not None and event.tag != "!":
            value, ok = _resolve_tagged(event.tag, text)
            if not ok:
                self.fail(
                    UNSAFE_TAG, line, column, f"value {text!r} does not fit its tag {event.tag}"
                )
                value = text
        elif plain and event.implicit[0]:
            value = resolve_plain(text)
        else:
            value = text
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.place(value, 1, line, column, is_scalar=True, scalar_text=text if plain else None)

    def open(
        self, container: dict[str, Any] | list[Any], line: int, column: int, anchor: str | None
    ) -> None:
        if len(self.stack) >= self.limits.max_depth:
            self.fail(
                TOO_DEEP,
                line,
                column,
                f"nesting deeper than {self.limits.max_depth} levels",
                "a catalog never needs this depth; flatten the structure",
            )
            self.stopped = True
            return
        pointer = self.place(container, 0, line, column, is_scalar=False, scalar_text=None)
        if pointer is None:
            pointer = ()
        self.stack.append(_Frame(container, pointer, anchor=anchor))

    def finish(self, container: Any, size: int, anchor: str | None) -> None:
        if anchor:
            self.anchors[anchor] = (container, size)
        if self.stack:
            self.stack[-1].size += size
        else:
            self.out.data = container

    def count(self, size: int, line: int, column: int) -> bool:
        self.nodes += max(size, 1)
        if self.nodes > self.limits.max_nodes:
            self.fail(
                ALIAS_BOMB,
                line,
                column,
                f"aliases expand to more than {self.limits.max_nodes:,} nodes (an alias bomb?)",
                "remove the aliases; catalogs do not need them",
            )
            self.stopped = True
            return False
        return True

    def place(
        self,
        value: Any,
        size: int,
        line: int,
        column: int,
        *,
        is_scalar: bool,
        scalar_text: str | None,
    ) -> Pointer | None:
        """Put a finished scalar (or a just-opened container) into its parent."""
        if not self.count(size, line, column):
            return None
        if not self.stack:
            self.out.spans[()] = (line, column, line, column)
            if is_scalar:
                self.out.data = value
            return ()
        frame = self.stack[-1]
        parent = frame.container
        if isinstance(parent, list):
            pointer = (*frame.pointer, len(parent))
            parent.append(value)
            self.out.spans[pointer] = (line, column, line, column)
            if scalar_text is not None and not isinstance(value, str):
                self.plain_value(pointer, value, scalar_text, line, column)
            if is_scalar:
                frame.size += size
            return pointer
        if frame.pending_key is None and not frame.skip_value:
            return self.place_key(frame, value, line, column, is_scalar, scalar_text)
        key, key_span = frame.pending_key, frame.pending_key_span
        frame.pending_key, frame.pending_key_span = None, None
        if frame.skip_value or key is None or key_span is None:
            frame.skip_value = False
            return (*frame.pointer, "\x00skipped")
        pointer = (*frame.pointer, key)
        parent[key] = value
        self.out.spans[pointer] = (*key_span, line, column)
        if scalar_text is not None and not isinstance(value, str):
            self.plain_value(pointer, value, scalar_text, line, column)
        if is_scalar:
            frame.size += size
        return pointer

    def plain_value(self, pointer: Pointer, value: Any, text: str, line: int, column: int) -> None:
        """Keep the text of a plain scalar YAML did not read as a string; note numbers the
        number check (S008) looks at, and report integers written with leading zeros."""
        self.out.raw[pointer] = text
        kind = type(value)
        if kind is float or (kind is int and not INT64_MIN <= value <= INT64_MAX):
            self.out.numbers = True
        if kind is int and _LEADING_ZERO.match(text):
            digits = text.lstrip("+-")
            sign = "-" if text.startswith("-") else ""
            old = (
                f"the octal number {sign}{int(digits, 8)}"
                if set(digits) <= set("01234567")
                else f"the text {text!r}"
            )
            self.fail(
                AMBIGUOUS_NUMBER,
                line,
                column,
                f"{text} is an integer with leading zeros: YAML 1.2 reads it as {value}, "
                f"YAML 1.1 readers (PyYAML and many tools) as {old}",
                f"write {value} for the number, or '{text}' in quotes for text (a file mode, "
                "a code with leading zeros)",
            )

    def place_key(
        self,
        frame: _Frame,
        value: Any,
        line: int,
        column: int,
        is_scalar: bool,
        scalar_text: str | None,
    ) -> Pointer | None:
        if not is_scalar or isinstance(value, (dict, list)):
            self.fail(
                NON_STRING_KEY,
                line,
                column,
                "a mapping key must be a plain string, not a collection",
            )
            frame.skip_value = True
            return (*frame.pointer, "\x00key")
        if not isinstance(value, str):
            text = scalar_text if scalar_text is not None else str(value)
            self.fail(
                NON_STRING_KEY,
                line,
                column,
                f"key {text!r} is read as {type(value).__name__ if value is not None else 'null'},"
                " not a string",
                f"quote the key: '{text}'",
            )
            value = text
        first = frame.key_lines.get(value)
        if first is not None:
            self.fail(
                DUPLICATE_KEY,
                line,
                column,
                f"duplicate key {value!r}: first defined on line {first}, again on line {line}",
                "YAML keeps only one of them; remove or rename the other",
            )
            frame.skip_value = True
            return (*frame.pointer, "\x00dup")
        frame.key_lines[value] = line
        frame.pending_key = value
        frame.pending_key_span = (line, column)
        return (*frame.pointer, "\x00key")


def compose(text: str, path: str, limits: Limits | None = None) -> Composed:
    """Read one YAML text into data, a source map and loading findings."""
    return _Composer(path, limits or Limits()).run(text)

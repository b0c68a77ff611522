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
from dataclasses import dataclass, field
from typing import Any, Protocol

from registry.findings import Finding, Severity
from registry.loading.compose import Composed, Limits, compose
from registry.loading.source import SourceFile


@dataclass(slots=True)
class Parsed:
    data: Any
    findings: list[Finding] = field(default_factory=list)
    composed: Composed | None = None
    """Set when the composer read the file; its source map is then reused for locating."""


class Parser(Protocol):
    name: str

    def parse(self, source: SourceFile, limits: Limits) -> Parsed: ...


def _composed(source: SourceFile, limits: Limits) -> Parsed:
    result = compose(source.text, source.path, limits)
    if result.documents == 0 or (result.data is None and not result.findings):
        result.findings.append(
            Finding(
                source.path,
                1,
                1,
                "Y007",
                Severity.ERROR,
                "file holds no YAML document"
                if result.documents == 0
                else "document is empty (null)",
                hint="add the catalog's `events`, or delete the file",
            )
        )
    return Parsed(result.data, result.findings, result)


class PyYamlParser:
    """Reference parser: PyYAML's event stream read by `compose` (positions everywhere)."""

    name = "pyyaml"

    def parse(self, source: SourceFile, limits: Limits) -> Parsed:
        return _composed(source, limits)


# Tags (`!x` after a separator), tabs and document markers need the reference reader.
_NEEDS_REFERENCE = re.compile(r"(?:^|[\s\[{,])!|\t|^(?:---|\.\.\.)(?:\s|$)", re.MULTILINE)
_RS_POSITION = re.compile(r"line (\d+), column (\d+)")


def _has_foreign_keys(data: Any) -> bool:
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if type(key) is not str:
                    return True
                if isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(item for item in node if isinstance(item, (dict, list)))
    return False


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
        if not text.strip() or _NEEDS_REFERENCE.search(text):
            return _composed(source, limits)
        try:
            data = self._yaml_rs.loads(
                text,
                parse_datetime=False,
                alias_limits=self._aliases,
                duplicate_key_policy=self._yaml_rs.DuplicateKeyPolicy.Error,
            )
        except (ValueError, RecursionError) as error:
            fallback = _composed(source, limits)
            if fallback.findings:
                return fallback
            match = _RS_POSITION.search(str(error))
            line, column = (int(match[1]), int(match[2])) if match else (1, 1)
            message = str(error).splitlines()[0] if str(error) else "invalid YAML"
            fallback.findings.append(
                Finding(source.path, line, column, "Y001", Severity.ERROR, f"YAML error: {message}")
            )
            return fallback
        if data is None or isinstance(data, list) or _has_foreign_keys(data):
            return _composed(source, limits)
        return Parsed(data)


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

"""Output path patterns: `auditevents/{domain|snake}/{event}.go`.

A pattern is a relative POSIX path; `{domain}` and `{event}` (per-domain and per-event
templates) are replaced by the name, optionally in a case (`{event|kebab}`, see
`filters.CASES`). What a placeholder puts into a path is reduced to the characters
`A-Z a-z 0-9 . _ -` (any other becomes `_`, a leading `.` too), so no name can add a
directory, climb out of `--out` or hide a file; the pattern itself may hold no `..`, no
absolute part and no empty segment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from registry.generate.packs.filters import CASES

EACH: Final = ("once", "domain", "event")
PLACES: Final[Mapping[str, tuple[str, ...]]] = {
    "once": (),
    "domain": ("domain",),
    "event": ("domain", "event"),
}
"""The placeholders each kind of template may use."""

_PLACEHOLDER = re.compile(r"\{([^{}|]*)(?:\|([^{}]*))?\}")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_SEGMENT_CHARS = re.compile(r"[^\x00-\x1f\x7f\\:*?\"<>|]+")
"""What a literal segment may hold: no controls, no backslash, nothing Windows refuses."""


def pattern_problems(pattern: str, each: str) -> list[str]:
    """Why `pattern` is not a usable output path for a template rendered `each`."""
    if not pattern:
        return ["the path is empty"]
    if pattern.startswith("/") or re.match(r"^[A-Za-z]:", pattern):
        return ["the path must be relative to --out"]
    problems: list[str] = []
    used: set[str] = set()
    for segment in pattern.split("/"):
        if segment in ("", ".", ".."):
            problem = f"the path may not have an empty, '.' or '..' segment: {pattern!r}"
            if problem not in problems:
                problems.append(problem)
            continue
        literal = _PLACEHOLDER.sub("x", segment)
        if "{" in literal or "}" in literal:
            problems.append(f"unbalanced brace in {segment!r}")
        elif not _SEGMENT_CHARS.fullmatch(literal):
            problems.append(
                f"the path may not hold control characters, '\\' or ':*?\"<>|': {segment!r}"
            )
        for match in _PLACEHOLDER.finditer(segment):
            name, case = match[1], match[2]
            if name not in PLACES[each]:
                allowed = ", ".join(f"{{{p}}}" for p in PLACES[each]) or "none"
                problems.append(
                    f"{{{name}}} is not a placeholder of a template rendered {each!r} "
                    f"(placeholders: {allowed})"
                )
            if case is not None and case not in CASES:
                problems.append(f"unknown case {case!r} (cases: {', '.join(CASES)})")
            used.add(name)
    if not problems and each != "once" and each not in used:
        problems.append(
            f"a template rendered per {each} needs {{{each}}} in its path, or every {each} "
            "would write the same file"
        )
    return problems


def _safe(value: str) -> str:
    cleaned = _UNSAFE.sub("_", value) or "_"
    return "_" + cleaned[1:] if cleaned.startswith(".") else cleaned


def expand(pattern: str, names: Mapping[str, str]) -> str:
    """The path for one domain or event (`pattern` already checked by `pattern_problems`)."""

    def replace(match: re.Match[str]) -> str:
        value = names[match[1]]
        return _safe(CASES[match[2]](value) if match[2] else value)

    return _PLACEHOLDER.sub(replace, pattern)

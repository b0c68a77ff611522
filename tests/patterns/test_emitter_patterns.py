"""The generated Python emitters check a catalog pattern in bounded time (issue 15): every
real-world pattern that lints clean, on 100 KB values, in under 10 ms of CPU.

`registry_runtime.patterns` says how: a pattern that starts at the start of the value is tried
once; a pattern searched anywhere bounds a field without ``max_length`` to 4,096 characters
(`registry.catalog.types.PATTERN_SEARCH_LIMIT`, checked before the pattern); a longer declared
``max_length`` is searched with google-re2 (the runtime's extra ``re2``) where it answers as
`re` does. Before this, the emitters ran `re.search` on the whole value: 36 of the 2,788 clean
patterns took over 10 ms on 100 KB, up to about 47 ms.
"""

from __future__ import annotations

import importlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from adversarial import SIZE, inputs
from click.testing import CliRunner

from registry.catalog.model import Kind, TypeSpec
from registry.catalog.patterns import slow_pattern
from registry.catalog.types import PATTERN_SEARCH_LIMIT, MaxLength, Pattern, constraints
from registry.cli import main
from registry_runtime.patterns import SHORT, load_re2, starts_at_start

REAL_WORLD = [
    json.loads(line)["pattern"]
    for line in Path(__file__).with_name("real_world.jsonl").open(encoding="utf-8")
]
BUDGET = 0.010
"""The issue's target: CPU seconds to check one 100 KB value."""
DECLARED = 200_000
"""The ``max_length`` of the corpus fields that declare one (above the 100 KB values)."""
BENIGN = ("Paid 12.50 EUR on 2024-05-01, ref AB-1234-XY, call +1 555 0100. " * 1600)[:SIZE]
"""Ordinary text, as long as the hostile inputs."""
PER_EVENT = 100

Validate = Callable[[Mapping[str, Any]], list[tuple[str, str]]]


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        ("^ab", True),
        (r"\Aab", True),
        ("^a|^b", True),  # every branch starts at the start
        ("(?:^a|^bc)d", True),
        ("(^a)b", True),  # inside a group
        ("(?i)^ab", True),
        ("^(?=.*x)ab", True),  # the lookahead reads on, but only from the start
        ("^a|b", False),  # one branch is searched
        ("ab", False),
        ("a^", False),
        ("(?m)^a", False),  # ^ after every line break
        ("(?m:^a)b", False),
        (r"(?m)\Aa", True),  # \A is the start of the text, whatever the flags
        ("(?:^)?a", False),  # the anchor is optional
        ("[0-9]{3}$", False),  # anchored at the end only: searched from every position
        ("(", False),  # not a pattern (R008): not claimed to start anywhere
    ],
)
def test_starts_at_start(regex: str, expected: bool) -> None:
    assert starts_at_start(regex) is expected


SEARCHED_PROBLEM = (
    "is longer than 4096 characters (the limit of a field whose pattern is searched anywhere"
    " in the value: declare max_length or anchor it with ^)"
)


@pytest.mark.parametrize(
    ("pattern", "max_length", "expected"),
    [
        ("[0-9]{3}", None, [(4096, SEARCHED_PROBLEM), "[0-9]{3}"]),
        ("[0-9]{3}$", None, [(4096, SEARCHED_PROBLEM), "[0-9]{3}$"]),
        ("[0-9]{3}", 100_000, [(100_000, "is longer than 100000 characters"), "[0-9]{3}"]),
        ("[0-9]{3}", 10, [(10, "is longer than 10 characters"), "[0-9]{3}"]),
        ("^rel_[a-z0-9]{8,}$", None, ["^rel_[a-z0-9]{8,}$"]),
        (r"\A[0-9]", None, [r"\A[0-9]"]),
        (None, None, []),
    ],
)
def test_a_searched_pattern_bounds_a_field_without_max_length(
    pattern: str | None, max_length: int | None, expected: list[object]
) -> None:
    spec = TypeSpec(kind=Kind.STRING, pattern=pattern, max_length=max_length)
    found: list[object] = []
    for constraint in constraints(spec):
        if isinstance(constraint, MaxLength):
            found.append((constraint.limit, constraint.problem))
        elif isinstance(constraint, Pattern):
            found.append(constraint.regex)
    assert found == expected
    assert PATTERN_SEARCH_LIMIT == SHORT == 4096


def _corpus_catalog(patterns: list[str]) -> dict[str, Any]:
    """One field per pattern without ``max_length`` (``searched_<n>``) and one with
    `DECLARED` (``declared_<n>``), `PER_EVENT` patterns an event."""
    events = {}
    for start in range(0, len(patterns), PER_EVENT):
        fields: dict[str, Any] = {}
        for n, pattern in enumerate(patterns[start : start + PER_EVENT], start):
            fields[f"searched_{n:04d}"] = {"type": "string", "pattern": pattern}
            fields[f"declared_{n:04d}"] = {
                "type": "string",
                "pattern": pattern,
                "max_length": DECLARED,
            }
        events[f"user.checked_batch_{start // PER_EVENT:02d}"] = {
            "description": "A user checked values against a batch of real-world patterns.",
            "category": "data_access",
            "actor": ["user"],
            "targets": ["document"],
            "outcomes": ["success"],
            "fields": fields,
        }
    return {
        "domain": "corpus",
        "description": "Every real-world pattern that lints clean.",
        "owners": ["registry-tests"],
        "events": events,
    }


CLEAN = [p for p in REAL_WORLD if slow_pattern(p) is None]


@pytest.fixture(scope="module")
def validators(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Validate]]:
    """Field name -> the generated validator of its event, from `registry generate python`
    on the corpus catalog (JSON text is YAML: no pattern is read as a number)."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "catalog").mkdir()
    catalog = root / "catalog" / "corpus.yaml"
    catalog.write_text(json.dumps(_corpus_catalog(CLEAN), indent=1), "utf-8")
    package = f"corpus_events_{os.getpid()}"
    out = root / "out"
    arguments = ["generate", "python", str(catalog), "--out", str(out), "--package", package]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    sys.path.insert(0, str(out))
    try:
        module = importlib.import_module(f"{package}.corpus")
        yield {
            field.name: spec.validate
            for name in dir(module)
            if name.startswith("SPEC_")
            for spec in [getattr(module, name)]
            for field in spec.fields
        }
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def _cpu(validate: Validate, fields: Mapping[str, Any]) -> float:
    """CPU seconds of one check: one run when it is under a fifth of the budget, else the
    median of five (the cores are shared: CPU time, not wall-clock time)."""
    start = time.thread_time()
    validate(fields)
    first = time.thread_time() - start
    if first < BUDGET / 5:
        return first
    times = []
    for _ in range(5):
        start = time.thread_time()
        validate(fields)
        times.append(time.thread_time() - start)
    return statistics.median(times)


def _slowest(validators: dict[str, Validate], stem: str) -> list[tuple[float, str, str]]:
    """(CPU seconds, pattern, input) of the checks over `BUDGET`, slowest first."""
    over = []
    for n, pattern in enumerate(CLEAN):
        name = f"{stem}_{n:04d}"
        for label, text in [*(("hostile", t) for t in inputs(pattern)), ("benign", BENIGN)]:
            assert len(text) >= SIZE
            took = _cpu(validators[name], {name: text})
            if took >= BUDGET:
                over.append((took, pattern, label))
    return sorted(over, reverse=True)


def _report(over: list[tuple[float, str, str]]) -> str:
    lines = [
        f"{took * 1000:.1f} ms on {label} input: {pattern[:120]}" for took, pattern, label in over
    ]
    return f"{len(over)} of {len(CLEAN)} patterns over {BUDGET * 1000:.0f} ms; slowest:\n" + (
        "\n".join(lines[:10])
    )


def test_the_corpus_is_the_clean_real_world_patterns() -> None:
    assert len(CLEAN) >= 2700


def test_every_clean_pattern_checks_100_kb_in_10_ms_without_max_length(
    validators: dict[str, Validate],
) -> None:
    """The common field: a pattern and no ``max_length``. A pattern that starts at the start
    is tried once; any other refuses the value by its length before searching."""
    over = _slowest(validators, "searched")
    assert not over, _report(over)


def test_a_long_value_is_refused_by_its_length_before_the_pattern(
    validators: dict[str, Validate],
) -> None:
    name = next(
        f"searched_{n:04d}"
        for n, p in enumerate(CLEAN)
        if p == "[0-9]{2,12}(-[0-9A-Z]{,30})?-[0-9]{2}"
    )
    assert validators[name]({name: "12-AB-34" + "~" * SHORT}) == [(name, SEARCHED_PROBLEM)]
    assert validators[name]({name: "12-AB-34" + "~" * (SHORT - 8)}) == []


def test_every_clean_pattern_checks_100_kb_in_10_ms_with_a_long_max_length(
    validators: dict[str, Validate],
) -> None:
    """A declared ``max_length`` above 100 KB: google-re2 searches the long values (the
    runtime's ``re2`` extra; without it `re` does, bounded by the declared length: skipped,
    failed under CI=true)."""
    if load_re2() is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI=true but google-re2 (the re2 extra) is not installed", pytrace=False)
        pytest.skip("google-re2 (the re2 extra) is not installed")
    over = _slowest(validators, "declared")
    assert not over, _report(over)

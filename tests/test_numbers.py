"""Numbers a catalog cannot mean as written (S008): located, with a hint, on both parsers;
odd numbers anywhere never make lint fail with an internal error."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.catalog.config import build_config
from registry.catalog.load import load_catalog
from registry.cli import main
from registry.findings.codes import AMBIGUOUS_NUMBER

HEAD = """\
domain: deployments
description: Release promotion and deploys.
owners: [platform-team]
events:
  user.promoted_production:
    description: A user promoted a release from staging to production.
    category: change_management
    actor: [user]
    targets: [release]
"""
# (name, the lines after HEAD, expected S008 findings: (the number as written, words in the
# message)); each is expected where the number is written (its first occurrence).
CASES = [
    ("decimal_version", "    version: 2.0\n", [("2.0", "2.0 at events")]),
    ("exponent_version", "    version: 1e0\n", [("1e0", "1e0 at events")]),
    (
        "decimal_max_length",
        "    fields:\n      note: {type: string, max_length: 64.0, description: A note.}\n",
        [("64.0", "64.0 at")],
    ),
    (
        "nan_bound",
        "    fields:\n      count: {type: integer, max: .nan, description: How many.}\n",
        [(".nan", "NaN")],
    ),
    (
        "infinite_bounds",
        "    fields:\n      size: {type: number, min: -.inf, max: 1e400, description: Size.}\n",
        [("-.inf", "-infinity"), ("1e400", "infinity at")],
    ),
    (
        "huge_integer",
        "    fields:\n      count: {type: integer, max: "
        + "9" * 30
        + ", description: How many.}\n",
        [("999", "an integer of 30 digits")],
    ),
    (
        "integer_beyond_what_python_converts",
        "    fields:\n      count: {type: integer, max: "
        + "9" * 4301
        + ", description: How many.}\n",
        [("999", "an integer of 4,301 digits")],
    ),
    (
        "leading_zeros_in_values",
        "    fields:\n      mode: {type: enum, values: [0644, 0755], description: Mode.}\n",
        [("0644", "octal number 420"), ("0755", "octal number 493")],
    ),
    (
        "leading_zeros_not_octal",
        "    fields:\n      code: {type: integer, examples: [-089], description: A code.}\n",
        [("-089", "the text '-089'")],
    ),
    (
        "decimal_enum_value",
        "    fields:\n      level: {type: enum, values: [1.0, 2], description: Level.}\n",
        [("1.0", "1.0 at")],
    ),
    (
        "nan_example",
        "    fields:\n      size: {type: number, examples: [.NaN], description: Size.}\n",
        [(".NaN", "NaN")],
    ),
]
FINE = [
    ("whole_version", "    version: 2\n"),
    (
        "decimal_bounds",
        "    fields:\n      ratio: {type: number, min: 0.0, max: 1.5, description: A ratio.}\n",
    ),
    (
        "quoted_mode",
        "    fields:\n      mode: {type: enum, values: ['0644'], description: Mode.}\n",
    ),
    (
        "zero_and_octal",
        "    fields:\n      n: {type: integer, min: 0, max: 0o17, description: N.}\n",
    ),
    (
        "largest_integer",
        f"    fields:\n      n: {{type: integer, max: {2**63 - 1}, description: N.}}\n",
    ),
]


@pytest.mark.parametrize("parser", ["yaml-rs", "pyyaml"])
@pytest.mark.parametrize(("name", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_ambiguous_numbers_are_located_with_a_hint(
    tmp_path: Path, name: str, body: str, expected: list[tuple[str, str]], parser: str
) -> None:
    (tmp_path / "deploys.yaml").write_text(HEAD + body, "utf-8")
    result = CliRunner().invoke(
        main, ["lint", "--no-cache", "--parser", parser, "--select", "S,Y", str(tmp_path)]
    )
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    found = [line for line in result.output.splitlines() if " S008 " in line]
    assert len(found) == len(expected), result.output
    text = HEAD + body
    for written, words in expected:
        at = text.index(written, len(HEAD))
        row = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        where = f"deploys.yaml:{row}:{column}: S008"
        assert any(where in line and words in line for line in found), (where, result.output)
    assert result.output.count("hint:") >= len(expected)
    assert " S002 " not in result.output  # said once, by S008


@pytest.mark.parametrize(("name", "body"), FINE, ids=[c[0] for c in FINE])
def test_numbers_that_mean_what_they_say_pass(tmp_path: Path, name: str, body: str) -> None:
    (tmp_path / "deploys.yaml").write_text(HEAD + body, "utf-8")
    loaded = load_catalog((str(tmp_path),), build_config({}, tmp_path, None))
    assert [f for f in loaded.findings if f.rule[0] in "SY"] == []


def test_a_fractional_version_gets_the_whole_number_hint(tmp_path: Path) -> None:
    (tmp_path / "deploys.yaml").write_text(HEAD + "    version: 1.5\n", "utf-8")
    result = CliRunner().invoke(main, ["lint", "--no-cache", str(tmp_path)])
    assert "deploys.yaml:10:14: S002" in result.output
    assert "a version counts breaking changes" in result.output


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("yaml_decimal_limit", "limits:\n  max_file_bytes: 5e6\n", "registry.yaml:2:19: S008"),
        ("yaml_leading_zero", "limits:\n  max_depth: 064\n", "registry.yaml:2:14: S008"),
        ("yaml_nan_option", "rules:\n  P005: {options: {max: .nan}}\n", "C00"),
    ],
)
def test_numbers_in_the_configuration(tmp_path: Path, name: str, text: str, words: str) -> None:
    (tmp_path / "registry.yaml").write_text(text, "utf-8")
    (tmp_path / "deploys.yaml").write_text(HEAD, "utf-8")
    result = CliRunner().invoke(
        main, ["lint", "--no-cache", "--config", str(tmp_path / "registry.yaml"), str(tmp_path)]
    )
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert words in result.output.replace(str(tmp_path) + "/", ""), result.output


def test_an_endless_integer_in_pyproject_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.registry]\nlimits = {max_file_bytes = " + "9" * 4400 + "}\n", "utf-8"
    )
    (tmp_path / "deploys.yaml").write_text(HEAD, "utf-8")
    result = CliRunner().invoke(
        main, ["lint", "--no-cache", "--config", str(tmp_path / "pyproject.toml"), str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "S008" in result.output
    assert "internal error" not in result.output


_NUMBER_TEXTS = st.one_of(
    st.integers().map(str),
    st.integers(min_value=2**62, max_value=2**70).map(lambda n: f"-{n}"),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(
        [
            ".nan",
            ".NaN",
            "-.inf",
            "+.inf",
            ".Inf",
            "1e400",
            "-1e400",
            "-0",
            "-0.0",
            "00",
            "0644",
            "-012",
            "+08",
            "0o17",
            "0x1F",
            "1_000",
            "2.",
            ".5",
            "1e3",
        ]
    ),
    st.integers(min_value=1, max_value=5000).map(lambda n: "9" * n),
)
_PLACES = [
    "    version: {}\n",
    "    fields:\n      n: {{type: integer, min: {}, description: N.}}\n",
    "    fields:\n      n: {{type: number, max: {}, description: N.}}\n",
    "    fields:\n      s: {{type: string, max_length: {}, description: S.}}\n",
    "    fields:\n      e: {{type: enum, values: [a, {}], description: E.}}\n",
    "    fields:\n      x: {{type: number, examples: [{}], description: X.}}\n",
    "    fields:\n      t: {{type: string, description: {}}}\n",
    "    metadata: {{size: {}}}\n",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    number=_NUMBER_TEXTS,
    place=st.sampled_from(_PLACES),
    parser=st.sampled_from(["yaml-rs", "pyyaml"]),
)
def test_odd_numbers_never_make_an_internal_error(
    tmp_path: Path, number: str, place: str, parser: str
) -> None:
    (tmp_path / "deploys.yaml").write_text(HEAD + place.format(number), "utf-8")
    result = CliRunner().invoke(
        main, ["lint", "--no-cache", "--parser", parser, str(tmp_path)], catch_exceptions=False
    )
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output
    assert "Traceback" not in result.output
    value = float(number) if number.lstrip("+-").replace(".", "").isdigit() else None
    if value is not None and math.isfinite(value) and "." in number and "version" in place:
        assert f"{AMBIGUOUS_NUMBER}" in result.output or "S002" in result.output

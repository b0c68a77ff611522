"""Every rule documents itself, and its documented examples do what they say:
`docs.bad` triggers the rule, `docs.good` does not."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from registry.lint.rules import ALL_RULES, Rule

from conftest import lint_text

CONFIG_COMMENT = re.compile(r"\A# with (?P<config>.+)\n")
KNOWN_BUGS: dict[str, str] = {}


def _marked(rule: Rule) -> object:
    reason = KNOWN_BUGS.get(rule.code)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(rule, id=rule.code, marks=marks)


def _config(example: str) -> str | None:
    """The registry.yaml an example needs, from its leading `# with naming: {...}` line."""
    match = CONFIG_COMMENT.match(example)
    return match.group("config") + "\n" if match else None


def _codes(tmp_path: Path, example: str, config: str | None) -> list[str]:
    result = lint_text(tmp_path, example, config_yaml=config)
    return [f.rule for f in result.findings]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_docs_are_written(rule: Rule) -> None:
    assert rule.docs.what.strip()
    assert rule.docs.why.strip()
    assert rule.docs.good.strip()
    assert rule.summary.strip()
    assert rule.name.strip()


# B rules are produced by `registry diff`: their examples are diffed in tests/diff
LINTED = [r for r in ALL_RULES if r.docs.bad and r.family != "B"]


@pytest.mark.parametrize("rule", [_marked(r) for r in LINTED])
def test_bad_example_triggers_the_rule(tmp_path: Path, rule: Rule) -> None:
    codes = _codes(tmp_path, rule.docs.bad, _config(rule.docs.bad))
    assert rule.code in codes, codes


@pytest.mark.parametrize("rule", LINTED, ids=lambda r: r.code)
def test_good_example_passes_the_rule(tmp_path: Path, rule: Rule) -> None:
    # the good example is linted under its own configuration line, or else the bad one's,
    # so that it shows the fix under the same settings
    config = _config(rule.docs.good) or _config(rule.docs.bad)
    codes = _codes(tmp_path, rule.docs.good, config)
    assert rule.code not in codes, codes


def test_config_comment_is_parsed() -> None:
    assert _config("# with naming: {namespaces: [user]}\ndomain: x\n") == (
        "naming: {namespaces: [user]}\n"
    )
    assert _config("domain: x\n# with naming: {namespaces: [user]}\n") is None


def test_codes_are_unique_and_well_formed() -> None:
    codes = Counter(rule.code for rule in ALL_RULES)
    assert [code for code, n in codes.items() if n > 1] == []
    assert all(re.fullmatch(r"[A-Z][0-9]{3}", code) for code in codes), sorted(codes)


def test_names_are_unique() -> None:
    names = Counter(rule.name for rule in ALL_RULES)
    assert [name for name, n in names.items() if n > 1] == []

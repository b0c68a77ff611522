"""Configuration: discovery, pyproject.toml, presets, located C001 errors and C002 warnings,
and `catalogs` as the default paths of `registry lint`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from registry.catalog.config import TemplatePack, find_config, load_config
from registry.cli import main
from registry.findings.codes import KnownCodes
from registry.findings.errors import ConfigError
from registry.lint.rules import known_codes

from conftest import REPO

KNOWN = known_codes()
CATALOG = (REPO / "catalog" / "platform.yaml").read_text("utf-8")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def config_error(tmp_path: Path, text: str, name: str = "registry.yaml") -> ConfigError:
    write(tmp_path / name, text)
    with pytest.raises(ConfigError) as caught:
        load_config(None, tmp_path, KNOWN)
    return caught.value


def located(error: ConfigError) -> list[tuple[str, str, int, int]]:
    return [(f.path, f.rule, f.line, f.column) for f in error.findings]


# -- discovery ------------------------------------------------------------------------------------


def test_registry_yaml_is_found_upward_from_a_subdirectory(tmp_path: Path) -> None:
    write(tmp_path / "registry.yaml", "strict: true\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "registry.yaml"
    config = load_config(None, deep, KNOWN)
    assert config.strict is True
    assert config.root == tmp_path.resolve()
    assert config.source is not None
    assert config.source.endswith("registry.yaml")


def test_nearest_configuration_wins(tmp_path: Path) -> None:
    write(tmp_path / "registry.yaml", "strict: true\n")
    write(tmp_path / "sub" / ".registry.yaml", "strict: false\n")
    config = load_config(None, tmp_path / "sub", KNOWN)
    assert config.strict is False
    assert config.root == (tmp_path / "sub").resolve()


def test_tool_registry_in_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.registry]\ncatalogs = ["events"]\nstrict = true\n\n'
        '[tool.registry.naming]\nverb_tense = "base"\n',
    )
    config = load_config(None, tmp_path, KNOWN)
    assert config.source == "pyproject.toml"
    assert config.catalogs == ("events",)
    assert config.strict is True
    assert config.naming.verb_tense == "base"


def test_pyproject_without_tool_registry_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "registry.yaml", "strict: true\n")
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n')
    assert find_config(tmp_path / "pkg") == tmp_path / "registry.yaml"
    assert load_config(None, tmp_path / "pkg", KNOWN).strict is True


def test_explicit_configuration_file_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(str(tmp_path / "nope.yaml"), tmp_path, KNOWN)


# -- unknown keys are warnings ----------------------------------------------------------------------


def test_unknown_key_is_a_located_warning_and_the_rest_applies(tmp_path: Path) -> None:
    write(tmp_path / "registry.yaml", "strict: true\nstirct: false\nnaming:\n  max_lenght: 3\n")
    config = load_config(None, tmp_path, KNOWN)
    assert config.strict is True
    assert [(w.path, w.rule, str(w.severity), w.line, w.column) for w in config.warnings] == [
        ("registry.yaml", "C002", "warning", 2, 1),
        ("registry.yaml", "C002", "warning", 4, 3),
    ]
    assert "'stirct'" in config.warnings[0].message
    assert config.warnings[0].hint == "did you mean 'strict'?"
    assert "'max_lenght'" in config.warnings[1].message


def test_unknown_key_in_pyproject_is_located(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.registry]\nstrict = true\nbogus = 1\n',
    )
    config = load_config(None, tmp_path, KNOWN)
    assert [(w.rule, w.line, w.column) for w in config.warnings] == [("C002", 6, 1)]


def test_lint_goes_on_after_an_unknown_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "registry.yaml", "catalogs: [catalog]\nstirct: true\n")
    write(tmp_path / "catalog" / "platform.yaml", CATALOG)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 0, result.output
    assert "registry.yaml:2:1: C002 [warning] unknown key 'stirct'" in result.stderr
    assert "All checks passed" in result.stdout


# -- invalid values are located errors ---------------------------------------------------------------

INVALID = [
    ("verb tense", "naming:\n  verb_tense: future\n", (2, 15), "'future' is not allowed"),
    ("event pattern regex", "naming:\n  event_pattern: '^[a-z'\n", (2, 18), "regular expression"),
    ("field pattern regex", "naming:\n  field_pattern: '(x'\n", (2, 18), "regular expression"),
    ("select code", "select: [N001, Z999]\n", (1, 16), "no rule matches 'Z999'"),
    ("select prefix", "select: [Q]\n", (1, 10), "no rule matches 'Q'"),
    ("ignore code", "ignore:\n  - N\n  - N999\n", (3, 5), "no rule matches 'N999'"),
    ("rules code", "rules:\n  N001: warning\n  N999: off\n", (3, 3), "unknown rule 'N999'"),
    ("rules severity", "rules:\n  N001: loud\n", (2, 9), "'loud' is not allowed"),
    ("rules setting type", "rules:\n  N001: 5\n", (2, 9), "expected string or mapping"),
    ("per-path code", "per_path_ignores:\n  'x/*': [Q9]\n", (2, 11), "no rule matches 'Q9'"),
    ("unknown preset", "strict: true\nextends: fancy\n", (2, 10), "unknown preset 'fancy'"),
    ("limit below minimum", "limits: {max_file_bytes: 0}\n", (1, 26), "minimum of 1"),
    ("parser", "parser: fast\n", (1, 9), "'fast' is not allowed"),
    ("yes for a boolean", "strict: yes\n", (1, 9), "expected boolean"),
    ("templates not a list", "templates: packs/go\n", (1, 12), "expected list at templates"),
    (
        "template without out",
        "templates:\n  - pack: packs/go\n",
        (2, 5),
        "missing required key 'out' at templates.0",
    ),
    (
        "template empty pack",
        "templates:\n  - {pack: '', out: gen}\n",
        (2, 12),
        "should be non-empty at templates.0.pack",
    ),
    (
        "template out a number",
        "templates:\n  - pack: packs/go\n    out: 7\n",
        (3, 10),
        "expected string at templates.0.out",
    ),
    (
        "two packs, one out",
        "templates:\n  - {pack: a, out: gen/go}\n  - {pack: b, out: gen/./go/}\n",
        (3, 20),
        (
            "templates: out 'gen/./go/' is the directory of an earlier pack ('gen/go'); give "
            "each pack a directory of its own"
        ),
    ),
    (
        "a pack inside another's out",
        "templates:\n  - {pack: a, out: gen}\n  - {pack: b, out: gen/go}\n",
        (3, 20),
        "templates: out 'gen/go' and 'gen' of an earlier pack are one inside the other",
    ),
    (
        "a pack around another's out",
        "templates:\n  - {pack: a, out: gen/go}\n  - {pack: b, out: gen}\n",
        (3, 20),
        "templates: out 'gen' and 'gen/go' of an earlier pack are one inside the other",
    ),
    ("record_access a list", "record_access: [a]\n", (1, 16), "expected string at record_access"),
    ("record_access empty", "record_access: ''\n", (1, 16), "should be non-empty at record_access"),
]


@pytest.mark.parametrize(
    ("text", "position", "message"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID]
)
def test_invalid_configuration_is_a_located_c001(
    tmp_path: Path, text: str, position: tuple[int, int], message: str
) -> None:
    error = config_error(tmp_path, text)
    assert located(error) == [("registry.yaml", "C001", *position)]
    assert message in error.findings[0].message
    assert str(error) == "registry.yaml: invalid configuration"


def test_invalid_value_in_pyproject_is_located(tmp_path: Path) -> None:
    error = config_error(
        tmp_path,
        '[tool.registry]\nstrict = true\n\n[tool.registry.naming]\nverb_tense = "future"\n',
        "pyproject.toml",
    )
    assert located(error) == [("pyproject.toml", "C001", 5, 1)]


def test_configuration_that_is_not_a_mapping(tmp_path: Path) -> None:
    error = config_error(tmp_path, "- strict\n")
    assert located(error) == [("registry.yaml", "C001", 1, 1)]


def test_configuration_that_is_not_yaml(tmp_path: Path) -> None:
    error = config_error(tmp_path, "naming: {verb_tense: base\n")
    assert [f.rule for f in error.findings] == ["Y001"]


def test_invalid_configuration_stops_lint_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "registry.yaml", "naming:\n  verb_tense: future\n")
    write(tmp_path / "platform.yaml", CATALOG)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "platform.yaml"])
    assert result.exit_code == 2
    assert "registry.yaml:2:15: C001 [error] 'future' is not allowed" in result.stderr


# -- presets ---------------------------------------------------------------------------------------


def preset(tmp_path: Path, text: str | None) -> Any:
    if text is not None:
        write(tmp_path / "registry.yaml", text)
    return load_config(None, tmp_path, KNOWN)


def test_default_preset_wants_past_tense(tmp_path: Path) -> None:
    config = preset(tmp_path, None)
    assert config.naming.verb_tense == "past"
    assert config.naming.max_segments == 3


def test_okta_preset_wants_base_form_verbs(tmp_path: Path) -> None:
    config = preset(tmp_path, "extends: okta\n")
    assert config.naming.verb_tense == "base"
    assert config.naming.max_segments == 12
    # What okta does not set comes from the default preset.
    assert "authentication" in config.vocabularies.categories


def test_own_settings_override_the_preset(tmp_path: Path) -> None:
    config = preset(tmp_path, "extends: okta\nnaming:\n  verb_tense: any\n")
    assert config.naming.verb_tense == "any"
    assert config.naming.max_segments == 12


def test_strict_preset(tmp_path: Path) -> None:
    assert preset(tmp_path, "extends: strict\n").strict is True


# -- catalogs as the default paths --------------------------------------------------------------------


def test_lint_without_paths_uses_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "registry.yaml", "catalogs: [events]\n")
    write(tmp_path / "events" / "platform.yaml", CATALOG)
    write(tmp_path / "events" / "broken.yaml", "description: [unclosed\n")
    write(tmp_path / "elsewhere" / "ignored.yaml", "description: [also broken\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # catalogs are relative to the configuration
    result = CliRunner().invoke(main, ["lint", "--select", "Y"])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0].startswith("../events/broken.yaml:2:1: Y001")
    assert "ignored.yaml" not in result.stdout
    assert "(2 files, 3 events)" in result.stdout


def test_lint_without_paths_or_configuration_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if find_config(tmp_path) is not None:
        pytest.skip(f"a configuration above the test directory: {find_config(tmp_path)}")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 2
    assert "no catalog paths given" in result.stderr
    assert "catalogs" in result.stderr


def test_lint_without_paths_and_a_configuration_without_catalogs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "registry.yaml", "strict: true\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 2
    assert "no catalog paths given" in result.stderr


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("{min_words: five}", "option 'min_words' of rule D002 must be an integer"),
        ("{min_words: [1]}", "option 'min_words' of rule D002 must be an integer"),
    ],
)
def test_rule_option_of_the_wrong_type_names_the_type_in_words(
    tmp_path: Path, options: str, expected: str
) -> None:
    (tmp_path / "registry.yaml").write_text(f"rules:\n  D002: {{options: {options}}}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(None, tmp_path, KNOWN)
    assert [f.message for f in raised.value.findings] == [expected]


# -- templates and record_access: paths relative to the configuration file ------------------------


def test_templates_and_record_access_are_relative_to_the_configuration_file(tmp_path: Path) -> None:
    write(
        tmp_path / "registry.yaml",
        "templates:\n  - {pack: packs/go, out: gen/go}\n  - {pack: /srv/packs/csv, out: ../inv}\n"
        "record_access: audit/access.jsonl\n",
    )
    (tmp_path / "deep").mkdir()
    config = load_config(None, tmp_path / "deep", KNOWN)
    root = tmp_path.resolve()
    assert config.templates == (
        TemplatePack(root / "packs" / "go", root / "gen" / "go"),
        TemplatePack(Path("/srv/packs/csv"), root / ".." / "inv"),
    )
    assert config.record_access == root / "audit" / "access.jsonl"


def test_without_the_entries_nothing_is_configured(tmp_path: Path) -> None:
    config = preset(tmp_path, "strict: true\n")
    assert (config.templates, config.record_access) == ((), None)


def test_templates_and_record_access_in_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.registry]\nrecord_access = "access.jsonl"\n'
        'templates = [{pack = "packs/go", out = "gen/go"}]\n',
    )
    config = load_config(None, tmp_path, KNOWN)
    root = tmp_path.resolve()
    assert config.templates == (TemplatePack(root / "packs/go", root / "gen/go"),)
    assert config.record_access == root / "access.jsonl"


def test_an_unknown_key_in_a_template_entry_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "registry.yaml", "templates:\n  - {pack: a, out: x, outdir: y}\n")
    config = load_config(None, tmp_path, KNOWN)
    assert [(w.rule, w.line, w.column) for w in config.warnings] == [("C002", 2, 23)]
    assert "unknown key 'outdir'" in config.warnings[0].message


def _no_codes() -> KnownCodes:
    raise AssertionError("the rule codes were asked for")


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("record_access: a.jsonl\n", False),
        ("naming: {max_length: 20}\n", False),
        ("select: [N]\n", True),
        ("rules: {D003: off}\n", True),
        ("per_path_ignores: {'x/*': [N]}\n", True),
    ],
)
def test_the_rule_codes_are_asked_for_only_by_a_configuration_that_names_codes(
    tmp_path: Path, text: str, asked: bool
) -> None:
    """`registry query` loads the configuration for record_access; importing every rule is
    most of that cost, so the codes come from a callable called only when needed."""
    write(tmp_path / "registry.yaml", text)
    if asked:
        with pytest.raises(AssertionError, match="codes were asked for"):
            load_config(None, tmp_path, _no_codes)
        assert load_config(None, tmp_path, known_codes) is not None
    else:
        assert load_config(None, tmp_path, _no_codes) is not None

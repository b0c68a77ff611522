"""The `registry` command: exit codes, the four output formats, rule docs and start-up cost."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from click.testing import CliRunner, Result

import registry
import registry.lint.engine
from registry.cli import main
from registry.lint.rules import ALL_RULES, known_codes

CATALOG_DIR = Path(__file__).resolve().parent.parent / "catalog"

CLEAN = """\
domain: deployments
description: Release promotion and deploys.
owners: [platform-team]
events:
  user.promoted_production:
    description: A user promoted a release from staging to production.
    category: deployment
    actor: [user]
    targets: [release]
"""
WARNING_ONLY = CLEAN.replace("owners: [platform-team]\n", "")  # D004, a warning
ERROR = CLEAN.replace("user.promoted_production", "User.PromotedProduction")  # N001 + N003
MIXED = """\
domain: deployments
events:
  user.promoted_production:
    description: A user promoted a release from staging to production.
    category: deployment
    actor: [user]
    targets: [release]
    fields:
      releaseId: {type: string, pattern: "^rel_[a-z0-9]{8}$", description: Identifier of a release.}
"""
"""Two file-level D004 warnings (no event, no field) and an N007 error on a field.

The format tests select D and N only, so that rules added later do not change them."""
FAMILIES = ("--select", "D,N")

TEXT_FINDING = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<rule>[A-Z]\d{3}) "
    r"\[(?P<severity>error|warning)\] (?P<message>.+)$"
)
JSON_FINDING_KEYS = {"rule", "severity", "path", "line", "column", "event", "field", "message"}
BANNED_AT_IMPORT = {"yaml", "jsonschema", "yaml_rs", "jsonschema_rs", "jinja2"}


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty directory (no registry.yaml above it), outside GitHub Actions."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("REGISTRY_DEBUG", raising=False)


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def write(name: str, text: str) -> str:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return name


# -- exit codes --------------------------------------------------------------------------------


def test_builtin_catalog_is_clean() -> None:
    result = run("lint", str(CATALOG_DIR))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("All checks passed (4 files, ")
    assert result.stderr == ""


def test_error_finding_exits_1() -> None:
    result = run("lint", write("catalog.yaml", ERROR))
    assert result.exit_code == 1
    assert " N001 [error] " in result.stdout


def test_warnings_exit_0_unless_strict() -> None:
    path = write("catalog.yaml", WARNING_ONLY)
    relaxed = run("lint", path)
    assert relaxed.exit_code == 0
    assert "D004 [warning]" in relaxed.stdout
    assert "Found 0 errors and 1 warning (1 file, 1 event)." in relaxed.stdout
    strict = run("lint", "--strict", path)
    assert strict.exit_code == 1
    assert strict.stdout == relaxed.stdout


def test_strict_from_configuration() -> None:
    path = write("catalog.yaml", WARNING_ONLY)
    write("registry.yaml", "extends: strict\n")
    assert run("lint", path).exit_code == 1


def test_clean_catalog_exits_0() -> None:
    result = run("lint", "--strict", write("catalog.yaml", CLEAN))
    assert result.exit_code == 0
    assert result.stdout == "All checks passed (1 file, 1 event).\n"


def test_unknown_option_exits_2() -> None:
    result = run("lint", "--no-such-option", write("catalog.yaml", CLEAN))
    assert result.exit_code == 2
    assert "No such option '--no-such-option'" in result.stderr
    assert result.stdout == ""


def test_unknown_command_exits_2() -> None:
    result = run("lnit")
    assert result.exit_code == 2
    assert "No such command 'lnit'" in result.stderr


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_code_exits_2(option: str) -> None:
    result = run("lint", option, "Q9", write("catalog.yaml", CLEAN))
    assert result.exit_code == 2
    assert "no rule matches 'Q9'" in result.stderr
    assert result.stdout == ""


def test_select_accepts_prefixes_and_commas() -> None:
    path = write("catalog.yaml", ERROR)
    result = run("lint", "--select", "n001,D", "--format", "json", path)
    assert result.exit_code == 1
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["N001"]


def test_invalid_config_exits_2_with_located_findings() -> None:
    path = write("catalog.yaml", CLEAN)
    config = write("conf/registry.yaml", "naming:\n  verb_tense: sometimes\nselect: [Q9]\n")
    result = run("lint", "--config", config, path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "registry: conf/registry.yaml: invalid configuration" in result.stderr
    assert re.search(r"^conf/registry\.yaml:2:\d+: C001 \[error\] ", result.stderr, re.MULTILINE)
    assert re.search(
        r"^conf/registry\.yaml:3:\d+: C001 \[error\] .*'Q9'", result.stderr, re.MULTILINE
    )
    assert "Traceback" not in result.output


def test_config_with_bad_yaml_exits_2() -> None:
    path = write("catalog.yaml", CLEAN)
    config = write("registry.yaml", "naming: [unclosed\n")
    result = run("lint", "--config", config, path)
    assert result.exit_code == 2
    assert "registry.yaml: invalid YAML" in result.stderr
    assert "Traceback" not in result.output


def test_missing_config_file_exits_2() -> None:
    result = run("lint", "--config", "nowhere.yaml", write("catalog.yaml", CLEAN))
    assert result.exit_code == 2
    assert "nowhere.yaml: configuration file not found" in result.stderr


def test_config_warning_goes_to_stderr() -> None:
    path = write("catalog.yaml", CLEAN)
    write("registry.yaml", "colour: blue\n")
    result = run("lint", "--format", "json", path)
    assert result.exit_code == 0
    assert "C002 [warning]" in result.stderr
    json.loads(result.stdout)  # stdout stays machine-readable


def test_lint_without_paths_or_catalogs_exits_2() -> None:
    result = run("lint")
    assert result.exit_code == 2
    assert "no catalog paths given" in result.stderr


def test_lint_uses_configured_catalogs() -> None:
    write("events/catalog.yaml", ERROR)
    write("registry.yaml", "catalogs: [events]\n")
    result = run("lint", "--format", "json")
    assert result.exit_code == 1
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"events/catalog.yaml"}


def test_explain_unknown_rule_exits_2() -> None:
    result = run("explain", "NOPE")
    assert result.exit_code == 2
    assert "no code 'NOPE'" in result.stderr
    assert result.stdout == ""


def _every_printable_code() -> list[str]:
    from registry.checkevents.codes import CODES as STREAM_CODES
    from registry.findings.codes import ALL_CODES

    return [code.id for code in (*ALL_CODES, *STREAM_CODES)]


@pytest.mark.parametrize("code", _every_printable_code())
def test_explain_knows_every_code_the_tool_prints(code: str) -> None:
    """Lint, diff (B) and check-events (E): every table's codes, with a summary, a what and a
    why; E codes point to the stream docs."""
    result = run("explain", code.lower())
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{code} ")
    what, why = lines.index("What it does"), lines.index("Why it matters")
    assert lines[what + 1].startswith("    ")
    assert lines[why + 1].startswith("    ")
    if code.startswith("E"):
        assert "registry check-events" in lines[-1]


def test_stream_docs_describe_exactly_the_stream_codes() -> None:
    from registry.checkevents.codes import CODES as STREAM_CODES
    from registry.cli.stream_docs import STREAM_DOCS

    assert list(STREAM_DOCS) == [code.id for code in STREAM_CODES]
    assert all(docs.what.startswith("Reports ") for docs in STREAM_DOCS.values())
    assert all(docs.why.endswith(".") for docs in STREAM_DOCS.values())


TEAM_PROFILE = """\
profile: acme
title: Acme controls
requirements:
  - id: invoice_approval
    title: Invoice approvals
    match: {categories: [billing]}
    hint: invoice.approved
  - id: signin
    title: Sign-ins
    satisfied_by: [baseline:login_success]
"""


@pytest.mark.parametrize(
    ("requirement", "hint"),
    [
        ("acme:invoice_approval", "add invoice.approved (profile acme names it) with `covers: [acme:invoice_approval]`"),
        ("acme:signin", "add user.signed_in from the baseline (include: [builtin:security], or copy it from there)"),
    ],
)  # fmt: skip
def test_coverage_hint_says_where_its_event_is(requirement: str, hint: str) -> None:
    """A team profile's hint is its own event, never "from the baseline" unless the baseline
    has it; the JSON's source of a team profile is its file."""
    write("catalog/app.yaml", CLEAN)
    write("acme.yaml", TEAM_PROFILE)
    result = run("coverage", "catalog", "--profile", "acme.yaml", "--format", "json")
    assert result.exit_code == 1, result.output
    profile = json.loads(result.stdout)["profiles"][0]
    assert profile["source"] == "acme.yaml"
    hints = {r["id"]: r["hint"] for r in profile["requirements"]}
    assert hints[requirement] == hint


def test_internal_error_exits_2_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the engine fell over")

    monkeypatch.setattr(registry.lint.engine, "lint", broken)
    result = run("lint", write("catalog.yaml", CLEAN))
    assert result.exit_code == 2
    assert "registry: internal error: RuntimeError: the engine fell over" in result.stderr
    assert "REGISTRY_DEBUG" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_internal_error_traceback_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the engine fell over")

    monkeypatch.setattr(registry.lint.engine, "lint", broken)
    with pytest.raises(RuntimeError, match="fell over"):
        run("lint", write("catalog.yaml", CLEAN), env={"REGISTRY_DEBUG": "1"})


# -- text --------------------------------------------------------------------------------------


def test_text_format() -> None:
    result = run("lint", *FAMILIES, "--format", "text", write("catalog.yaml", MIXED))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    findings = [m.groupdict() for line in lines if (m := TEXT_FINDING.match(line))]
    assert [(f["path"], f["line"], f["column"], f["rule"], f["severity"]) for f in findings] == [
        ("catalog.yaml", "1", "1", "D004", "warning"),
        ("catalog.yaml", "1", "1", "D004", "warning"),
        ("catalog.yaml", "9", "7", "N007", "error"),
    ]
    assert findings[2]["message"] == (
        "field name 'releaseId' does not match '^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$'"
    )
    assert "    hint: did you mean 'release_id'?" in lines
    assert lines[-1] == "Found 1 error and 2 warnings (1 file, 1 event)."
    assert all(TEXT_FINDING.match(line) or line.startswith("    hint: ") for line in lines[:-1])


def test_text_is_the_default() -> None:
    path = write("catalog.yaml", MIXED)
    assert (
        run("lint", *FAMILIES, path).stdout
        == run("lint", *FAMILIES, "--format", "text", path).stdout
    )


# -- json --------------------------------------------------------------------------------------


def test_json_format() -> None:
    write("catalogs/deploy.yaml", MIXED)
    clean = CLEAN.replace("deployments", "releases").replace("production", "staging")
    write("catalogs/more/clean.yaml", clean)
    result = run("lint", *FAMILIES, "--format", "json", "./catalogs")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert set(document) == {"findings", "summary"}
    assert document["summary"] == {"files": 2, "events": 2, "errors": 1, "warnings": 2}
    assert all(set(f) == JSON_FINDING_KEYS for f in document["findings"])
    assert document["findings"] == [
        {
            "rule": "D004",
            "severity": "warning",
            "path": "./catalogs/deploy.yaml",
            "line": 1,
            "column": 1,
            "event": None,
            "field": None,
            "message": "catalog 'deployments' has no description",
        },
        {
            "rule": "D004",
            "severity": "warning",
            "path": "./catalogs/deploy.yaml",
            "line": 1,
            "column": 1,
            "event": None,
            "field": None,
            "message": "catalog 'deployments' names no owners",
        },
        {
            "rule": "N007",
            "severity": "error",
            "path": "./catalogs/deploy.yaml",
            "line": 9,
            "column": 7,
            "event": "user.promoted_production",
            "field": "releaseId",
            "message": "field name 'releaseId' does not match '^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$'",
        },
    ]


@pytest.mark.parametrize(
    ("given", "reported"),
    [
        ("catalog.yaml", "catalog.yaml"),
        ("./catalog.yaml", "./catalog.yaml"),
        ("sub", "sub/catalog.yaml"),
        ("sub/", "sub/catalog.yaml"),
        (".", "catalog.yaml"),
    ],
)
def test_json_paths_are_as_given(given: str, reported: str) -> None:
    target = "sub/catalog.yaml" if given.startswith("sub") else "catalog.yaml"
    write(target, ERROR)
    result = run("lint", "--format", "json", given)
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {reported}


def test_json_absolute_path_stays_absolute(tmp_path: Path) -> None:
    path = tmp_path / write("catalog.yaml", ERROR)
    result = run("lint", "--format", "json", str(path))
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {str(path)}


def test_json_clean() -> None:
    result = run("lint", "--format", "json", write("catalog.yaml", CLEAN))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "findings": [],
        "summary": {"files": 1, "events": 1, "errors": 0, "warnings": 0},
    }


# -- github ------------------------------------------------------------------------------------

GITHUB_LINE = re.compile(
    r"^::(?P<level>error|warning) file=(?P<file>[^,]*),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=(?P<title>[^,:]*)::(?P<data>.*)$"
)


def test_github_format() -> None:
    result = run("lint", *FAMILIES, "--format", "github", write("catalog.yaml", MIXED))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    matches = [GITHUB_LINE.match(line) for line in lines]
    assert all(matches)
    assert [(m["level"], m["file"], m["line"], m["col"], m["title"]) for m in matches] == [
        ("warning", "catalog.yaml", "1", "1", "D004"),
        ("warning", "catalog.yaml", "1", "1", "D004"),
        ("error", "catalog.yaml", "9", "7", "N007"),
    ]
    assert matches[2]["data"].startswith("N007 field name 'releaseId' does not match ")
    assert matches[2]["data"].endswith("(did you mean 'release_id'?)")


def test_github_is_the_default_under_github_actions() -> None:
    path = write("catalog.yaml", MIXED)
    result = run("lint", *FAMILIES, path, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout == run("lint", *FAMILIES, "--format", "github", path).stdout
    assert result.stdout.startswith("::warning file=catalog.yaml,line=1,col=1,")
    plain = run("lint", *FAMILIES, path, env={"GITHUB_ACTIONS": "false"})
    assert plain.stdout.startswith("catalog.yaml:1:1: D004 [warning] ")
    explicit = run("lint", *FAMILIES, "--format", "text", path, env={"GITHUB_ACTIONS": "true"})
    assert explicit.stdout.startswith("catalog.yaml:1:1: D004 [warning] ")


def test_github_escapes_hostile_path_and_message(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = "we:ird,100%\nname.yaml"
    write(hostile, ERROR)
    real_lint = registry.lint.engine.lint

    def hostile_lint(*args: Any, **kwargs: Any) -> registry.lint.engine.LintResult:
        result = real_lint(*args, **kwargs)
        first = dataclasses.replace(
            result.findings[0], message="50% off,\r\nline two: done", hint=None
        )
        return dataclasses.replace(result, findings=(first,))

    monkeypatch.setattr(registry.lint.engine, "lint", hostile_lint)
    result = run("lint", "--select", "N", "--format", "github", hostile)
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=we%3Aird%2C100%25%0Aname.yaml,line=5,col=3,title=N001"
        "::N001 50%25 off,%0D%0Aline two: done\n"
    )


def test_github_escapes_hostile_path_of_real_findings() -> None:
    hostile = "a,b:c%d\ne.yaml"
    write(hostile, ERROR)
    result = run("lint", "--select", "N", "--format", "github", hostile)
    lines = result.stdout.splitlines()
    # one line per finding (N001; the camel-case action reads as the words `promoted
    # production`, a past-tense verb first, so N003 is satisfied): the path's newline is escaped
    assert len(lines) == 1
    for line in lines:
        match = GITHUB_LINE.match(line)
        assert match, line
        assert match["file"] == "a%2Cb%3Ac%25d%0Ae.yaml"
        assert match["line"] == "5"


# -- sarif -------------------------------------------------------------------------------------

# The SARIF 2.1.0 properties this formatter emits, with the constraints the OASIS schema puts
# on them (required properties, enums, minimums). `additionalProperties: false` catches a
# misspelt property name; add to the lists when the formatter emits more of SARIF.
_TEXT = {"type": "string"}
SARIF_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$ref": "#/$defs/sarifLog",
    "$defs": {
        "sarifLog": {
            "type": "object",
            "required": ["version", "runs"],
            "additionalProperties": False,
            "properties": {
                "$schema": {"type": "string"},
                "version": {"const": "2.1.0"},
                "runs": {"type": "array", "items": {"$ref": "#/$defs/run"}},
            },
        },
        "run": {
            "type": "object",
            "required": ["tool"],
            "additionalProperties": False,
            "properties": {
                "tool": {"$ref": "#/$defs/tool"},
                "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
            },
        },
        "tool": {
            "type": "object",
            "required": ["driver"],
            "additionalProperties": False,
            "properties": {"driver": {"$ref": "#/$defs/toolComponent"}},
        },
        "toolComponent": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": _TEXT,
                "version": _TEXT,
                "semanticVersion": _TEXT,
                "informationUri": _TEXT,
                "rules": {
                    "type": "array",
                    "uniqueItems": True,
                    "items": {"$ref": "#/$defs/reportingDescriptor"},
                },
            },
        },
        "reportingDescriptor": {
            "type": "object",
            "required": ["id"],
            "additionalProperties": False,
            "properties": {
                "id": _TEXT,
                "name": _TEXT,
                "shortDescription": {"$ref": "#/$defs/multiformatMessageString"},
                "fullDescription": {"$ref": "#/$defs/multiformatMessageString"},
                "help": {"$ref": "#/$defs/multiformatMessageString"},
                "helpUri": _TEXT,
                "defaultConfiguration": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"level": {"$ref": "#/$defs/level"}},
                },
            },
        },
        "multiformatMessageString": {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {"text": _TEXT, "markdown": _TEXT},
        },
        "message": {
            "type": "object",
            "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
            "additionalProperties": False,
            "properties": {"text": _TEXT, "markdown": _TEXT, "id": _TEXT},
        },
        "level": {"enum": ["none", "note", "warning", "error"]},
        "result": {
            "type": "object",
            "required": ["message"],
            "additionalProperties": False,
            "properties": {
                "ruleId": _TEXT,
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"$ref": "#/$defs/level"},
                "message": {"$ref": "#/$defs/message"},
                "locations": {"type": "array", "items": {"$ref": "#/$defs/location"}},
            },
        },
        "location": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"physicalLocation": {"$ref": "#/$defs/physicalLocation"}},
        },
        "physicalLocation": {
            "type": "object",
            "anyOf": [{"required": ["artifactLocation"]}, {"required": ["address"]}],
            "additionalProperties": False,
            "properties": {
                "artifactLocation": {"$ref": "#/$defs/artifactLocation"},
                "region": {"$ref": "#/$defs/region"},
            },
        },
        "artifactLocation": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"uri": _TEXT, "uriBaseId": _TEXT},
        },
        "region": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                name: {"type": "integer", "minimum": 1}
                for name in ("startLine", "startColumn", "endLine", "endColumn")
            },
        },
    },
}


def sarif_errors(document: Any) -> list[str]:
    jsonschema.Draft202012Validator.check_schema(SARIF_SCHEMA)
    validator = jsonschema.Draft202012Validator(SARIF_SCHEMA)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_sarif_schema_is_not_vacuous() -> None:
    result = run("lint", "--format", "sarif", write("catalog.yaml", ERROR))
    document = json.loads(result.stdout)
    assert sarif_errors(document) == []
    region = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    region["startLine"] = 0
    assert sarif_errors(document)
    assert sarif_errors({"version": "2.1.0"})
    assert sarif_errors({"version": "2.0.0", "runs": []})
    assert sarif_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})


@pytest.mark.parametrize("text", [MIXED, ERROR, WARNING_ONLY, CLEAN])
def test_sarif_format(text: str) -> None:
    result = run("lint", "--format", "sarif", write("catalogs/catalog.yaml", text))
    document = json.loads(result.stdout)
    assert sarif_errors(document) == []
    assert document["version"] == "2.1.0"
    (sarif_run,) = document["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "registry"
    assert driver["version"] == registry.__version__
    rules = driver["rules"]
    results = sarif_run["results"]
    assert {r["id"] for r in rules} == {r["ruleId"] for r in results}
    for rule in rules:
        assert rule["id"] in known_codes()
        assert rule["name"]
        assert rule["shortDescription"]["text"]
    for item in results:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        (location,) = item["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "catalogs/catalog.yaml"
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["startColumn"] >= 1
    json_result = json.loads(run("lint", "--format", "json", "catalogs/catalog.yaml").stdout)
    assert [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    ] == [(f["rule"], f["severity"], f["line"], f["column"]) for f in json_result["findings"]]
    assert result.exit_code == (1 if json_result["summary"]["errors"] else 0)


def test_sarif_messages_are_sentences_with_the_hint() -> None:
    result = run("lint", *FAMILIES, "--format", "sarif", write("catalog.yaml", MIXED))
    messages = [r["message"]["text"] for r in json.loads(result.stdout)["runs"][0]["results"]]
    assert messages[2] == (
        "field name 'releaseId' does not match '^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$'. "
        "Hint: did you mean 'release_id'?"
    )
    for message in messages:
        assert re.fullmatch(r"[^\n]+[.?!] Hint: [^\n]+[.?!]", message), message
        assert "?." not in message
        assert ".." not in message


def test_sarif_uri_of_a_hostile_path() -> None:
    hostile = "we:ird,100% #1.yaml"
    write(hostile, ERROR)
    document = json.loads(run("lint", "--format", "sarif", hostile).stdout)
    assert sarif_errors(document) == []
    for item in document["runs"][0]["results"]:
        uri = item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        parts = urlsplit(uri)
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", "")
        assert unquote(uri) == hostile


def test_sarif_region_is_at_least_1_for_unlocated_findings() -> None:
    result = run("lint", "--format", "sarif", "missing.yaml")  # Y012, reported at 1:1
    document = json.loads(result.stdout)
    assert sarif_errors(document) == []
    (item,) = document["runs"][0]["results"]
    assert item["ruleId"] == "Y012"
    region = item["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (1, 1)


# -- rules, explain, version -------------------------------------------------------------------


def test_rules_lists_every_code() -> None:
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == [rule.code for rule in ALL_RULES]
    assert set(listed) == known_codes()


def test_rules_json() -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    rules = json.loads(result.stdout)
    assert [r["code"] for r in rules] == [rule.code for rule in ALL_RULES]
    for rule in rules:
        assert {"code", "name", "severity", "summary", "what", "why", "bad", "good"} <= set(rule)
        assert rule["severity"] in ("error", "warning")
        assert rule["what"]
        assert rule["why"]


def test_explain_prints_the_four_parts() -> None:
    result = run("explain", "N003")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "N003 naming.verb-tense (error)"
    headings = ["What it does", "Why it matters", "Example", "Use instead"]
    positions = [lines.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "user.promote_production:" in result.stdout  # the bad example
    assert "user.promoted_production:" in result.stdout  # the good one
    # every part has an indented body
    for position in positions:
        assert lines[position + 1].startswith("    ")


def test_explain_is_case_insensitive() -> None:
    assert run("explain", "n003").stdout == run("explain", "N003").stdout


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout == f"registry, version {registry.__version__}\n"


# -- processes ---------------------------------------------------------------------------------


def test_import_of_the_cli_is_lazy(tmp_path: Path) -> None:
    """Start-up cost: the parsers, validators and templates load only when a command runs."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import registry.cli"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    modules = set()
    for line in completed.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                modules.add(name)
    assert {"registry", "registry.cli", "click"} <= modules
    assert sorted(m for m in modules if m.split(".")[0] in BANNED_AT_IMPORT) == []


def test_closed_pipe_is_not_a_traceback(tmp_path: Path) -> None:
    """`registry lint | head`: the reader goes away before the output is written."""
    path = tmp_path / "catalog.yaml"
    path.write_text(ERROR, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "registry", "lint", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # long before the interpreter has started and linted
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 1  # click's exit for a broken pipe; 2 is an error
    assert stderr == ""

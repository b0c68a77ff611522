"""A table of (BASE, HEAD, expected changes): every classification of `registry diff`,
under every compatibility mode; and the B rules' documented examples."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from registry.catalog.config import Config
from registry.catalog.load import load_catalog
from registry.diff.changes import ChangeKind, DiffResult
from registry.diff.compare import diff_catalogs
from registry.findings import Severity
from registry.findings.docs.compatibility_examples import split
from registry.lint.rules import ALL_RULES, FAMILIES
from registry.lint.rules import COMPATIBILITY_RULES as RULES

HEAD = "domain: accounts\ndescription: User accounts.\nowners: [identity-team]\n"
EV = "user.changed_email"


def catalog(fields: str = "", *, extra: str = "", more: str = "", types: str = "") -> str:
    text = HEAD + types + "events:\n"
    text += (
        f"  {EV}:\n    description: A user changed the e-mail address of their account.\n"
        "    category: data_change\n    actor: [user]\n    targets: [account]\n" + extra
    )
    if fields:
        text += "    fields:\n" + fields
    return text + more


OTHER = (
    "  user.changed_username:\n    description: A user changed the name they sign in with.\n"
    "    category: data_change\n    actor: [user]\n    targets: [account]\n"
)
OTHER_ONLY = HEAD + "events:\n" + OTHER
V2 = "    version: 2\n"
REASON = "      reason_text: {type: string, max_length: 200, description: Why.}\n"
REASON_REQ = "      reason_text: {type: string, max_length: 200, required: true, description: Why.}\n"
COUNT = "      attempts: {type: integer, min: 0, max: 10, description: Tries.}\n"
CODE = "      code: {type: string, pattern: '^[a-z]+$', description: A code.}\n"
PLAN = "      plan: {type: enum, values: [free, team], description: Plan.}\n"
EMAIL = (
    "      new_email: {type: string, format: email, max_length: 254, sensitivity: pii, "
    "redact: hash, description: The address.}\n"
)
TOKEN = (
    "      api_token: {type: string, max_length: 200, sensitivity: credential, redact: drop, "
    "redact_reason: Secret., description: Token.}\n"
)
NESTED = (
    "      device:\n        type: object\n        description: The device.\n        fields:\n"
    "          model: {type: string, max_length: 50, description: Model.}\n"
)


def load(tmp_path: Path, name: str, text: str) -> Config:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return Config(root=tmp_path)


def run(tmp_path: Path, base: str, head: str, mode: str = "backward") -> DiffResult:
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "head.yaml").write_text(head, encoding="utf-8")
    config = Config(root=tmp_path, compatibility=mode)
    before = load_catalog((str(tmp_path / "base.yaml"),), config)
    after = load_catalog((str(tmp_path / "head.yaml"),), config)
    for loaded in (before, after):
        assert not [f for f in loaded.findings if f.severity is Severity.ERROR], loaded.findings
    return diff_catalogs(before.catalog, after.catalog, config)


REASONS1 = "    failure_reasons: [not_permitted]\n"
REASONS2 = "    failure_reasons: [not_permitted, address_taken]\n"
B, P, N = ChangeKind.BREAKING, ChangeKind.PRIVACY, ChangeKind.NON_BREAKING

# (id, base, head, expected {(kind, code, event, field)})
TABLE = [
    ("event-removed", catalog() + OTHER, OTHER_ONLY,
     {(B, "B001", EV, None)}),
    ("deprecated-event-removed",
     catalog(extra="    deprecated: {reason: gone}\n") + OTHER, OTHER_ONLY,
     {(N, "B023", EV, None)}),
    ("field-removed", catalog(PLAN + REASON), catalog(PLAN, extra=V2),
     {(B, "B002", EV, "reason_text")}),
    ("field-renamed", catalog(REASON),
     catalog(REASON.replace("reason_text", "reason_note"), extra=V2),
     {(B, "B003", EV, "reason_note")}),
    ("optional-to-required", catalog(REASON), catalog(REASON_REQ, extra=V2),
     {(B, "B004", EV, "reason_text")}),
    ("required-to-optional", catalog(REASON_REQ), catalog(REASON),
     {(N, "B013", EV, "reason_text")}),
    ("required-field-added", catalog(PLAN), catalog(PLAN + REASON_REQ, extra=V2),
     {(B, "B005", EV, "reason_text")}),
    ("optional-field-added", catalog(PLAN), catalog(PLAN + REASON),
     {(N, "B020", EV, "reason_text")}),
    ("kind-changed", catalog(COUNT), catalog(COUNT.replace("integer", "number"), extra=V2),
     {(B, "B006", EV, "attempts")}),
    ("minimum-raised", catalog(COUNT), catalog(COUNT.replace("min: 0", "min: 1"),
                                                extra=V2),
     {(B, "B007", EV, "attempts")}),
    ("maximum-lowered", catalog(COUNT), catalog(COUNT.replace("10", "5"), extra=V2),
     {(B, "B007", EV, "attempts")}),
    ("maximum-raised", catalog(COUNT), catalog(COUNT.replace("10", "50")),
     {(N, "B008", EV, "attempts")}),
    ("max-length-lowered", catalog(REASON), catalog(REASON.replace("200", "100"), extra=V2),
     {(B, "B007", EV, "reason_text")}),
    ("max-length-raised", catalog(REASON), catalog(REASON.replace("200", "300")),
     {(N, "B008", EV, "reason_text")}),
    ("pattern-added", catalog(REASON),
     catalog(REASON.replace("max_length: 200", "max_length: 200, pattern: '^[a-z ]+$'"),
             extra=V2),
     {(B, "B007", EV, "reason_text")}),
    ("pattern-changed", catalog(CODE), catalog(CODE.replace("a-z", "a-f"), extra=V2),
     {(B, "B007", EV, "code")}),
    ("pattern-removed", catalog(CODE), catalog(CODE.replace("pattern: '^[a-z]+$', ", "")),
     {(N, "B008", EV, "code")}),
    ("enum-value-removed", catalog(PLAN), catalog(PLAN.replace("free, ", ""), extra=V2),
     {(B, "B009", EV, "plan")}),
    ("enum-value-added", catalog(PLAN), catalog(PLAN.replace("team", "team, business")),
     {(N, "B010", EV, "plan")}),
    ("outcome-removed", catalog(extra="    outcomes: [success, failure]\n"),
     catalog(extra="    outcomes: [success]\n" + V2),
     {(B, "B011", EV, None)}),
    ("outcome-added", catalog(extra="    outcomes: [success]\n"),
     catalog(extra="    outcomes: [success, failure]\n"),
     {(N, "B012", EV, None)}),
    ("nested-field-removed", catalog(NESTED), catalog(NESTED.replace(
        "          model: {type: string, max_length: 50, description: Model.}\n",
        "          brand: {type: integer, description: Brand.}\n"), extra=V2),
     {(B, "B002", EV, "device.model"), (N, "B020", EV, "device.brand")}),
    ("sensitivity-removed", catalog(EMAIL), catalog(EMAIL.replace("sensitivity: pii, ", "")),
     {(P, "B014", EV, "new_email")}),
    ("redaction-weakened", catalog(EMAIL), catalog(EMAIL.replace("hash", "mask")),
     {(P, "B015", EV, "new_email")}),
    ("default-redaction-weakened", catalog(EMAIL.replace("redact: hash, ", "")),
     catalog(EMAIL.replace("sensitivity: pii, redact: hash, ", "")),
     {(P, "B014", EV, "new_email"), (P, "B015", EV, "new_email")}),
    ("credential-field-added", catalog(PLAN), catalog(PLAN + TOKEN),
     {(N, "B020", EV, "api_token"), (P, "B016", EV, "api_token")}),
    ("credential-in-new-event", OTHER_ONLY, catalog(TOKEN) + OTHER,
     {(N, "B019", EV, None), (P, "B016", EV, "api_token")}),
    ("event-added", OTHER_ONLY, catalog() + OTHER, {(N, "B019", EV, None)}),
    ("description-changed", catalog(REASON), catalog(REASON.replace("Why.", "Why so.")),
     {(N, "B021", EV, "reason_text")}),
    ("event-description-changed", catalog(),
     catalog().replace("account.\n", "user account.\n", 1),
     {(N, "B021", EV, None)}),
    ("deprecation-added", catalog() + OTHER,
     catalog(extra="    deprecated: {reason: merged, replaced_by: user.changed_username}\n")
     + OTHER,
     {(N, "B022", EV, None)}),
    ("field-deprecated", catalog(REASON),
     catalog(REASON.replace("description: Why.", "description: Why., "
                            "deprecated: {reason: unused}")),
     {(N, "B022", EV, "reason_text")}),
    ("version-not-bumped", catalog(PLAN + REASON), catalog(PLAN),
     {(B, "B002", EV, "reason_text"), (B, "B017", EV, None)}),
    ("unknown-replacement", catalog(),
     catalog(extra="    deprecated: {reason: renamed, replaced_by: user.updated_email}\n"),
     {(N, "B022", EV, None), (B, "B018", EV, None)}),
    ("failure-reason-removed", catalog(extra=REASONS2), catalog(extra=REASONS1 + V2),
     {(B, "B024", EV, None)}),
    ("failure-reason-added", catalog(extra=REASONS1), catalog(extra=REASONS2),
     {(N, "B025", EV, None)}),
    ("actor-type-removed", catalog().replace("[user]", "[user, service]"), catalog(extra=V2),
     {(B, "B026", EV, None)}),
    ("target-type-removed", catalog().replace("[account]", "[account, team]"),
     catalog(extra=V2),
     {(B, "B026", EV, None)}),
    ("actor-type-added", catalog(), catalog().replace("[user]", "[user, service]"),
     {(N, "B027", EV, None)}),
    ("category-changed", catalog(),
     catalog(extra=V2).replace("data_change", "account_change"),
     {(B, "B028", EV, None)}),
    ("category-changed-without-bump", catalog(),
     catalog().replace("data_change", "account_change"),
     {(B, "B028", EV, None), (B, "B017", EV, None)}),
    ("mode-changed", catalog(), "compatibility: none\n" + catalog(),
     {(N, "B029", "", None)}),
    ("unchanged", catalog(PLAN + EMAIL), catalog(PLAN + EMAIL), set()),
]


@pytest.mark.parametrize(("base", "head", "expected"), [pytest.param(*row[1:], id=row[0])
                                                        for row in TABLE])
def test_classification(tmp_path: Path, base: str, head: str, expected: set[object]) -> None:
    result = run(tmp_path, base, head)
    got = {(c.kind, c.code, c.event, c.field) for c in result.changes}
    assert got == expected
    assert result.exit_code == (1 if any(k in (B, P) for k, *_ in expected) else 0)


# -- compatibility modes --------------------------------------------------------------------

MODE_TABLE = [
    # (id, base, head, breaking codes per mode: backward, forward, full, none)
    ("required-field-added", catalog(PLAN), catalog(PLAN + REASON_REQ, extra=V2),
     ({"B005"}, set(), {"B005"}, set())),
    ("optional-field-removed", catalog(PLAN + REASON), catalog(PLAN, extra=V2),
     ({"B002"}, set(), {"B002"}, set())),
    ("required-field-removed", catalog(PLAN + REASON_REQ), catalog(PLAN, extra=V2),
     ({"B002"}, {"B002"}, {"B002"}, set())),
    ("enum-value-added", catalog(PLAN), catalog(PLAN.replace("team", "team, business"), extra=V2),
     (set(), {"B010"}, {"B010"}, set())),
    ("enum-value-removed", catalog(PLAN), catalog(PLAN.replace("free, ", ""), extra=V2),
     ({"B009"}, set(), {"B009"}, set())),
    ("became-optional", catalog(REASON_REQ), catalog(REASON, extra=V2),
     (set(), {"B013"}, {"B013"}, set())),
    ("widened", catalog(REASON), catalog(REASON.replace("200", "300"), extra=V2),
     (set(), {"B008"}, {"B008"}, set())),
    ("kind-changed", catalog(COUNT), catalog(COUNT.replace("integer", "number"), extra=V2),
     ({"B006"}, {"B006"}, {"B006"}, set())),
    ("event-removed", catalog() + OTHER, OTHER_ONLY,
     ({"B001"}, {"B001"}, {"B001"}, set())),
    ("version-rule-follows-mode", catalog(PLAN), catalog(PLAN.replace("team", "team, business")),
     (set(), {"B010", "B017"}, {"B010", "B017"}, set())),
    ("failure-reason-added", catalog(extra=REASONS1), catalog(extra=REASONS2 + V2),
     (set(), {"B025"}, {"B025"}, set())),
    ("failure-reason-removed", catalog(extra=REASONS2), catalog(extra=REASONS1 + V2),
     ({"B024"}, set(), {"B024"}, set())),
    ("actor-type-added", catalog(), catalog(extra=V2).replace("[user]", "[user, service]"),
     (set(), {"B027"}, {"B027"}, set())),
    ("category-changed", catalog(), catalog(extra=V2).replace("data_change", "account_change"),
     ({"B028"}, {"B028"}, {"B028"}, set())),
]
MODES = ("backward", "forward", "full", "none")


@pytest.mark.parametrize(
    ("base", "head", "mode", "expected"),
    [
        pytest.param(row[1], row[2], mode, row[3][i], id=f"{row[0]}-{mode}")
        for row in MODE_TABLE
        for i, mode in enumerate(MODES)
    ],
)
def test_compatibility_modes(
    tmp_path: Path, base: str, head: str, mode: str, expected: set[str]
) -> None:
    result = run(tmp_path, base, head, mode)
    assert result.mode == mode
    assert {c.code for c in result.breaking} == expected
    assert result.exit_code == (1 if expected else 0)


def test_privacy_is_reported_whatever_the_mode(tmp_path: Path) -> None:
    result = run(tmp_path, catalog(EMAIL), catalog(EMAIL.replace("hash", "none")), "none")
    assert [c.code for c in result.privacy] == ["B015"]
    assert result.exit_code == 1


def test_removal_is_located_in_base_and_others_in_head(tmp_path: Path) -> None:
    result = run(tmp_path, catalog(PLAN + REASON), catalog(PLAN + COUNT, extra=V2))
    by_code = {c.code: c for c in result.changes}
    assert by_code["B002"].in_base
    assert by_code["B002"].origin.path.endswith("base.yaml")
    assert by_code["B020"].origin.path.endswith("head.yaml")
    assert {f.rule for f in result.findings} == {"B002"}


# -- per-catalog compatibility modes ------------------------------------------------------------

FULL, NONE = "compatibility: full\n", "compatibility: none\n"
ADDED_REASON = (catalog(extra=REASONS1), catalog(extra=REASONS2 + V2))


@pytest.mark.parametrize(
    ("base_prefix", "head_prefix", "cli_mode", "expected"),
    [
        pytest.param("", "", None, set(), id="configuration-backward"),
        pytest.param(FULL, FULL, None, {"B025"}, id="file-full"),
        pytest.param(FULL, NONE, None, {"B025"}, id="base-mode-governs-a-weakening"),
        pytest.param(NONE, FULL, None, set(), id="strengthening-applies-next-time"),
        pytest.param(FULL, FULL, "none", set(), id="command-line-overrides-the-file"),
    ],
)
def test_catalog_file_declares_its_mode(
    tmp_path: Path, base_prefix: str, head_prefix: str, cli_mode: str | None, expected: set[str]
) -> None:
    (tmp_path / "base.yaml").write_text(base_prefix + ADDED_REASON[0], encoding="utf-8")
    (tmp_path / "head.yaml").write_text(head_prefix + ADDED_REASON[1], encoding="utf-8")
    config = Config(root=tmp_path)
    before = load_catalog((str(tmp_path / "base.yaml"),), config)
    after = load_catalog((str(tmp_path / "head.yaml"),), config)
    assert not before.findings
    assert not after.findings
    result = diff_catalogs(before.catalog, after.catalog, config, mode=cli_mode)
    assert {c.code for c in result.breaking} == expected
    listed = {c.code for c in result.non_breaking}
    assert ("B029" in listed) == (base_prefix != head_prefix)


def test_file_mode_must_be_a_known_mode(tmp_path: Path) -> None:
    from conftest import lint_text

    result = lint_text(tmp_path, "compatibility: sideways\n" + catalog())
    assert [(f.rule, f.line) for f in result.findings if f.rule.startswith("S")] == [("S004", 1)]


def test_mode_comes_from_the_configuration(tmp_path: Path) -> None:
    from conftest import make_config

    config = make_config(tmp_path, "compatibility: forward\n")
    assert config.compatibility == "forward"
    assert dataclasses.replace(config).compatibility == "forward"


def test_unknown_mode_is_rejected(tmp_path: Path) -> None:
    from registry.findings.errors import ConfigError

    from conftest import make_config

    with pytest.raises(ConfigError):
        make_config(tmp_path, "compatibility: sideways\n")


# -- the B rules ----------------------------------------------------------------------------


def test_b_rules_are_registered_in_family_order() -> None:
    assert FAMILIES["B"] == "compatibility"
    families = "".join(dict.fromkeys(r.family for r in ALL_RULES))
    assert families == "YSRNPABDLC"
    assert [r.code for r in RULES] == [f"B{i:03d}" for i in range(1, 30)]
    assert all(r.check is None for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_b_rule_docs(tmp_path: Path, rule: object) -> None:
    from registry.lint.rules.base import Rule

    assert isinstance(rule, Rule)
    docs = rule.docs
    assert docs.what.strip()
    assert docs.why.strip()
    assert rule.summary.strip()
    bad = run(tmp_path, *split(docs.bad))
    assert rule.code in {c.code for c in bad.changes}
    good = run(tmp_path, *split(docs.good))
    assert rule.code not in {c.code for c in good.changes}


def test_the_modes_are_the_same_everywhere_they_are_listed() -> None:
    import json

    from registry.catalog.schema import __file__ as schema_init
    from registry.cli.diff import COMPATIBILITY
    from registry.diff.changes import MODE_DIRECTIONS

    schemas = Path(schema_init).parent
    catalog = json.loads((schemas / "catalog.schema.json").read_text())
    config = json.loads((schemas / "config.schema.json").read_text())
    assert tuple(MODE_DIRECTIONS) == COMPATIBILITY
    assert catalog["properties"]["compatibility"]["enum"] == list(COMPATIBILITY)
    assert config["properties"]["compatibility"]["enum"] == list(COMPATIBILITY)

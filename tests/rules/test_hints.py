"""Hints fit the event they are attached to (issue 17): A006 suggests reason codes by the
event's verb, object and category; R010's did-you-mean prefers meaning over spelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint_text

CATALOG = """\
domain: platform
description: Platform events.
owners: [platform-team]
events:
  {name}:
    description: Something a reviewer wants to see in the trail, with its outcome.
    category: {category}
    actor: [user]
    targets: [user]
    outcomes: [success, failure]
"""


def _hint(tmp_path: Path, code: str, name: str, category: str, config: str | None = None) -> str:
    text = CATALOG.format(name=name, category=category)
    result = lint_text(tmp_path, text, config_yaml=config)
    (finding,) = [f for f in result.findings if f.rule == code]
    assert finding.hint is not None
    return finding.hint


@pytest.mark.parametrize(
    ("name", "category", "wanted", "unwanted"),
    [
        ("data.exported", "data_export", "export_too_large", "invalid_password"),
        ("report.export_started", "data_export", "destination_unreachable", "invalid_password"),
        ("user.login_failed", "authentication", "invalid_password", "export_too_large"),
        ("user.authenticated", "authentication", "account_locked", "has_dependents"),
        ("admin.deleted_api_token", "admin_configuration", "not_found", "token_expired"),
        ("user.session.start", "session", "token_expired", "invalid_password"),
        ("user.promoted_admin", "privilege", "policy_denied", "checks_failed"),
        ("role.granted", "authorization", "not_permitted", "invalid_password"),
        ("mfa.factor_enrolled", "authentication", "invalid_code", "export_too_large"),
        ("webhook.configured", "admin_configuration", "remote_error", "invalid_password"),
        ("workspace.renamed", "admin_configuration", "conflict", "invalid_password"),
        ("release.approved", "privilege", "checks_failed", "invalid_password"),
    ],
)
def test_a006_suggests_reasons_that_fit_the_event(
    tmp_path: Path, name: str, category: str, wanted: str, unwanted: str
) -> None:
    hint = _hint(tmp_path, "A006", name, category)
    assert wanted in hint
    assert unwanted not in hint


@pytest.mark.parametrize(
    ("category", "suggested"),
    [
        ("user_management", "account_management"),
        ("identity_management", "account_management"),
        ("deploys", "deployment"),
        ("login", "authentication"),
        ("role_change", "privilege"),
        ("data_exports", "data_export"),
        ("settings", "admin_configuration"),
        ("notifications", "communication"),
        ("payments", "billing"),
        ("webhooks", "integration"),
        ("acount_management", "account_management"),
    ],
)
def test_r010_did_you_mean_prefers_meaning(tmp_path: Path, category: str, suggested: str) -> None:
    assert _hint(tmp_path, "R010", "user.renamed", category) == f"did you mean {suggested!r}?"


def test_r010_without_a_close_category_names_the_vocabulary(tmp_path: Path) -> None:
    hint = _hint(tmp_path, "R010", "user.renamed", "qwxz")
    assert hint == "use one of vocabularies.categories, or add it there"


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("user.session.started", "did you mean 'start'?"),
        ("user.session.tobecreated", "start the action with a verb"),  # no 'tobecreat'
    ],
)
def test_n003_suggests_only_a_known_base_form(tmp_path: Path, name: str, hint: str) -> None:
    config = "naming: {verb_tense: base, segments: {min: 2, max: 5}}\n"
    assert _hint(tmp_path, "N003", name, "session", config).startswith(hint)

"""A003's hint never suggests recording the values of a credential (issue 15, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint_text

HEAD = """\
domain: platform
description: Platform administration.
owners: [platform-team]
events:
  {name}:
    description: An admin changed something of an integration.
    category: admin_configuration
    actor: [admin]
    targets: [{target}]
"""


@pytest.mark.parametrize(
    ("name", "target", "secret"),
    [
        ("admin.rotated_api_key", "integration", True),
        ("user.changed_password", "user", True),
        ("admin.updated_secret", "integration", True),
        ("admin.replaced_credentials", "webhook_secret", True),
        ("admin.changed_role", "user", False),
        ("workspace.renamed", "workspace", False),
    ],
)
def test_the_hint_of_a_secret_change_asks_for_a_version_or_fingerprint(
    tmp_path: Path, name: str, target: str, secret: bool
) -> None:
    result = lint_text(tmp_path, HEAD.format(name=name, target=target))
    (finding,) = [f for f in result.findings if f.rule == "A003"]
    assert finding.hint is not None
    if secret:
        assert "never its value" in finding.hint
        assert "fingerprint" in finding.hint
        assert "role_before" not in finding.hint
        assert "old_ / new_" not in finding.hint
    else:
        assert "role_before / role_after" in finding.hint

"""The docs show the coverage matrix and each event's cross-references, escaped."""

from __future__ import annotations

from pathlib import Path

from registry.generate.run import generate

from conftest import make_config

SCRIPT = "<script>window.__pwned = 1</script>"
CATALOG = f"""domain: app
description: Our events.
owners: [team]
events:
  user.logged_in:
    description: A person signed in to the application.
    category: authentication
    actor: [user]
    targets: []
    outcomes: [success, failure]
    failure_reasons: [invalid_credentials]
    covers: [baseline:login_success, baseline:login_failure]
    xref:
      owasp: [authn_login_success]
      ocsf_class: "Authentication (3002) {SCRIPT} | `tick`"
      ocsf_activity: Logon (1)
"""


def _render(tmp_path: Path, target: str) -> dict[str, str]:
    (tmp_path / "app.yaml").write_text(CATALOG, encoding="utf-8")
    out = tmp_path / target
    result = generate(target, (str(tmp_path / "app.yaml"),), make_config(tmp_path), out)
    assert result.blocking == ()
    return {p.name: p.read_text("utf-8") for p in out.iterdir()}


def test_markdown_coverage_page_and_xref_rows(tmp_path: Path) -> None:
    pages = _render(tmp_path, "markdown")
    coverage = pages["coverage.md"]
    assert "| [Security event baseline](#coverage-baseline) | 2 of 16 | 14 |" in coverage
    assert (
        "| <code>login\\_success</code> Login successes | covered | "
        "[user.logged\\_in](app.md#user-logged_in) |" in coverage
    )
    assert (
        "| <code>privilege\\_use</code> Use of privileges (administrative or elevated access)"
        " | **gap** | add <code>impersonation.started</code> (from <code>builtin:security</code>) |"
    ) in coverage
    assert "[security coverage](coverage.md)" in pages["index.md"]
    app = pages["app.md"]
    assert "| Covers | <code>baseline:login\\_success</code>, <code>baseline:login\\_failure</code> |" in app
    assert "| OWASP vocabulary | <code>authn\\_login\\_success</code> |" in app
    assert SCRIPT not in app
    assert "&lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt; &#124; \\`tick\\`" in app


def test_html_coverage_matrix_and_xref(tmp_path: Path) -> None:
    page = _render(tmp_path, "html")["index.html"]
    assert '<section class="coverage" aria-labelledby="ui.coverage">' in page
    assert '<tr class="covered"><th scope="row"><code>login_success</code>' in page
    assert '<a href="#user-logged_in">user.logged_in</a>' in page
    assert "add <code>impersonation.started</code>" in page
    assert 'id="coverage-pci-dss-4"' in page
    assert SCRIPT not in page
    assert "OCSF class: <code>Authentication (3002) &lt;script&gt;" in page

"""Shared by the query tests: a small catalog, its generated emitters, and a chained, rotated
log they write through the real runtime sink."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

from registry.cli import main
from registry.generate.run import generate
from registry_runtime import Actor, Context, JsonLinesSink, Target

from conftest import make_config

KEY = "query-tests-hmac-key-0123456789abcdef"
MAIL = "ada@example.com"
CATALOG = """\
domain: accounts
description: Profile changes, with personal data nested in objects.
owners: [team-a]
events:
  user.profile_updated:
    description: A user updated their profile settings.
    category: data_change
    actor: [user]
    targets: [user]
    fields:
      profile:
        type: object
        description: The new profile of the user.
        fields:
          email: {type: string, format: email, sensitivity: pii, description: Contact address.}
          locale: {type: string, max_length: 10, description: Preferred language tag.}
      attempts: {type: integer, description: Attempts before this change succeeded.}
  user.promoted:
    description: A user was given the admin role.
    category: privilege
    actor: [user]
    targets: [user]
    outcomes: [success, failure]
    failure_reasons: [not_allowed]
    fields:
      role: {type: string, max_length: 20, description: The role given.}
"""


def duckdb_or_skip() -> None:
    """DuckDB is the query extra: a missing one fails under CI, skips elsewhere."""
    try:
        import duckdb  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("duckdb (the query extra) is not installed")


@contextmanager
def emitters(root: Path) -> Iterator[ModuleType]:
    catalog = root / "catalog"
    catalog.mkdir(parents=True, exist_ok=True)
    (catalog / "accounts.yaml").write_text(CATALOG, "utf-8")
    package = f"query_events_{os.getpid()}_{len(sys.modules)}"
    result = generate("python", (str(catalog),), make_config(root), root / "out", package=package)
    assert result.blocking == (), [f.message for f in result.blocking]
    sys.path.insert(0, str(root / "out"))
    importlib.invalidate_caches()
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(root / "out"))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def write_log(package: ModuleType, path: Path) -> None:
    """Six records over two files (`audit.jsonl.1`, then `audit.jsonl`) of one chained log:
    u_1 updates profiles (the mail hashed inside `profile`), u_2 promotes, one failure."""
    sink = JsonLinesSink(path, rotate_bytes=1500)
    audit = package.AuditLog(sink, hmac_key=KEY, tenant="acme")
    user = Actor("user", "u_1")
    context = Context(ip="192.0.2.1", session_id="s_1", request_id="=HYPERLINK(1)")
    audit.user_profile_updated(
        actor=user, targets=[Target("user", "u_9")], context=context,
        profile={"email": MAIL, "locale": "en_GB"}, attempts=1,
    )
    audit.user_profile_updated(
        actor=user, targets=[Target("user", "u_8")],
        profile={"email": "bob@example.com", "locale": "-nl"}, attempts=3,
    )
    audit.user_promoted(actor=Actor("user", "u_2"), targets=[Target("user", "u_9")], role="admin")
    audit.user_promoted(
        actor=Actor("user", "u_2"), targets=[Target("user", "u_7")], role="@admin",
        outcome="failure", reason="not_allowed",
    )
    audit.user_profile_updated(
        actor=Actor("user", "u_3"), targets=[Target("user", "u_3")], context=Context(ip=MAIL),
        profile={"locale": "fr"}, attempts=2,
    )
    audit.user_promoted(actor=Actor("user", "u_2"), targets=[Target("user", "u_3")], role="ops")
    audit.close()


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, input=stdin, catch_exceptions=False)

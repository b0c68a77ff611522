"""The lint cache (registry.lint.cache): hits, misses and never a different answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import registry.lint.engine
import registry.lint.run_rules
from registry.cli import main
from registry.lint.cache import DIRECTORY_NAME

CATALOG = """\
domain: deployments
description: Release promotion and deploys.
owners: [platform-team]
include: [../shared/types.yaml]
events:
  user.promoted_production:
    description: A user promoted a release from staging to production.
    category: deployment
    actor: [user]
    targets: [release]
    fields:
      release_id: {type: release_ref, required: true}
      releaseNote: {type: string, description: Free text about the release.}
"""
TYPES = """\
domain: shared
description: Types shared by the catalogs.
owners: [platform-team]
types:
  release_ref: {type: string, pattern: "^rel_[a-z0-9]{8}$", description: A release.}
"""


@pytest.fixture(autouse=True)
def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("REGISTRY_CACHE_DIR", raising=False)
    (tmp_path / "app").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "app" / "deploys.yaml").write_text(CATALOG, encoding="utf-8")
    (tmp_path / "shared" / "types.yaml").write_text(TYPES, encoding="utf-8")


def lint(*args: str) -> Result:
    return CliRunner().invoke(main, ["lint", "--format", "json", *args, "app"])


class Counting:
    """Wraps registry.lint.engine.lint to count the real (uncached) runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.runs = 0
        self.real = registry.lint.engine.lint
        monkeypatch.setattr(registry.lint.engine, "lint", self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.runs += 1
        return self.real(*args, **kwargs)


def test_second_run_is_a_hit_with_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = Counting(monkeypatch)
    cold = lint()
    assert cold.exit_code == 1, cold.output  # N007 on releaseNote
    assert '"N007"' in cold.stdout
    warm = lint()
    assert counting.runs == 1
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)
    assert (tmp_path / DIRECTORY_NAME / "CACHEDIR.TAG").is_file()
    for output_format in ("text", "github", "sarif"):
        args = ["lint", "--format", output_format, "app"]
        cached = CliRunner().invoke(main, args)
        fresh = CliRunner().invoke(main, [*args[:-1], "--no-cache", "app"])
        assert (cached.exit_code, cached.stdout) == (fresh.exit_code, fresh.stdout)


def test_editing_a_file_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counting = Counting(monkeypatch)
    assert lint().exit_code == 1
    path = tmp_path / "app" / "deploys.yaml"
    path.write_text(CATALOG.replace("releaseNote", "release_note"), encoding="utf-8")
    fixed = lint()
    assert counting.runs == 2
    assert fixed.exit_code == 0, fixed.stdout
    path.write_text(CATALOG, encoding="utf-8")  # back as it was: the first entry again
    assert lint().exit_code == 1
    assert counting.runs == 2


def test_editing_an_included_file_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = Counting(monkeypatch)
    assert '"R001"' not in lint().stdout
    (tmp_path / "shared" / "types.yaml").write_text(
        TYPES.replace("release_ref:", "other_ref:"), encoding="utf-8"
    )
    again = lint()
    assert counting.runs == 2
    assert '"R001"' in again.stdout  # release_ref is now unknown


def test_configuration_and_selection_are_part_of_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = Counting(monkeypatch)
    assert lint().exit_code == 1
    assert lint("--ignore", "N007").exit_code == 0
    assert counting.runs == 2
    (tmp_path / "registry.yaml").write_text("ignore: [N007]\n", encoding="utf-8")
    assert lint().exit_code == 0
    assert counting.runs == 3
    (tmp_path / "registry.yaml").write_text("strict: true\n", encoding="utf-8")
    assert lint().exit_code == 1
    assert counting.runs == 4


def test_corrupt_or_foreign_entries_are_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = Counting(monkeypatch)
    cold = lint()
    entries = list((tmp_path / DIRECTORY_NAME).glob("lint-*.json"))
    assert len(entries) == 1
    for garbage in ("{not json", '{"format": 1}', "[]", '{"format": 1, "key": "other"}', ""):
        entries[0].write_text(garbage, encoding="utf-8")
        again = lint()
        assert (again.exit_code, again.stdout) == (cold.exit_code, cold.stdout)
    assert counting.runs == 6
    assert lint().stdout == cold.stdout  # the last miss wrote a good entry again
    assert counting.runs == 6


def test_no_cache_neither_reads_nor_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counting = Counting(monkeypatch)
    lint("--no-cache")
    lint("--no-cache")
    assert counting.runs == 2
    assert not (tmp_path / DIRECTORY_NAME).exists()


def test_unwritable_cache_directory_does_not_fail_lint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "blocked").write_text("a file where the cache directory would go\n")
    monkeypatch.setenv("REGISTRY_CACHE_DIR", str(tmp_path / "blocked" / "cache"))
    first, second = lint(), lint()
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout


def test_cache_directory_can_be_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGISTRY_CACHE_DIR", str(tmp_path / "elsewhere"))
    lint()
    assert list((tmp_path / "elsewhere").glob("lint-*.json"))
    assert not (tmp_path / DIRECTORY_NAME).exists()


def test_a_missing_include_is_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counting = Counting(monkeypatch)
    (tmp_path / "shared" / "types.yaml").unlink()
    missing = lint()
    assert '"R005"' in missing.stdout
    (tmp_path / "shared" / "types.yaml").write_text(TYPES, encoding="utf-8")
    found = lint()
    assert counting.runs == 2
    assert '"R005"' not in found.stdout


SIGN_IN = """\
domain: identity
description: Sign-in and account administration.
owners: [identity-team]
events:
  user.signed_in:
    description: A person signed in to the web application.
    category: authentication
    actor: [user]
    targets: []
    outcomes: [success, failure]
    failure_reasons: [invalid_credentials]
    covers: [acme-soc2:signin_monitored]
"""
PROFILE = """\
profile: acme-soc2
title: ACME SOC 2 controls
requirements:
  - id: signin_monitored
    title: Sign-ins are monitored
    match: {categories: [authentication]}
"""


@pytest.mark.parametrize("parallel", [False, True], ids=["serial", "rules-forked"])
def test_a_file_a_rule_reads_is_part_of_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    """R012 reads the profile files named in its options: changing, deleting or restoring
    one is a miss, also when the rules ran in a forked child."""
    if parallel:
        monkeypatch.setattr(registry.lint.run_rules, "PARALLEL_MIN_FIELDS", 0)
    counting = Counting(monkeypatch)
    (tmp_path / "app" / "deploys.yaml").write_text(SIGN_IN, encoding="utf-8")
    (tmp_path / "registry.yaml").write_text(
        "rules:\n  R012: {options: {profiles: [profiles/acme.yaml]}}\n", encoding="utf-8"
    )
    (tmp_path / "profiles").mkdir()
    profile = tmp_path / "profiles" / "acme.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    assert lint().exit_code == 0
    assert lint().exit_code == 0
    assert counting.runs == 1  # unchanged profile: a hit
    profile.write_text(PROFILE.replace("signin_monitored", "signin_logged"), encoding="utf-8")
    changed = lint()
    assert counting.runs == 2
    assert changed.exit_code == 1
    assert '"R012"' in changed.stdout
    profile.unlink()
    assert '"R012"' in lint().stdout
    assert counting.runs == 3
    profile.write_text(PROFILE, encoding="utf-8")
    assert lint().exit_code == 0
    assert lint().exit_code == 0
    assert counting.runs == 4  # one entry per key: the restored profile is a miss, then a hit

"""BASE reuses HEAD's resolved events for byte-identical files (registry.catalog.reuse): the diff is
the same as with two independent loads, including when a named type used by an unchanged
file changed elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.catalog.config import Config
from registry.catalog.load import Loaded, load_catalog
from registry.catalog.model import Catalog
from registry.diff.compare import diff_catalogs

HEADER = "domain: {domain}\ndescription: The {domain} domain.\nowners: [team-{domain}]\n"
TYPES = """types:
  plan_name: {type: enum, values: [free, team], description: A billing plan.}
"""
ACCOUNTS = """events:
  user.changed_plan:
    description: A user moved their account to another billing plan.
    category: billing
    actor: [user]
    targets: [account]
    fields:
      old_plan: {type: plan_name, description: The plan before the change.}
      new_plan: {type: plan_name, description: The plan after the change.}
"""
PROJECTS = """events:
  project.archived:
    description: A project was archived and made read-only.
    category: data_change
    actor: [user]
    targets: [project]
    fields:
      reason_text: {type: string, max_length: 200, description: Why it was archived.}
"""


def write(directory: Path, files: dict[str, str]) -> str:
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return str(directory)


def files(**changes: str) -> dict[str, str]:
    base = {
        "types.yaml": HEADER.format(domain="shared") + TYPES,
        "accounts.yaml": HEADER.format(domain="accounts") + ACCOUNTS,
        "projects.yaml": HEADER.format(domain="projects") + PROJECTS,
    }
    return {**base, **changes}


def signature(catalog_a: Catalog, catalog_b: Catalog, config: Config) -> set[object]:
    result = diff_catalogs(catalog_a, catalog_b, config)
    return {(c.kind, c.code, c.event, c.field, c.message) for c in result.changes}


def both_ways(
    tmp_path: Path, base_files: dict[str, str], head_files: dict[str, str]
) -> tuple[set[object], set[object], Loaded, Loaded]:
    config = Config(root=tmp_path)
    head = load_catalog((write(tmp_path / "head", head_files),), config)
    base_dir = write(tmp_path / "base", base_files)
    independent = load_catalog((base_dir,), config)
    reusing = load_catalog((base_dir,), config, reuse_from=head)
    assert not independent.findings
    assert not reusing.findings
    return (
        signature(independent.catalog, head.catalog, config),
        signature(reusing.catalog, head.catalog, config),
        reusing,
        head,
    )


CASES = {
    "nothing-changed": files(),
    "one-file-changed": files(
        **{"projects.yaml": HEADER.format(domain="projects") + PROJECTS.replace("200", "100")}
    ),
    "type-changed-in-another-file": files(
        **{"types.yaml": HEADER.format(domain="shared") + TYPES.replace("free, team", "team")}
    ),
    "event-moved-between-files": {
        "types.yaml": HEADER.format(domain="shared") + TYPES,
        "accounts.yaml": HEADER.format(domain="accounts") + ACCOUNTS + PROJECTS[len("events:\n") :],
    },
    "mode-declared": files(
        **{"accounts.yaml": "compatibility: none\n" + HEADER.format(domain="accounts") + ACCOUNTS}
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_reusing_gives_the_same_diff(tmp_path: Path, name: str) -> None:
    independent, reusing, _, _ = both_ways(tmp_path, files(), CASES[name])
    assert reusing == independent


def test_identical_files_share_the_event_objects(tmp_path: Path) -> None:
    _, _, base, head = both_ways(tmp_path, files(), CASES["one-file-changed"])
    head_events = {e.name: e for e in head.catalog.events}
    base_events = {e.name: e for e in base.catalog.events}
    assert base_events["user.changed_plan"] is head_events["user.changed_plan"]
    assert base_events["project.archived"] is not head_events["project.archived"]
    assert base_events["project.archived"].origin.path.startswith(str(tmp_path / "base"))


def test_a_changed_type_disables_reuse(tmp_path: Path) -> None:
    independent, reusing, base, head = both_ways(
        tmp_path, files(), CASES["type-changed-in-another-file"]
    )
    assert "B009" in {code for _, code, *_ in reusing}
    assert reusing == independent
    head_events = {e.name: e for e in head.catalog.events}
    assert all(e is not head_events.get(e.name) for e in base.catalog.events)


def test_identical_files_are_not_parsed_again(tmp_path: Path) -> None:
    _, _, base, head = both_ways(tmp_path, files(), CASES["one-file-changed"])
    shared = set(base.clean) & set(head.clean)
    assert len(shared) == 2  # types.yaml and accounts.yaml; projects.yaml changed
    assert all(base.clean[text] is head.clean[text] for text in shared)


def test_a_file_with_schema_errors_is_not_offered(tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    broken = HEADER.format(domain="projects") + PROJECTS.replace("max_length: 200", "max_length: x")
    loaded = load_catalog((write(tmp_path / "head", files(**{"projects.yaml": broken})),), config)
    assert [f.rule for f in loaded.findings] == ["S002"]
    assert broken not in loaded.clean
    assert len(loaded.clean) == 2

"""scripts/release.py as docs/releasing.md runs it, up to the built artifacts (about 15 s).

In a throw-away git repository holding a copy of the sources: `prepare` sets the version and
writes the CHANGELOG entry, the release is committed and tagged, `build` makes both wheels of
that version from the tag, and the npm package of the TypeScript emitters (node, npm and the
TypeScript of .tools/node, which .ci/run installs: skipped without them, failing under
CI=true), with their SHA256SUMS. Nothing is uploaded. A tag that disagrees with the tree, a
version that is not X.Y.Z and an unknown tag are refused with exit code 2.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from dist_helpers import copy_sources

import registry_runtime

from conftest import REPO

TOOLS = REPO / ".tools"
NEXT = ".".join([*registry_runtime.__version__.split(".")[:2], "99"])


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "r", "GIT_AUTHOR_EMAIL": "r@example.com",
           "GIT_COMMITTER_NAME": "r", "GIT_COMMITTER_EMAIL": "r@example.com"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout


def release(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(repo / "scripts" / "release.py"), *args],
                          cwd=repo, capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = [n for n in ("node", "npm") if shutil.which(n) is None]
    if not (TOOLS / "node" / "node_modules" / ".bin" / "tsc").is_file():
        missing.append("TypeScript in .tools/node")
    if missing:
        message = f"{', '.join(missing)} not installed (.ci/run installs them)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    repo = copy_sources(tmp_path_factory.mktemp("release") / "repo")
    (repo / ".tools").symlink_to(TOOLS, target_is_directory=True)
    git(repo, "init", "-q")
    (repo / ".git" / "info" / "exclude").write_text(".tools\n", "utf-8")  # a link: not .tools/
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Everything before the release")
    git(repo, "tag", "v0.0.1")  # the previous release: the CHANGELOG lists what came after
    (repo / "runtime" / "NOTES").write_text("a change after v0.0.1\n", "utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "A change worth a release")
    return repo


def _entry(repo: Path) -> tuple[str, str]:
    """The CHANGELOG section of NEXT (without its heading), and the whole CHANGELOG."""
    changelog = (repo / "CHANGELOG.md").read_text("utf-8")
    entry = re.search(rf"\n## {re.escape(NEXT)} \(\d{{4}}-\d\d-\d\d\)\n\n(.*?)\n\n## ", changelog,
                      re.DOTALL)
    assert entry is not None, changelog[:500]
    assert changelog.index(f"## {NEXT}") < changelog.index("## 0.1.0")
    return entry.group(1), changelog


def test_prepare_without_notes_lists_the_commits_since_the_last_tag(
    repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    change = git(clone, "log", "--all", "--format=%H", "--grep=^A change worth a release$").split()
    git(clone, "checkout", "-q", change[0])
    path = clone / "CHANGELOG.md"
    text = path.read_text("utf-8")
    start = text.index("\n## Unreleased\n")
    path.write_text(text[:start] + text[text.index("\n## ", start + 1) :], "utf-8")
    git(clone, "commit", "-q", "-am", "No notes yet")
    prepared = release(clone, "prepare", NEXT)
    assert prepared.returncode == 0, prepared.stderr
    entry, _changelog = _entry(clone)
    assert entry == "- No notes yet\n- A change worth a release"  # what came after v0.0.1


def test_prepare_tag_and_build_give_both_wheels_of_the_version(repo: Path) -> None:
    prepared = release(repo, "prepare", NEXT)
    assert prepared.returncode == 0, prepared.stderr
    init = (repo / "registry_runtime" / "__init__.py").read_text("utf-8")
    assert f'__version__ = "{NEXT}"' in init
    assert f'"audit-registry-runtime=={NEXT}"' in (repo / "pyproject.toml").read_text("utf-8")
    entry, changelog = _entry(repo)
    # the Unreleased notes become the version's, the commits since v0.0.1 listed to fold in
    assert "## Unreleased" not in changelog
    assert entry.startswith("What came after 0.1.0.")
    assert "\n### Added\n" in entry
    assert entry.endswith("### Commits since v0.0.1 (fold into the notes above, then delete)"
                          "\n\n- A change worth a release")

    git(repo, "commit", "-q", "-am", f"Release {NEXT}")
    git(repo, "tag", f"v{NEXT}")
    (repo / "registry_runtime" / "__init__.py").write_text("work after the tag\n", "utf-8")
    out = repo.parent / "dist"
    built = release(repo, "build", f"v{NEXT}", "--out", str(out))
    assert built.returncode == 0, built.stderr
    wheels = sorted(p.name for p in out.glob("*.whl"))
    assert wheels == [f"audit_registry-{NEXT}-py3-none-any.whl",
                      f"audit_registry_runtime-{NEXT}-py3-none-any.whl"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["SHA256SUMS", f"audit-events-{NEXT}.tgz", *wheels])
    with tarfile.open(out / f"audit-events-{NEXT}.tgz") as npm:
        names = npm.getnames()
        manifest = npm.extractfile("package/package.json")
        assert manifest is not None
        assert json.loads(manifest.read())["version"] == NEXT
    assert {"package/dist/index.js", "package/dist/index.d.ts"} <= set(names)
    sums = (out / "SHA256SUMS").read_text("utf-8").splitlines()
    assert sorted(line.split("  ")[1] for line in sums) == sorted([f"audit-events-{NEXT}.tgz",
                                                                   *wheels])
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    with zipfile.ZipFile(out / wheels[0]) as tool:
        meta = tool.read(f"audit_registry-{NEXT}.dist-info/METADATA").decode()
    assert f"Requires-Dist: audit-registry-runtime=={NEXT}" in meta


@pytest.mark.parametrize(("args", "message"), [
    (["build", "v9.9.9"], "cannot read tag v9.9.9"),
    (["build", "v0.0.1"], "the tag says 0.0.1 but registry_runtime/__init__.py says"),
    (["build", "v1.0"], "'1.0' is not a version X.Y.Z"),
    (["prepare", "2.0.0rc1"], "'2.0.0rc1' is not a version X.Y.Z"),
])
def test_release_refuses_with_a_message(repo: Path, args: list[str], message: str) -> None:
    done = release(repo, *args, "--out", str(repo.parent / "refused")) if args[0] == "build" \
        else release(repo, *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith(f"release: {message}"), done.stderr
    assert not (repo.parent / "refused").exists() or not any((repo.parent / "refused").iterdir())

"""Release audit-registry and audit-registry-runtime (docs/releasing.md).

    python scripts/release.py prepare 0.2.0            # the version, the CHANGELOG entry
    (edit CHANGELOG.md, commit, then: git tag v0.2.0)
    python scripts/release.py build v0.2.0 --out dist  # both wheels from the tag, SHA256SUMS

`build` reads the tag through `git archive`, never the work tree, so what it builds is what
the tag holds. It checks that the tag, `registry_runtime.__version__`, the tool's pin on the
runtime and the CHANGELOG agree, then builds the two wheels offline (`pip wheel
--no-build-isolation`: setuptools comes from the running environment) and, once the
TypeScript target exists in the tag, the npm package of the generated TypeScript emitters
(`npm_package`: node, npm and tsc in .tools/node needed).
Nothing is uploaded. Exit codes: 0 done, 2 a release error (the message says which check).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = re.compile(r"\d+\.\d+\.\d+")
VERSION_LINE = re.compile(r'^__version__ = "([^"]*)"$', re.MULTILINE)
PIN = re.compile(r'"audit-registry-runtime==([^"]*)"')
RUNTIME_INIT = "registry_runtime/__init__.py"
CHANGELOG = "CHANGELOG.md"
CHANGELOG_TITLE = "# Changelog\n"
UNRELEASED = "Unreleased\n"
"""The heading (after ``## ``) of the notes written before the version is known."""


class ReleaseError(Exception):
    """A check of the release failed; the message says which and what to do."""


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def checked_version(version: str) -> str:
    if not VERSION.fullmatch(version):
        raise ReleaseError(f"{version!r} is not a version X.Y.Z (digits only: no pre-releases)")
    return version


def set_version(root: Path, version: str) -> None:
    """Write `version` where it is written: the runtime's `__version__` and the tool's pin."""
    init = root / RUNTIME_INIT
    text, count = VERSION_LINE.subn(f'__version__ = "{version}"', init.read_text("utf-8"))
    pyproject = root / "pyproject.toml"
    pinned, pins = PIN.subn(f'"audit-registry-runtime=={version}"', pyproject.read_text("utf-8"))
    if count != 1 or pins != 1:
        raise ReleaseError(f"expected one __version__ in {RUNTIME_INIT} and one pin in pyproject")
    init.write_text(text, "utf-8")
    pyproject.write_text(pinned, "utf-8")


def previous_tag(root: Path) -> str | None:
    tags = git(root, "tag", "--list", "v*", "--sort=-v:refname", "--merged", "HEAD").split()
    return tags[0] if tags else None


def add_changelog_entry(root: Path, version: str, today: datetime.date) -> str:
    """Insert this version's section (the commit subjects since the previous tag, to edit)."""
    since = previous_tag(root)
    subjects = git(root, "log", "--format=%s", *([f"{since}..HEAD"] if since else [])).splitlines()
    heading = f"## {version} ({today.isoformat()})\n\n"
    commits = "".join(f"- {s}\n" for s in subjects)
    entry = heading + commits
    path = root / CHANGELOG
    text = path.read_text("utf-8") if path.exists() else CHANGELOG_TITLE
    if f"\n## {version} " in text:
        raise ReleaseError(f"{CHANGELOG} already has a section for {version}")
    head, _, rest = text.partition("\n## ")
    if rest.startswith(UNRELEASED):  # the notes written since: they become this version's
        notes, found, rest = rest[len(UNRELEASED) :].partition("\n## ")
        rest = rest if found else ""
        entry = (
            f"{heading}{notes.strip()}\n\n### Commits since {since or 'the start'} "
            f"(fold into the notes above, then delete)\n\n{commits}"
        )
    path.write_text(f"{head.rstrip()}\n\n{entry}" + (f"\n## {rest}" if rest else ""), "utf-8")
    return entry


def export(root: Path, tag: str, into: Path) -> Path:
    """The tree of `tag`, as `git archive` gives it."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", tag], cwd=root, capture_output=True, check=False
    )
    if archive.returncode != 0:
        raise ReleaseError(f"cannot read tag {tag}: {archive.stderr.decode().strip()}")
    try:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(into, filter="data")  # no links out of the tree, no special files
    except tarfile.TarError as error:
        raise ReleaseError(f"tag {tag} holds a file the release refuses: {error}") from error
    return into


def tree_version(tree: Path) -> str | None:
    found = VERSION_LINE.search((tree / RUNTIME_INIT).read_text("utf-8"))
    return found.group(1) if found else None


def check_tree(tree: Path, version: str) -> None:
    if tree_version(tree) != version:
        raise ReleaseError(
            f"the tag says {version} but {RUNTIME_INIT} says {tree_version(tree)}:"
            f" run `prepare {version}` before tagging"
        )
    pins = PIN.findall((tree / "pyproject.toml").read_text("utf-8"))
    if pins != [version]:
        raise ReleaseError(f"pyproject.toml pins audit-registry-runtime {pins}, not {version}")
    changelog = tree / CHANGELOG
    if not changelog.exists() or f"\n## {version} " not in changelog.read_text("utf-8"):
        raise ReleaseError(f"{CHANGELOG} has no section '## {version} (date)'")


def build_wheels(tree: Path, out: Path) -> list[Path]:
    """The tool's wheel and the runtime's, built offline from `tree` into `out`."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-build-isolation",
            "--no-deps",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(tree),
            str(tree / "runtime"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise ReleaseError(f"building the wheels failed:\n{done.stdout}{done.stderr}")
    return sorted(out.glob("*.whl"))


def npm_package(root: Path, tree: Path, out: Path) -> Path | None:
    """The npm package of the TypeScript emitters of the built-in catalog, at the release's
    version: generated by the tagged tree, compiled by tsc (`.tools/node` of the repository,
    as .ci/run installs it), packed by `npm pack`. None while the tag has no TypeScript
    target."""
    if not (tree / "generators" / "typescript").is_dir():
        return None
    tools = root / ".tools" / "node" / "node_modules"
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None or not (tools / ".bin" / "tsc").is_file():
        raise ReleaseError(
            "the npm package needs node, npm and TypeScript: npm install --prefix .tools/node"
            " typescript@5 @types/node@20"
        )
    generated = Path(tempfile.mkdtemp(prefix="typescript-", dir=out))
    run(
        [
            sys.executable,
            "-m",
            "registry",
            "generate",
            "typescript",
            "--out",
            str(generated),
            str(tree / "catalog"),
        ],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
    )
    (manifest,) = generated.glob("*/package.json")
    package = manifest.parent
    fields = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps({**fields, "version": tree_version(tree)}, indent=2) + "\n")
    (package / "node_modules").symlink_to(tools, target_is_directory=True)
    run([node, str(tools / ".bin" / "tsc"), "-p", str(package)], cwd=package)
    (package / "node_modules").unlink()
    packed = run([npm, "pack", "--silent", "--pack-destination", str(out.resolve())], cwd=package)
    shutil.rmtree(generated)
    return out / packed.strip().splitlines()[-1]


def run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ReleaseError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def build(root: Path, tag: str, out: Path) -> list[Path]:
    """Every artifact of `tag` in `out`, with SHA256SUMS beside them."""
    version = checked_version(tag.removeprefix("v"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="release-") as temp:
        tree = export(root, tag, Path(temp))
        check_tree(tree, version)
        artifacts = build_wheels(tree, out)
        npm = npm_package(root, tree, out)
    artifacts += [npm] if npm else []
    sums = "".join(f"{hashlib.sha256(a.read_bytes()).hexdigest()}  {a.name}\n" for a in artifacts)
    (out / "SHA256SUMS").write_text(sums, "utf-8")
    return artifacts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("prepare", help="set the version, add the CHANGELOG entry")
    prepare.add_argument("version")
    make = commands.add_parser("build", help="build the artifacts of a tag vX.Y.Z")
    make.add_argument("tag")
    make.add_argument("--out", type=Path, default=Path("dist"))
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="the repository root")
    args = parser.parse_args(argv)
    try:
        if args.command == "prepare":
            version = checked_version(args.version)
            set_version(args.repo, version)
            add_changelog_entry(args.repo, version, datetime.date.today())
            print(f"Version {version} set; edit {CHANGELOG}, commit, then tag v{version}.")
        else:
            artifacts = build(args.repo, args.tag, args.out)
            if not any(a.suffix == ".tgz" for a in artifacts):
                print("npm package: skipped (no TypeScript target in this tag yet)")
            for artifact in artifacts:
                print(artifact)
    except ReleaseError as error:
        print(f"release: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every code block of the README works as written, in a copy of the repository as a fresh clone
has it (after the two set-up commands, which made the environment this test runs in).

- `sh` blocks: each command runs with the installed `registry`, in README order, in the copy
  (so `build/` made by the loop is there for the Python block and check-events); it must exit
  as listed in EXIT (0 unless listed) and never print a traceback.
- `python` blocks run with `PYTHONPATH=build` and the HMAC key the loop exports.
- `yaml` blocks: a catalog lints clean under `--strict`; a configuration loads (no exit 2); a
  coverage profile is written to the file its first comment names (before the commands run)
  and used by `registry coverage`; a workflow's `run:` steps run.

NOT_RUN is the short list of what needs a network, GitHub or minutes, with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import REPO

README = REPO / "README.md"
REGISTRY = Path(sys.executable).with_name("registry")
BLOCK = re.compile(r"^( *)```(sh|python|yaml)\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)

NOT_RUN = {
    "pip install": "installs from PyPI; the two set-up commands made this test's environment",
    "python -m pytest": "runs the test suite this test belongs to",
    "python scripts/fuzz.py": "fuzzing runs for minutes and the crash artifacts named are examples",
    "uses: actions/": "GitHub Actions steps run on GitHub",
    "repo: <registry's git URL>": "the pre-commit hook needs registry's published git URL",
}
EXIT = {
    "registry coverage catalog/ --profile ./acme-soc2.yaml --format json": 1,
}
"""Commands that report findings by design (the shipped catalogs do not cover every item)."""
FIXTURES = ("old/catalog", "new/catalog")
"""Paths the diff example names: copies of catalog/."""


@dataclass(frozen=True)
class Block:
    language: str
    text: str
    line: int

    def where(self) -> str:
        return f"README.md:{self.line}"


def _blocks() -> list[Block]:
    text = README.read_text("utf-8")
    found = []
    for match in BLOCK.finditer(text):
        indent = len(match.group(1))
        body = "".join(line[indent:] + "\n" for line in match.group(3).splitlines())
        found.append(Block(match.group(2), body, text.count("\n", 0, match.start()) + 1))
    return found


def _skipped(text: str) -> str | None:
    return next((reason for key, reason in NOT_RUN.items() if key in text), None)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracked files as the working tree has them, committed, with origin/main, main and
    feature pointing at that commit."""
    root = tmp_path_factory.mktemp("clone")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, root / name)
    git = [
        "git",
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "-c",
        "init.defaultBranch=main",
    ]
    for step in (["init", "-q"], ["add", "."], ["commit", "-qm", "clone"], ["branch", "feature"],
                 ["update-ref", "refs/remotes/origin/main", "HEAD"]):  # fmt: skip
        subprocess.run([*git, *step], cwd=root, check=True, capture_output=True)
    for fixture in FIXTURES:
        shutil.copytree(root / "catalog", root / fixture)
    return root


def _run(argv: str, cwd: Path, env: dict[str, str], where: str) -> str:
    result = subprocess.run(
        ["bash", "-c", argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    output = result.stdout + result.stderr
    command = argv.split("  #")[0].strip()
    assert result.returncode == EXIT.get(command, 0), f"{where}: {argv}\n{output[-3000:]}"
    assert "Traceback" not in output, f"{where}: {argv}\n{output}"
    return output


def _commands(block: Block) -> list[str]:
    lines = []
    for line in block.text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split(" && ")]
        lines += [part for part in parts if _skipped(part) is None]
    return lines


def test_the_readme_has_the_blocks_this_test_reads() -> None:
    languages = [block.language for block in _blocks()]
    assert languages.count("sh") >= 8
    assert "python" in languages
    assert languages.count("yaml") >= 5


def test_every_readme_block_runs_as_written(clone: Path) -> None:
    env = {**os.environ, "PATH": f"{REGISTRY.parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("REGISTRY_AUDIT_HMAC_KEY", None)
    env.pop("CI", None)  # lint picks the GitHub format under Actions; the README shows text
    env.pop("GITHUB_ACTIONS", None)
    blocks = _blocks()
    for block in blocks:  # files the commands read: the team profile
        if block.language == "yaml" and (name := re.match(r"# (\S+\.yaml)\n", block.text)):
            data = yaml.safe_load(block.text)
            if isinstance(data, dict) and "profile" in data:
                (clone / name.group(1)).write_text(block.text, "utf-8")
    ran = 0
    for block in blocks:
        if block.language == "sh":
            for command in _commands(block):
                if command.startswith("export "):
                    key, _, value = command.removeprefix("export ").split("  #")[0].partition("=")
                    env[key.strip()] = value.strip()
                    continue
                _run(command, clone, env, block.where())
                ran += 1
        elif block.language == "python":
            _run(f"PYTHONPATH=build python - <<'EOF'\n{block.text}EOF", clone, env, block.where())
            ran += 1
        else:
            ran += _yaml_block(block, clone, env)
    assert ran >= 25  # every command, snippet and catalog of the README today: 29
    assert (clone / "build" / "audit.jsonl.head").is_file()
    assert not (clone / "audit.jsonl").exists()


def _yaml_block(block: Block, clone: Path, env: dict[str, str]) -> int:
    data = yaml.safe_load(block.text)
    if data is None:  # the schema comment of a catalog's first line: the catalog example has it
        catalog = next(b for b in _blocks() if b.language == "yaml" and "events:" in b.text)
        assert block.text.strip() in catalog.text
        return 0
    if _skipped(block.text) and "jobs" not in data:
        return 0
    if "events" in data:
        alone = clone / "alone" / "catalog"
        alone.mkdir(parents=True)
        (alone / "platform.yaml").write_text(block.text, "utf-8")
        _run("registry lint --strict alone/catalog", clone, env, block.where())
        return 1
    if "extends" in data:
        (clone / "configured.yaml").write_text(block.text, "utf-8")
        result = subprocess.run(
            [str(REGISTRY), "lint", "--config", "configured.yaml", "catalog/"],
            cwd=clone, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode in (0, 1), f"{block.where()}\n{result.stdout}{result.stderr}"
        return 1
    if "jobs" in data:
        steps = [
            step["run"] for job in data["jobs"].values() for step in job["steps"] if "run" in step
        ]
        commands = [s for s in steps if _skipped(s) is None]
        assert commands, block.where()
        for command in commands:
            _run(command, clone, env, block.where())
        return len(commands)
    assert "profile" in data, f"{block.where()}: a YAML block this test does not know"
    return 0

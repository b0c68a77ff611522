"""The generated TypeScript package of the built-in catalog, compiled once per session with
`tsc --strict` together with the typing tests (typing_positive.ts, typing_negative.ts).

Node and TypeScript come from the machine (`node` on PATH, tsc from .tools/node, which .ci/run
installs): missing, the tests are skipped, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from registry.generate.run import generate

from conftest import make_config

HERE = Path(__file__).parent
REPO = HERE.parents[1]
TOOLS = REPO / ".tools" / "node" / "node_modules"
TSC = TOOLS / ".bin" / "tsc"


@dataclass(frozen=True, slots=True)
class Compiled:
    node: str
    package: Path
    """The generated package (src/, and dist/ compiled by tsc)."""
    tsc_output: str
    """What tsc printed (nothing when every file compiled)."""


def tools() -> tuple[str, Path]:
    """`node` and `tsc`, or skip (fail under CI=true)."""
    node = shutil.which("node")
    missing = [name for name, found in (("node", node), ("tsc", TSC.is_file())) if not found]
    if missing:
        message = f"{' and '.join(missing)} not installed (.ci/run installs them)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert node is not None
    return node, TSC


def compile_package(node: str, tsc: Path, root: Path) -> str:
    (root / "node_modules").symlink_to(TOOLS, target_is_directory=True)
    run = subprocess.run(
        [node, str(tsc), "-p", str(root)], capture_output=True, text=True, check=False, timeout=120
    )
    return run.stdout + run.stderr


@pytest.fixture(scope="session")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    node, tsc = tools()
    out = tmp_path_factory.mktemp("typescript")
    result = generate("typescript", (str(REPO / "catalog"),), make_config(REPO), out)
    assert result.blocking == ()
    package = out / "audit-events"
    for name in ("typing_positive.ts", "typing_negative.ts"):
        shutil.copy(HERE / name, package / "src" / name)
    return Compiled(node, package, compile_package(node, tsc, package))

"""Regenerating leaves the user's build alone: after the documented ``tsc -p .`` inside the
package, ``registry generate typescript --check`` finds nothing stale and a second generation
keeps dist/ (tsc copies the generated header, the writer's mark, into every file it compiles:
the writer owns src/ only). A generated source that is no longer generated is still removed."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from ts_helpers import REPO, Compiled, compiled

from registry.cli import main
from registry.generate.writer import HEADER_MARK

__all__ = ["compiled"]  # the session fixture


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _generate(out: Path, *more: str) -> tuple[int, str]:
    args = ["generate", "typescript", str(REPO / "catalog"), "--out", str(out), *more]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_regenerating_keeps_the_compiled_package(compiled: Compiled) -> None:
    dist = compiled.package / "dist"
    built = _tree(dist)
    assert HEADER_MARK in built["index.js"].decode("utf-8")  # what the writer used to delete
    out = compiled.package.parent
    code, output = _generate(out, "--check")
    assert (code, output.endswith("is up to date.\n")) == (0, True), output

    leftover = compiled.package / "src" / "retired_domain.ts"
    leftover.write_text(f"// {HEADER_MARK} 0.0 from catalog sha256:0.\n", "utf-8")
    code, output = _generate(out, "--check")
    assert (code, output.count("retired_domain.ts")) == (1, 1), output
    assert "dist/" not in output

    assert _generate(out)[0] == 0
    assert not leftover.exists()
    assert _tree(dist) == built

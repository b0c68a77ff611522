"""`registry build`: every target from one lint of the catalogs, each in its place under the
output directory. Returns what was written or found stale; the command prints it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from registry.catalog.config import Config
from registry.generate.changelog import changes_against
from registry.generate.run import Inputs, blocking_findings, render_target
from registry.generate.writer import WriteResult
from registry.lint.engine import LintResult

LAYOUT: tuple[tuple[str, Path], ...] = (
    ("python", Path()),
    ("jsonschema", Path("schemas")),
    ("markdown", Path("docs", "markdown")),
    ("html", Path("docs", "html")),
)
"""Each target, in build order, and its directory under the output: the emitters' package at
the top, the schemas and the docs beside it."""


@dataclass(frozen=True, slots=True)
class TargetOutput:
    target: str
    directory: Path
    """Where the target wrote: the output directory joined with its place in `LAYOUT`."""
    written: WriteResult


@dataclass(frozen=True, slots=True)
class BuildResult:
    stopped: bool
    """The lint found errors: nothing was generated."""
    outputs: tuple[TargetOutput, ...]
    """One per target in `LAYOUT` order (none when stopped)."""
    events: int
    """Events in the catalogs, those of included built-in catalogs too."""
    builtin_events: int
    """How many of `events` come from built-in catalogs."""

    @property
    def stale(self) -> tuple[Path, ...]:
        """With `check`: every file that differs, is missing or is left over."""
        return tuple(o.directory / p for o in self.outputs for p in o.written.stale)


def build(
    result: LintResult,
    paths: tuple[str, ...],
    config: Config,
    out: Path,
    *,
    check: bool = False,
    package: str | None = None,
    changelog_against: str | None = None,
) -> BuildResult:
    """Render every target from `result`, the lint of `paths` (loaded once, so every target
    sees the same catalogs), and write (or with `check` compare) the files under `out`.

    Stops before rendering anything when the lint failed or found errors that make generated
    output meaningless. `package` names the emitters' package; `changelog_against` (a git
    revision) gives the docs a changelog.
    """
    events = len(result.catalog.events)
    builtin_events = events - result.events
    if result.exit_code or blocking_findings(result):
        return BuildResult(True, (), events, builtin_events)
    changes = None
    if changelog_against is not None:
        changes = changes_against(changelog_against, paths, result.catalog, config)
    inputs = Inputs.of(result, config, package, changes)  # shared: one hash, one docs view
    outputs = []
    for target, place in LAYOUT:
        directory = out / place
        written = render_target(target, inputs, directory, check=check)
        outputs.append(TargetOutput(target, directory, written))
    return BuildResult(False, tuple(outputs), events, builtin_events)

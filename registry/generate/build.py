"""`registry build`: every target from one lint of the catalogs, each in its place under the
output directory, then the configuration's template packs, each in its own `out`. Also the
packs alone (`registry generate templates` without `--templates`). Returns what was written
or found stale; the commands print it."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from registry.catalog.config import Config
from registry.findings import Finding
from registry.findings.errors import UsageError
from registry.generate.changelog import changes_against
from registry.generate.packs.manifest import Pack, PackError, load_pack
from registry.generate.run import Inputs, blocking_findings, lint_blocking, render_target
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
class PackOutput:
    """A template pack of the configuration, loaded, and the directory it renders into."""

    pack: Pack
    out: Path


@dataclass(frozen=True, slots=True)
class BuildResult:
    stopped: bool
    """The lint found errors: nothing was generated."""
    outputs: tuple[TargetOutput, ...]
    """One per target in `LAYOUT` order, then one per pack (none when stopped)."""
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
    packs: tuple[PackOutput, ...] = (),
) -> BuildResult:
    """Render every target from `result`, the lint of `paths` (loaded once, so every target
    sees the same catalogs), and write (or with `check` compare) the files under `out`; then
    each of `packs` into its own directory.

    Stops before rendering anything when the lint failed or found errors that make generated
    output meaningless. `package` names the emitters' package; `changelog_against` (a git
    revision) gives the docs a changelog. UsageError when a pack's directory overlaps a
    target's.
    """
    events = len(result.catalog.events)
    builtin_events = events - result.events
    if result.exit_code or blocking_findings(result):
        return BuildResult(True, (), events, builtin_events)
    _refuse_overlaps(out, package, packs)
    changes = None
    if changelog_against is not None:
        changes = changes_against(changelog_against, paths, result.catalog, config)
    inputs = Inputs.of(result, config, package, changes)  # shared: one hash, one docs view
    outputs = []
    for target, place in LAYOUT:
        directory = out / place
        written = render_target(target, inputs, directory, check=check)
        outputs.append(TargetOutput(target, directory, written))
    outputs.extend(render_packs(inputs, packs, check=check))
    return BuildResult(False, tuple(outputs), events, builtin_events)


def _refuse_overlaps(out: Path, package: str | None, packs: tuple[PackOutput, ...]) -> None:
    """Each target removes the generated files in its directory it no longer writes: a pack
    rendering into (or around) a target's directory would undo the target's work."""
    from registry.generate.python_target import DEFAULT_PACKAGE

    places = [
        (target, out / place / (package or DEFAULT_PACKAGE) if target == "python" else out / place)
        for target, place in LAYOUT
    ]
    for entry in packs:
        mine = Path(os.path.abspath(entry.out))
        for target, place in places:
            theirs = Path(os.path.abspath(place))
            if mine == theirs or theirs in mine.parents or mine in theirs.parents:
                raise UsageError(
                    f"templates: the pack {entry.pack.display} renders into {entry.out}, which "
                    f"overlaps {place}, where `registry build` writes the {target} target; "
                    "give the pack a directory of its own (`out` in the configuration)"
                )


def load_packs(config: Config, shown: Callable[[Path], str]) -> tuple[PackOutput, ...]:
    """The configuration's template packs, loaded, each with its `out` (both named by
    `shown`); PackError listing the problems of every pack at once."""
    loaded: list[PackOutput] = []
    problems: list[str] = []
    for entry in config.templates:
        directory = shown(entry.pack)
        if not entry.pack.is_dir():
            problems.append(
                f"{directory}: no such directory (named by `templates:` in {config.source}; "
                "a template pack is a directory with a pack.yaml)"
            )
            continue
        try:
            loaded.append(PackOutput(load_pack(directory), Path(shown(entry.out))))
        except PackError as error:
            problems.extend(error.problems)
    if problems:
        raise PackError(tuple(problems))
    return tuple(loaded)


def render_packs(
    inputs: Inputs, packs: tuple[PackOutput, ...], *, check: bool = False
) -> tuple[TargetOutput, ...]:
    """Render each pack from one view of the catalog, and write (or check) it in its `out`."""
    if packs:
        inputs.docs()  # built once, shared by every pack
    return tuple(
        TargetOutput(
            "templates",
            entry.out,
            render_target(
                "templates", dataclasses.replace(inputs, pack=entry.pack), entry.out, check=check
            ),
        )
        for entry in packs
    )


@dataclass(frozen=True, slots=True)
class PacksResult:
    blocking: tuple[Finding, ...]
    """Errors that stop the packs from rendering (then nothing is written)."""
    outputs: tuple[TargetOutput, ...]
    lint: LintResult


def generate_packs(
    paths: tuple[str, ...], config: Config, packs: tuple[PackOutput, ...], *, check: bool = False
) -> PacksResult:
    """Lint `paths` once and render every pack of `packs` from it."""
    result = lint_blocking(paths, config)
    blocking = blocking_findings(result)
    if blocking:
        return PacksResult(blocking, (), result)
    inputs = Inputs.of(result, config, None, None)
    return PacksResult((), render_packs(inputs, packs, check=check), result)

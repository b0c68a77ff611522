"""How a scaffolded project installs audit-registry: by its distribution name, pinned to the
version that wrote the scaffold, or, until that version is on the project's package index,
from git or from wheels. Written once here; the workflow template and `registry init`'s next
steps both use these lines."""

from __future__ import annotations

from dataclasses import dataclass

from registry import __version__

DISTRIBUTION = "audit-registry"
RUNTIME = "audit-registry-runtime"
GIT_PLACEHOLDER = "<git-host>/<owner>"
"""Where audit-registry's repository lives: the user replaces it (it is not a real URL)."""
WHEELS = "wheels/"


@dataclass(frozen=True, slots=True)
class InstallLines:
    version: str

    @property
    def tag(self) -> str:
        return f"v{self.version}"

    @property
    def pinned(self) -> str:
        return f"pip install {DISTRIBUTION}=={self.version}"

    @property
    def from_git(self) -> tuple[str, str]:
        """The runtime first (a subdirectory of the same repository, which the tool pins),
        then the tool; each line a shell command."""
        url = f"git+https://{GIT_PLACEHOLDER}/{DISTRIBUTION}@{self.tag}"
        return (
            f'pip install "{RUNTIME} @ {url}#subdirectory=runtime"',
            f'pip install "{DISTRIBUTION} @ {url}"',
        )

    @property
    def from_wheels(self) -> str:
        """Both wheels (the tool's and the runtime's) in `wheels/` of the project."""
        return f"pip install --find-links {WHEELS} {DISTRIBUTION}=={self.version}"


def install_lines(version: str = __version__) -> InstallLines:
    return InstallLines(version)


def render(template: str, lines: InstallLines) -> str:
    """A template with `@VERSION@`, `@TAG@`, `@PIN@` and `@GIT@` filled in; a line that is only a
    comment `# @ALTERNATIVES@` becomes the alternative install lines, as comments at its
    indentation."""
    out: list[str] = []
    for line in template.splitlines(keepends=True):
        if line.strip() == "# @ALTERNATIVES@":
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(
                f"{indent}#   {command}\n" for command in (*lines.from_git, lines.from_wheels)
            )
            continue
        out.append(
            line.replace("@PIN@", lines.pinned)
            .replace("@TAG@", lines.tag)
            .replace("@VERSION@", lines.version)
            .replace("@GIT@", GIT_PLACEHOLDER)
        )
    return "".join(out)

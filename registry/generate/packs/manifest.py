"""A pack's manifest, `pack.yaml`: read with the catalogs' safe YAML reader and checked, every
problem located (`pack/pack.yaml:LINE:COL: message`).

```yaml
name: go-constants
description: Go constants for event names and field keys.
model: 1                              # the view model's schema_version the pack is written for
templates:
  - template: constants.go.j2         # a file of the pack
    path: auditevents/constants.go    # its output, under --out (see `paths`)
    each: once                        # once (default), domain or event
    escape: none                      # html or none (default: html for .html/.htm/.xml/.svg)
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from registry.findings import Pointer
from registry.findings.errors import RegistryError
from registry.generate.packs.model import SCHEMA_VERSION
from registry.generate.packs.paths import EACH, pattern_problems

MANIFEST: Final = "pack.yaml"
ESCAPES: Final = ("html", "none")
ESCAPED_SUFFIXES: Final = (".html", ".htm", ".xhtml", ".xml", ".svg")
"""Outputs whose templates are autoescaped (HTML/XML escaping) unless `escape: none`."""
_PACK_KEYS: Final = ("name", "description", "model", "templates")
_TEMPLATE_KEYS: Final = ("template", "path", "each", "escape")
MAX_MANIFEST_BYTES: Final = 1_000_000


class PackError(RegistryError):
    """A pack cannot be rendered: each problem is one located line
    (`pack/file:line[:col]: message`)."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)
        self.problems = problems


@dataclass(frozen=True, slots=True)
class PackTemplate:
    template: str
    """The template file, relative to the pack (POSIX)."""
    path: str
    """The output path pattern, relative to --out."""
    each: str
    autoescape: bool
    where: str
    """`pack/pack.yaml:LINE:COL` of the entry, for the problems found when it renders."""


@dataclass(frozen=True, slots=True)
class Pack:
    root: Path
    display: str
    """The pack directory as the user named it (the prefix of every located message)."""
    name: str
    description: str
    templates: tuple[PackTemplate, ...]

    def shown(self, relative: str) -> str:
        return f"{self.display.rstrip('/')}/{relative}"


class _Checker:
    def __init__(self, pack: str, spans: dict[Pointer, tuple[int, int, int, int]]) -> None:
        self.pack = pack
        self.spans = spans
        self.problems: list[str] = []

    def where(self, pointer: Pointer, at_key: bool = False) -> str:
        probe = pointer
        while probe and probe not in self.spans:
            probe = probe[:-1]
        span = self.spans.get(probe, (1, 1, 1, 1))
        line, column = (span[0], span[1]) if at_key or probe != pointer else (span[2], span[3])
        return f"{self.pack}:{line}:{column}"

    def add(self, pointer: Pointer, message: str, at_key: bool = False) -> None:
        self.problems.append(f"{self.where(pointer, at_key)}: {message}")

    def keys(self, data: dict[str, Any], pointer: Pointer, known: tuple[str, ...]) -> None:
        for key in data:
            if key not in known:
                self.add((*pointer, key), f"unknown key {key!r} (keys: {', '.join(known)})", True)

    def string(self, data: dict[str, Any], pointer: Pointer, key: str) -> str | None:
        value = data.get(key)
        if key not in data:
            self.add(pointer, f"missing {key!r}", True)
        elif not isinstance(value, str) or not value:
            self.add((*pointer, key), f"{key!r} must be a non-empty string")
        else:
            return value
        return None


def load_pack(directory: str) -> Pack:
    """The pack in `directory`; raises PackError listing every problem of its manifest."""
    root = Path(directory)
    manifest = root / MANIFEST
    shown = f"{directory.rstrip('/')}/{MANIFEST}"
    if not root.is_dir():
        raise PackError((f"{directory}: no such directory (a template pack is a directory)",))
    try:
        if manifest.stat().st_size > MAX_MANIFEST_BYTES:
            raise PackError((f"{shown}: larger than {MAX_MANIFEST_BYTES:,} bytes",))
        text = manifest.read_text("utf-8")
    except FileNotFoundError:
        raise PackError((f"{shown}: missing (a pack names its templates there)",)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise PackError((f"{shown}: cannot read: {error}",)) from None
    from registry.catalog.loading.compose import compose

    composed = compose(text, shown)
    if composed.findings:
        raise PackError(
            tuple(f"{f.path}:{f.line}:{f.column}: {f.message}" for f in composed.findings)
        )
    checker = _Checker(shown, composed.spans)
    data = composed.data
    if not isinstance(data, dict):
        raise PackError((f"{shown}:1:1: the manifest must be a mapping",))
    checker.keys(data, (), _PACK_KEYS)
    name = checker.string(data, (), "name") or ""
    description = data.get("description", "")
    if not isinstance(description, str):
        checker.add(("description",), "'description' must be a string")
    _check_model(checker, data)
    templates = data.get("templates")
    entries: list[PackTemplate] = []
    if not isinstance(templates, list) or not templates:
        checker.add(("templates",), "'templates' must be a non-empty list", "templates" not in data)
    else:
        for index, entry in enumerate(templates):
            template = _template(checker, root, entry, ("templates", index))
            if template is not None:
                entries.append(template)
    if checker.problems:
        raise PackError(tuple(checker.problems))
    return Pack(root, directory, name, description or "", tuple(entries))


def _check_model(checker: _Checker, data: dict[str, Any]) -> None:
    model = data.get("model")
    if "model" not in data:
        checker.add(
            (),
            f"missing 'model' (the view model version the pack is written for: {SCHEMA_VERSION})",
            True,
        )
    elif type(model) is not int:
        checker.add(("model",), "'model' must be an integer")
    elif model != SCHEMA_VERSION:
        checker.add(
            ("model",),
            f"the pack is written for view model {model}; this registry provides "
            f"{SCHEMA_VERSION} (docs/templates.md, 'View model')",
        )


def _template(checker: _Checker, root: Path, entry: Any, pointer: Pointer) -> PackTemplate | None:
    if not isinstance(entry, dict):
        checker.add(pointer, "a template entry must be a mapping (template, path, each, escape)")
        return None
    before = len(checker.problems)
    checker.keys(entry, pointer, _TEMPLATE_KEYS)
    template = checker.string(entry, pointer, "template")
    path = checker.string(entry, pointer, "path")
    each = entry.get("each", "once")
    if each not in EACH:
        checker.add((*pointer, "each"), f"'each' must be one of {', '.join(EACH)}")
    escape = entry.get("escape")
    if escape is not None and escape not in ESCAPES:
        checker.add((*pointer, "escape"), f"'escape' must be one of {', '.join(ESCAPES)}")
    if template is not None:
        problem = _template_file_problem(root, template)
        if problem:
            checker.add((*pointer, "template"), problem)
    if path is not None and each in EACH:
        for problem in pattern_problems(path, each):
            checker.add((*pointer, "path"), problem)
    if len(checker.problems) > before or template is None or path is None:
        return None
    autoescape = escape == "html" if escape else path.lower().endswith(ESCAPED_SUFFIXES)
    return PackTemplate(template, path, each, autoescape, checker.where(pointer))


def _template_file_problem(root: Path, template: str) -> str | None:
    parts = template.split("/")
    if template.startswith("/") or "\\" in template or any(p in ("", ".", "..") for p in parts):
        return f"{template!r}: a template is named by its path inside the pack (no '..')"
    if template == MANIFEST:
        return "the manifest is not a template"
    path = root / template
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except OSError:
        inside = False
    if not inside:
        return f"{template!r} leads out of the pack"
    if not path.is_file():
        return f"{template!r}: no such file in the pack"
    return None

"""Render a pack: every template in Jinja's immutable sandbox, undefined names as errors.

The sandbox refuses attributes that start with `_` (`__class__`, `__globals__` ...) and
Python internals, and calls of anything unsafe; the view is frozen and the immutable sandbox
refuses methods that change lists and dicts, so one render cannot alter what the next one sees.
Repetition (`*`) and powers (`**`) that would build a huge value are refused too. Loading
reads files of the pack only (no `..`, no link that leads out). Every error becomes a located
`PackError` line: `pack/file:line: message`.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from registry.generate.docs_model import Constraint, FieldRow
from registry.generate.packs.filters import FILTERS
from registry.generate.packs.manifest import Pack, PackError, PackTemplate
from registry.generate.packs.model import PackDeprecation, PackDomain, PackEvent, PackView
from registry.generate.packs.paths import expand

VIEW_FIELDS: Final = frozenset(
    (view_type, field.name)
    for view_type in (PackView, PackDomain, PackEvent, PackDeprecation, FieldRow, Constraint)
    for field in dataclasses.fields(view_type)
)
"""(type, attribute) of the data the view model holds."""
MAX_REPEAT: Final = 10_000_000
"""Longest string or list a template may build with `*`."""
MAX_EXPONENT: Final = 1_000


def _environment(pack: Pack, autoescape: bool) -> Any:
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    root = pack.root.resolve()

    class PackLoader(jinja2.FileSystemLoader):
        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str, Any]:
            source, filename, uptodate = super().get_source(environment, template)
            if not Path(filename).resolve().is_relative_to(root):
                raise jinja2.TemplateNotFound(template)
            return source, filename, uptodate

    class PackEnvironment(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def getattr(self, obj: Any, attribute: str) -> Any:
            # The view's own fields are plain frozen data: read them without the sandbox's
            # checks (a tenth of the cost of a render); anything else is checked.
            if (type(obj), attribute) in VIEW_FIELDS:
                return getattr(obj, attribute)
            return super().getattr(obj, attribute)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
                raise jinja2.exceptions.SecurityError(f"exponent larger than {MAX_EXPONENT}")
            if operator == "*":
                for sized, times in ((left, right), (right, left)):
                    if (
                        isinstance(sized, str | list | tuple)
                        and isinstance(times, int)
                        and len(sized) * times > MAX_REPEAT
                    ):
                        raise jinja2.exceptions.SecurityError(
                            f"repetition longer than {MAX_REPEAT:,}"
                        )
            return super().call_binop(context, operator, left, right)

    env = PackEnvironment(
        loader=PackLoader(str(root)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=autoescape,
    )
    env.filters.update(FILTERS)
    return env


def _renders(
    template: PackTemplate, view: PackView
) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """(output path, what it is rendered for, context) of each render of `template`."""
    if template.each == "once":
        yield template.path, "", {"model": view}
    elif template.each == "domain":
        for domain in view.domains:
            context = {"model": view, "domain": domain, "events": view.domain_events(domain)}
            yield expand(template.path, {"domain": domain.name}), f"domain {domain.name}", context
    else:
        domains = {d.name: d for d in view.domains}
        for event in view.events:
            names = {"domain": event.domain, "event": event.name}
            context = {"model": view, "domain": domains[event.domain], "event": event}
            yield expand(template.path, names), f"event {event.name}", context


def render_pack(pack: Pack, view: PackView) -> dict[str, str]:
    """Relative output path -> text, for every template of `pack`."""
    import jinja2

    files: dict[str, str] = {}
    written_by: dict[str, str] = {}
    environments: dict[bool, Any] = {}
    for template in pack.templates:
        env = environments.get(template.autoescape)
        if env is None:
            env = environments[template.autoescape] = _environment(pack, template.autoescape)
        try:
            compiled = env.get_template(template.template)
        except jinja2.TemplateSyntaxError as error:
            raise PackError((_syntax(pack, error),)) from None
        except Exception as error:  # noqa: BLE001 - unreadable file, loader refusal
            raise PackError((f"{pack.shown(template.template)}: {_message(error)}",)) from None
        for path, subject, context in _renders(template, view):
            if path in written_by:
                raise PackError(
                    (
                        (
                            f"{template.where}: {path} is written twice "
                            f"({written_by[path] or 'once'} and {subject or 'once'}); "
                            "put a placeholder in the path that tells them apart"
                        ),
                    )
                )
            written_by[path] = subject
            try:
                files[path] = text = compiled.render(context)
                text.encode("utf-8")
            except UnicodeEncodeError as error:
                raise PackError(
                    (
                        (
                            f"{pack.shown(template.template)}: {path}: the output is not UTF-8 text "
                            f"(a lone surrogate at character {error.start})"
                        ),
                    )
                ) from None
            except jinja2.TemplateSyntaxError as error:  # an included template
                raise PackError((_syntax(pack, error),)) from None
            except Exception as error:  # noqa: BLE001 - a template may raise anything
                where = _where(pack, error) or pack.shown(template.template)
                rendering = f" (rendering {subject})" if subject else ""
                raise PackError((f"{where}: {_message(error)}{rendering}",)) from None
    return files


def _message(error: BaseException) -> str:
    import jinja2

    text = getattr(error, "message", None) or str(error)
    if isinstance(error, jinja2.TemplateNotFound):
        text = f"template {error.name!r} not found in the pack"
    elif not isinstance(error, jinja2.TemplateError):
        text = f"{type(error).__name__}: {text}"
    return " ".join(str(text).split())


def _shown_file(pack: Pack, filename: str | None) -> str | None:
    if not filename:
        return None
    try:
        relative = Path(filename).resolve().relative_to(pack.root.resolve())
    except (ValueError, OSError):
        return None
    return pack.shown(relative.as_posix())


def _syntax(pack: Pack, error: Any) -> str:
    shown = _shown_file(pack, error.filename) or pack.shown(error.name or "?")
    return f"{shown}:{error.lineno}: {_message(error)}"


def _where(pack: Pack, error: BaseException) -> str | None:
    """`pack/file:line` of the innermost template frame of the error's traceback (Jinja
    rewrites template frames to the template's file and line)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        shown = _shown_file(pack, frame.filename)
        if shown is not None and frame.lineno:
            return f"{shown}:{frame.lineno}"
    return None


def refuse_outside(out: Path, files: Mapping[str, str]) -> None:
    """Raise PackError when a link already in `out` would send an output elsewhere."""
    if not out.exists():
        return
    root = out.resolve()
    for path in sorted(files):
        if not (out / path).parent.resolve().is_relative_to(root):
            raise PackError((f"{out / path}: a link in --out leads outside it; not writing",))
